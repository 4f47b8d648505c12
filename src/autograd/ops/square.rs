//! Square, elementwise: `y = x²`, `dy/dx = 2x`. Recorded backward: `U ⊙ 2x`.
//!
//! A primitive (not `x * x`) so that `‖g‖² = Σ g²` of the gradient penalty is one node and
//! its derivative one multiply.
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::unary;
use crate::Float;

/// `y = x²`.
#[derive(Clone, Copy)]
pub(crate) struct Square {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = x²` elementwise.
    #[track_caller]
    pub fn square(self) -> Var<'t, T> {
        let op = Square { x: self.node() };
        self.tape().record_map(self, op, |x| x * x)
    }
}

impl<T: Float> Operation<T> for Square {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `dy/dx = 2x`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let two = T::lit(2.0);
        unary(chain, self.x, |x, _| two * x);
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x) = (chain.upstream(), chain.var(self.x));
        chain.add(self.x, || u * x.scale(T::lit(2.0)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, -2.0, 2.0, 31);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].square()).assert_below(1e-6);
        hessian_vector_check(std::slice::from_ref(&x), |_, v| v[0].square()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].square().square()).assert_below(1e-6);
    }

    #[test]
    fn second_derivative_is_two() {
        let tape = Tape::<f64>::new();
        let x = tape.variable(&array![[-1.5, 3.0]]);
        let dy = tape.gradient(x.square().sum(), x);
        assert_eq!(&*dy.value(), &array![[-3.0, 6.0]]);
        let d2 = tape.backward(dy.sum());
        assert_eq!(d2.wrt(x).unwrap(), &array![[2.0, 2.0]]);
    }
}
