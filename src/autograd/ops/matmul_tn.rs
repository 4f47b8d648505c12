//! Product with the left factor transposed: `Y = Aᵀ·B` (k × m and k × n → m × n), the
//! weight gradient `Xᵀ·U` of a layer as an op (recorded by [`Tape::gradient`](crate::autograd::Tape::gradient)).
//!
//! `∂L/∂A = B·Uᵀ` and `∂L/∂B = A·U`, `U = ∂L/∂Y`, by [`gemm`] on transposed views.
//! Recorded backward: `matmul_nt(B, U)` and `matmul(A, U)`.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::shape_panic;
use crate::linalg::gemm;
use crate::Float;

/// `Y = Aᵀ·B`.
#[derive(Clone, Copy)]
pub(crate) struct MatmulTn {
    a: NodeId,
    b: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `Aᵀ·B` without a transposed copy: `y_ij = Σ_p a_pi·b_pj`.
    ///
    /// # Panics
    /// If `A` and `B` have different row counts (message names `matmul_tn` and both shapes).
    #[track_caller]
    pub fn matmul_tn(self, rhs: Var<'t, T>) -> Var<'t, T> {
        let (sa, sb) = (self.shape(), rhs.shape());
        if sa.0 != sb.0 {
            shape_panic("matmul_tn", sa, sb);
        }
        let op = MatmulTn {
            a: self.node(),
            b: rhs.node(),
        };
        self.tape().record(op, "matmul_tn", &[self, rhs], |values, pool| {
            let mut out = pool.zeros((sa.1, sb.1));
            let (a, b) = (values.value(self), values.value(rhs));
            gemm(T::one(), a.t(), b.view(), T::zero(), out.view_mut());
            out
        })
    }
}

impl<T: Float> Operation<T> for MatmulTn {
    fn inputs(&self) -> Inputs {
        [self.a, self.b].into()
    }

    /// `∂L/∂A += B·Uᵀ`, `∂L/∂B += A·U`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let (u, a, b) = (chain.upstream(), chain.value(self.a), chain.value(self.b));
        if let Some((grad_a, beta)) = chain.product_target(self.a) {
            gemm(T::one(), b.view(), u.t(), beta, grad_a.view_mut());
        }
        if let Some((grad_b, beta)) = chain.product_target(self.b) {
            gemm(T::one(), a.view(), u.view(), beta, grad_b.view_mut());
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, a, b) = (chain.upstream(), chain.var(self.a), chain.var(self.b));
        chain.add(self.a, || b.matmul_nt(u));
        chain.add(self.b, || a.matmul(u));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use crate::linalg::matmul_tn;

    #[test]
    fn gradient_matches_finite_differences() {
        let inputs = [uniform(4, 3, -2.0, 2.0, 41), uniform(4, 5, -2.0, 2.0, 42)];
        gradcheck(&inputs, |_, v| v[0].matmul_tn(v[1])).assert_below(1e-6);
        hessian_vector_check(&inputs, |_, v| v[0].matmul_tn(v[1]).square()).assert_below(1e-6);
    }

    #[test]
    fn equals_the_linalg_product() {
        let (a, b) = (uniform(4, 3, -1.0, 1.0, 43), uniform(4, 2, -1.0, 1.0, 44));
        let tape = Tape::<f64>::new();
        let y = tape.constant(&a).matmul_tn(tape.constant(&b));
        assert_eq!(&*y.value(), &matmul_tn(a.view(), b.view()));
    }
}
