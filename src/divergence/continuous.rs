//! KL and JS divergence of 1-D densities: the Gaussian closed form, and quadrature on a
//! [`Grid`] for any pair of densities given by their values at the grid points.
//! Notebooks: `notebooks-md/03_kl_divergence.md`, `notebooks-md/04_js_divergence.md`.

use std::f64::consts::LN_2;

use super::error::{check_density, DivergenceError};
use super::terms::{js_term, kl_term};
use super::Grid;

/// KL divergence between two normal distributions, in nats, in closed form.
///
/// ```text
/// D_KL(N(μp, σp²) ‖ N(μq, σq²)) = ln(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − ½
/// ```
/// where `μ` is the mean and `σ` the standard deviation. Evaluated with each ratio formed
/// before it is squared, `r = σp/σq` and `s = (μp − μq)/σq`:
///
/// ```text
/// D_KL = ½·(r² − 1 − 2·ln r) + ½·s²
/// ```
/// with the series `t − ln(1 + t) = t²/2 − t³/3 + …`, `t = r² − 1`, for `|t| < 0.25`, so
/// `σp ≈ σq` does not cancel, and `ln r = ln σp − ln σq` where `r` itself over- or
/// underflows. So the result keeps full relative accuracy for any finite means and positive
/// deviations (`σp = 1e-9, σq = 1` gives 20.2232658369464…), and is `+∞` only when the true
/// value exceeds `f64::MAX` (`σp/σq ≥ 1.9e154`, for instance). Never NaN.
/// Notebook: `notebooks-md/03_kl_divergence.md`.
///
/// # Panics
/// If a mean is not finite or a standard deviation is not finite and `> 0`.
///
/// # Examples
/// ```
/// use adversarial::divergence::kl_gaussian;
/// // Equal variances: (μp − μq)²/(2σ²) = 4/2.
/// assert_eq!(kl_gaussian(0.0, 1.0, 2.0, 1.0), 2.0);
/// ```
#[track_caller]
pub fn kl_gaussian(mu_p: f64, sigma_p: f64, mu_q: f64, sigma_q: f64) -> f64 {
    assert!(
        mu_p.is_finite() && mu_q.is_finite(),
        "kl_gaussian: means must be finite, got mu_p = {mu_p}, mu_q = {mu_q}"
    );
    assert!(
        sigma_p.is_finite() && sigma_p > 0.0 && sigma_q.is_finite() && sigma_q > 0.0,
        "kl_gaussian: standard deviations must be finite and > 0, got sigma_p = {sigma_p}, sigma_q = {sigma_q}"
    );
    let ratio_minus_one = (sigma_p - sigma_q) / sigma_q;
    let t = ratio_minus_one * (ratio_minus_one + 2.0);
    let scale_part = if t.abs() < 0.25 {
        // t − ln(1 + t) = t²·Σ_{j≥0} (−t)ʲ/(j + 2); 28 terms reach 1e-17 relative at |t| = ¼.
        let mut inner = 0.0;
        for j in (0..28).rev() {
            inner = 1.0 / (j as f64 + 2.0) - t * inner;
        }
        t * t * inner
    } else {
        // t − 2·ln r = r² − 1 − 2·ln r: no cancellation when r is far from 1 (the textbook
        // t − ln(1 + t) loses 1 + t = r² to rounding when r is tiny). t may overflow to +∞,
        // which is then the value: |ln r| ≤ 1419 is finite.
        let ratio = sigma_p / sigma_q;
        let ln_ratio = if ratio.is_finite() && ratio >= f64::MIN_POSITIVE {
            ratio.ln()
        } else {
            sigma_p.ln() - sigma_q.ln()
        };
        t - 2.0 * ln_ratio
    };
    let shift = ratio_of_difference(mu_p, mu_q, sigma_q);
    0.5 * scale_part + 0.5 * shift * shift
}

/// `(a − b)/c` for finite `a`, `b` and `c > 0`, also when `a − b` overflows (it is then
/// formed as `2·((a/2 − b/2)/c)`, halving being exact for such large values).
pub(crate) fn ratio_of_difference(a: f64, b: f64, c: f64) -> f64 {
    let difference = a - b;
    if difference.is_finite() {
        difference / c
    } else {
        2.0 * ((0.5 * a - 0.5 * b) / c)
    }
}

/// KL divergence of two densities given by their values on a [`Grid`], by Simpson quadrature.
///
/// ```text
/// D_KL(p ‖ q) = ∫ p(x)·ln(p(x)/q(x)) dx ≈ Σᵢ wᵢ·[p(xᵢ)·ln(p(xᵢ)/q(xᵢ)) − p(xᵢ) + q(xᵢ)]
/// ```
/// where `wᵢ` are the grid's Simpson weights. The `− p + q` integrates to 0 when both
/// densities integrate to 1 on the grid, and makes every term `≥ 0` (see
/// [`kl_divergence`](super::kl_divergence) for the conventions at 0 and the series near
/// `p = q`). `+∞` where `q(xᵢ) = 0 < p(xᵢ)`. The densities are not required to integrate
/// to 1: choose the grid to hold (nearly) all of their mass.
/// Notebook: `notebooks-md/03_kl_divergence.md`.
///
/// # Errors
/// [`DivergenceError::GridLength`] if `p` or `q` does not have one value per grid point;
/// [`DivergenceError::InvalidEntry`] for a negative, NaN or infinite value.
///
/// # Examples
/// ```
/// use adversarial::divergence::{kl_divergence_density, kl_gaussian, Grid};
/// let normal = |mu: f64, x: f64| (-(x - mu) * (x - mu) / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
/// let grid = Grid::new(-12.0, 13.0, 2001).unwrap();
/// let p = grid.evaluate(|x| normal(0.0, x));
/// let q = grid.evaluate(|x| normal(1.0, x));
/// let kl = kl_divergence_density(&grid, &p, &q).unwrap();
/// assert!((kl - kl_gaussian(0.0, 1.0, 1.0, 1.0)).abs() < 1e-8);
/// ```
pub fn kl_divergence_density(grid: &Grid, p: &[f64], q: &[f64]) -> Result<f64, DivergenceError> {
    check_density(grid, "p", p)?;
    check_density(grid, "q", q)?;
    Ok(grid.integrate_terms(p.iter().zip(q).map(|(&pi, &qi)| kl_term(pi, qi))))
}

/// JS divergence of two densities given by their values on a [`Grid`], by Simpson quadrature.
///
/// ```text
/// JSD(p ‖ q) = ½·∫ p·ln(p/m) dx + ½·∫ q·ln(q/m) dx,   m = (p + q)/2
///            ≈ Σᵢ wᵢ·¼·(p(xᵢ) + q(xᵢ))·h(aᵢ),   aᵢ = (p − q)/(p + q) at xᵢ
/// ```
/// with `h` as in [`js_divergence`](super::js_divergence). Always finite; clamped to
/// `[0, ln 2]`, the range it has exactly when both densities integrate to 1.
/// Notebook: `notebooks-md/04_js_divergence.md`.
///
/// # Errors
/// As [`kl_divergence_density`].
pub fn js_divergence_density(grid: &Grid, p: &[f64], q: &[f64]) -> Result<f64, DivergenceError> {
    check_density(grid, "p", p)?;
    check_density(grid, "q", q)?;
    let jsd = grid.integrate_terms(p.iter().zip(q).map(|(&pi, &qi)| js_term(pi, qi)));
    Ok(jsd.min(LN_2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Closed forms: equal σ gives (μp − μq)²/(2σ²); σp = 1.5, σq = 0.75, μp − μq = 1.5 gives
    /// ln ½ + (2.25 + 2.25)/1.125 − ½ = 3.5 − ln 2; σp = 1 + 1e-8 (as f64), σq = 1 by mpmath 1.3
    /// at 40 digits (the textbook order of operations keeps only ~half of its digits).
    #[test]
    fn kl_gaussian_known_values() {
        let cases = [
            (kl_gaussian(0.0, 2.0, 3.0, 2.0), 9.0 / 8.0),
            (kl_gaussian(0.5, 1.5, -1.0, 0.75), 3.5 - LN_2),
            (
                kl_gaussian(0.0, 1.0 + 1e-8, 0.0, 1.0),
                9.999_999_845_117_248e-17,
            ),
            (kl_gaussian(1.0, 1.0, 1.0, 1.0), 0.0),
        ];
        for (actual, expected) in cases {
            assert!(
                (actual - expected).abs() <= 4.0 * f64::EPSILON * expected,
                "{actual:e} vs {expected:e}"
            );
        }
    }

    #[test]
    #[should_panic(expected = "kl_gaussian: standard deviations must be finite and > 0")]
    fn kl_gaussian_rejects_zero_sigma() {
        kl_gaussian(0.0, 0.0, 0.0, 1.0);
    }

    #[test]
    fn density_length_and_entries_are_checked() {
        let grid = Grid::new(0.0, 1.0, 5).unwrap();
        assert_eq!(
            kl_divergence_density(&grid, &[1.0; 5], &[1.0; 4]),
            Err(DivergenceError::GridLength {
                argument: "q",
                len: 4,
                points: 5
            })
        );
        assert_eq!(
            js_divergence_density(&grid, &[1.0, 1.0, -2.0, 1.0, 1.0], &[1.0; 5]),
            Err(DivergenceError::InvalidEntry {
                argument: "p",
                index: 2,
                value: -2.0
            })
        );
    }
}
