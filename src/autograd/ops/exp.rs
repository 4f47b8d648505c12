//! Exponential, elementwise: `y = eˣ`, `dy/dx = eˣ = y`.
//!
//! Recorded backward: `U ⊙ y` with `y` the output node.
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::unary;
use crate::Float;

/// `y = eˣ`.
#[derive(Clone, Copy)]
pub(crate) struct Exp {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = eˣ` elementwise.
    #[track_caller]
    pub fn exp(self) -> Var<'t, T> {
        let op = Exp { x: self.node() };
        self.tape().record_map(self, op, T::exp)
    }
}

impl<T: Float> Operation<T> for Exp {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `dy/dx = eˣ`, read from the output `y`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        unary(chain, self.x, |_, y| y);
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, y) = (chain.upstream(), chain.output());
        chain.add(self.x, || u * y);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, -2.0, 2.0, 1);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].exp()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].exp()).assert_below(1e-6);
    }
}
