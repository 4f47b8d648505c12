//! The GAN losses, all computed from the discriminator's logits `x` (`D = σ(x)`) with the
//! fused, stable [`bce_with_logits`](crate::autograd::Var::bce_with_logits).
//!
//! | loss | formula | as BCE on logits |
//! |---|---|---|
//! | discriminator | `−E log D(x_real) − E log(1 − D(G(z)))` = `−V(G, D)` | `BCE(x_real, 1) + BCE(x_fake, 0)` |
//! | generator, minimax | `E log(1 − D(G(z)))` (the term of `V` that depends on G) | `−BCE(x_fake, 0)` |
//! | generator, non-saturating | `−E log D(G(z))` (the seed's "label the fakes 1") | `BCE(x_fake, 1)` |
//!
//! Their gradients with respect to a fake's logit `x` are `−σ(x)` (minimax) and `σ(x) − 1`
//! (non-saturating): when D confidently rejects a fake (`x → −∞`) the first vanishes and the
//! second tends to −1. Notebooks: `notebooks-md/01_core_idea.md`, `05_minimax_value.md`.

use crate::autograd::Var;
use crate::Float;

/// Which generator loss a GAN trains with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GanLoss {
    /// Minimise `E log(1 − D(G(z)))`: the minimax game of Goodfellow et al. (2014) as written.
    Minimax,
    /// Minimise `−E log D(G(z))`: same fixed point, strong gradients early in training.
    NonSaturating,
}

impl GanLoss {
    /// The generator's loss at the equilibrium `D ≡ ½` (`p_G = p_data`, notebook
    /// `05_minimax_value.md`): `−log ½ = ln 2` non-saturating, `log(1 − ½) = −ln 2` minimax.
    pub fn generator_loss_at_equilibrium(self) -> f64 {
        match self {
            GanLoss::NonSaturating => std::f64::consts::LN_2,
            GanLoss::Minimax => -std::f64::consts::LN_2,
        }
    }
}

/// The discriminator's loss at the equilibrium `D ≡ ½`: `−log ½ − log(1 − ½) = ln 4`
/// (notebook `05_minimax_value.md`: `V(G, D*) = −log 4` there).
pub const DISCRIMINATOR_LOSS_AT_EQUILIBRIUM: f64 = 2.0 * std::f64::consts::LN_2;

/// `−(1/B) Σ log D(x_real) − (1/B) Σ log(1 − D(x_fake))`, from logits (1 × 1).
///
/// At `D ≡ ½` it is `2 ln 2 = ln 4`, the value at the GAN's equilibrium.
pub fn discriminator_loss<'t, T: Float>(
    real_logits: Var<'t, T>,
    fake_logits: Var<'t, T>,
) -> Var<'t, T> {
    real_logits.bce_with_logits(T::one()) + fake_logits.bce_with_logits(T::zero())
}

/// The generator's loss `kind` on the logits `D` gives its samples (1 × 1).
///
/// At `D ≡ ½` the non-saturating loss is `ln 2` and the minimax loss is `−ln 2`.
pub fn generator_loss<'t, T: Float>(fake_logits: Var<'t, T>, kind: GanLoss) -> Var<'t, T> {
    match kind {
        GanLoss::Minimax => fake_logits.bce_with_logits(T::zero()).scale(-T::one()),
        GanLoss::NonSaturating => fake_logits.bce_with_logits(T::one()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autograd::{gradcheck, Tape};
    use ndarray::array;

    #[test]
    fn closed_forms_at_extreme_and_neutral_logits() {
        let tape = Tape::<f64>::new();
        let tail = (-100.0f64).exp().ln_1p(); // ln(1 + e^−100)
        let real = tape.constant(&array![[100.0]]);
        let fake = tape.constant(&array![[-100.0]]);
        // A perfect D: −ln σ(100) − ln(1 − σ(−100)) = 2·ln(1 + e^−100).
        assert_eq!(discriminator_loss(real, fake).item(), 2.0 * tail);
        // Fooled D: both terms are 100 + ln(1 + e^−100).
        assert_eq!(discriminator_loss(fake, real).item(), 2.0 * (100.0 + tail));
        assert_eq!(
            generator_loss(fake, GanLoss::NonSaturating).item(),
            100.0 + tail
        );
        assert_eq!(generator_loss(fake, GanLoss::Minimax).item(), -tail);
        let half = tape.constant(&array![[0.0, 0.0]]);
        assert_eq!(discriminator_loss(half, half).item(), 4f64.ln());
        assert_eq!(generator_loss(half, GanLoss::Minimax).item(), -(2f64.ln()));
    }

    #[test]
    fn equilibrium_values_are_the_losses_at_d_one_half() {
        // Logit 0 is D = ½: the losses the tape computes there are the named constants.
        let tape = Tape::<f64>::new();
        let half = tape.constant(&array![[0.0, 0.0, 0.0]]);
        assert_eq!(
            discriminator_loss(half, half).item(),
            DISCRIMINATOR_LOSS_AT_EQUILIBRIUM
        );
        for kind in [GanLoss::NonSaturating, GanLoss::Minimax] {
            assert_eq!(
                generator_loss(half, kind).item(),
                kind.generator_loss_at_equilibrium()
            );
        }
    }

    #[test]
    fn minimax_gradient_vanishes_where_non_saturating_does_not() {
        let tape = Tape::<f64>::new();
        let x = tape.variable(&array![[-100.0]]);
        let minimax = tape.backward(generator_loss(x, GanLoss::Minimax));
        let non_saturating = tape.backward(generator_loss(x, GanLoss::NonSaturating));
        // ∂/∂x = −σ(x) ≈ −e^−100, and σ(x) − 1 ≈ −1.
        let m = minimax.wrt(x).unwrap()[[0, 0]];
        assert!(m < 0.0 && m > -4e-44, "{m}");
        assert_eq!(
            non_saturating.wrt(x).unwrap()[[0, 0]],
            (-100.0f64).exp() - 1.0
        );
    }

    #[test]
    fn gradients_match_finite_differences() {
        let real = array![[1.5], [-0.3], [2.2]];
        let fake = array![[-1.0], [0.4], [-2.5]];
        gradcheck(&[real, fake.clone()], |_, v| discriminator_loss(v[0], v[1])).assert_below(1e-6);
        for kind in [GanLoss::Minimax, GanLoss::NonSaturating] {
            gradcheck(std::slice::from_ref(&fake), |_, v| {
                generator_loss(v[0], kind)
            })
            .assert_below(1e-6);
        }
    }
}
