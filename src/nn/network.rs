//! [`Network`]: what the GAN loop needs of a generator or a discriminator.
//!
//! A network is a function `f_θ: ℝ^{B × in} → ℝ^{B × out}` recorded on a tape, whose
//! parameters `θ` live in a [`ParamStore`] and are named by their [`ParamId`]s. The
//! network itself holds only ids and shapes, never values, so one store can hold G and D
//! side by side and an optimizer can update either by its ids.
//!
//! ```
//! use adversarial::autograd::{ParamId, Tape, Var};
//! use adversarial::nn::{Activation, Mlp, Mode, Network, ParamStore};
//! use adversarial::Float;
//! use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
//!
//! /// `y = x + MLP(x)`: a residual block.
//! struct Residual(Mlp);
//!
//! impl<T: Float> Network<T> for Residual {
//!     fn forward<'t>(&self, params: &ParamStore<T>, x: Var<'t, T>, mode: Mode) -> Var<'t, T> {
//!         x + self.0.forward(params, x, mode)
//!     }
//!     fn params(&self) -> Vec<ParamId> {
//!         self.0.params()
//!     }
//!     fn input_size(&self) -> usize {
//!         self.0.input_size()
//!     }
//!     fn output_size(&self) -> usize {
//!         self.0.output_size()
//!     }
//! }
//!
//! let mut store = ParamStore::<f64>::new();
//! let mlp = Mlp::builder(&[2, 8, 2]).hidden(Activation::Tanh);
//! let net = Residual(mlp.build(&mut store, "block", &mut StdRng::seed_from_u64(0)));
//! let tape = Tape::new();
//! let y = net.forward(&store, tape.constant(&ndarray::array![[1.0, 2.0]]), Mode::Frozen);
//! assert_eq!(y.shape(), (1, 2));
//! ```

use super::{Mode, ParamStore};
use crate::autograd::{ParamId, Var};
use crate::Float;

/// A generator or discriminator: a forward pass on the tape and the ids of its parameters.
///
/// [`Gan`](crate::gan::Gan) trains any pair of networks that implement it
/// ([`Gan::from_networks`](crate::gan::Gan::from_networks)); [`Mlp`](super::Mlp) is the one
/// built in. (`Send + Sync`: a training step may run on any thread of a rayon pool.)
pub trait Network<T: Float>: Send + Sync {
    /// `f_θ(x)` for the batch `x` (B × [`input_size`](Network::input_size) → B ×
    /// [`output_size`](Network::output_size)), the parameters read from `params` and put on
    /// `x`'s tape trainable or frozen per `mode` ([`ParamStore::on_tape`]).
    ///
    /// # Panics
    /// If `x` has the wrong width; implementations mark themselves `#[track_caller]` so
    /// the message points at the caller.
    #[track_caller]
    fn forward<'t>(&self, params: &ParamStore<T>, x: Var<'t, T>, mode: Mode) -> Var<'t, T>;

    /// Every parameter the forward pass reads (an optimizer updates exactly these).
    fn params(&self) -> Vec<ParamId>;

    /// Columns of the input.
    fn input_size(&self) -> usize;

    /// Columns of the output.
    fn output_size(&self) -> usize;
}
