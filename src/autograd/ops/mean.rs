//! Mean of all elements: `y = (1/N) Σ_ij x_ij` (1 × 1), `∂y/∂x_ij = 1/N`.
//! Recorded backward: `U/N` broadcast to `x`'s shape.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::broadcast;
use crate::Float;

/// `y = (1/N) Σ_ij x_ij`.
#[derive(Clone, Copy)]
pub(crate) struct Mean {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `(1/N) Σ_ij x_ij` as a 1 × 1 variable, `N` the number of elements.
    ///
    /// # Panics
    /// If the variable is empty (the mean of nothing is undefined).
    #[track_caller]
    pub fn mean(self) -> Var<'t, T> {
        let shape = self.shape();
        assert!(shape.0 * shape.1 > 0, "mean: the variable is empty ({shape:?})");
        let op = Mean { x: self.node() };
        self.tape().record(op, "mean", &[self], |values, pool| {
            let x = values.value(self);
            let mean = x.iter().fold(T::zero(), |s, &x| s + x) / T::lit(x.len() as f64);
            pool.from_iter((1, 1), [mean].into_iter())
        })
    }
}

impl<T: Float> Operation<T> for Mean {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `∂L/∂x_ij += ∂L/∂y / N`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let u = chain.upstream()[[0, 0]];
        if let Some(grad_x) = chain.accumulator(self.x) {
            let u = u / T::lit(grad_x.len() as f64);
            grad_x.mapv_inplace(|g| g + u);
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x) = (chain.upstream(), chain.var(self.x));
        let (rows, cols) = x.shape();
        let n = T::lit((rows * cols) as f64);
        chain.add(self.x, || broadcast(u.scale(n.recip()), (rows, cols)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(4, 3, -2.0, 2.0, 18);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].mean().scale(2.3)).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].mean().square()).assert_below(1e-6);
    }
}
