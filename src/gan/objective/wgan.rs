//! The Wasserstein GAN with weight clipping (Arjovsky et al. 2017, Algorithm 1):
//!
//! ```text
//! L_D = E s_f − E s_r       (the critic maximises E s_r − E s_f)
//! L_G = −E s_f
//! after each critic update:  w ← clip(w, −c, c)  for every parameter of D
//! ```
//! By the Kantorovich–Rubinstein duality `W₁(p, q) = sup_{‖f‖_L ≤ 1} E_p f − E_q f`; clipping
//! keeps the critic K-Lipschitz for some K set by `c` and the architecture, so the best
//! critic's gap is `K·W₁(p_data, p_G)`, and G descends W₁, which has useful gradients even
//! where the supports do not overlap (their Example 1). The paper trains with RMSProp
//! (`η = 5·10⁻⁵`), `c = 0.01` and 5 critic updates per G update
//! ([`GanConfig::with_loss`](crate::gan::GanConfig::with_loss)).

use super::{Equilibrium, Objective, Score};
use crate::autograd::Var;
use crate::Float;

/// `wgan`: a weight-clipped critic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wgan {
    /// `c`, the clipping bound.
    pub clip: f64,
}

impl Wgan {
    /// `c = 0.01`, the paper's.
    pub const PAPER: Wgan = Wgan { clip: 0.01 };
}

impl Default for Wgan {
    /// [`Wgan::PAPER`].
    fn default() -> Self {
        Wgan::PAPER
    }
}

/// `E s_f − E s_r`, the critic loss of both Wasserstein objectives.
pub(super) fn critic_loss<'t, T: Float>(real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
    fake.mean() - real.mean()
}

impl<T: Float> Objective<T> for Wgan {
    fn discriminator_loss<'t>(&self, real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
        critic_loss(real, fake)
    }

    fn generator_loss<'t>(&self, fake: Var<'t, T>) -> Var<'t, T> {
        fake.mean().scale(-T::one())
    }

    fn score(&self) -> Score {
        Score::Raw
    }

    /// At `p_G = p_data` the gap `E s_r − E s_f` is 0 for every critic: `L_D = 0`; `L_G`
    /// shifts with any constant added to the critic.
    fn equilibrium(&self) -> Equilibrium {
        Equilibrium {
            discriminator_loss: Some(0.0),
            generator_loss: None,
        }
    }

    fn weight_clip(&self) -> Option<f64> {
        Some(self.clip)
    }
}
