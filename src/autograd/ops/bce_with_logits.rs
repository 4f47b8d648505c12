//! Binary cross-entropy on logits, fused and stable, averaged over the batch:
//!
//! ```text
//! L = (1/N) Σ_i −[y·ln σ(x_i) + (1 − y)·ln(1 − σ(x_i))]
//!   = (1/N) Σ_i [(1 − y)·softplus(x_i) + y·softplus(−x_i)]
//! ∂L/∂x_i = (σ(x_i) − y) / N
//! ```
//! where `x_i` are the discriminator's logits and `y` the label (1 = real, 0 = fake), using
//! `−ln σ(x) = softplus(−x)` and `−ln(1 − σ(x)) = softplus(x)`.
//! A fused op rather than `sigmoid → ln` (tinygrad's rule for a promoted composite): it is
//! finite at any logit, where `ln σ(x)` underflows to `−∞` at `x = −800`, and the gradient
//! is one subtraction. The textbook form `softplus(x) − y·x` is equal but loses the tail at
//! `y = 1, x = 100`: `(100 + 3.7e−44) − 100` rounds to 0.

use super::super::gradients::Gradients;
use super::super::tape::{Node, Var};
use super::{logistic, softplus_scalar, Op};
use crate::Float;
use ndarray::{Array2, Zip};

impl<'t, T: Float> Var<'t, T> {
    /// `(1/N) Σ [(1 − y)·softplus(x_i) + y·softplus(−x_i)]`, `y = label`: the mean BCE
    /// of the logits `self` against one label.
    ///
    /// # Panics
    /// If the variable is empty.
    #[track_caller]
    pub fn bce_with_logits(self, label: T) -> Var<'t, T> {
        let tape = self.tape;
        let mut out = tape.alloc((1, 1));
        {
            let logits = self.value();
            assert!(
                !logits.is_empty(),
                "bce_with_logits: no logits ({:?})",
                logits.dim()
            );
            let total = logits.iter().fold(T::zero(), |s, &x| {
                s + (T::one() - label) * softplus_scalar(x) + label * softplus_scalar(-x)
            });
            out[[0, 0]] = total / T::lit(logits.len() as f64);
        }
        tape.push(out, Op::BceWithLogits(self.id, label), self.requires_grad())
    }
}

/// `∂L/∂x_i += ∂L/∂y · (σ(x_i) − label) / N`.
pub(super) fn backward<T: Float>(
    nodes: &[Node<T>],
    x: usize,
    label: T,
    upstream: &Array2<T>,
    grads: &mut Gradients<T>,
) {
    let logits = &*nodes[x].value;
    let scale = upstream[[0, 0]] / T::lit(logits.len() as f64);
    if let Some(grad_x) = grads.input_accumulator(x, nodes) {
        Zip::from(grad_x)
            .and(logits)
            .for_each(|g, &x| *g += scale * (logistic(x) - label));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences_for_both_labels() {
        let x = uniform(5, 1, -6.0, 6.0, 24);
        for label in [0.0, 1.0, 0.9] {
            gradcheck(std::slice::from_ref(&x), |_, v| v[0].bce_with_logits(label))
                .assert_below(1e-6);
        }
    }

    #[test]
    fn equals_the_closed_form_and_stays_finite_at_extreme_logits() {
        let tape = Tape::<f64>::new();
        let logits = tape.variable(&array![[100.0], [-100.0]]);
        // label 1: −ln σ(100) = ln(1 + e^−100) ≈ e^−100;  −ln σ(−100) = 100 + ln(1 + e^−100).
        let loss = logits.bce_with_logits(1.0);
        let tail = (-100.0f64).exp().ln_1p();
        assert_eq!(loss.item(), (tail + 100.0 + tail) / 2.0);
        let g = tape.backward(loss);
        let g = g.wrt(logits).unwrap();
        assert_eq!(g[[1, 0]], (0.0 - 1.0) / 2.0 + (-100.0f64).exp() / 2.0);
        assert!(g.iter().all(|v| v.is_finite()));
        // label 0 at logit 0: ln 2 exactly, the loss of a discriminator that says ½.
        let half = tape.constant(&array![[0.0]]).bce_with_logits(0.0);
        assert_eq!(half.item(), 2f64.ln());
    }
}
