//! The Gaussian maximum-likelihood estimate found numerically: gradient ascent on the mean
//! log-likelihood, with the gradient from the autograd tape. The closed form
//! ([`gaussian_mle`](super::gaussian_mle)) is the check.
//!
//! Notebook: `notebooks-md/02_maximum_likelihood.md` (section "Gradient ascent on the tape").

use super::error::{check_nonempty, check_positive, MleError};
use super::gaussian::GaussianFit;
use super::likelihood::LN_SQRT_TAU;
use crate::autograd::{Gradients, ParamId, Tape, Var};
use ndarray::{arr2, Array2};

/// Gradient ascent stops once both partial derivatives are at most this in absolute value.
pub const GRADIENT_TOLERANCE: f64 = 1e-12;

const MU: ParamId = ParamId(0);
const LOG_SIGMA: ParamId = ParamId(1);

/// The result of [`gaussian_mle_by_gradient_ascent`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientAscentFit {
    /// The Gaussian reached.
    pub fit: GaussianFit,
    /// Gradient steps taken.
    pub steps_taken: usize,
    /// Whether both partial derivatives fell to [`GRADIENT_TOLERANCE`] or below.
    pub converged: bool,
    /// The mean log-likelihood `(1/m) Σ log N(x_i; μ, σ²)` at `fit`.
    pub mean_log_likelihood: f64,
    /// `max(|∂J/∂μ|, |∂J/∂s|)` at `fit`, `J` the mean negative log-likelihood.
    pub gradient_max_abs: f64,
}

/// The maximum-likelihood Gaussian found by gradient ascent on the tape.
///
/// Minimises the mean negative log-likelihood, with `σ = eˢ` so that every step keeps
/// `σ > 0`:
///
/// ```text
/// J(μ, s) = −(1/m) Σ_i log N(x_i; μ, e^{2s}) = s + ln √(2π) + ½·e^{−2s}·(1/m) Σ_i (x_i − μ)²
/// ∂J/∂μ = −e^{−2s}·(1/m) Σ_i (x_i − μ)          ∂J/∂s = 1 − e^{−2s}·(1/m) Σ_i (x_i − μ)²
/// (μ, s) ← (μ, s) − η·(∂J/∂μ, ∂J/∂s)
/// ```
/// where `η` is `learning_rate`. `J` is built from tape ops (`sub`, `mul`, `mean`, `scale`,
/// `exp`, `add`) and `Tape::backward` gives the two partial derivatives; the formulas above
/// are only the documentation (and the test). Starts at `μ = 0, σ = 1`, stops after
/// `steps` steps or once both partials are at most [`GRADIENT_TOLERANCE`]. Both partials
/// vanish exactly at the closed form `μ = mean, σ² = (1/m)Σ(x_i − μ)²`. Near it the
/// curvature is `1/σ²` in `μ` and `2` in `s`, so `η < min(2σ², 1)` converges; plain
/// gradient steps are slow when σ is large (scale the data first).
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Errors
/// [`MleError::Empty`] or [`MleError::NonFinite`] for bad samples; [`MleError::NotPositive`]
/// unless `learning_rate` is finite and `> 0`; [`MleError::Diverged`] naming the step if the
/// loss or its gradient stops being finite or `σ = eˢ` overflows or vanishes (the learning
/// rate is too large for the data).
///
/// # Examples
/// ```
/// use adversarial::mle::{gaussian_mle, gaussian_mle_by_gradient_ascent};
/// let samples = [0.5, 1.5, 1.0, 2.5, -0.5];
/// let ascent = gaussian_mle_by_gradient_ascent(&samples, 10_000, 0.2)?;
/// let closed = gaussian_mle(&samples)?;
/// assert!(ascent.converged);
/// assert!((ascent.fit.mu - closed.mu).abs() < 1e-9);
/// assert!((ascent.fit.sigma - closed.sigma).abs() < 1e-9);
/// # Ok::<(), adversarial::mle::MleError>(())
/// ```
pub fn gaussian_mle_by_gradient_ascent(
    samples: &[f64],
    steps: usize,
    learning_rate: f64,
) -> Result<GradientAscentFit, MleError> {
    check_nonempty(samples, "samples")?;
    check_positive(learning_rate, "learning_rate")?;
    let data = Array2::from_shape_vec((samples.len(), 1), samples.to_vec()).expect("m × 1");
    let (mut mu, mut log_sigma) = (0.0, 0.0);
    let mut tape = Tape::<f64>::new();
    let mut grads = Gradients::new();
    let mut step = 0;
    loop {
        tape.reset();
        let loss = {
            let tape = &tape;
            let x = tape.constant(&data);
            let mu_var = tape.param(MU, &arr2(&[[mu]]));
            let log_sigma_var = tape.param(LOG_SIGMA, &arr2(&[[log_sigma]]));
            let loss = mean_negative_log_likelihood(tape, x, mu_var, log_sigma_var);
            tape.backward_into(loss, &mut grads);
            loss.item()
        };
        let partial = |id| grads.param(id).map_or(0.0, |g| g[[0, 0]]);
        let (d_mu, d_log_sigma) = (partial(MU), partial(LOG_SIGMA));
        let sigma = log_sigma.exp();
        let finite = [loss, d_mu, d_log_sigma, sigma]
            .iter()
            .all(|v| v.is_finite());
        if !finite || sigma == 0.0 {
            return Err(MleError::Diverged { step, loss });
        }
        let gradient_max_abs = d_mu.abs().max(d_log_sigma.abs());
        let converged = gradient_max_abs <= GRADIENT_TOLERANCE;
        if converged || step == steps {
            return Ok(GradientAscentFit {
                fit: GaussianFit { mu, sigma },
                steps_taken: step,
                converged,
                mean_log_likelihood: -loss,
                gradient_max_abs,
            });
        }
        mu -= learning_rate * d_mu;
        log_sigma -= learning_rate * d_log_sigma;
        step += 1;
    }
}

/// `J = s + ln √(2π) + ½·e^{−2s}·mean((x − μ)²)` on the tape; `x` is m × 1, `μ` and `s` 1 × 1.
fn mean_negative_log_likelihood<'t>(
    tape: &'t Tape<f64>,
    x: Var<'t, f64>,
    mu: Var<'t, f64>,
    log_sigma: Var<'t, f64>,
) -> Var<'t, f64> {
    let residual = x - mu;
    let precision = log_sigma.scale(-2.0).exp(); // 1/σ² = e^{−2s}
    let half_mean_square = (residual * residual).mean().scale(0.5);
    half_mean_square * precision + log_sigma + tape.constant(&arr2(&[[LN_SQRT_TAU]]))
}

#[cfg(test)]
mod tests {
    use super::super::{gaussian_log_likelihood, gaussian_mle};
    use super::*;
    use crate::autograd::gradcheck;

    /// `−(1/m)·ℓ(μ, σ)` from [`gaussian_log_likelihood`]: the value the tape's `J` must equal.
    fn reference_loss(samples: &[f64], mu: f64, sigma: f64) -> f64 {
        -gaussian_log_likelihood(samples, mu, sigma).unwrap() / samples.len() as f64
    }

    const SAMPLES: [f64; 6] = [0.3, -1.2, 2.0, 0.7, -0.1, 1.1];

    #[test]
    fn the_tape_loss_equals_the_negative_mean_log_likelihood() {
        for (mu, sigma) in [(0.0, 1.0), (0.5, 0.3), (-2.0, 4.0)] {
            let tape = Tape::<f64>::new();
            let x = tape.constant(&arr2(&[SAMPLES]).reversed_axes());
            let mu_var = tape.variable(&arr2(&[[mu]]));
            let s = tape.variable(&arr2(&[[f64::ln(sigma)]]));
            let loss = mean_negative_log_likelihood(&tape, x, mu_var, s).item();
            assert!(
                (loss - reference_loss(&SAMPLES, mu, sigma)).abs() < 1e-14,
                "μ = {mu}"
            );
        }
    }

    #[test]
    fn the_tape_gradient_matches_the_hand_derivation_and_finite_differences() {
        let (mu, s) = (0.4, -0.3);
        let tape = Tape::<f64>::new();
        let x = tape.constant(&arr2(&[SAMPLES]).reversed_axes());
        let (mu_var, s_var) = (tape.variable(&arr2(&[[mu]])), tape.variable(&arr2(&[[s]])));
        let g = tape.backward(mean_negative_log_likelihood(&tape, x, mu_var, s_var));
        let m = SAMPLES.len() as f64;
        let precision = (-2.0 * s).exp();
        let mean_residual = SAMPLES.iter().map(|x| x - mu).sum::<f64>() / m;
        let mean_square = SAMPLES.iter().map(|x| (x - mu) * (x - mu)).sum::<f64>() / m;
        assert!((g.wrt(mu_var).unwrap()[[0, 0]] + precision * mean_residual).abs() < 1e-14);
        assert!((g.wrt(s_var).unwrap()[[0, 0]] - (1.0 - precision * mean_square)).abs() < 1e-14);
        let inputs = [arr2(&[[mu]]), arr2(&[[s]])];
        gradcheck(&inputs, |tape, v| {
            let x = tape.constant(&arr2(&[SAMPLES]).reversed_axes());
            mean_negative_log_likelihood(tape, x, v[0], v[1])
        })
        .assert_below(1e-8);
    }

    #[test]
    fn converges_to_the_closed_form() {
        let closed = gaussian_mle(&SAMPLES).unwrap();
        let ascent = gaussian_mle_by_gradient_ascent(&SAMPLES, 10_000, 0.3).unwrap();
        assert!(ascent.converged, "{ascent:?}");
        assert!(
            (ascent.fit.mu - closed.mu).abs() < 1e-10,
            "{ascent:?} vs {closed:?}"
        );
        assert!(
            (ascent.fit.sigma - closed.sigma).abs() < 1e-10,
            "{ascent:?} vs {closed:?}"
        );
        let best = -reference_loss(&SAMPLES, closed.mu, closed.sigma);
        assert!((ascent.mean_log_likelihood - best).abs() < 1e-14);
    }

    #[test]
    fn zero_steps_return_the_start_and_bad_input_is_an_error() {
        let start = gaussian_mle_by_gradient_ascent(&SAMPLES, 0, 0.1).unwrap();
        assert_eq!(
            start.fit,
            GaussianFit {
                mu: 0.0,
                sigma: 1.0
            }
        );
        assert_eq!((start.steps_taken, start.converged), (0, false));
        let err = gaussian_mle_by_gradient_ascent(&SAMPLES, 10, -0.1).unwrap_err();
        assert_eq!(
            err,
            MleError::NotPositive {
                argument: "learning_rate",
                value: -0.1
            }
        );
        let err = gaussian_mle_by_gradient_ascent(&[], 10, 0.1).unwrap_err();
        assert_eq!(
            err,
            MleError::Empty {
                argument: "samples"
            }
        );
    }

    #[test]
    fn a_learning_rate_far_too_large_reports_the_step_where_it_diverged() {
        // Step 1: ∂J/∂s = 1 − 30²-ish ≈ −900, so s jumps by ≈ 45 000 and σ = eˢ overflows.
        let err = gaussian_mle_by_gradient_ascent(&[30.0, 31.0, 29.0], 1000, 50.0).unwrap_err();
        assert!(matches!(err, MleError::Diverged { step: 1, .. }), "{err:?}");
    }
}
