//! The Gaussian closest to a density in one direction of the KL divergence, among candidates:
//! the experiment of `notebooks-md/03_kl_divergence.md` §5, where the two directions pick
//! different Gaussians for a bimodal `p` (one covers both modes, the other sits on one).

use super::{kl_divergence_density, DivergenceError, Grid};
use crate::density::{Density, Gaussian};

/// Which of the two KL divergences between the target `p` and a candidate `q` is minimised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KlDirection {
    /// `KL(p ‖ q) = ∫ p·ln(p/q)`, averaged over `p`: `q` must cover wherever `p` has mass
    /// (maximum likelihood's direction; among all Gaussians, moment matching).
    Forward,
    /// `KL(q ‖ p) = ∫ q·ln(q/p)`, averaged over `q`: `q` is punished only where it has mass
    /// and `p` has little, so it may sit on one mode.
    Reverse,
}

/// The winner of [`closest_gaussian`]: the candidate and its divergence from the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClosestGaussian {
    /// The candidate of smallest divergence (the first such, on ties).
    pub gaussian: Gaussian,
    /// `KL(p ‖ q)` or `KL(q ‖ p)` of it, by Simpson quadrature on the grid.
    pub divergence: f64,
}

/// The candidate `q = N(μ, σ²)` whose divergence from the density `p` (its values on `grid`) is
/// smallest in the given direction:
/// ```text
/// Forward:  argmin_q KL(p ‖ q)        Reverse:  argmin_q KL(q ‖ p)
/// ```
/// each by [`kl_divergence_density`] with `q` evaluated on the grid. Notebook:
/// `notebooks-md/03_kl_divergence.md` §5.
///
/// # Errors
/// [`DivergenceError::Empty`] (argument `candidates`) for no candidate, and the errors of
/// [`kl_divergence_density`] for `p` (a length other than the grid's, a negative or non-finite
/// value).
///
/// # Examples
/// ```
/// use adversarial::density::{Density, Gaussian};
/// use adversarial::divergence::{closest_gaussian, Grid, KlDirection};
/// let grid = Grid::new(-10.0, 10.0, 2001).unwrap();
/// let target = Gaussian::new(1.0, 0.5).unwrap();
/// let p = grid.evaluate(|x| target.pdf(x));
/// let candidates: Vec<Gaussian> = [0.5, 1.0, 1.5].iter().map(|&m| Gaussian::new(m, 0.5).unwrap()).collect();
/// let best = closest_gaussian(&grid, &p, KlDirection::Reverse, &candidates).unwrap();
/// assert_eq!(best.gaussian, target);
/// assert!(best.divergence < 1e-12);
/// ```
pub fn closest_gaussian(
    grid: &Grid,
    p: &[f64],
    direction: KlDirection,
    candidates: &[Gaussian],
) -> Result<ClosestGaussian, DivergenceError> {
    let mut best: Option<ClosestGaussian> = None;
    for &gaussian in candidates {
        let q = grid.evaluate(|x| gaussian.pdf(x));
        let divergence = match direction {
            KlDirection::Forward => kl_divergence_density(grid, p, &q)?,
            KlDirection::Reverse => kl_divergence_density(grid, &q, p)?,
        };
        if best.is_none_or(|b| divergence < b.divergence) {
            best = Some(ClosestGaussian {
                gaussian,
                divergence,
            });
        }
    }
    best.ok_or(DivergenceError::Empty {
        argument: "candidates",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::density::Mixture;

    fn candidates(means: &[f64], std_devs: &[f64]) -> Vec<Gaussian> {
        let pairs = means
            .iter()
            .flat_map(|&m| std_devs.iter().map(move |&s| (m, s)));
        pairs.map(|(m, s)| Gaussian::new(m, s).unwrap()).collect()
    }

    #[test]
    fn forward_kl_picks_the_moment_matching_gaussian_of_a_mixture() {
        // p = ½·N(−1, 0.5²) + ½·N(2, 1): mean ½, E[x²] = ½(0.25 + 1) + ½(1 + 4) = 3.125,
        // variance 3.125 − ¼ = 2.875.
        let mixture = Mixture::new(
            vec![0.5, 0.5],
            vec![
                Gaussian::new(-1.0, 0.5).unwrap(),
                Gaussian::new(2.0, 1.0).unwrap(),
            ],
        )
        .unwrap();
        assert!((mixture.variance() - 2.875).abs() < 1e-12);
        let grid = Grid::new(-15.0, 15.0, 3001).unwrap();
        let p = grid.evaluate(|x| mixture.pdf(x));
        let means: Vec<f64> = (0..=20).map(|i| -0.5 + 0.1 * f64::from(i)).collect();
        let std_devs = [1.5, 1.6, 1.65, 1.69, 1.7, 1.75, 1.8];
        let best = closest_gaussian(
            &grid,
            &p,
            KlDirection::Forward,
            &candidates(&means, &std_devs),
        )
        .unwrap();
        assert!((best.gaussian.mean() - 0.5).abs() < 1e-12);
        // √2.875 = 1.6956: the nearest candidate σ is 1.70.
        assert_eq!(best.gaussian.std_dev(), 1.7);
    }

    #[test]
    fn reverse_kl_sits_on_one_of_two_far_modes_at_a_cost_of_ln_2() {
        let mode = |m: f64| Gaussian::new(m, 0.5).unwrap();
        let mixture = Mixture::new(vec![0.5, 0.5], vec![mode(-3.0), mode(3.0)]).unwrap();
        let grid = Grid::new(-12.0, 12.0, 2401).unwrap();
        let p = grid.evaluate(|x| mixture.pdf(x));
        let all = candidates(&[-3.0, -1.0, 0.0, 1.0, 3.0], &[0.5, 1.0, 3.0]);
        let best = closest_gaussian(&grid, &p, KlDirection::Reverse, &all).unwrap();
        // On a mode, p ≈ q/2 where q has its mass: KL(q ‖ p) ≈ ln 2 (measured: 3.0·10⁻⁹ under
        // it, the quadrature's error on this grid).
        let on_a_mode = [mode(-3.0), mode(3.0)].contains(&best.gaussian);
        assert!(on_a_mode, "{:?}", best.gaussian);
        assert!(
            (best.divergence - 2f64.ln()).abs() < 1e-8,
            "{}",
            best.divergence
        );
        let forward = closest_gaussian(&grid, &p, KlDirection::Forward, &all).unwrap();
        assert_eq!(forward.gaussian, Gaussian::new(0.0, 3.0).unwrap());
    }

    #[test]
    fn no_candidate_or_a_bad_target_is_an_error_naming_it() {
        let grid = Grid::new(-1.0, 1.0, 3).unwrap();
        let error = closest_gaussian(&grid, &[0.1, 0.5, 0.1], KlDirection::Forward, &[]);
        assert_eq!(
            error.unwrap_err().to_string(),
            "`candidates` is empty: a distribution needs at least one entry"
        );
        let one = [Gaussian::new(0.0, 1.0).unwrap()];
        let error = closest_gaussian(&grid, &[0.1, f64::NAN, 0.1], KlDirection::Forward, &one);
        assert!(matches!(
            error,
            Err(DivergenceError::InvalidEntry { index: 1, .. })
        ));
        let error = closest_gaussian(&grid, &[0.1, 0.5], KlDirection::Reverse, &one);
        assert!(matches!(error, Err(DivergenceError::GridLength { .. })));
    }
}
