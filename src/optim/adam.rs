//! Adam (Kingma & Ba 2015), bias-corrected, updated in one fused pass per parameter:
//!
//! ```text
//! m ← β₁·m + (1 − β₁)·g          m̂ = m / (1 − β₁ᵗ)
//! v ← β₂·v + (1 − β₂)·g²         v̂ = v / (1 − β₂ᵗ)
//! θ ← θ − η · m̂ / (√v̂ + ε)
//! ```
//! where `g = ∂L/∂θ`, `t` counts this parameter's updates (from 1), `η` is the learning rate.

use super::{slot, Optimizer};
use crate::autograd::{Gradients, ParamId};
use crate::nn::ParamStore;
use crate::Float;
use ndarray::{Array2, Zip};

/// Hyper-parameters of [`Adam`]; `Default` is the paper's (and PyTorch's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdamParams {
    /// `η` (default 1e-3; GANs commonly use 2e-4).
    pub learning_rate: f64,
    /// `β₁` (default 0.9; GANs commonly use 0.5).
    pub beta1: f64,
    /// `β₂` (default 0.999).
    pub beta2: f64,
    /// `ε` (default 1e-8).
    pub epsilon: f64,
}

impl Default for AdamParams {
    fn default() -> Self {
        AdamParams {
            learning_rate: 1e-3,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        }
    }
}

/// Parameters with at least this many elements are updated on all rayon threads.
const PARALLEL_MIN_LEN: usize = 1 << 15;

#[derive(Clone, Debug)]
struct Moments<T> {
    m: Array2<T>,
    v: Array2<T>,
    t: i32,
}

/// Adam; first and second moments and the step count `t` are kept per parameter.
#[derive(Clone, Debug)]
pub struct Adam<T: Float> {
    params: AdamParams,
    moments: Vec<Option<Moments<T>>>,
}

impl<T: Float> Adam<T> {
    /// An optimizer with zero moments.
    pub fn new(params: AdamParams) -> Self {
        Adam {
            params,
            moments: Vec::new(),
        }
    }

    /// The hyper-parameters.
    pub fn params(&self) -> AdamParams {
        self.params
    }
}

impl<T: Float> Optimizer<T> for Adam<T> {
    fn learning_rate(&self) -> f64 {
        self.params.learning_rate
    }

    fn set_learning_rate(&mut self, learning_rate: f64) {
        self.params.learning_rate = learning_rate;
    }

    fn step(&mut self, store: &mut ParamStore<T>, grads: &Gradients<T>, ids: &[ParamId]) {
        let AdamParams {
            learning_rate,
            beta1,
            beta2,
            epsilon,
        } = self.params;
        let (b1, b2, eta, eps) = (
            T::lit(beta1),
            T::lit(beta2),
            T::lit(learning_rate),
            T::lit(epsilon),
        );
        for &id in ids {
            let Some(g) = grads.param(id) else { continue };
            let theta = store.get_mut(id);
            let state = slot(&mut self.moments, id, || Moments {
                m: Array2::zeros(g.dim()),
                v: Array2::zeros(g.dim()),
                t: 0,
            });
            state.t += 1;
            let m_hat_scale = T::lit(1.0 / (1.0 - beta1.powi(state.t)));
            let v_hat_scale = T::lit(1.0 / (1.0 - beta2.powi(state.t)));
            let update = |theta: &mut T, m: &mut T, v: &mut T, &g: &T| {
                *m = b1 * *m + (T::one() - b1) * g;
                *v = b2 * *v + (T::one() - b2) * g * g;
                let (m_hat, v_hat) = (*m * m_hat_scale, *v * v_hat_scale);
                *theta -= eta * m_hat / (v_hat.sqrt() + eps);
            };
            let zip = Zip::from(theta).and(&mut state.m).and(&mut state.v).and(g);
            // Each element is updated on its own, so splitting the arrays across threads
            // changes no bit; it pays off only for arrays of many elements.
            if g.len() >= PARALLEL_MIN_LEN && crate::parallel::may_split() {
                zip.par_for_each(update);
            } else {
                zip.for_each(update);
            }
        }
    }
}
