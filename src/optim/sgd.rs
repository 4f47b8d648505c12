//! Stochastic gradient descent with momentum (PyTorch's convention):
//!
//! ```text
//! v ← μ·v + g,    θ ← θ − η·v
//! ```
//! where `g = ∂L/∂θ`, `η` is the learning rate and `μ` the momentum (`μ = 0`: plain SGD).

use super::{slot, Optimizer};
use crate::autograd::{Gradients, ParamId};
use crate::nn::ParamStore;
use crate::Float;
use ndarray::{Array2, Zip};

/// Hyper-parameters of [`Sgd`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SgdParams {
    /// `η` (default 0.01).
    pub learning_rate: f64,
    /// `μ` (default 0).
    pub momentum: f64,
}

impl Default for SgdParams {
    fn default() -> Self {
        SgdParams {
            learning_rate: 0.01,
            momentum: 0.0,
        }
    }
}

/// SGD with momentum; the velocity `v` is kept per parameter.
#[derive(Clone, Debug)]
pub struct Sgd<T: Float> {
    params: SgdParams,
    velocity: Vec<Option<Array2<T>>>,
}

impl<T: Float> Sgd<T> {
    /// An optimizer with no velocity yet (`v = 0`).
    pub fn new(params: SgdParams) -> Self {
        Sgd {
            params,
            velocity: Vec::new(),
        }
    }
}

impl<T: Float> Optimizer<T> for Sgd<T> {
    fn learning_rate(&self) -> f64 {
        self.params.learning_rate
    }

    fn set_learning_rate(&mut self, learning_rate: f64) {
        self.params.learning_rate = learning_rate;
    }

    fn step(&mut self, store: &mut ParamStore<T>, grads: &Gradients<T>, ids: &[ParamId]) {
        let (eta, mu) = (
            T::lit(self.params.learning_rate),
            T::lit(self.params.momentum),
        );
        for &id in ids {
            let Some(g) = grads.param(id) else { continue };
            let theta = store.get_mut(id);
            let v = slot(&mut self.velocity, id, || Array2::zeros(g.dim()));
            Zip::from(theta).and(v).and(g).for_each(|theta, v, &g| {
                *v = mu * *v + g;
                *theta -= eta * *v;
            });
        }
    }
}
