//! Why the minimax generator loss stops training: `p_data = N(0, 1)`, `p_G = N(θ, 1)`, and the
//! generator's gradient as the two distributions drift apart.
//! Notebooks: `notebooks-md/04_js_divergence.md`, `notebooks-md/05b_vanishing_gradients.md`.

use std::f64::consts::{LN_2, PI};

use super::MinimaxError;
use crate::divergence::{js_divergence_density, Grid};

/// Grid spacing of the quadratures (Simpson's error is far below 1e-10 at this step).
const STEP: f64 = 0.005;
/// How far past both means the grid reaches, in standard deviations (`e^(−72)` of the mass is left out).
const TAIL: f64 = 12.0;
/// Largest accepted `|θ|`: the grid has `(|θ| + 24)/0.005` points (14,801 at 50), and the
/// minimax gradient is ~1e-136 there.
pub const MAX_SEPARATION: f64 = 50.0;

/// One row of the study at separation `θ`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StudyPoint {
    /// `θ`, the generator's mean: `p_G = N(θ, 1)`.
    pub separation: f64,
    /// `JSD(N(0, 1) ‖ N(θ, 1))` by quadrature; tends to `ln 2`.
    pub js_divergence: f64,
    /// `V(G, D*) = −ln 4 + 2·JSD`; tends to 0.
    pub value_at_optimum: f64,
    /// `d/dθ′ E_ε[ln(1 − D*_θ(θ′ + ε))]` at `θ′ = θ` `= θ·E_{x∼p_G}[D*_θ(x)]`; tends to 0.
    pub minimax_gradient: f64,
    /// `d/dθ′ E_ε[−ln D*_θ(θ′ + ε)]` at `θ′ = θ` `= θ·E_{x∼p_G}[1 − D*_θ(x)]`; tends to `θ`.
    pub non_saturating_gradient: f64,
}

/// The logistic function `σ(s) = 1/(1 + e⁻ˢ)`, evaluated without overflow.
fn logistic(s: f64) -> f64 {
    if s >= 0.0 {
        1.0 / (1.0 + (-s).exp())
    } else {
        let e = s.exp();
        e / (1.0 + e)
    }
}

/// The standard normal density `φ(x) = exp(−x²/2)/√(2π)`.
fn standard_normal(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * PI).sqrt()
}

/// The generator's gradient through the two generator losses, for `p_data = N(0, 1)` and
/// `p_G = N(θ, 1)` at each separation `θ`, with the discriminator at its optimum.
///
/// What is differentiated: the generator is `x = G(ε) = θ′ + ε`, `ε ∼ N(0, 1)`
/// (reparameterisation); the discriminator is held fixed at `D*_θ`, optimal for the current
/// `θ`; the derivative is taken in `θ′` at `θ′ = θ`:
///
/// ```text
/// D*_θ(x)         = p_data(x)/(p_data(x) + p_G(x)) = σ(θ²/2 − θx)     (p_G/p_data = e^(θx − θ²/2))
/// minimax         d/dθ′ E_ε[ ln(1 − D*_θ(θ′ + ε))] = E_ε[∂ₓ ln(1 − D*_θ)(θ + ε)] = θ·E_{x∼N(θ,1)}[D*_θ(x)]
/// non-saturating  d/dθ′ E_ε[−ln D*_θ(θ′ + ε)]      = E_ε[−∂ₓ ln D*_θ(θ + ε)]     = θ·E_{x∼N(θ,1)}[1 − D*_θ(x)]
/// ```
/// using `∂ₓ ln σ(s) = (1 − σ(s))·∂ₓs` with `∂ₓs = −θ`. Both are gradients of a loss the
/// generator *minimises*, so both point θ back towards 0. By the envelope theorem the
/// minimax one is also `d/dθ V(G_θ, D*_θ) = 2·dJSD/dθ`: once the supports barely overlap,
/// JSD is flat at `ln 2` and the gradient is `√(π/2)·e^(−θ²/8)·(1 − π²/(2θ²) + O(θ⁻⁴))`,
/// below 1e-6 from `θ = 11` on; the non-saturating one is `θ` minus that, so it tends to `θ`.
///
/// The expectations are Simpson quadratures in `x` on `[min(0, θ) − 12, max(0, θ) + 12]`
/// with step ≤ 0.005, `D*` evaluated in the logistic form above (no `0/0` in the tails),
/// `1 − D*` as `σ(θx − θ²/2)` (no cancellation). `JSD` uses [`js_divergence_density`] on
/// the same grid.
///
/// # Errors
/// [`MinimaxError::Separation`] for a `θ` that is NaN or has `|θ| >` [`MAX_SEPARATION`].
///
/// # Examples
/// ```
/// use adversarial::minimax::vanishing_gradient_study;
/// let study = vanishing_gradient_study(&[1.0, 12.0]).unwrap();
/// assert!(study[1].minimax_gradient < 1e-6);
/// assert!(study[1].non_saturating_gradient > 11.0);
/// ```
pub fn vanishing_gradient_study(separations: &[f64]) -> Result<Vec<StudyPoint>, MinimaxError> {
    if let Some(index) = separations
        .iter()
        .position(|t| t.is_nan() || t.abs() > MAX_SEPARATION)
    {
        return Err(MinimaxError::Separation {
            index,
            value: separations[index],
        });
    }
    separations
        .iter()
        .map(|&theta| study_point(theta))
        .collect()
}

/// One [`StudyPoint`] at `|theta| ≤ MAX_SEPARATION`.
fn study_point(theta: f64) -> Result<StudyPoint, MinimaxError> {
    let start = theta.min(0.0) - TAIL;
    let end = theta.max(0.0) + TAIL;
    let intervals = ((end - start) / STEP / 2.0).ceil() as usize * 2;
    let grid = Grid::new(start, end, intervals + 1)?;
    let p_data = grid.evaluate(standard_normal);
    let p_g = grid.evaluate(|x| standard_normal(x - theta));
    let js_divergence = js_divergence_density(&grid, &p_data, &p_g)?;
    let logit = |x: f64| 0.5 * theta * theta - theta * x;
    let expected_d_star = grid.integrate_terms(
        grid.points()
            .iter()
            .zip(&p_g)
            .map(|(&x, &g)| g * logistic(logit(x))),
    );
    let expected_one_minus_d_star = grid.integrate_terms(
        grid.points()
            .iter()
            .zip(&p_g)
            .map(|(&x, &g)| g * logistic(-logit(x))),
    );
    Ok(StudyPoint {
        separation: theta,
        js_divergence,
        value_at_optimum: -2.0 * LN_2 + 2.0 * js_divergence,
        minimax_gradient: theta * expected_d_star,
        non_saturating_gradient: theta * expected_one_minus_d_star,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separations_must_be_numbers_within_the_limit() {
        assert_eq!(
            vanishing_gradient_study(&[1.0, f64::NAN])
                .unwrap_err()
                .to_string(),
            "`separations[1]` = NaN must lie in [−50, 50] (MAX_SEPARATION)"
        );
        assert_eq!(
            vanishing_gradient_study(&[60.0]),
            Err(MinimaxError::Separation {
                index: 0,
                value: 60.0
            })
        );
    }
}
