//! The hinge loss (Lim & Ye 2017, "Geometric GAN"; Miyato et al. 2018, SN-GAN):
//!
//! ```text
//! L_D = E max(0, 1 − s_r) + E max(0, 1 + s_f)
//! L_G = −E s_f
//! ```
//! Pointwise, `p·max(0, 1 − d) + q·max(0, 1 + d)` is smallest at `d = sign(p − q)`, so the
//! optimal D has `L_D = 2 − ∫|p_data − p_G| = 2 − 2·TV(p_data, p_G)`: D estimates the total
//! variation distance, which G's loss then lowers. Only samples inside the margin
//! (`|s| < 1` on the wrong side) move D.

use super::{plus, Equilibrium, Objective, Score};
use crate::autograd::Var;
use crate::Float;

/// `hinge`: a margin loss for D, the critic's mean score for G.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hinge;

impl<T: Float> Objective<T> for Hinge {
    fn discriminator_loss<'t>(&self, real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
        plus(real.scale(-T::one()), 1.0).relu().mean() + plus(fake, 1.0).relu().mean()
    }

    fn generator_loss<'t>(&self, fake: Var<'t, T>) -> Var<'t, T> {
        fake.mean().scale(-T::one())
    }

    fn score(&self) -> Score {
        Score::Raw
    }

    /// At `p_G = p_data`, TV = 0: `L_D = 2`; `L_G = −E s_f` is any value in `[−1, 1]`.
    fn equilibrium(&self) -> Equilibrium {
        Equilibrium {
            discriminator_loss: Some(2.0),
            generator_loss: None,
        }
    }
}
