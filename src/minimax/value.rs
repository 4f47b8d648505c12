//! `D*`, `V(G, D)` and `V(G, D*) = −ln 4 + 2·JSD`. Notebook: `notebooks-md/05_minimax_value.md`.

use std::f64::consts::LN_2;

use super::MinimaxError;
use crate::divergence::{check_density, js_divergence_density, Grid};

/// The discriminator that maximises `V(G, D)` for a fixed generator, at one point `x`:
///
/// ```text
/// D*(x) = p_data(x) / (p_data(x) + p_G(x))
/// ```
/// It maximises `a·ln y + b·ln(1 − y)` over `y ∈ [0, 1]` with `a = p_data(x)`, `b = p_G(x)`
/// (derivative `a/y − b/(1 − y) = 0`). Where both densities are 0 every `y` is optimal and
/// this function returns `½` (the value `D*` has wherever `p_G = p_data`). If
/// `p_data + p_G` overflows it is evaluated as `1/(1 + p_G/p_data)` or `r/(1 + r)`,
/// `r = p_data/p_G`.
///
/// In `f64`, `D*` rounds to exactly 1 where `p_G < 1.1e-16·p_data` (and to 0 the other way
/// round), which is every far tail of two Gaussians with different means or variances; there
/// `ln(1 − D*)` is `−∞` although `p_G > 0`. When `ln D*` or `ln(1 − D*)` is needed, use the
/// logit [`optimal_discriminator_logit`] and [`value_function_logit`].
/// Notebook: `notebooks-md/05_minimax_value.md`.
///
/// # Panics
/// If either density is negative, NaN or infinite.
///
/// # Examples
/// ```
/// use adversarial::minimax::optimal_discriminator;
/// assert_eq!(optimal_discriminator(0.375, 0.125), 0.75);
/// assert_eq!(optimal_discriminator(0.2, 0.2), 0.5);
/// assert_eq!(optimal_discriminator(0.0, 0.0), 0.5);
/// assert_eq!(optimal_discriminator(0.0, 1e-300), 0.0);
/// ```
#[track_caller]
pub fn optimal_discriminator(p_data_x: f64, p_g_x: f64) -> f64 {
    assert!(
        p_data_x.is_finite() && p_data_x >= 0.0 && p_g_x.is_finite() && p_g_x >= 0.0,
        "optimal_discriminator: densities must be finite and ≥ 0, got p_data = {p_data_x}, p_g = {p_g_x}"
    );
    let total = p_data_x + p_g_x;
    if total == 0.0 {
        0.5
    } else if total.is_finite() {
        p_data_x / total
    } else if p_data_x >= p_g_x {
        1.0 / (1.0 + p_g_x / p_data_x)
    } else {
        let ratio = p_data_x / p_g_x;
        ratio / (1.0 + ratio)
    }
}

/// The optimal discriminator as a logit, `D* = σ(ℓ*)`:
///
/// ```text
/// ℓ*(x) = ln(D*/(1 − D*)) = ln p_data(x) − ln p_G(x)
/// ```
/// `+∞` where `p_G = 0 < p_data`, `−∞` where `p_data = 0 < p_G`, and `0` (`D* = ½`) where
/// both are 0. Unlike `D*` itself it does not saturate: `ln D* = −softplus(−ℓ*)` and
/// `ln(1 − D*) = −softplus(ℓ*)` stay finite wherever the densities are positive.
/// Notebook: `notebooks-md/05_minimax_value.md`.
///
/// # Panics
/// If either density is negative, NaN or infinite.
///
/// # Examples
/// ```
/// use adversarial::minimax::optimal_discriminator_logit;
/// assert_eq!(optimal_discriminator_logit(0.5, 0.5), 0.0);
/// // p_G / p_data = e⁻⁸⁰: D* rounds to 1, its logit is 80.
/// assert!((optimal_discriminator_logit(1.0, (-80f64).exp()) - 80.0).abs() < 1e-13);
/// ```
#[track_caller]
pub fn optimal_discriminator_logit(p_data_x: f64, p_g_x: f64) -> f64 {
    assert!(
        p_data_x.is_finite() && p_data_x >= 0.0 && p_g_x.is_finite() && p_g_x >= 0.0,
        "optimal_discriminator_logit: densities must be finite and ≥ 0, got p_data = {p_data_x}, p_g = {p_g_x}"
    );
    match (p_data_x == 0.0, p_g_x == 0.0) {
        (true, true) => 0.0,
        (false, true) => f64::INFINITY,
        (true, false) => f64::NEG_INFINITY,
        (false, false) => {
            let ratio = p_data_x / p_g_x;
            if ratio.is_finite() && ratio >= f64::MIN_POSITIVE {
                ratio.ln()
            } else {
                p_data_x.ln() - p_g_x.ln()
            }
        }
    }
}

/// `softplus(ℓ) = ln(1 + eˡ)`, without overflow; `+∞` at `+∞`, `0` at `−∞`.
fn softplus(logit: f64) -> f64 {
    logit.max(0.0) + (-logit.abs()).exp().ln_1p()
}

/// `y·ln_z` for a logarithm `ln_z ≤ 0`, with `0·ln_z = 0` even at `ln_z = −∞` (`0·ln 0 = 0`).
fn weighted_ln(y: f64, ln_z: f64) -> f64 {
    if y == 0.0 {
        0.0
    } else {
        y * ln_z
    }
}

/// The GAN value of a discriminator `D` against the generator density `p_G`, by Simpson
/// quadrature on `grid`:
///
/// ```text
/// V(G, D) = ∫ [p_data(x)·ln D(x) + p_G(x)·ln(1 − D(x))] dx
///         ≈ Σᵢ wᵢ·[p_data(xᵢ)·ln D(xᵢ) + p_G(xᵢ)·ln(1 − D(xᵢ))]
/// ```
/// where `wᵢ` are the grid's weights and `p_data`, `p_G`, `d` the values at the grid points.
/// Conventions: `0·ln 0 = 0` (a `D(x) = 0` where `p_data(x) = 0`, or `D(x) = 1` where
/// `p_G(x) = 0`, costs nothing); `D(x) = 0` where `p_data(x) > 0` (or `D(x) = 1` where
/// `p_G(x) > 0`) gives `−∞`. `ln(1 − D)` is computed as `ln_1p(−D)`, accurate for small `D`.
/// `V ≤ V(G, D*)` for every `D`. A `D` that rounded to 0 or 1 gives `−∞` where the other
/// density is positive: prefer [`value_function_logit`] for a discriminator known by its logit,
/// `D*` included. Notebook: `notebooks-md/05_minimax_value.md`.
///
/// # Errors
/// [`MinimaxError::Density`] if `p_data` or `p_g` has the wrong length or a negative /
/// non-finite value; [`MinimaxError::DiscriminatorLength`]; [`MinimaxError::DiscriminatorOutOfRange`]
/// for a `D(x)` outside `[0, 1]` or NaN.
pub fn value_function(
    grid: &Grid,
    p_data: &[f64],
    p_g: &[f64],
    d: &[f64],
) -> Result<f64, MinimaxError> {
    check_density(grid, "p_data", p_data)?;
    check_density(grid, "p_g", p_g)?;
    if d.len() != grid.len() {
        return Err(MinimaxError::DiscriminatorLength {
            len: d.len(),
            points: grid.len(),
        });
    }
    if let Some(index) = d.iter().position(|v| !(0.0..=1.0).contains(v)) {
        return Err(MinimaxError::DiscriminatorOutOfRange {
            index,
            value: d[index],
        });
    }
    let integrand =
        p_data.iter().zip(p_g).zip(d).map(|((&real, &fake), &dx)| {
            weighted_ln(real, dx.ln()) + weighted_ln(fake, (-dx).ln_1p())
        });
    Ok(grid.integrate_terms(integrand))
}

/// The GAN value of a discriminator given by its logits `ℓ(x)`, `D = σ(ℓ)`, by Simpson
/// quadrature on `grid`:
///
/// ```text
/// V(G, D) = ∫ [p_data(x)·ln σ(ℓ(x)) + p_G(x)·ln(1 − σ(ℓ(x)))] dx
///         = −∫ [p_data(x)·softplus(−ℓ(x)) + p_G(x)·softplus(ℓ(x))] dx
/// ```
/// where `softplus(t) = ln(1 + eᵗ)`: the binary cross-entropy a discriminator with logits
/// minimises, negated. Logits may be `±∞`; a term with zero density is 0 (so `ℓ = +∞` where
/// `p_G = 0` costs nothing). With `ℓ = ℓ*` ([`optimal_discriminator_logit`]) it is `V(G, D*)`
/// without the saturation of `D*` in `f64`. Notebook: `notebooks-md/05_minimax_value.md`.
///
/// # Errors
/// As [`value_function`], with [`MinimaxError::LogitNaN`] for a NaN logit.
///
/// # Examples
/// ```
/// use adversarial::divergence::Grid;
/// use adversarial::minimax::value_function_logit;
/// let grid = Grid::new(0.0, 1.0, 3).unwrap();
/// // p_data = p_G = U(0, 1) and ℓ ≡ 0 (D ≡ ½): V = 2·ln ½ = −ln 4.
/// let value = value_function_logit(&grid, &[1.0; 3], &[1.0; 3], &[0.0; 3]).unwrap();
/// assert!((value + 4f64.ln()).abs() < 1e-15);
/// ```
pub fn value_function_logit(
    grid: &Grid,
    p_data: &[f64],
    p_g: &[f64],
    logit_d: &[f64],
) -> Result<f64, MinimaxError> {
    check_density(grid, "p_data", p_data)?;
    check_density(grid, "p_g", p_g)?;
    if logit_d.len() != grid.len() {
        return Err(MinimaxError::DiscriminatorLength {
            len: logit_d.len(),
            points: grid.len(),
        });
    }
    if let Some(index) = logit_d.iter().position(|l| l.is_nan()) {
        return Err(MinimaxError::LogitNaN { index });
    }
    let integrand = p_data
        .iter()
        .zip(p_g)
        .zip(logit_d)
        .map(|((&real, &fake), &logit)| {
            weighted_ln(real, -softplus(-logit)) + weighted_ln(fake, -softplus(logit))
        });
    Ok(grid.integrate_terms(integrand))
}

/// The value at the optimal discriminator, through the JS divergence:
///
/// ```text
/// V(G, D*) = −ln 4 + 2·JSD(p_data ‖ p_G)
/// ```
/// with the JSD by quadrature on `grid` ([`js_divergence_density`]). Substituting
/// `D* = p_data/(p_data + p_G)` into `V` gives `∫ p_data·ln(p_data/(2m)) + p_G·ln(p_G/(2m))`,
/// `m = (p_data + p_G)/2`, which is `2·JSD − ln 2·(∫p_data + ∫p_G) = 2·JSD − ln 4`.
/// It lies in `[−ln 4, 0]` and is `−ln 4` exactly when `p_G = p_data`: the generator's
/// global optimum. Notebook: `notebooks-md/05_minimax_value.md`.
///
/// # Errors
/// [`MinimaxError::Density`] as in [`value_function`].
pub fn value_at_optimum(grid: &Grid, p_data: &[f64], p_g: &[f64]) -> Result<f64, MinimaxError> {
    check_density(grid, "p_data", p_data)?;
    check_density(grid, "p_g", p_g)?;
    Ok(-2.0 * LN_2 + 2.0 * js_divergence_density(grid, p_data, p_g)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::divergence::DivergenceError;

    #[test]
    fn optimal_discriminator_known_values_and_conventions() {
        // (p_data, p_G, D*) from D* = p_data/(p_data + p_G).
        let cases = [
            (0.375, 0.125, 0.75),
            (0.125, 0.375, 0.25),
            (0.2, 0.2, 0.5),
            (1.0, 0.0, 1.0),
            (0.0, 1.0, 0.0),
            (0.0, 0.0, 0.5),           // 0/0: defined as ½
            (f64::MAX, f64::MAX, 0.5), // no overflow in p_data + p_G
            (f64::MAX, 1.0, 1.0),
            (1e-320, 3e-320, 0.25), // subnormals: ratio exact
        ];
        for (p_data, p_g, expected) in cases {
            assert_eq!(
                optimal_discriminator(p_data, p_g),
                expected,
                "D*({p_data}, {p_g})"
            );
        }
        // Its logit ln p_data − ln p_G: ln 3 for (0.375, 0.125); ±∞ at a zero density; 0 at 0/0.
        assert!((optimal_discriminator_logit(0.375, 0.125) - 3f64.ln()).abs() <= f64::EPSILON);
        assert_eq!(optimal_discriminator_logit(1.0, 0.0), f64::INFINITY);
        assert_eq!(optimal_discriminator_logit(0.0, 1.0), f64::NEG_INFINITY);
        assert_eq!(optimal_discriminator_logit(0.0, 0.0), 0.0);
        // Ratio below the normal range: difference of logs, ln(1e-310) − ln(1) = −713.8...
        assert_eq!(optimal_discriminator_logit(1e-310, 1.0), 1e-310f64.ln());
    }

    #[test]
    #[should_panic(
        expected = "optimal_discriminator: densities must be finite and ≥ 0, got p_data = -1"
    )]
    fn optimal_discriminator_rejects_negative_density() {
        optimal_discriminator(-1.0, 0.5);
    }

    #[test]
    fn value_function_conventions_and_errors() {
        let grid = Grid::new(0.0, 1.0, 5).unwrap();
        // 0·ln 0 = 0: D = 0 where p_data = 0 and D = 1 where p_G = 0 cost nothing.
        let p_data = [0.0, 0.0, 2.0, 2.0, 2.0];
        let p_g = [2.0, 2.0, 0.0, 0.0, 0.0];
        let value = value_function(&grid, &p_data, &p_g, &[0.0, 0.0, 1.0, 1.0, 1.0]).unwrap();
        assert_eq!(value, 0.0);
        // D = 0 where p_data > 0: −∞ (never NaN).
        let value = value_function(&grid, &p_data, &p_g, &[0.0, 0.0, 0.0, 1.0, 1.0]).unwrap();
        assert_eq!(value, f64::NEG_INFINITY);
        assert_eq!(
            value_function(&grid, &p_data, &p_g, &[0.5, 0.5, 1.5, 0.5, 0.5]),
            Err(MinimaxError::DiscriminatorOutOfRange {
                index: 2,
                value: 1.5
            })
        );
        assert_eq!(
            value_function(&grid, &p_data, &p_g, &[0.5; 4]),
            Err(MinimaxError::DiscriminatorLength { len: 4, points: 5 })
        );
        assert_eq!(
            value_at_optimum(&grid, &[1.0, -1.0, 1.0, 1.0, 1.0], &p_g),
            Err(MinimaxError::Density(DivergenceError::InvalidEntry {
                argument: "p_data",
                index: 1,
                value: -1.0
            }))
        );
        assert_eq!(
            value_function_logit(
                &grid,
                &p_data,
                &p_g,
                &[0.0, f64::INFINITY, f64::NAN, 0.0, 0.0]
            ),
            Err(MinimaxError::LogitNaN { index: 2 })
        );
        // ℓ = +∞ where p_G = 0 and ℓ = −∞ where p_data = 0 cost nothing.
        let logit = [
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::INFINITY,
            f64::INFINITY,
        ];
        assert_eq!(
            value_function_logit(&grid, &p_data, &p_g, &logit).unwrap(),
            0.0
        );
        let message = value_function(&grid, &p_data, &[1.0; 3], &[0.5; 5])
            .unwrap_err()
            .to_string();
        assert_eq!(message, "`p_g` has 3 values but the grid has 5 points");
    }
}
