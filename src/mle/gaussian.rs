//! The Gaussian maximum-likelihood estimate in closed form: the sample mean and the biased
//! (divide-by-m) sample variance.
//!
//! Notebook: `notebooks-md/02_maximum_likelihood.md` (section "Closed form").

use super::error::{check_nonempty, MleError};
use crate::density::moments::{mean, root_mean_square_deviation};

/// A fitted Gaussian `N(μ, σ²)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GaussianFit {
    /// The mean `μ`.
    pub mu: f64,
    /// The standard deviation `σ ≥ 0`.
    pub sigma: f64,
}

impl GaussianFit {
    /// The variance `σ²`.
    pub fn variance(&self) -> f64 {
        self.sigma * self.sigma
    }
}

/// The maximum-likelihood Gaussian of the samples, in closed form:
///
/// ```text
/// μ_ML  = (1/m) Σ_i x_i
/// σ²_ML = (1/m) Σ_i (x_i − μ_ML)²          (biased: divides by m, not m − 1)
/// ```
/// where `x_1 … x_m` are the samples. Both follow from setting the gradient of the
/// log-likelihood `−(1/2σ²)Σ(x_i − μ)² − m·ln σ − m·ln √(2π)` to zero:
/// `∂/∂μ = Σ(x_i − μ)/σ² = 0` and `∂/∂σ = Σ(x_i − μ)²/σ³ − m/σ = 0`.
/// When all samples are equal, `σ_ML = 0` (the likelihood grows without bound as σ → 0).
///
/// Computed in two passes (the mean, then the squared deviations from it), which keeps the
/// variance accurate when the mean is large compared with the spread; where a sum overflows
/// or the squares underflow the terms are rescaled, so `μ` and `σ` are finite and accurate
/// for any finite samples (`[1e308, 1e308]` gives `μ = 1e308, σ = 0`; `[1e-200, −1e-200]`
/// gives `σ = 1e-200`).
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Errors
/// [`MleError::Empty`] for no samples; [`MleError::NonFinite`] naming the index of a NaN
/// or infinite sample.
///
/// # Examples
/// ```
/// use adversarial::mle::gaussian_mle;
/// let fit = gaussian_mle(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])?;
/// assert_eq!((fit.mu, fit.sigma), (5.0, 2.0));
/// # Ok::<(), adversarial::mle::MleError>(())
/// ```
pub fn gaussian_mle(samples: &[f64]) -> Result<GaussianFit, MleError> {
    check_nonempty(samples, "samples")?;
    let m = samples.len() as f64;
    let mu = mean(samples);
    Ok(GaussianFit {
        mu,
        sigma: root_mean_square_deviation(samples, mu, m),
    })
}

#[cfg(test)]
mod tests {
    use super::super::gaussian_log_likelihood;
    use super::*;

    #[test]
    fn is_the_mean_and_the_biased_variance() {
        // Σx = 10, mean 2.5; deviations −1.5, −0.5, 0.5, 1.5 → Σ squares 5, biased variance 5/4.
        let fit = gaussian_mle(&[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert_eq!(fit.mu, 2.5);
        assert_eq!(fit.sigma, 1.25f64.sqrt());
        assert!((fit.variance() - 1.25).abs() < 1e-15);
    }

    #[test]
    fn maximises_the_log_likelihood_against_nearby_parameters() {
        let samples = [0.3, -1.2, 2.0, 0.7, -0.1, 1.1];
        let fit = gaussian_mle(&samples).unwrap();
        let best = gaussian_log_likelihood(&samples, fit.mu, fit.sigma).unwrap();
        for (dmu, scale) in [
            (1e-3, 1.0),
            (-1e-3, 1.0),
            (0.0, 1.001),
            (0.0, 0.999),
            (0.01, 1.01),
        ] {
            let other = gaussian_log_likelihood(&samples, fit.mu + dmu, fit.sigma * scale).unwrap();
            assert!(other < best, "({dmu}, {scale}): {other} ≥ {best}");
        }
    }

    #[test]
    fn stays_accurate_far_from_zero() {
        // A one-pass Σx² − m·μ² loses every digit here; two passes keep them.
        let samples = [1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0];
        let fit = gaussian_mle(&samples).unwrap();
        assert_eq!(fit.mu, 1e9 + 2.0);
        assert!((fit.variance() - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn equal_samples_give_zero_sigma_and_no_samples_is_an_error() {
        assert_eq!(
            gaussian_mle(&[3.0, 3.0]).unwrap(),
            GaussianFit {
                mu: 3.0,
                sigma: 0.0
            }
        );
        assert_eq!(
            gaussian_mle(&[]).unwrap_err(),
            MleError::Empty {
                argument: "samples"
            }
        );
    }
}
