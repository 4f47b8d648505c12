//! Negation: `y = −x`, `dy/dx = −1`. Recorded backward: `−U`.
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::unary;
use crate::Float;

/// `y = −x`.
#[derive(Clone, Copy)]
pub(crate) struct Neg {
    x: NodeId,
}

impl<'t, T: Float> std::ops::Neg for Var<'t, T> {
    type Output = Var<'t, T>;
    /// `y = −x` elementwise.
    #[track_caller]
    fn neg(self) -> Var<'t, T> {
        let op = Neg { x: self.node() };
        self.tape().record_map(self, op, |x| -x)
    }
}

impl<T: Float> Operation<T> for Neg {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    fn backward(&self, chain: &mut Backward<'_, T>) {
        unary(chain, self.x, |_, _| -T::one());
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let u = chain.upstream();
        chain.add(self.x, || -u);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(2, 5, -2.0, 2.0, 3);
        gradcheck(std::slice::from_ref(&x), |_, v| -v[0]).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| (-v[0]).square()).assert_below(1e-6);
    }
}
