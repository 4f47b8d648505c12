//! Optimizers: one [`Optimizer`] trait, [`Sgd`] (with momentum), [`Adam`] and [`RmsProp`];
//! [`OptimizerParams`] names one of them with its hyper-parameters (a [`GanConfig`] field).
//!
//! [`GanConfig`]: crate::gan::GanConfig
//!
//! State (velocity, moments) is kept per [`ParamId`]; a step updates exactly the ids it is
//! given, so the generator's and the discriminator's optimizers never touch each other's
//! parameters even though both live in one [`ParamStore`].

mod adam;
mod params;
mod rmsprop;
mod sgd;

pub use adam::{Adam, AdamParams};
pub use params::OptimizerParams;
pub use rmsprop::{RmsProp, RmsPropParams};
pub use sgd::{Sgd, SgdParams};

use crate::autograd::{Gradients, ParamId};
use crate::nn::ParamStore;
use crate::Float;

/// One update `θ ← θ − (step computed from ∂L/∂θ)` of the given parameters.
pub trait Optimizer<T: Float> {
    /// Updates every parameter in `ids` that has a gradient in `grads` (one without a
    /// gradient, e.g. unused by the loss, is left unchanged, as in PyTorch).
    ///
    /// # Panics
    /// If a gradient's shape differs from its parameter's.
    fn step(&mut self, store: &mut ParamStore<T>, grads: &Gradients<T>, ids: &[ParamId]);

    /// The step size `η` the next [`step`](Optimizer::step) uses.
    fn learning_rate(&self) -> f64;

    /// Sets `η` for the following steps (a learning-rate schedule); the state (velocity,
    /// moments) is kept.
    fn set_learning_rate(&mut self, learning_rate: f64);
}

/// The state slot of `id`, created by `init` on first use.
fn slot<S>(states: &mut Vec<Option<S>>, id: ParamId, init: impl FnOnce() -> S) -> &mut S {
    if states.len() <= id.0 {
        states.resize_with(id.0 + 1, || None);
    }
    states[id.0].get_or_insert_with(init)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autograd::Tape;
    use ndarray::{array, Array2};

    /// f(θ) = ½ Σ a_i (θ_i − c_i)², minimised at θ = c.
    fn quadratic_gradients(store: &ParamStore<f64>, id: ParamId) -> Gradients<f64> {
        let tape = Tape::new();
        let theta = tape.param(id, store.get(id));
        let a = tape.constant(&array![[1.0, 4.0, 0.5]]);
        let c = tape.constant(&array![[3.0, -2.0, 0.5]]);
        let d = theta - c;
        tape.backward((d * d * a).sum().scale(0.5))
    }

    fn converges(mut optimizer: impl Optimizer<f64>, steps: usize) -> Array2<f64> {
        let mut store = ParamStore::new();
        let id = store.add("theta", array![[0.0, 0.0, 0.0]]);
        for _ in 0..steps {
            let grads = quadratic_gradients(&store, id);
            optimizer.step(&mut store, &grads, &[id]);
        }
        store.get(id).clone()
    }

    #[test]
    fn both_converge_on_a_quadratic() {
        let target = array![[3.0, -2.0, 0.5]];
        let sgd = converges(
            Sgd::new(SgdParams {
                learning_rate: 0.1,
                momentum: 0.9,
            }),
            500,
        );
        let adam = converges(
            Adam::new(AdamParams {
                learning_rate: 0.05,
                ..Default::default()
            }),
            2000,
        );
        for (theta, tol) in [(sgd, 1e-10), (adam, 1e-6)] {
            let err = (&theta - &target)
                .mapv(f64::abs)
                .fold(0.0f64, |m, &e| m.max(e));
            assert!(err < tol, "{theta} (error {err:e})");
        }
    }

    #[test]
    fn only_the_given_ids_change() {
        let mut store = ParamStore::new();
        let a = store.add("a", array![[1.0]]);
        let b = store.add("b", array![[1.0]]);
        let tape = Tape::new();
        let loss = (tape.param(a, store.get(a)) * tape.param(b, store.get(b))).sum();
        let grads = tape.backward(loss);
        let mut adam = Adam::new(AdamParams::default());
        adam.step(&mut store, &grads, &[a]);
        let mut sgd = Sgd::new(SgdParams::default());
        sgd.step(&mut store, &grads, &[a]);
        assert_ne!(store.get(a)[[0, 0]], 1.0);
        assert_eq!(store.get(b)[[0, 0]], 1.0);
    }
}
