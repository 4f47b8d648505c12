//! How well a generator covers its data: the measurements of `notebooks-md/06_mode_collapse.md`.
//!
//! | function | measures | on |
//! |---|---|---|
//! | [`mode_coverage`] | modes covered, high-quality fraction, reverse KL of the mode histogram, modes above 1% | the 2-D [`ring`](crate::datasets::ring) and [`grid`](crate::datasets::grid) |
//! | [`evaluate_1d`] | mean, standard deviation, JS divergence to `p_data` (KDE of the samples) | 1-D generators |
//! | [`DigitClassifier`] | classes covered, KL of the class histogram to uniform, mean confidence | generated digits |
//! | [`images`] | Inception Score, Fréchet distance, precision/recall, Parzen window, stacked-digit modes | generated digits |
//!
//! Mode collapse is the failure these numbers catch: `G` puts its mass on a few modes of
//! `p_data`. The discriminator's loss alone does not show it, because a collapsed `G` can still
//! fool the current `D` on the modes it keeps.

mod classifier;
mod error;
mod evaluate;
pub mod images;
mod modes;

pub use classifier::{
    softmax_cross_entropy, ClassHistogram, ClassifierConfig, DigitClassifier, CLASS_COUNT,
};
pub use error::MetricsError;
pub use evaluate::{evaluate_1d, Evaluation1d, EvaluationError};
pub use modes::{mode_coverage, ModeCoverage, MODE_SHARE_THRESHOLD};
