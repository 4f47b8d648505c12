//! LSGAN (Mao et al. 2017), with the codes `a = −1` (fake), `b = 1` (real), `c = 0` (what
//! G wants D to say) of their Theorem 1:
//!
//! ```text
//! L_D = ½E(s_r − b)² + ½E(s_f − a)²  = ½E(s_r − 1)² + ½E(s_f + 1)²
//! L_G = ½E(s_f − c)²                 = ½E s_f²
//! ```
//! The optimal D is `D* = (b·p_data + a·p_G) / (p_data + p_G)`; with `b − c = 1` and
//! `b − a = 2`, G's loss at D* (plus a term G cannot change) is
//! `½·χ²_Pearson(p_data + p_G ‖ 2p_G)`, zero iff `p_G = p_data`. The squares do not
//! saturate: a fake far on the real side of the boundary is still pulled.

use super::{plus, Equilibrium, Objective, Score};
use crate::autograd::Var;
use crate::Float;

/// `least-squares`: D regresses real scores to 1 and fake ones to −1, G pulls its to 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeastSquares;

/// `½E(s − target)²`.
fn half_mean_square<'t, T: Float>(s: Var<'t, T>, target: f64) -> Var<'t, T> {
    let d = plus(s, -target);
    (d * d).mean().scale(T::lit(0.5))
}

impl<T: Float> Objective<T> for LeastSquares {
    fn discriminator_loss<'t>(&self, real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
        half_mean_square(real, 1.0) + half_mean_square(fake, -1.0)
    }

    fn generator_loss<'t>(&self, fake: Var<'t, T>) -> Var<'t, T> {
        half_mean_square(fake, 0.0)
    }

    fn score(&self) -> Score {
        Score::Raw
    }

    /// At `p_G = p_data`, `D* ≡ (b + a)/2 = 0`: `L_D = ½ + ½ = 1`, `L_G = 0`.
    fn equilibrium(&self) -> Equilibrium {
        Equilibrium {
            discriminator_loss: Some(1.0),
            generator_loss: Some(0.0),
        }
    }
}
