//! Natural logarithm, elementwise: `y = ln x`, `dy/dx = 1/x` (for `x > 0`).
use super::super::tape::Var;
use super::Op;
use crate::Float;

impl<'t, T: Float> Var<'t, T> {
    /// `y = ln x` elementwise (`−∞` at 0, NaN below: callers keep `x > 0`).
    pub fn ln(self) -> Var<'t, T> {
        self.tape.map(self, Op::Ln(self.id), T::ln)
    }
}

/// `dy/dx = 1/x`.
pub(super) fn derivative<T: Float>(x: T, _y: T) -> T {
    x.recip()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, 0.2, 3.0, 2);
        gradcheck(&[x], |_, v| v[0].ln()).assert_below(1e-6);
    }
}
