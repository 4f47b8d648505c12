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
