//! Mean of all elements: `y = (1/N) Σ_ij x_ij` (1 × 1), `∂y/∂x_ij = 1/N`.

use super::super::gradients::Gradients;
use super::super::tape::{Node, Var};
use super::Op;
use crate::Float;
use ndarray::Array2;

impl<'t, T: Float> Var<'t, T> {
    /// `(1/N) Σ_ij x_ij` as a 1 × 1 variable, `N` the number of elements.
    ///
    /// # Panics
    /// If the variable is empty (the mean of nothing is undefined).
    #[track_caller]
    pub fn mean(self) -> Var<'t, T> {
        let tape = self.tape;
        let n = self.value().len();
        assert!(n > 0, "mean: the variable is empty ({:?})", self.shape());
        let mut out = tape.alloc((1, 1));
        out[[0, 0]] = self.value().iter().fold(T::zero(), |s, &x| s + x) / T::lit(n as f64);
        tape.push(out, Op::Mean(self.id), self.requires_grad())
    }
}

/// `∂L/∂x_ij += ∂L/∂y / N`.
pub(super) fn backward<T: Float>(
    nodes: &[Node<T>],
    x: usize,
    upstream: &Array2<T>,
    grads: &mut Gradients<T>,
) {
    if let Some(grad_x) = grads.input_accumulator(x, nodes) {
        let u = upstream[[0, 0]] / T::lit(grad_x.len() as f64);
        grad_x.mapv_inplace(|g| g + u);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(4, 3, -2.0, 2.0, 18);
        gradcheck(&[x], |_, v| v[0].mean().scale(2.3)).assert_below(1e-6);
    }
}
