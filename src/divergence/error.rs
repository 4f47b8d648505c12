//! What can be wrong with a probability vector, a density on a grid, or a grid.

use thiserror::Error;

/// Tolerance on `|Σᵢ pᵢ − 1|` per entry: a vector of length `n` is accepted as a
/// distribution when its sum is within `SUM_TOLERANCE_PER_ENTRY · n` of 1.
///
/// Wide enough for vectors that were normalised in `f64` or rounded to ~10 digits,
/// narrow enough to catch a vector that is not a distribution at all.
pub const SUM_TOLERANCE_PER_ENTRY: f64 = 1e-9;

/// Bad input to a function of [`crate::divergence`]: the message names the argument,
/// the index and the value.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DivergenceError {
    /// A probability vector (or a density on a grid) with no entries.
    #[error("`{argument}` is empty: a distribution needs at least one entry")]
    Empty {
        /// Name of the argument (`"p"`, `"q"`, or in [`crate::minimax`] `"p_data"`, `"p_g"`).
        argument: &'static str,
    },
    /// `p` and `q` have different lengths.
    #[error("`p` has {p_len} entries but `q` has {q_len}: both must describe the same outcomes")]
    LengthMismatch {
        /// Length of `p`.
        p_len: usize,
        /// Length of `q`.
        q_len: usize,
    },
    /// A probability or density value that is negative, NaN or infinite.
    #[error(
        "`{argument}[{index}]` = {value} is not a probability: entries must be finite and ≥ 0"
    )]
    InvalidEntry {
        /// Name of the argument (`"p"`, `"q"`, or in [`crate::minimax`] `"p_data"`, `"p_g"`).
        argument: &'static str,
        /// Position of the offending entry.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// A probability vector whose entries do not sum to 1.
    #[error(
        "`{argument}` sums to {sum}, off 1 by {} > {tolerance:e} \
         (allowed: SUM_TOLERANCE_PER_ENTRY = 1e-9 times the length)",
        (sum - 1.0).abs()
    )]
    NotNormalised {
        /// Name of the argument (`"p"`, `"q"`, or in [`crate::minimax`] `"p_data"`, `"p_g"`).
        argument: &'static str,
        /// The compensated sum of the entries.
        sum: f64,
        /// The tolerance that was exceeded: `SUM_TOLERANCE_PER_ENTRY · len`.
        tolerance: f64,
    },
    /// A density given on a grid whose length differs from the grid's point count.
    #[error("`{argument}` has {len} values but the grid has {points} points")]
    GridLength {
        /// Name of the argument (`"p"`, `"q"`, or in [`crate::minimax`] `"p_data"`, `"p_g"`).
        argument: &'static str,
        /// Number of values given.
        len: usize,
        /// Number of grid points.
        points: usize,
    },
    /// A grid with an even or too small number of points (Simpson's rule needs an odd count ≥ 3).
    #[error("a Simpson grid needs an odd number of points ≥ 3, got {points}")]
    GridPoints {
        /// The requested number of points.
        points: usize,
    },
    /// A sample value (of [`wasserstein_1d`](super::wasserstein_1d)) that is NaN or infinite.
    #[error("`{argument}[{index}]` = {value} is not a finite number")]
    NonFiniteValue {
        /// Name of the argument (`"u_values"` or `"v_values"`).
        argument: &'static str,
        /// Position of the offending value.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// A weight vector whose length differs from its sample's.
    #[error("`{argument}` has {len} weights for {values} values: one weight per value")]
    WeightCount {
        /// Name of the argument (`"u_weights"` or `"v_weights"`).
        argument: &'static str,
        /// Number of weights given.
        len: usize,
        /// Number of values.
        values: usize,
    },
    /// A weight that is negative, NaN or infinite.
    #[error("`{argument}[{index}]` = {value} is not a weight: weights must be finite and ≥ 0")]
    InvalidWeight {
        /// Name of the argument (`"u_weights"` or `"v_weights"`).
        argument: &'static str,
        /// Position of the offending weight.
        index: usize,
        /// The offending weight.
        value: f64,
    },
    /// Weights (or a density on a grid) with no mass: nothing to normalise.
    #[error("`{argument}` has total mass 0: at least one weight (or density value) must be > 0")]
    ZeroTotalWeight {
        /// Name of the argument (`"u_weights"`, `"v_weights"`, or for densities `"p"`, `"q"`).
        argument: &'static str,
    },
    /// A grid whose interval is not finite or not increasing.
    #[error("a grid needs finite start < end, got [{start}, {end}]")]
    GridRange {
        /// Requested left end.
        start: f64,
        /// Requested right end.
        end: f64,
    },
    /// A grid whose step `h = (end − start)/(points − 1)` rounds neighbouring points together,
    /// or whose Simpson weight `4h/3` overflows.
    #[error(
        "a grid of {points} points on [{start}, {end}] has no usable step: it must keep the \
         points apart and the Simpson weights h/3 > 0 and 4h/3 finite"
    )]
    GridSpacing {
        /// Requested left end.
        start: f64,
        /// Requested right end.
        end: f64,
        /// The requested number of points.
        points: usize,
    },
    /// A grid with more points than can be allocated.
    #[error("a grid of {points} points does not fit in memory")]
    GridTooLarge {
        /// The requested number of points.
        points: usize,
    },
}

/// Checks that `values` is non-empty and every entry is finite and `≥ 0`.
pub(crate) fn check_entries(argument: &'static str, values: &[f64]) -> Result<(), DivergenceError> {
    if values.is_empty() {
        return Err(DivergenceError::Empty { argument });
    }
    match values.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
        Some(index) => Err(DivergenceError::InvalidEntry {
            argument,
            index,
            value: values[index],
        }),
        None => Ok(()),
    }
}

/// Checks that `values` holds one finite, non-negative density value per point of `grid`.
pub(crate) fn check_density(
    grid: &super::Grid,
    argument: &'static str,
    values: &[f64],
) -> Result<(), DivergenceError> {
    if values.len() != grid.len() {
        return Err(DivergenceError::GridLength {
            argument,
            len: values.len(),
            points: grid.len(),
        });
    }
    check_entries(argument, values)
}

/// Checks [`check_entries`] and `|Σᵢ valuesᵢ − 1| ≤ SUM_TOLERANCE_PER_ENTRY · len`.
pub(crate) fn check_distribution(
    argument: &'static str,
    values: &[f64],
) -> Result<(), DivergenceError> {
    check_entries(argument, values)?;
    let sum = super::sum::compensated_sum(values.iter().copied());
    let tolerance = SUM_TOLERANCE_PER_ENTRY * values.len() as f64;
    if (sum - 1.0).abs() > tolerance {
        return Err(DivergenceError::NotNormalised {
            argument,
            sum,
            tolerance,
        });
    }
    Ok(())
}

/// Checks that `p` and `q` are distributions over the same number of outcomes.
pub(crate) fn check_pair(p: &[f64], q: &[f64]) -> Result<(), DivergenceError> {
    check_distribution("p", p)?;
    check_distribution("q", q)?;
    if p.len() != q.len() {
        return Err(DivergenceError::LengthMismatch {
            p_len: p.len(),
            q_len: q.len(),
        });
    }
    Ok(())
}
