//! The likelihood `L(θ) = Π p(x_i; θ)` and the log-likelihood `Σ log p(x_i; θ)`, and why the
//! second one is the one computed: the product of thousands of densities below 1 underflows.
//!
//! Notebook: `notebooks-md/02_maximum_likelihood.md` (section "The product underflows").

use super::error::{check_finite, check_parameter, check_positive, MleError};

/// `ln √(2π)`, the constant of the Gaussian log-density.
pub(super) const LN_SQRT_TAU: f64 = 0.918_938_533_204_672_8;

/// The likelihood of the samples, a product of densities:
///
/// ```text
/// L(θ) = Π_{i=1}^m p(x_i; θ)
/// ```
/// where `pdf(x) = p(x; θ)` for a fixed `θ`. Multiplied left to right in `f64`: a few
/// hundred densities below 1 underflow to exactly `0.0` (see [`first_underflow`]), which
/// is why [`log_likelihood`] is what estimators maximise. An empty product is `1`.
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Examples
/// ```
/// use adversarial::mle::likelihood_product;
/// // Uniform density 1/2 on [0, 2]: L = (1/2)³.
/// assert_eq!(likelihood_product(&[0.5, 1.0, 1.5], |_| 0.5), 0.125);
/// ```
pub fn likelihood_product(samples: &[f64], pdf: impl Fn(f64) -> f64) -> f64 {
    samples.iter().map(|&x| pdf(x)).product()
}

/// The log-likelihood of the samples, a sum of log-densities:
///
/// ```text
/// ℓ(θ) = log L(θ) = Σ_{i=1}^m log p(x_i; θ)
/// ```
/// where `log_pdf(x) = log p(x; θ)` (natural log) for a fixed `θ`. The logarithm is
/// increasing, so `argmax ℓ = argmax L`, and the sum stays finite where the product
/// underflows. An empty sum is `0`.
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Examples
/// ```
/// use adversarial::mle::log_likelihood;
/// // Uniform density 1/2 on [0, 2]: ℓ = 3·ln(1/2).
/// let ell = log_likelihood(&[0.5, 1.0, 1.5], |_| 0.5f64.ln());
/// assert!((ell - 3.0 * 0.5f64.ln()).abs() < 1e-15);
/// ```
pub fn log_likelihood(samples: &[f64], log_pdf: impl Fn(f64) -> f64) -> f64 {
    samples.iter().map(|&x| log_pdf(x)).sum()
}

/// The number of samples `m` at which the running product `Π_{i=1}^m p(x_i)` of
/// [`likelihood_product`] first equals `0.0` in `f64`, or `None` if it never does.
///
/// ```text
/// first_underflow = min { m : Π_{i=1}^m pdf(x_i) == 0.0 }
/// ```
/// For standard-normal samples `E[log p(x)] = −½ ln(2π) − ½ ≈ −1.419` nats, and the
/// smallest positive `f64` is `2^−1074 ≈ e^−744.4`, so the product dies after about
/// `744.4 / 1.419 ≈ 525` samples.
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Examples
/// ```
/// use adversarial::mle::first_underflow;
/// // 0.5^1074 is the smallest subnormal f64; 0.5^1075 rounds to zero.
/// assert_eq!(first_underflow(&[0.0; 2000], |_| 0.5), Some(1075));
/// assert_eq!(first_underflow(&[0.0; 1074], |_| 0.5), None);
/// ```
pub fn first_underflow(samples: &[f64], pdf: impl Fn(f64) -> f64) -> Option<usize> {
    let mut product = 1.0;
    for (i, &x) in samples.iter().enumerate() {
        product *= pdf(x);
        if product == 0.0 {
            return Some(i + 1);
        }
    }
    None
}

/// The log-likelihood of the samples under the Gaussian `N(μ, σ²)`:
///
/// ```text
/// ℓ(μ, σ) = Σ_{i=1}^m log N(x_i; μ, σ²) = −(1/2σ²)·Σ_i (x_i − μ)² − m·ln(σ·√(2π))
/// ```
/// where `μ` is the mean and `σ` the standard deviation.
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Errors
/// [`MleError::NonFinite`] naming the index of a NaN or infinite sample;
/// [`MleError::NonFiniteParameter`] if `mu` is not finite; [`MleError::NotPositive`]
/// unless `sigma` is finite and `> 0`.
///
/// # Examples
/// ```
/// use adversarial::mle::gaussian_log_likelihood;
/// // One sample at the mean of N(0, 1): log(1/√(2π)).
/// let ell = gaussian_log_likelihood(&[0.0], 0.0, 1.0)?;
/// assert!((ell + 0.5 * (2.0 * std::f64::consts::PI).ln()).abs() < 1e-15);
/// # Ok::<(), adversarial::mle::MleError>(())
/// ```
pub fn gaussian_log_likelihood(samples: &[f64], mu: f64, sigma: f64) -> Result<f64, MleError> {
    check_finite(samples, "samples")?;
    check_parameter(mu, "mu")?;
    check_positive(sigma, "sigma")?;
    Ok(log_likelihood(samples, |x| gaussian_log_pdf(x, mu, sigma)))
}

/// `log N(x; μ, σ²) = −(x − μ)²/(2σ²) − ln σ − ln √(2π)`. Private: the `density` module
/// owns densities; this is the one the estimators here need.
pub(super) fn gaussian_log_pdf(x: f64, mu: f64, sigma: f64) -> f64 {
    let z = crate::divergence::ratio_of_difference(x, mu, sigma);
    -0.5 * z * z - sigma.ln() - LN_SQRT_TAU
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    #[test]
    fn the_log_pdf_constant_is_ln_sqrt_two_pi() {
        assert!((LN_SQRT_TAU - (2.0 * PI).sqrt().ln()).abs() <= f64::EPSILON);
    }

    #[test]
    fn the_log_pdf_matches_the_density_formula() {
        // (x, μ, σ) → ln( exp(−(x−μ)²/2σ²) / (σ√(2π)) ), the textbook form.
        for (x, mu, sigma) in [
            (0.0, 0.0, 1.0),
            (1.0, 0.0, 1.0),
            (-3.5, 2.0, 0.5),
            (10.0, 9.0, 4.0),
        ] {
            let z: f64 = (x - mu) / sigma;
            let pdf = (-z * z / 2.0).exp() / (sigma * (2.0 * PI).sqrt());
            assert!(
                (gaussian_log_pdf(x, mu, sigma) - pdf.ln()).abs() < 1e-14,
                "x = {x}"
            );
        }
    }

    #[test]
    fn the_log_of_the_product_is_the_sum_of_logs_while_nothing_underflows() {
        let samples = [0.3, -1.2, 2.0, 0.7, -0.1];
        let product = likelihood_product(&samples, |x| gaussian_log_pdf(x, 0.5, 1.5).exp());
        let sum = log_likelihood(&samples, |x| gaussian_log_pdf(x, 0.5, 1.5));
        assert!((product.ln() - sum).abs() < 1e-13);
    }

    #[test]
    fn empty_product_is_one_and_empty_sum_is_zero() {
        assert_eq!(likelihood_product(&[], |_| 0.1), 1.0);
        assert_eq!(log_likelihood(&[], |_| -2.0), 0.0);
        assert_eq!(first_underflow(&[], |_| 0.1), None);
    }

    #[test]
    fn bad_parameters_are_errors_that_name_the_argument() {
        let err = gaussian_log_likelihood(&[1.0], 0.0, 0.0).unwrap_err();
        assert_eq!(
            err,
            MleError::NotPositive {
                argument: "sigma",
                value: 0.0
            }
        );
        assert_eq!(err.to_string(), "`sigma` is 0: it must be finite and > 0");
        let err = gaussian_log_likelihood(&[1.0, f64::NAN], 0.0, 1.0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`samples[1]` is NaN: every value must be finite"
        );
        let err = gaussian_log_likelihood(&[1.0], f64::INFINITY, 1.0).unwrap_err();
        assert_eq!(
            err,
            MleError::NonFiniteParameter {
                argument: "mu",
                value: f64::INFINITY
            }
        );
    }
}
