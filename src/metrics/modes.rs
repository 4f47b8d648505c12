//! Mode coverage of a generator on a mixture of well-separated Gaussians, as VEEGAN
//! (Srivastava et al. 2017) and PacGAN (Lin et al. 2018, Table 1) measure it.
//! Notebook: `notebooks-md/06_mode_collapse.md`.
//!
//! ```text
//! k(x)  = argmin_k ‖x − μ_k‖                       the nearest mode of sample x
//! x is high quality  ⇔  ‖x − μ_k(x)‖ < 3σ
//! n_k   = #{high-quality x with k(x) = k}          the mode histogram
//! mode k is covered  ⇔  n_k ≥ 1
//! reverse KL = KL(n/Σn ‖ u) = Σ_k (n_k/Σn)·ln(K·n_k/Σn),   u_k = 1/K
//! ```
//! where `K` is the number of modes and `σ` their standard deviation. A sample of `p_data`
//! itself is high quality with probability `P(‖σ·ε‖ < 3σ) = 1 − e^{−9/2} ≈ 0.9889` in the
//! plane (`‖ε‖²` is χ² with 2 degrees of freedom), so ≈ 98.9% is a perfect score, not 100%.

use super::error::check_finite;
use super::MetricsError;
use crate::divergence::kl_divergence;
use crate::Float;
use ndarray::ArrayView2;

/// A mode holds "≥ 1%" when at least this fraction of all samples are high quality on it.
pub const MODE_SHARE_THRESHOLD: f64 = 0.01;

/// The mode-coverage figures of one set of generator samples.
#[derive(Clone, Debug, PartialEq)]
pub struct ModeCoverage {
    /// Number of samples scored.
    pub sample_count: usize,
    /// `n_k`: high-quality samples whose nearest mode is `k`, for each mode.
    pub mode_counts: Vec<usize>,
    /// Modes with `n_k ≥ 1`.
    pub modes_covered: usize,
    /// Modes with `n_k ≥ 1% of sample_count` (the stricter count).
    pub modes_above_one_percent: usize,
    /// `Σ n_k / sample_count`.
    pub high_quality_fraction: f64,
    /// `KL(n/Σn ‖ uniform)` in nats; `None` when no sample is high quality (no histogram).
    pub reverse_kl: Option<f64>,
}

/// Scores `samples` (n × 2, one point per row) against the modes `modes` of standard deviation
/// `sigma`: nearest mode, high quality within `3σ`, covered modes, reverse KL (see the module
/// doc for the equations).
///
/// # Errors
/// [`MetricsError::Empty`] if there is no sample or no mode; [`MetricsError::WrongWidth`] if
/// `samples` is not two columns wide; [`MetricsError::NonFinite`] naming the row of a NaN or
/// infinite sample or of a NaN or infinite mode (`argument` `"modes"`);
/// [`MetricsError::InvalidParameter`] if `sigma` is not finite and > 0. Distances are
/// compared as `‖x − μ_k‖/3 < σ`, formed without squares, so coordinates and σ up to
/// `f64::MAX` are scored correctly.
///
/// # Examples
/// ```
/// use adversarial::datasets::ring;
/// use adversarial::metrics::mode_coverage;
///
/// let ring = ring();
/// let samples = ring.sample(2500, 7);
/// let score = mode_coverage(samples.view(), ring.modes(), ring.sigma())?;
/// assert_eq!(score.modes_covered, 8);
/// assert!(score.high_quality_fraction > 0.97);
/// # Ok::<(), adversarial::metrics::MetricsError>(())
/// ```
pub fn mode_coverage<T: Float>(
    samples: ArrayView2<'_, T>,
    modes: &[(f64, f64)],
    sigma: f64,
) -> Result<ModeCoverage, MetricsError> {
    if samples.nrows() == 0 {
        return Err(MetricsError::Empty {
            argument: "samples",
            item: "sample",
        });
    }
    if modes.is_empty() {
        return Err(MetricsError::Empty {
            argument: "modes",
            item: "mode",
        });
    }
    if samples.ncols() != 2 {
        return Err(MetricsError::WrongWidth {
            argument: "samples",
            expected: 2,
            found: samples.ncols(),
        });
    }
    if !(sigma.is_finite() && sigma > 0.0) {
        return Err(MetricsError::InvalidParameter {
            argument: "sigma",
            value: sigma,
            reason: "must be finite and > 0",
        });
    }
    check_finite("samples", samples)?;
    if let Some(row) = modes
        .iter()
        .position(|(mx, my)| !(mx.is_finite() && my.is_finite()))
    {
        let (mx, my) = modes[row];
        return Err(MetricsError::NonFinite {
            argument: "modes",
            row,
            value: if mx.is_finite() { my } else { mx },
        });
    }
    let mut mode_counts = vec![0usize; modes.len()];
    for sample in samples.rows() {
        let (x, y) = (sample[0].as_f64(), sample[1].as_f64());
        // ‖x − μ_k‖/3 = hypot(x/3 − μx/3, y/3 − μy/3): no square and no difference overflows.
        let (nearest, distance_over_3) = modes
            .iter()
            .map(|&(mx, my)| (x / 3.0 - mx / 3.0).hypot(y / 3.0 - my / 3.0))
            .enumerate()
            .fold(
                (0, f64::INFINITY),
                |best, (k, d)| {
                    if d < best.1 {
                        (k, d)
                    } else {
                        best
                    }
                },
            );
        if distance_over_3 < sigma {
            mode_counts[nearest] += 1;
        }
    }
    Ok(from_counts(mode_counts, samples.nrows()))
}

/// The figures of the histogram `mode_counts` of high-quality samples out of `sample_count`.
fn from_counts(mode_counts: Vec<usize>, sample_count: usize) -> ModeCoverage {
    let high_quality: usize = mode_counts.iter().sum();
    let threshold = MODE_SHARE_THRESHOLD * sample_count as f64;
    let reverse_kl = (high_quality > 0).then(|| {
        let histogram: Vec<f64> = mode_counts
            .iter()
            .map(|&n| n as f64 / high_quality as f64)
            .collect();
        let uniform = vec![1.0 / mode_counts.len() as f64; mode_counts.len()];
        kl_divergence(&histogram, &uniform).expect("both are probability vectors")
    });
    ModeCoverage {
        sample_count,
        modes_covered: mode_counts.iter().filter(|&&n| n > 0).count(),
        modes_above_one_percent: mode_counts
            .iter()
            .filter(|&&n| n as f64 >= threshold)
            .count(),
        high_quality_fraction: high_quality as f64 / sample_count as f64,
        reverse_kl,
        mode_counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn hand_counted_histogram() {
        // Modes at (0,0) and (10,0), σ = 1: radius 3. Samples: two near mode 0, one at
        // distance 2.9 of mode 1, one at distance 3.1 of mode 1 (low quality), one far away.
        let samples = array![
            [0.5, 0.0],
            [-1.0, 1.0],
            [10.0, 2.9],
            [13.1, 0.0],
            [5.0, 5.0]
        ];
        let score = mode_coverage(samples.view(), &[(0.0, 0.0), (10.0, 0.0)], 1.0).unwrap();
        assert_eq!(score.mode_counts, vec![2, 1]);
        assert_eq!((score.modes_covered, score.sample_count), (2, 5));
        assert_eq!(score.high_quality_fraction, 3.0 / 5.0);
        // KL((2/3, 1/3) ‖ (½, ½)) = (2/3)·ln(4/3) + (1/3)·ln(2/3).
        let expected = 2.0 / 3.0 * (4.0f64 / 3.0).ln() + 1.0 / 3.0 * (2.0f64 / 3.0).ln();
        assert!((score.reverse_kl.unwrap() - expected).abs() < 1e-15);
    }

    #[test]
    fn one_percent_rule_and_no_high_quality_sample() {
        // 200 samples: 198 on mode 0, 2 on mode 1 (1% = 2 samples: counts), none on mode 2.
        let mut counts = vec![198, 2, 0];
        let score = from_counts(counts.clone(), 200);
        assert_eq!((score.modes_covered, score.modes_above_one_percent), (2, 2));
        counts[1] = 1;
        let score = from_counts(counts, 200);
        assert_eq!((score.modes_covered, score.modes_above_one_percent), (2, 1));
        let none = from_counts(vec![0, 0], 10);
        assert_eq!((none.reverse_kl, none.high_quality_fraction), (None, 0.0));
    }

    #[test]
    fn bad_input_is_named() {
        let modes = [(0.0, 0.0)];
        let nan = array![[0.0, 0.0], [f64::NAN, 1.0]];
        assert_eq!(
            mode_coverage(nan.view(), &modes, 1.0)
                .unwrap_err()
                .to_string(),
            "samples: row 1 holds NaN; values must be finite"
        );
        let wide = ndarray::Array2::<f64>::zeros((3, 3));
        assert_eq!(
            mode_coverage(wide.view(), &modes, 1.0)
                .unwrap_err()
                .to_string(),
            "samples: 3 columns, expected 2"
        );
        let one = array![[0.0, 0.0]];
        assert_eq!(
            mode_coverage(one.view(), &modes, 0.0)
                .unwrap_err()
                .to_string(),
            "sigma = 0: must be finite and > 0"
        );
        assert_eq!(
            mode_coverage(one.view(), &[], 1.0).unwrap_err(),
            MetricsError::Empty {
                argument: "modes",
                item: "mode"
            }
        );
    }
}
