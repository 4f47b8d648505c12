//! Multiplication by a constant: `y = c·x`, `dy/dx = c`.
use super::super::tape::Var;
use super::Op;
use crate::Float;

impl<'t, T: Float> Var<'t, T> {
    /// `y = c·x` elementwise, `c` a constant.
    pub fn scale(self, c: T) -> Var<'t, T> {
        self.tape.map(self, Op::Scale(self.id, c), |x| c * x)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(4, 3, -2.0, 2.0, 4);
        gradcheck(&[x], |_, v| v[0].scale(-2.5)).assert_below(1e-6);
    }
}
