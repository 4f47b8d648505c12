//! Mode counting on stacked digits (VEEGAN, Srivastava et al. 2017, §5.2; PacGAN, Lin et al.
//! 2018, Table 2): each of the three channels of a generated image is classified by the digit
//! classifier, and the three digits name one of 1,000 modes.
//!
//! ```text
//! mode(x) = 100·ĉ(x⁽⁰⁾) + 10·ĉ(x⁽¹⁾) + ĉ(x⁽²⁾),   ĉ = argmax_c p(c | ·)
//! h_m     = #{x : mode(x) = m} / n,   modes covered = #{m : h_m > 0},   KL(h ‖ uniform over 1,000)
//! ```
//! PacGAN Table 2 (26,000 samples, convolutional networks): DCGAN 99 modes / KL 3.40,
//! PacDCGAN2 1,000 / 0.06. The data are built by
//! [`datasets::stacked_digits`](crate::datasets::stacked_digits).

use crate::datasets::STACKED_MODES;
use crate::divergence::kl_divergence;
use crate::metrics::error::check_finite;
use crate::metrics::{DigitClassifier, MetricsError};
use crate::Float;
use ndarray::{s, ArrayView2, Axis};

/// The mode histogram of a set of stacked images.
#[derive(Clone, Debug, PartialEq)]
pub struct StackedModeCoverage {
    /// Images assigned to each mode `0 … 999`.
    pub mode_counts: Vec<usize>,
    /// Modes given at least one image.
    pub modes_covered: usize,
    /// `KL(h ‖ uniform)` in nats: `ln 1000 ≈ 6.91` for one mode.
    pub kl_to_uniform: f64,
}

/// The mode histogram of `samples` (n × 3·pixels, channel `c` in columns
/// `c·pixels .. (c+1)·pixels`, values in `[0, 1]`) under `classifier` (which reads `pixels`).
///
/// # Errors
/// [`MetricsError::Empty`] for no image, [`MetricsError::WrongWidth`] unless the rows are
/// three times the classifier's width, [`MetricsError::NonFinite`].
pub fn stacked_mode_coverage<T: Float>(
    classifier: &DigitClassifier,
    samples: ArrayView2<'_, T>,
) -> Result<StackedModeCoverage, MetricsError> {
    let pixels = classifier.pixels();
    if samples.nrows() == 0 {
        let (argument, item) = ("samples", "stacked image");
        return Err(MetricsError::Empty { argument, item });
    }
    if samples.ncols() != 3 * pixels {
        return Err(MetricsError::WrongWidth {
            argument: "samples",
            expected: 3 * pixels,
            found: samples.ncols(),
        });
    }
    check_finite("samples", samples)?;
    let mut modes = vec![0usize; samples.nrows()];
    for channel in 0..3 {
        let part = samples.slice(s![.., channel * pixels..(channel + 1) * pixels]);
        let probabilities = classifier.probabilities(part);
        for (mode, row) in modes.iter_mut().zip(probabilities.axis_iter(Axis(0))) {
            let class = (0..row.len()).fold(0, |best, c| if row[c] > row[best] { c } else { best });
            *mode = 10 * *mode + class;
        }
    }
    Ok(mode_histogram(&modes))
}

/// Counts, coverage and `KL(h ‖ uniform over 1,000)` of a list of modes `0 … 999`.
///
/// # Panics
/// If a mode is 1,000 or more, or `modes` is empty.
#[track_caller]
pub fn mode_histogram(modes: &[usize]) -> StackedModeCoverage {
    assert!(
        !modes.is_empty() && modes.iter().all(|&m| m < STACKED_MODES),
        "mode_histogram: needs at least one mode, all below {STACKED_MODES}"
    );
    let mut mode_counts = vec![0usize; STACKED_MODES];
    modes.iter().for_each(|&m| mode_counts[m] += 1);
    let n = modes.len() as f64;
    let histogram: Vec<f64> = mode_counts.iter().map(|&c| c as f64 / n).collect();
    let uniform = vec![1.0 / STACKED_MODES as f64; STACKED_MODES];
    StackedModeCoverage {
        modes_covered: mode_counts.iter().filter(|&&c| c > 0).count(),
        kl_to_uniform: kl_divergence(&histogram, &uniform).expect("probability vectors"),
        mode_counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_histogram_of_constructed_mode_lists() {
        // Every mode once: covered 1,000, KL 0.
        let all: Vec<usize> = (0..1000).collect();
        let h = mode_histogram(&all);
        assert_eq!(h.modes_covered, 1000);
        assert!(h.kl_to_uniform.abs() < 1e-12);
        // One mode: KL = ln 1000.
        let h = mode_histogram(&[417; 50]);
        assert_eq!((h.modes_covered, h.mode_counts[417]), (1, 50));
        assert!((h.kl_to_uniform - 1000f64.ln()).abs() < 1e-12);
        // 100 modes evenly (a generator that ignores the first channel): KL = ln 10.
        let hundred: Vec<usize> = (0..300).map(|i| i % 100).collect();
        let h = mode_histogram(&hundred);
        assert_eq!(h.modes_covered, 100);
        assert!((h.kl_to_uniform - 10f64.ln()).abs() < 1e-12);
    }
}
