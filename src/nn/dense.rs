//! A dense (fully connected) layer: `Y = X·W + b`.
//!
//! Shapes: `X` is B × in (a batch of B samples), `W` is in × out, `b` is 1 × out (broadcast
//! over the batch), `Y` is B × out.

use super::{Activation, Init, Mode, ParamId, ParamStore};
use crate::autograd::ops::Rectifier;
use crate::autograd::Var;
use crate::Float;
use ndarray::Array2;
use ndarray_rand::rand::rngs::StdRng;

/// `Y = X·W + b`, its weight and bias kept in a [`ParamStore`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dense {
    weight: ParamId,
    bias: ParamId,
    inputs: usize,
    outputs: usize,
}

impl Dense {
    /// Adds `{name}.weight` (`inputs × outputs`, drawn from `init`) and `{name}.bias`
    /// (`1 × outputs`, zeros) to `store`.
    pub fn new<T: Float>(
        store: &mut ParamStore<T>,
        name: &str,
        (inputs, outputs): (usize, usize),
        init: Init,
        rng: &mut StdRng,
    ) -> Self {
        let weight = store.add(format!("{name}.weight"), init.weights(inputs, outputs, rng));
        let bias = store.add(format!("{name}.bias"), Array2::zeros((1, outputs)));
        Dense {
            weight,
            bias,
            inputs,
            outputs,
        }
    }

    /// `X·W + b` on `x`'s tape, the parameters trainable or frozen per `mode`.
    ///
    /// # Panics
    /// If `x` does not have `inputs` columns (the `matmul` message names both shapes).
    #[track_caller]
    pub fn forward<'t, T: Float>(
        &self,
        store: &ParamStore<T>,
        x: Var<'t, T>,
        mode: Mode,
    ) -> Var<'t, T> {
        let tape = x.tape();
        let w = store.on_tape(tape, self.weight, mode);
        let b = store.on_tape(tape, self.bias, mode);
        x.affine(w, b)
    }

    /// `a(X·W + b)`: [`forward`](Self::forward) then `activation`. A ReLU or a leaky ReLU of
    /// slope ≥ 0 is applied inside the product, one op with the bits of the two
    /// (`autograd/ops/affine.rs`: no pre-activation array is written); any other
    /// activation is its own op after the affine one.
    ///
    /// # Panics
    /// As [`forward`](Self::forward).
    #[track_caller]
    pub fn forward_activated<'t, T: Float>(
        &self,
        store: &ParamStore<T>,
        x: Var<'t, T>,
        mode: Mode,
        activation: Activation,
    ) -> Var<'t, T> {
        let tape = x.tape();
        let w = store.on_tape(tape, self.weight, mode);
        let b = store.on_tape(tape, self.bias, mode);
        match activation {
            Activation::Relu => x.affine_rectified(w, b, Rectifier::Relu),
            Activation::LeakyRelu(slope) if slope >= 0.0 => {
                x.affine_rectified(w, b, Rectifier::Leaky(T::lit(slope)))
            }
            other => other.apply(x.affine(w, b)),
        }
    }

    /// The weight's id.
    pub fn weight(&self) -> ParamId {
        self.weight
    }

    /// The bias's id.
    pub fn bias(&self) -> ParamId {
        self.bias
    }

    /// `(inputs, outputs)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.inputs, self.outputs)
    }
}
