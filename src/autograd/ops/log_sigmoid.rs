//! Log-sigmoid: `y = ln σ(x) = −softplus(−x)`, `dy/dx = 1 − σ(x) = σ(−x)`.
//!
//! The discriminator's log-probability of "real" from its logit, finite for any logit
//! (the GAN value `E log D(x)` is a mean of these).
use super::super::tape::Var;
use super::Op;
use crate::Float;

impl<'t, T: Float> Var<'t, T> {
    /// `y = ln σ(x) = min(x, 0) − ln(1 + e^(−|x|))` elementwise.
    pub fn log_sigmoid(self) -> Var<'t, T> {
        let f = |x: T| -super::softplus_scalar(-x);
        self.tape.map(self, Op::LogSigmoid(self.id), f)
    }
}

/// `dy/dx = σ(−x)`.
pub(super) fn derivative<T: Float>(x: T, _y: T) -> T {
    super::logistic(-x)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;
    use crate::autograd::Tape;
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, -6.0, 6.0, 10);
        gradcheck(&[x], |_, v| v[0].log_sigmoid()).assert_below(1e-6);
    }

    #[test]
    fn finite_at_extreme_logits() {
        let tape = Tape::<f64>::new();
        let y = tape.constant(&array![[-100.0, 100.0, 0.0]]).log_sigmoid();
        let y = y.value();
        assert_eq!(y[[0, 0]], -100.0 - (-100.0f64).exp().ln_1p());
        assert_eq!(y[[0, 1]], -(-100.0f64).exp().ln_1p());
        assert_eq!(y[[0, 2]], -(2f64.ln()));
    }
}
