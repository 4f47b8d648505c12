//! [`GanConfig`]: everything that defines a training run, and its validation.

use super::{GanLoss, Prior};
use crate::nn::Activation;
use crate::optim::{AdamParams, OptimizerParams, RmsPropParams};
use crate::Float;

/// How both learning rates change over the `T = steps` generator updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// `η_t = η₀`.
    Constant,
    /// `η_t = η₀ · (1 − (t − 1)/T)` for update `t = 1 … T`: the game's oscillation around
    /// its equilibrium shrinks as the steps do, so the last iterate settles.
    LinearDecay,
}

impl Schedule {
    /// `η_t / η₀` for the update after `done` of `total` updates (a step past `total` keeps
    /// the last factor).
    pub fn factor(self, done: usize, total: usize) -> f64 {
        match self {
            Schedule::Constant => 1.0,
            Schedule::LinearDecay => {
                1.0 - done.min(total.saturating_sub(1)) as f64 / total.max(1) as f64
            }
        }
    }
}

/// The shapes, objective, optimizers and schedule of a GAN. The data (and with it the
/// generator's output size and the discriminator's input size) is given to
/// [`train`](super::train). For networks of one's own
/// ([`Gan::from_networks`](super::Gan::from_networks)) the shape fields (`*_hidden`,
/// `*_activation`, `generator_output`) are not used.
///
/// `Default` is the 1-D main job (`examples/gan_1d.rs`); [`with_loss`](GanConfig::with_loss)
/// switches to another objective with its paper's optimizers.
#[derive(Clone, Debug, PartialEq)]
pub struct GanConfig {
    /// `p_z`.
    pub prior: Prior,
    /// Dimension of `z`.
    pub noise_size: usize,
    /// Hidden layer sizes of G (input `noise_size`, output the data dimension).
    pub generator_hidden: Vec<usize>,
    /// Activation of G's hidden layers.
    pub generator_activation: Activation,
    /// Activation of G's output (identity for unbounded data, sigmoid for pixels in [0, 1]).
    pub generator_output: Activation,
    /// Hidden layer sizes of D (input the data dimension, output one logit).
    pub discriminator_hidden: Vec<usize>,
    /// Activation of D's hidden layers.
    pub discriminator_activation: Activation,
    /// PacGAN's `m`: D judges `m` samples concatenated (input `m ×` the data dimension),
    /// real packs against fake packs; 1 is the plain GAN. `batch_size` must be a multiple.
    pub packing: usize,
    /// Samples per batch `B`, for real and fake alike.
    pub batch_size: usize,
    /// G's optimizer.
    pub generator_optimizer: OptimizerParams,
    /// D's optimizer.
    pub discriminator_optimizer: OptimizerParams,
    /// How the learning rates change over the run.
    pub schedule: Schedule,
    /// `k`: discriminator updates per generator update.
    pub discriminator_steps: usize,
    /// The objective (both losses; [`GanLoss`]).
    pub loss: GanLoss,
    /// Number of generator updates.
    pub steps: usize,
    /// Seed of every random draw: initial weights, noise, data batches.
    pub seed: u64,
    /// A [`History`](super::History) row every this many steps (and at the last step).
    pub log_every: usize,
    /// `β` of the moving average of G's parameters that samples are drawn with, in `[0, 1)`:
    /// after every G update `θ̄_G ← θ̄_G + (1 − β)·(θ_G − θ̄_G)`, from `θ̄_G = θ_G` at the start
    /// (Yazıcı et al. 2019, "The unusual effectiveness of averaging in GAN training"). D
    /// trains against the live `θ_G`; [`Gan::sample`](super::Gan::sample),
    /// [`generate`](super::Gan::generate) and the checkpoints use `θ̄_G`
    /// ([`sampling_params`](super::Gan::sampling_params)). `β = 0.999` averages over the last
    /// ≈ 1,000 updates; notebook 08 §2 shows why an average of iterates that circle the
    /// equilibrium lands nearer to it. `None` samples with the trained `θ_G` itself.
    pub generator_average: Option<f64>,
}

impl Default for GanConfig {
    fn default() -> Self {
        // Two time scales (D learns 5× faster than G), k = 2 and a decaying rate: on the 1-D
        // main job, constant equal rates leave G's spread swinging between 63% and 185% of
        // the data's (measured, notebook 01 §4).
        let adam = |learning_rate| AdamParams {
            learning_rate,
            beta1: 0.5,
            beta2: 0.999,
            epsilon: 1e-8,
        };
        GanConfig {
            prior: Prior::Normal,
            noise_size: 1,
            generator_hidden: vec![32, 32],
            generator_activation: Activation::LeakyRelu(0.2),
            generator_output: Activation::Identity,
            discriminator_hidden: vec![32, 32],
            discriminator_activation: Activation::LeakyRelu(0.2),
            packing: 1,
            batch_size: 128,
            generator_optimizer: adam(2e-4).into(),
            discriminator_optimizer: adam(1e-3).into(),
            schedule: Schedule::LinearDecay,
            discriminator_steps: 2,
            loss: GanLoss::NonSaturating,
            steps: 5000,
            seed: 0,
            log_every: 10,
            generator_average: None,
        }
    }
}

impl GanConfig {
    /// This configuration with objective `loss`, and for the Wasserstein critics their
    /// papers' training set-up:
    ///
    /// | `loss` | optimizers (G and D) | `k` |
    /// |---|---|---|
    /// | `wgan` | RMSProp, `η = 5·10⁻⁵` (Arjovsky et al. 2017, Algorithm 1) | 5 |
    /// | `wgan-gp` | Adam, `η = 10⁻⁴`, `β = (0.5, 0.9)` (Gulrajani et al. 2017, Algorithm 1) | 5 |
    /// | the others | unchanged | unchanged |
    pub fn with_loss(self, loss: GanLoss) -> Self {
        let both = |optimizer: OptimizerParams| GanConfig {
            generator_optimizer: optimizer,
            discriminator_optimizer: optimizer,
            discriminator_steps: 5,
            loss,
            ..self.clone()
        };
        match loss {
            GanLoss::Wgan => both(OptimizerParams::RmsProp(RmsPropParams {
                learning_rate: 5e-5,
                ..RmsPropParams::default()
            })),
            GanLoss::WganGp => both(OptimizerParams::Adam(AdamParams {
                learning_rate: 1e-4,
                beta1: 0.5,
                beta2: 0.9,
                epsilon: 1e-8,
            })),
            _ => GanConfig { loss, ..self },
        }
    }
}

/// Why a GAN cannot be built or why its training stopped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GanError {
    /// A field of [`GanConfig`] has a value training cannot use.
    #[error("GanConfig.{field}: {reason}")]
    InvalidConfig { field: &'static str, reason: String },
    /// The data's dimension is not the one the GAN was built for (G's output size).
    #[error("the data has dimension {data}, but the GAN was built for dimension {gan}")]
    DataDimension { data: usize, gan: usize },
    /// An update left a parameter NaN or infinite: training stops rather than return it.
    #[error("training stopped after step {step}: parameter `{name}` is not finite")]
    NonFiniteParameter { step: usize, name: String },
    /// After the last update, G's samples or D's scores on them are NaN or infinite
    /// (finite but huge weights overflow): training stops rather than return them.
    #[error("training stopped after step {step}: the {network}'s output is not finite")]
    NonFiniteOutput { step: usize, network: &'static str },
    /// A loss became NaN or infinite: training stops rather than continue on garbage.
    #[error("training stopped at step {step}: the {loss} loss is {value}")]
    NonFiniteLoss {
        step: usize,
        loss: &'static str,
        value: f64,
    },
}

impl GanConfig {
    /// Checks every field, the optimizers' hyper-parameters as training type `T` holds them
    /// ([`OptimizerParams::validate`]).
    ///
    /// # Errors
    /// [`GanError::InvalidConfig`] naming the first bad field.
    pub fn validate<T: Float>(&self) -> Result<(), GanError> {
        let bad = |field, reason: &str| {
            Err(GanError::InvalidConfig {
                field,
                reason: reason.into(),
            })
        };
        let positive = [
            ("noise_size", self.noise_size),
            ("batch_size", self.batch_size),
            ("discriminator_steps", self.discriminator_steps),
            ("log_every", self.log_every),
            ("packing", self.packing),
        ];
        for (field, value) in positive {
            if value == 0 {
                return bad(field, "must be at least 1");
            }
        }
        self.prior
            .validate(self.noise_size)
            .or_else(|reason| bad("prior", &reason))?;
        if let Some(beta) = self.generator_average {
            if !(0.0..1.0).contains(&beta) {
                return bad(
                    "generator_average",
                    &format!("β must be in [0, 1), got {beta}"),
                );
            }
        }
        if !self.batch_size.is_multiple_of(self.packing) {
            let reason = format!(
                "must be a multiple of packing = {}, got {}",
                self.packing, self.batch_size
            );
            return bad("batch_size", &reason);
        }
        for (field, sizes) in [
            ("generator_hidden", &self.generator_hidden),
            ("discriminator_hidden", &self.discriminator_hidden),
        ] {
            if sizes.contains(&0) {
                return bad(
                    field,
                    &format!("layer sizes must be at least 1, got {sizes:?}"),
                );
            }
        }
        for (field, activation) in [
            ("generator_activation", self.generator_activation),
            ("generator_output", self.generator_output),
            ("discriminator_activation", self.discriminator_activation),
        ] {
            activation
                .validate()
                .or_else(|reason| bad(field, &reason))?;
        }
        for (field, optimizer) in [
            ("generator_optimizer", self.generator_optimizer),
            ("discriminator_optimizer", self.discriminator_optimizer),
        ] {
            let reason = |reason| format!("{reason} (in {optimizer:?})");
            optimizer
                .validate::<T>()
                .or_else(|r| bad(field, &reason(r)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Schedule;

    #[test]
    fn linear_decay_goes_from_one_to_one_over_t() {
        let f = |done| Schedule::LinearDecay.factor(done, 4);
        assert_eq!([f(0), f(1), f(2), f(3), f(4)], [1.0, 0.75, 0.5, 0.25, 0.25]);
        assert_eq!(Schedule::Constant.factor(3, 4), 1.0);
    }
}
