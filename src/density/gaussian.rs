//! The normal density `N(μ, σ²)`.

use ndarray_rand::rand::Rng;
use rand_distr::StandardNormal;

use super::error::{finite, positive, DensityError};
use super::Density;
use crate::divergence::ratio_of_difference;

/// The normal distribution with mean `μ` and standard deviation `σ`:
///
/// ```text
/// N(x; μ, σ²) = exp(−(x − μ)²/(2σ²)) / (σ·√(2π))
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gaussian {
    mean: f64,
    std_dev: f64,
}

impl Gaussian {
    /// `N(mean, std_dev²)`.
    ///
    /// # Errors
    /// [`DensityError::NotFinite`] for a non-finite mean; [`DensityError::NotPositive`]
    /// unless `std_dev` is finite and `> 0`.
    ///
    /// # Examples
    /// ```
    /// use adversarial::density::{Density, Gaussian};
    /// let standard = Gaussian::new(0.0, 1.0).unwrap();
    /// assert_eq!(standard.pdf(0.0), 1.0 / (2.0 * std::f64::consts::PI).sqrt());
    /// ```
    pub fn new(mean: f64, std_dev: f64) -> Result<Self, DensityError> {
        Ok(Self {
            mean: finite("mean", mean)?,
            std_dev: positive("std_dev", std_dev)?,
        })
    }

    /// The standard deviation `σ`.
    pub fn std_dev(&self) -> f64 {
        self.std_dev
    }
}

impl Density for Gaussian {
    /// `exp(−z²/2) / (σ·√(2π))`, `z = (x − μ)/σ`; `z` is formed without overflow, and
    /// `σ·√(2π)` is divided out in two steps where it overflows (σ near `f64::MAX`).
    fn pdf(&self, x: f64) -> f64 {
        let z = ratio_of_difference(x, self.mean, self.std_dev);
        let sqrt_tau = (2.0 * std::f64::consts::PI).sqrt();
        let denominator = self.std_dev * sqrt_tau;
        if denominator.is_finite() {
            (-0.5 * z * z).exp() / denominator
        } else {
            (-0.5 * z * z).exp() / self.std_dev / sqrt_tau
        }
    }

    fn mean(&self) -> f64 {
        self.mean
    }

    /// `σ²`.
    fn variance(&self) -> f64 {
        self.std_dev * self.std_dev
    }

    /// `μ + σ·ε`, `ε ∼ N(0, 1)` from `rand_distr::StandardNormal` (ziggurat).
    fn sample_with<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let epsilon: f64 = rng.sample(StandardNormal);
        self.mean + self.std_dev * epsilon
    }
}
