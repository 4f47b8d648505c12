//! Weight initialisation from a seed.
//!
//! | scheme | weights `W` (fan_in × fan_out) | reason |
//! |---|---|---|
//! | [`Init::Xavier`] | `U(−a, a)`, `a = √(6 / (fan_in + fan_out))`, so `Var W = 2 / (fan_in + fan_out)` | keeps activation variance for tanh/sigmoid (Glorot & Bengio 2010) |
//! | [`Init::He`] | `N(0, 2 / fan_in)` | keeps activation variance through ReLU, which zeroes half (He et al. 2015) |
//!
//! Biases start at 0.

use crate::Float;
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, Rng};
use rand_distr::{Distribution, StandardNormal};

/// A weight initialisation scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Init {
    /// Glorot/Xavier uniform: `U(−√(6/(fan_in+fan_out)), +√(6/(fan_in+fan_out)))`.
    Xavier,
    /// He/Kaiming normal: `N(0, 2/fan_in)`.
    He,
}

impl Init {
    /// A `fan_in × fan_out` weight matrix drawn from this scheme (sampled in `f64`, then
    /// rounded, so `f32` and `f64` networks from one seed start from the same weights).
    pub fn weights<T: Float>(self, fan_in: usize, fan_out: usize, rng: &mut StdRng) -> Array2<T> {
        let (fi, fo) = (fan_in as f64, fan_out as f64);
        match self {
            Init::Xavier => {
                let a = (6.0 / (fi + fo)).sqrt();
                Array2::from_shape_fn((fan_in, fan_out), |_| T::lit(rng.random_range(-a..=a)))
            }
            Init::He => {
                let std = (2.0 / fi).sqrt();
                Array2::from_shape_fn((fan_in, fan_out), |_| {
                    let z: f64 = StandardNormal.sample(rng);
                    T::lit(std * z)
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray_rand::rand::SeedableRng;

    fn variance(w: &Array2<f64>) -> f64 {
        let mean = w.mean().unwrap();
        w.mapv(|x| (x - mean).powi(2)).mean().unwrap()
    }

    #[test]
    fn variances_match_the_schemes() {
        let mut rng = StdRng::seed_from_u64(1);
        // 200 × 300 = 60,000 draws: the sample variance is within ~1.5% (4 standard errors).
        let xavier: Array2<f64> = Init::Xavier.weights(200, 300, &mut rng);
        let expected = 2.0 / 500.0;
        assert!(
            (variance(&xavier) / expected - 1.0).abs() < 0.015,
            "{}",
            variance(&xavier)
        );
        let bound = (6.0f64 / 500.0).sqrt();
        assert!(xavier.iter().all(|w| w.abs() <= bound));
        let he: Array2<f64> = Init::He.weights(200, 300, &mut rng);
        let expected = 2.0 / 200.0;
        assert!(
            (variance(&he) / expected - 1.0).abs() < 0.025,
            "{}",
            variance(&he)
        );
    }

    #[test]
    fn same_seed_same_weights_in_f32_and_f64() {
        let a: Array2<f32> = Init::He.weights(3, 4, &mut StdRng::seed_from_u64(7));
        let b: Array2<f64> = Init::He.weights(3, 4, &mut StdRng::seed_from_u64(7));
        assert_eq!(a, b.mapv(|x| x as f32));
    }
}
