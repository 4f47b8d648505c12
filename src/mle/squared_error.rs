//! The mean squared error is the Gaussian negative log-likelihood up to a constant: "均方误差就是
//! 定义在经验分布和高斯模型之间的交叉熵" (the seed's KL散度 section).
//!
//! Notebook: `notebooks-md/02_maximum_likelihood.md` (section "Mean squared error is a Gaussian
//! negative log-likelihood").

use super::error::{check_nonempty, check_parameter, check_positive, MleError};
use super::likelihood::LN_SQRT_TAU;
use crate::divergence::ratio_of_difference;

/// The mean squared error of the samples about `mu`:
///
/// ```text
/// MSE(μ) = (1/m) Σ_{i=1}^m (x_i − μ)²
/// ```
/// where `x_1 … x_m` are the samples.
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Errors
/// [`MleError::Empty`] or [`MleError::NonFinite`] for bad samples;
/// [`MleError::NonFiniteParameter`] if `mu` is not finite.
pub fn mean_squared_error(samples: &[f64], mu: f64) -> Result<f64, MleError> {
    check_nonempty(samples, "samples")?;
    check_parameter(mu, "mu")?;
    Ok(samples.iter().map(|x| (x - mu) * (x - mu)).sum::<f64>() / samples.len() as f64)
}

/// The Gaussian negative log-likelihood, written through the squared error:
///
/// ```text
/// −ℓ(μ, σ) = −Σ_i log N(x_i; μ, σ²) = (1/2σ²)·Σ_i (x_i − μ)² + m·ln(σ·√(2π))
///          = (m/2σ²)·MSE(μ) + m·ln(σ·√(2π))
/// ```
/// where `σ` is fixed. For a fixed σ the second term is a constant and the first is the
/// MSE times a positive constant, so minimising the MSE over μ (least squares) is
/// maximising the Gaussian likelihood: the same μ, the sample mean.
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Errors
/// As [`mean_squared_error`]; [`MleError::NotPositive`] unless `sigma` is finite and `> 0`.
/// `MSE/σ²` is formed as `(MSE/σ)/σ` (and from `((x − μ)/σ)²` where the MSE over- or
/// underflows), so
/// the value matches [`gaussian_log_likelihood`](super::gaussian_log_likelihood) for any
/// positive σ, `1e-200` included.
///
/// # Examples
/// ```
/// use adversarial::mle::{gaussian_log_likelihood, gaussian_negative_log_likelihood_via_squared_error};
/// let samples = [0.2, -0.4, 1.5];
/// let via_mse = gaussian_negative_log_likelihood_via_squared_error(&samples, 0.3, 0.8)?;
/// let direct = -gaussian_log_likelihood(&samples, 0.3, 0.8)?;
/// assert!((via_mse - direct).abs() < 1e-12);
/// # Ok::<(), adversarial::mle::MleError>(())
/// ```
pub fn gaussian_negative_log_likelihood_via_squared_error(
    samples: &[f64],
    mu: f64,
    sigma: f64,
) -> Result<f64, MleError> {
    let mse = mean_squared_error(samples, mu)?;
    check_positive(sigma, "sigma")?;
    let m = samples.len() as f64;
    // MSE/σ² as (MSE/σ)/σ: σ² underflows to 0 for σ = 1e-200 (0/0 for an MSE of 0). Where the
    // MSE itself overflows or underflows (squares of 1e-310), mean(((x − μ)/σ)²) is the same
    // number without it.
    let mse_over_variance = if mse.is_normal() || samples.iter().all(|&x| x == mu) {
        mse / sigma / sigma
    } else {
        samples
            .iter()
            .map(|&x| ratio_of_difference(x, mu, sigma).powi(2))
            .sum::<f64>()
            / m
    };
    Ok(m * mse_over_variance / 2.0 + m * (sigma.ln() + LN_SQRT_TAU))
}

#[cfg(test)]
mod tests {
    use super::super::gaussian_log_likelihood;
    use super::*;

    #[test]
    fn mse_matches_a_hand_value() {
        // About 1: squares 1, 0, 4 → 5/3.
        assert!((mean_squared_error(&[0.0, 1.0, 3.0], 1.0).unwrap() - 5.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn nll_equals_the_sum_of_per_sample_gaussian_log_densities() {
        let samples = [0.3, -1.2, 2.0, 0.7, -0.1, 1.1];
        for (mu, sigma) in [(0.0, 1.0), (0.45, 0.2), (-3.0, 7.5)] {
            let via =
                gaussian_negative_log_likelihood_via_squared_error(&samples, mu, sigma).unwrap();
            let direct = -gaussian_log_likelihood(&samples, mu, sigma).unwrap();
            assert!(
                (via - direct).abs() < 1e-12 * direct.abs().max(1.0),
                "μ = {mu}, σ = {sigma}"
            );
        }
    }

    #[test]
    fn errors_name_the_argument() {
        let err =
            gaussian_negative_log_likelihood_via_squared_error(&[1.0], 0.0, -1.0).unwrap_err();
        assert_eq!(
            err,
            MleError::NotPositive {
                argument: "sigma",
                value: -1.0
            }
        );
        assert_eq!(
            mean_squared_error(&[], 0.0).unwrap_err(),
            MleError::Empty {
                argument: "samples"
            }
        );
    }
}
