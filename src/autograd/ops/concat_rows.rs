//! Row concatenation: `Y = [A; B]` (m₁ × n and m₂ × n → (m₁ + m₂) × n).
//!
//! `∂L/∂A` is the first m₁ rows of `∂L/∂Y`, `∂L/∂B` the remaining m₂ rows.
//! Recorded backward: `slice_rows(U, 0, m₁)` and `slice_rows(U, m₁, m₂)`.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::shape_panic;
use crate::Float;
use ndarray::s;

/// `Y = [A; B]`.
#[derive(Clone, Copy)]
pub(crate) struct ConcatRows {
    a: NodeId,
    b: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `[A; B]`: the rows of `self` followed by the rows of `below`
    /// (a batch of real samples stacked on a batch of fakes).
    ///
    /// # Panics
    /// If the column counts differ (message names `concat_rows` and both shapes).
    #[track_caller]
    pub fn concat_rows(self, below: Var<'t, T>) -> Var<'t, T> {
        let (sa, sb) = (self.shape(), below.shape());
        if sa.1 != sb.1 {
            shape_panic("concat_rows", sa, sb);
        }
        let op = ConcatRows {
            a: self.node(),
            b: below.node(),
        };
        self.tape()
            .record(op, "concat_rows", &[self, below], |values, pool| {
                let mut out = pool.zeros((sa.0 + sb.0, sa.1));
                out.slice_mut(s![..sa.0, ..]).assign(values.value(self));
                out.slice_mut(s![sa.0.., ..]).assign(values.value(below));
                out
            })
    }
}

impl<T: Float> Operation<T> for ConcatRows {
    fn inputs(&self) -> Inputs {
        [self.a, self.b].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        let (upstream, split) = (chain.upstream(), chain.value(self.a).nrows());
        if let Some(grad_a) = chain.accumulator(self.a) {
            *grad_a += &upstream.slice(s![..split, ..]);
        }
        if let Some(grad_b) = chain.accumulator(self.b) {
            *grad_b += &upstream.slice(s![split.., ..]);
        }
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let u = chain.upstream();
        let (split, rest) = (chain.var(self.a).shape().0, chain.var(self.b).shape().0);
        chain.add(self.a, || u.slice_rows(0, split));
        chain.add(self.b, || u.slice_rows(split, rest));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences() {
        let a = uniform(2, 3, -2.0, 2.0, 22);
        let b = uniform(4, 3, -2.0, 2.0, 23);
        let inputs = [a, b];
        gradcheck(&inputs, |_, v| v[0].concat_rows(v[1])).assert_below(1e-6);
        hessian_vector_check(&inputs, |_, v| v[0].concat_rows(v[1]).square()).assert_below(1e-6);
    }
}
