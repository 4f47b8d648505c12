//! Sums down each column: `y_j = Σ_i x_ij` (B × n → 1 × n; over the batch, e.g. a bias's
//! gradient), `∂y_j/∂x_ij = 1`. Recorded backward: `U` (1 × n) broadcast along the rows.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::broadcast;
use crate::Float;

/// `y_j = Σ_i x_ij`.
#[derive(Clone, Copy)]
pub(crate) struct ColumnSums {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `(Σ_i x_ij)_j`: each column summed (in row order), a `1 × n` row.
    #[track_caller]
    pub fn column_sums(self) -> Var<'t, T> {
        let op = ColumnSums { x: self.node() };
        self.tape().record(op, "column_sums", &[self], |values, pool| {
            let x = values.value(self);
            let mut sums = pool.zeros((1, x.ncols()));
            let mut sum_row = sums.row_mut(0);
            for row in x.rows() {
                sum_row.zip_mut_with(&row, |s, &v| *s += v);
            }
            sums
        })
    }
}

impl<T: Float> Operation<T> for ColumnSums {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `∂L/∂x_ij += ∂L/∂y_j`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let upstream = chain.upstream().row(0);
        if let Some(grad_x) = chain.accumulator(self.x) {
            for mut row in grad_x.rows_mut() {
                row.zip_mut_with(&upstream, |g, &u| *g += u);
            }
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x) = (chain.upstream(), chain.var(self.x));
        chain.add(self.x, || broadcast(u, x.shape()));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(4, 3, -2.0, 2.0, 36);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].column_sums()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].column_sums().square()).assert_below(1e-6);
    }

    #[test]
    fn sums_each_column() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&array![[1.0, 2.0, 3.0], [-1.0, 0.5, 4.0]]);
        assert_eq!(&*x.column_sums().value(), &array![[0.0, 2.5, 7.0]]);
    }
}
