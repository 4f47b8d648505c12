//! Bad input to the numerics (issue 17, class "numerics": `divergence`, `mle`, `density`,
//! `minimax`, `metrics::mode_coverage`): extremes, subnormals, ±MAX, empty and huge counts must
//! give the correct finite value, the correctly rounded ±∞ of a true value beyond f64, or a
//! typed error; never NaN, a wrong ±∞ or a panic.
//!
//! Reference values are mpmath 1.3 at 50 digits on the exact f64 inputs.
//!
//! The sweep over every combination of hostile values is `tests/bad_input_sweep.rs`.

use std::f64::consts::{LN_10, PI};
use std::panic::catch_unwind;

use adversarial::density::{
    kde, kde_with_bandwidth, silverman_bandwidth, Density, DensityError, Gaussian, Histogram,
    Uniform,
};
use adversarial::divergence::{kl_gaussian, DivergenceError, Grid};
use adversarial::metrics::{mode_coverage, MetricsError};
use adversarial::mle::{
    discretized_gaussian, empirical_distribution, gaussian_log_likelihood, gaussian_mle,
    gaussian_negative_log_likelihood_via_squared_error, likelihood_and_kl_over_grid, Bins,
    MleError,
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
