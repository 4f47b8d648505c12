//! The largest entry of each row: `y_i = max_j x_ij` (B × n → B × 1), the max of a maxout
//! unit (Goodfellow et al. 2013; `nn::Maxout`, notebook 06). `∂y_i/∂x_ij = 1` for the first
//! `j` that attains the maximum, `0` for every other `j` (a tie goes to the lowest `j`, and
//! NaN propagates: a NaN in a row makes that row's maximum NaN, its gradient 0).
//!
//! Recorded backward: `M ⊙ U`, the one-hot argmax mask `M` a constant (the max is
//! piecewise linear: `∂²y/∂x² = 0` away from ties) and `U` (B × 1) broadcast along the row.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use crate::Float;
use ndarray::ArrayView1;

/// `y_i = max_j x_ij`.
#[derive(Clone, Copy)]
pub(crate) struct RowMax {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `(max_j x_ij)_i`: each row's largest entry, a `B × 1` column.
    ///
    /// # Panics
    /// If `self` has no columns (an empty row has no maximum).
    #[track_caller]
    pub fn row_max(self) -> Var<'t, T> {
        let shape = self.shape();
        assert!(shape.1 > 0, "row_max: {shape:?} has no columns to take a maximum of");
        let op = RowMax { x: self.node() };
        self.tape().record(op, "row_max", &[self], |values, pool| {
            let x = values.value(self);
            let maxima = x.rows().into_iter().map(|row| row[argmax(row)]);
            pool.filled_from((x.nrows(), 1), maxima)
        })
    }
}

/// The first index of the row's maximum; the first NaN's index if the row holds one.
fn argmax<T: Float>(row: ArrayView1<'_, T>) -> usize {
    let mut best = 0;
    for (j, &v) in row.iter().enumerate() {
        if v.is_nan() {
            return j;
        }
        if v > row[best] {
            best = j;
        }
    }
    best
}

impl<T: Float> Operation<T> for RowMax {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `∂L/∂x_ij += ∂L/∂y_i` at `j = argmax_j x_ij`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let (x, upstream) = (chain.value(self.x), chain.upstream());
        if let Some(grad_x) = chain.accumulator(self.x) {
            for (i, (row, &u)) in x.rows().into_iter().zip(upstream.iter()).enumerate() {
                grad_x[[i, argmax(row)]] += u;
            }
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x) = (chain.upstream(), chain.var(self.x));
        let mask = x.tape().record_constant(move |values, pool| {
            let x = values.value(x);
            let mut mask = pool.zeros(x.dim());
            for (i, row) in x.rows().into_iter().enumerate() {
                mask[[i, argmax(row)]] = T::one();
            }
            mask
        });
        chain.add(self.x, || mask * u);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        // Uniform draws: ties have probability 0, and a step of 1e-6 does not change the
        // winner unless two entries are that close (seeded: they are not).
        let x = uniform(5, 4, -2.0, 2.0, 41);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].row_max()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].row_max().square()).assert_below(1e-6);
    }

    #[test]
    fn takes_the_first_maximum_and_propagates_nan() {
        let tape = Tape::<f64>::new();
        let x = tape.variable(&array![[1.0, 3.0, 3.0], [-1.0, f64::NAN, 4.0], [-2.0, -5.0, -3.0]]);
        let y = x.row_max();
        let values = y.value().to_owned();
        assert_eq!((values[[0, 0]], values[[2, 0]]), (3.0, -2.0));
        assert!(values[[1, 0]].is_nan());
        let g = tape.backward(y.slice_rows(0, 1).sum() + y.slice_rows(2, 1).sum());
        let expected = array![[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0]];
        assert_eq!(g.wrt(x).unwrap(), &expected);
    }
}
