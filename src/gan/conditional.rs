//! A conditional GAN (Mirza & Osindero 2014): the class label `y` is given to G and to D, so
//! that G learns `p(x | y)` and can be asked for a chosen class.
//!
//! ```text
//! G(z, y) = MLP_G([z, e_y]),   D(x, y) = MLP_D([x, e_y])          e_y the one-hot of y ∈ {0, …, K−1}
//! V(G, D) = E_{(x, y) ~ p_data} log D(x, y) + E_{z ~ p_z, y ~ U{0…K−1}} log(1 − D(G(z, y), y))
//! ```
//! It is an ordinary GAN on the joint `(x, e_y)`, built on the open API
//! ([`Gan::from_networks`]), so every [`Objective`](super::Objective), the optimizers, the
//! schedule and packing (packs of `(x, e_y)` pairs) apply unchanged:
//! - the real rows are `[x, e_y]` ([`with_one_hot`]);
//! - the noise is `(z, u)`: `z` of `noise_size` columns and `u` of `K`, all drawn from the
//!   prior; the label is `y = argmax_k u_k`, uniform over the `K` classes because the `u_k`
//!   are independent and identically distributed;
//! - G ([`ConditionalGenerator`]) is an [`Mlp`] on `[z, e_y]` (the last `K` inputs are the
//!   one-hot label, the layout of a checkpoint with `"classes": K`) whose output is passed on
//!   as `[G(z, y), e_y]`, so D judges each sample with the label it was made for.
//!
//! The gradient reaches G through the image columns only: `e_y` is a constant of the tape
//! (`∂[x, e_y]/∂u = 0`). With WGAN-GP the interpolates `x̂` mix the labels as well as the
//! images: the penalty holds D 1-Lipschitz on the joint space. Notebook:
//! `notebooks-md/06_mode_collapse.md`.

use super::{Gan, GanConfig, GanError};
use crate::autograd::{ParamId, Var};
use crate::nn::{Activation, Mlp, Mode, Network, ParamStore};
use crate::Float;
use ndarray::{s, Array2, ArrayView2, Axis};
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};

/// A GAN whose G is told the class ([`conditional_gan`]).
pub type ConditionalGan<T = f32> = Gan<T, ConditionalGenerator, Mlp>;

/// G of a conditional GAN: `(z, u) ↦ [MLP([z, e_y]), e_y]` with `y = argmax u`; see the
/// module doc.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionalGenerator {
    mlp: Mlp,
    classes: usize,
}

impl ConditionalGenerator {
    /// G on `mlp`, whose last `classes` inputs are the one-hot label.
    ///
    /// # Panics
    /// If `classes` is 0 or `mlp` does not take more than `classes` inputs.
    #[track_caller]
    pub fn new(mlp: Mlp, classes: usize) -> Self {
        assert!(
            classes > 0 && mlp.input_size() > classes,
            "ConditionalGenerator: the Mlp takes {} inputs, which must be z and the {classes} \
             one-hot label columns (classes ≥ 1, z at least one column)",
            mlp.input_size()
        );
        ConditionalGenerator { mlp, classes }
    }

    /// The network `[z, e_y] ↦ x`.
    pub fn mlp(&self) -> &Mlp {
        &self.mlp
    }

    /// `K`, the number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Columns of `z`.
    pub fn latent_size(&self) -> usize {
        self.mlp.input_size() - self.classes
    }

    /// Columns of an image `x` (G's output without the label).
    pub fn image_size(&self) -> usize {
        self.mlp.output_size()
    }
}

impl<T: Float> Network<T> for ConditionalGenerator {
    /// `[MLP([z, e_y]), e_y]` with `y = argmax u` per row of the noise `(z, u)`. The input
    /// of the MLP is `(z, u)·diag(1, …, 1, 0, …, 0) + [0, e_y]`, so `∂/∂z` is the MLP's and
    /// `∂/∂u = 0`.
    ///
    /// # Panics
    /// If the noise does not have `latent_size + classes` columns.
    #[track_caller]
    fn forward<'t>(&self, params: &ParamStore<T>, noise: Var<'t, T>, mode: Mode) -> Var<'t, T> {
        let (rows, cols) = noise.shape();
        let (width, latent) = (self.mlp.input_size(), self.latent_size());
        assert!(
            cols == width,
            "ConditionalGenerator::forward: the noise is {rows} × {cols}, G takes {width} \
             columns ({latent} of z, then {} whose argmax is the label)",
            self.classes
        );
        let labels = argmax_rows(noise.value().slice(s![.., latent..]));
        let label_columns: Array2<T> = one_hot(&labels, self.classes);
        let keep_z = Array2::from_shape_fn((width, width), |(i, j)| {
            if i == j && i < latent {
                T::one()
            } else {
                T::zero()
            }
        });
        let mut placed = Array2::zeros((rows, width));
        placed.slice_mut(s![.., latent..]).assign(&label_columns);
        let tape = noise.tape();
        let input = noise.matmul(tape.constant(&keep_z)) + tape.constant(&placed);
        let image = self.mlp.forward(params, input, mode);
        concat_columns(image, tape.constant(&label_columns))
    }

    fn params(&self) -> Vec<ParamId> {
        self.mlp.params()
    }

    fn input_size(&self) -> usize {
        self.mlp.input_size()
    }

    fn output_size(&self) -> usize {
        self.mlp.output_size() + self.classes
    }
}

/// A conditional GAN for images of `dim` pixels in `classes` classes, shaped by `config` as
/// [`Gan::new`] shapes one: G `(noise_size + K) → generator_hidden… → dim` (a
/// [`ConditionalGenerator`]), D `packing·(dim + K) → discriminator_hidden… → 1`. Its
/// [`config`](Gan::config) has `noise_size + K` noise columns (`z`, then `u`). The weights
/// are drawn from a stream apart from training's (`seed + 0x9e37_79b9_7f4a_7c15`).
///
/// # Errors
/// [`GanError::InvalidConfig`] for a bad configuration, `dim = 0` or `classes = 0`.
pub fn conditional_gan<T: Float>(
    config: GanConfig,
    dim: usize,
    classes: usize,
) -> Result<ConditionalGan<T>, GanError> {
    config.validate::<T>()?;
    if dim == 0 || classes == 0 {
        let reason =
            format!("a conditional GAN needs dim ≥ 1 and classes ≥ 1, got {dim} and {classes}");
        return Err(GanError::InvalidConfig {
            field: "data",
            reason,
        });
    }
    let mut rng = StdRng::seed_from_u64(config.seed.wrapping_add(0x9e37_79b9_7f4a_7c15));
    let mut params = ParamStore::new();
    let sizes = |first, hidden: &[usize], last| [&[first][..], hidden, &[last]].concat();
    let noise_size = config.noise_size + classes;
    let mlp = Mlp::builder(&sizes(noise_size, &config.generator_hidden, dim))
        .hidden(config.generator_activation)
        .output(config.generator_output)
        .build(&mut params, "generator", &mut rng);
    let packed = config.packing * (dim + classes);
    let discriminator = Mlp::builder(&sizes(packed, &config.discriminator_hidden, 1))
        .hidden(config.discriminator_activation)
        .output(Activation::Identity)
        .build(&mut params, "discriminator", &mut rng);
    let config = GanConfig {
        noise_size,
        ..config
    };
    let generator = ConditionalGenerator::new(mlp, classes);
    Gan::from_networks(config, params, generator, discriminator)
}

impl<T: Float> Gan<T, ConditionalGenerator, Mlp> {
    /// `n` images `G(z, y = class)` (n × image size, the label columns dropped): the noise
    /// drawn from `seed` as [`Gan::sample`] draws it, its `u` part set to `e_class` (whose
    /// argmax is `class`). Row `i` is row `i` of `sample(n, seed)` asked for `class`.
    ///
    /// # Panics
    /// If `class` is not below the number of classes.
    #[track_caller]
    pub fn sample_class(&self, class: usize, n: usize, seed: u64) -> Array2<T> {
        let (classes, latent) = (self.generator().classes(), self.generator().latent_size());
        assert!(
            class < classes,
            "ConditionalGan::sample_class: class {class}, the GAN knows classes 0 … {}",
            classes - 1
        );
        let mut noise = Array2::zeros((n, latent + classes));
        self.config()
            .prior
            .fill(&mut StdRng::seed_from_u64(seed), &mut noise);
        let label = one_hot::<T>(&[class], classes);
        for mut row in noise.rows_mut() {
            row.slice_mut(s![latent..]).assign(&label.row(0));
        }
        let joint = self.generate(noise.view());
        joint
            .slice(s![.., ..self.generator().image_size()])
            .to_owned()
    }

    /// `per_class` images of each class `0, 1, …, K−1` in turn (`K·per_class` rows) and their
    /// labels; every class gets the same `z` ([`sample_class`](Gan::sample_class) with `seed`),
    /// so image `j` of each class differs only by the label.
    pub fn sample_by_class(&self, per_class: usize, seed: u64) -> (Array2<T>, Vec<usize>) {
        let classes = self.generator().classes();
        let parts: Vec<Array2<T>> = (0..classes)
            .map(|class| self.sample_class(class, per_class, seed))
            .collect();
        let views: Vec<ArrayView2<T>> = parts.iter().map(|p| p.view()).collect();
        let images = ndarray::concatenate(Axis(0), &views).expect("equal widths");
        let labels = (0..classes)
            .flat_map(|class| std::iter::repeat_n(class, per_class))
            .collect();
        (images, labels)
    }
}

/// The real rows of a conditional GAN: `[x_i, e_{y_i}]`, the images (n × d) beside the one-hot
/// of their labels (n × K).
///
/// # Panics
/// If there are not as many labels as images, or a label is not below `classes` (the message
/// names both).
#[track_caller]
pub fn with_one_hot<T: Float>(
    images: ArrayView2<T>,
    labels: &[usize],
    classes: usize,
) -> Array2<T> {
    let (n, d) = images.dim();
    assert!(
        labels.len() == n,
        "with_one_hot: the images are {n} × {d}, the labels {}: one label per image",
        labels.len()
    );
    if let Some(i) = labels.iter().position(|&y| y >= classes) {
        panic!(
            "with_one_hot: label {} of image {i} is not below classes = {classes}",
            labels[i]
        );
    }
    let mut rows = Array2::zeros((n, d + classes));
    rows.slice_mut(s![.., ..d]).assign(&images);
    rows.slice_mut(s![.., d..])
        .assign(&one_hot::<T>(labels, classes));
    rows
}

/// `[A, B]` (n × p and n × q → n × (p + q)) from the tape's ops: `[A, B] = [Aᵀ; Bᵀ]ᵀ` with
/// `Aᵀ = Aᵀ·I_n` (`matmul_tn`) and `Mᵀ = I_n·Mᵀ` (`matmul_nt`), n²(p + q) multiplications
/// (the batch n is far below the width p of an image). Derivative: `∂L/∂A` is the first `p`
/// columns of `∂L/∂[A, B]`, `∂L/∂B` the last `q`.
///
/// # Panics
/// If the row counts differ (the message names both shapes).
#[track_caller]
fn concat_columns<'t, T: Float>(a: Var<'t, T>, b: Var<'t, T>) -> Var<'t, T> {
    let ((n, p), (m, q)) = (a.shape(), b.shape());
    assert!(
        n == m,
        "concat_columns: A is {n} × {p}, B is {m} × {q}: the row counts differ"
    );
    let identity = a.tape().constant(&Array2::eye(n));
    let stacked = a.matmul_tn(identity).concat_rows(b.matmul_tn(identity));
    identity.matmul_nt(stacked)
}

/// `argmax_k u_ik` of each row (the first of equal maxima).
fn argmax_rows<T: Float>(u: ArrayView2<T>) -> Vec<usize> {
    u.rows()
        .into_iter()
        .map(|row| (0..row.len()).fold(0, |best, k| if row[k] > row[best] { k } else { best }))
        .collect()
}

/// Row `i` is `e_{labels[i]}` (length `classes`).
fn one_hot<T: Float>(labels: &[usize], classes: usize) -> Array2<T> {
    Array2::from_shape_fn((labels.len(), classes), |(i, k)| {
        if labels[i] == k {
            T::one()
        } else {
            T::zero()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autograd::{gradcheck, Tape};
    use ndarray::array;

    #[test]
    fn columns_concatenate_and_their_gradient_splits() {
        let tape = Tape::<f64>::new();
        let a = tape.constant(&array![[1.0, 2.0], [3.0, 4.0]]);
        let b = tape.constant(&array![[5.0], [6.0]]);
        assert_eq!(
            *concat_columns(a, b).value(),
            array![[1.0, 2.0, 5.0], [3.0, 4.0, 6.0]]
        );
        let w = array![[0.5, -1.0, 2.0], [3.0, 0.25, -0.75]];
        gradcheck(
            &[array![[0.3, -1.2], [0.7, 2.0]], array![[1.5], [-0.4]]],
            |tape, v| (concat_columns(v[0], v[1]) * tape.constant(&w)).sum(),
        )
        .assert_below(1e-6);
    }

    #[test]
    #[should_panic(expected = "concat_columns: A is 2 × 1, B is 3 × 1: the row counts differ")]
    fn columns_of_different_heights_do_not_concatenate() {
        let tape = Tape::<f64>::new();
        concat_columns(
            tape.constant(&Array2::zeros((2, 1))),
            tape.constant(&Array2::zeros((3, 1))),
        );
    }

    #[test]
    fn the_label_is_the_argmax_of_u_and_one_hot_rows_follow_the_images() {
        assert_eq!(
            argmax_rows(array![[0.1, 0.9, -2.0], [3.0, 1.0, 3.0]].view()),
            [1, 0]
        );
        let rows = with_one_hot(array![[0.5], [0.25]].view(), &[2, 0], 3);
        assert_eq!(rows, array![[0.5, 0.0, 0.0, 1.0], [0.25, 1.0, 0.0, 0.0]]);
    }
}
