//! Neural-network building blocks on the tape: parameters, initialisation, dense layers,
//! the [`Network`] trait and the multilayer perceptron that implements it.
//!
//! Parameters live outside the tape in a [`ParamStore`]; a forward pass copies them onto
//! the tape as leaves, either *trainable* (gradients flow to them) or *frozen* (constants:
//! the error passes through them and they receive nothing — the seed's generator step).
//! Their ids are [`crate::autograd::ParamId`] (gradients are keyed by them).
//!
//! Notebook: `notebooks-md/01_core_idea.md`.

mod activation;
mod checkpoint;
mod checkpoint_file;
mod dense;
mod gradcheck;
mod init;
pub(crate) mod loss;
mod maxout;
mod mlp;
mod mlp_spec;
mod network;
mod params;
mod torch_layout;

// Private: the one public path of `ParamId` is `crate::autograd::ParamId`.
use crate::autograd::ParamId;

pub use activation::Activation;
pub use checkpoint::CheckpointError;
pub use dense::Dense;
pub use gradcheck::gradcheck_params;
pub use init::Init;
pub use maxout::Maxout;
pub use mlp::{Mlp, MlpBuilder};
pub use mlp_spec::MlpSpec;
pub use network::Network;
pub use params::{Mode, ParamNameError, ParamStore};
pub use torch_layout::{load_torch, save_torch, TorchMlp};
pub(crate) use torch_layout::{read_network, spec_json, write_networks};
