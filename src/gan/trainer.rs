//! [`Gan`]: the two networks, their parameters, objective and optimizers; building one and
//! running the training loop. The updates themselves are in `step.rs`; sampling G, scoring
//! with D and the accessors, in `access.rs`.

use super::{GanConfig, GanError, History, HistoryRow, Objective, RealData};
use crate::autograd::{Gradients, ParamId, Tape};
use crate::nn::{Activation, Mlp, Network, ParamStore};
use crate::optim::Optimizer;
use crate::parallel::ThreadChoice;
use crate::Float;
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};

/// A generator `G` and a discriminator `D` (any [`Network`]s; two [`Mlp`]s by default) with
/// their parameters in one [`ParamStore`], an [`Objective`] and one optimizer each.
///
/// Two ways in: [`Gan::new`] builds both `Mlp`s from a [`GanConfig`]; [`Gan::from_networks`]
/// takes networks built by the caller. [`with_objective`](Gan::with_objective) and
/// [`with_optimizers`](Gan::with_optimizers) replace what the configuration chose.
pub struct Gan<T: Float = f32, G = Mlp, D = Mlp> {
    pub(super) config: GanConfig,
    pub(super) params: ParamStore<T>,
    pub(super) generator: G,
    pub(super) discriminator: D,
    pub(super) generator_ids: Vec<ParamId>,
    pub(super) discriminator_ids: Vec<ParamId>,
    pub(super) objective: Box<dyn Objective<T>>,
    pub(super) generator_optimizer: Box<dyn Optimizer<T> + Send>,
    pub(super) discriminator_optimizer: Box<dyn Optimizer<T> + Send>,
    /// `η₀` of G and D, which the schedule scales.
    pub(super) base_rates: (f64, f64),
    pub(super) rng: StdRng,
    pub(super) tape: Tape<T>,
    pub(super) grads: Gradients<T>,
    /// The real batch (B × dim), the noise (B × noise size), and WGAN-GP's `ε` (one per
    /// row D sees: B/m × 1), reused every step.
    pub(super) real: Array2<T>,
    pub(super) noise: Array2<T>,
    pub(super) epsilon: Array2<T>,
    pub(super) steps_done: usize,
    /// `θ̄_G`, one array per id of `generator_ids`, if the configuration averages G
    /// (`average.rs`).
    pub(super) generator_average: Option<Vec<Array2<f64>>>,
    /// Sums of `(d_loss, g_loss, d_real, d_fake)` since the last logged row, and their count.
    log_sums: [f64; 4],
    log_count: usize,
    /// Whether steps run split across the rayon pool or serially (`parallel`).
    pub(super) threads: ThreadChoice,
}

impl<T: Float> Gan<T> {
    /// G: `noise_size → generator_hidden… → dim`, D: `packing·dim → discriminator_hidden… → 1`
    /// (a logit or a critic score, no output activation), weights drawn from `config.seed`.
    ///
    /// # Errors
    /// [`GanError::InvalidConfig`] for a bad configuration or `dim = 0`.
    pub fn new(config: GanConfig, dim: usize) -> Result<Self, GanError> {
        config.validate::<T>()?;
        if dim == 0 {
            let reason = "the data has dimension 0".to_owned();
            return Err(GanError::InvalidConfig {
                field: "data",
                reason,
            });
        }
        let mut rng = StdRng::seed_from_u64(config.seed);
        let mut params = ParamStore::new();
        let sizes = |first, hidden: &[usize], last| [&[first][..], hidden, &[last]].concat();
        let generator = Mlp::builder(&sizes(config.noise_size, &config.generator_hidden, dim))
            .hidden(config.generator_activation)
            .output(config.generator_output)
            .build(&mut params, "generator", &mut rng);
        let packed_size = dim * config.packing;
        let discriminator = Mlp::builder(&sizes(packed_size, &config.discriminator_hidden, 1))
            .hidden(config.discriminator_activation)
            .output(Activation::Identity)
            .build(&mut params, "discriminator", &mut rng);
        Ok(Gan::assemble(config, params, generator, discriminator, rng))
    }
}

impl<T: Float, G: Network<T>, D: Network<T>> Gan<T, G, D> {
    /// A GAN of the caller's networks, whose parameters are in `params`; everything else
    /// (objective, optimizers, schedule, `k`, batch, prior, packing, seed) from `config`,
    /// whose shape fields are not used. The data dimension is G's output size.
    ///
    /// # Errors
    /// [`GanError::InvalidConfig`] for a bad configuration, or networks that do not fit:
    /// G must take `noise_size` inputs, D must take `packing ×` G's outputs and give one score.
    pub fn from_networks(
        config: GanConfig,
        params: ParamStore<T>,
        generator: G,
        discriminator: D,
    ) -> Result<Self, GanError> {
        config.validate::<T>()?;
        let bad = |field, reason: String| Err(GanError::InvalidConfig { field, reason });
        if generator.input_size() != config.noise_size {
            let (g, z) = (generator.input_size(), config.noise_size);
            return bad("generator", format!("takes {g} inputs, noise_size is {z}"));
        }
        let packed = generator.output_size() * config.packing;
        if discriminator.input_size() != packed || discriminator.output_size() != 1 {
            let (i, o) = (discriminator.input_size(), discriminator.output_size());
            let reason = format!(
                "is {i} → {o}, needs {packed} → 1 (packing {} × G's {} outputs → one score)",
                config.packing,
                generator.output_size()
            );
            return bad("discriminator", reason);
        }
        let rng = StdRng::seed_from_u64(config.seed);
        Ok(Gan::assemble(config, params, generator, discriminator, rng))
    }

    fn assemble(
        config: GanConfig,
        params: ParamStore<T>,
        generator: G,
        discriminator: D,
        rng: StdRng,
    ) -> Self {
        let dim = generator.output_size();
        let mut gan = Gan {
            generator_ids: generator.params(),
            discriminator_ids: discriminator.params(),
            objective: Box::new(config.loss),
            generator_optimizer: config.generator_optimizer.build(),
            discriminator_optimizer: config.discriminator_optimizer.build(),
            base_rates: (
                config.generator_optimizer.learning_rate(),
                config.discriminator_optimizer.learning_rate(),
            ),
            real: Array2::zeros((config.batch_size, dim)),
            noise: Array2::zeros((config.batch_size, config.noise_size)),
            epsilon: Array2::zeros((config.batch_size / config.packing, 1)),
            config,
            params,
            generator,
            discriminator,
            rng,
            tape: Tape::new(),
            grads: Gradients::new(),
            steps_done: 0,
            generator_average: None,
            log_sums: [0.0; 4],
            log_count: 0,
            threads: ThreadChoice::new(),
        };
        gan.start_generator_average();
        gan
    }

    /// This GAN trained with `objective` instead of `config.loss` (before the first step).
    pub fn with_objective(mut self, objective: impl Objective<T> + 'static) -> Self {
        self.objective = Box::new(objective);
        self
    }

    /// This GAN trained with these optimizers instead of the configuration's; their
    /// learning rates now are the `η₀` the schedule scales.
    pub fn with_optimizers(
        mut self,
        generator: impl Optimizer<T> + Send + 'static,
        discriminator: impl Optimizer<T> + Send + 'static,
    ) -> Self {
        self.base_rates = (generator.learning_rate(), discriminator.learning_rate());
        self.generator_optimizer = Box::new(generator);
        self.discriminator_optimizer = Box::new(discriminator);
        self
    }

    /// Sets how the coming steps use the rayon pool: [`ThreadChoice::new()`] (the default)
    /// measures split against serial and takes the faster, [`ThreadChoice::always`] fixes one.
    /// The results are the same bits whatever is chosen (`parallel`'s module doc).
    pub fn set_thread_choice(&mut self, choice: ThreadChoice) {
        self.threads = choice;
    }

    /// Trains up to `config.steps` steps; see [`train_until`](Gan::train_until).
    ///
    /// # Errors
    /// As [`train_until`](Gan::train_until).
    pub fn train(
        &mut self,
        data: &dyn RealData<T>,
        on_step: impl FnMut(&super::StepStats),
    ) -> Result<History, GanError> {
        self.train_until(data, self.config.steps, on_step)
    }

    /// Steps until `last_step` generator updates are done. A [`History`] row (the means since
    /// the previous row) is logged every `config.log_every` steps and at step `config.steps`,
    /// so training in several calls logs the same rows as one call. `on_step` sees every step
    /// (progress bars). At the end every parameter is checked finite, and so are G's
    /// samples and D's scores on the last noise batch (the losses are checked before each
    /// update, so only this sees an update that diverged last).
    ///
    /// # Errors
    /// [`GanError::InvalidConfig`] (field `data`) if the data holds no samples, and
    /// [`GanError::DataDimension`] if `data.dim()` is not [`dim`](Gan::dim) (both before any
    /// step); the first [`GanError::NonFiniteLoss`] (training stops there);
    /// [`GanError::NonFiniteParameter`] if the last update left a parameter NaN or infinite,
    /// [`GanError::NonFiniteOutput`] if it left G's samples or D's scores so.
    pub fn train_until(
        &mut self,
        data: &dyn RealData<T>,
        last_step: usize,
        mut on_step: impl FnMut(&super::StepStats),
    ) -> Result<History, GanError> {
        super::check_has_samples(data)?;
        self.check_dim(data)?;
        let mut history = History::default();
        while self.steps_done < last_step {
            let s = self.step(data)?;
            on_step(&s);
            for (total, v) in self
                .log_sums
                .iter_mut()
                .zip([s.d_loss, s.g_loss, s.d_real, s.d_fake])
            {
                *total += v;
            }
            self.log_count += 1;
            if s.step % self.config.log_every == 0 || s.step == self.config.steps {
                let [d_loss, g_loss, d_real, d_fake] =
                    self.log_sums.map(|t| t / self.log_count as f64);
                history.rows.push(HistoryRow {
                    step: s.step,
                    d_loss,
                    g_loss,
                    d_real,
                    d_fake,
                });
                (self.log_sums, self.log_count) = ([0.0; 4], 0);
            }
        }
        self.check_parameters()?;
        self.check_outputs()?;
        Ok(history)
    }

    /// [`GanError::DataDimension`] unless `data` has this GAN's dimension.
    pub(super) fn check_dim(&self, data: &dyn RealData<T>) -> Result<(), GanError> {
        if data.dim() == self.dim() {
            Ok(())
        } else {
            Err(GanError::DataDimension {
                data: data.dim(),
                gan: self.dim(),
            })
        }
    }

    /// [`GanError::NonFiniteParameter`] naming the first parameter with a NaN or infinite
    /// element.
    fn check_parameters(&self) -> Result<(), GanError> {
        match self
            .params
            .iter()
            .find(|(_, _, v)| !v.iter().all(|x| x.is_finite()))
        {
            None => Ok(()),
            Some((_, name, _)) => Err(GanError::NonFiniteParameter {
                step: self.steps_done,
                name: name.to_owned(),
            }),
        }
    }

    /// [`GanError::NonFiniteOutput`] unless G's samples on the noise batch and D's scores
    /// on them are finite.
    fn check_outputs(&self) -> Result<(), GanError> {
        let fakes = self.generate(self.noise.view());
        let scores = self.discriminate(fakes.view());
        for (network, values) in [("generator", fakes), ("discriminator", scores)] {
            if !values.iter().all(|x| x.is_finite()) {
                return Err(GanError::NonFiniteOutput {
                    step: self.steps_done,
                    network,
                });
            }
        }
        Ok(())
    }
}

/// Builds a GAN for `data` and trains it for `config.steps` steps.
///
/// # Errors
/// A bad configuration, or an error of [`Gan::train_until`].
pub fn train<T: Float>(
    config: GanConfig,
    data: &dyn RealData<T>,
) -> Result<(Gan<T>, History), GanError> {
    let mut gan = Gan::new(config, data.dim())?;
    let history = gan.train(data, |_| {})?;
    Ok((gan, history))
}
