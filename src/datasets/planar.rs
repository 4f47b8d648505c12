//! The 2-D mode-collapse benchmark (VEEGAN, Srivastava et al. 2017; PacGAN, Lin et al. 2018):
//! equally weighted isotropic Gaussians, far apart compared with their spread, so that a
//! generator that drops a mode is seen at once. Notebook: `notebooks-md/06_mode_collapse.md`.
//!
//! ```text
//! p_data(x) = (1/K) Σ_k N(x; μ_k, σ²·I)
//! ring:  K = 8,  μ_k = (cos 2πk/8, sin 2πk/8),  σ = 0.01
//! grid:  K = 25, μ ∈ {−4, −2, 0, 2, 4}²,         σ = 0.05
//! ```

use super::DatasetError;
use crate::gan::RealData;
use crate::Float;
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};
use rand_distr::{Distribution, StandardNormal};
use std::f64::consts::PI;

/// `(1/K) Σ_k N(μ_k, σ²·I)` in the plane: K modes of equal weight and one standard deviation.
#[derive(Clone, Debug, PartialEq)]
pub struct GaussianMixture2d {
    modes: Vec<(f64, f64)>,
    sigma: f64,
}

impl GaussianMixture2d {
    /// The mixture with means `modes` and standard deviation `sigma` in each coordinate.
    ///
    /// # Errors
    /// [`DatasetError::InvalidArgument`] naming `modes` (empty, or a NaN or infinite
    /// coordinate, with its index) or `sigma` (not finite and > 0).
    pub fn new(modes: Vec<(f64, f64)>, sigma: f64) -> Result<Self, DatasetError> {
        let bad =
            |argument, reason: String| Err(DatasetError::InvalidArgument { argument, reason });
        if modes.is_empty() {
            return bad("modes", "at least one mode is needed".into());
        }
        if let Some(k) = modes
            .iter()
            .position(|m| !(m.0.is_finite() && m.1.is_finite()))
        {
            return bad(
                "modes",
                format!("mode {k} is {:?}; it must be finite", modes[k]),
            );
        }
        if !(sigma.is_finite() && sigma > 0.0) {
            return bad("sigma", format!("{sigma} must be finite and > 0"));
        }
        Ok(GaussianMixture2d { modes, sigma })
    }

    /// The means `μ_k`.
    pub fn modes(&self) -> &[(f64, f64)] {
        &self.modes
    }

    /// The standard deviation `σ` of each coordinate of each mode.
    pub fn sigma(&self) -> f64 {
        self.sigma
    }

    /// `n` samples (n × 2) drawn from `seed`: each picks a mode uniformly, then adds `σ·ε`,
    /// `ε ~ N(0, I)`.
    pub fn sample(&self, n: usize, seed: u64) -> Array2<f64> {
        let mut samples = Array2::zeros((n, 2));
        self.sample_into(&mut StdRng::seed_from_u64(seed), &mut samples);
        samples
    }

    /// The mixture of `factor · x` for `x` from this one: means `factor · μ_k`, deviation
    /// `|factor| · σ` (to train on data of unit extent and scale the samples back).
    ///
    /// # Panics
    /// If `factor` is 0 or not finite.
    #[track_caller]
    pub fn scaled(&self, factor: f64) -> GaussianMixture2d {
        assert!(
            factor.is_finite() && factor != 0.0,
            "GaussianMixture2d::scaled: factor {factor} must be finite and non-zero"
        );
        let modes = self
            .modes
            .iter()
            .map(|&(x, y)| (factor * x, factor * y))
            .collect();
        GaussianMixture2d::new(modes, factor.abs() * self.sigma).expect("finite, σ > 0")
    }

    /// `max_k max(|μ_k,x|, |μ_k,y|)`: 1 for the ring, 4 for the grid.
    pub fn extent(&self) -> f64 {
        self.modes
            .iter()
            .fold(0.0, |m, &(x, y)| m.max(x.abs()).max(y.abs()))
    }

    /// The square `[low, high]²` holding every mean with a margin of a quarter of the
    /// means' extent (at least `10σ`): the frame of the scatter plots.
    pub fn frame(&self) -> (f64, f64) {
        let (low, high) = self.modes.iter().fold((f64::MAX, f64::MIN), |(lo, hi), m| {
            (lo.min(m.0).min(m.1), hi.max(m.0).max(m.1))
        });
        let margin = (0.25 * (high - low)).max(10.0 * self.sigma);
        (low - margin, high + margin)
    }
}

impl<T: Float> RealData<T> for GaussianMixture2d {
    fn dim(&self) -> usize {
        2
    }

    fn sample_into(&self, rng: &mut StdRng, batch: &mut Array2<T>) {
        for mut row in batch.rows_mut() {
            let (x, y) = self.modes[rng.random_range(0..self.modes.len())];
            let (ex, ey): (f64, f64) = (StandardNormal.sample(rng), StandardNormal.sample(rng));
            row[0] = T::lit(x + self.sigma * ex);
            row[1] = T::lit(y + self.sigma * ey);
        }
    }
}

/// 8 modes on the unit circle, `μ_k = (cos 2πk/8, sin 2πk/8)`, `σ = 0.01`.
pub fn ring() -> GaussianMixture2d {
    let modes = (0..8)
        .map(|k| {
            let angle = 2.0 * PI * f64::from(k) / 8.0;
            (angle.cos(), angle.sin())
        })
        .collect();
    GaussianMixture2d::new(modes, 0.01).expect("finite modes, σ > 0")
}

/// 25 modes on the grid `{−4, −2, 0, 2, 4}²`, `σ = 0.05`.
pub fn grid() -> GaussianMixture2d {
    let ticks = [-4.0, -2.0, 0.0, 2.0, 4.0];
    let modes = ticks
        .iter()
        .flat_map(|&x| ticks.iter().map(move |&y| (x, y)))
        .collect();
    GaussianMixture2d::new(modes, 0.05).expect("finite modes, σ > 0")
}
