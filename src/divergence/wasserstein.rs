//! The Wasserstein-1 (earth mover's) distance on the line: between two empirical
//! distributions, exactly, and between two densities on a [`Grid`]; the Wasserstein-2
//! distance of two Gaussians in closed form.
//!
//! On the real line the optimal transport plan moves mass in order, so
//!
//! ```text
//! W₁(u, v) = ∫ |F_u(x) − F_v(x)| dx
//! ```
//! with `F` the cumulative distribution functions. Unlike KL and JS, `W₁` keeps measuring
//! how far apart two distributions are when their supports stop overlapping: two point masses
//! at 0 and θ have `JSD = ln 2` and `KL = ∞` for every θ ≠ 0, but `W₁ = |θ|` (Arjovsky et
//! al. 2017, Example 1). Notebook: `notebooks-md/07_wasserstein.md`.

use super::error::{check_density, DivergenceError};
use super::sum::compensated_sum;
use super::Grid;

/// The 1-D Wasserstein-1 distance between the empirical distributions of `u_values` and
/// `v_values`, each value carrying its weight (all weights 1 when `None`), exactly as
/// `scipy.stats.wasserstein_distance` defines it:
///
/// ```text
/// W₁(u, v) = ∫ |F_u(x) − F_v(x)| dx = Σₖ |F_u(xₖ) − F_v(xₖ)|·(xₖ₊₁ − xₖ)
/// ```
/// over the sorted union `x₀ ≤ x₁ ≤ …` of both samples, where `F_u(x)` is the weight of the
/// `u` values `≤ x` over the total weight of `u`. Computed by a merge of the two sorted
/// samples (no binning), the terms summed with compensation: `O((n + m) log(n + m))`.
/// Weights need not sum to 1 (each side is normalised by its own total). The result is `+∞`
/// only when the true distance exceeds `f64::MAX`. Notebook: `notebooks-md/07_wasserstein.md`.
///
/// # Errors
/// [`DivergenceError::Empty`] for an empty sample; [`DivergenceError::NonFiniteValue`] for a
/// NaN or infinite value; [`DivergenceError::WeightCount`] when a weight vector's length
/// differs from its sample's; [`DivergenceError::InvalidWeight`] for a negative, NaN or
/// infinite weight; [`DivergenceError::ZeroTotalWeight`] when a side's weights sum to 0.
///
/// # Examples
/// ```
/// use adversarial::divergence::wasserstein_1d;
/// // Every unit of mass moves 5 to the right.
/// assert_eq!(wasserstein_1d(&[0.0, 1.0, 3.0], &[5.0, 6.0, 8.0], None, None), Ok(5.0));
/// // scipy's docstring: wasserstein_distance([0, 1], [0, 1], [3, 1], [2, 2]) = 0.25.
/// let w = wasserstein_1d(&[0.0, 1.0], &[0.0, 1.0], Some(&[3.0, 1.0]), Some(&[2.0, 2.0]));
/// assert_eq!(w, Ok(0.25));
/// ```
pub fn wasserstein_1d(
    u_values: &[f64],
    v_values: &[f64],
    u_weights: Option<&[f64]>,
    v_weights: Option<&[f64]>,
) -> Result<f64, DivergenceError> {
    let u = WeightedSample::new(("u_values", u_values), ("u_weights", u_weights))?;
    let v = WeightedSample::new(("v_values", v_values), ("v_weights", v_weights))?;
    let (mut i, mut j) = (0, 0);
    let (mut mass_u, mut mass_v) = (0.0, 0.0);
    let mut previous: Option<f64> = None;
    let mut terms = Vec::with_capacity(u.points.len() + v.points.len());
    while let Some(x) = next_point(&u.points, i, &v.points, j) {
        if let Some(left) = previous {
            terms.push(area(cdf_gap(mass_u / u.total, mass_v / v.total), left, x));
        }
        while i < u.points.len() && u.points[i].0 == x {
            mass_u += u.points[i].1;
            i += 1;
        }
        while j < v.points.len() && v.points[j].0 == x {
            mass_v += v.points[j].1;
            j += 1;
        }
        previous = Some(x);
    }
    Ok(compensated_sum(terms))
}

/// The Wasserstein-2 distance between `N(μp, σp²)` and `N(μq, σq²)` in closed form:
///
/// ```text
/// W₂(N(μp, σp²), N(μq, σq²)) = √((μp − μq)² + (σp − σq)²)
/// ```
/// (the optimal map is the affine `x ↦ μq + (σq/σp)(x − μp)`), computed without overflow
/// of the squares. `W₁ ≤ W₂` always; for equal σ both are `|μp − μq|`.
/// Notebook: `notebooks-md/07_wasserstein.md`.
///
/// # Panics
/// If a mean is not finite or a standard deviation is not finite and `> 0`, as
/// [`kl_gaussian`](super::kl_gaussian).
///
/// # Examples
/// ```
/// use adversarial::divergence::wasserstein2_gaussian;
/// assert_eq!(wasserstein2_gaussian(0.0, 1.0, 3.0, 5.0), 5.0); // √(3² + 4²)
/// ```
#[track_caller]
pub fn wasserstein2_gaussian(mu_p: f64, sigma_p: f64, mu_q: f64, sigma_q: f64) -> f64 {
    assert!(
        mu_p.is_finite() && mu_q.is_finite(),
        "wasserstein2_gaussian: means must be finite, got mu_p = {mu_p}, mu_q = {mu_q}"
    );
    assert!(
        sigma_p.is_finite() && sigma_p > 0.0 && sigma_q.is_finite() && sigma_q > 0.0,
        "wasserstein2_gaussian: standard deviations must be finite and > 0, got sigma_p = {sigma_p}, sigma_q = {sigma_q}"
    );
    let (d_mu, d_sigma) = (mu_p - mu_q, sigma_p - sigma_q);
    if d_mu.is_finite() {
        d_mu.hypot(d_sigma)
    } else {
        // |μp − μq| > f64::MAX: halve both differences (exact for such magnitudes).
        2.0 * (0.5 * mu_p - 0.5 * mu_q).hypot(0.5 * d_sigma)
    }
}

/// The Wasserstein-1 distance between two densities given by their values on a [`Grid`]:
///
/// ```text
/// W₁(p, q) = ∫ |F_p(x) − F_q(x)| dx,   F(x) = ∫ₐˣ f(t) dt / ∫ₐᵇ f(t) dt
/// ```
/// The cumulative integrals are Simpson's rule panel by panel (at a panel's midpoint the
/// quadratic through its three points, `h/12·(5f₀ + 8f₁ − f₂)`), each normalised by its
/// total so that both CDFs end at exactly 1; `∫|F_p − F_q|` uses the grid's Simpson weights.
/// Choose the grid to hold (nearly) all of both densities' mass.
/// Notebook: `notebooks-md/07_wasserstein.md`.
///
/// # Errors
/// As [`kl_divergence_density`](super::kl_divergence_density), and
/// [`DivergenceError::ZeroTotalWeight`] for a density that integrates to 0 on the grid.
///
/// # Examples
/// ```
/// use adversarial::divergence::{wasserstein_1d_density, Grid};
/// let normal = |mu: f64, x: f64| (-(x - mu) * (x - mu) / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
/// let grid = Grid::new(-12.0, 15.0, 4001).unwrap();
/// let (p, q) = (grid.evaluate(|x| normal(0.0, x)), grid.evaluate(|x| normal(3.0, x)));
/// // A shift by θ moves every unit of mass θ: W₁ = |θ|.
/// assert!((wasserstein_1d_density(&grid, &p, &q).unwrap() - 3.0).abs() < 1e-8);
/// ```
pub fn wasserstein_1d_density(grid: &Grid, p: &[f64], q: &[f64]) -> Result<f64, DivergenceError> {
    check_density(grid, "p", p)?;
    check_density(grid, "q", q)?;
    let (cdf_p, cdf_q) = (cdf_on_grid(grid, "p", p)?, cdf_on_grid(grid, "q", q)?);
    Ok(grid.integrate_terms(cdf_p.iter().zip(&cdf_q).map(|(a, b)| (a - b).abs())))
}

/// A sample sorted by value, each value with its weight, and the total weight.
struct WeightedSample {
    points: Vec<(f64, f64)>,
    total: f64,
}

impl WeightedSample {
    fn new(
        (values_name, values): (&'static str, &[f64]),
        (weights_name, weights): (&'static str, Option<&[f64]>),
    ) -> Result<Self, DivergenceError> {
        if values.is_empty() {
            return Err(DivergenceError::Empty {
                argument: values_name,
            });
        }
        if let Some(index) = values.iter().position(|v| !v.is_finite()) {
            return Err(DivergenceError::NonFiniteValue {
                argument: values_name,
                index,
                value: values[index],
            });
        }
        let mut points: Vec<(f64, f64)> = match weights {
            None => values.iter().map(|&x| (x, 1.0)).collect(),
            Some(weights) => {
                if weights.len() != values.len() {
                    return Err(DivergenceError::WeightCount {
                        argument: weights_name,
                        len: weights.len(),
                        values: values.len(),
                    });
                }
                if let Some(index) = weights.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
                    return Err(DivergenceError::InvalidWeight {
                        argument: weights_name,
                        index,
                        value: weights[index],
                    });
                }
                values
                    .iter()
                    .copied()
                    .zip(weights.iter().copied())
                    .collect()
            }
        };
        let total = compensated_sum(points.iter().map(|p| p.1));
        if total <= 0.0 {
            return Err(DivergenceError::ZeroTotalWeight {
                argument: weights_name,
            });
        }
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        Ok(Self { points, total })
    }
}

/// The smaller of the next unmerged values of the two sorted samples.
fn next_point(u: &[(f64, f64)], i: usize, v: &[(f64, f64)], j: usize) -> Option<f64> {
    match (u.get(i), v.get(j)) {
        (Some(a), Some(b)) => Some(a.0.min(b.0)),
        (Some(a), None) => Some(a.0),
        (None, Some(b)) => Some(b.0),
        (None, None) => None,
    }
}

/// `|F_u − F_v|`, where two CDFs that both reached 1 (up to rounding) differ by 0.
fn cdf_gap(f_u: f64, f_v: f64) -> f64 {
    (f_u.min(1.0) - f_v.min(1.0)).abs()
}

/// `gap·(right − left)` for finite `left < right`, the area between the two CDFs over one
/// interval; when `right − left` overflows (values near `±f64::MAX`) it is computed as
/// `2·(gap·(right/2 − left/2))`, finite whenever the area is.
fn area(gap: f64, left: f64, right: f64) -> f64 {
    let width = right - left;
    if gap == 0.0 {
        0.0
    } else if width.is_finite() {
        gap * width
    } else {
        2.0 * (gap * (0.5 * right - 0.5 * left))
    }
}

/// `F(xᵢ)` for every grid point: the cumulative Simpson integral of `f`, divided by its total.
fn cdf_on_grid(grid: &Grid, name: &'static str, f: &[f64]) -> Result<Vec<f64>, DivergenceError> {
    // Scaled by its largest value first, so that a density near f64::MAX cannot overflow
    // the integral (the scale cancels in the normalisation).
    let largest = f.iter().copied().fold(0.0, f64::max);
    if largest == 0.0 {
        return Err(DivergenceError::ZeroTotalWeight { argument: name });
    }
    let h = grid.step();
    let mut cdf = vec![0.0; f.len()];
    for k in (0..f.len() - 2).step_by(2) {
        let (f0, f1, f2) = (f[k] / largest, f[k + 1] / largest, f[k + 2] / largest);
        cdf[k + 1] = cdf[k] + h / 12.0 * (5.0 * f0 + 8.0 * f1 - f2);
        cdf[k + 2] = cdf[k] + h / 3.0 * (f0 + 4.0 * f1 + f2);
    }
    let total = cdf[f.len() - 1];
    if total <= 0.0 {
        return Err(DivergenceError::ZeroTotalWeight { argument: name });
    }
    cdf.iter_mut().for_each(|c| *c /= total);
    Ok(cdf)
}
