//! [`Gan`]: the two networks, their optimizers, and the alternating update.

use super::packing::{pack_rows, tile_columns};
use super::{GanConfig, GanError, GanLoss, History, HistoryRow, Prior, RealData};
use crate::autograd::{ops::logistic, Gradients, Tape, Var};
use crate::nn::loss::{discriminator_loss, generator_loss};
use crate::nn::{Activation, Mlp, Mode, ParamId, ParamStore};
use crate::optim::{Adam, Optimizer};
use crate::Float;
use ndarray::{Array2, ArrayView2};
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};
use rand_distr::{Distribution, StandardNormal};

/// The figures of one generator step (means over its `k` discriminator updates for D's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepStats {
    /// Generator updates done so far, this one included.
    pub step: usize,
    /// `L_D`.
    pub d_loss: f64,
    /// `L_G`.
    pub g_loss: f64,
    /// Mean `D(x)` on the real batches.
    pub d_real: f64,
    /// Mean `D(G(z))` on the fake batches of the discriminator updates.
    pub d_fake: f64,
}

/// A generator and a discriminator in one [`ParamStore`], each with its own Adam.
pub struct Gan<T: Float> {
    config: GanConfig,
    params: ParamStore<T>,
    generator: Mlp,
    discriminator: Mlp,
    generator_ids: Vec<ParamId>,
    discriminator_ids: Vec<ParamId>,
    generator_optimizer: Adam<T>,
    discriminator_optimizer: Adam<T>,
    rng: StdRng,
    tape: Tape<T>,
    grads: Gradients<T>,
    real: Array2<T>,
    noise: Array2<T>,
    steps_done: usize,
    /// Sums of `(d_loss, g_loss, d_real, d_fake)` since the last logged row, and their count.
    log_sums: [f64; 4],
    log_count: usize,
}

impl<T: Float> Gan<T> {
    /// G: `noise_size → generator_hidden… → data_size`, D: `data_size → discriminator_hidden… → 1`,
    /// weights drawn from `config.seed`.
    ///
    /// # Errors
    /// [`GanError::InvalidConfig`] for a bad configuration or `data_size = 0`.
    pub fn new(config: GanConfig, data_size: usize) -> Result<Self, GanError> {
        config.validate()?;
        if data_size == 0 {
            let reason = "the data has dimension 0".to_owned();
            return Err(GanError::InvalidConfig {
                field: "data",
                reason,
            });
        }
        let mut rng = StdRng::seed_from_u64(config.seed);
        let mut params = ParamStore::new();
        let sizes = |first, hidden: &[usize], last| [&[first][..], hidden, &[last]].concat();
        let generator = Mlp::builder(&sizes(
            config.noise_size,
            &config.generator_hidden,
            data_size,
        ))
        .hidden(config.generator_activation)
        .output(config.generator_output)
        .build(&mut params, "generator", &mut rng);
        let packed_size = data_size * config.packing;
        let discriminator = Mlp::builder(&sizes(packed_size, &config.discriminator_hidden, 1))
            .hidden(config.discriminator_activation)
            .output(Activation::Identity)
            .build(&mut params, "discriminator", &mut rng);
        Ok(Gan {
            generator_ids: generator.params(),
            discriminator_ids: discriminator.params(),
            generator_optimizer: Adam::new(config.generator_optimizer),
            discriminator_optimizer: Adam::new(config.discriminator_optimizer),
            real: Array2::zeros((config.batch_size, data_size)),
            noise: Array2::zeros((config.batch_size, config.noise_size)),
            config,
            params,
            generator,
            discriminator,
            rng,
            tape: Tape::new(),
            grads: Gradients::new(),
            steps_done: 0,
            log_sums: [0.0; 4],
            log_count: 0,
        })
    }

    /// One discriminator update: `L_D` on a real and a fake batch, Adam on `θ_D` only.
    /// G runs frozen, so `G(z)` is a constant of this tape (detached): nothing reaches `θ_G`.
    /// Returns `(L_D, mean D(x), mean D(G(z)))`.
    ///
    /// # Errors
    /// [`GanError::NonFiniteLoss`] if `L_D` is NaN or infinite (nothing is updated).
    pub fn discriminator_step(
        &mut self,
        data: &dyn RealData<T>,
    ) -> Result<(f64, f64, f64), GanError> {
        data.sample_into(&mut self.rng, &mut self.real);
        sample_prior(self.config.prior, &mut self.rng, &mut self.noise);
        self.tape.reset();
        let tape = &self.tape;
        let (loss, real_logits, fake_logits) =
            self.discriminator_objective(&self.params, tape, self.real.view(), self.noise.view());
        let value = finite(loss, self.steps_done + 1, "discriminator")?;
        let (d_real, d_fake) = (mean_probability(real_logits), mean_probability(fake_logits));
        tape.backward_into(loss, &mut self.grads);
        // The tape shares the parameters with the store: release them so Adam updates
        // them in place (an unreleased one would be copied first).
        self.tape.reset();
        self.discriminator_optimizer
            .step(&mut self.params, &self.grads, &self.discriminator_ids);
        Ok((value, d_real, d_fake))
    }

    /// One generator update: `L_G` through D with D's parameters as constants (frozen: the
    /// error passes through D, its weights do not change), Adam on `θ_G` only. Returns `L_G`.
    ///
    /// # Errors
    /// [`GanError::NonFiniteLoss`] if `L_G` is NaN or infinite (nothing is updated).
    pub fn generator_step(&mut self) -> Result<f64, GanError> {
        sample_prior(self.config.prior, &mut self.rng, &mut self.noise);
        self.tape.reset();
        let tape = &self.tape;
        let loss =
            self.generator_objective(&self.params, tape, self.noise.view(), self.config.loss);
        let value = finite(loss, self.steps_done + 1, "generator")?;
        tape.backward_into(loss, &mut self.grads);
        self.tape.reset();
        self.generator_optimizer
            .step(&mut self.params, &self.grads, &self.generator_ids);
        Ok(value)
    }

    /// The graph of [`discriminator_step`](Gan::discriminator_step) on `tape`, parameters
    /// read from `params`: `(L_D, D's logits on real, D's logits on G(z))`, G frozen and D
    /// trainable. (Public so a finite-difference check can run the very same graph.)
    pub fn discriminator_objective<'t>(
        &self,
        params: &ParamStore<T>,
        tape: &'t Tape<T>,
        real: ArrayView2<T>,
        noise: ArrayView2<T>,
    ) -> (Var<'t, T>, Var<'t, T>, Var<'t, T>) {
        let fake = self
            .generator
            .forward(params, tape.constant(noise), Mode::Frozen);
        let m = self.config.packing;
        let real_logits =
            self.discriminator
                .forward(params, pack_rows(tape.constant(real), m), Mode::Trainable);
        let fake_logits = self
            .discriminator
            .forward(params, pack_rows(fake, m), Mode::Trainable);
        (
            discriminator_loss(real_logits, fake_logits),
            real_logits,
            fake_logits,
        )
    }

    /// The graph of [`generator_step`](Gan::generator_step) on `tape`: `L_G` of kind `loss`
    /// with G trainable and D frozen, parameters read from `params`.
    pub fn generator_objective<'t>(
        &self,
        params: &ParamStore<T>,
        tape: &'t Tape<T>,
        noise: ArrayView2<T>,
        loss: GanLoss,
    ) -> Var<'t, T> {
        let fake = self
            .generator
            .forward(params, tape.constant(noise), Mode::Trainable);
        let packed = pack_rows(fake, self.config.packing);
        let logits = self.discriminator.forward(params, packed, Mode::Frozen);
        generator_loss(logits, loss)
    }

    /// `k` discriminator updates, then one generator update. With more than one rayon
    /// thread, the other workers are kept awake for the step
    /// ([`with_workers_awake`](crate::parallel::with_workers_awake)).
    ///
    /// # Errors
    /// [`GanError::NonFiniteLoss`] naming the step and the loss.
    pub fn step(&mut self, data: &dyn RealData<T>) -> Result<StepStats, GanError> {
        crate::parallel::with_workers_awake(|| self.step_in_pool(data))
    }

    /// The body of [`step`](Gan::step): the learning-rate schedule, `k` D updates, one G update.
    fn step_in_pool(&mut self, data: &dyn RealData<T>) -> Result<StepStats, GanError> {
        let factor = self
            .config
            .schedule
            .factor(self.steps_done, self.config.steps);
        let (g, d) = (
            &self.config.generator_optimizer,
            &self.config.discriminator_optimizer,
        );
        self.generator_optimizer
            .set_learning_rate(g.learning_rate * factor);
        self.discriminator_optimizer
            .set_learning_rate(d.learning_rate * factor);
        let k = self.config.discriminator_steps;
        let (mut d_loss, mut d_real, mut d_fake) = (0.0, 0.0, 0.0);
        for _ in 0..k {
            let (loss, real, fake) = self.discriminator_step(data)?;
            d_loss += loss / k as f64;
            d_real += real / k as f64;
            d_fake += fake / k as f64;
        }
        let g_loss = self.generator_step()?;
        self.steps_done += 1;
        Ok(StepStats {
            step: self.steps_done,
            d_loss,
            g_loss,
            d_real,
            d_fake,
        })
    }

    /// Trains up to `config.steps` steps; see [`train_until`](Gan::train_until).
    ///
    /// # Errors
    /// The first [`GanError::NonFiniteLoss`]; training stops there.
    pub fn train(
        &mut self,
        data: &dyn RealData<T>,
        on_step: impl FnMut(&StepStats),
    ) -> Result<History, GanError> {
        self.train_until(data, self.config.steps, on_step)
    }

    /// Steps until `last_step` generator updates are done. A [`History`] row (the means since
    /// the previous row) is logged every `config.log_every` steps and at step `config.steps`,
    /// so training in several calls logs the same rows as one call. `on_step` sees every step
    /// (progress bars).
    ///
    /// # Errors
    /// The first [`GanError::NonFiniteLoss`]; training stops there.
    pub fn train_until(
        &mut self,
        data: &dyn RealData<T>,
        last_step: usize,
        mut on_step: impl FnMut(&StepStats),
    ) -> Result<History, GanError> {
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
        Ok(history)
    }

    /// `n` samples `G(z)`, `z ~ p_z` drawn from `seed` (n × data size).
    pub fn sample(&self, n: usize, seed: u64) -> Array2<T> {
        let mut noise = Array2::zeros((n, self.config.noise_size));
        sample_prior(
            self.config.prior,
            &mut StdRng::seed_from_u64(seed),
            &mut noise,
        );
        self.generate(noise.view())
    }

    /// `G(z)` for the given noise rows.
    pub fn generate(&self, noise: ArrayView2<T>) -> Array2<T> {
        let tape = Tape::new();
        let out = self
            .generator
            .forward(&self.params, tape.constant(noise), Mode::Frozen);
        let value = out.value().clone();
        value
    }

    /// `D(x) = σ(logit)` for each row of `x` (n × 1); with packing `m > 1`, D scores the
    /// pack `(x, x, …, x)` of `m` copies ([`tile_columns`]).
    pub fn discriminate(&self, x: ArrayView2<T>) -> Array2<T> {
        let tape = Tape::new();
        let tiled = tile_columns(tape.constant(x), self.config.packing);
        let logits = self
            .discriminator
            .forward(&self.params, tiled, Mode::Frozen);
        let value = logits.value().mapv(logistic);
        value
    }

    /// The configuration.
    pub fn config(&self) -> &GanConfig {
        &self.config
    }

    /// Every parameter of G and D.
    pub fn params(&self) -> &ParamStore<T> {
        &self.params
    }

    /// Every parameter, mutable (to load a checkpoint with [`ParamStore::load_into`]).
    pub fn params_mut(&mut self) -> &mut ParamStore<T> {
        &mut self.params
    }

    /// The generator network.
    pub fn generator(&self) -> &Mlp {
        &self.generator
    }

    /// The discriminator network.
    pub fn discriminator(&self) -> &Mlp {
        &self.discriminator
    }

    /// Generator updates done.
    pub fn steps_done(&self) -> usize {
        self.steps_done
    }
}

/// Builds a GAN for `data` and trains it for `config.steps` steps.
///
/// # Errors
/// A bad configuration, or a non-finite loss during training.
pub fn train<T: Float>(
    config: GanConfig,
    data: &dyn RealData<T>,
) -> Result<(Gan<T>, History), GanError> {
    let mut gan = Gan::new(config, data.dim())?;
    let history = gan.train(data, |_| {})?;
    Ok((gan, history))
}

/// Fills `noise` with draws from `prior` (sampled in `f64`, then rounded to `T`).
pub(super) fn sample_prior<T: Float>(prior: Prior, rng: &mut StdRng, noise: &mut Array2<T>) {
    for z in noise.iter_mut() {
        let draw: f64 = match prior {
            Prior::Normal => StandardNormal.sample(rng),
            Prior::Uniform => rng.random_range(-1.0..1.0),
        };
        *z = T::lit(draw);
    }
}

/// The value of a 1 × 1 loss, or the error naming the step and the loss.
fn finite<T: Float>(loss: Var<'_, T>, step: usize, name: &'static str) -> Result<f64, GanError> {
    let value = loss.item().as_f64();
    if value.is_finite() {
        Ok(value)
    } else {
        Err(GanError::NonFiniteLoss {
            step,
            loss: name,
            value,
        })
    }
}

/// `(1/B) Σ σ(logit_i)`.
fn mean_probability<T: Float>(logits: Var<'_, T>) -> f64 {
    let logits = logits.value();
    logits.iter().map(|&x| logistic(x).as_f64()).sum::<f64>() / logits.len() as f64
}
