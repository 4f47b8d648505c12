//! The adversarial game and its training loop (the seed's 核心思想, Goodfellow et al. 2014,
//! Algorithm 1).
//!
//! ```text
//! for step in 1..=steps:
//!     repeat k times:                      # discriminator: real → 1, fake → 0
//!         x ~ p_data (B samples), z ~ p_z (B samples)
//!         L_D = −(1/B) Σ log D(x) − (1/B) Σ log(1 − D(G(z)))     G frozen: G(z) is a constant
//!         θ_D ← Adam(θ_D, ∂L_D/∂θ_D)
//!     z ~ p_z (B samples)                  # generator: through D, D's weights fixed
//!     L_G = (1/B) Σ log(1 − D(G(z)))   (minimax)   or   −(1/B) Σ log D(G(z))   (non-saturating)
//!     θ_G ← Adam(θ_G, ∂L_G/∂θ_G)          D frozen: its parameters are constants on the tape
//! ```
//! That is the default; the losses are the [`Objective`]'s (the built-in ones, [`GanLoss`]:
//! [`objective`]), the optimizers any [`Optimizer`](crate::optim::Optimizer), and G and D any
//! [`Network`](crate::nn::Network) ([`Gan::from_networks`]).
//!
//! With `GanConfig::packing = m > 1` (PacGAN, Lin et al. 2018) D judges packs of `m`
//! concatenated samples instead of single ones ([`pack_rows`]), which penalises mode collapse
//! (`notebooks-md/06_mode_collapse.md`).
//!
//! Notebook: `notebooks-md/01_core_idea.md`.

mod access;
mod average;
mod checkpoint;
mod conditional;
mod config;
mod data;
mod history;
pub mod objective;
mod packing;
mod prior;
mod step;
mod study;
#[cfg(test)]
mod tests;
mod trainer;

pub use checkpoint::{save_checkpoint, ClassError, Sampling, SavedGenerator};
pub use conditional::{conditional_gan, with_one_hot, ConditionalGan, ConditionalGenerator};
pub use config::{GanConfig, GanError, Schedule};
pub(crate) use data::draw_index;
pub use data::{check_has_samples, RealData};
pub use history::{History, HistoryRow};
pub use objective::{Equilibrium, GanLoss, Objective, Score, UnknownLoss};
pub use packing::{pack_rows, tile_columns};
pub use prior::Prior;
pub use step::{DiscriminatorStep, StepStats};
pub use study::{GradientPoint, SaturationStudy};
pub use trainer::{train, Gan};
