//! A GAN's two networks as one checkpoint PyTorch can load (the layout of
//! [`save_torch`](crate::nn::save_torch): `generator.{2l}.weight` `[out, in]`, `…bias` `[out]`,
//! the same under `discriminator.`, each network's shape in `adversarial.generator` /
//! `adversarial.discriminator`), and the generator read back from one ([`SavedGenerator`]).
//!
//! The generator's JSON adds to its shape what drawing samples needs ([`Sampling`]):
//! - `"prior"`: `"normal"`, `"uniform"` or `"categorical-normal"` (with `"prior_categories"`
//!   and `"prior_scale"`), the noise `z ~ p_z` ([`Prior`]; absent, as in a file PyTorch wrote
//!   without it: normal);
//! - `"data_scale"`, `"data_offset"`: a sample in the data's units is
//!   `data_scale · G(z) + data_offset` (absent: 1 and 0). `gan_2d` trains on the data divided
//!   by its extent (`data_scale` = the extent), `gan_mnist` on pixels in `[−1, 1]`
//!   (`data_scale` = `data_offset` = ½, so samples are in `[0, 1]`).
//!
//! The discriminator's JSON has `"packing": m`: it judges `m` samples concatenated, so its
//! `sizes[0]` is `m ·` the data's dimension (and D of a single sample `x` is D of the pack
//! `(x, …, x)`, as [`Gan::discriminate`] scores it). A conditional generator has
//! `"classes": K`: its input is `[z, one-hot(label)]`.
//!
//! Notebook: `notebooks-md/01_core_idea.md` (G and D); the README shows the file loaded in
//! PyTorch.

use super::{ConditionalGenerator, Gan, Prior};
use crate::autograd::Tape;
use crate::nn::{
    load_torch, read_network, spec_json, write_networks, CheckpointError, Mlp, MlpSpec, Mode,
    TorchMlp,
};
use crate::Float;
use ndarray::{s, Array2, ArrayView2};
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use std::path::Path;

/// How a generator's samples are drawn and put in the data's units (module docs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sampling {
    /// `p_z`.
    pub prior: Prior,
    /// A sample is `data_scale · G(z) + data_offset`.
    pub data_scale: f64,
    /// See [`data_scale`](Sampling::data_scale).
    pub data_offset: f64,
}

impl Default for Sampling {
    /// Normal noise, samples as G gives them.
    fn default() -> Self {
        Sampling {
            prior: Prior::Normal,
            data_scale: 1.0,
            data_offset: 0.0,
        }
    }
}

/// Why a label does not fit a generator ([`SavedGenerator::generate`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClassError {
    /// A class for a generator that takes none.
    #[error("the generator is not conditional, it takes no class (got class {class})")]
    NotConditional { class: usize },
    /// No class for a conditional generator.
    #[error("the generator is conditional on {classes} classes: give a class from 0 to {}", classes - 1)]
    Missing { classes: usize },
    /// A class past the last.
    #[error("class {class} is out of range: the generator has {classes} classes (0 to {})", classes - 1)]
    OutOfRange { class: usize, classes: usize },
}

/// Writes `generator` and `discriminator` (their parameters in `params`) to `path` in
/// PyTorch's layout (module docs), with `sampling` in the generator's JSON; atomically, with
/// the CRC-32 digest.
///
/// # Errors
/// [`CheckpointError::Io`] if the file cannot be written; the previous file is kept.
///
/// # Panics
/// At the caller, if a spec is not its network's ([`save_torch`](crate::nn::save_torch)),
/// `sampling`'s scale or offset is not finite, or its prior does not fit the generator's
/// noise ([`Prior::validate`]: a file [`SavedGenerator::load`] would refuse is never
/// written).
#[track_caller]
pub fn save_checkpoint<T: Float>(
    path: impl AsRef<Path>,
    params: &crate::nn::ParamStore<T>,
    (generator, generator_spec): (&Mlp, &MlpSpec),
    (discriminator, discriminator_spec): (&Mlp, &MlpSpec),
    sampling: Sampling,
) -> Result<(), CheckpointError> {
    let (scale, offset) = (sampling.data_scale, sampling.data_offset);
    assert!(
        scale.is_finite() && offset.is_finite(),
        "save_checkpoint: data_scale = {scale} and data_offset = {offset} must be finite"
    );
    let inputs = generator_spec.sizes.first().copied().unwrap_or(0);
    let noise_size = inputs.saturating_sub(generator_spec.classes.unwrap_or(0));
    if let Err(reason) = sampling.prior.validate(noise_size) {
        panic!("save_checkpoint: the prior does not fit the generator: {reason}");
    }
    let mut g = spec_json("generator", generator, generator_spec);
    sampling.prior.write_json(&mut g);
    g.insert("data_scale".into(), scale.into());
    g.insert("data_offset".into(), offset.into());
    let networks = [
        ("generator", generator, g),
        (
            "discriminator",
            discriminator,
            spec_json("discriminator", discriminator, discriminator_spec),
        ),
    ];
    write_networks(path.as_ref(), params, &networks)
}

impl<T: Float> Gan<T, Mlp, Mlp> {
    /// Writes G and D to `path` in PyTorch's layout (module docs): the prior from the
    /// configuration, samples in G's own units, D's packing.
    ///
    /// # Errors
    /// [`CheckpointError::Io`] if the file cannot be written; the previous file is kept.
    pub fn save_checkpoint(&self, path: impl AsRef<Path>) -> Result<(), CheckpointError> {
        self.save_checkpoint_in_units(path, 1.0, 0.0)
    }

    /// [`save_checkpoint`](Gan::save_checkpoint) for a GAN trained on data `x` in other units
    /// than the data's own: the data's samples are `data_scale · G(z) + data_offset`.
    ///
    /// # Errors
    /// As [`save_checkpoint`](Gan::save_checkpoint).
    ///
    /// # Panics
    /// If the scale or the offset is not finite.
    #[track_caller]
    pub fn save_checkpoint_in_units(
        &self,
        path: impl AsRef<Path>,
        data_scale: f64,
        data_offset: f64,
    ) -> Result<(), CheckpointError> {
        let generator_spec = MlpSpec::of(&self.generator);
        let discriminator_spec = MlpSpec {
            packing: Some(self.config.packing),
            ..MlpSpec::of(&self.discriminator)
        };
        let sampling = Sampling {
            prior: self.config.prior,
            data_scale,
            data_offset,
        };
        save_checkpoint(
            path,
            &self.sampling_params(),
            (&self.generator, &generator_spec),
            (&self.discriminator, &discriminator_spec),
            sampling,
        )
    }
}

impl<T: Float> Gan<T, ConditionalGenerator, Mlp> {
    /// A conditional GAN's checkpoint ([`conditional_gan`](super::conditional_gan)): G's
    /// `Mlp` on `[z, e_y]` with `"classes": K` in its JSON (its last `K` inputs are the
    /// one-hot label, what `generate --class` fills in), D on `[x, e_y]` with its packing;
    /// samples are `data_scale · G(z, y) + data_offset`.
    ///
    /// # Errors
    /// As [`save_checkpoint`](Gan::save_checkpoint).
    ///
    /// # Panics
    /// If the scale or the offset is not finite.
    #[track_caller]
    pub fn save_conditional_checkpoint(
        &self,
        path: impl AsRef<Path>,
        data_scale: f64,
        data_offset: f64,
    ) -> Result<(), CheckpointError> {
        let generator = self.generator.mlp();
        let generator_spec = MlpSpec {
            classes: Some(self.generator.classes()),
            ..MlpSpec::of(generator)
        };
        let discriminator_spec = MlpSpec {
            packing: Some(self.config.packing),
            ..MlpSpec::of(&self.discriminator)
        };
        let sampling = Sampling {
            prior: self.config.prior,
            data_scale,
            data_offset,
        };
        save_checkpoint(
            path,
            &self.sampling_params(),
            (generator, &generator_spec),
            (&self.discriminator, &discriminator_spec),
            sampling,
        )
    }
}

impl<T: Float> Gan<T, Mlp, Mlp> {
    /// Overwrites G's and D's parameters with those of a checkpoint in PyTorch's layout (one
    /// [`save_checkpoint`](Gan::save_checkpoint) wrote, to train on from there). Nothing is
    /// changed unless both networks in the file have this GAN's shapes.
    ///
    /// # Errors
    /// Those of [`load_torch`], and [`CheckpointError::Metadata`] naming the network whose
    /// sizes or activations are not this GAN's.
    pub fn load_checkpoint(&mut self, path: impl AsRef<Path>) -> Result<(), CheckpointError> {
        let path = path.as_ref();
        let mut values = Vec::new();
        for (name, own) in [
            ("generator", &self.generator),
            ("discriminator", &self.discriminator),
        ] {
            let saved = load_torch::<T>(path, name)?;
            let theirs = MlpSpec {
                classes: None,
                packing: None,
                ..saved.spec.clone()
            };
            if theirs != MlpSpec::of(own) {
                let (s, a) = (&theirs.sizes, theirs.activations());
                return Err(CheckpointError::Metadata {
                    path: path.to_owned(),
                    key: format!("adversarial.{name}"),
                    reason: format!(
                        "the file's {name} has sizes {s:?} and activations {a:?}, this GAN's {:?} and {:?}",
                        MlpSpec::of(own).sizes,
                        own.activations()
                    ),
                });
            }
            for (mine, file) in own.params().into_iter().zip(saved.mlp.params()) {
                values.push((mine, saved.params.get(file).clone()));
            }
        }
        for (id, value) in values {
            self.params.get_mut(id).assign(&value);
        }
        self.start_generator_average();
        Ok(())
    }
}

/// A generator read back from a checkpoint in PyTorch's layout (written by
/// [`Gan::save_checkpoint`] or by PyTorch, module docs).
#[derive(Clone, Debug)]
pub struct SavedGenerator<T: Float = f32> {
    network: TorchMlp<T>,
    sampling: Sampling,
}

impl<T: Float> SavedGenerator<T> {
    /// Loads `adversarial.generator` and the `generator.*` tensors of `path`.
    ///
    /// # Errors
    /// Those of [`load_torch`](crate::nn::load_torch), and [`CheckpointError::Metadata`] for
    /// a `prior` other than `"normal"`, `"uniform"` or a `"categorical-normal"` that fits the
    /// generator's noise, or a `data_scale` / `data_offset` that is not a finite number.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, CheckpointError> {
        let path = path.as_ref();
        let (network, object) = read_network(path, "generator")?;
        let bad = |reason: String| CheckpointError::Metadata {
            path: path.to_owned(),
            key: "adversarial.generator".into(),
            reason,
        };
        let latent = network.spec.sizes[0].saturating_sub(network.spec.classes.unwrap_or(0));
        let prior = Prior::read_json(&object, latent).map_err(bad)?;
        let number = |field: &str, default: f64| match object.get(field) {
            None => Ok(default),
            Some(value) => (value.as_f64().filter(|v| v.is_finite()))
                .ok_or_else(|| bad(format!("`{field}` must be a finite number, got {value}"))),
        };
        let sampling = Sampling {
            prior,
            data_scale: number("data_scale", 1.0)?,
            data_offset: number("data_offset", 0.0)?,
        };
        Ok(SavedGenerator { network, sampling })
    }

    /// The network, its parameters and its spec.
    pub fn network(&self) -> &TorchMlp<T> {
        &self.network
    }

    /// The prior and the data's units.
    pub fn sampling(&self) -> Sampling {
        self.sampling
    }

    /// `K` for a conditional generator.
    pub fn classes(&self) -> Option<usize> {
        self.network.spec.classes
    }

    /// The dimension of `z`: G's inputs less the `K` of the label.
    pub fn noise_size(&self) -> usize {
        self.network.spec.sizes[0] - self.classes().unwrap_or(0)
    }

    /// The dimension of a sample (G's outputs).
    pub fn dim(&self) -> usize {
        self.network.mlp.output_size()
    }

    /// `n` noise rows `z ~ p_z` drawn from `seed`, as [`Gan::sample`] draws them (so this
    /// generator's samples of a seed are the trained GAN's, bit for bit).
    pub fn noise(&self, n: usize, seed: u64) -> Array2<T> {
        let mut noise = Array2::zeros((n, self.noise_size()));
        let mut rng = StdRng::seed_from_u64(seed);
        self.sampling.prior.fill(&mut rng, &mut noise);
        noise
    }

    /// The samples `data_scale · G(z) + data_offset` of the noise rows `z`, with the label
    /// `class` one-hot after them for a conditional generator: `G([z, e_class])`.
    ///
    /// # Errors
    /// [`ClassError`] if `class` is given to a generator that takes none, missing for one
    /// that needs it, or not below its `K`.
    ///
    /// # Panics
    /// If `noise` does not have [`noise_size`](SavedGenerator::noise_size) columns (at the
    /// caller).
    #[track_caller]
    pub fn generate(
        &self,
        noise: ArrayView2<T>,
        class: Option<usize>,
    ) -> Result<Array2<T>, ClassError> {
        let (rows, cols) = noise.dim();
        assert!(
            cols == self.noise_size(),
            "SavedGenerator::generate: the noise is {rows} × {cols}, G takes {} noise values per row",
            self.noise_size()
        );
        let input = match (self.classes(), class) {
            (None, None) => noise.to_owned(),
            (None, Some(class)) => return Err(ClassError::NotConditional { class }),
            (Some(classes), None) => return Err(ClassError::Missing { classes }),
            (Some(classes), Some(class)) if class >= classes => {
                return Err(ClassError::OutOfRange { class, classes })
            }
            (Some(classes), Some(class)) => {
                let mut input = Array2::zeros((rows, cols + classes));
                input.slice_mut(s![.., ..cols]).assign(&noise);
                input.column_mut(cols + class).fill(T::lit(1.0));
                input
            }
        };
        let tape = Tape::new();
        let network = &self.network;
        let out = network
            .mlp
            .forward(&network.params, tape.constant(&input), Mode::Frozen);
        let Sampling {
            data_scale,
            data_offset,
            ..
        } = self.sampling;
        // Each operation only when it changes something, so that unit scale and zero offset
        // give G's outputs bit for bit (x · 1 + 0 would turn −0 into +0).
        let mut samples = out.value().clone();
        if data_scale != 1.0 {
            let scale = T::lit(data_scale);
            samples.mapv_inplace(|x| x * scale);
        }
        if data_offset != 0.0 {
            let offset = T::lit(data_offset);
            samples.mapv_inplace(|x| x + offset);
        }
        Ok(samples)
    }
}
