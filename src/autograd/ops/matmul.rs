//! Matrix product: `Y = A·B` (m × k times k × n → m × n).
//!
//! `∂L/∂A = ∂L/∂Y · Bᵀ` and `∂L/∂B = Aᵀ · ∂L/∂Y`, computed by [`crate::linalg::gemm`] on
//! transposed views (no transposed copy) and accumulated into the gradients (`β = 1`).

use super::super::gradients::Gradients;
use super::super::tape::{Node, Var};
use super::{shape_panic, Op};
use crate::linalg::gemm;
use crate::Float;
use ndarray::Array2;

impl<'t, T: Float> Var<'t, T> {
    /// `A·B`: a batch of inputs (rows) times a weight matrix.
    ///
    /// # Panics
    /// If the inner dimensions differ (message names `matmul` and both shapes).
    #[track_caller]
    pub fn matmul(self, rhs: Var<'t, T>) -> Var<'t, T> {
        self.same_tape(&rhs, "matmul");
        let (sa, sb) = (self.shape(), rhs.shape());
        if sa.1 != sb.0 {
            shape_panic("matmul", sa, sb);
        }
        let tape = self.tape;
        let mut out = tape.alloc((sa.0, sb.1));
        let requires_grad = {
            let nodes = tape.nodes.borrow();
            let (a, b) = (&nodes[self.id], &nodes[rhs.id]);
            gemm(
                T::one(),
                a.value.view(),
                b.value.view(),
                T::zero(),
                out.view_mut(),
            );
            a.requires_grad || b.requires_grad
        };
        tape.push(out, Op::Matmul(self.id, rhs.id), requires_grad)
    }
}

/// `∂L/∂A += U·Bᵀ`, `∂L/∂B += Aᵀ·U` with `U = ∂L/∂Y`.
pub(super) fn backward<T: Float>(
    nodes: &[Node<T>],
    a: usize,
    b: usize,
    upstream: &Array2<T>,
    grads: &mut Gradients<T>,
) {
    if let Some((grad_a, beta)) = grads.input_product_target(a, nodes) {
        gemm(
            T::one(),
            upstream.view(),
            nodes[b].value.t(),
            beta,
            grad_a.view_mut(),
        );
    }
    if let Some((grad_b, beta)) = grads.input_product_target(b, nodes) {
        gemm(
            T::one(),
            nodes[a].value.t(),
            upstream.view(),
            beta,
            grad_b.view_mut(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, Tape};

    #[test]
    fn gradient_matches_finite_differences() {
        let a = uniform(3, 4, -2.0, 2.0, 19);
        let b = uniform(4, 5, -2.0, 2.0, 20);
        gradcheck(&[a, b], |_, v| v[0].matmul(v[1])).assert_below(1e-6);
    }

    #[test]
    fn a_square_matrix_times_itself() {
        let a = uniform(3, 3, -1.0, 1.0, 21);
        gradcheck(&[a], |_, v| v[0].matmul(v[0])).assert_below(1e-6);
    }

    #[test]
    #[should_panic(expected = "matmul: shape mismatch: 3×4 and 5×2")]
    fn shape_mismatch_names_the_op_and_both_shapes() {
        let tape = Tape::<f64>::new();
        let a = tape.constant(&ndarray::Array2::zeros((3, 4)));
        let _ = a.matmul(tape.constant(&ndarray::Array2::zeros((5, 2))));
    }
}
