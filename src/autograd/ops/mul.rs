//! Elementwise (Hadamard) product with the right operand broadcast: `y_ij = a_ij · b_ij`.
//!
//! `∂L/∂a_ij = ∂L/∂y_ij · b_ij`; `∂L/∂b = Σ ∂L/∂y_ij · a_ij` over the broadcast rows/columns.

use super::super::gradients::Gradients;
use super::super::tape::{Node, Var};
use super::{accumulate_broadcast, binary, Op};
use crate::Float;
use ndarray::{Array2, Zip};

impl<'t, T: Float> std::ops::Mul for Var<'t, T> {
    type Output = Var<'t, T>;
    /// `a ⊙ b` elementwise, `b` broadcast to `a`'s shape.
    ///
    /// # Panics
    /// If `b` does not broadcast to `a` (message names `mul` and both shapes).
    #[track_caller]
    fn mul(self, rhs: Var<'t, T>) -> Var<'t, T> {
        binary(self, rhs, "mul", Op::Mul(self.id, rhs.id), |a, b| a * b)
    }
}

pub(super) fn backward<T: Float>(
    nodes: &[Node<T>],
    a: usize,
    b: usize,
    upstream: &Array2<T>,
    grads: &mut Gradients<T>,
) {
    let (value_a, value_b) = (&*nodes[a].value, &*nodes[b].value);
    if let Some(grad_a) = grads.input_accumulator(a, nodes) {
        Zip::from(grad_a)
            .and(upstream)
            .and_broadcast(value_b)
            .for_each(|g, &u, &b| *g += u * b);
    }
    if let Some(grad_b) = grads.input_accumulator(b, nodes) {
        accumulate_broadcast(grad_b, upstream.dim(), |i, j| {
            upstream[[i, j]] * value_a[[i, j]]
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences_for_every_broadcast() {
        let a = uniform(3, 4, -2.0, 2.0, 15);
        for (rows, cols) in [(3, 4), (1, 4), (3, 1), (1, 1)] {
            let b = uniform(rows, cols, -2.0, 2.0, 16);
            gradcheck(&[a.clone(), b], |_, v| v[0] * v[1]).assert_below(1e-6);
        }
    }

    #[test]
    fn a_variable_used_twice_gets_both_contributions() {
        // d(x·x)/dx = 2x: both operands of the product are x.
        let tape = Tape::<f64>::new();
        let x = tape.variable(&array![[3.0, -2.0]]);
        let g = tape.backward((x * x).sum());
        assert_eq!(g.wrt(x).unwrap(), &array![[6.0, -4.0]]);
        gradcheck(&[array![[3.0, -2.0]]], |_, v| v[0] * v[0]).assert_below(1e-6);
    }
}
