//! Row concatenation: `Y = [A; B]` (m₁ × n and m₂ × n → (m₁ + m₂) × n).
//!
//! `∂L/∂A` is the first m₁ rows of `∂L/∂Y`, `∂L/∂B` the remaining m₂ rows.

use super::super::gradients::Gradients;
use super::super::tape::{Node, Var};
use super::{shape_panic, Op};
use crate::Float;
use ndarray::{s, Array2};

impl<'t, T: Float> Var<'t, T> {
    /// `[A; B]`: the rows of `self` followed by the rows of `below`
    /// (a batch of real samples stacked on a batch of fakes).
    ///
    /// # Panics
    /// If the column counts differ (message names `concat_rows` and both shapes).
    #[track_caller]
    pub fn concat_rows(self, below: Var<'t, T>) -> Var<'t, T> {
        self.same_tape(&below, "concat_rows");
        let (sa, sb) = (self.shape(), below.shape());
        if sa.1 != sb.1 {
            shape_panic("concat_rows", sa, sb);
        }
        let tape = self.tape;
        let mut out = tape.alloc((sa.0 + sb.0, sa.1));
        let requires_grad = {
            let nodes = tape.nodes.borrow();
            out.slice_mut(s![..sa.0, ..]).assign(&nodes[self.id].value);
            out.slice_mut(s![sa.0.., ..]).assign(&nodes[below.id].value);
            nodes[self.id].requires_grad || nodes[below.id].requires_grad
        };
        tape.push(out, Op::ConcatRows(self.id, below.id), requires_grad)
    }
}

pub(super) fn backward<T: Float>(
    nodes: &[Node<T>],
    a: usize,
    b: usize,
    upstream: &Array2<T>,
    grads: &mut Gradients<T>,
) {
    let split = nodes[a].value.nrows();
    if let Some(grad_a) = grads.input_accumulator(a, nodes) {
        *grad_a += &upstream.slice(s![..split, ..]);
    }
    if let Some(grad_b) = grads.input_accumulator(b, nodes) {
        *grad_b += &upstream.slice(s![split.., ..]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;

    #[test]
    fn gradient_matches_finite_differences() {
        let a = uniform(2, 3, -2.0, 2.0, 22);
        let b = uniform(4, 3, -2.0, 2.0, 23);
        gradcheck(&[a, b], |_, v| v[0].concat_rows(v[1])).assert_below(1e-6);
    }
}
