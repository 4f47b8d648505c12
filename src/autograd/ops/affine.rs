//! Affine map of a batch: `Y = X·W + b` (B × in times in × out, plus a 1 × out bias row
//! added to every sample), the dense layer's whole forward.
//!
//! `∂L/∂X = U·Wᵀ`, `∂L/∂W = Xᵀ·U` and `∂L/∂b = Σ_rows U`, with `U = ∂L/∂Y`.
//! Recorded backward: `matmul_nt(U, W)`, `matmul_tn(X, U)` and `column_sums(U)`.
//!
//! Fused for speed (it is `x.matmul(w) + b`, the same math): the output starts as the bias
//! row copied into every row and the product accumulates onto it (`gemm` with `β = 1`), so
//! there is no separate addition pass, no zero-filled product, and one node instead of two.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::shape_panic;
use crate::linalg::gemm;
use crate::Float;

/// `Y = X·W + b`.
#[derive(Clone, Copy)]
pub(crate) struct Affine {
    x: NodeId,
    w: NodeId,
    b: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `X·W + b`: a batch of inputs (rows) through a dense layer's weight and bias.
    ///
    /// # Panics
    /// If `W` does not have `X`'s column count as its rows (message `affine`), or `b` is not
    /// `1 × W`'s columns (message `affine (bias)`), naming both shapes.
    #[track_caller]
    pub fn affine(self, weight: Var<'t, T>, bias: Var<'t, T>) -> Var<'t, T> {
        let (sx, sw, sb) = (self.shape(), weight.shape(), bias.shape());
        if sx.1 != sw.0 {
            shape_panic("affine", sx, sw);
        }
        if sb != (1, sw.1) {
            shape_panic("affine (bias)", sw, sb);
        }
        let op = Affine {
            x: self.node(),
            w: weight.node(),
            b: bias.node(),
        };
        self.tape()
            .record(op, "affine", &[self, weight, bias], |values, pool| {
                let (x, w, b) = (values.value(self), values.value(weight), values.value(bias));
                let bias_row = b.as_slice().expect("node values are contiguous");
                let mut out = pool.rows(sx.0, bias_row);
                gemm(T::one(), x.view(), w.view(), T::one(), out.view_mut());
                out
            })
    }
}

impl<T: Float> Operation<T> for Affine {
    fn inputs(&self) -> Inputs {
        [self.x, self.w, self.b].into()
    }

    /// `∂L/∂X += U·Wᵀ`, `∂L/∂W += Xᵀ·U`, `∂L/∂b += Σ_rows U` (a first contribution is
    /// written with `β = 0`, not added to a zero-filled buffer).
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let (u, x, w) = (chain.upstream(), chain.value(self.x), chain.value(self.w));
        if let Some((grad_x, beta)) = chain.product_target(self.x) {
            gemm(T::one(), u.view(), w.t(), beta, grad_x.view_mut());
        }
        if let Some((grad_w, beta)) = chain.product_target(self.w) {
            gemm(T::one(), x.t(), u.view(), beta, grad_w.view_mut());
        }
        if let Some(grad_b) = chain.accumulator(self.b) {
            let mut grad_b = grad_b.row_mut(0);
            for row in u.rows() {
                grad_b.zip_mut_with(&row, |g, &u| *g += u);
            }
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x, w) = (chain.upstream(), chain.var(self.x), chain.var(self.w));
        chain.add(self.x, || u.matmul_nt(w));
        chain.add(self.w, || x.matmul_tn(u));
        chain.add(self.b, || u.column_sums());
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(5, 3, -2.0, 2.0, 25);
        let w = uniform(3, 4, -2.0, 2.0, 26);
        let b = uniform(1, 4, -2.0, 2.0, 27);
        let inputs = [x, w, b];
        gradcheck(&inputs, |_, v| v[0].affine(v[1], v[2])).assert_below(1e-6);
        hessian_vector_check(&inputs, |_, v| v[0].affine(v[1], v[2])).assert_below(1e-6);
        hessian_vector_check(&inputs, |_, v| v[0].affine(v[1], v[2]).tanh()).assert_below(1e-6);
    }

    #[test]
    fn equals_matmul_plus_bias() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&uniform(7, 5, -1.0, 1.0, 28));
        let w = tape.constant(&uniform(5, 3, -1.0, 1.0, 29));
        let b = tape.constant(&uniform(1, 3, -1.0, 1.0, 30));
        let fused = x.affine(w, b).value().clone();
        let composed = (x.matmul(w) + b).value().clone();
        // Same sum, different order (the bias first): equal to rounding.
        assert!((fused - composed).iter().all(|d| d.abs() < 1e-15));
    }

    #[test]
    #[should_panic(expected = "affine (bias): shape mismatch: 5×3 and 1×4")]
    fn a_bias_of_the_wrong_width_names_both_shapes() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&ndarray::Array2::zeros((2, 5)));
        let w = tape.constant(&ndarray::Array2::zeros((5, 3)));
        let _ = x.affine(w, tape.constant(&ndarray::Array2::zeros((1, 4))));
    }
}
