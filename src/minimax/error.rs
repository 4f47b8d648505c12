//! What can be wrong with the inputs of the value function and the gradient study.

use thiserror::Error;

use crate::divergence::DivergenceError;

/// Bad input to a function of [`crate::minimax`].
#[derive(Debug, Clone, PartialEq, Error)]
pub enum MinimaxError {
    /// A density on the grid with the wrong length or a negative / non-finite value
    /// (the inner error names `p_data` or `p_g`, the index and the value).
    #[error(transparent)]
    Density(#[from] DivergenceError),
    /// A discriminator of the wrong length for the grid.
    #[error("`d` has {len} values but the grid has {points} points")]
    DiscriminatorLength {
        /// Number of values given.
        len: usize,
        /// Number of grid points.
        points: usize,
    },
    /// A discriminator output outside `[0, 1]` (or NaN).
    #[error("`d[{index}]` = {value} is not a probability: D(x) must lie in [0, 1]")]
    DiscriminatorOutOfRange {
        /// Grid index.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// A discriminator logit that is NaN (`±∞` are allowed).
    #[error("`logit_d[{index}]` is NaN: logits must be numbers (±∞ allowed)")]
    LogitNaN {
        /// Grid index.
        index: usize,
    },
    /// A generator offset `θ` that is NaN or beyond `±MAX_SEPARATION` (50).
    #[error("`separations[{index}]` = {value} must lie in [−50, 50] (MAX_SEPARATION)")]
    Separation {
        /// Position in the list.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// A learning rate or starting point of [`gradient play`](super::simultaneous_play)
    /// that cannot be played.
    #[error("gradient play on V(x, y) = x·y: {reason}")]
    GamePlay {
        /// What is wrong, with the value.
        reason: String,
    },
}
