//! Hyperbolic tangent: `y = tanh x`, `dy/dx = 1 − tanh² x = 1 − y²`.
use super::super::tape::Var;
use super::Op;
use crate::Float;

impl<'t, T: Float> Var<'t, T> {
    /// `y = tanh x` elementwise (the MNIST generator's output, pixels in `[−1, 1]`), by
    /// [`Float::fast_tanh`]: vectorized in `f32`, the C library's in `f64`.
    pub fn tanh(self) -> Var<'t, T> {
        self.tape.map(self, Op::Tanh(self.id), T::fast_tanh)
    }
}

/// `dy/dx = 1 − y²`.
pub(super) fn derivative<T: Float>(_x: T, y: T) -> T {
    T::one() - y * y
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, -3.0, 3.0, 8);
        gradcheck(&[x], |_, v| v[0].tanh()).assert_below(1e-6);
    }
}
