//! Product with the right factor transposed: `Y = A·Bᵀ` (m × k and n × k → m × n), the
//! input gradient `U·Wᵀ` of a layer as an op (recorded by [`Tape::gradient`](crate::autograd::Tape::gradient)).
//!
//! `∂L/∂A = U·B` and `∂L/∂B = Uᵀ·A`, `U = ∂L/∂Y`, by [`gemm`] on transposed views.
//! Recorded backward: `matmul(U, B)` and `matmul_tn(U, A)`.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::shape_panic;
use crate::linalg::gemm;
use crate::Float;

/// `Y = A·Bᵀ`.
#[derive(Clone, Copy)]
pub(crate) struct MatmulNt {
    a: NodeId,
    b: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `A·Bᵀ` without a transposed copy: `y_ij = Σ_p a_ip·b_jp`.
    ///
    /// # Panics
    /// If `A` and `B` have different column counts (message names `matmul_nt` and both shapes).
    #[track_caller]
    pub fn matmul_nt(self, rhs: Var<'t, T>) -> Var<'t, T> {
        let (sa, sb) = (self.shape(), rhs.shape());
        if sa.1 != sb.1 {
            shape_panic("matmul_nt", sa, sb);
        }
        let op = MatmulNt {
            a: self.node(),
            b: rhs.node(),
        };
        self.tape().record(op, "matmul_nt", &[self, rhs], |values, pool| {
            let mut out = pool.zeros((sa.0, sb.0));
            let (a, b) = (values.value(self), values.value(rhs));
            gemm(T::one(), a.view(), b.t(), T::zero(), out.view_mut());
            out
        })
    }
}

impl<T: Float> Operation<T> for MatmulNt {
    fn inputs(&self) -> Inputs {
        [self.a, self.b].into()
    }

    /// `∂L/∂A += U·B`, `∂L/∂B += Uᵀ·A`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let (u, a, b) = (chain.upstream(), chain.value(self.a), chain.value(self.b));
        if let Some((grad_a, beta)) = chain.product_target(self.a) {
            gemm(T::one(), u.view(), b.view(), beta, grad_a.view_mut());
        }
        if let Some((grad_b, beta)) = chain.product_target(self.b) {
            gemm(T::one(), u.t(), a.view(), beta, grad_b.view_mut());
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, a, b) = (chain.upstream(), chain.var(self.a), chain.var(self.b));
        chain.add(self.a, || u.matmul(b));
        chain.add(self.b, || u.matmul_tn(a));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use crate::linalg::matmul_nt;

    #[test]
    fn gradient_matches_finite_differences() {
        let inputs = [uniform(3, 4, -2.0, 2.0, 37), uniform(5, 4, -2.0, 2.0, 38)];
        gradcheck(&inputs, |_, v| v[0].matmul_nt(v[1])).assert_below(1e-6);
        hessian_vector_check(&inputs, |_, v| v[0].matmul_nt(v[1]).square()).assert_below(1e-6);
    }

    #[test]
    fn equals_the_linalg_product() {
        let (a, b) = (uniform(3, 4, -1.0, 1.0, 39), uniform(2, 4, -1.0, 1.0, 40));
        let tape = Tape::<f64>::new();
        let y = tape.constant(&a).matmul_nt(tape.constant(&b));
        assert_eq!(&*y.value(), &matmul_nt(a.view(), b.view()));
    }
}
