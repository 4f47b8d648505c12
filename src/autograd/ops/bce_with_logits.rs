//! Binary cross-entropy on logits, fused and stable, averaged over the batch:
//!
//! ```text
//! L = (1/N) Σ_i −[y·ln σ(x_i) + (1 − y)·ln(1 − σ(x_i))]
//!   = (1/N) Σ_i [(1 − y)·softplus(x_i) + y·softplus(−x_i)]
//! ∂L/∂x_i = (σ(x_i) − y) / N
//! ```
//! where `x_i` are the discriminator's logits and `y ∈ [0, 1]` the label (1 = real,
//! 0 = fake), using `−ln σ(x) = softplus(−x)` and `−ln(1 − σ(x)) = softplus(x)`.
//! A fused op rather than `sigmoid → ln` (tinygrad's rule for a promoted composite): it is
//! finite at any logit, where `ln σ(x)` underflows to `−∞` at `x = −800`, and the gradient
//! is one subtraction. The textbook form `softplus(x) − y·x` is equal but loses the tail at
//! `y = 1, x = 100`: `(100 + 3.7e−44) − 100` rounds to 0. A term whose weight is 0 is left
//! out rather than multiplied, so an infinite logit takes its limit (`x = +∞, y = 1` gives
//! 0, not `0·∞ = NaN`).
//!
//! Recorded backward: `(σ(x) − y)·(1/N) ⊙ U`.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::{logistic, softplus_scalar};
use crate::Float;
use ndarray::Zip;

/// `L = mean BCE(x, label)`.
#[derive(Clone, Copy)]
pub(crate) struct BceWithLogits<T> {
    x: NodeId,
    label: T,
}

impl<'t, T: Float> Var<'t, T> {
    /// `(1/N) Σ [(1 − y)·softplus(x_i) + y·softplus(−x_i)]`, `y = label`: the mean BCE
    /// of the logits `self` against one label.
    ///
    /// # Panics
    /// If the variable is empty, or `label` is NaN or outside `[0, 1]` (a programming
    /// error: a label is a probability), at the caller's line.
    #[track_caller]
    pub fn bce_with_logits(self, label: T) -> Var<'t, T> {
        let shape = self.shape();
        assert!(
            shape.0 * shape.1 > 0,
            "bce_with_logits: no logits ({shape:?})"
        );
        assert!(
            label >= T::zero() && label <= T::one(),
            "bce_with_logits: the label must be a probability in [0, 1], got {}",
            label.as_f64()
        );
        let op = BceWithLogits {
            x: self.node(),
            label,
        };
        let weighted = |weight: T, loss: T| {
            if weight == T::zero() {
                T::zero()
            } else {
                weight * loss
            }
        };
        self.tape()
            .record(op, "bce_with_logits", &[self], |values, pool| {
                let logits = values.value(self);
                let total = logits.iter().fold(T::zero(), |s, &x| {
                    s + weighted(T::one() - label, softplus_scalar(x))
                        + weighted(label, softplus_scalar(-x))
                });
                let mean = total / T::lit(logits.len() as f64);
                pool.from_iter((1, 1), [mean].into_iter())
            })
    }
}

impl<T: Float> Operation<T> for BceWithLogits<T> {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `∂L/∂x_i += ∂L/∂y · (σ(x_i) − label) / N`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let (logits, label) = (chain.value(self.x), self.label);
        let scale = chain.upstream()[[0, 0]] / T::lit(logits.len() as f64);
        if let Some(grad_x) = chain.accumulator(self.x) {
            Zip::from(grad_x)
                .and(logits)
                .for_each(|g, &x| *g += scale * (logistic(x) - label));
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x, label) = (chain.upstream(), chain.var(self.x), self.label);
        let n = T::lit((x.shape().0 * x.shape().1) as f64);
        let tape = chain.tape();
        chain.add(self.x, || {
            let label = tape.record_constant(|_, pool| pool.from_iter((1, 1), [label].into_iter()));
            (x.sigmoid() - label).scale(n.recip()) * u
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences_for_both_labels() {
        let x = uniform(5, 1, -6.0, 6.0, 24);
        for label in [0.0, 1.0, 0.9] {
            let inputs = std::slice::from_ref(&x);
            gradcheck(inputs, |_, v| v[0].bce_with_logits(label)).assert_below(1e-6);
            hessian_vector_check(inputs, |_, v| v[0].bce_with_logits(label)).assert_below(1e-6);
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

    #[test]
    fn infinite_logits_take_the_limit() {
        // Before: (1 − 1)·softplus(+∞) = 0·∞ = NaN.
        let tape = Tape::<f64>::new();
        let logits = tape.variable(&array![[f64::INFINITY], [f64::INFINITY]]);
        let loss = logits.bce_with_logits(1.0);
        assert_eq!(loss.item(), 0.0);
        assert_eq!(tape.backward(loss).wrt(logits).unwrap(), &array![[0.0], [0.0]]);
        let fake = tape.constant(&array![[f64::NEG_INFINITY]]).bce_with_logits(0.0);
        assert_eq!(fake.item(), 0.0);
        // A confident wrong answer costs +∞ (the true limit), not NaN.
        let wrong = tape.constant(&array![[f64::NEG_INFINITY]]).bce_with_logits(1.0);
        assert_eq!(wrong.item(), f64::INFINITY);
    }

    #[test]
    #[should_panic(expected = "bce_with_logits: the label must be a probability in [0, 1], got NaN")]
    fn a_nan_label_is_refused() {
        let tape = Tape::<f64>::new();
        let _ = tape.constant(&array![[0.5]]).bce_with_logits(f64::NAN);
    }

    #[test]
    #[should_panic(expected = "bce_with_logits: the label must be a probability in [0, 1], got 2")]
    fn a_label_above_one_is_refused() {
        let tape = Tape::<f64>::new();
        let _ = tape.constant(&array![[0.5]]).bce_with_logits(2.0);
    }
}
