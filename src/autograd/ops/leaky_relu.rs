//! Leaky ReLU with slope `α` below zero: `y = x` for `x > 0`, `α·x` otherwise;
//! `dy/dx = 1` for `x > 0`, `α` for `x ≤ 0` (so `α` at the kink, as in PyTorch).
//!
//! Recorded backward: `U ⊙ (1 or α)`, the mask a constant (`d²y/dx² = 0` away from 0).
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::{constant_map, unary};
use crate::Float;

/// `y = x` if `x > 0`, else `slope·x`.
#[derive(Clone, Copy)]
pub(crate) struct LeakyRelu<T> {
    x: NodeId,
    slope: T,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = x` if `x > 0`, else `slope·x`, elementwise (DCGAN uses `slope = 0.2`).
    #[track_caller]
    pub fn leaky_relu(self, slope: T) -> Var<'t, T> {
        let op = LeakyRelu {
            x: self.node(),
            slope,
        };
        self.tape()
            .record_map(self, op, move |x| leaky_relu(x, slope))
    }
}

/// `x` if `x > 0`, else `slope·x`.
pub(super) fn leaky_relu<T: Float>(x: T, slope: T) -> T {
    if x > T::zero() {
        x
    } else {
        slope * x
    }
}

/// `dy/dx = 1` if `x > 0`, else `slope` (so `slope` at the kink).
pub(super) fn derivative<T: Float>(x: T, slope: T) -> T {
    if x > T::zero() {
        T::one()
    } else {
        slope
    }
}

impl<T: Float> Operation<T> for LeakyRelu<T> {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        let slope = self.slope;
        unary(chain, self.x, |x, _| derivative(x, slope));
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x, slope) = (chain.upstream(), chain.var(self.x), self.slope);
        chain.add(self.x, || u * constant_map(x, |x| derivative(x, slope)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = away_from_zero(4, 5, 6);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].leaky_relu(0.2)).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].leaky_relu(0.2).square()).assert_below(1e-6);
    }

    #[test]
    fn derivative_at_the_kink_is_the_slope() {
        let tape = Tape::<f64>::new();
        let x = tape.variable(&array![[0.0, -1.0, 2.0]]);
        let g = tape.backward(x.leaky_relu(0.2).sum());
        assert_eq!(g.wrt(x).unwrap(), &array![[0.2, 0.2, 1.0]]);
    }
}
