//! The same elements in another shape, read and written in row-major order:
//! `Y = reshape(X, r × c)`, `y_{⌊k/c⌋, k mod c} = x_{⌊k/n⌋, k mod n}` for `k = 0 … m·n − 1`
//! (X is m × n, r·c = m·n).
//!
//! `∂L/∂X = reshape(∂L/∂Y, m × n)`: each element moves back to where it came from. Recorded
//! backward: the same op, so it is its own second derivative's building block. PacGAN's
//! packing (`gan::pack_rows`) is this op: `m` consecutive rows side by side are one
//! row-major reshape.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use crate::Float;

/// `Y = reshape(X, rows × cols)`, row-major.
#[derive(Clone, Copy)]
pub(crate) struct Reshape {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// The variable's elements, in row-major order, as a `rows × cols` variable.
    ///
    /// # Panics
    /// If `rows · cols` is not the number of elements (message names `reshape` and both shapes).
    #[track_caller]
    pub fn reshape(self, rows: usize, cols: usize) -> Var<'t, T> {
        let (m, n) = self.shape();
        assert!(
            rows.checked_mul(cols) == Some(m * n),
            "reshape: a {m}×{n} variable has {} elements, not {rows}×{cols}",
            m * n
        );
        self.tape()
            .record(Reshape { x: self.node() }, "reshape", &[self], |values, pool| {
                pool.filled_from((rows, cols), values.value(self).iter().copied())
            })
    }
}

impl<T: Float> Operation<T> for Reshape {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        let upstream = chain.upstream();
        if let Some(grad_x) = chain.accumulator(self.x) {
            // Both in row-major order: element k of ∂L/∂Y goes back to element k of X.
            for (g, &u) in grad_x.iter_mut().zip(upstream.iter()) {
                *g += u;
            }
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x) = (chain.upstream(), chain.var(self.x));
        let (rows, cols) = x.shape();
        chain.add(self.x, || u.reshape(rows, cols));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(4, 3, -2.0, 2.0, 46);
        for (rows, cols) in [(2, 6), (1, 12), (12, 1), (6, 2), (4, 3)] {
            let inputs = std::slice::from_ref(&x);
            // A weighted sum, so that every element's place matters to the gradient.
            let weights = uniform(rows, cols, -1.0, 1.0, 47);
            gradcheck(inputs, |tape, v| v[0].reshape(rows, cols) * tape.constant(&weights))
                .assert_below(1e-6);
            hessian_vector_check(inputs, |tape, v| {
                (v[0].reshape(rows, cols) * tape.constant(&weights)).square()
            })
            .assert_below(1e-6);
        }
    }

    #[test]
    fn keeps_the_row_major_order() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]);
        assert_eq!(&*x.reshape(2, 3).value(), &array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
        assert_eq!(&*x.reshape(1, 6).value(), &array![[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]]);
    }

    #[test]
    #[should_panic(expected = "reshape: a 3×2 variable has 6 elements, not 4×2")]
    fn a_different_number_of_elements_is_refused() {
        let tape = Tape::<f64>::new();
        let _ = tape.constant(&ndarray::Array2::zeros((3, 2))).reshape(4, 2);
    }
}
