//! What can be wrong with the parameters of a density or with samples.

use thiserror::Error;

/// Bad parameters of a density or bad samples handed to an estimate.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DensityError {
    /// A location parameter (mean, bound) that is NaN or infinite.
    #[error("`{name}` = {value} must be finite")]
    NotFinite {
        /// The parameter's name.
        name: &'static str,
        /// The offending value.
        value: f64,
    },
    /// A scale (standard deviation, bandwidth, bin width) that is not finite and `> 0`.
    #[error("`{name}` = {value} must be finite and > 0")]
    NotPositive {
        /// The parameter's name.
        name: &'static str,
        /// The offending value.
        value: f64,
    },
    /// An interval `[low, high]` with `low ≥ high`.
    #[error("`low` = {low} must be below `high` = {high}")]
    EmptyInterval {
        /// Left end.
        low: f64,
        /// Right end.
        high: f64,
    },
    /// A mixture whose weight and component lists differ in length or are empty.
    #[error("a mixture needs as many weights as components, at least one: got {weights} weights, {components} components")]
    MixtureShape {
        /// Number of weights.
        weights: usize,
        /// Number of components.
        components: usize,
    },
    /// A mixture weight that is negative, NaN or infinite.
    #[error("`weights[{index}]` = {value} must be finite and ≥ 0")]
    InvalidWeight {
        /// Position of the weight.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// Mixture weights that are all zero.
    #[error("mixture weights sum to 0: at least one must be positive")]
    ZeroWeights,
    /// An estimate asked of an empty sample.
    #[error("no samples: an estimate needs at least one")]
    NoSamples,
    /// A sample that is NaN or infinite.
    #[error("`samples[{index}]` = {value} is not finite")]
    InvalidSample {
        /// Position of the sample.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// An evaluation point that is NaN.
    #[error("`points[{index}]` is NaN: a density is evaluated at numbers")]
    InvalidPoint {
        /// Position of the point.
        index: usize,
    },
    /// A histogram with zero bins.
    #[error("a histogram needs at least one bin")]
    NoBins,
    /// A scale so small that the density `1/scale` it implies overflows: a bandwidth or a
    /// bin width below `f64::MIN_POSITIVE` ≈ 2.2e-308.
    #[error("`{name}` = {value:e} is too small: scales below f64::MIN_POSITIVE = 2.2e-308 give densities beyond f64::MAX")]
    TooNarrow {
        /// The scale's name (`"bandwidth"`, `"bin width"`).
        name: &'static str,
        /// The offending value.
        value: f64,
    },
    /// A histogram with more bins than can be allocated.
    #[error("a histogram of {bins} bins does not fit in memory")]
    TooManyBins {
        /// Number of bins asked for.
        bins: usize,
    },
    /// Silverman's rule gives a bandwidth that is not usable: below `f64::MIN_POSITIVE` (the
    /// samples' spread is subnormal) or beyond `f64::MAX`.
    #[error("Silverman's bandwidth of these samples is {bandwidth:e}, outside [2.2e-308, 1.8e308]: rescale the samples")]
    SilvermanOutOfRange {
        /// The bandwidth the rule gives.
        bandwidth: f64,
    },
    /// Samples with no spread, for which Silverman's bandwidth is 0.
    #[error("Silverman's bandwidth needs at least 2 samples that are not all equal (got {count})")]
    DegenerateSamples {
        /// Number of samples.
        count: usize,
    },
}

/// `Ok(value)` if finite, else [`DensityError::NotFinite`].
pub(super) fn finite(name: &'static str, value: f64) -> Result<f64, DensityError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(DensityError::NotFinite { name, value })
    }
}

/// `Ok(value)` if finite and `> 0`, else [`DensityError::NotPositive`].
pub(super) fn positive(name: &'static str, value: f64) -> Result<f64, DensityError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(DensityError::NotPositive { name, value })
    }
}

/// `Ok(value)` if `value ≥ f64::MIN_POSITIVE`, so that `1/value` and a density of that scale
/// stay finite; else [`DensityError::TooNarrow`].
pub(super) fn wide_enough(name: &'static str, value: f64) -> Result<f64, DensityError> {
    if value >= f64::MIN_POSITIVE {
        Ok(value)
    } else {
        Err(DensityError::TooNarrow { name, value })
    }
}
