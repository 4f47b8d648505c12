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
    /// If `x` does not have `inputs` columns (the `affine` message names both shapes).
    #[track_caller]
    pub fn forward<'t, T: Float>(
        &self,
        store: &ParamStore<T>,
        x: Var<'t, T>,
        mode: Mode,
    ) -> Var<'t, T> {
        self.forward_activated(store, x, mode, Activation::Identity)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autograd::Tape;
    use ndarray_rand::rand::SeedableRng;

    /// Fused or not, a layer and its activation give the bits of `forward` then `apply`.
    #[test]
    fn forward_activated_is_forward_then_the_activation() {
        let mut store = ParamStore::<f32>::new();
        let mut rng = StdRng::seed_from_u64(3);
        let layer = Dense::new(&mut store, "l", (5, 33), Init::He, &mut rng);
        let x = Init::Xavier.weights::<f32>(7, 5, &mut rng);
        let activations = [
            Activation::Relu,
            Activation::LeakyRelu(0.2),
            Activation::LeakyRelu(-0.1),
            Activation::Tanh,
            Activation::Identity,
        ];
        for activation in activations {
            let tape = Tape::new();
            let input = tape.constant(&x);
            let fused = layer.forward_activated(&store, input, Mode::Frozen, activation);
            let apart = activation.apply(layer.forward(&store, input, Mode::Frozen));
            let bits = |v: Var<'_, f32>| v.value().mapv(f32::to_bits);
            assert_eq!(bits(fused), bits(apart), "{activation:?}");
        }
    }

    #[test]
    #[should_panic(expected = "affine: shape mismatch: 7×4 and 5×33")]
    fn an_input_of_the_wrong_width_names_both_shapes() {
        let mut store = ParamStore::<f32>::new();
        let mut rng = StdRng::seed_from_u64(3);
        let layer = Dense::new(&mut store, "l", (5, 33), Init::He, &mut rng);
        let tape = Tape::new();
        let x = tape.constant(&Array2::zeros((7, 4)));
        let _ = layer.forward_activated(&store, x, Mode::Frozen, Activation::Relu);
    }
}
