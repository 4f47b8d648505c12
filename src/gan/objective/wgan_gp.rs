//! The Wasserstein GAN with a gradient penalty (Gulrajani et al. 2017, Algorithm 1):
//!
//! ```text
//! x̂ = ε·x_r + (1 − ε)·x_f,   ε ~ U(0, 1), one per sample
//! L_D = E s_f − E s_r + λ·E(‖∇ₓ̂ s(x̂)‖₂ − 1)²
//! L_G = −E s_f
//! ```
//! The optimal 1-Lipschitz critic has gradient norm 1 almost everywhere on the lines
//! between coupled real and fake points (their Proposition 1), so instead of clipping the
//! weights the critic is penalised where its gradient norm leaves 1; the gap is then the
//! estimate of `W₁(p_data, p_G)`. The penalty is a function of a gradient, so its own
//! gradient needs the tape's second order ([`Tape::gradient`](crate::autograd::Tape)).
//! The paper: `λ = 10`, Adam with `η = 10⁻⁴`, `β = (0.5, 0.9)`, 5 critic updates per G
//! update ([`GanConfig::with_loss`](crate::gan::GanConfig::with_loss)).

use super::wgan::critic_loss;
use super::{Equilibrium, Objective, Score};
use crate::autograd::Var;
use crate::Float;

/// `wgan-gp`: a critic kept 1-Lipschitz by a penalty on its input gradient.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WganGp {
    /// `λ`, the penalty's weight.
    pub lambda: f64,
}

impl WganGp {
    /// `λ = 10`, the paper's.
    pub const PAPER: WganGp = WganGp { lambda: 10.0 };
}

impl Default for WganGp {
    /// [`WganGp::PAPER`].
    fn default() -> Self {
        WganGp::PAPER
    }
}

impl<T: Float> Objective<T> for WganGp {
    /// `E s_f − E s_r`; the trainer adds the penalty ([`Objective::gradient_penalty`]).
    fn discriminator_loss<'t>(&self, real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
        critic_loss(real, fake)
    }

    fn generator_loss<'t>(&self, fake: Var<'t, T>) -> Var<'t, T> {
        fake.mean().scale(-T::one())
    }

    fn score(&self) -> Score {
        Score::Raw
    }

    /// At `p_G = p_data` a linear critic of unit slope has gap 0 and penalty 0: `L_D = 0`;
    /// `L_G` shifts with any constant added to the critic.
    fn equilibrium(&self) -> Equilibrium {
        Equilibrium {
            discriminator_loss: Some(0.0),
            generator_loss: None,
        }
    }

    fn gradient_penalty(&self) -> Option<f64> {
        Some(self.lambda)
    }
}
