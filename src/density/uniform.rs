//! The uniform density on an interval.

use ndarray_rand::rand::Rng;

use super::error::{finite, DensityError};
use super::Density;

/// The uniform distribution on `[low, high]`:
///
/// ```text
/// U(x; a, b) = 1/(b − a) for a < x < b, 0 outside [a, b];   mean (a + b)/2, variance (b − a)²/12
/// ```
/// At the jumps `x = a` and `x = b` the pdf is `1/(2(b − a))`, the mean of its one-sided
/// limits (any value is a valid density there; this one makes trapezoid and Simpson rules
/// with a panel boundary on the jump integrate it exactly).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uniform {
    low: f64,
    high: f64,
}

impl Uniform {
    /// `U(low, high)`.
    ///
    /// # Errors
    /// [`DensityError::NotFinite`] for a non-finite bound, [`DensityError::EmptyInterval`]
    /// unless `low < high`.
    pub fn new(low: f64, high: f64) -> Result<Self, DensityError> {
        let low = finite("low", low)?;
        let high = finite("high", high)?;
        if low >= high {
            return Err(DensityError::EmptyInterval { low, high });
        }
        Ok(Self { low, high })
    }

    /// The interval `(a, b)`.
    pub fn bounds(&self) -> (f64, f64) {
        (self.low, self.high)
    }
}

impl Density for Uniform {
    /// `1/(b − a)` inside `(a, b)`, half that at `a` and `b`, 0 outside (`½/(b/2 − a/2)`
    /// where `b − a` overflows, so `U(−f64::MAX, f64::MAX)` has the density `0.5/f64::MAX`).
    fn pdf(&self, x: f64) -> f64 {
        let width = self.high - self.low;
        let inside = if width.is_finite() {
            1.0 / width
        } else {
            0.5 / (0.5 * self.high - 0.5 * self.low)
        };
        if x == self.low || x == self.high {
            0.5 * inside
        } else if self.low < x && x < self.high {
            inside
        } else {
            0.0
        }
    }

    /// `(a + b)/2`, as `a/2 + b/2` where `a + b` overflows.
    fn mean(&self) -> f64 {
        let sum = self.low + self.high;
        if sum.is_finite() {
            0.5 * sum
        } else {
            0.5 * self.low + 0.5 * self.high
        }
    }

    /// `(b − a)²/12`.
    fn variance(&self) -> f64 {
        let width = self.high - self.low;
        width * width / 12.0
    }

    /// `a + (b − a)·u`, `u ∼ U[0, 1)` (as `a·(1 − u) + b·u` where `b − a` overflows).
    fn sample_with<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let u: f64 = rng.random();
        let width = self.high - self.low;
        if width.is_finite() {
            self.low + width * u
        } else {
            self.low * (1.0 - u) + self.high * u
        }
    }
}
