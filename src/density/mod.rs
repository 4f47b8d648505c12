//! One-dimensional densities, seeded sampling, and estimates of a density from samples.
//!
//! ```text
//! Gaussian   N(x; μ, σ²) = exp(−(x − μ)²/(2σ²)) / (σ·√(2π)),   F(x) = Φ((x − μ)/σ)
//! Uniform    U(x; a, b)  = 1/(b − a) on [a, b], 0 elsewhere
//! Mixture    p(x)        = Σₖ wₖ·pₖ(x),   Σₖ wₖ = 1
//! histogram  p̂(x)        = (count in the bin of x) / (n·bin width)
//! KDE        p̂(x)        = (1/(n·h))·Σᵢ φ((x − xᵢ)/h)
//! G(z)       p_G(x)      = p_prior(G⁻¹(x)) / G′(G⁻¹(x))   (G increasing, z ∼ p_prior)
//! ```
//! These are the `p_data` of the 1-D experiments and the way `p_G` is recovered from a
//! generator's samples, since `p_G(x) = ∫ p_prior(z)·I(G(z) = x) dz` has no tractable form
//! (`notebooks-md/03_kl_divergence.md`, `notebooks-md/05_minimax_value.md`).
//!
//! Every random draw takes a seed: [`Density::sample`] seeds a `StdRng` with
//! `StdRng::seed_from_u64(seed)`, so the same seed gives the same samples.

mod error;
mod gaussian;
mod histogram;
mod kde;
mod mixture;
pub(crate) mod moments;
mod pushforward;
mod uniform;

use ndarray_rand::rand::rngs::StdRng;
use ndarray_rand::rand::{Rng, SeedableRng};

pub use error::DensityError;
pub use gaussian::{standard_normal_cdf, Gaussian};
pub use histogram::Histogram;
pub use kde::{kde, kde_with_bandwidth, silverman_bandwidth};
pub use mixture::Mixture;
pub use pushforward::pushforward_density;
pub use uniform::Uniform;

/// A probability density on the real line that can be evaluated and sampled.
pub trait Density {
    /// The density `p(x)`.
    fn pdf(&self, x: f64) -> f64;

    /// The mean `E[X] = ∫ x·p(x) dx`.
    fn mean(&self) -> f64;

    /// The variance `Var[X] = E[(X − E[X])²]`.
    fn variance(&self) -> f64;

    /// One draw `X ∼ p` from `rng`.
    fn sample_with<R: Rng + ?Sized>(&self, rng: &mut R) -> f64;

    /// `n` independent draws from a `StdRng` seeded with `seed`.
    fn sample(&self, n: usize, seed: u64) -> Vec<f64> {
        let mut rng = StdRng::seed_from_u64(seed);
        (0..n).map(|_| self.sample_with(&mut rng)).collect()
    }
}

/// Checks that every sample is finite.
fn check_samples(samples: &[f64]) -> Result<(), DensityError> {
    if samples.is_empty() {
        return Err(DensityError::NoSamples);
    }
    match samples.iter().position(|x| !x.is_finite()) {
        Some(index) => Err(DensityError::InvalidSample {
            index,
            value: samples[index],
        }),
        None => Ok(()),
    }
}
