//! Softplus: `y = ln(1 + eˣ)`, `dy/dx = σ(x)`.
//!
//! Evaluated as `max(x, 0) + ln(1 + e^(−|x|))`: exact for large `|x|` where the naive
//! form overflows (`x = 100`) or rounds to 0 (`x = −40`).
//!
//! Recorded backward: `U ⊙ σ(x)`.
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::unary;
use crate::Float;

/// `y = ln(1 + eˣ)`.
#[derive(Clone, Copy)]
pub(crate) struct Softplus {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = ln(1 + eˣ)` elementwise, without overflow.
    #[track_caller]
    pub fn softplus(self) -> Var<'t, T> {
        let op = Softplus { x: self.node() };
        self.tape().record_map(self, op, softplus)
    }
}

/// `ln(1 + eˣ) = max(x, 0) + ln(1 + e^(−|x|))` for one scalar.
pub fn softplus<T: Float>(x: T) -> T {
    x.max(T::zero()) + (-x.abs()).exp().ln_1p()
}

impl<T: Float> Operation<T> for Softplus {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `dy/dx = σ(x)`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        unary(chain, self.x, |x, _| super::logistic(x));
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x) = (chain.upstream(), chain.var(self.x));
        chain.add(self.x, || u * x.sigmoid());
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::softplus;
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, -5.0, 5.0, 9);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].softplus()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].softplus()).assert_below(1e-6);
    }

    #[test]
    fn stable_where_the_naive_form_fails() {
        assert_eq!(softplus(100.0f64), 100.0 + (-100.0f64).exp().ln_1p());
        assert!((softplus(1000.0f32) - 1000.0).abs() < 1e-3);
        // ln(1 + e^(−40)) = e^(−40) to first order; the naive f64 form gives exactly 0.
        let tiny = softplus(-40.0f64);
        assert!((tiny - (-40.0f64).exp()).abs() < 1e-30, "{tiny}");
        assert_eq!(softplus(0.0f64), 2f64.ln());
    }
}
