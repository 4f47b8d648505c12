//! Sum of all elements: `y = Σ_ij x_ij` (1 × 1), `∂y/∂x_ij = 1`.

use super::super::gradients::Gradients;
use super::super::tape::{Node, Var};
use super::Op;
use crate::Float;
use ndarray::Array2;

impl<'t, T: Float> Var<'t, T> {
    /// `Σ_ij x_ij` as a 1 × 1 variable (summed in row-major order).
    pub fn sum(self) -> Var<'t, T> {
        let tape = self.tape;
        let mut out = tape.alloc((1, 1));
        out[[0, 0]] = self.value().iter().fold(T::zero(), |s, &x| s + x);
        tape.push(out, Op::Sum(self.id), self.requires_grad())
    }
}

/// `∂L/∂x_ij += ∂L/∂y`.
pub(super) fn backward<T: Float>(
    nodes: &[Node<T>],
    x: usize,
    upstream: &Array2<T>,
    grads: &mut Gradients<T>,
) {
    if let Some(grad_x) = grads.input_accumulator(x, nodes) {
        let u = upstream[[0, 0]];
        grad_x.mapv_inplace(|g| g + u);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 5, -2.0, 2.0, 17);
        gradcheck(&[x], |_, v| v[0].sum().scale(1.7)).assert_below(1e-6);
    }
}
