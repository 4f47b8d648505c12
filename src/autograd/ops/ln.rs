//! Natural logarithm, elementwise: `y = ln x`, `dy/dx = 1/x` (for `x > 0`).
//!
//! Recorded backward: `U / x`.
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::unary;
use crate::Float;

/// `y = ln x`.
#[derive(Clone, Copy)]
pub(crate) struct Ln {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = ln x` elementwise (`−∞` at 0, NaN below: callers keep `x > 0`).
    #[track_caller]
    pub fn ln(self) -> Var<'t, T> {
        let op = Ln { x: self.node() };
        self.tape().record_map(self, op, T::ln)
    }
}

impl<T: Float> Operation<T> for Ln {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `dy/dx = 1/x`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        unary(chain, self.x, |x, _| x.recip());
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x) = (chain.upstream(), chain.var(self.x));
        chain.add(self.x, || u / x);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, 0.2, 3.0, 2);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].ln()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].ln()).assert_below(1e-6);
    }
}
