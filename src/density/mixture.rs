//! Finite mixtures `p(x) = Σₖ wₖ·pₖ(x)`: the multi-modal targets of the 1-D experiments.

use ndarray_rand::rand::Rng;

use super::error::DensityError;
use super::{Density, Gaussian};

/// A finite mixture of densities of one kind (Gaussians by default):
///
/// ```text
/// p(x) = Σₖ wₖ·pₖ(x),   E[X] = Σₖ wₖ·μₖ,   Var[X] = Σₖ wₖ·(σₖ² + (μₖ − E[X])²)
/// ```
/// where `wₖ ≥ 0`, `Σₖ wₖ = 1` are the weights and `pₖ` the components with means `μₖ`
/// and variances `σₖ²`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mixture<D = Gaussian> {
    weights: Vec<f64>,
    /// `cumulative[k] = w₀ + … + wₖ`, the last one set to exactly 1.
    cumulative: Vec<f64>,
    components: Vec<D>,
}

impl<D: Density> Mixture<D> {
    /// The mixture with the given weights, normalised to sum to 1, and components.
    ///
    /// # Errors
    /// [`DensityError::MixtureShape`] if the lists are empty or differ in length,
    /// [`DensityError::InvalidWeight`] for a negative or non-finite weight,
    /// [`DensityError::ZeroWeights`] if all weights are 0.
    ///
    /// # Examples
    /// ```
    /// use adversarial::density::{Density, Gaussian, Mixture};
    /// let bimodal = Mixture::new(
    ///     vec![1.0, 3.0],
    ///     vec![Gaussian::new(-2.0, 0.5).unwrap(), Gaussian::new(2.0, 0.5).unwrap()],
    /// )
    /// .unwrap();
    /// assert_eq!(bimodal.weights(), &[0.25, 0.75]);
    /// assert_eq!(bimodal.mean(), 0.25 * -2.0 + 0.75 * 2.0);
    /// ```
    pub fn new(weights: Vec<f64>, components: Vec<D>) -> Result<Self, DensityError> {
        if weights.is_empty() || weights.len() != components.len() {
            return Err(DensityError::MixtureShape {
                weights: weights.len(),
                components: components.len(),
            });
        }
        if let Some(index) = weights.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
            return Err(DensityError::InvalidWeight {
                index,
                value: weights[index],
            });
        }
        // Dividing by the largest weight first keeps the sum finite for any finite weights.
        let largest = weights.iter().copied().fold(0.0, f64::max);
        if largest == 0.0 {
            return Err(DensityError::ZeroWeights);
        }
        let scaled: Vec<f64> = weights.iter().map(|w| w / largest).collect();
        let total: f64 = scaled.iter().sum();
        let weights: Vec<f64> = scaled.iter().map(|w| w / total).collect();
        let mut running = 0.0;
        let mut cumulative: Vec<f64> = weights
            .iter()
            .map(|w| {
                running += w;
                running
            })
            .collect();
        *cumulative.last_mut().expect("checked non-empty") = 1.0;
        Ok(Self {
            weights,
            cumulative,
            components,
        })
    }

    /// The normalised weights `wₖ`.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The components `pₖ`.
    pub fn components(&self) -> &[D] {
        &self.components
    }
}

impl<D: Density> Density for Mixture<D> {
    /// `Σₖ wₖ·pₖ(x)`.
    fn pdf(&self, x: f64) -> f64 {
        self.weights
            .iter()
            .zip(&self.components)
            .map(|(w, c)| w * c.pdf(x))
            .sum()
    }

    /// `Σₖ wₖ·μₖ`.
    fn mean(&self) -> f64 {
        self.weights
            .iter()
            .zip(&self.components)
            .map(|(w, c)| w * c.mean())
            .sum()
    }

    /// `Σₖ wₖ·(σₖ² + (μₖ − μ)²)`, the law of total variance (no cancellation).
    fn variance(&self) -> f64 {
        let mean = self.mean();
        self.weights
            .iter()
            .zip(&self.components)
            .map(|(w, c)| w * (c.variance() + (c.mean() - mean).powi(2)))
            .sum()
    }

    /// Picks component `k` with probability `wₖ` (the first `k` with `u < w₀ + … + wₖ`,
    /// `u ∼ U[0, 1)`), then draws from it.
    fn sample_with<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let u: f64 = rng.random();
        let k = self.cumulative.partition_point(|&c| c <= u);
        self.components[k].sample_with(rng)
    }
}
