//! What can be wrong with the samples or parameters handed to a metric.

/// Bad input to a metric; every message names the argument and, for a sample, its index.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MetricsError {
    /// An argument with nothing in it.
    #[error("{argument}: empty; at least one {item} is needed")]
    Empty {
        /// The argument's name.
        argument: &'static str,
        /// What it should hold.
        item: &'static str,
    },
    /// Samples with the wrong number of columns.
    #[error("{argument}: {found} columns, expected {expected}")]
    WrongWidth {
        /// The argument's name.
        argument: &'static str,
        /// Columns expected.
        expected: usize,
        /// Columns found.
        found: usize,
    },
    /// A NaN or infinite value.
    #[error("{argument}: row {row} holds {value}; values must be finite")]
    NonFinite {
        /// The argument's name.
        argument: &'static str,
        /// The row (sample) holding it.
        row: usize,
        /// The value.
        value: f64,
    },
    /// A parameter outside its domain.
    #[error("{argument} = {value}: {reason}")]
    InvalidParameter {
        /// The argument's name.
        argument: &'static str,
        /// The value given.
        value: f64,
        /// What it must be.
        reason: &'static str,
    },
}

/// `Err(NonFinite)` for the first NaN or infinite entry of `values` (read row by row).
pub(super) fn check_finite<T: crate::Float>(
    argument: &'static str,
    values: ndarray::ArrayView2<'_, T>,
) -> Result<(), MetricsError> {
    for (row, sample) in values.rows().into_iter().enumerate() {
        if let Some(&bad) = sample.iter().find(|v| !v.is_finite()) {
            return Err(MetricsError::NonFinite {
                argument,
                row,
                value: bad.as_f64(),
            });
        }
    }
    Ok(())
}
