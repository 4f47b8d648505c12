//! Rectified linear unit: `y = max(x, 0)`, `dy/dx = 1` for `x > 0`, `0` for `x ≤ 0`
//! (the subgradient 0 is taken at the kink `x = 0`, as in PyTorch).
//!
//! Recorded backward: `U ⊙ 1[x > 0]`, the mask a constant (`d²y/dx² = 0` away from 0).
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::{constant_map, unary};
use crate::Float;

/// `y = max(x, 0)`.
#[derive(Clone, Copy)]
pub(crate) struct Relu {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = max(x, 0)` elementwise.
    #[track_caller]
    pub fn relu(self) -> Var<'t, T> {
        let op = Relu { x: self.node() };
        self.tape().record_map(self, op, relu)
    }
}

/// `max(x, 0)`.
pub(super) fn relu<T: Float>(x: T) -> T {
    x.max(T::zero())
}

/// `dy/dx = 1` if `x > 0`, else `0` (so `0` at the kink).
pub(super) fn derivative<T: Float>(x: T) -> T {
    if x > T::zero() {
        T::one()
    } else {
        T::zero()
    }
}

impl<T: Float> Operation<T> for Relu {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        unary(chain, self.x, |x, _| derivative(x));
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x) = (chain.upstream(), chain.var(self.x));
        chain.add(self.x, || u * constant_map(x, derivative));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = away_from_zero(4, 5, 5);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].relu()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].relu().square()).assert_below(1e-6);
    }

    #[test]
    fn derivative_at_the_kink_is_zero() {
        let tape = Tape::<f64>::new();
        let x = tape.variable(&array![[0.0, -1.0, 2.0]]);
        let g = tape.backward(x.relu().sum());
        assert_eq!(g.wrt(x).unwrap(), &array![[0.0, 0.0, 1.0]]);
    }
}
