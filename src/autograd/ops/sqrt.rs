//! Square root, elementwise: `y = √x`, `dy/dx = 1/(2√x) = 1/(2y)` for `x > 0`.
//! Recorded backward: `U / (2y)` with `y` the output node.
//!
//! At `x = 0` the derivative is infinite and IEEE arithmetic says so: `u/(2·0) = ±∞`, or
//! NaN when `u = 0` as well. Nothing special is done (PyTorch does the same). The gradient
//! penalty's norm `√(Σ g²)` is non-differentiable at `g = 0`, where its chain rule gives
//! `∞ · 0 = NaN`; add a small constant under the root, `√(Σ g² + ε)`, when `g = 0` can
//! occur (a critic whose units are all dead on a sample). Below 0 the value is NaN.
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::unary;
use crate::Float;

/// `y = √x`.
#[derive(Clone, Copy)]
pub(crate) struct Sqrt {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = √x` elementwise (derivative `1/(2y)`, infinite at 0: see the module doc).
    #[track_caller]
    pub fn sqrt(self) -> Var<'t, T> {
        let op = Sqrt { x: self.node() };
        self.tape().record_map(self, op, T::sqrt)
    }
}

impl<T: Float> Operation<T> for Sqrt {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `dy/dx = 1/(2y)`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let two = T::lit(2.0);
        unary(chain, self.x, |_, y| (two * y).recip());
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, y) = (chain.upstream(), chain.output());
        chain.add(self.x, || u / y.scale(T::lit(2.0)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, 0.2, 3.0, 32);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].sqrt()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].sqrt()).assert_below(1e-6);
    }

    #[test]
    fn finite_away_from_zero_and_infinite_at_zero() {
        let tape = Tape::<f64>::new();
        let x = tape.variable(&array![[1e-12, 4.0, 0.0]]);
        let g = tape.backward(x.sqrt().sum());
        let g = g.wrt(x).unwrap();
        // 1/(2√x): 5e5 at 1e-12 (finite however small x is, while √x is positive), ¼ at 4.
        assert_eq!(g[[0, 0]], 1.0 / (2.0 * 1e-6));
        assert_eq!(g[[0, 1]], 0.25);
        assert_eq!(g[[0, 2]], f64::INFINITY);
    }
}
