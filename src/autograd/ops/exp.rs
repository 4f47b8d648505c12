//! Exponential, elementwise: `y = eˣ`, `dy/dx = eˣ = y`.
use super::super::tape::Var;
use super::Op;
use crate::Float;

impl<'t, T: Float> Var<'t, T> {
    /// `y = eˣ` elementwise.
    pub fn exp(self) -> Var<'t, T> {
        self.tape.map(self, Op::Exp(self.id), T::exp)
    }
}

/// `dy/dx = eˣ`, read from the output `y`.
pub(super) fn derivative<T: Float>(_x: T, y: T) -> T {
    y
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(3, 4, -2.0, 2.0, 1);
        gradcheck(&[x], |_, v| v[0].exp()).assert_below(1e-6);
    }
}
