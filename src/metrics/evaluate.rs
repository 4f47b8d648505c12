//! How close a 1-D generator is to its data: moments, and `JS(p_data ‖ p_G)` with `p_G`
//! estimated from samples by a Gaussian KDE (`p_G` itself has no tractable density:
//! `p_G(x) = ∫ p_z(z)·I(G(z) = x) dz`, notebook `03_kl_divergence.md`).

use crate::density::{kde, Density, DensityError};
use crate::divergence::{js_divergence_density, DivergenceError, Grid};

/// Summary of 1-D generator samples against the data's density.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluation1d {
    /// Sample mean of G's samples.
    pub mean: f64,
    /// Sample standard deviation (divisor n) of G's samples.
    pub std_dev: f64,
    /// `JSD(p_data ‖ p̂_G)` in nats by Simpson quadrature on the grid, `p̂_G` the KDE.
    pub js_divergence: f64,
}

/// Why an evaluation failed (bad samples, or a grid the divergence rejects).
#[derive(Debug, thiserror::Error)]
pub enum EvaluationError {
    /// The samples cannot be estimated from (empty or non-finite).
    #[error(transparent)]
    Density(#[from] DensityError),
    /// The densities on the grid are not valid for the divergence.
    #[error(transparent)]
    Divergence(#[from] DivergenceError),
}

/// Moments of `samples` and `JSD(p_data ‖ p̂_G)` on `grid`, `p̂_G` a KDE of `samples`
/// (Silverman's bandwidth). The grid should hold (almost) all the mass of both densities.
///
/// # Errors
/// Empty or non-finite samples; a grid on which a density integrates to 0.
pub fn evaluate_1d(
    samples: &[f64],
    p_data: &impl Density,
    grid: &Grid,
) -> Result<Evaluation1d, EvaluationError> {
    let p_g = kde(samples, grid.points())?;
    let p = grid.evaluate(|x| p_data.pdf(x));
    let js_divergence = js_divergence_density(grid, &p, &p_g)?;
    let n = samples.len() as f64;
    let mean = samples.iter().sum::<f64>() / n;
    let std_dev = (samples.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
    Ok(Evaluation1d {
        mean,
        std_dev,
        js_divergence,
    })
}
