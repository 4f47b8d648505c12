//! The non-saturating generator loss (Goodfellow et al. 2014, §3; the seed's "label the
//! fakes 1"):
//!
//! ```text
//! L_D = −E log σ(s_r) − E log(1 − σ(s_f))   = BCE(s_r, 1) + BCE(s_f, 0)
//! L_G = −E log σ(s_f)                        = BCE(s_f, 1)
//! ```
//! Same fixed point as minimax, but `∂L_G/∂s_f = σ(s_f) − 1 → −1` where D rejects a fake,
//! so G learns early. At the optimal D, G minimises `KL(p_G ‖ p_data) − 2·JSD(p_data ‖ p_G)`
//! (Arjovsky & Bottou 2017, Theorem 2.5): a reverse KL, less a JS term that pushes away.

use super::minimax::binary_cross_entropy;
use super::{Equilibrium, Objective, Score};
use crate::autograd::Var;
use crate::Float;
use std::f64::consts::LN_2;

/// `non-saturating`: D as in minimax, G maximises `log D(G(z))`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NonSaturating;

impl<T: Float> Objective<T> for NonSaturating {
    fn discriminator_loss<'t>(&self, real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
        binary_cross_entropy(real, fake)
    }

    fn generator_loss<'t>(&self, fake: Var<'t, T>) -> Var<'t, T> {
        fake.bce_with_logits(T::one())
    }

    fn score(&self) -> Score {
        Score::Logit
    }

    /// At `D ≡ ½`: `L_D = ln 4`, `L_G = −log ½ = ln 2`.
    fn equilibrium(&self) -> Equilibrium {
        Equilibrium {
            discriminator_loss: Some(2.0 * LN_2),
            generator_loss: Some(LN_2),
        }
    }
}
