//! Gradient play on the simplest zero-sum game, `V(x, y) = x·y`: the first player (G) picks
//! `x` to minimise `V`, the second (D) picks `y` to maximise it. Its only Nash equilibrium is
//! the saddle point `(0, 0)`: there neither player gains by moving alone
//! (`V(0, y) = V(x, 0) = 0`). Gradient descent for `x` and ascent for `y` never reach it:
//!
//! ```text
//! gradient flow   ẋ = −∂V/∂x = −y,   ẏ = ∂V/∂y = x        circles: x² + y² is constant
//! simultaneous    xₜ₊₁ = xₜ − η·yₜ,  yₜ₊₁ = yₜ + η·xₜ     spirals out: r grows by √(1 + η²)
//! alternating     xₜ₊₁ = xₜ − η·yₜ,  yₜ₊₁ = yₜ + η·xₜ₊₁   circles: x² + y² − η·x·y is constant
//! ```
//! Notebook: `notebooks-md/08_the_game.md`.

use super::MinimaxError;

/// The bilinear game's value `V(x, y) = x·y`.
pub fn bilinear_value(x: f64, y: f64) -> f64 {
    x * y
}

/// The continuous-time gradient flow from `start` after time `t`: the rotation
///
/// ```text
/// x(t) = x₀·cos t − y₀·sin t,   y(t) = x₀·sin t + y₀·cos t
/// ```
/// (it solves `ẋ = −y`, `ẏ = x`): an exact circle around the equilibrium, never closer.
pub fn gradient_flow(start: (f64, f64), t: f64) -> (f64, f64) {
    let (x, y) = start;
    let (sin, cos) = t.sin_cos();
    (x * cos - y * sin, x * sin + y * cos)
}

/// `steps` simultaneous gradient steps from `start`, both players reading the same point:
///
/// ```text
/// xₜ₊₁ = xₜ − η·yₜ,   yₜ₊₁ = yₜ + η·xₜ
/// ```
/// The step is `√(1 + η²)` times a rotation by `atan η`, since
/// `xₜ₊₁² + yₜ₊₁² = (1 + η²)·(xₜ² + yₜ²)`: the iterates spiral away from the equilibrium
/// for every `η > 0`. Returns the `steps + 1` points, `start` first.
///
/// # Errors
/// [`MinimaxError::GamePlay`] if `η` is not finite and positive or `start` is not finite.
pub fn simultaneous_play(
    start: (f64, f64),
    learning_rate: f64,
    steps: usize,
) -> Result<Vec<(f64, f64)>, MinimaxError> {
    check_play(start, learning_rate)?;
    let eta = learning_rate;
    Ok(play(start, steps, |(x, y)| (x - eta * y, y + eta * x)))
}

/// `steps` alternating gradient steps from `start`: `x` moves first, `y` answers the new `x`
/// (as a GAN's D and G take turns):
///
/// ```text
/// xₜ₊₁ = xₜ − η·yₜ,   yₜ₊₁ = yₜ + η·xₜ₊₁
/// ```
/// The step's matrix `[[1, −η], [η, 1 − η²]]` has determinant 1 and conserves
/// [`alternating_invariant`] `x² + y² − η·x·y` exactly, so for `η < 2` the iterates stay
/// on one ellipse around the equilibrium, circling it forever. Returns the `steps + 1`
/// points, `start` first.
///
/// # Errors
/// [`MinimaxError::GamePlay`] if `η` is not finite and positive or `start` is not finite.
pub fn alternating_play(
    start: (f64, f64),
    learning_rate: f64,
    steps: usize,
) -> Result<Vec<(f64, f64)>, MinimaxError> {
    check_play(start, learning_rate)?;
    let eta = learning_rate;
    Ok(play(start, steps, |(x, y)| {
        let x_next = x - eta * y;
        (x_next, y + eta * x_next)
    }))
}

/// The quantity alternating play conserves:
///
/// ```text
/// Q_η(x, y) = x² + y² − η·x·y
/// ```
/// With `x' = x − η·y` and `y' = y + η·x'`, both `Q_η(x, y)` and `Q_η(x', y')` equal
/// `x'² + η·x'·y + y²` (substitute `x = x' + η·y`, resp. `y' = y + η·x'`). For `η < 2` it
/// is positive definite, an ellipse; as `η → 0` it becomes the flow's `x² + y²`.
pub fn alternating_invariant(point: (f64, f64), learning_rate: f64) -> f64 {
    let (x, y) = point;
    x * x + y * y - learning_rate * x * y
}

/// The `steps + 1` points `start, f(start), f(f(start)), …`.
fn play(start: (f64, f64), steps: usize, f: impl Fn((f64, f64)) -> (f64, f64)) -> Vec<(f64, f64)> {
    let mut points = Vec::with_capacity(steps + 1);
    points.push(start);
    for _ in 0..steps {
        let last = *points.last().expect("start is there");
        points.push(f(last));
    }
    points
}

fn check_play(start: (f64, f64), learning_rate: f64) -> Result<(), MinimaxError> {
    if !(learning_rate.is_finite() && learning_rate > 0.0) {
        return Err(MinimaxError::GamePlay {
            reason: format!("the learning rate must be finite and > 0, got {learning_rate}"),
        });
    }
    if !(start.0.is_finite() && start.1.is_finite()) {
        return Err(MinimaxError::GamePlay {
            reason: format!("the starting point must be finite, got {start:?}"),
        });
    }
    Ok(())
}
