//! Stacked digits: three digits side by side as the channels of one image, the 1,000-mode data
//! of VEEGAN (Srivastava et al. 2017, §5.2) and PacGAN (Lin et al. 2018, Table 2), built from
//! the shipped digits ([`digits`](super::digits) or [`mnist_subset`](super::mnist_subset)).
//!
//! ```text
//! x = (x⁽⁰⁾, x⁽¹⁾, x⁽²⁾),  x⁽ᶜ⁾ drawn uniformly from the source,  a row of 3·h·w pixels
//! mode(x) = 100·y⁽⁰⁾ + 10·y⁽¹⁾ + y⁽²⁾ ∈ {0, …, 999}         (y⁽ᶜ⁾ the label of channel c)
//! ```
//! Channel `c` occupies columns `c·h·w .. (c+1)·h·w` of a row. With 10 equally likely labels the
//! 1,000 modes are equally likely; [`metrics::images::stacked_mode_coverage`](crate::metrics::images::stacked_mode_coverage)
//! counts the modes a generator covers. Notebook: `notebooks-md/06_mode_collapse.md`.

use super::{DatasetError, LabelledImages};
use crate::gan::RealData;
use crate::Float;
use ndarray::{Array2, ArrayView2};
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};

/// Channels per stacked image.
pub const STACKED_CHANNELS: usize = 3;
/// Modes of the stacked data: `10³`.
pub const STACKED_MODES: usize = 1000;

/// `n` stacked images, levels `0 … max_level` of the source, handed out in `[0, 1]`.
#[derive(Clone, Debug, PartialEq)]
pub struct StackedDigits {
    levels: Array2<u8>,
    modes: Vec<u16>,
    channel_shape: (usize, usize),
    max_level: u8,
}

/// `n` stacked images from `source`, every channel an image drawn uniformly with replacement
/// (seeded), with its mode `100·y⁽⁰⁾ + 10·y⁽¹⁾ + y⁽²⁾`.
///
/// # Errors
/// [`DatasetError::InvalidArgument`] if `n` is 0 or `source` has no image.
pub fn stacked_digits(
    source: &LabelledImages,
    n: usize,
    seed: u64,
) -> Result<StackedDigits, DatasetError> {
    if n == 0 || source.is_empty() {
        return Err(DatasetError::InvalidArgument {
            argument: if n == 0 { "n" } else { "source" },
            reason: "stacked digits need at least one image to stack and one to draw".into(),
        });
    }
    let (height, width) = source.image_shape();
    let pixels = height * width;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut levels = Array2::zeros((n, STACKED_CHANNELS * pixels));
    let mut modes = Vec::with_capacity(n);
    for mut row in levels.rows_mut() {
        let mut mode = 0u16;
        for channel in 0..STACKED_CHANNELS {
            let index = rng.random_range(0..source.len());
            let columns = ndarray::s![channel * pixels..(channel + 1) * pixels];
            row.slice_mut(columns).assign(&source.levels().row(index));
            mode = 10 * mode + u16::from(source.labels()[index]);
        }
        modes.push(mode);
    }
    Ok(StackedDigits {
        levels,
        modes,
        channel_shape: (height, width),
        max_level: source.max_level(),
    })
}

impl StackedDigits {
    /// Number of stacked images.
    pub fn len(&self) -> usize {
        self.modes.len()
    }

    /// `true` when there is no image (never, for [`stacked_digits`]'s output).
    pub fn is_empty(&self) -> bool {
        self.modes.is_empty()
    }

    /// `(height, width)` of one channel.
    pub fn channel_shape(&self) -> (usize, usize) {
        self.channel_shape
    }

    /// The mode `100·y⁽⁰⁾ + 10·y⁽¹⁾ + y⁽²⁾` of every image, in order.
    pub fn modes(&self) -> &[u16] {
        &self.modes
    }

    /// The raw levels, one stacked image per row.
    pub fn levels(&self) -> ArrayView2<'_, u8> {
        self.levels.view()
    }

    /// Every stacked image in `[0, 1]` (`v / max_level`), one per row.
    pub fn to_array<T: Float>(&self) -> Array2<T> {
        self.levels.mapv(|v| self.scale(v))
    }

    fn scale<T: Float>(&self, level: u8) -> T {
        T::lit(f64::from(level) / f64::from(self.max_level))
    }
}

/// Rows drawn uniformly with replacement, in `[0, 1]`.
impl<T: Float> RealData<T> for StackedDigits {
    fn dim(&self) -> usize {
        self.levels.ncols()
    }

    fn sample_into(&self, rng: &mut StdRng, batch: &mut Array2<T>) {
        for mut row in batch.rows_mut() {
            let source = self.levels.row(rng.random_range(0..self.len()));
            row.zip_mut_with(&source, |x, &v| *x = self.scale(v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::digits;

    #[test]
    fn each_channel_is_a_source_image_and_the_mode_spells_its_labels() {
        let source = digits();
        let stacked = stacked_digits(&source, 200, 5).unwrap();
        assert_eq!((stacked.len(), stacked.levels().ncols()), (200, 192));
        let source_levels = source.levels();
        let source_rows: Vec<_> = source_levels.rows().into_iter().collect();
        for (row, &mode) in stacked.levels().rows().into_iter().zip(stacked.modes()) {
            let mut spelled = 0u16;
            for channel in 0..3 {
                let part = row.slice(ndarray::s![channel * 64..(channel + 1) * 64]);
                // The channel is some source image; every match has the same label here
                // (the UCI digits hold no two identical images with different labels).
                let index = source_rows.iter().position(|r| *r == part).unwrap();
                spelled = 10 * spelled + u16::from(source.labels()[index]);
            }
            assert_eq!(spelled, mode);
        }
        assert_eq!(stacked, stacked_digits(&source, 200, 5).unwrap());
        assert_ne!(
            stacked.modes(),
            stacked_digits(&source, 200, 6).unwrap().modes()
        );
        let pixels = stacked.to_array::<f64>();
        assert!(pixels.iter().all(|&p| (0.0..=1.0).contains(&p)));
    }

    #[test]
    fn the_modes_are_close_to_uniform_over_all_1000() {
        // n = 50,000 draws of 1,000 equally likely modes: every mode is hit (P(miss) ≈ e^{−50}),
        // and each count is Binomial(50,000, 1/1,000): mean 50, sd ≈ 7.1.
        let stacked = stacked_digits(&digits(), 50_000, 1).unwrap();
        let mut counts = vec![0usize; STACKED_MODES];
        stacked
            .modes()
            .iter()
            .for_each(|&m| counts[usize::from(m)] += 1);
        assert!(counts.iter().all(|&c| c > 0), "a mode was missed");
        let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
        assert!(*min > 15 && *max < 95, "{min} … {max}");
    }

    #[test]
    fn bad_arguments_are_named() {
        let error = stacked_digits(&digits(), 0, 1).unwrap_err();
        assert!(error.to_string().starts_with("n: "), "{error}");
    }
}
