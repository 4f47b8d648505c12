//! Leaky ReLU with slope `α` below zero: `y = x` for `x > 0`, `α·x` otherwise;
//! `dy/dx = 1` for `x > 0`, `α` for `x ≤ 0` (so `α` at the kink, as in PyTorch).
use super::super::tape::Var;
use super::Op;
use crate::Float;

impl<'t, T: Float> Var<'t, T> {
    /// `y = x` if `x > 0`, else `slope·x`, elementwise (DCGAN uses `slope = 0.2`).
    pub fn leaky_relu(self, slope: T) -> Var<'t, T> {
        let f = move |x: T| if x > T::zero() { x } else { slope * x };
        self.tape.map(self, Op::LeakyRelu(self.id, slope), f)
    }
}

/// `dy/dx = 1` if `x > 0`, else `slope` (so `slope` at the kink).
pub(super) fn derivative<T: Float>(x: T, slope: T) -> T {
    if x > T::zero() {
        T::one()
    } else {
        slope
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
        let x = away_from_zero(4, 5, 6);
        gradcheck(&[x], |_, v| v[0].leaky_relu(0.2)).assert_below(1e-6);
    }

    #[test]
    fn derivative_at_the_kink_is_the_slope() {
        let tape = Tape::<f64>::new();
        let x = tape.variable(&array![[0.0, -1.0, 2.0]]);
        let g = tape.backward(x.leaky_relu(0.2).sum());
        assert_eq!(g.wrt(x).unwrap(), &array![[0.2, 0.2, 1.0]]);
    }
}
