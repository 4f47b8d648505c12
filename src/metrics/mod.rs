//! How well a generator covers its data: the measurements of `notebooks-md/06_mode_collapse.md`.
//!
//! | function | measures | on |
//! |---|---|---|
//! | [`mode_coverage`] | modes covered, high-quality fraction, reverse KL of the mode histogram, modes above 1% | the 2-D [`ring`](crate::datasets::ring) and [`grid`](crate::datasets::grid) |
//! | [`DigitClassifier`] | classes covered, KL of the class histogram to uniform, mean confidence | generated digits |
//! | [`images`] | Inception Score, Fréchet distance, precision/recall, Parzen window, stacked-digit modes | generated digits |
//!
//! Mode collapse is the failure these numbers catch: `G` puts its mass on a few modes of
//! `p_data`. The discriminator's loss alone does not show it, because a collapsed `G` can still
//! fool the current `D` on the modes it keeps.

mod classifier;
mod error;
pub mod images;
mod modes;

pub use classifier::{
    softmax_cross_entropy, ClassHistogram, ClassifierConfig, DigitClassifier, CLASS_COUNT,
};
pub use error::MetricsError;
pub use modes::{mode_coverage, ModeCoverage, MODE_SHARE_THRESHOLD};
