//! Bad input to the numerics (issue 17, class "numerics": `divergence`, `mle`, `density`,
//! `minimax`, `metrics::mode_coverage`): extremes, subnormals, ±MAX, empty and huge counts must
//! give the correct finite value, the correctly rounded ±∞ of a true value beyond f64, or a
//! typed error; never NaN, a wrong ±∞ or a panic.
//!
//! Reference values are mpmath 1.3 at 50 digits on the exact f64 inputs.
//!
//! Note for the issue (measured with `cargo test --release --test bad_input_numerics`, the
//! sweep run once against the code before the fixes): `no_hostile_input_gives_nan_a_wrong_infinity_or_a_panic`
//! tries 156,720 inputs (157,768 before: bins that are now refused were skipped). Before the
//! fixes: 27,072 panics (all "capacity overflow" for `usize::MAX` counts), 0 hangs, and 49,243
//! NaNs or wrong values (most from a handful of causes repeated over the sweep: NaN
//! discretized Gaussians and scans, NaN/∞ Silverman and KDE, overflowing means and σ, wrong
//! ±∞ KL). After: 0, 0 and 0.

use std::f64::consts::{LN_10, PI};
use std::panic::{catch_unwind, AssertUnwindSafe};

use adversarial::density::{
    kde, kde_with_bandwidth, silverman_bandwidth, Density, DensityError, Gaussian, Histogram,
    Uniform,
};
use adversarial::divergence::{
    js_divergence_density, kl_divergence, kl_divergence_density, kl_gaussian, DivergenceError, Grid,
};
use adversarial::metrics::{mode_coverage, MetricsError};
use adversarial::minimax::{optimal_discriminator_logit, value_function_logit};
use adversarial::mle::{
    discretized_gaussian, empirical_distribution, gaussian_log_likelihood, gaussian_mle,
    gaussian_negative_log_likelihood_via_squared_error, likelihood_and_kl_over_grid,
    mean_squared_error, Bins, MleError,
};
use ndarray::Array2;

const MAX: f64 = f64::MAX;
/// The smallest positive subnormal, 2⁻¹⁰⁷⁴ ≈ 4.9e-324.
const TINY: f64 = 5e-324;
const LN_SQRT_TAU: f64 = 0.918_938_533_204_672_8;

/// `|actual − expected| ≤ ulps·ε·|expected|`.
#[track_caller]
fn close(actual: f64, expected: f64, ulps: f64) {
    assert!(
        (actual - expected).abs() <= ulps * f64::EPSILON * expected.abs(),
        "got {actual:e}, expected {expected:e}"
    );
}

// ---------------------------------------------------------------- divergence

#[test]
fn kl_gaussian_keeps_full_accuracy_as_sigma_p_shrinks() {
    // KL(N(0, σp²) ‖ N(0, 1)) = −ln σp + σp²/2 − ½, by mpmath.
    let cases = [
        (1e-6, 13.315_510_557_964_774),
        (1e-8, 17.920_680_743_952_366),
        (1e-9, 20.223_265_836_946_41),
        (1e-300, 690.275_527_898_213_7),
        (TINY, 743.940_071_921_381_3),
    ];
    for (sigma_p, expected) in cases {
        close(kl_gaussian(0.0, sigma_p, 0.0, 1.0), expected, 4.0);
    }
    // −ln(1e-9) − ½ from the constant ln 10.
    close(kl_gaussian(0.0, 1e-9, 0.0, 1.0), 9.0 * LN_10 - 0.5, 4.0);
}

#[test]
fn kl_gaussian_is_finite_where_the_truth_is_and_infinite_only_beyond_max() {
    // σp = 1e150: 1e300/2 − ln 1e150 − ½ (mpmath 4.9999999999999998084e299).
    close(
        kl_gaussian(0.0, 1e150, 0.0, 1.0),
        4.999_999_999_999_999_8e299,
        4.0,
    );
    // σp = 1e-200, σq = 1e200: ln(1e400) − ½ (mpmath 920.53403719761827359).
    close(
        kl_gaussian(0.0, 1e-200, 0.0, 1e200),
        920.534_037_197_618_3,
        4.0,
    );
    // μp − μq = 2e308 overflows, but (μp − μq)/σq = 2e8 does not: 2e16 + ln 1e300 − ½.
    close(
        kl_gaussian(1e308, 1.0, -1e308, 1e300),
        2.000_000_000_000_069e16,
        4.0,
    );
    // True values 5e309 and 5e799 exceed f64::MAX: +∞ is their correct rounding, not NaN.
    assert_eq!(kl_gaussian(0.0, 1e155, 0.0, 1.0), f64::INFINITY);
    assert_eq!(kl_gaussian(0.0, 1e200, 0.0, 1e-200), f64::INFINITY);
}

#[test]
fn a_grid_over_minus_max_to_max_has_a_finite_step_and_weights() {
    let grid = Grid::new(-MAX, MAX, 5).unwrap();
    assert_eq!(grid.step(), MAX / 2.0);
    for (&point, expected) in grid
        .points()
        .iter()
        .zip([-MAX, -MAX / 2.0, 0.0, MAX / 2.0, MAX])
    {
        assert!(
            (point - expected).abs() <= 4.0 * f64::EPSILON * MAX,
            "{point:e}"
        );
    }
    assert!(grid.weights().iter().all(|w| w.is_finite() && *w > 0.0));
    // ∫ 1e-300 dx over [−MAX, MAX] = 2·MAX·1e-300, exact for Simpson.
    let integral = grid.integrate(&[1e-300; 5]);
    close(integral, 2.0 * (MAX * 1e-300), 8.0);
    // With 3 points the Simpson weight 4h/3 = 4·MAX/3 overflows: an error, not an ∞ weight.
    assert_eq!(
        Grid::new(-MAX, MAX, 3),
        Err(DivergenceError::GridSpacing {
            start: -MAX,
            end: MAX,
            points: 3
        })
    );
    // A step that rounds to 0 cannot separate the points.
    assert!(matches!(
        Grid::new(0.0, 1e-320, 10_001),
        Err(DivergenceError::GridSpacing { .. })
    ));
}

#[test]
fn a_grid_of_usize_max_points_is_an_error_not_a_capacity_overflow() {
    let result = catch_unwind(|| Grid::new(0.0, 1.0, usize::MAX));
    assert_eq!(
        result.expect("Grid::new panicked"),
        Err(DivergenceError::GridTooLarge { points: usize::MAX })
    );
}

// ---------------------------------------------------------------- mle

#[test]
fn a_discretized_gaussian_narrower_than_its_bins_puts_all_mass_on_the_nearest() {
    let bins = Bins::new(-5.0, 5.0, 10).unwrap();
    // σ = 1e-200: every bin but the one of centre 0.5 (nearest to μ = 0.3) has e^(−1e399).
    let q = discretized_gaussian(0.3, 1e-200, &bins).unwrap();
    let mut expected = vec![0.0; 10];
    expected[5] = 1.0;
    assert_eq!(q, expected);
    // μ exactly between two centres: half on each.
    let q = discretized_gaussian(0.0, 1e-200, &bins).unwrap();
    assert_eq!((q[4], q[5]), (0.5, 0.5));
    // μ = 1e160 with σ = 1: (c − μ)² overflows for every bin, the last one is nearest.
    let q = discretized_gaussian(1e160, 1.0, &bins).unwrap();
    assert_eq!(q[9], 1.0);
    assert_eq!(q.iter().sum::<f64>(), 1.0);
}

#[test]
fn bins_over_minus_max_to_max_have_finite_width_and_centres() {
    let bins = Bins::new(-MAX, MAX, 4).unwrap();
    assert_eq!(bins.width(), MAX / 2.0);
    assert_eq!(bins.center(0), -0.75 * MAX);
    assert_eq!(bins.center(3), 0.75 * MAX);
    assert_eq!(bins.index_of(0.6 * MAX), Some(3));
    assert_eq!(bins.index_of(0.4 * MAX), Some(2));
    // σ = MAX/2: (c_j − μ)/σ = ±1.5, ±0.5 for μ = 0, a finite, symmetric distribution with
    // q_0/q_1 = e^(−(1.5² − 0.5²)/2) = e^(−1).
    let q = discretized_gaussian(0.0, MAX / 2.0, &bins).unwrap();
    close(q.iter().sum(), 1.0, 4.0);
    assert_eq!((q[0], q[1]), (q[3], q[2]));
    close(q[0] / q[1], (-1.0f64).exp(), 8.0);
    // The histogram of samples spread over the whole range.
    let p = empirical_distribution(&[-MAX, -1.0, 1.0, 0.9 * MAX], &bins).unwrap();
    assert_eq!(p, vec![0.25, 0.25, 0.25, 0.25]);
}

#[test]
fn the_likelihood_scan_with_a_tiny_sigma_is_exact_not_nan() {
    let bins = Bins::new(-5.0, 5.0, 10).unwrap();
    let scan = likelihood_and_kl_over_grid(&[0.3, 0.4], 1e-200, &bins, &[0.3, 2.0]).unwrap();
    // At μ = 0.3, q is the point mass on the samples' bin: log-likelihood 0, KL 0.
    let at_sample = scan.points[0];
    assert_eq!(
        (
            at_sample.mean_log_likelihood,
            at_sample.cross_entropy,
            at_sample.kl_divergence
        ),
        (0.0, 0.0, 0.0)
    );
    // At μ = 2.0 the samples' bin has log q = −(1·2)/(2·1e-400) ≈ −1e400 < −MAX: −∞ and +∞
    // are the correct roundings, and the scan still picks μ = 0.3.
    let away = scan.points[1];
    assert_eq!(away.mean_log_likelihood, f64::NEG_INFINITY);
    assert_eq!(away.cross_entropy, f64::INFINITY);
    assert_eq!(away.kl_divergence, f64::INFINITY);
    assert_eq!(scan.argmax_likelihood().mu, 0.3);
    assert_eq!(scan.argmin_kl().mu, 0.3);
    assert_eq!(scan.entropy, 0.0);
}

#[test]
fn the_nll_via_squared_error_agrees_with_the_log_likelihood_for_a_tiny_sigma() {
    // −ℓ = 0/(2σ²) + ln σ + ln √(2π) with σ = 1e-200: ln(1e-200) + 0.9189 = −459.598…
    let via_mse = gaussian_negative_log_likelihood_via_squared_error(&[1.0], 1.0, 1e-200).unwrap();
    let direct = -gaussian_log_likelihood(&[1.0], 1.0, 1e-200).unwrap();
    close(via_mse, direct, 4.0);
    close(via_mse, -200.0 * LN_10 + LN_SQRT_TAU, 8.0);
    // x − μ = 2e200 and σ = 1e200: (x − μ)² overflows, but ((x − μ)/σ)²/2 = 2.
    let via_mse =
        gaussian_negative_log_likelihood_via_squared_error(&[1e200], -1e200, 1e200).unwrap();
    close(via_mse, 2.0 + 200.0 * LN_10 + LN_SQRT_TAU, 8.0);
    close(
        via_mse,
        -gaussian_log_likelihood(&[1e200], -1e200, 1e200).unwrap(),
        4.0,
    );
}

#[test]
fn gaussian_mle_of_huge_and_tiny_samples_is_finite_and_exact() {
    let fit = gaussian_mle(&[1e308, 1e308]).unwrap();
    assert_eq!((fit.mu, fit.sigma), (1e308, 0.0));
    let fit = gaussian_mle(&[MAX, -MAX]).unwrap();
    assert_eq!((fit.mu, fit.sigma), (0.0, MAX));
    // Squares of 1e-200 underflow to 0; σ is still 1e-200.
    let fit = gaussian_mle(&[1e-200, -1e-200]).unwrap();
    assert_eq!((fit.mu, fit.sigma), (0.0, 1e-200));
    let fit = gaussian_mle(&[TINY, -TINY]).unwrap();
    assert_eq!((fit.mu, fit.sigma), (0.0, TINY));
}

#[test]
fn usize_max_bins_are_an_error_not_a_capacity_overflow() {
    let bins = Bins::new(0.0, 1.0, usize::MAX).unwrap();
    let result = catch_unwind(|| discretized_gaussian(0.5, 1.0, &bins));
    assert_eq!(
        result.expect("discretized_gaussian panicked"),
        Err(MleError::TooManyBins { count: usize::MAX })
    );
    let result = catch_unwind(|| empirical_distribution(&[0.5], &bins));
    assert_eq!(
        result.expect("empirical_distribution panicked"),
        Err(MleError::TooManyBins { count: usize::MAX })
    );
}

// ---------------------------------------------------------------- density

#[test]
fn a_kde_bandwidth_whose_peak_overflows_is_an_error() {
    for bandwidth in [TINY, 1e-310] {
        assert_eq!(
            kde_with_bandwidth(&[0.0], &[0.0, 1.0], bandwidth),
            Err(DensityError::TooNarrow {
                name: "bandwidth",
                value: bandwidth
            })
        );
    }
    // The smallest accepted bandwidth: the peak 1/(h√(2π)) ≈ 1.8e307 is finite and exact.
    let h = f64::MIN_POSITIVE;
    let estimate = kde_with_bandwidth(&[0.0], &[0.0, 1e-300], h).unwrap();
    close(estimate[0], 1.0 / h / (2.0 * PI).sqrt(), 4.0);
    assert_eq!(estimate[1], 0.0);
}

#[test]
fn silverman_of_equal_huge_samples_is_degenerate_and_of_spread_ones_finite() {
    assert_eq!(
        silverman_bandwidth(&[MAX, MAX]),
        Err(DensityError::DegenerateSamples { count: 2 })
    );
    // kde blames the samples, not a bandwidth the user never gave.
    assert_eq!(
        kde(&[MAX, MAX], &[0.0]),
        Err(DensityError::DegenerateSamples { count: 2 })
    );
    // [−MAX, MAX]: σ̂ = √2·MAX overflows but IQR/1.34 = MAX/1.34 does not and is the smaller.
    let h = silverman_bandwidth(&[-MAX, MAX]).unwrap();
    close(h, 0.9 * (MAX / 1.34) * 2f64.powf(-0.2), 8.0);
    // [0, 5e-324]: h ≈ 1e-324 is below every usable bandwidth.
    assert!(matches!(
        silverman_bandwidth(&[0.0, TINY]),
        Err(DensityError::SilvermanOutOfRange { .. })
    ));
}

#[test]
fn a_histogram_with_bins_too_narrow_for_its_densities_is_an_error() {
    assert_eq!(
        Histogram::new(&[0.0], 0.0, 1e-308, 10),
        Err(DensityError::TooNarrow {
            name: "bin width",
            value: 1e-309
        })
    );
    // [−MAX, MAX] in 4 bins of width MAX/2: the one sample's bin has density 2/MAX.
    let histogram = Histogram::new(&[1.0], -MAX, MAX, 4).unwrap();
    assert_eq!(histogram.bin_width(), MAX / 2.0);
    assert_eq!(histogram.bin_densities(), &[0.0, 0.0, 2.0 / MAX, 0.0]);
    assert_eq!(histogram.density(0.6 * MAX), 0.0);
    assert_eq!(histogram.density(0.4 * MAX), 2.0 / MAX);
    let result = catch_unwind(|| Histogram::new(&[0.5], 0.0, 1.0, usize::MAX));
    assert_eq!(
        result.expect("Histogram::new panicked"),
        Err(DensityError::TooManyBins { bins: usize::MAX })
    );
}

#[test]
fn densities_over_the_whole_f64_range_are_finite() {
    // U(−MAX, MAX): 1/(2·MAX) is a subnormal, not 0; the mean is 0.
    let uniform = Uniform::new(-MAX, MAX).unwrap();
    assert_eq!(uniform.pdf(0.0), 0.5 / MAX);
    assert_eq!(uniform.mean(), 0.0);
    let samples = uniform.sample(1000, 7);
    assert!(samples.iter().all(|x| x.is_finite()));
    // U(0.9·MAX, MAX): the mean 0.95·MAX, not (low + high)/2 = ∞.
    close(
        Uniform::new(0.9 * MAX, MAX).unwrap().mean(),
        0.95 * MAX,
        4.0,
    );
    // N(0, (1e308)²): φ(0)/σ = 3.99e-309, not 1/(σ·√(2π)) = 1/∞ = 0.
    let wide = Gaussian::new(0.0, 1e308).unwrap();
    close(wide.pdf(0.0), 1.0 / (2.0 * PI).sqrt() / 1e308, 1e4);
}

// ---------------------------------------------------------------- metrics

#[test]
fn mode_coverage_rejects_nan_and_infinite_modes() {
    let samples = Array2::<f64>::zeros((3, 2));
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let error = mode_coverage(samples.view(), &[(0.0, 0.0), (1.0, bad)], 1.0).unwrap_err();
        assert!(
            matches!(
                error,
                MetricsError::NonFinite {
                    argument: "modes",
                    row: 1,
                    ..
                }
            ),
            "{error:?}"
        );
    }
}

#[test]
fn mode_coverage_with_a_huge_sigma_counts_samples_whose_squared_distance_overflows() {
    // σ = 1e200: a sample 1e155 from the mode is well inside 3σ, though 1e155² overflows.
    let samples = ndarray::array![[1e155, 0.0], [0.0, 4e200]];
    let score = mode_coverage(samples.view(), &[(0.0, 0.0)], 1e200).unwrap();
    assert_eq!(score.mode_counts, vec![1]);
    // Modes at ±MAX and a sample at MAX: it is at distance 0 of the second mode.
    let samples = ndarray::array![[MAX, MAX]];
    let score = mode_coverage(samples.view(), &[(-MAX, -MAX), (MAX, MAX)], 1.0).unwrap();
    assert_eq!(score.mode_counts, vec![0, 1]);
}

// ---------------------------------------------------------------- the sweep

/// Values a hostile user tries: zeros, subnormals, tiny, ordinary, huge, ±MAX, non-finite.
fn values() -> Vec<f64> {
    let magnitudes = [
        0.0, TINY, 1e-310, 1e-300, 1e-200, 1e-9, 1.0, 3.7, 1e9, 1e155, 1e200, 1e308, MAX,
    ];
    let mut all: Vec<f64> = magnitudes.iter().flat_map(|&m| [m, -m]).collect();
    all.dedup();
    all.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
    all
}

fn positive_values() -> Vec<f64> {
    values()
        .into_iter()
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect()
}

fn finite_values() -> Vec<f64> {
    values().into_iter().filter(|v| v.is_finite()).collect()
}

/// Sample sets built from the values.
fn sample_sets() -> Vec<Vec<f64>> {
    let mut sets: Vec<Vec<f64>> = vec![vec![]];
    for v in values() {
        sets.push(vec![v]);
        sets.push(vec![v, v]);
        sets.push(vec![v, -v, 0.5 * v]);
        sets.push(vec![v, 1.0, 2.0]);
    }
    sets.push(vec![MAX, -MAX, MAX]);
    sets.push(vec![1e308, 1e308, -1e308, 0.0]);
    sets
}

/// The sweep's bookkeeping: every input counted, every failure kept with its input.
#[derive(Default)]
struct Tally {
    tried: usize,
    panics: Vec<String>,
    wrong: Vec<String>,
}

impl Tally {
    /// Runs `call` on `input`; a panic is recorded, and so is a result `valid` rejects.
    fn check<T: std::fmt::Debug>(
        &mut self,
        input: impl FnOnce() -> String,
        call: impl FnOnce() -> T,
        valid: impl FnOnce(&T) -> bool,
    ) {
        self.tried += 1;
        match catch_unwind(AssertUnwindSafe(call)) {
            Ok(result) if valid(&result) => {}
            Ok(result) => self.wrong.push(format!("{}: {result:?}", input())),
            Err(_) => self.panics.push(input()),
        }
    }
}

/// `ln KL` lower bound for the Gaussian KL, from logs only: used to tell a correct +∞ (true value
/// beyond MAX) from a wrong one.
fn kl_gaussian_may_overflow(mu_p: f64, sigma_p: f64, mu_q: f64, sigma_q: f64) -> bool {
    let ln_ratio = sigma_p.ln() - sigma_q.ln();
    let ln_shift = (0.5 * mu_p - 0.5 * mu_q).abs().ln() + 2f64.ln() - sigma_q.ln();
    2.0 * ln_ratio > 710.0 || 2.0 * ln_shift > 710.0
}

fn sweep_divergence(tally: &mut Tally) {
    let positives = positive_values();
    let finites = finite_values();
    for &mu_p in &finites {
        for &mu_q in &[0.0, 1.0, -1e308, MAX] {
            for &sigma_p in &positives {
                for &sigma_q in &positives {
                    tally.check(
                        || format!("kl_gaussian({mu_p:e}, {sigma_p:e}, {mu_q:e}, {sigma_q:e})"),
                        || kl_gaussian(mu_p, sigma_p, mu_q, sigma_q),
                        |&kl| {
                            kl >= 0.0
                                && (kl.is_finite()
                                    || kl_gaussian_may_overflow(mu_p, sigma_p, mu_q, sigma_q))
                        },
                    );
                }
            }
        }
    }
    for start in values() {
        for end in values() {
            for points in [3, 5, 101, usize::MAX] {
                tally.check(
                    || format!("Grid::new({start:e}, {end:e}, {points})"),
                    || Grid::new(start, end, points),
                    |grid| match grid {
                        Err(_) => true,
                        Ok(grid) => {
                            grid.step().is_finite()
                                && grid.step() > 0.0
                                && grid.weights().iter().all(|w| w.is_finite() && *w > 0.0)
                                && grid.points().windows(2).all(|p| p[0] < p[1])
                        }
                    },
                );
            }
        }
    }
    let grid = Grid::new(-1.0, 1.0, 5).unwrap();
    for &a in &finites {
        for &b in &finites {
            let p = [a.abs(), b.abs(), 0.0, MAX, TINY];
            let q = [b.abs(), a.abs(), TINY, 1.0, 0.0];
            tally.check(
                || format!("kl/js_divergence_density({p:?}, {q:?})"),
                || {
                    (
                        kl_divergence_density(&grid, &p, &q),
                        js_divergence_density(&grid, &p, &q),
                    )
                },
                |(kl, js)| {
                    kl.as_ref().map_or(true, |v| !v.is_nan() && *v >= -1e-300)
                        && js.as_ref().map_or(true, |v| v.is_finite())
                },
            );
        }
    }
    for &x in &[0.0, TINY, 1e-310, 1e-300, 1e-9] {
        let p = [1.0 - x, x];
        for q in [[1.0, 0.0], [0.0, 1.0], [x, 1.0 - x], [0.5, 0.5]] {
            tally.check(
                || format!("kl_divergence({p:?}, {q:?})"),
                || kl_divergence(&p, &q),
                |kl| kl.as_ref().map_or(true, |v| !v.is_nan() && *v >= 0.0),
            );
        }
    }
    for &p in &finites {
        for &g in &finites {
            let (p, g) = (p.abs(), g.abs());
            let grid = Grid::new(0.0, 1.0, 3).unwrap();
            for logit in [0.0, f64::INFINITY, f64::NEG_INFINITY, 1e308] {
                tally.check(
                    || format!("value_function_logit(p_data {p:e}, p_G {g:e}, logit {logit:e})"),
                    || value_function_logit(&grid, &[p; 3], &[g; 3], &[logit; 3]),
                    |v| v.as_ref().map_or(true, |v| !v.is_nan() && *v <= 0.0),
                );
            }
            tally.check(
                || format!("optimal_discriminator_logit({p:e}, {g:e})"),
                || optimal_discriminator_logit(p, g),
                |l| !l.is_nan(),
            );
        }
    }
}

fn sweep_mle(tally: &mut Tally) {
    for samples in sample_sets() {
        let finite = !samples.is_empty() && samples.iter().all(|x| x.is_finite());
        tally.check(
            || format!("gaussian_mle({samples:?})"),
            || gaussian_mle(&samples),
            |fit| match fit {
                Err(_) => !finite,
                Ok(fit) => {
                    let low = samples.iter().copied().fold(f64::INFINITY, f64::min);
                    let high = samples.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    // μ lies between the extreme samples; σ ≤ (high − low)/2·√… ≤ max |x|·2.
                    let largest = low.abs().max(high.abs());
                    fit.mu >= low
                        && fit.mu <= high
                        && fit.sigma.is_finite()
                        && fit.sigma >= 0.0
                        && fit.sigma <= largest * 1.0000001
                        && (fit.sigma > 0.0 || low == high)
                }
            },
        );
        for mu in [0.0, 1.0, -1e200, MAX] {
            for sigma in positive_values() {
                tally.check(
                    || format!("nll via squared error({samples:?}, {mu:e}, {sigma:e})"),
                    || {
                        (
                            gaussian_negative_log_likelihood_via_squared_error(&samples, mu, sigma),
                            gaussian_log_likelihood(&samples, mu, sigma),
                            mean_squared_error(&samples, mu),
                        )
                    },
                    |(via, direct, mse)| match (via, direct) {
                        (Ok(via), Ok(direct)) => {
                            let nll = -direct;
                            !via.is_nan()
                                && !nll.is_nan()
                                && mse.as_ref().is_ok_and(|m| *m >= 0.0)
                                && (via == &nll || (via - nll).abs() <= 1e-12 * nll.abs().max(1.0))
                        }
                        (Err(_), _) | (_, Err(_)) => true,
                    },
                );
            }
        }
    }
    for lower in finite_values() {
        for upper in finite_values() {
            for count in [1, 4, 101, usize::MAX] {
                let Ok(bins) = Bins::new(lower, upper, count) else {
                    continue;
                };
                tally.check(
                    || format!("Bins::new({lower:e}, {upper:e}, {count})"),
                    || (bins.width(), bins.center(0), bins.center(count - 1)),
                    |(w, first, last)| {
                        w.is_finite() && *w > 0.0 && first.is_finite() && last.is_finite()
                    },
                );
                for mu in [0.0, lower, upper, 1e160, -MAX] {
                    for sigma in positive_values() {
                        tally.check(
                            || format!("discretized_gaussian({mu:e}, {sigma:e}, [{lower:e}, {upper:e}) × {count})"),
                            || discretized_gaussian(mu, sigma, &bins),
                            |q| match q {
                                Err(MleError::TooManyBins { .. }) => count == usize::MAX,
                                Err(MleError::NotPositive { .. }) => false,
                                Err(_) => false,
                                Ok(q) => {
                                    q.iter().all(|v| (0.0..=1.0).contains(v))
                                        && (q.iter().sum::<f64>() - 1.0).abs() < 1e-12
                                }
                            },
                        );
                    }
                }
                if count > 101 {
                    continue;
                }
                let samples = [lower, 0.5 * lower + 0.5 * upper];
                for sigma in positive_values() {
                    tally.check(
                        || format!("likelihood_and_kl_over_grid({samples:?}, {sigma:e}, [{lower:e}, {upper:e}) × {count})"),
                        || likelihood_and_kl_over_grid(&samples, sigma, &bins, &[lower, upper, 0.0]),
                        |scan| match scan {
                            // −0.0 is not in [−5e-324, 0): outside the bins, correctly.
                            Err(MleError::OutsideBins { .. }) => true,
                            Err(_) => false,
                            Ok(scan) => !scan.entropy.is_nan() && scan.points.iter().all(|p| {
                                !p.mean_log_likelihood.is_nan()
                                    && !p.cross_entropy.is_nan()
                                    && !p.kl_divergence.is_nan()
                                    && p.mean_log_likelihood <= 1e-12
                                    && p.kl_divergence >= -1e-12
                            }),
                        },
                    );
                }
            }
        }
    }
}

fn sweep_density(tally: &mut Tally) {
    for samples in sample_sets() {
        tally.check(
            || format!("silverman_bandwidth({samples:?})"),
            || silverman_bandwidth(&samples),
            |h| {
                h.as_ref()
                    .map_or(true, |h| h.is_finite() && *h >= f64::MIN_POSITIVE)
            },
        );
        for bandwidth in positive_values() {
            tally.check(
                || format!("kde_with_bandwidth({samples:?}, h = {bandwidth:e})"),
                || kde_with_bandwidth(&samples, &values(), bandwidth),
                |estimate| match estimate {
                    Err(DensityError::InvalidPoint { .. }) => true, // the NaN point
                    Err(_) => true,
                    Ok(values) => values.iter().all(|v| v.is_finite() && *v >= 0.0),
                },
            );
            // The same without the NaN point, so the estimate itself is checked.
            let points: Vec<f64> = values().into_iter().filter(|v| !v.is_nan()).collect();
            tally.check(
                || format!("kde_with_bandwidth({samples:?}, finite points, h = {bandwidth:e})"),
                || kde_with_bandwidth(&samples, &points, bandwidth),
                |estimate| {
                    estimate.as_ref().map_or(true, |values| {
                        values.iter().all(|v| v.is_finite() && *v >= 0.0)
                    })
                },
            );
        }
        tally.check(
            || format!("kde({samples:?})"),
            || kde(&samples, &[0.0, 1.0]),
            |estimate| match estimate {
                Err(DensityError::TooNarrow { .. }) => false, // a bandwidth the user never gave
                Err(_) => true,
                Ok(values) => values.iter().all(|v| v.is_finite() && *v >= 0.0),
            },
        );
        for low in finite_values() {
            for high in [-1.0, 1e-308, 1.0, 1e300, MAX] {
                for bins in [1, 10, usize::MAX] {
                    tally.check(
                        || format!("Histogram::new({samples:?}, {low:e}, {high:e}, {bins})"),
                        || Histogram::new(&samples, low, high, bins),
                        |histogram| {
                            histogram.as_ref().map_or(true, |h| {
                                h.bin_width().is_finite()
                                && h.bin_densities().iter().all(|d| d.is_finite() && *d >= 0.0)
                                // A sample inside [low, high] makes some bin positive.
                                && (!samples.iter().any(|x| (low..=high).contains(x))
                                    || h.bin_densities().iter().any(|d| *d > 0.0))
                            })
                        },
                    );
                }
            }
        }
    }
    for low in finite_values() {
        for high in finite_values() {
            let Ok(uniform) = Uniform::new(low, high) else {
                continue;
            };
            tally.check(
                || format!("Uniform({low:e}, {high:e})"),
                || {
                    let samples = uniform.sample(20, 1);
                    (uniform.pdf(0.5 * low + 0.5 * high), uniform.mean(), samples)
                },
                |(pdf, mean, samples)| {
                    *pdf > 0.0
                        && (pdf.is_finite() || high - low < 1.0 / MAX)
                        && (low..=high).contains(mean)
                        && samples.iter().all(|x| (low..=high).contains(x))
                },
            );
        }
    }
    for mean in finite_values() {
        for std_dev in positive_values() {
            let gaussian = Gaussian::new(mean, std_dev).unwrap();
            tally.check(
                || format!("Gaussian({mean:e}, {std_dev:e}).pdf"),
                || (gaussian.pdf(mean), gaussian.pdf(0.0)),
                |(peak, at_zero)| {
                    // The peak 1/(σ√(2π)) is > 0, and ∞ only when it exceeds MAX.
                    *peak > 0.0 && (peak.is_finite() || std_dev < 0.4 / MAX) && !at_zero.is_nan()
                },
            );
        }
    }
}

fn sweep_modes(tally: &mut Tally) {
    for x in values() {
        for sigma in [1.0, 1e-300, 1e200, MAX] {
            let samples = ndarray::array![[x, 0.0], [0.0, x], [1.0, 1.0]];
            let modes = [(x, x), (0.0, 0.0), (-x, 1.0)];
            let finite_modes = x.is_finite();
            tally.check(
                || format!("mode_coverage(samples/modes with {x:e}, σ = {sigma:e})"),
                || mode_coverage(samples.view(), &modes, sigma),
                |score| match score {
                    Err(MetricsError::NonFinite { argument, .. }) => {
                        !finite_modes || *argument == "samples"
                    }
                    Err(_) => false,
                    Ok(score) => {
                        finite_modes
                            && score.reverse_kl.is_none_or(|kl| kl.is_finite() && kl >= 0.0)
                            // [1, 1] is at distance √2 of the mode (0, 0): high quality for σ ≥ 1.
                            && (sigma < 1.0 || score.mode_counts.iter().sum::<usize>() >= 1)
                    }
                },
            );
        }
    }
}

#[test]
fn no_hostile_input_gives_nan_a_wrong_infinity_or_a_panic() {
    let mut tally = Tally::default();
    // Thousands of expected-to-be-caught panics would flood the output: silence them here.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    sweep_divergence(&mut tally);
    sweep_mle(&mut tally);
    sweep_density(&mut tally);
    sweep_modes(&mut tally);
    std::panic::set_hook(hook);
    let shown = |list: &[String]| list.iter().take(40).cloned().collect::<Vec<_>>().join("\n");
    assert!(
        tally.panics.is_empty() && tally.wrong.is_empty(),
        "{} inputs: {} panics, {} NaN or wrong values\npanics:\n{}\nwrong:\n{}",
        tally.tried,
        tally.panics.len(),
        tally.wrong.len(),
        shown(&tally.panics),
        shown(&tally.wrong)
    );
}
