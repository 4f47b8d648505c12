//! Multiplication by a constant: `y = c·x`, `dy/dx = c`. Recorded backward: `c·U`.
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::unary;
use crate::Float;

/// `y = c·x`.
#[derive(Clone, Copy)]
pub(crate) struct Scale<T> {
    x: NodeId,
    c: T,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = c·x` elementwise, `c` a constant.
    #[track_caller]
    pub fn scale(self, c: T) -> Var<'t, T> {
        let op = Scale { x: self.node(), c };
        self.tape().record_map(self, op, |x| c * x)
    }
}

impl<T: Float> Operation<T> for Scale<T> {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        let c = self.c;
        unary(chain, self.x, |_, _| c);
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, c) = (chain.upstream(), self.c);
        chain.add(self.x, || u.scale(c));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(4, 3, -2.0, 2.0, 4);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].scale(-2.5)).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].scale(-2.5).square()).assert_below(1e-6);
    }
}
