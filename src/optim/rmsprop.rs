//! RMSProp (Tieleman & Hinton 2012, lecture 6.5; PyTorch's convention), the optimizer of
//! the weight-clipped WGAN (Arjovsky et al. 2017, Algorithm 1):
//!
//! ```text
//! v ← α·v + (1 − α)·g²
//! θ ← θ − η · g / (√v + ε)
//! ```
//! where `g = ∂L/∂θ`, `v` (from 0) is the running mean of the squared gradient, `α` its
//! decay, `η` the learning rate. Unlike Adam there is no momentum and no bias correction:
//! Arjovsky et al. found momentum-based optimizers unstable for the clipped critic.

use super::{slot, Optimizer};
use crate::autograd::{Gradients, ParamId};
use crate::nn::ParamStore;
use crate::Float;
use ndarray::{Array2, Zip};

/// Hyper-parameters of [`RmsProp`]; `Default` is PyTorch's (`η` = 0.01, `α` = 0.99,
/// `ε` = 1e-8). WGAN uses `η` = 5e-5.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RmsPropParams {
    /// `η`.
    pub learning_rate: f64,
    /// `α`, the decay of the running mean of `g²`.
    pub alpha: f64,
    /// `ε`.
    pub epsilon: f64,
}

impl Default for RmsPropParams {
    fn default() -> Self {
        RmsPropParams {
            learning_rate: 1e-2,
            alpha: 0.99,
            epsilon: 1e-8,
        }
    }
}

/// RMSProp; the running mean `v` of `g²` is kept per parameter.
#[derive(Clone, Debug)]
pub struct RmsProp<T: Float> {
    params: RmsPropParams,
    mean_square: Vec<Option<Array2<T>>>,
}

impl<T: Float> RmsProp<T> {
    /// An optimizer with `v = 0`.
    pub fn new(params: RmsPropParams) -> Self {
        RmsProp {
            params,
            mean_square: Vec::new(),
        }
    }

    /// The hyper-parameters.
    pub fn params(&self) -> RmsPropParams {
        self.params
    }
}

impl<T: Float> Optimizer<T> for RmsProp<T> {
    fn step(&mut self, store: &mut ParamStore<T>, grads: &Gradients<T>, ids: &[ParamId]) {
        let RmsPropParams {
            learning_rate,
            alpha,
            epsilon,
        } = self.params;
        let (eta, alpha, eps) = (T::lit(learning_rate), T::lit(alpha), T::lit(epsilon));
        for &id in ids {
            let Some(g) = grads.param(id) else { continue };
            let theta = store.get_mut(id);
            let v = slot(&mut self.mean_square, id, || Array2::zeros(g.dim()));
            Zip::from(theta).and(v).and(g).for_each(|theta, v, &g| {
                *v = alpha * *v + (T::one() - alpha) * g * g;
                *theta -= eta * g / (v.sqrt() + eps);
            });
        }
    }

    fn learning_rate(&self) -> f64 {
        self.params.learning_rate
    }

    fn set_learning_rate(&mut self, learning_rate: f64) {
        self.params.learning_rate = learning_rate;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autograd::Tape;
    use ndarray::array;

    #[test]
    fn two_steps_with_varying_gradients_equal_the_hand_computation() {
        // L_t = g_t·θ with g₁ = 2, g₂ = −1; θ₀ = 1, η = 0.1, α = 0.9, ε = 1e-8.
        // t = 1: v = 0.1·4 = 0.4,            θ₁ = 1 − 0.1·2/(√0.4 + ε)
        // t = 2: v = 0.9·0.4 + 0.1·1 = 0.46, θ₂ = θ₁ + 0.1·1/(√0.46 + ε)
        // (a constant gradient would hide a wrong α: then v/g² depends on α only through t).
        let mut store = ParamStore::new();
        let id = store.add("theta", array![[1.0f64]]);
        let mut rmsprop = RmsProp::new(RmsPropParams {
            learning_rate: 0.1,
            alpha: 0.9,
            epsilon: 1e-8,
        });
        let theta_1 = 1.0 - 0.1 * 2.0 / (0.4f64.sqrt() + 1e-8);
        let theta_2 = theta_1 + 0.1 / (0.46f64.sqrt() + 1e-8);
        for (g, expected) in [(2.0, theta_1), (-1.0, theta_2)] {
            let tape = Tape::new();
            let loss = tape.param(id, store.get(id)).scale(g).sum();
            let grads = tape.backward(loss);
            rmsprop.step(&mut store, &grads, &[id]);
            let got = store.get(id)[[0, 0]];
            assert!((got - expected).abs() < 1e-15, "{got} vs {expected}");
        }
    }

    #[test]
    fn the_learning_rate_is_read_and_set_through_the_trait() {
        let mut rmsprop = RmsProp::<f32>::new(RmsPropParams::default());
        assert_eq!(Optimizer::learning_rate(&rmsprop), 1e-2);
        rmsprop.set_learning_rate(5e-5);
        assert_eq!(rmsprop.learning_rate(), 5e-5);
        assert_eq!(rmsprop.params().learning_rate, 5e-5);
    }
}
