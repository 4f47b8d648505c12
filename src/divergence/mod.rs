//! Information measures between distributions: entropy, cross-entropy, KL and JS divergence.
//!
//! ```text
//! H(p)         = −Σᵢ pᵢ·ln pᵢ
//! H(p, q)      = −Σᵢ pᵢ·ln qᵢ = H(p) + D_KL(p ‖ q)
//! D_KL(p ‖ q)  =  Σᵢ pᵢ·ln(pᵢ/qᵢ) = E_{x∼p}[ln p(x) − ln q(x)]
//! JSD(p ‖ q)   = ½·D_KL(p ‖ m) + ½·D_KL(q ‖ m),   m = (p + q)/2,   0 ≤ JSD ≤ ln 2
//! W₁(u, v)     = ∫ |F_u(x) − F_v(x)| dx          (the earth mover's distance on the line)
//! ```
//! All in nats (natural log); the `_bits` variants divide by `ln 2`. Maximum likelihood
//! minimises `D_KL(p̂_data ‖ p_model)`, equivalently the cross-entropy
//! (`notebooks-md/03_kl_divergence.md`); the GAN value at the optimal discriminator is
//! `−ln 4 + 2·JSD(p_data ‖ p_G)` (`notebooks-md/04_js_divergence.md`, [`crate::minimax`]).
//!
//! Discrete distributions are `&[f64]` slices (an `Array1` passes `.as_slice()`); densities
//! are their values at the points of a [`Grid`], integrated with Simpson's rule.
//!
//! Conventions: `0·ln 0 = 0` and `0·ln(0/q) = 0`; `D_KL = +∞` and `H(p, q) = +∞` where
//! `qᵢ = 0 < pᵢ`; JSD is always finite. No function returns NaN or panics on bad input:
//! it returns a [`DivergenceError`] naming the argument, the index and the value.

mod closest;
mod continuous;
mod discrete;
mod error;
mod grid;
mod sum;
mod terms;
mod wasserstein;

pub use closest::{closest_gaussian, ClosestGaussian, KlDirection};
pub(crate) use continuous::ratio_of_difference;
pub use continuous::{js_divergence_density, kl_divergence_density, kl_gaussian};
pub use discrete::{
    cross_entropy, cross_entropy_bits, entropy, entropy_bits, js_divergence, js_divergence_bits,
    kl_divergence, kl_divergence_bits,
};
pub(crate) use error::check_density;
pub use error::{DivergenceError, SUM_TOLERANCE_PER_ENTRY};
pub use grid::Grid;
pub use wasserstein::{wasserstein2_gaussian, wasserstein_1d, wasserstein_1d_density};
