//! The activation applied after a dense layer.

use crate::autograd::Var;
use crate::Float;

/// An elementwise nonlinearity (each one an op of [`crate::autograd::ops`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Activation {
    /// `y = x` (a discriminator's logit output).
    Identity,
    /// `y = max(x, 0)`.
    Relu,
    /// `y = x` for `x > 0`, `slope·x` otherwise (DCGAN: slope 0.2).
    LeakyRelu(f64),
    /// `y = 1 / (1 + e⁻ˣ)` (pixels in `[0, 1]`).
    Sigmoid,
    /// `y = tanh x` (pixels in `[−1, 1]`).
    Tanh,
}

impl Activation {
    /// Checks the activation's own parameter: a leaky ReLU's slope must be finite (a NaN
    /// slope would make every negative pre-activation NaN, and training would stop later
    /// with a NaN loss that hides the cause).
    ///
    /// # Errors
    /// A sentence naming the bad slope.
    pub fn validate(self) -> Result<(), String> {
        match self {
            Activation::LeakyRelu(slope) if !slope.is_finite() => {
                Err(format!("LeakyRelu's slope must be finite, got {slope}"))
            }
            _ => Ok(()),
        }
    }

    /// `self(x)` recorded on `x`'s tape (the slope of a leaky ReLU rounded to `T`).
    pub fn apply<'t, T: Float>(self, x: Var<'t, T>) -> Var<'t, T> {
        match self {
            Activation::Identity => x,
            Activation::Relu => x.relu(),
            Activation::LeakyRelu(slope) => x.leaky_relu(T::lit(slope)),
            Activation::Sigmoid => x.sigmoid(),
            Activation::Tanh => x.tanh(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autograd::Tape;
    use ndarray::array;

    #[test]
    fn each_activation_applies_its_formula() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&array![[-2.0, 0.5]]);
        let at = |a: Activation| a.apply(x).value().clone();
        assert_eq!(at(Activation::Identity), array![[-2.0, 0.5]]);
        assert_eq!(at(Activation::Relu), array![[0.0, 0.5]]);
        assert_eq!(at(Activation::LeakyRelu(0.2)), array![[-0.4, 0.5]]);
        let sigmoid = at(Activation::Sigmoid);
        assert!((sigmoid[[0, 0]] - 1.0 / (1.0 + 2f64.exp())).abs() < 1e-16);
        assert!((at(Activation::Tanh)[[0, 1]] - 0.5f64.tanh()).abs() < 1e-16);
    }

    #[test]
    fn a_non_finite_slope_is_rejected() {
        assert!(Activation::LeakyRelu(0.2).validate().is_ok());
        for slope in [f64::NAN, f64::INFINITY] {
            let error = Activation::LeakyRelu(slope).validate().unwrap_err();
            assert_eq!(
                error,
                format!("LeakyRelu's slope must be finite, got {slope}")
            );
        }
    }
}
