//! Maximum likelihood = minimum KL divergence, shown on a grid of μ (the seed's KL散度).
//!
//! The samples are binned into a histogram `p̂` (the empirical distribution), the model is
//! the Gaussian `N(μ, σ²)` restricted to the same bins, `q(μ)`. Then, exactly,
//!
//! ```text
//! (1/m) Σ_i log q_{b(x_i)}(μ) = Σ_j p̂_j log q_j(μ) = −H(p̂, q(μ)) = −H(p̂) − KL(p̂ ‖ q(μ))
//! ```
//! where `b(x_i)` is the bin of sample `x_i`, `H(p̂, q)` the cross-entropy and `H(p̂)` the
//! entropy. `H(p̂)` does not depend on μ, so the μ that maximises the likelihood is the μ
//! that minimises the cross-entropy and the KL divergence.
//!
//! Notebook: `notebooks-md/02_maximum_likelihood.md` (section "Maximum likelihood is minimum KL").

use super::error::{check_nonempty, check_parameter, check_positive, MleError};
use crate::divergence::ratio_of_difference;

/// `count` equal-width bins covering `[lower, upper)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bins {
    lower: f64,
    upper: f64,
    count: usize,
}

impl Bins {
    /// `count` bins of width `(upper − lower) / count` from `lower` to `upper`. The width,
    /// the centres and [`Bins::index_of`] are formed without overflow, so bins over
    /// `[−f64::MAX, f64::MAX)` work.
    ///
    /// # Errors
    /// [`MleError::EmptyBins`] unless `lower < upper` are finite, `count ≥ 1` and the width
    /// `(upper − lower)/count` is finite and `> 0` (it underflows for a subnormal range split
    /// many ways, and overflows for one bin over `[−f64::MAX, f64::MAX)`).
    pub fn new(lower: f64, upper: f64, count: usize) -> Result<Self, MleError> {
        let bins = Bins {
            lower,
            upper,
            count,
        };
        let width = bins.width();
        if lower.is_finite()
            && upper.is_finite()
            && lower < upper
            && count >= 1
            && width > 0.0
            && width.is_finite()
        {
            Ok(bins)
        } else {
            Err(MleError::EmptyBins {
                lower,
                upper,
                count,
            })
        }
    }

    /// The number of bins.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The width `(upper − lower) / count` of each bin.
    pub fn width(&self) -> f64 {
        ratio_of_difference(self.upper, self.lower, self.count as f64)
    }

    /// The centre `lower + (j + ½)·width` of bin `j` (as `lower·(1 − t) + upper·t`,
    /// `t = (j + ½)/count`, where `(j + ½)·width` would overflow).
    ///
    /// # Panics
    /// If `j ≥ count`.
    #[track_caller]
    pub fn center(&self, j: usize) -> f64 {
        assert!(
            j < self.count,
            "Bins::center: bin {j} of {} bins",
            self.count
        );
        self.at(j as f64 + 0.5)
    }

    /// `lower + k·width` for a (fractional) bin position `k`, interpolated between the ends
    /// where `k·width` overflows.
    fn at(&self, k: f64) -> f64 {
        let offset = k * self.width();
        if offset.is_finite() {
            self.lower + offset
        } else {
            let t = k / self.count as f64;
            self.lower * (1.0 - t) + self.upper * t
        }
    }

    /// The bin `j` with `lower + j·width ≤ x < lower + (j + 1)·width`, or `None` outside
    /// `[lower, upper)`.
    pub fn index_of(&self, x: f64) -> Option<usize> {
        if !(self.lower..self.upper).contains(&x) {
            return None;
        }
        let j = ratio_of_difference(x, self.lower, self.width()).floor() as usize;
        let j = j.min(self.count - 1);
        // x − lower rounds at the scale of lower: move to the neighbour whose edges hold x.
        if j > 0 && x < self.at(j as f64) {
            Some(j - 1)
        } else if j + 1 < self.count && x >= self.at((j + 1) as f64) {
            Some(j + 1)
        } else {
            Some(j)
        }
    }
}

/// A vector of `count` zeros, or [`MleError::TooManyBins`] when it cannot be allocated.
fn zeros<T: Clone + Default>(count: usize) -> Result<Vec<T>, MleError> {
    let mut values = Vec::new();
    values
        .try_reserve_exact(count)
        .map_err(|_| MleError::TooManyBins { count })?;
    values.resize(count, T::default());
    Ok(values)
}

/// The histogram of the samples as a probability vector:
///
/// ```text
/// p̂_j = #{i : x_i ∈ bin j} / m
/// ```
/// where `m` is the number of samples.
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Errors
/// [`MleError::Empty`] or [`MleError::NonFinite`] for bad samples;
/// [`MleError::OutsideBins`] naming the first sample outside `[lower, upper)`;
/// [`MleError::TooManyBins`] if the bins cannot be allocated.
pub fn empirical_distribution(samples: &[f64], bins: &Bins) -> Result<Vec<f64>, MleError> {
    histogram(&bin_indices(samples, bins)?, bins.count())
}

/// The Gaussian `N(μ, σ²)` restricted to the bins: its density at each bin centre,
/// normalised to sum to 1:
///
/// ```text
/// q_j(μ) = exp(−(c_j − μ)²/2σ²) / Σ_k exp(−(c_k − μ)²/2σ²)
///        = exp(a_j) / Σ_k exp(a_k),   a_j = −½·((c_j − c_m)/σ)·((c_j + c_m − 2μ)/σ)
/// ```
/// where `c_j` is the centre of bin `j` and `m` the bin nearest `μ` (the exponent relative
/// to it, so `a_m = 0`). Normalised in the log domain, so the bin nearest `μ` never
/// underflows, and the factored exponent has no `(c − μ)²` to overflow: for `σ = 1e-200`
/// or `μ = 1e160` the mass is all on the nearest bin (half on each of two equally near
/// ones), as the limit says, instead of `0/0`.
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Errors
/// [`MleError::NonFiniteParameter`] if `mu` is not finite; [`MleError::NotPositive`] unless
/// `sigma` is finite and `> 0`; [`MleError::TooManyBins`] if the bins cannot be allocated.
pub fn discretized_gaussian(mu: f64, sigma: f64, bins: &Bins) -> Result<Vec<f64>, MleError> {
    check_parameter(mu, "mu")?;
    check_positive(sigma, "sigma")?;
    Ok(discretized_gaussian_log(mu, sigma, bins)?
        .into_iter()
        .map(f64::exp)
        .collect())
}

/// One μ of [`likelihood_and_kl_over_grid`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridPoint {
    /// The model's mean.
    pub mu: f64,
    /// `(1/m) Σ_i log q_{b(x_i)}(μ)`, summed over the samples.
    pub mean_log_likelihood: f64,
    /// `H(p̂, q(μ)) = −Σ_j p̂_j log q_j(μ)`, summed over the bins.
    pub cross_entropy: f64,
    /// `KL(p̂ ‖ q(μ)) = Σ_j p̂_j (log p̂_j − log q_j(μ))`, over the bins with `p̂_j > 0`.
    pub kl_divergence: f64,
}

/// The result of [`likelihood_and_kl_over_grid`].
#[derive(Clone, Debug, PartialEq)]
pub struct LikelihoodKlScan {
    /// `H(p̂) = −Σ_j p̂_j log p̂_j`, the entropy of the histogram (independent of μ).
    pub entropy: f64,
    /// One point per μ of the grid, in the grid's order.
    pub points: Vec<GridPoint>,
}

impl LikelihoodKlScan {
    /// The grid point of largest mean log-likelihood (the first one on ties).
    pub fn argmax_likelihood(&self) -> &GridPoint {
        self.first_best(|p| -p.mean_log_likelihood)
    }

    /// The grid point of smallest KL divergence (the first one on ties).
    pub fn argmin_kl(&self) -> &GridPoint {
        self.first_best(|p| p.kl_divergence)
    }

    fn first_best(&self, cost: impl Fn(&GridPoint) -> f64) -> &GridPoint {
        let mut best = &self.points[0];
        for point in &self.points[1..] {
            if cost(point) < cost(best) {
                best = point;
            }
        }
        best
    }
}

/// Likelihood, cross-entropy and KL divergence of the binned samples under the binned
/// Gaussian `q(μ)` ([`discretized_gaussian`]) for every μ of `mu_grid`, σ fixed:
///
/// ```text
/// mean_log_likelihood(μ) = (1/m) Σ_i log q_{b(x_i)}(μ)          over the samples
/// cross_entropy(μ)       = −Σ_j p̂_j log q_j(μ)                   over the bins
/// kl_divergence(μ)       = Σ_j p̂_j (log p̂_j − log q_j(μ))
/// −mean_log_likelihood = cross_entropy = H(p̂) + kl_divergence     for every μ
/// ```
/// where `p̂` is [`empirical_distribution`] and `b(x_i)` the bin of `x_i`. The first
/// column is computed from the samples and the other two from the histogram, so the
/// identity in the last line is a check, not a definition. `H(p̂)` does not depend on μ:
/// [`LikelihoodKlScan::argmax_likelihood`] and [`LikelihoodKlScan::argmin_kl`] pick the
/// same μ.
///
/// Notebook: `notebooks-md/02_maximum_likelihood.md`.
///
/// # Errors
/// As [`empirical_distribution`] for the samples; [`MleError::Empty`] or
/// [`MleError::NonFinite`] for `mu_grid`; [`MleError::NotPositive`] for `sigma`.
/// A bin with `q_j(μ)` below the smallest `f64` has `log q_j = −∞`; where a sample falls in
/// it, the log-likelihood is `−∞` and the cross-entropy and KL `+∞` (the true values are
/// beyond `±f64::MAX`), never NaN.
///
/// # Examples
/// ```
/// use adversarial::mle::{likelihood_and_kl_over_grid, Bins};
/// let samples = [0.9, 1.1, 1.0, 1.3, 0.7];
/// let bins = Bins::new(-4.0, 6.0, 100)?;
/// let grid = [0.0, 0.5, 1.0, 1.5, 2.0];
/// let scan = likelihood_and_kl_over_grid(&samples, 1.0, &bins, &grid)?;
/// assert_eq!(scan.argmax_likelihood().mu, 1.0);
/// assert_eq!(scan.argmin_kl().mu, 1.0);
/// # Ok::<(), adversarial::mle::MleError>(())
/// ```
pub fn likelihood_and_kl_over_grid(
    samples: &[f64],
    sigma: f64,
    bins: &Bins,
    mu_grid: &[f64],
) -> Result<LikelihoodKlScan, MleError> {
    check_positive(sigma, "sigma")?;
    check_nonempty(mu_grid, "mu_grid")?;
    let indices = bin_indices(samples, bins)?;
    let empirical = histogram(&indices, bins.count())?;
    let entropy = -empirical
        .iter()
        .filter(|&&p| p > 0.0)
        .map(|p| p * p.ln())
        .sum::<f64>();
    let m = samples.len() as f64;
    let points = mu_grid
        .iter()
        .map(|&mu| {
            let log_q = discretized_gaussian_log(mu, sigma, bins)?;
            let mean_log_likelihood = indices.iter().map(|&j| log_q[j]).sum::<f64>() / m;
            // 0·log q = 0 also where log q = −∞.
            let cross_entropy = -empirical
                .iter()
                .zip(&log_q)
                .filter(|(&p, _)| p > 0.0)
                .map(|(p, lq)| p * lq)
                .sum::<f64>();
            Ok(GridPoint {
                mu,
                mean_log_likelihood,
                cross_entropy,
                kl_divergence: kl_divergence_from_log(&empirical, &log_q),
            })
        })
        .collect::<Result<_, MleError>>()?;
    Ok(LikelihoodKlScan { entropy, points })
}

/// The bin of every sample.
fn bin_indices(samples: &[f64], bins: &Bins) -> Result<Vec<usize>, MleError> {
    check_nonempty(samples, "samples")?;
    samples
        .iter()
        .enumerate()
        .map(|(index, &value)| {
            bins.index_of(value).ok_or(MleError::OutsideBins {
                argument: "samples",
                index,
                value,
                lower: bins.lower,
                upper: bins.upper,
            })
        })
        .collect()
}

/// `p̂_j = #{i : indices_i = j} / m` over `count` bins.
fn histogram(indices: &[usize], count: usize) -> Result<Vec<f64>, MleError> {
    let mut counts = zeros::<usize>(count)?;
    for &j in indices {
        counts[j] += 1;
    }
    let m = indices.len() as f64;
    Ok(counts.into_iter().map(|c| c as f64 / m).collect())
}

/// `log q_j = a_j − log Σ_k e^{a_k}` with `a_j` the exponent relative to the nearest bin `m`
/// (see [`discretized_gaussian`]): `a_m = 0`, every other `a_j ≤ 0`, so the sum is ≥ 1.
fn discretized_gaussian_log(mu: f64, sigma: f64, bins: &Bins) -> Result<Vec<f64>, MleError> {
    let mut centers = zeros::<f64>(bins.count())?;
    for (j, center) in centers.iter_mut().enumerate() {
        *center = bins.center(j);
    }
    // The centres increase: the nearest is the first centre ≥ μ or the one before it, the
    // lower one when the midpoint of the two is ≥ μ (a tie goes to the lower).
    let above = centers.partition_point(|&c| c < mu).min(centers.len() - 1);
    let nearest = if above > 0 && 0.5 * centers[above - 1] + 0.5 * centers[above] >= mu {
        above - 1
    } else {
        above
    };
    let c_m = centers[nearest];
    let exponents: Vec<f64> = centers
        .iter()
        .map(|&c| {
            // (c − c_m)/σ and (c + c_m − 2μ)/σ = 2·((c/2 + c_m/2) − μ)/σ, each without overflow.
            let spread = ratio_of_difference(c, c_m, sigma);
            let beyond = 2.0 * ratio_of_difference(0.5 * c + 0.5 * c_m, mu, sigma);
            if spread == 0.0 || beyond == 0.0 {
                0.0
            } else {
                (-0.5 * spread * beyond).min(0.0)
            }
        })
        .collect();
    let log_normaliser = exponents.iter().map(|a| a.exp()).sum::<f64>().ln();
    Ok(exponents.into_iter().map(|a| a - log_normaliser).collect())
}

/// `KL(p ‖ q) = Σ_{j: p_j > 0} p_j (ln p_j − log q_j)` with `q` given by its logarithm.
/// Private: the `divergence` module owns the public KL; this one takes `log q` so that no
/// bin underflows.
fn kl_divergence_from_log(p: &[f64], log_q: &[f64]) -> f64 {
    p.iter()
        .zip(log_q)
        .filter(|(&p, _)| p > 0.0)
        .map(|(p, lq)| p * (p.ln() - lq))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_place_edges_left_closed_right_open() {
        let bins = Bins::new(0.0, 1.0, 4).unwrap();
        assert_eq!(bins.width(), 0.25);
        assert_eq!(bins.center(1), 0.375);
        let cases = [
            (0.0, Some(0)),
            (0.25, Some(1)),
            (0.999, Some(3)),
            (1.0, None),
            (-1e-9, None),
        ];
        for (x, bin) in cases {
            assert_eq!(bins.index_of(x), bin, "x = {x}");
        }
        assert_eq!(bins.index_of(f64::NAN), None);
        let err = Bins::new(1.0, 1.0, 4).unwrap_err();
        assert_eq!(
            err,
            MleError::EmptyBins {
                lower: 1.0,
                upper: 1.0,
                count: 4
            }
        );
    }

    #[test]
    fn the_histogram_counts_and_names_a_sample_outside() {
        let bins = Bins::new(0.0, 3.0, 3).unwrap();
        let p = empirical_distribution(&[0.5, 1.5, 1.2, 2.9], &bins).unwrap();
        assert_eq!(p, vec![0.25, 0.5, 0.25]);
        let err = empirical_distribution(&[0.5, 3.0], &bins).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`samples[1]` = 3 lies outside the bins [0, 3)"
        );
    }

    #[test]
    fn the_discretized_gaussian_sums_to_one_and_is_symmetric_about_mu() {
        let bins = Bins::new(-5.0, 5.0, 10).unwrap();
        let q = discretized_gaussian(0.0, 1.5, &bins).unwrap();
        assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        for j in 0..5 {
            assert!((q[j] - q[9 - j]).abs() < 1e-16);
        }
        // Neighbouring bins at c = 0.5 and c = 1.5: ratio e^{−(1.5² − 0.5²)/2σ²}.
        let ratio = q[6] / q[5];
        assert!((ratio - (-(1.5f64.powi(2) - 0.25) / (2.0 * 2.25)).exp()).abs() < 1e-15);
        // Far from μ the log domain keeps the nearest bin at a finite probability.
        let far = discretized_gaussian(1e4, 1.0, &bins).unwrap();
        assert_eq!(far[9], 1.0);
    }

    #[test]
    fn kl_of_a_distribution_with_itself_is_zero_and_matches_a_hand_value() {
        let p = [0.5, 0.5, 0.0];
        let log_p: Vec<f64> = [0.5f64, 0.5, 1e-300].iter().map(|x| x.ln()).collect();
        assert!(kl_divergence_from_log(&p, &log_p).abs() < 1e-16);
        // KL([½, ½] ‖ [¼, ¾]) = ½ ln 2 + ½ ln(2/3).
        let log_q = [0.25f64.ln(), 0.75f64.ln()];
        let expected = 0.5 * 2f64.ln() + 0.5 * (2.0f64 / 3.0).ln();
        assert!((kl_divergence_from_log(&[0.5, 0.5], &log_q) - expected).abs() < 1e-16);
    }
}
