//! A multilayer perceptron: dense layers with one activation between them and one at the end.
//!
//! ```text
//! h₀ = x,   h_l = act(h_{l−1}·W_l + b_l)  (l < L),   y = out(h_{L−1}·W_L + b_L)
//! ```

use super::{Activation, Dense, Init, Mode, ParamId, ParamStore};
use crate::autograd::Var;
use crate::Float;
use ndarray_rand::rand::rngs::StdRng;

/// Dense layers `sizes[0] → sizes[1] → … → sizes[L]` with a hidden and an output activation.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    layers: Vec<Dense>,
    hidden: Activation,
    output: Activation,
}

/// Builds an [`Mlp`]: `Mlp::builder(&[2, 128, 128, 1]).hidden(Activation::Relu).build(..)`.
#[derive(Clone, Debug)]
pub struct MlpBuilder {
    sizes: Vec<usize>,
    hidden: Activation,
    output: Activation,
    init: Option<Init>,
}

impl MlpBuilder {
    /// The activation after every layer but the last (default: ReLU).
    pub fn hidden(mut self, activation: Activation) -> Self {
        self.hidden = activation;
        self
    }

    /// The activation after the last layer (default: identity, i.e. logits).
    pub fn output(mut self, activation: Activation) -> Self {
        self.output = activation;
        self
    }

    /// The weight initialisation (default: He for (leaky) ReLU hidden layers, else Xavier).
    pub fn init(mut self, init: Init) -> Self {
        self.init = Some(init);
        self
    }

    /// Adds the layers' parameters to `store` as `{name}.{l}.weight` / `{name}.{l}.bias`.
    ///
    /// # Panics
    /// If fewer than two sizes were given or a size is 0.
    #[track_caller]
    pub fn build<T: Float>(self, store: &mut ParamStore<T>, name: &str, rng: &mut StdRng) -> Mlp {
        assert!(
            self.sizes.len() >= 2 && self.sizes.iter().all(|&s| s > 0),
            "Mlp: needs at least an input and an output size, all > 0 (got {:?})",
            self.sizes
        );
        let init = self.init.unwrap_or(match self.hidden {
            Activation::Relu | Activation::LeakyRelu(_) => Init::He,
            _ => Init::Xavier,
        });
        let layers = (self.sizes.windows(2).enumerate())
            .map(|(l, pair)| {
                Dense::new(store, &format!("{name}.{l}"), (pair[0], pair[1]), init, rng)
            })
            .collect();
        Mlp {
            layers,
            hidden: self.hidden,
            output: self.output,
        }
    }
}

impl Mlp {
    /// A builder for layer sizes `sizes` (input first, output last).
    pub fn builder(sizes: &[usize]) -> MlpBuilder {
        MlpBuilder {
            sizes: sizes.to_vec(),
            hidden: Activation::Relu,
            output: Activation::Identity,
            init: None,
        }
    }

    /// The network applied to the batch `x` (B × input size → B × output size).
    ///
    /// # Panics
    /// If `x` does not have [`Mlp::input_size`] columns.
    #[track_caller]
    pub fn forward<'t, T: Float>(
        &self,
        store: &ParamStore<T>,
        x: Var<'t, T>,
        mode: Mode,
    ) -> Var<'t, T> {
        let last = self.layers.len() - 1;
        self.layers.iter().enumerate().fold(x, |h, (l, layer)| {
            let z = layer.forward(store, h, mode);
            if l == last {
                self.output.apply(z)
            } else {
                self.hidden.apply(z)
            }
        })
    }

    /// Every parameter id (weight, bias of each layer in order).
    pub fn params(&self) -> Vec<ParamId> {
        self.layers
            .iter()
            .flat_map(|d| [d.weight(), d.bias()])
            .collect()
    }

    /// The layers in order.
    pub fn layers(&self) -> &[Dense] {
        &self.layers
    }

    /// Number of input features.
    pub fn input_size(&self) -> usize {
        self.layers[0].shape().0
    }

    /// Number of outputs.
    pub fn output_size(&self) -> usize {
        self.layers[self.layers.len() - 1].shape().1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::gradcheck_params;
    use ndarray::Array2;
    use ndarray_rand::rand::SeedableRng;

    #[test]
    fn two_layer_loss_gradient_matches_finite_differences() {
        // L = mean BCE(MLP(x), 1) for a 3 → 5 → 1 network with each hidden activation.
        let x = Array2::from_shape_fn((4, 3), |(i, j)| (i as f64 - 1.5) * 0.7 + j as f64 * 0.3);
        for hidden in [
            Activation::Tanh,
            Activation::LeakyRelu(0.2),
            Activation::Sigmoid,
        ] {
            let mut store = ParamStore::<f64>::new();
            let mut rng = StdRng::seed_from_u64(3);
            let mlp = Mlp::builder(&[3, 5, 1])
                .hidden(hidden)
                .build(&mut store, "d", &mut rng);
            for id in mlp.params() {
                store.get_mut(id).mapv_inplace(|w| w + 0.1); // non-zero biases too
            }
            let report = gradcheck_params(&store, &mlp.params(), |tape, store| {
                mlp.forward(store, tape.constant(&x), Mode::Trainable)
                    .bce_with_logits(1.0)
            });
            report.assert_below(1e-6);
        }
    }

    #[test]
    fn frozen_parameters_get_no_gradient_but_pass_it_on() {
        let mut store = ParamStore::<f64>::new();
        let mlp = Mlp::builder(&[2, 3, 1]).build(&mut store, "d", &mut StdRng::seed_from_u64(4));
        let tape = crate::autograd::Tape::new();
        let x = tape.variable(&ndarray::array![[0.5, -1.0], [1.5, 2.0]]);
        let loss = mlp.forward(&store, x, Mode::Frozen).bce_with_logits(1.0);
        let grads = tape.backward(loss);
        assert!(mlp.params().iter().all(|&id| grads.param(id).is_none()));
        assert!(grads.wrt(x).unwrap().iter().any(|&g| g != 0.0));
    }
}
