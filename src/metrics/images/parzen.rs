//! The Parzen-window log-likelihood of Goodfellow et al. 2014 (*Generative Adversarial Nets*,
//! §5 and Table 1; after Breuleux, Bengio & Vincent 2011): a Gaussian kernel density fitted to
//! generated samples, evaluated on held-out real images.
//!
//! ```text
//! p̂_σ(x) = (1/m) Σ_{i=1}^m N(x; μ_i, σ² I)               μ_i the m kernel centres (samples of G)
//! ln p̂_σ(x) = LSE_i(−‖x − μ_i‖² / 2σ²) − ln m − (d/2) ln(2πσ²)
//! LSE_i(a_i) = a* + ln Σ_i e^{a_i − a*},  a* = max_i a_i      (no underflow: the largest term is 1)
//! σ* = argmax_{σ ∈ logspace(−1, 0, 10)} mean_{x ∈ validation} ln p̂_σ(x)
//! score = mean ± standard error of ln p̂_σ*(x) over the test images
//! ```
//! The paper reports 225 ± 2 nats for its GAN on MNIST (pixels in `[0, 1]`, d = 784).
//!
//! **Theis, van den Oord & Bethge 2016** (*A note on the evaluation of generative models*, §3.2)
//! warn that this estimate misleads: in 784 dimensions even 10⁷ kernel centres leave it far from
//! the true log-likelihood, a k-means "model" that memorises 10,000 centres beats the true data
//! distribution's estimate, and the ranking of models it gives need not follow sample quality or
//! the likelihood. Report it for comparison with the 2014 table, beside the same estimate of
//! real data under real data, and draw no conclusion from it alone.

use super::distances::squared_distances;
use crate::metrics::error::check_finite;
use crate::metrics::MetricsError;
use crate::Float;
use ndarray::{Array1, ArrayView2};

/// `σ ∈ logspace(−1, 0, 10) = 10^{−1 + i/9}`, `i = 0 … 9`: the grid Goodfellow et al. searched.
pub fn goodfellow_sigmas() -> Vec<f64> {
    (0..10)
        .map(|i| 10f64.powf(-1.0 + f64::from(i) / 9.0))
        .collect()
}

/// `ln p̂_σ(x)` for every row `x` of `points` under the kernels centred on the rows of
/// `centres`, by the log-sum-exp above.
///
/// # Errors
/// [`MetricsError::Empty`] for no centre or no point; [`MetricsError::WrongWidth`];
/// [`MetricsError::NonFinite`]; [`MetricsError::InvalidParameter`] unless `σ` is finite and > 0.
pub fn parzen_log_densities<T: Float>(
    centres: ArrayView2<'_, T>,
    points: ArrayView2<'_, T>,
    sigma: f64,
) -> Result<Array1<f64>, MetricsError> {
    let d = check(centres, points)?;
    log_densities_from(&d, centres.ncols(), sigma)
}

/// The score of the module doc: σ chosen on `validation`, then the mean and standard error of
/// `ln p̂_σ` over `test`, with the kernels on the rows of `centres`.
///
/// # Errors
/// As [`parzen_log_densities`] for both sets; [`MetricsError::Empty`] for no σ, and
/// [`MetricsError::InvalidParameter`] for a σ that is not finite and > 0.
pub fn parzen_window_score<T: Float>(
    centres: ArrayView2<'_, T>,
    validation: ArrayView2<'_, T>,
    test: ArrayView2<'_, T>,
    sigmas: &[f64],
) -> Result<ParzenScore, MetricsError> {
    if sigmas.is_empty() {
        let (argument, item) = ("sigmas", "kernel width");
        return Err(MetricsError::Empty { argument, item });
    }
    let dimension = centres.ncols();
    let validation_distances = check(centres, validation)?;
    let mut best = (f64::NEG_INFINITY, sigmas[0]);
    for &sigma in sigmas {
        let mean = log_densities_from(&validation_distances, dimension, sigma)?
            .mean()
            .expect("validation is not empty");
        if mean > best.0 {
            best = (mean, sigma);
        }
    }
    let sigma = best.1;
    let test_log_densities = log_densities_from(&check(centres, test)?, dimension, sigma)?;
    let n = test_log_densities.len() as f64;
    let mean = test_log_densities.mean().expect("test is not empty");
    let variance = if n > 1.0 {
        test_log_densities.mapv(|l| (l - mean).powi(2)).sum() / (n - 1.0)
    } else {
        0.0
    };
    Ok(ParzenScore {
        sigma,
        validation_mean: best.0,
        mean,
        standard_error: (variance / n).sqrt(),
    })
}

/// A Parzen-window score: the chosen σ and the test log-likelihood in nats.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParzenScore {
    /// The kernel width chosen on the validation set.
    pub sigma: f64,
    /// Mean `ln p̂_σ` over the validation set at that σ.
    pub validation_mean: f64,
    /// Mean `ln p̂_σ` over the test set.
    pub mean: f64,
    /// Its standard error, `s / √n`.
    pub standard_error: f64,
}

/// The squared distances points × centres, after checking both sets.
fn check<T: Float>(
    centres: ArrayView2<'_, T>,
    points: ArrayView2<'_, T>,
) -> Result<ndarray::Array2<f64>, MetricsError> {
    for (argument, set) in [("centres", centres), ("points", points)] {
        if set.nrows() == 0 {
            return Err(MetricsError::Empty {
                argument,
                item: "sample",
            });
        }
        check_finite(argument, set)?;
    }
    if points.ncols() != centres.ncols() {
        return Err(MetricsError::WrongWidth {
            argument: "points",
            expected: centres.ncols(),
            found: points.ncols(),
        });
    }
    let as_f64 = |a: ArrayView2<'_, T>| a.mapv(|v| v.as_f64());
    Ok(squared_distances(
        as_f64(points).view(),
        as_f64(centres).view(),
    ))
}

/// `ln p̂_σ` of each row of `squared` (points × centres squared distances) in `dimension` d.
fn log_densities_from(
    squared: &ndarray::Array2<f64>,
    dimension: usize,
    sigma: f64,
) -> Result<Array1<f64>, MetricsError> {
    if !(sigma.is_finite() && sigma > 0.0) {
        return Err(MetricsError::InvalidParameter {
            argument: "sigma",
            value: sigma,
            reason: "the kernel width must be finite and > 0",
        });
    }
    let m = squared.ncols() as f64;
    let normaliser =
        m.ln() + 0.5 * dimension as f64 * (2.0 * std::f64::consts::PI * sigma * sigma).ln();
    let scale = -0.5 / (sigma * sigma);
    Ok(squared.map_axis(ndarray::Axis(1), |row| {
        let largest = row.fold(f64::NEG_INFINITY, |a, &d| a.max(scale * d));
        let sum: f64 = row.iter().map(|&d| (scale * d - largest).exp()).sum();
        largest + sum.ln() - normaliser
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn one_centre_gives_the_gaussian_log_density() {
        // ln N(x; μ, σ²I) = −‖x − μ‖²/2σ² − (d/2) ln(2πσ²), here d = 3, σ = 0.5, ‖x − μ‖² = 1.5.
        let centre = array![[0.2, -0.4, 1.0]];
        let points = array![[0.2, -0.4, 1.0], [1.2, 0.1, 1.5]];
        let l = parzen_log_densities(centre.view(), points.view(), 0.5).unwrap();
        let constant = -1.5 * (2.0 * std::f64::consts::PI * 0.25).ln();
        assert!((l[0] - constant).abs() < 1e-14);
        assert!((l[1] - (-1.5 / 0.5 + constant)).abs() < 1e-14);
    }

    #[test]
    fn the_log_sum_exp_is_the_log_of_the_mixture_and_survives_far_points() {
        // Two centres in 1-D: p̂(x) = ½N(x; 0, σ²) + ½N(x; 1, σ²), computed directly.
        let centres = array![[0.0], [1.0]];
        let sigma = 0.3;
        let normal = |x: f64, mu: f64| {
            (-(x - mu).powi(2) / (2.0 * sigma * sigma)).exp()
                / (2.0 * std::f64::consts::PI * sigma * sigma).sqrt()
        };
        let points = array![[0.4], [-0.2]];
        let l = parzen_log_densities(centres.view(), points.view(), sigma).unwrap();
        for (i, x) in [0.4, -0.2].into_iter().enumerate() {
            let direct = (0.5 * normal(x, 0.0) + 0.5 * normal(x, 1.0)).ln();
            assert!((l[i] - direct).abs() < 1e-14, "{} vs {direct}", l[i]);
        }
        // x = 100: e^{−100²/0.18} underflows to 0, the log-sum-exp does not.
        let far = parzen_log_densities(centres.view(), array![[100.0]].view(), sigma).unwrap();
        let nearest = -(99.0f64).powi(2) / (2.0 * sigma * sigma)
            - 0.5 * (2.0 * std::f64::consts::PI * sigma * sigma).ln();
        // ln(½e^{a} + ½e^{b}) with b ≪ a is a − ln 2 to within e^{b − a}.
        assert!((far[0] - (nearest - 2f64.ln())).abs() < 1e-9, "{}", far[0]);
    }

    #[test]
    fn sigma_is_chosen_on_validation_and_the_test_score_has_its_standard_error() {
        // Centres at 0 and 10, validation points at 0.3 and 10.3 (best σ: the one nearest 0.3),
        // test points at 0 and 10: under σ the two log-densities are equal (symmetry, up to the
        // other centre's e^{−50/σ²} share), so the standard error is ≈ 0.
        let centres = array![[0.0], [10.0]];
        let validation = array![[0.3], [10.3]];
        let test = array![[0.0], [10.0]];
        let sigmas = goodfellow_sigmas();
        let score =
            parzen_window_score(centres.view(), validation.view(), test.view(), &sigmas).unwrap();
        // Mean validation log-density ≈ −0.09/2σ² − ln 2 − ½ ln(2πσ²), maximal at σ = 0.3;
        // the grid's nearest is 10^{−4/9} ≈ 0.359 (ratio 1.20) against 10^{−5/9} ≈ 0.278.
        let f = |s: f64| -0.09 / (2.0 * s * s) - 0.5 * (2.0 * std::f64::consts::PI * s * s).ln();
        let best = sigmas
            .iter()
            .copied()
            .max_by(|a, b| f(*a).total_cmp(&f(*b)))
            .unwrap();
        assert_eq!(score.sigma, best);
        let expected = -(2f64.ln()) - 0.5 * (2.0 * std::f64::consts::PI * best * best).ln();
        assert!((score.mean - expected).abs() < 1e-12);
        assert!(score.standard_error < 1e-12);
        assert_eq!(sigmas.len(), 10);
        assert!((sigmas[0] - 0.1).abs() < 1e-16 && (sigmas[9] - 1.0).abs() < 1e-15);
    }

    #[test]
    fn a_bad_sigma_is_refused() {
        let a = array![[0.0]];
        let error = parzen_log_densities(a.view(), a.view(), 0.0).unwrap_err();
        assert!(error.to_string().starts_with("sigma = 0:"), "{error}");
    }
}
