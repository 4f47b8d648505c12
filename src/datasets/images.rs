//! [`LabelledImages`]: grayscale images with their digit labels, kept as the integer levels
//! the files hold and scaled when they are handed out.

use super::DatasetError;
use crate::gan::{draw_index, RealData};
use crate::Float;
use ndarray::{Array2, ArrayView2};
use ndarray_rand::rand::{rngs::StdRng, seq::SliceRandom, SeedableRng};

/// `n` images of `height × width` pixels (one row-major row per image) with integer levels
/// `0 … max_level`, and their labels 0–9.
///
/// As [`RealData`] and through [`LabelledImages::to_array`] a pixel of level `v` is handed out
/// as `low + (high − low)·v/max_level`, where `[low, high]` is [`LabelledImages::range`]:
/// `[0, 1]` unless [`LabelledImages::with_range`] chose another (`[−1, 1]` for a tanh generator).
#[derive(Clone, Debug, PartialEq)]
pub struct LabelledImages {
    levels: Array2<u8>,
    labels: Vec<u8>,
    height: usize,
    width: usize,
    max_level: u8,
    range: (f64, f64),
}

impl LabelledImages {
    /// Images from their levels (`n × height·width`) and labels (`n`).
    ///
    /// # Panics
    /// If the shapes disagree, `max_level` is 0 or a level exceeds it, or a label exceeds 9
    /// (the loaders check files and return errors before building one).
    #[track_caller]
    pub fn new(
        levels: Array2<u8>,
        labels: Vec<u8>,
        (height, width): (usize, usize),
        max_level: u8,
    ) -> Self {
        assert!(
            levels.ncols() == height * width && levels.nrows() == labels.len(),
            "LabelledImages::new: levels are {:?}, expected {} × {} (= {height}·{width}) for {} labels",
            levels.dim(),
            labels.len(),
            height * width,
            labels.len()
        );
        assert!(
            max_level > 0 && levels.iter().all(|&v| v <= max_level),
            "LabelledImages::new: levels must lie in 0..={max_level} with max_level > 0"
        );
        assert!(
            labels.iter().all(|&l| l <= 9),
            "LabelledImages::new: labels must be digits 0–9"
        );
        LabelledImages {
            levels,
            labels,
            height,
            width,
            max_level,
            range: (0.0, 1.0),
        }
    }

    /// The same images handed out in `[low, high]` instead.
    #[must_use]
    pub fn with_range(mut self, low: f64, high: f64) -> Self {
        self.range = (low, high);
        self
    }

    /// `[low, high]`, the values of level 0 and of `max_level`.
    pub fn range(&self) -> (f64, f64) {
        self.range
    }

    /// Number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// `true` when there is no image.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// `(height, width)` of one image.
    pub fn image_shape(&self) -> (usize, usize) {
        (self.height, self.width)
    }

    /// The same images if each is `height × width` pixels (`expected`), e.g.
    /// [`MNIST_IMAGE_SHAPE`](super::MNIST_IMAGE_SHAPE) for networks and image grids made
    /// for MNIST: the check a caller makes on loading, not at the first picture.
    ///
    /// # Errors
    /// [`DatasetError::ImageShape`] with both sizes.
    pub fn expect_image_shape(self, expected: (usize, usize)) -> Result<Self, DatasetError> {
        if self.image_shape() == expected {
            Ok(self)
        } else {
            Err(DatasetError::ImageShape {
                expected,
                found: self.image_shape(),
            })
        }
    }

    /// The largest level (16 for the UCI digits, 255 for MNIST).
    pub fn max_level(&self) -> u8 {
        self.max_level
    }

    /// The raw levels, one image per row.
    pub fn levels(&self) -> ArrayView2<'_, u8> {
        self.levels.view()
    }

    /// The labels, in image order.
    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// Every image scaled into [`range`](LabelledImages::range), one per row.
    pub fn to_array<T: Float>(&self) -> Array2<T> {
        self.levels.mapv(|v| self.scale(v))
    }

    /// The images at `indices`, in that order (same range).
    ///
    /// # Panics
    /// If an index is out of bounds.
    #[track_caller]
    pub fn select(&self, indices: &[usize]) -> LabelledImages {
        LabelledImages {
            levels: self.levels.select(ndarray::Axis(0), indices),
            labels: indices.iter().map(|&i| self.labels[i]).collect(),
            ..self.clone()
        }
    }

    /// A seeded random split: `(first, second)` with `round(second_fraction · n)` images in
    /// `second` (a held-out set), every image in exactly one part.
    pub fn split(&self, second_fraction: f64, seed: u64) -> (LabelledImages, LabelledImages) {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.shuffle(&mut StdRng::seed_from_u64(seed));
        let second = ((second_fraction.clamp(0.0, 1.0) * self.len() as f64).round()) as usize;
        let (held_out, kept) = order.split_at(second);
        (self.select(kept), self.select(held_out))
    }

    /// `low + (high − low)·v/max_level`.
    fn scale<T: Float>(&self, level: u8) -> T {
        let (low, high) = self.range;
        T::lit(low + (high - low) * f64::from(level) / f64::from(self.max_level))
    }
}

/// Rows drawn uniformly with replacement, scaled into [`LabelledImages::range`].
impl<T: Float> RealData<T> for LabelledImages {
    fn dim(&self) -> usize {
        self.height * self.width
    }

    fn sample_count(&self) -> Option<usize> {
        Some(self.len())
    }

    fn sample_into(&self, rng: &mut StdRng, batch: &mut Array2<T>) {
        for mut row in batch.rows_mut() {
            let source = self.levels.row(draw_index(rng, self.len()));
            row.zip_mut_with(&source, |x, &v| *x = self.scale(v));
        }
    }
}
