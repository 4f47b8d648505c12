//! Elementwise (Hadamard) product with the right operand broadcast: `y_ij = a_ij · b_ij`.
//!
//! `∂L/∂a_ij = ∂L/∂y_ij · b_ij`; `∂L/∂b = Σ ∂L/∂y_ij · a_ij` over the broadcast rows/columns.
//! Recorded backward: `U ⊙ b` and `sum_to(U ⊙ a, shape of b)`.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::{accumulate_broadcast, binary, sum_to};
use crate::Float;
use ndarray::Zip;

/// `y = a ⊙ b`.
#[derive(Clone, Copy)]
pub(crate) struct Mul {
    a: NodeId,
    b: NodeId,
}

impl<'t, T: Float> std::ops::Mul for Var<'t, T> {
    type Output = Var<'t, T>;
    /// `a ⊙ b` elementwise, `b` broadcast to `a`'s shape.
    ///
    /// # Panics
    /// If `b` does not broadcast to `a` (message names `mul` and both shapes).
    #[track_caller]
    fn mul(self, rhs: Var<'t, T>) -> Var<'t, T> {
        let op = Mul {
            a: self.node(),
            b: rhs.node(),
        };
        binary(self, rhs, "mul", op, |a, b| a * b)
    }
}

impl<T: Float> Operation<T> for Mul {
    fn inputs(&self) -> Inputs {
        [self.a, self.b].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        let upstream = chain.upstream();
        let (value_a, value_b) = (chain.value(self.a), chain.value(self.b));
        if let Some(grad_a) = chain.accumulator(self.a) {
            Zip::from(grad_a)
                .and(upstream)
                .and_broadcast(value_b)
                .for_each(|g, &u, &b| *g += u * b);
        }
        if let Some(grad_b) = chain.accumulator(self.b) {
            accumulate_broadcast(grad_b, upstream.dim(), |i, j| {
                upstream[[i, j]] * value_a[[i, j]]
            });
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, a, b) = (chain.upstream(), chain.var(self.a), chain.var(self.b));
        chain.add(self.a, || u * b);
        chain.add(self.b, || sum_to(u * a, b.shape()));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences_for_every_broadcast() {
        let a = uniform(3, 4, -2.0, 2.0, 15);
        for (rows, cols) in [(3, 4), (1, 4), (3, 1), (1, 1)] {
            let b = uniform(rows, cols, -2.0, 2.0, 16);
            let inputs = [a.clone(), b];
            gradcheck(&inputs, |_, v| v[0] * v[1]).assert_below(1e-6);
            hessian_vector_check(&inputs, |_, v| v[0] * v[1]).assert_below(1e-6);
            hessian_vector_check(&inputs, |_, v| (v[0] * v[1]).square()).assert_below(1e-6);
        }
    }

    #[test]
    fn a_variable_used_twice_gets_both_contributions() {
        // d(x·x)/dx = 2x: both operands of the product are x.
        let tape = Tape::<f64>::new();
        let x = tape.variable(&array![[3.0, -2.0]]);
        let g = tape.backward((x * x).sum());
        assert_eq!(g.wrt(x).unwrap(), &array![[6.0, -4.0]]);
        gradcheck(&[array![[3.0, -2.0]]], |_, v| v[0] * v[0]).assert_below(1e-6);
        hessian_vector_check(&[array![[3.0, -2.0]]], |_, v| v[0] * v[0] * v[0])
            .assert_below(1e-6);
    }
}
