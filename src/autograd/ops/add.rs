//! Addition with the right operand broadcast: `y_ij = a_ij + b_ij`, with `b` of shape
//! `m × n`, `1 × n` (a bias row added to every sample), `m × 1` or `1 × 1`.
//!
//! `∂y/∂a = 1`, so `∂L/∂a = ∂L/∂y`; `∂L/∂b` sums `∂L/∂y` over the rows (and/or columns)
//! that `b` was broadcast along. Recorded backward: `U` and `sum_to(U, shape of b)`.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::{accumulate_broadcast, binary, sum_to};
use crate::Float;

/// `y = a + b`.
#[derive(Clone, Copy)]
pub(crate) struct Add {
    a: NodeId,
    b: NodeId,
}

impl<'t, T: Float> std::ops::Add for Var<'t, T> {
    type Output = Var<'t, T>;
    /// `a + b`, `b` broadcast to `a`'s shape.
    ///
    /// # Panics
    /// If `b` does not broadcast to `a` (message names `add` and both shapes).
    #[track_caller]
    fn add(self, rhs: Var<'t, T>) -> Var<'t, T> {
        let op = Add {
            a: self.node(),
            b: rhs.node(),
        };
        binary(self, rhs, "add", op, |a, b| a + b)
    }
}

impl<T: Float> Operation<T> for Add {
    fn inputs(&self) -> Inputs {
        [self.a, self.b].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        let upstream = chain.upstream();
        if let Some(grad_a) = chain.accumulator(self.a) {
            *grad_a += upstream;
        }
        if let Some(grad_b) = chain.accumulator(self.b) {
            accumulate_broadcast(grad_b, upstream.dim(), |i, j| upstream[[i, j]]);
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, b) = (chain.upstream(), chain.var(self.b));
        chain.add(self.a, || u);
        chain.add(self.b, || sum_to(u, b.shape()));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences_for_every_broadcast() {
        let a = uniform(3, 4, -2.0, 2.0, 11);
        for (rows, cols) in [(3, 4), (1, 4), (3, 1), (1, 1)] {
            let b = uniform(rows, cols, -2.0, 2.0, 12);
            let inputs = [a.clone(), b];
            gradcheck(&inputs, |_, v| v[0] + v[1]).assert_below(1e-6);
            hessian_vector_check(&inputs, |_, v| (v[0] + v[1]).square()).assert_below(1e-6);
        }
    }

    #[test]
    fn bias_row_gradient_is_the_column_sum() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]);
        let bias = tape.variable(&array![[0.5, -0.5]]);
        let y = (x + bias) * tape.constant(&array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]);
        let g = tape.backward(y.sum());
        assert_eq!(g.wrt(bias).unwrap(), &array![[9.0, 12.0]]);
    }

    #[test]
    #[should_panic(expected = "add: shape mismatch: 3×4 and 2×4")]
    fn shape_mismatch_names_the_op_and_both_shapes() {
        let tape = Tape::<f64>::new();
        let _ = tape.constant(&ndarray::Array2::zeros((3, 4)))
            + tape.constant(&ndarray::Array2::zeros((2, 4)));
    }
}
