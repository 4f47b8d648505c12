//! Elementwise division with the right operand broadcast: `y_ij = a_ij / b_ij`.
//!
//! `∂L/∂a_ij = ∂L/∂y_ij / b_ij`; `∂L/∂b = Σ −∂L/∂y_ij · a_ij / b_ij² = Σ −∂L/∂y_ij · y_ij / b_ij`
//! over the broadcast rows/columns. Recorded backward: `U / b` and
//! `−sum_to((U ⊙ y) / b, shape of b)`, `y` the output node. Division by 0 follows IEEE
//! (`±∞` or NaN), as `/` on numbers does.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::{accumulate_broadcast, binary, sum_to};
use crate::Float;
use ndarray::Zip;

/// `y = a / b`.
#[derive(Clone, Copy)]
pub(crate) struct Div {
    a: NodeId,
    b: NodeId,
}

impl<'t, T: Float> std::ops::Div for Var<'t, T> {
    type Output = Var<'t, T>;
    /// `a / b` elementwise, `b` broadcast to `a`'s shape (`1 × n`, `m × 1` or `1 × 1`).
    ///
    /// # Panics
    /// If `b` does not broadcast to `a` (message names `div` and both shapes).
    #[track_caller]
    fn div(self, rhs: Var<'t, T>) -> Var<'t, T> {
        let op = Div {
            a: self.node(),
            b: rhs.node(),
        };
        binary(self, rhs, "div", op, |a, b| a / b)
    }
}

impl<T: Float> Operation<T> for Div {
    fn inputs(&self) -> Inputs {
        [self.a, self.b].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        let (upstream, y) = (chain.upstream(), chain.output());
        let value_b = chain.value(self.b);
        if let Some(grad_a) = chain.accumulator(self.a) {
            Zip::from(grad_a)
                .and(upstream)
                .and_broadcast(value_b)
                .for_each(|g, &u, &b| *g += u / b);
        }
        if let Some(grad_b) = chain.accumulator(self.b) {
            let (row_of, col_of) = (value_b.nrows() != 1, value_b.ncols() != 1);
            accumulate_broadcast(grad_b, upstream.dim(), |i, j| {
                let b = value_b[[if row_of { i } else { 0 }, if col_of { j } else { 0 }]];
                -upstream[[i, j]] * y[[i, j]] / b
            });
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, b, y) = (chain.upstream(), chain.var(self.b), chain.output());
        chain.add(self.a, || u / b);
        chain.add(self.b, || -sum_to((u * y) / b, b.shape()));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences_for_every_broadcast() {
        let a = uniform(3, 4, -2.0, 2.0, 33);
        for (rows, cols) in [(3, 4), (1, 4), (3, 1), (1, 1)] {
            let b = uniform(rows, cols, 0.5, 2.0, 34);
            let inputs = [a.clone(), b];
            gradcheck(&inputs, |_, v| v[0] / v[1]).assert_below(1e-6);
            hessian_vector_check(&inputs, |_, v| v[0] / v[1]).assert_below(1e-6);
            hessian_vector_check(&inputs, |_, v| (v[0] / v[1]).square()).assert_below(1e-6);
        }
    }

    #[test]
    fn divides_by_a_broadcast_column() {
        let tape = Tape::<f64>::new();
        let a = tape.constant(&array![[2.0, 4.0], [9.0, 3.0]]);
        let b = tape.constant(&array![[2.0], [3.0]]);
        assert_eq!(&*(a / b).value(), &array![[1.0, 2.0], [3.0, 1.0]]);
    }

    #[test]
    #[should_panic(expected = "div: shape mismatch: 3×4 and 3×2")]
    fn shape_mismatch_names_the_op_and_both_shapes() {
        let tape = Tape::<f64>::new();
        let _ = tape.constant(&ndarray::Array2::zeros((3, 4)))
            / tape.constant(&ndarray::Array2::ones((3, 2)));
    }
}
