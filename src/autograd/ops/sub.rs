//! Subtraction with the right operand broadcast: `y = a − b`.
//!
//! `∂L/∂a = ∂L/∂y`; `∂L/∂b = −∂L/∂y`, summed over the broadcast rows/columns of `b`.

use super::super::gradients::Gradients;
use super::super::tape::{Node, Var};
use super::{accumulate_broadcast, binary, Op};
use crate::Float;
use ndarray::Array2;

impl<'t, T: Float> std::ops::Sub for Var<'t, T> {
    type Output = Var<'t, T>;
    /// `a − b`, `b` broadcast to `a`'s shape.
    ///
    /// # Panics
    /// If `b` does not broadcast to `a` (message names `sub` and both shapes).
    #[track_caller]
    fn sub(self, rhs: Var<'t, T>) -> Var<'t, T> {
        binary(self, rhs, "sub", Op::Sub(self.id, rhs.id), |a, b| a - b)
    }
}

pub(super) fn backward<T: Float>(
    nodes: &[Node<T>],
    a: usize,
    b: usize,
    upstream: &Array2<T>,
    grads: &mut Gradients<T>,
) {
    if let Some(grad_a) = grads.input_accumulator(a, nodes) {
        *grad_a += upstream;
    }
    if let Some(grad_b) = grads.input_accumulator(b, nodes) {
        accumulate_broadcast(grad_b, upstream.dim(), |i, j| -upstream[[i, j]]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;

    #[test]
    fn gradient_matches_finite_differences_for_every_broadcast() {
        let a = uniform(3, 4, -2.0, 2.0, 13);
        for (rows, cols) in [(3, 4), (1, 4), (3, 1), (1, 1)] {
            let b = uniform(rows, cols, -2.0, 2.0, 14);
            gradcheck(&[a.clone(), b], |_, v| v[0] - v[1]).assert_below(1e-6);
        }
    }
}
