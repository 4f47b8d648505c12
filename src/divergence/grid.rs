//! A uniform grid on `[a, b]` with composite Simpson weights: the quadrature behind every
//! continuous divergence and the value function `V(G, D)`.

use super::continuous::ratio_of_difference;
use super::error::DivergenceError;
use super::sum::compensated_sum;

/// `n` equally spaced points `xᵢ = a + i·h`, `h = (b − a)/(n − 1)`, `n` odd, with the
/// composite Simpson weights
///
/// ```text
/// ∫ₐᵇ f(x) dx ≈ Σᵢ wᵢ·f(xᵢ),     w = h/3 · (1, 4, 2, 4, 2, …, 2, 4, 1)
/// ```
/// exact for cubics, error `−(b − a)·h⁴·f⁗(ξ)/180` for smooth `f`. For densities that
/// vanish (with their derivatives) at both ends, as a Gaussian does 12σ out, the error is
/// far smaller than this bound. Notebook: `notebooks-md/03_kl_divergence.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    points: Vec<f64>,
    weights: Vec<f64>,
    step: f64,
}

impl Grid {
    /// The Simpson grid of `points` equally spaced points from `start` to `end` inclusive.
    ///
    /// The step is formed without overflow, so `Grid::new(-f64::MAX, f64::MAX, 5)` has step
    /// `f64::MAX/2` (its weights are finite; an integral beyond `f64::MAX` is then `±∞`).
    ///
    /// # Errors
    /// [`DivergenceError::GridPoints`] if `points` is even or below 3;
    /// [`DivergenceError::GridRange`] unless `start < end`, both finite;
    /// [`DivergenceError::GridSpacing`] if the step `h` rounds the points together (`h` too
    /// small for their magnitude), the smallest weight `h/3` underflows to 0 or the largest
    /// `4h/3` overflows;
    /// [`DivergenceError::GridTooLarge`] if the points cannot be allocated (`usize::MAX`).
    ///
    /// # Examples
    /// ```
    /// use adversarial::divergence::Grid;
    /// let grid = Grid::new(0.0, 1.0, 3).unwrap();
    /// // Simpson is exact for x³: ∫₀¹ x³ dx = 1/4.
    /// assert!((grid.integrate(&grid.evaluate(|x| x * x * x)) - 0.25).abs() < 1e-16);
    /// ```
    pub fn new(start: f64, end: f64, points: usize) -> Result<Self, DivergenceError> {
        if points < 3 || points.is_multiple_of(2) {
            return Err(DivergenceError::GridPoints { points });
        }
        if !(start.is_finite() && end.is_finite() && start < end) {
            return Err(DivergenceError::GridRange { start, end });
        }
        let intervals = (points - 1) as f64;
        let step = ratio_of_difference(end, start, intervals);
        let spacing_error = DivergenceError::GridSpacing { start, end, points };
        // The factors 1, 2, 4 are powers of two: factor·(h/3) is (factor·h)/3 without overflow.
        if !(step / 3.0 > 0.0 && (4.0 * (step / 3.0)).is_finite()) {
            return Err(spacing_error);
        }
        let mut xs = Vec::new();
        let mut weights = Vec::new();
        if xs.try_reserve_exact(points).is_err() || weights.try_reserve_exact(points).is_err() {
            return Err(DivergenceError::GridTooLarge { points });
        }
        // Interpolate from both ends so the last point is `end` exactly (and no sum overflows).
        xs.extend((0..points).map(|i| {
            let t = i as f64 / intervals;
            start * (1.0 - t) + end * t
        }));
        if xs.windows(2).any(|pair| pair[0] >= pair[1]) {
            return Err(spacing_error);
        }
        weights.extend((0..points).map(|i| {
            let factor = if i == 0 || i == points - 1 {
                1.0
            } else if i % 2 == 1 {
                4.0
            } else {
                2.0
            };
            factor * (step / 3.0)
        }));
        Ok(Self {
            points: xs,
            weights,
            step,
        })
    }

    /// The points `x₀ = a, …, x_{n−1} = b`.
    pub fn points(&self) -> &[f64] {
        &self.points
    }

    /// The Simpson weights `wᵢ`, summing to `b − a`.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Number of points `n`.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Always `false`: a grid has at least 3 points.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Spacing `h = (b − a)/(n − 1)`.
    pub fn step(&self) -> f64 {
        self.step
    }

    /// `f(xᵢ)` for every grid point: a density "evaluated on the grid".
    pub fn evaluate(&self, f: impl Fn(f64) -> f64) -> Vec<f64> {
        self.points.iter().map(|&x| f(x)).collect()
    }

    /// `Σᵢ wᵢ·vᵢ ≈ ∫ f(x) dx` for the values `vᵢ = f(xᵢ)`, summed with compensation.
    ///
    /// # Panics
    /// If `values.len()` differs from the number of grid points.
    #[track_caller]
    pub fn integrate(&self, values: &[f64]) -> f64 {
        assert_eq!(
            values.len(),
            self.len(),
            "Grid::integrate: {} values for a grid of {} points",
            values.len(),
            self.len()
        );
        self.integrate_terms(values.iter().copied())
    }

    /// `Σᵢ wᵢ·tᵢ` for terms produced in grid order (callers check the lengths).
    pub(crate) fn integrate_terms(&self, terms: impl IntoIterator<Item = f64>) -> f64 {
        compensated_sum(terms.into_iter().zip(&self.weights).map(|(t, &w)| w * t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Simpson's rule is exact for cubics; weights h/3·(1, 4, 2, …, 4, 1) sum to b − a.
    #[test]
    fn weights_and_exactness_for_cubics() {
        let grid = Grid::new(-1.0, 3.0, 9).unwrap();
        assert_eq!(grid.step(), 0.5);
        assert_eq!(grid.points()[8], 3.0);
        let expected = [1.0, 4.0, 2.0, 4.0, 2.0, 4.0, 2.0, 4.0, 1.0].map(|f| f * 0.5 / 3.0);
        assert_eq!(grid.weights(), &expected);
        // ∫₋₁³ (x³ − 2x + 1) dx = [x⁴/4 − x² + x] = (81/4 − 9 + 3) − (1/4 − 1 − 1) = 16.
        let integral = grid.integrate(&grid.evaluate(|x| x * x * x - 2.0 * x + 1.0));
        assert!((integral - 16.0).abs() < 1e-14);
    }

    #[test]
    fn bad_grids_are_errors() {
        assert_eq!(
            Grid::new(0.0, 1.0, 4),
            Err(DivergenceError::GridPoints { points: 4 })
        );
        assert_eq!(
            Grid::new(0.0, 1.0, 1),
            Err(DivergenceError::GridPoints { points: 1 })
        );
        assert_eq!(
            Grid::new(1.0, 1.0, 5),
            Err(DivergenceError::GridRange {
                start: 1.0,
                end: 1.0
            })
        );
        assert!(matches!(
            Grid::new(f64::NAN, 1.0, 5),
            Err(DivergenceError::GridRange { .. })
        ));
    }

    #[test]
    #[should_panic(expected = "Grid::integrate: 4 values for a grid of 5 points")]
    fn integrate_checks_the_length() {
        Grid::new(0.0, 1.0, 5).unwrap().integrate(&[1.0; 4]);
    }
}
