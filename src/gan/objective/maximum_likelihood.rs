//! The maximum-likelihood generator cost (Goodfellow 2014, *On distinguishability criteria
//! for estimating generative models*; Goodfellow 2016, NIPS tutorial §3.2.4):
//!
//! ```text
//! L_D = −E log σ(s_r) − E log(1 − σ(s_f))   = BCE(s_r, 1) + BCE(s_f, 0)
//! L_G = −½·E exp(σ⁻¹(D(G(z))))              = −½·E exp(s_f)
//! ```
//! D is the ordinary discriminator, so at its optimum `exp(s*) = D*/(1 − D*) = p_data/p_G`.
//! With D held fixed, `∂_θ E_{p_G} exp(s*) = ∫ ∂_θ p_G · p_data/p_G = ∫ p_data ∂_θ log p_G
//! = −∂_θ KL(p_data ‖ p_G)`, so G's expected gradient is `½·∇_θ KL(p_data ‖ p_G)`: the
//! forward KL that maximum likelihood minimises (notebooks 02–03), reached through a
//! discriminator. Per fake, `∂ℓ/∂s_f = −½·exp(s_f) = −½·D/(1 − D)`: almost nothing where D
//! rejects the fake (`D → 0`, like minimax), huge where D is fooled; the tutorial's Fig. 16
//! (`examples/figures/main_job.rs` draws it) and `notebooks-md/08_the_game.md`.

use super::minimax::binary_cross_entropy;
use super::{Equilibrium, Objective, Score};
use crate::autograd::Var;
use crate::Float;
use std::f64::consts::LN_2;

/// `maximum-likelihood`: D as in minimax, G minimises `−½·E exp(s_f)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MaximumLikelihood;

impl<T: Float> Objective<T> for MaximumLikelihood {
    fn discriminator_loss<'t>(&self, real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
        binary_cross_entropy(real, fake)
    }

    fn generator_loss<'t>(&self, fake: Var<'t, T>) -> Var<'t, T> {
        fake.exp().mean().scale(T::lit(-0.5))
    }

    fn score(&self) -> Score {
        Score::Logit
    }

    /// At `D ≡ ½` (`s ≡ 0`): `L_D = ln 4`, `L_G = −½·e⁰ = −½`.
    fn equilibrium(&self) -> Equilibrium {
        Equilibrium {
            discriminator_loss: Some(2.0 * LN_2),
            generator_loss: Some(-0.5),
        }
    }
}
