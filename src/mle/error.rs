//! [`MleError`]: what is wrong with the samples or parameters handed to [`crate::mle`].

/// Bad input to a maximum-likelihood routine; the message names the argument and, for a
/// sample, its index.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum MleError {
    /// A slice that needs at least one value (samples, a grid) is empty.
    #[error("`{argument}` is empty: it needs at least one value")]
    Empty {
        /// The argument's name.
        argument: &'static str,
    },
    /// A sample or grid value is NaN or infinite.
    #[error("`{argument}[{index}]` is {value}: every value must be finite")]
    NonFinite {
        /// The argument's name.
        argument: &'static str,
        /// Position of the sample.
        index: usize,
        /// The sample.
        value: f64,
    },
    /// A parameter (a mean μ) is NaN or infinite.
    #[error("`{argument}` is {value}: it must be finite")]
    NonFiniteParameter {
        /// The argument's name.
        argument: &'static str,
        /// The value given.
        value: f64,
    },
    /// A scale, step size or width that must be finite and strictly positive is not.
    #[error("`{argument}` is {value}: it must be finite and > 0")]
    NotPositive {
        /// The argument's name.
        argument: &'static str,
        /// The value given.
        value: f64,
    },
    /// A sample lies outside the bins of a histogram.
    #[error("`{argument}[{index}]` = {value} lies outside the bins [{lower}, {upper})")]
    OutsideBins {
        /// The argument's name.
        argument: &'static str,
        /// Position of the sample.
        index: usize,
        /// The sample.
        value: f64,
        /// Left edge of the first bin.
        lower: f64,
        /// Right edge of the last bin.
        upper: f64,
    },
    /// Bins with no width or no count.
    #[error(
        "bins [{lower}, {upper}) × {count} are empty: need finite lower < upper, count ≥ 1 \
         and a width (upper − lower)/count > 0"
    )]
    EmptyBins {
        /// Left edge asked for.
        lower: f64,
        /// Right edge asked for.
        upper: f64,
        /// Number of bins asked for.
        count: usize,
    },
    /// More bins than can be allocated (a count such as `usize::MAX`).
    #[error("{count} bins do not fit in memory")]
    TooManyBins {
        /// Number of bins asked for.
        count: usize,
    },
    /// Gradient ascent left the finite numbers (the learning rate is too large for the data).
    #[error("gradient ascent diverged at step {step}: the negative log-likelihood is {loss}")]
    Diverged {
        /// The step at which the loss stopped being finite.
        step: usize,
        /// The loss at that step.
        loss: f64,
    },
}

/// `Ok` when every value is finite.
pub(super) fn check_finite(values: &[f64], argument: &'static str) -> Result<(), MleError> {
    match values.iter().position(|x| !x.is_finite()) {
        Some(index) => Err(MleError::NonFinite {
            argument,
            index,
            value: values[index],
        }),
        None => Ok(()),
    }
}

/// `Ok` when `values` is non-empty and every value is finite.
pub(super) fn check_nonempty(values: &[f64], argument: &'static str) -> Result<(), MleError> {
    if values.is_empty() {
        return Err(MleError::Empty { argument });
    }
    check_finite(values, argument)
}

/// `Ok` when `value` is finite and `> 0`.
pub(super) fn check_positive(value: f64, argument: &'static str) -> Result<(), MleError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(MleError::NotPositive { argument, value })
    }
}

/// `Ok` when `value` is finite.
pub(super) fn check_parameter(value: f64, argument: &'static str) -> Result<(), MleError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(MleError::NonFiniteParameter { argument, value })
    }
}
