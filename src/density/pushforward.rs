//! The density of `x = G(z)`, `z ∼ p_prior`, for a one-dimensional increasing `G`, by the
//! change of variables: the seed's `p_G(x) = ∫ p_prior(z)·I(G(z) = x) dz` made exact
//! (`notebooks-md/03_kl_divergence.md` §6).

use super::error::DensityError;
use super::Density;

/// Most halvings of the bracket in the bisection for `G⁻¹(x)`: 200 shrink a bracket of width
/// 2⁵⁰ below 10⁻⁴⁵; the loop stops sooner once the midpoint is an end (adjacent `f64`s).
const HALVINGS: usize = 200;

/// The density of `x = G(z)`, `z ∼ prior`, at each of `points`, for `G` strictly increasing on
/// `bracket = (low, high)`:
/// ```text
/// p_G(x) = p_prior(z) / G′(z),    z = G⁻¹(x)
/// ```
/// where `G⁻¹(x)` is found by bisection on the bracket; `p_G(x) = 0` for `x` outside
/// `[G(low), G(high)]` (so the bracket must hold all of the prior's mass that matters). For a
/// `G` that is not monotone the formula sums over every `z` with `G(z) = x`; this function
/// handles the increasing case only, as the caller's contract.
///
/// # Errors
/// [`DensityError::NotFinite`] for a bracket end that is not finite, or `G` not finite at one;
/// [`DensityError::EmptyInterval`] unless `low < high` and `G(low) < G(high)`;
/// [`DensityError::InvalidPoint`] for a NaN point.
///
/// # Examples
/// ```
/// use adversarial::density::{pushforward_density, Density, Gaussian};
/// // G(z) = 2 + 3z maps N(0, 1) to N(2, 3²).
/// let prior = Gaussian::new(0.0, 1.0).unwrap();
/// let p_g = pushforward_density(&prior, |z| 2.0 + 3.0 * z, |_| 3.0, (-40.0, 40.0), &[0.5]).unwrap();
/// assert!((p_g[0] - Gaussian::new(2.0, 3.0).unwrap().pdf(0.5)).abs() < 1e-15);
/// ```
pub fn pushforward_density(
    prior: &impl Density,
    g: impl Fn(f64) -> f64,
    g_prime: impl Fn(f64) -> f64,
    bracket: (f64, f64),
    points: &[f64],
) -> Result<Vec<f64>, DensityError> {
    let (low, high) = bracket;
    for (name, value) in [("bracket.0", low), ("bracket.1", high)] {
        if !value.is_finite() {
            return Err(DensityError::NotFinite { name, value });
        }
    }
    let (g_low, g_high) = (g(low), g(high));
    for (name, value) in [("G(bracket.0)", g_low), ("G(bracket.1)", g_high)] {
        if !value.is_finite() {
            return Err(DensityError::NotFinite { name, value });
        }
    }
    if !(low < high && g_low < g_high) {
        let (low, high) = if low < high {
            (g_low, g_high)
        } else {
            (low, high)
        };
        return Err(DensityError::EmptyInterval { low, high });
    }
    if let Some(index) = points.iter().position(|x| x.is_nan()) {
        return Err(DensityError::InvalidPoint { index });
    }
    let inverse = |x: f64| {
        let (mut below, mut above) = (low, high);
        for _ in 0..HALVINGS {
            let middle = 0.5 * (below + above);
            if middle == below || middle == above {
                break;
            }
            if g(middle) < x {
                below = middle;
            } else {
                above = middle;
            }
        }
        0.5 * (below + above)
    };
    let density = |x: f64| {
        if !(g_low..=g_high).contains(&x) {
            return 0.0;
        }
        let z = inverse(x);
        prior.pdf(z) / g_prime(z)
    };
    Ok(points.iter().map(|&x| density(x)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::density::Gaussian;

    #[test]
    fn an_affine_map_gives_the_shifted_scaled_gaussian_and_exp_the_log_normal() {
        let prior = Gaussian::new(0.0, 1.0).unwrap();
        let points = [-4.0, -1.0, 0.0, 0.7, 3.0, 9.0];
        let affine =
            pushforward_density(&prior, |z| 2.0 + 3.0 * z, |_| 3.0, (-40.0, 40.0), &points);
        let expected = Gaussian::new(2.0, 3.0).unwrap();
        for (x, p) in points.iter().zip(affine.unwrap()) {
            assert!((p - expected.pdf(*x)).abs() < 1e-15, "x = {x}");
        }
        // exp(z): the log-normal density φ(ln x)/x for x > 0, and 0 at x ≤ 0 (outside G's range).
        let positive = [0.1, 1.0, 2.5, 10.0];
        let log_normal = pushforward_density(&prior, f64::exp, f64::exp, (-30.0, 30.0), &positive);
        for (x, p) in positive.iter().zip(log_normal.unwrap()) {
            let by_hand = prior.pdf(x.ln()) / x;
            assert!(
                (p - by_hand).abs() < 1e-14 * by_hand,
                "x = {x}: {p} vs {by_hand}"
            );
        }
        let outside = pushforward_density(&prior, f64::exp, f64::exp, (-30.0, 30.0), &[-1.0]);
        assert_eq!(outside.unwrap(), [0.0]);
    }

    #[test]
    fn a_bad_bracket_or_point_is_named() {
        let prior = Gaussian::new(0.0, 1.0).unwrap();
        let run = |bracket: (f64, f64), points: &[f64]| {
            pushforward_density(&prior, |z| z, |_| 1.0, bracket, points).unwrap_err()
        };
        assert_eq!(
            run((f64::NAN, 1.0), &[0.0]).to_string(),
            "`bracket.0` = NaN must be finite"
        );
        assert!(matches!(
            run((1.0, -1.0), &[0.0]),
            DensityError::EmptyInterval { .. }
        ));
        assert!(matches!(
            run((-1.0, 1.0), &[0.0, f64::NAN]),
            DensityError::InvalidPoint { index: 1 }
        ));
        let decreasing = pushforward_density(&prior, |z| -z, |_| -1.0, (-1.0, 1.0), &[0.0]);
        assert!(matches!(
            decreasing,
            Err(DensityError::EmptyInterval { .. })
        ));
    }
}
