//! Sum of all elements: `y = Σ_ij x_ij` (1 × 1), `∂y/∂x_ij = 1`.
//! Recorded backward: `U` broadcast to `x`'s shape.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::broadcast;
use crate::Float;

/// `y = Σ_ij x_ij`.
#[derive(Clone, Copy)]
pub(crate) struct Sum {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `Σ_ij x_ij` as a 1 × 1 variable (summed in row-major order).
    #[track_caller]
    pub fn sum(self) -> Var<'t, T> {
        let op = Sum { x: self.node() };
        self.tape().record(op, "sum", &[self], |values, pool| {
            let total = values.value(self).iter().fold(T::zero(), |s, &x| s + x);
            pool.from_iter((1, 1), [total].into_iter())
        })
    }
}

impl<T: Float> Operation<T> for Sum {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `∂L/∂x_ij += ∂L/∂y`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let u = chain.upstream()[[0, 0]];
        if let Some(grad_x) = chain.accumulator(self.x) {
            grad_x.mapv_inplace(|g| g + u);
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
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 5, -2.0, 2.0, 17);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].sum().scale(1.7)).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].sum().square()).assert_below(1e-6);
    }
}
