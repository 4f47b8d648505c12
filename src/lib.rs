//! # adversarial
//!
//! Generative Adversarial Networks from scratch, beside the theory that explains them.
//!
//! | module | idea |
//! |---|---|
//! | [`autograd`] | reverse-mode automatic differentiation on an arena tape |
//! | [`linalg`] | matrix products, parallel and bit-reproducible for any thread count |
//! | [`nn`] | parameters, initialisation, dense layers, MLPs, GAN losses, checkpoints |
//! | [`optim`] | SGD with momentum and Adam, keyed by parameter |
//! | [`gan`] | the generator, the discriminator, and the alternating minimax training loop |
//! | [`datasets`] | the real data of the examples, seeded: 1-D, the 2-D ring and grid, 8×8 digits, MNIST from IDX files |
//! | [`mle`] | maximum likelihood: log-likelihood, Gaussian MLE in closed form and by gradient ascent on the tape, MLE = argmin KL, MSE = Gaussian NLL |
//! | [`divergence`] | entropy, cross-entropy, KL and JS divergence; Simpson quadrature on a `Grid` |
//! | [`density`] | 1-D densities (Gaussian, uniform, mixture), seeded sampling, histogram and KDE estimates |
//! | [`minimax`] | the optimal discriminator `D*`, the value `V(G, D)`, `−ln 4 + 2·JSD`, vanishing gradients |
//! | [`metrics`] | mode coverage (modes covered, high-quality fraction, reverse KL), digit-classifier score |
//! | [`io`] | atomic file writes |
//! | [`parallel`] | a training step split across rayon's workers or serial, whichever is faster now |
//! | [`plot`] | PNG figures: loss curves, density panels, D(x) heatmaps, image grids |
//!
//! Every scalar routine is generic over [`Float`] (`f32` for training, `f64` for checks).

pub mod autograd;
pub mod datasets;
pub mod density;
pub mod divergence;
mod float;
pub mod gan;
pub mod io;
pub mod linalg;
pub mod metrics;
pub mod minimax;
pub mod mle;
pub mod nn;
#[cfg(doctest)]
mod notebooks;
pub mod optim;
pub mod parallel;
pub mod plot;

pub use float::Float;
