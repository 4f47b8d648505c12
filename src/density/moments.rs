//! The sample mean and the root-mean-square deviation, formed so that neither overflows nor
//! underflows where the true value is a finite `f64`: shared by Silverman's bandwidth and the
//! Gaussian maximum-likelihood estimate (`crate::mle::gaussian_mle`).

/// `μ = (1/m)·Σᵢ xᵢ` for finite samples; when `Σᵢ xᵢ` overflows, `Σᵢ (xᵢ/m)` instead (each term
/// and the sum are then at most `max |xᵢ|`). `NaN` for no samples: callers check first.
pub(crate) fn mean(samples: &[f64]) -> f64 {
    let m = samples.len() as f64;
    let sum: f64 = samples.iter().sum();
    if sum.is_finite() {
        sum / m
    } else {
        samples.iter().map(|x| x / m).sum()
    }
}

/// `√(Σᵢ (xᵢ − μ)² / divisor)` for finite samples and a finite `mean`: the plain sum when its
/// squares neither overflow nor underflow, else rescaled by the largest deviation `s`,
/// `s·√(Σᵢ (dᵢ/s)² / divisor)` (with the deviations halved first where `xᵢ − μ` overflows).
/// So `[1e-200, −1e-200]` gives `1e-200`, not 0, and `[MAX, −MAX]` gives `MAX`, not ∞.
pub(crate) fn root_mean_square_deviation(samples: &[f64], mean: f64, divisor: f64) -> f64 {
    let sum_of_squares: f64 = samples.iter().map(|x| (x - mean) * (x - mean)).sum();
    if sum_of_squares.is_finite() && sum_of_squares >= f64::MIN_POSITIVE {
        return (sum_of_squares / divisor).sqrt();
    }
    if samples.iter().all(|&x| x == mean) {
        return 0.0;
    }
    let overflows = samples.iter().any(|x| !(x - mean).is_finite());
    let (factor, deviations): (f64, Vec<f64>) = if overflows {
        (2.0, samples.iter().map(|x| 0.5 * x - 0.5 * mean).collect())
    } else {
        (1.0, samples.iter().map(|x| x - mean).collect())
    };
    let largest = deviations.iter().fold(0.0f64, |a, d| a.max(d.abs()));
    let scaled: f64 = deviations
        .iter()
        .map(|d| (d / largest) * (d / largest))
        .sum();
    factor * (largest * (scaled / divisor).sqrt())
}
