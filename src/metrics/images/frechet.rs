//! The Fréchet distance between two Gaussians fitted to features: FID's formula (Heusel et al.
//! 2017, *GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium*;
//! the distance is Fréchet 1957 / Dowson & Landau 1982), here on the penultimate layer of the
//! crate's [`DigitClassifier`](crate::metrics::DigitClassifier) instead of Inception-v3's.
//!
//! ```text
//! d²(N(μ₁, Σ₁), N(μ₂, Σ₂)) = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2})
//! μ = (1/n) Σ_i φ_i,   Σ = (1/(n−1)) Σ_i (φ_i − μ)(φ_i − μ)ᵀ   (numpy.cov, as FID's code)
//! ```
//! `Tr M^{1/2} = Σ_i √λ_i(M)` for the PSD `M = Σ₁^{1/2} Σ₂ Σ₁^{1/2}`, both roots from
//! [`symmetric_eigen`]. When Σ₁ and Σ₂ commute (share eigenvectors) the trace term is
//! `Σ_i (√λ_i(Σ₁) − √λ_i(Σ₂))²`. The number is biased upward for finite n (Chong & Forsyth
//! 2020): compare it only at equal sample sizes, and beside the real-vs-real baseline.

use super::eigen::{sqrt_psd, symmetric_eigen};
use crate::metrics::error::check_finite;
use crate::metrics::MetricsError;
use crate::Float;
use ndarray::{Array1, Array2, ArrayView2, Axis};

/// A Gaussian `N(μ, Σ)` fitted to samples (one per row).
#[derive(Clone, Debug, PartialEq)]
pub struct GaussianFit {
    /// `μ`, the sample mean.
    pub mean: Array1<f64>,
    /// `Σ`, the unbiased sample covariance (divisor `n − 1`).
    pub covariance: Array2<f64>,
}

/// The sample mean and unbiased covariance of `samples` (n × d, n ≥ 2).
///
/// # Errors
/// [`MetricsError::Empty`] for fewer than two samples; [`MetricsError::NonFinite`] naming the
/// row of a NaN or infinite value.
pub fn fit_gaussian<T: Float>(samples: ArrayView2<'_, T>) -> Result<GaussianFit, MetricsError> {
    if samples.nrows() < 2 {
        let (argument, item) = ("samples", "pair of samples (a covariance needs n ≥ 2)");
        return Err(MetricsError::Empty { argument, item });
    }
    check_finite("samples", samples)?;
    let x = samples.mapv(|v| v.as_f64());
    let mean = x.mean_axis(Axis(0)).expect("n ≥ 2");
    let centred = &x - &mean.view().insert_axis(Axis(0));
    let covariance = centred.t().dot(&centred) / (x.nrows() - 1) as f64;
    Ok(GaussianFit { mean, covariance })
}

/// `d² = ‖μ₁ − μ₂‖² + Tr Σ₁ + Tr Σ₂ − 2 Tr (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}` (see the module doc).
///
/// # Panics
/// If the two Gaussians do not have the same dimension.
#[track_caller]
pub fn frechet_distance(first: &GaussianFit, second: &GaussianFit) -> f64 {
    assert_eq!(
        first.mean.len(),
        second.mean.len(),
        "frechet_distance: the Gaussians have dimensions {} and {}",
        first.mean.len(),
        second.mean.len()
    );
    let mean_term = (&first.mean - &second.mean).mapv(|d| d * d).sum();
    let root = sqrt_psd(&first.covariance);
    let mut product = root.dot(&second.covariance).dot(&root);
    // Symmetric in exact arithmetic; average the rounding away before the eigensolver checks it.
    product = (&product + &product.t()) / 2.0;
    let trace_of_root: f64 = symmetric_eigen(&product)
        .0
        .iter()
        .map(|&l| l.max(0.0).sqrt())
        .sum();
    let traces = first.covariance.diag().sum() + second.covariance.diag().sum();
    // d² ≥ 0 in exact arithmetic; clamp the rounding of two equal Gaussians (≈ −1e-13).
    (mean_term + traces - 2.0 * trace_of_root).max(0.0)
}

/// The Fréchet distance between Gaussians fitted to two sets of features (one per row).
///
/// # Errors
/// As [`fit_gaussian`], and [`MetricsError::WrongWidth`] if the widths differ.
pub fn frechet_distance_of_samples<T: Float>(
    first: ArrayView2<'_, T>,
    second: ArrayView2<'_, T>,
) -> Result<f64, MetricsError> {
    if first.ncols() != second.ncols() {
        return Err(MetricsError::WrongWidth {
            argument: "second",
            expected: first.ncols(),
            found: second.ncols(),
        });
    }
    Ok(frechet_distance(
        &fit_gaussian(first)?,
        &fit_gaussian(second)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn gaussian(mean: Array1<f64>, covariance: Array2<f64>) -> GaussianFit {
        GaussianFit { mean, covariance }
    }

    #[test]
    fn commuting_covariances_give_the_closed_form() {
        // Σ₁ = R diag(1, 4, 9) Rᵀ, Σ₂ = R diag(16, 1, 0.25) Rᵀ share eigenvectors:
        // d² = ‖μ₁ − μ₂‖² + (1 − 4)² + (2 − 1)² + (3 − 0.5)² = 9 + 9 + 1 + 6.25.
        let (c, s) = (0.6f64, 0.8f64);
        let r = array![[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]];
        let rotated = |d: Array1<f64>| r.dot(&Array2::from_diag(&d)).dot(&r.t());
        let first = gaussian(array![1.0, 2.0, 3.0], rotated(array![1.0, 4.0, 9.0]));
        let second = gaussian(array![1.0, 2.0, 0.0], rotated(array![16.0, 1.0, 0.25]));
        let d2 = frechet_distance(&first, &second);
        assert!((d2 - 25.25).abs() < 1e-12, "{d2}");
        assert!((frechet_distance(&second, &first) - 25.25).abs() < 1e-12);
        assert!(frechet_distance(&first, &first).abs() < 1e-12);
    }

    #[test]
    fn non_commuting_2x2_covariances_match_the_trace_identity() {
        // The eigenvalues of Σ₁^{1/2} Σ₂ Σ₁^{1/2} are those of Σ₁Σ₂, so for 2 × 2
        // Tr(·)^{1/2} = √(Tr(Σ₁Σ₂) + 2√(det Σ₁ det Σ₂)).
        let s1 = array![[2.0, 0.5], [0.5, 1.0]];
        let s2 = array![[1.0, -0.3], [-0.3, 3.0]];
        let det = |m: &Array2<f64>| m[[0, 0]] * m[[1, 1]] - m[[0, 1]] * m[[1, 0]];
        let cross = (s1.dot(&s2).diag().sum() + 2.0 * (det(&s1) * det(&s2)).sqrt()).sqrt();
        let expected = 0.25 + 1.0 + (3.0 + 4.0) - 2.0 * cross;
        let d2 = frechet_distance(
            &gaussian(array![0.5, 0.0], s1),
            &gaussian(array![0.0, 1.0], s2),
        );
        assert!((d2 - expected).abs() < 1e-13, "{d2} vs {expected}");
    }

    #[test]
    fn in_one_dimension_it_is_the_squared_difference_of_means_and_deviations() {
        // d² = (μ₁ − μ₂)² + (σ₁ − σ₂)², from samples whose moments are exact.
        let x = array![[1.0], [3.0]]; // mean 2, unbiased variance 2
        let y = array![[-1.0], [0.0], [1.0]]; // mean 0, unbiased variance 1
        let d2 = frechet_distance_of_samples(x.view(), y.view()).unwrap();
        let expected = 4.0 + (2f64.sqrt() - 1.0).powi(2);
        assert!((d2 - expected).abs() < 1e-14, "{d2}");
    }

    #[test]
    fn bad_samples_are_named() {
        let one = array![[1.0, 2.0]];
        assert!(matches!(
            fit_gaussian(one.view()),
            Err(MetricsError::Empty { .. })
        ));
        let nan = array![[1.0, 2.0], [f64::NAN, 0.0]];
        assert_eq!(
            fit_gaussian(nan.view()).unwrap_err().to_string(),
            "samples: row 1 holds NaN; values must be finite"
        );
        let narrow = array![[1.0], [2.0]];
        let wide = array![[1.0, 2.0], [3.0, 4.0]];
        assert!(matches!(
            frechet_distance_of_samples(wide.view(), narrow.view()),
            Err(MetricsError::WrongWidth { .. })
        ));
    }
}
