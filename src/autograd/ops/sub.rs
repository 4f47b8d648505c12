//! Subtraction with the right operand broadcast: `y = a − b`.
//!
//! `∂L/∂a = ∂L/∂y`; `∂L/∂b = −∂L/∂y`, summed over the broadcast rows/columns of `b`.
//! Recorded backward: `U` and `−sum_to(U, shape of b)`.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::{accumulate_broadcast, binary, sum_to};
use crate::Float;

/// `y = a − b`.
#[derive(Clone, Copy)]
pub(crate) struct Sub {
    a: NodeId,
    b: NodeId,
}

impl<'t, T: Float> std::ops::Sub for Var<'t, T> {
    type Output = Var<'t, T>;
    /// `a − b`, `b` broadcast to `a`'s shape.
    ///
    /// # Panics
    /// If `b` does not broadcast to `a` (message names `sub` and both shapes).
    #[track_caller]
    fn sub(self, rhs: Var<'t, T>) -> Var<'t, T> {
        let op = Sub {
            a: self.node(),
            b: rhs.node(),
        };
        binary(self, rhs, "sub", op, |a, b| a - b)
    }
}

impl<T: Float> Operation<T> for Sub {
    fn inputs(&self) -> Inputs {
        [self.a, self.b].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        let upstream = chain.upstream();
        if let Some(grad_a) = chain.accumulator(self.a) {
            *grad_a += upstream;
        }
        if let Some(grad_b) = chain.accumulator(self.b) {
            accumulate_broadcast(grad_b, upstream.dim(), |i, j| -upstream[[i, j]]);
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, b) = (chain.upstream(), chain.var(self.b));
        chain.add(self.a, || u);
        chain.add(self.b, || -sum_to(u, b.shape()));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences_for_every_broadcast() {
        let a = uniform(3, 4, -2.0, 2.0, 13);
        for (rows, cols) in [(3, 4), (1, 4), (3, 1), (1, 1)] {
            let b = uniform(rows, cols, -2.0, 2.0, 14);
            let inputs = [a.clone(), b];
            gradcheck(&inputs, |_, v| v[0] - v[1]).assert_below(1e-6);
            hessian_vector_check(&inputs, |_, v| (v[0] - v[1]).square()).assert_below(1e-6);
        }
    }
}
