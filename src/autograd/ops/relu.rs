//! Rectified linear unit: `y = max(x, 0)`, `dy/dx = 1` for `x > 0`, `0` for `x ≤ 0`
//! (the subgradient 0 is taken at the kink `x = 0`, as in PyTorch).
use super::super::tape::Var;
use super::Op;
use crate::Float;

impl<'t, T: Float> Var<'t, T> {
    /// `y = max(x, 0)` elementwise.
    pub fn relu(self) -> Var<'t, T> {
        self.tape.map(self, Op::Relu(self.id), |x| x.max(T::zero()))
    }
}

/// `dy/dx = 1` if `x > 0`, else `0` (so `0` at the kink).
pub(super) fn derivative<T: Float>(x: T, _y: T) -> T {
    if x > T::zero() {
        T::one()
    } else {
        T::zero()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;
    use crate::autograd::Tape;
    use ndarray::array;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = away_from_zero(4, 5, 5);
        gradcheck(&[x], |_, v| v[0].relu()).assert_below(1e-6);
    }

    #[test]
    fn derivative_at_the_kink_is_zero() {
        let tape = Tape::<f64>::new();
        let x = tape.variable(&array![[0.0, -1.0, 2.0]]);
        let g = tape.backward(x.relu().sum());
        assert_eq!(g.wrt(x).unwrap(), &array![[0.0, 0.0, 1.0]]);
    }
}
