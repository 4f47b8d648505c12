//! A multilayer perceptron: dense layers, each followed by its own activation.
//!
//! ```text
//! h₀ = x,   h_l = act_l(h_{l−1}·W_l + b_l)   (l = 1 … L),   y = h_L
//! ```
//! The builder sets one activation for the hidden layers and one for the output
//! ([`hidden`](MlpBuilder::hidden), [`output`](MlpBuilder::output)), or one per layer
//! ([`activations`](MlpBuilder::activations)).

use super::{Activation, Dense, Init, Mode, Network, ParamStore};
use crate::autograd::{ParamId, Var};
use crate::Float;
use ndarray_rand::rand::rngs::StdRng;

/// Dense layers `sizes[0] → sizes[1] → … → sizes[L]`, layer `l` followed by `act_l`.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    layers: Vec<Dense>,
    activations: Vec<Activation>,
}

/// Builds an [`Mlp`]: `Mlp::builder(&[2, 128, 128, 1]).hidden(Activation::Relu).build(..)`.
#[derive(Clone, Debug)]
pub struct MlpBuilder {
    sizes: Vec<usize>,
    hidden: Activation,
    output: Activation,
    per_layer: Option<Vec<Activation>>,
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

    /// One activation per layer, the output's last (`sizes.len() − 1` of them); replaces
    /// [`hidden`](MlpBuilder::hidden) and [`output`](MlpBuilder::output).
    pub fn activations(mut self, activations: &[Activation]) -> Self {
        self.per_layer = Some(activations.to_vec());
        self
    }

    /// The weight initialisation (default: He when the first layer's activation is a
    /// (leaky) ReLU, else Xavier).
    pub fn init(mut self, init: Init) -> Self {
        self.init = Some(init);
        self
    }

    /// Adds the layers' parameters to `store` as `{name}.{l}.weight` / `{name}.{l}.bias`.
    ///
    /// # Panics
    /// If fewer than two sizes were given, a size is 0, the number of per-layer activations
    /// is not the number of layers, or an activation is invalid ([`Activation::validate`]).
    #[track_caller]
    pub fn build<T: Float>(self, store: &mut ParamStore<T>, name: &str, rng: &mut StdRng) -> Mlp {
        assert!(
            self.sizes.len() >= 2 && self.sizes.iter().all(|&s| s > 0),
            "Mlp: needs at least an input and an output size, all > 0 (got {:?})",
            self.sizes
        );
        let layer_count = self.sizes.len() - 1;
        let explicit = self.per_layer.is_some();
        let activations = self.per_layer.unwrap_or_else(|| {
            let mut all = vec![self.hidden; layer_count - 1];
            all.push(self.output);
            all
        });
        assert_eq!(
            activations.len(),
            layer_count,
            "Mlp: {layer_count} layers ({:?}) need {layer_count} activations, got {activations:?}",
            self.sizes
        );
        for activation in &activations {
            if let Err(reason) = activation.validate() {
                panic!("Mlp: {reason}");
            }
        }
        // Without a per-layer list the hidden activation decides, even for a single layer.
        let first = if explicit {
            activations[0]
        } else {
            self.hidden
        };
        let init = self.init.unwrap_or(match first {
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
            activations,
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
            per_layer: None,
            init: None,
        }
    }

    /// The network applied to the batch `x` (B × input size → B × output size).
    ///
    /// # Panics
    /// If `x` does not have [`Mlp::input_size`] columns; the message names the shapes and
    /// the location is the caller's.
    #[track_caller]
    pub fn forward<'t, T: Float>(
        &self,
        store: &ParamStore<T>,
        x: Var<'t, T>,
        mode: Mode,
    ) -> Var<'t, T> {
        let (rows, cols) = x.shape();
        assert!(
            cols == self.input_size(),
            "Mlp::forward: the input is {rows} × {cols}, the network takes {} columns",
            self.input_size()
        );
        let mut h = x;
        for (layer, activation) in self.layers.iter().zip(&self.activations) {
            h = layer.forward_activated(store, h, mode, *activation);
        }
        h
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

    /// The activation after each layer, in order.
    pub fn activations(&self) -> &[Activation] {
        &self.activations
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

/// The inherent methods above, as the [`Network`] the GAN loop trains.
impl<T: Float> Network<T> for Mlp {
    #[track_caller]
    fn forward<'t>(&self, params: &ParamStore<T>, x: Var<'t, T>, mode: Mode) -> Var<'t, T> {
        Mlp::forward(self, params, x, mode)
    }

    fn params(&self) -> Vec<ParamId> {
        Mlp::params(self)
    }

    fn input_size(&self) -> usize {
        Mlp::input_size(self)
    }

    fn output_size(&self) -> usize {
        Mlp::output_size(self)
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
    fn per_layer_activations_apply_in_order() {
        // 1 → 1 → 1 → 1 with W = 1, b = 0: y = tanh(relu(−x·…)) layer by layer.
        let mut store = ParamStore::<f64>::new();
        let mlp = Mlp::builder(&[1, 1, 1, 1])
            .activations(&[
                Activation::LeakyRelu(0.5),
                Activation::Tanh,
                Activation::Sigmoid,
            ])
            .build(&mut store, "m", &mut StdRng::seed_from_u64(0));
        for layer in mlp.layers() {
            store.get_mut(layer.weight()).fill(1.0);
        }
        let tape = crate::autograd::Tape::new();
        let y = mlp.forward(
            &store,
            tape.constant(&ndarray::array![[-2.0]]),
            Mode::Frozen,
        );
        let expected = 1.0 / (1.0 + (-(-1.0f64).tanh()).exp()); // σ(tanh(0.5·(−2)))
        assert!((y.item() - expected).abs() < 1e-15, "{}", y.item());
        assert_eq!(mlp.activations()[1], Activation::Tanh);
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
