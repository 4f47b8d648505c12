//! Matrix product: `Y = A·B` (m × k times k × n → m × n).
//!
//! `∂L/∂A = ∂L/∂Y · Bᵀ` and `∂L/∂B = Aᵀ · ∂L/∂Y`, computed by [`crate::linalg::gemm`] on
//! transposed views (no transposed copy) and accumulated into the gradients (`β = 1`).
//! Recorded backward: `matmul_nt(U, B)` and `matmul_tn(A, U)`.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::shape_panic;
use crate::linalg::gemm;
use crate::Float;

/// `Y = A·B`.
#[derive(Clone, Copy)]
pub(crate) struct Matmul {
    a: NodeId,
    b: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `A·B`: a batch of inputs (rows) times a weight matrix.
    ///
    /// # Panics
    /// If the inner dimensions differ (message names `matmul` and both shapes).
    #[track_caller]
    pub fn matmul(self, rhs: Var<'t, T>) -> Var<'t, T> {
        let (sa, sb) = (self.shape(), rhs.shape());
        if sa.1 != sb.0 {
            shape_panic("matmul", sa, sb);
        }
        let op = Matmul {
            a: self.node(),
            b: rhs.node(),
        };
        self.tape().record(op, "matmul", &[self, rhs], |values, pool| {
            let mut out = pool.zeros((sa.0, sb.1));
            let (a, b) = (values.value(self), values.value(rhs));
            gemm(T::one(), a.view(), b.view(), T::zero(), out.view_mut());
            out
        })
    }
}

impl<T: Float> Operation<T> for Matmul {
    fn inputs(&self) -> Inputs {
        [self.a, self.b].into()
    }

    /// `∂L/∂A += U·Bᵀ`, `∂L/∂B += Aᵀ·U` with `U = ∂L/∂Y`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let (u, a, b) = (chain.upstream(), chain.value(self.a), chain.value(self.b));
        if let Some((grad_a, beta)) = chain.product_target(self.a) {
            gemm(T::one(), u.view(), b.t(), beta, grad_a.view_mut());
        }
        if let Some((grad_b, beta)) = chain.product_target(self.b) {
            gemm(T::one(), a.t(), u.view(), beta, grad_b.view_mut());
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, a, b) = (chain.upstream(), chain.var(self.a), chain.var(self.b));
        chain.add(self.a, || u.matmul_nt(b));
        chain.add(self.b, || a.matmul_tn(u));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};

    #[test]
    fn gradient_matches_finite_differences() {
        let a = uniform(3, 4, -2.0, 2.0, 19);
        let b = uniform(4, 5, -2.0, 2.0, 20);
        let inputs = [a, b];
        gradcheck(&inputs, |_, v| v[0].matmul(v[1])).assert_below(1e-6);
        hessian_vector_check(&inputs, |_, v| v[0].matmul(v[1])).assert_below(1e-6);
        hessian_vector_check(&inputs, |_, v| v[0].matmul(v[1]).square()).assert_below(1e-6);
    }

    #[test]
    fn a_square_matrix_times_itself() {
        let a = uniform(3, 3, -1.0, 1.0, 21);
        gradcheck(std::slice::from_ref(&a), |_, v| v[0].matmul(v[0])).assert_below(1e-6);
        hessian_vector_check(&[a], |_, v| v[0].matmul(v[0])).assert_below(1e-6);
    }

    #[test]
    #[should_panic(expected = "matmul: shape mismatch: 3×4 and 5×2")]
    fn shape_mismatch_names_the_op_and_both_shapes() {
        let tape = Tape::<f64>::new();
        let a = tape.constant(&ndarray::Array2::zeros((3, 4)));
        let _ = a.matmul(tape.constant(&ndarray::Array2::zeros((5, 2))));
    }
}
