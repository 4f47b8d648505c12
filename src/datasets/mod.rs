//! The real data `p_data` of the examples, every draw seeded.
//!
//! | data | definition | used by |
//! |---|---|---|
//! | [`gaussian_1d`] | `N(4, 1.25²)` | `examples/gan_1d.rs` (default) |
//! | [`mixture_1d`] | `½·N(−2, 0.5²) + ½·N(2, 0.5²)` | `examples/gan_1d.rs --data mixture` |
//! | [`ring`] | 8 Gaussians on the unit circle, `σ = 0.01` | `examples/gan_2d --dataset ring` |
//! | [`grid`] | 25 Gaussians on `{−4, −2, 0, 2, 4}²`, `σ = 0.05` | `examples/gan_2d --dataset grid` |
//! | [`digits`] | the 1,797 8 × 8 UCI digits, shipped in `data/digits.csv.gz` | `examples/gan_digits.rs` |
//! | [`mnist`] | MNIST from IDX files the user supplies (raw or gzip) | `examples/gan_mnist.rs --data DIR` |
//! | [`mnist_subset`] | 5,000 real MNIST digits (500 per class), shipped in `data/mnist_5k.csv.gz` | image metrics' baselines |
//! | [`stacked_digits`] | three digits as channels: 1,000 modes (VEEGAN, PacGAN) | mode counting on images |
//!
//! Every one is a [`RealData`](crate::gan::RealData) source: any
//! [`Density`](crate::density::Density) gives one-dimensional samples, a
//! [`GaussianMixture2d`] two-dimensional ones, [`LabelledImages`] one image per row.
//! Notebook: `notebooks-md/06_mode_collapse.md`.

mod digits;
mod error;
mod gzip;
mod images;
mod labelled_csv;
mod mnist;
mod mnist_subset;
mod planar;
mod stacked;

pub use digits::{digits, DIGIT_COUNT};
pub use error::DatasetError;
use gzip::{gunzip, read_maybe_gzip};
pub use images::LabelledImages;
pub use mnist::{
    labelled_images_from_idx, mnist, read_idx_images, read_idx_labels, MnistSplit,
    IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, MNIST_IMAGE_SHAPE,
};
pub use mnist_subset::{mnist_subset, MNIST_SUBSET_COUNT};
pub use planar::{grid, ring, GaussianMixture2d};
pub use stacked::{stacked_digits, StackedDigits, STACKED_CHANNELS, STACKED_MODES};

use crate::density::{Gaussian, Mixture};

/// `N(4, 1.25²)`: the 1-D main job's data.
pub fn gaussian_1d() -> Gaussian {
    Gaussian::new(4.0, 1.25).expect("σ > 0")
}

/// `½·N(−2, 0.5²) + ½·N(2, 0.5²)`: two well separated modes, to see whether G keeps both.
pub fn mixture_1d() -> Mixture<Gaussian> {
    let mode = |mean| Gaussian::new(mean, 0.5).expect("σ > 0");
    Mixture::new(vec![0.5, 0.5], vec![mode(-2.0), mode(2.0)]).expect("weights sum to 1")
}

/// The probability mass of `mixture_1d` to the left of 0 is ½; the fraction of `samples`
/// below 0 estimates how much of G's output went to the left mode.
pub fn fraction_below_zero(samples: &[f64]) -> f64 {
    samples.iter().filter(|&&x| x < 0.0).count() as f64 / samples.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::density::Density;

    #[test]
    fn the_one_dimensional_data_have_their_stated_moments() {
        let g = gaussian_1d();
        assert_eq!((g.mean(), g.variance()), (4.0, 1.5625));
        let m = mixture_1d();
        // Var = E[Var | k] + Var[E | k] = 0.25 + 4.
        assert_eq!((m.mean(), m.variance()), (0.0, 4.25));
        let samples = m.sample(20_000, 3);
        let left = fraction_below_zero(&samples);
        assert!((left - 0.5).abs() < 0.015, "{left}"); // 4 standard errors of a binomial
    }
}
