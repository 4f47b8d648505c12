//! Log-sigmoid: `y = ln σ(x) = −softplus(−x)`, `dy/dx = 1 − σ(x) = σ(−x)`.
//!
//! The discriminator's log-probability of "real" from its logit, finite for any logit
//! (the GAN value `E log D(x)` is a mean of these).
//!
//! Recorded backward: `U ⊙ σ(−x)`.
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::unary;
use crate::Float;

/// `y = ln σ(x)`.
#[derive(Clone, Copy)]
pub(crate) struct LogSigmoid {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = ln σ(x) = min(x, 0) − ln(1 + e^(−|x|))` elementwise.
    #[track_caller]
    pub fn log_sigmoid(self) -> Var<'t, T> {
        let f = |x: T| -super::softplus_scalar(-x);
        let op = LogSigmoid { x: self.node() };
        self.tape().record_map(self, op, f)
    }
}

impl<T: Float> Operation<T> for LogSigmoid {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `dy/dx = σ(−x)`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        unary(chain, self.x, |x, _| super::logistic(-x));
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x) = (chain.upstream(), chain.var(self.x));
        chain.add(self.x, || u * (-x).sigmoid());
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, -6.0, 6.0, 10);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].log_sigmoid()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].log_sigmoid()).assert_below(1e-6);
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
