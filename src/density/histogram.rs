//! The histogram density estimate: counts per bin divided by `n·width`.

use super::check_samples;
use super::error::{finite, positive, wide_enough, DensityError};
use crate::divergence::ratio_of_difference;

/// A histogram of samples on `[low, high]` with equal-width bins, read as a density:
///
/// ```text
/// p̂(x) = cₖ / (n·Δ)   for x in bin k = ⌊(x − low)/Δ⌋,   Δ = (high − low)/bins
/// ```
/// where `cₖ` is the number of samples in bin `k` and `n` the number of samples, *including*
/// those outside `[low, high]` (they are counted in `n` but in no bin, so `∫ p̂` is the
/// fraction of samples inside). Bins are half-open `[lowₖ, lowₖ + Δ)`, except the last,
/// which also holds `high`. `p̂(x) = 0` outside `[low, high]`.
/// Its integrated absolute error shrinks like `n^(−1/3)` with the best bin width.
/// Notebook: `notebooks-md/05_minimax_value.md` (estimating `p_G`).
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    low: f64,
    high: f64,
    bins: usize,
    bin_width: f64,
    densities: Vec<f64>,
}

impl Histogram {
    /// Bins `samples` into `bins` equal bins on `[low, high]`.
    ///
    /// # Errors
    /// [`DensityError::NoSamples`] / [`DensityError::InvalidSample`] for an empty sample or a
    /// non-finite one; [`DensityError::NoBins`]; [`DensityError::NotFinite`] or
    /// [`DensityError::EmptyInterval`] unless `low < high`, both finite;
    /// [`DensityError::NotPositive`] if the bin width `(high − low)/bins` overflows (one bin
    /// over `[−f64::MAX, f64::MAX]`) and [`DensityError::TooNarrow`] if it is below
    /// `f64::MIN_POSITIVE` (the densities, up to `1/Δ`, would overflow);
    /// [`DensityError::TooManyBins`] if the bins cannot be allocated (`usize::MAX`).
    ///
    /// # Examples
    /// ```
    /// use adversarial::density::Histogram;
    /// let histogram = Histogram::new(&[0.1, 0.2, 0.7, 5.0], 0.0, 1.0, 2).unwrap();
    /// // Two of four samples in [0, 0.5): 2 / (4·0.5) = 1.
    /// assert_eq!(histogram.density(0.3), 1.0);
    /// assert_eq!(histogram.density(0.9), 0.5);
    /// assert_eq!(histogram.density(5.0), 0.0);
    /// ```
    pub fn new(samples: &[f64], low: f64, high: f64, bins: usize) -> Result<Self, DensityError> {
        check_samples(samples)?;
        let low = finite("low", low)?;
        let high = finite("high", high)?;
        if low >= high {
            return Err(DensityError::EmptyInterval { low, high });
        }
        if bins == 0 {
            return Err(DensityError::NoBins);
        }
        let bin_width = ratio_of_difference(high, low, bins as f64);
        let bin_width = wide_enough("bin width", positive("bin width", bin_width)?)?;
        let mut densities = Vec::new();
        densities
            .try_reserve_exact(bins)
            .map_err(|_| DensityError::TooManyBins { bins })?;
        densities.resize(bins, 0.0);
        let mut histogram = Self {
            low,
            high,
            bins,
            bin_width,
            densities,
        };
        for &x in samples {
            if let Some(k) = histogram.bin_of(x) {
                histogram.densities[k] += 1.0;
            }
        }
        // (cₖ/n)/Δ ≤ 1/Δ: finite for Δ ≥ f64::MIN_POSITIVE, and no n·Δ to overflow.
        let n = samples.len() as f64;
        histogram
            .densities
            .iter_mut()
            .for_each(|d| *d = *d / n / bin_width);
        Ok(histogram)
    }

    /// The bin holding `x`, `None` outside `[low, high]`.
    fn bin_of(&self, x: f64) -> Option<usize> {
        if !(self.low..=self.high).contains(&x) {
            return None;
        }
        // `min` puts `high` (and any rounding just below it) into the last bin.
        Some((ratio_of_difference(x, self.low, self.bin_width) as usize).min(self.bins - 1))
    }

    /// The estimate `p̂(x)`.
    pub fn density(&self, x: f64) -> f64 {
        self.bin_of(x).map_or(0.0, |k| self.densities[k])
    }

    /// `p̂` at each of `points`.
    pub fn densities(&self, points: &[f64]) -> Vec<f64> {
        points.iter().map(|&x| self.density(x)).collect()
    }

    /// The density value of each bin, left to right.
    pub fn bin_densities(&self) -> &[f64] {
        &self.densities
    }

    /// The bin width `Δ`.
    pub fn bin_width(&self) -> f64 {
        self.bin_width
    }
}
