//! The minimax game as Goodfellow et al. (2014) wrote it:
//!
//! ```text
//! L_D = −E log σ(s_r) − E log(1 − σ(s_f))  = −V(G, D)      = BCE(s_r, 1) + BCE(s_f, 0)
//! L_G =  E log(1 − σ(s_f))                  (G's term of V)  = −BCE(s_f, 0)
//! ```
//! At the optimal `D* = p_data / (p_data + p_G)`, `V(G, D*) = 2·JSD(p_data ‖ p_G) − ln 4`
//! (notebook `05_minimax_value.md`), so G minimises the Jensen–Shannon divergence. Where D
//! confidently rejects a fake (`s_f → −∞`) `∂L_G/∂s_f = −σ(s_f)` vanishes.

use super::{Equilibrium, Objective, Score};
use crate::autograd::Var;
use crate::Float;
use std::f64::consts::LN_2;

/// `minimax`: D maximises `V(G, D)`, G minimises it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Minimax;

/// `L_D` of both sigmoid objectives: `BCE(s_r, 1) + BCE(s_f, 0)` (ln 4 at `D ≡ ½`).
pub(super) fn binary_cross_entropy<'t, T: Float>(real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
    real.bce_with_logits(T::one()) + fake.bce_with_logits(T::zero())
}

impl<T: Float> Objective<T> for Minimax {
    fn discriminator_loss<'t>(&self, real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
        binary_cross_entropy(real, fake)
    }

    fn generator_loss<'t>(&self, fake: Var<'t, T>) -> Var<'t, T> {
        fake.bce_with_logits(T::zero()).scale(-T::one())
    }

    fn score(&self) -> Score {
        Score::Logit
    }

    /// At `D ≡ ½`: `L_D = −2 log ½ = ln 4`, `L_G = log ½ = −ln 2`.
    fn equilibrium(&self) -> Equilibrium {
        Equilibrium {
            discriminator_loss: Some(2.0 * LN_2),
            generator_loss: Some(-LN_2),
        }
    }
}
