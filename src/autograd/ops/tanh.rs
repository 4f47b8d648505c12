//! Hyperbolic tangent: `y = tanh x`, `dy/dx = 1 − tanh² x = 1 − y²`.
//!
//! Recorded backward: `U − U ⊙ y²` with `y` the output node (so `d²y/dx² = −2y·(1 − y²)`
//! follows by differentiating it again).
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::unary;
use crate::Float;

/// `y = tanh x`.
#[derive(Clone, Copy)]
pub(crate) struct Tanh {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = tanh x` elementwise (the MNIST generator's output, pixels in `[−1, 1]`), by
    /// [`Float::fast_tanh`]: vectorized in `f32`, the C library's in `f64`.
    #[track_caller]
    pub fn tanh(self) -> Var<'t, T> {
        let op = Tanh { x: self.node() };
        self.tape().record_map(self, op, T::fast_tanh)
    }
}

impl<T: Float> Operation<T> for Tanh {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `dy/dx = 1 − y²`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        unary(chain, self.x, |_, y| T::one() - y * y);
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, y) = (chain.upstream(), chain.output());
        chain.add(self.x, || u - u * y.square());
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, -3.0, 3.0, 8);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].tanh()).assert_below(1e-6);
        hessian_vector_check(std::slice::from_ref(&x), |_, v| v[0].tanh()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].tanh().square()).assert_below(1e-6);
    }
}
