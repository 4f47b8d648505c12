//! Negation: `y = −x`, `dy/dx = −1`.

use super::super::tape::Var;
use super::Op;
use crate::Float;

impl<'t, T: Float> std::ops::Neg for Var<'t, T> {
    type Output = Var<'t, T>;
    /// `y = −x` elementwise.
    fn neg(self) -> Var<'t, T> {
        self.tape.map(self, Op::Neg(self.id), |x| -x)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::autograd::gradcheck;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(2, 5, -2.0, 2.0, 3);
        gradcheck(&[x], |_, v| -v[0]).assert_below(1e-6);
    }
}
