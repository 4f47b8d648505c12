//! Logistic sigmoid: `y = σ(x) = 1 / (1 + e⁻ˣ)`, `dy/dx = σ(x)·(1 − σ(x)) = y·(1 − y)`.
//!
//! A primitive rather than a composite of exp and division (tinygrad's reason): the
//! derivative from the output is one multiply, and the two-branch forward never
//! overflows (`e⁻ˣ` is only evaluated for `x ≥ 0`).
//!
//! Recorded backward: `U ⊙ (y − y²)` with `y` the output node.
use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::unary;
use crate::Float;

/// `y = σ(x)`.
#[derive(Clone, Copy)]
pub(crate) struct Sigmoid {
    x: NodeId,
}

impl<'t, T: Float> Var<'t, T> {
    /// `y = σ(x) = 1 / (1 + e⁻ˣ)` elementwise: the discriminator's probability of "real".
    #[track_caller]
    pub fn sigmoid(self) -> Var<'t, T> {
        let op = Sigmoid { x: self.node() };
        self.tape().record_map(self, op, logistic)
    }
}

/// `σ(x) = 1 / (1 + e⁻ˣ)` for one scalar, without overflow: for `x < 0` it is
/// evaluated as `eˣ / (1 + eˣ)`.
pub fn logistic<T: Float>(x: T) -> T {
    if x >= T::zero() {
        T::one() / (T::one() + (-x).exp())
    } else {
        let e = x.exp();
        e / (T::one() + e)
    }
}

impl<T: Float> Operation<T> for Sigmoid {
    fn inputs(&self) -> Inputs {
        [self.x].into()
    }

    /// `dy/dx = y·(1 − y)`.
    fn backward(&self, chain: &mut Backward<'_, T>) {
        unary(chain, self.x, |_, y| y * (T::one() - y));
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, y) = (chain.upstream(), chain.output());
        chain.add(self.x, || u * (y - y.square()));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::logistic;
    use crate::autograd::{gradcheck, hessian_vector_check};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, -4.0, 4.0, 7);
        gradcheck(std::slice::from_ref(&x), |_, v| v[0].sigmoid()).assert_below(1e-6);
        hessian_vector_check(&[x], |_, v| v[0].sigmoid().square()).assert_below(1e-6);
    }

    #[test]
    fn logistic_is_finite_and_exact_at_the_extremes() {
        assert_eq!(logistic(0.0f64), 0.5);
        assert_eq!(logistic(1000.0f64), 1.0);
        assert_eq!(logistic(-1000.0f64), 0.0);
        // σ(−x) = 1 − σ(x): the subtraction 1 − σ(x) is exact to within one ulp of 1.
        for x in [0.1f64, 1.0, 5.0, 20.0] {
            assert!((logistic(-x) - (1.0 - logistic(x))).abs() <= f64::EPSILON);
        }
    }
}
