//! Gaussian kernel density estimation, with Silverman's rule-of-thumb bandwidth.

use rayon::prelude::*;

use super::check_samples;
use super::error::{positive, wide_enough, DensityError};
use super::moments::{mean, root_mean_square_deviation};

/// Silverman's rule-of-thumb bandwidth (Silverman 1986, *Density Estimation*, eq. 3.31;
/// the same formula as R's `bw.nrd0`):
///
/// ```text
/// h = 0.9 · min(σ̂, IQR/1.34) · n^(−1/5)
/// ```
/// where `σ̂` is the sample standard deviation (divisor `n − 1`), `IQR` the interquartile
/// range (quartiles by linear interpolation between order statistics, R's type 7) and `n`
/// the number of samples. When `IQR = 0` but `σ̂ > 0`, `σ̂` alone is used.
/// Notebook: `notebooks-md/05_minimax_value.md`.
///
/// # Errors
/// [`DensityError::NoSamples`] / [`DensityError::InvalidSample`]; [`DensityError::DegenerateSamples`]
/// for fewer than 2 samples or samples that are all equal (also `[f64::MAX, f64::MAX]`);
/// [`DensityError::SilvermanOutOfRange`] if the rule gives a bandwidth below
/// `f64::MIN_POSITIVE` (a subnormal spread) or beyond `f64::MAX`. The mean, `σ̂`, the
/// quartiles and `IQR/1.34` are formed without overflow, so `[−f64::MAX, f64::MAX]` has a
/// finite bandwidth.
///
/// # Examples
/// ```
/// use adversarial::density::silverman_bandwidth;
/// let samples: Vec<f64> = (1..=10).map(f64::from).collect();
/// // σ̂ = √(55/6) < IQR/1.34 = 4.5/1.34, so h = 0.9·√(55/6)·10^(−1/5).
/// let expected = 0.9 * (55.0f64 / 6.0).sqrt() * 10f64.powf(-0.2);
/// assert!((silverman_bandwidth(&samples).unwrap() - expected).abs() < 1e-15);
/// ```
pub fn silverman_bandwidth(samples: &[f64]) -> Result<f64, DensityError> {
    check_samples(samples)?;
    let n = samples.len();
    if n < 2 {
        return Err(DensityError::DegenerateSamples { count: n });
    }
    let count = n as f64;
    let mean = mean(samples);
    let std_dev = root_mean_square_deviation(samples, mean, count - 1.0);
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (lower, upper) = (quantile(&sorted, 0.25), quantile(&sorted, 0.75));
    let iqr_over_134 = if (upper - lower).is_finite() {
        (upper - lower) / 1.34
    } else {
        upper / 1.34 - lower / 1.34
    };
    let spread = if upper > lower {
        std_dev.min(iqr_over_134)
    } else {
        std_dev
    };
    if spread <= 0.0 {
        return Err(DensityError::DegenerateSamples { count: n });
    }
    let bandwidth = 0.9 * spread * count.powf(-0.2);
    if !(bandwidth.is_finite() && bandwidth >= f64::MIN_POSITIVE) {
        return Err(DensityError::SilvermanOutOfRange { bandwidth });
    }
    Ok(bandwidth)
}

/// The `probability`-quantile of sorted data, R's type 7: `x₍ⱼ₎ + f·(x₍ⱼ₊₁₎ − x₍ⱼ₎)` with
/// `j + f = (n − 1)·probability` (0-based order statistics), as `x₍ⱼ₎·(1 − f) + x₍ⱼ₊₁₎·f`
/// where the difference overflows.
fn quantile(sorted: &[f64], probability: f64) -> f64 {
    let position = (sorted.len() - 1) as f64 * probability;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    let fraction = position - below as f64;
    let (low, high) = (sorted[below], sorted[above]);
    if (high - low).is_finite() {
        low + fraction * (high - low)
    } else {
        low * (1.0 - fraction) + high * fraction
    }
}

/// Gaussian kernel density estimate at `points`, with Silverman's bandwidth
/// ([`silverman_bandwidth`]); see [`kde_with_bandwidth`] for the estimate.
///
/// # Errors
/// As [`silverman_bandwidth`] and [`kde_with_bandwidth`].
///
/// # Examples
/// ```
/// use adversarial::density::{kde, Density, Gaussian};
/// let samples = Gaussian::new(0.0, 1.0).unwrap().sample(10_000, 7);
/// let estimate = kde(&samples, &[0.0]).unwrap();
/// assert!((estimate[0] - 0.3989).abs() < 0.02);
/// ```
pub fn kde(samples: &[f64], points: &[f64]) -> Result<Vec<f64>, DensityError> {
    let bandwidth = silverman_bandwidth(samples)?;
    kde_with_bandwidth(samples, points, bandwidth)
}

/// Gaussian kernel density estimate at `points` with bandwidth `h`:
///
/// ```text
/// p̂(x) = (1/(n·h)) · Σᵢ φ((x − xᵢ)/h),   φ(z) = exp(−z²/2)/√(2π)
/// ```
/// where `xᵢ` are the `n` samples. `∫ p̂ = 1`; the integrated absolute error shrinks like
/// `n^(−2/5)` with a well-chosen `h`. The points are spread over rayon's threads, each
/// point summed by one thread in sample order, so the result is bit-identical for any
/// number of threads. Cost `O(n · points)`: 10,000 samples × 1,000 points is 10⁷ kernel
/// evaluations. Notebook: `notebooks-md/05_minimax_value.md` (estimating `p_G`).
///
/// # Errors
/// [`DensityError::NoSamples`] / [`DensityError::InvalidSample`]; [`DensityError::NotPositive`]
/// unless `bandwidth` is finite and `> 0`; [`DensityError::TooNarrow`] for a bandwidth below
/// `f64::MIN_POSITIVE` ≈ 2.2e-308 (the estimate at a sample, up to `1/(h·√(2π))`, would
/// overflow, and `(x − xᵢ)/h` be `0·∞`); [`DensityError::InvalidPoint`] for a NaN point
/// (`±∞` are allowed: the estimate there is 0).
pub fn kde_with_bandwidth(
    samples: &[f64],
    points: &[f64],
    bandwidth: f64,
) -> Result<Vec<f64>, DensityError> {
    check_samples(samples)?;
    let bandwidth = wide_enough("bandwidth", positive("bandwidth", bandwidth)?)?;
    if let Some(index) = points.iter().position(|x| x.is_nan()) {
        return Err(DensityError::InvalidPoint { index });
    }
    let inverse_bandwidth = 1.0 / bandwidth;
    let normaliser = 1.0 / (samples.len() as f64 * bandwidth * (2.0 * std::f64::consts::PI).sqrt());
    Ok(points
        .par_iter()
        .map(|&x| {
            let kernel_sum: f64 = samples
                .iter()
                .map(|&xi| {
                    let z = (x - xi) * inverse_bandwidth;
                    (-0.5 * z * z).exp()
                })
                .sum();
            kernel_sum * normaliser
        })
        .collect())
}
