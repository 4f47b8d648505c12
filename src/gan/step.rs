//! One training step of [`Gan`]: `k` discriminator updates, then one generator update
//! (Goodfellow et al. 2014, Algorithm 1), each on a reused tape, with the objective's
//! weight clipping or gradient penalty.

use super::objective::plus;
use super::packing::pack_rows;
use super::{Gan, GanError, Objective, RealData, Score};
use crate::autograd::{ops::logistic, Tape, Var};
use crate::nn::{Mode, Network, ParamStore};
use crate::Float;
use ndarray::ArrayView2;
use ndarray_rand::rand::Rng;

/// The figures of one generator step (means over its `k` discriminator updates for D's).
///
/// What `d_real` and `d_fake` hold depends on the objective's [`Score`]: mean
/// probabilities `D(x) = σ(s)` for `minimax` and `non-saturating` (→ ½ at equilibrium);
/// mean raw scores `s` for the critics (`least-squares`, `hinge`, `wgan`, `wgan-gp`), where
/// `d_real − d_fake` is the batch estimate of `E s(x_real) − E s(G(z))`, for the
/// Wasserstein critics the estimate of W₁ ([`StepStats::score_gap`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepStats {
    /// Generator updates done so far, this one included.
    pub step: usize,
    /// `L_D` (with the gradient penalty, if any).
    pub d_loss: f64,
    /// `L_G`.
    pub g_loss: f64,
    /// Mean `D(x)` (or raw score) on the real batches.
    pub d_real: f64,
    /// Mean `D(G(z))` (or raw score) on the fake batches of the discriminator updates.
    pub d_fake: f64,
}

impl StepStats {
    /// `d_real − d_fake`: for a Wasserstein critic the estimate of `W₁(p_data, p_G)`
    /// (`−L_D` before the penalty).
    pub fn score_gap(&self) -> f64 {
        self.d_real - self.d_fake
    }
}

/// The figures of one discriminator update.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DiscriminatorStep {
    /// `L_D` (with the gradient penalty, if any).
    pub loss: f64,
    /// Mean `D(x)` (or raw score, per [`Score`]) on the real batch.
    pub d_real: f64,
    /// Mean `D(G(z))` (or raw score) on the fake batch.
    pub d_fake: f64,
}

impl<T: Float, G: Network<T>, D: Network<T>> Gan<T, G, D> {
    /// One discriminator update: `L_D` on a real and a fake batch, the optimizer on `θ_D`
    /// only, then the objective's weight clipping. G runs frozen, so `G(z)` is a constant of
    /// this tape (detached): nothing reaches `θ_G`.
    ///
    /// # Errors
    /// [`GanError::DataDimension`] for data of another dimension; [`GanError::NonFiniteLoss`]
    /// if `L_D` is NaN or infinite (nothing is updated).
    pub fn discriminator_step(
        &mut self,
        data: &dyn RealData<T>,
    ) -> Result<DiscriminatorStep, GanError> {
        self.check_dim(data)?;
        data.sample_into(&mut self.rng, &mut self.real);
        self.config.prior.fill(&mut self.rng, &mut self.noise);
        if self.objective.gradient_penalty().is_some() {
            for e in self.epsilon.iter_mut() {
                *e = T::lit(self.rng.random_range(0.0..1.0));
            }
        }
        self.tape.reset();
        let tape = &self.tape;
        let graph = self.discriminator_objective(
            &self.params,
            tape,
            self.real.view(),
            self.noise.view(),
            self.epsilon.view(),
        );
        let loss = finite(graph.loss, self.steps_done + 1, "discriminator")?;
        let score = self.objective.score();
        let (d_real, d_fake) = (mean_score(graph.real, score), mean_score(graph.fake, score));
        tape.backward_into(graph.loss, &mut self.grads);
        // The tape shares the parameters with the store: release them so the optimizer
        // updates them in place (an unreleased one would be copied first).
        self.tape.reset();
        self.discriminator_optimizer
            .step(&mut self.params, &self.grads, &self.discriminator_ids);
        if let Some(c) = self.objective.weight_clip() {
            let c = T::lit(c);
            for &id in &self.discriminator_ids {
                self.params.get_mut(id).mapv_inplace(|w| w.max(-c).min(c));
            }
        }
        Ok(DiscriminatorStep {
            loss,
            d_real,
            d_fake,
        })
    }

    /// One generator update: `L_G` through D with D's parameters as constants (frozen: the
    /// error passes through D, its weights do not change), the optimizer on `θ_G` only.
    /// Returns `L_G`.
    ///
    /// # Errors
    /// [`GanError::NonFiniteLoss`] if `L_G` is NaN or infinite (nothing is updated).
    pub fn generator_step(&mut self) -> Result<f64, GanError> {
        self.config.prior.fill(&mut self.rng, &mut self.noise);
        self.tape.reset();
        let tape = &self.tape;
        let loss =
            self.generator_objective(&self.params, tape, self.noise.view(), &*self.objective);
        let value = finite(loss, self.steps_done + 1, "generator")?;
        tape.backward_into(loss, &mut self.grads);
        self.tape.reset();
        self.generator_optimizer
            .step(&mut self.params, &self.grads, &self.generator_ids);
        self.update_generator_average();
        Ok(value)
    }

    /// The graph of [`discriminator_step`](Gan::discriminator_step) on `tape`, parameters
    /// read from `params`, G frozen and D trainable: `L_D` and D's scores on the real and
    /// the fake batch. `epsilon` (B/m × 1) are the interpolation weights of the gradient
    /// penalty, read only if the objective has one.
    pub(crate) fn discriminator_objective<'t>(
        &self,
        params: &ParamStore<T>,
        tape: &'t Tape<T>,
        real: ArrayView2<T>,
        noise: ArrayView2<T>,
        epsilon: ArrayView2<T>,
    ) -> DiscriminatorGraph<'t, T> {
        let fake = self
            .generator
            .forward(params, tape.constant(noise), Mode::Frozen);
        let m = self.config.packing;
        let real = pack_rows(tape.constant(real), m);
        let fake = pack_rows(fake, m);
        let real_scores = self.discriminator.forward(params, real, Mode::Trainable);
        let fake_scores = self.discriminator.forward(params, fake, Mode::Trainable);
        let mut loss = self.objective.discriminator_loss(real_scores, fake_scores);
        if let Some(lambda) = self.objective.gradient_penalty() {
            let penalty = self.gradient_penalty(params, real, fake, tape.constant(epsilon));
            loss = loss + penalty.scale(T::lit(lambda));
        }
        DiscriminatorGraph {
            loss,
            real: real_scores,
            fake: fake_scores,
        }
    }

    /// WGAN-GP's penalty `E(‖∇ₓ̂ s(x̂)‖₂ − 1)²` (Gulrajani et al. 2017) on the interpolates
    /// `x̂ = ε·x_r + (1 − ε)·x_f`, one `ε` per row D sees (per pack with packing), D
    /// trainable. The gradient is recorded on the tape ([`Tape::gradient`]), so the
    /// backward pass differentiates the penalty through it. The norm is
    /// `√(Σ_j g_ij² + 10⁻¹²)`: at a zero gradient (a dead ReLU critic) `√` has an infinite
    /// derivative and the chain rule would give `∞·0 = NaN`.
    fn gradient_penalty<'t>(
        &self,
        params: &ParamStore<T>,
        real: Var<'t, T>,
        fake: Var<'t, T>,
        epsilon: Var<'t, T>,
    ) -> Var<'t, T> {
        let x_hat = fake + (real - fake) * epsilon;
        let scores = self.discriminator.forward(params, x_hat, Mode::Trainable);
        let gradient = x_hat.tape().gradient(scores.sum(), x_hat); // row i = ∇ s(x̂_i)
        let norm = plus(gradient.square().row_sums(), 1e-12).sqrt();
        plus(norm, -1.0).square().mean()
    }

    /// The graph of [`generator_step`](Gan::generator_step) on `tape`: `L_G` of `objective`
    /// with G trainable and D frozen, parameters read from `params`.
    pub(crate) fn generator_objective<'t>(
        &self,
        params: &ParamStore<T>,
        tape: &'t Tape<T>,
        noise: ArrayView2<T>,
        objective: impl Objective<T>,
    ) -> Var<'t, T> {
        let fake = self
            .generator
            .forward(params, tape.constant(noise), Mode::Trainable);
        let packed = pack_rows(fake, self.config.packing);
        let scores = self.discriminator.forward(params, packed, Mode::Frozen);
        objective.generator_loss(scores)
    }

    /// `k` discriminator updates, then one generator update. With more than one rayon
    /// thread, the step runs split across the pool (its workers kept awake for the step) or
    /// serially, whichever the GAN's [`ThreadChoice`](crate::parallel::ThreadChoice) has
    /// measured to be faster on this machine now; the results are the same bits either way.
    ///
    /// # Errors
    /// [`GanError::DataDimension`]; [`GanError::NonFiniteLoss`] naming the step and the loss.
    pub fn step(&mut self, data: &dyn RealData<T>) -> Result<StepStats, GanError> {
        let mut threads = self.threads;
        let stats = threads.run(|| self.step_in_pool(data));
        self.threads = threads;
        stats
    }

    /// The body of [`step`](Gan::step): the learning-rate schedule, `k` D updates, one G update.
    fn step_in_pool(&mut self, data: &dyn RealData<T>) -> Result<StepStats, GanError> {
        if self.steps_done == 0 {
            // G's average starts from G as training starts, edits since construction included.
            self.start_generator_average();
        }
        let factor = self
            .config
            .schedule
            .factor(self.steps_done, self.config.steps);
        let (g, d) = self.base_rates;
        self.generator_optimizer.set_learning_rate(g * factor);
        self.discriminator_optimizer.set_learning_rate(d * factor);
        let k = self.config.discriminator_steps;
        let (mut d_loss, mut d_real, mut d_fake) = (0.0, 0.0, 0.0);
        for _ in 0..k {
            let s = self.discriminator_step(data)?;
            d_loss += s.loss / k as f64;
            d_real += s.d_real / k as f64;
            d_fake += s.d_fake / k as f64;
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
}

/// `L_D` and D's scores, as [`Gan::discriminator_step`] records them.
pub(crate) struct DiscriminatorGraph<'t, T: Float> {
    pub(crate) loss: Var<'t, T>,
    pub(crate) real: Var<'t, T>,
    pub(crate) fake: Var<'t, T>,
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

/// `(1/B) Σ σ(s_i)` for logits, `(1/B) Σ s_i` for raw scores.
fn mean_score<T: Float>(scores: Var<'_, T>, score: Score) -> f64 {
    let scores = scores.value();
    let sum: f64 = match score {
        Score::Logit => scores.iter().map(|&s| logistic(s).as_f64()).sum(),
        Score::Raw => scores.iter().map(|&s| s.as_f64()).sum(),
    };
    sum / scores.len() as f64
}
