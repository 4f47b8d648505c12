//! [`RealData`]: where the discriminator's real samples come from.

use crate::density::Density;
use crate::Float;
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, Rng};

/// A source of real samples `x ~ p_data`: a distribution to sample, or a finite data set
/// to draw rows from. (`Sync`: a step may run on any worker of a rayon pool.)
pub trait RealData<T: Float>: Sync {
    /// The dimension of one sample (the generator's output size).
    fn dim(&self) -> usize;
    /// Fills every row of `batch` (B × [`dim`](RealData::dim)) with a sample, drawing from `rng`.
    fn sample_into(&self, rng: &mut StdRng, batch: &mut Array2<T>);
}

/// A finite data set, one sample per row: batches are rows drawn uniformly with replacement.
impl<T: Float> RealData<T> for Array2<T> {
    fn dim(&self) -> usize {
        self.ncols()
    }

    fn sample_into(&self, rng: &mut StdRng, batch: &mut Array2<T>) {
        for mut row in batch.rows_mut() {
            row.assign(&self.row(rng.random_range(0..self.nrows())));
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
