//! [`RealData`]: where the discriminator's real samples come from.

use super::GanError;
use crate::density::Density;
use crate::Float;
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, Rng};

/// A source of real samples `x ~ p_data`: a distribution to sample, or a finite data set
/// to draw rows from. (`Sync`: a step may run on any worker of a rayon pool.)
pub trait RealData<T: Float>: Sync {
    /// The dimension of one sample (the generator's output size).
    fn dim(&self) -> usize;
    /// How many samples a finite data set holds; `None` (the default) for a distribution,
    /// which never runs out. Training checks it before the first step
    /// ([`check_has_samples`]).
    fn sample_count(&self) -> Option<usize> {
        None
    }
    /// Fills every row of `batch` (B × [`dim`](RealData::dim)) with a sample, drawing from `rng`.
    fn sample_into(&self, rng: &mut StdRng, batch: &mut Array2<T>);
}

/// The message of [`check_has_samples`], also the panic of a draw from an empty data set.
const NO_SAMPLES: &str = "the data set holds no samples: a batch cannot be drawn from it";

/// `Ok` unless `data` is a finite data set with no samples, from which no batch can be drawn.
/// Training calls it before its first step, so 0 rows (an empty array, a file of 0 images)
/// is an error there rather than a panic inside a step.
///
/// # Errors
/// [`GanError::InvalidConfig`] for the field `data` when
/// [`sample_count`](RealData::sample_count) is `Some(0)`.
pub fn check_has_samples<T: Float>(data: &dyn RealData<T>) -> Result<(), GanError> {
    match data.sample_count() {
        Some(0) => Err(GanError::InvalidConfig {
            field: "data",
            reason: NO_SAMPLES.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Row `i ~ U{0, …, count − 1}`: the uniform draw of a finite data set's sample.
///
/// # Panics
/// If `count` is 0, saying so ([`check_has_samples`] catches it before training).
#[track_caller]
pub(crate) fn draw_index(rng: &mut StdRng, count: usize) -> usize {
    assert!(count > 0, "RealData::sample_into: {NO_SAMPLES}");
    rng.random_range(0..count)
}

/// A finite data set, one sample per row: batches are rows drawn uniformly with replacement.
impl<T: Float> RealData<T> for Array2<T> {
    fn dim(&self) -> usize {
        self.ncols()
    }

    fn sample_count(&self) -> Option<usize> {
        Some(self.nrows())
    }

    fn sample_into(&self, rng: &mut StdRng, batch: &mut Array2<T>) {
        for mut row in batch.rows_mut() {
            row.assign(&self.row(draw_index(rng, self.nrows())));
        }
    }
}

/// A one-dimensional density: each sample is one draw ([`Density::sample_with`]).
impl<T: Float, D: Density + Sync> RealData<T> for D {
    fn dim(&self) -> usize {
        1
    }

    fn sample_into(&self, rng: &mut StdRng, batch: &mut Array2<T>) {
        for x in batch.iter_mut() {
            *x = T::lit(self.sample_with(rng));
        }
    }
}
