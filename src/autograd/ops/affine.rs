//! Affine map of a batch: `Y = X·W + b` (B × in times in × out, plus a 1 × out bias row
//! added to every sample), the dense layer's whole forward.
//!
//! `∂L/∂X = U·Wᵀ`, `∂L/∂W = Xᵀ·U` and `∂L/∂b = Σ_rows U`, with `U = ∂L/∂Y`.
//!
//! Fused for speed (it is `x.matmul(w) + b`, the same math): the output starts as the bias
//! row copied into every row and the product accumulates onto it (`gemm` with `β = 1`), so
//! there is no separate addition pass, no zero-filled product, and one node instead of two.

use super::super::gradients::Gradients;
use super::super::tape::{Node, Var};
use super::{shape_panic, Op};
use crate::linalg::gemm;
use crate::Float;
use ndarray::Array2;

impl<'t, T: Float> Var<'t, T> {
    /// `X·W + b`: a batch of inputs (rows) through a dense layer's weight and bias.
    ///
    /// # Panics
    /// If `W` does not have `X`'s column count as its rows (message `affine`), or `b` is not
    /// `1 × W`'s columns (message `affine (bias)`), naming both shapes.
    #[track_caller]
    pub fn affine(self, weight: Var<'t, T>, bias: Var<'t, T>) -> Var<'t, T> {
        self.same_tape(&weight, "affine");
        self.same_tape(&bias, "affine");
        let (sx, sw, sb) = (self.shape(), weight.shape(), bias.shape());
        if sx.1 != sw.0 {
            shape_panic("affine", sx, sw);
        }
        if sb != (1, sw.1) {
            shape_panic("affine (bias)", sw, sb);
        }
        let tape = self.tape;
        let (out, requires_grad) = {
            let nodes = tape.nodes.borrow();
            let (x, w, b) = (&nodes[self.id], &nodes[weight.id], &nodes[bias.id]);
            let bias_row = b.value.as_slice().expect("node values are contiguous");
            let mut out = tape.alloc_rows(sx.0, bias_row);
            gemm(
                T::one(),
                x.value.view(),
                w.value.view(),
                T::one(),
                out.view_mut(),
            );
            (out, x.requires_grad || w.requires_grad || b.requires_grad)
        };
        tape.push(out, Op::Affine(self.id, weight.id, bias.id), requires_grad)
    }
}

/// `∂L/∂X += U·Wᵀ`, `∂L/∂W += Xᵀ·U`, `∂L/∂b += Σ_rows U` (a first contribution is written
/// with `β = 0`, not added to a zero-filled buffer).
pub(super) fn backward<T: Float>(
    nodes: &[Node<T>],
    (x, w, b): (usize, usize, usize),
    upstream: &Array2<T>,
    grads: &mut Gradients<T>,
) {
    if let Some((grad_x, beta)) = grads.input_product_target(x, nodes) {
        gemm(
            T::one(),
            upstream.view(),
            nodes[w].value.t(),
            beta,
            grad_x.view_mut(),
        );
    }
    if let Some((grad_w, beta)) = grads.input_product_target(w, nodes) {
        gemm(
            T::one(),
            nodes[x].value.t(),
            upstream.view(),
            beta,
            grad_w.view_mut(),
        );
    }
    if let Some(grad_b) = grads.input_accumulator(b, nodes) {
        let mut grad_b = grad_b.row_mut(0);
        for row in upstream.rows() {
            grad_b.zip_mut_with(&row, |g, &u| *g += u);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, Tape};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(5, 3, -2.0, 2.0, 25);
        let w = uniform(3, 4, -2.0, 2.0, 26);
        let b = uniform(1, 4, -2.0, 2.0, 27);
        gradcheck(&[x, w, b], |_, v| v[0].affine(v[1], v[2])).assert_below(1e-6);
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
