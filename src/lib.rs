//! # adversarial
//!
//! Generative Adversarial Networks from scratch, beside the theory that explains them.
//!
//! | module | idea |
//! |---|---|
//! | [`autograd`] | reverse-mode automatic differentiation on an arena tape |
//! | [`linalg`] | matrix products, parallel and bit-reproducible for any thread count |
//!
//! Every scalar routine is generic over [`Float`] (`f32` for training, `f64` for checks).

pub mod autograd;
mod float;
pub mod linalg;

pub use float::Float;
