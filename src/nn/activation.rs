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
    /// `self(x)` recorded on `x`'s tape.
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
