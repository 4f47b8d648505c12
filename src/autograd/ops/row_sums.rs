//! Sums along each row: `y_i = Σ_j x_ij` (B × n → B × 1; per sample, e.g. `‖g_i‖² = Σ_j g_ij²`
//! of the gradient penalty), `∂y_i/∂x_ij = 1`. Recorded backward: `U` (B × 1) broadcast
//! along the columns.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::broadcast;
use crate::Float;
use ndarray::{Axis, Zip};

/// `y_i = Σ_j x_ij`.
#[derive(Clone, Copy)]
pub(crate) struct RowSums {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `(Σ_j x_ij)_i`: each row summed (in column order), a `B × 1` column.
    #[track_caller]
    pub fn row_sums(self) -> Var<'t, T> {
        let op = RowSums { x: self.node() };
        self.tape().record(op, "row_sums", &[self], |values, pool| {
            let x = values.value(self);
            let sums = x.rows().into_iter().map(|row| row.iter().fold(T::zero(), |s, &v| s + v));
            pool.from_iter((x.nrows(), 1), sums)
        })
    }
}

impl<T: Float> Operation<T> for RowSums {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `∂L/∂x_ij += ∂L/∂y_i`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let upstream = chain.upstream();
        if let Some(grad_x) = chain.accumulator(self.x) {
            Zip::from(grad_x.rows_mut())
                .and(upstream.index_axis(Axis(1), 0))
                .for_each(|mut row, &u| row.mapv_inplace(|g| g + u));
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
        let x = uniform(4, 3, -2.0, 2.0, 35);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].row_sums()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].row_sums().square()).assert_below(1e-6);
    }

    #[test]
    fn sums_each_row() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&array![[1.0, 2.0, 3.0], [-1.0, 0.5, 4.0]]);
        assert_eq!(&*x.row_sums().value(), &array![[6.0], [3.5]]);
    }
}
