//! A block of rows: `Y = X[start .. start + count, :]`.
//!
//! `∂L/∂X` is `∂L/∂Y` in those rows and 0 elsewhere. Recorded backward: `U` stacked between
//! zero blocks (`concat_rows`), so the two ops differentiate each other.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use crate::Float;
use ndarray::s;

/// `Y = X[start .. start + count, :]`.
#[derive(Clone, Copy)]
pub(crate) struct SliceRows {
    x: NodeId,
    start: usize,
}

impl<'t, T: Float> Var<'t, T> {
    /// Rows `start .. start + count` of the variable, as a new `count × n` variable.
    ///
    /// # Panics
    /// If the rows run past the end (message names `slice_rows`, the range and the shape).
    #[track_caller]
    pub fn slice_rows(self, start: usize, count: usize) -> Var<'t, T> {
        let (rows, cols) = self.shape();
        assert!(
            start.checked_add(count).is_some_and(|end| end <= rows),
            "slice_rows: rows {start}..{start}+{count} of a {rows}×{cols} variable"
        );
        let op = SliceRows {
            x: self.node(),
            start,
        };
        self.tape().record(op, "slice_rows", &[self], |values, pool| {
            let block = values.value(self).slice(s![start..start + count, ..]);
            pool.from_iter((count, cols), block.iter().copied())
        })
    }
}

impl<T: Float> Operation<T> for SliceRows {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        let (upstream, start) = (chain.upstream(), self.start);
        if let Some(grad_x) = chain.accumulator(self.x) {
            let mut block = grad_x.slice_mut(s![start..start + upstream.nrows(), ..]);
            block += upstream;
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x, tape) = (chain.upstream(), chain.var(self.x), chain.tape());
        let ((rows, cols), count, start) = (x.shape(), u.shape().0, self.start);
        chain.add(self.x, || {
            let zeros = |n| tape.record_constant(|_, pool| pool.zeros((n, cols)));
            let below = rows - start - count;
            let mut padded = u;
            if start > 0 {
                padded = zeros(start).concat_rows(padded);
            }
            if below > 0 {
                padded = padded.concat_rows(zeros(below));
            }
            padded
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(5, 3, -2.0, 2.0, 45);
        for (start, count) in [(0, 2), (1, 3), (3, 2), (0, 5)] {
            let inputs = std::slice::from_ref(&x);
            gradcheck(inputs, |_, v| v[0].slice_rows(start, count)).assert_below(1e-6);
            hessian_vector_check(inputs, |_, v| v[0].slice_rows(start, count).square())
                .assert_below(1e-6);
        }
    }

    #[test]
    fn takes_the_rows() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]);
        assert_eq!(&*x.slice_rows(1, 2).value(), &array![[3.0, 4.0], [5.0, 6.0]]);
    }

    #[test]
    #[should_panic(expected = "slice_rows: rows 2..2+2 of a 3×2 variable")]
    fn rows_past_the_end_are_refused() {
        let tape = Tape::<f64>::new();
        let _ = tape.constant(&ndarray::Array2::zeros((3, 2))).slice_rows(2, 2);
    }
}
