//! Densities, sampling and estimates: pdfs against known values and unit mass, sample moments
//! against the true ones within statistical tolerance, histogram and KDE converging as n grows.
//! Measured figures are printed with `cargo test -- --nocapture` (lines `MEASURED`).

// Reference values keep every digit their source (mpmath) printed.
#![allow(clippy::excessive_precision)]

mod common;

use common::{on_one_and_two_threads, proptest_config};

use std::time::Instant;

use adversarial::density::{
    kde, kde_with_bandwidth, silverman_bandwidth, Density, DensityError, Gaussian, Histogram,
    Mixture, Uniform,
};
use adversarial::divergence::Grid;
use proptest::prelude::*;

fn gaussian(mean: f64, std_dev: f64) -> Gaussian {
    Gaussian::new(mean, std_dev).unwrap()
}

/// `0.3·N(−2, 0.5²) + 0.7·N(1.5, 1)`: two modes, unequal weights.
fn bimodal() -> Mixture {
    Mixture::new(
        vec![0.3, 0.7],
        vec![gaussian(-2.0, 0.5), gaussian(1.5, 1.0)],
    )
    .unwrap()
}

/// `∫ |estimate − truth|` on the grid.
fn integrated_absolute_error(grid: &Grid, estimate: &[f64], truth: &impl Density) -> f64 {
    let difference: Vec<f64> = grid
        .points()
        .iter()
        .zip(estimate)
        .map(|(&x, e)| (e - truth.pdf(x)).abs())
        .collect();
    grid.integrate(&difference)
}

#[test]
fn pdf_known_values() {
    // Standard normal: φ(0) = 1/√(2π), φ(1) = e^(−½)/√(2π) (Abramowitz & Stegun 26.1.1;
    // digits from mpmath 1.3).
    let standard = gaussian(0.0, 1.0);
    let cases = [
        (standard.pdf(0.0), 0.39894228040143267794),
        (standard.pdf(1.0), 0.24197072451914334980),
        (standard.pdf(-1.0), 0.24197072451914334980),
        // N(3, 2²) at 5 is φ(1)/2.
        (gaussian(3.0, 2.0).pdf(5.0), 0.12098536225957167490),
        // Mixture: 0.3·N(1; −2, ½) + 0.7·N(1; 1.5, 1) = 0.3·2·φ(6) + 0.7·φ(0.5), φ(6) = 6.0758828498232854e-9,
        // φ(0.5) = 0.35206532676429952 (mpmath).
        (
            bimodal().pdf(1.0),
            0.3 * 2.0 * 6.0758828498232854e-9 + 0.7 * 0.35206532676429952,
        ),
        (Uniform::new(-1.0, 3.0).unwrap().pdf(0.0), 0.25),
        (Uniform::new(-1.0, 3.0).unwrap().pdf(3.0), 0.125),
        (Uniform::new(-1.0, 3.0).unwrap().pdf(3.5), 0.0),
    ];
    for (actual, expected) in cases {
        assert!(
            (actual - expected).abs() <= 2.0 * f64::EPSILON * expected,
            "{actual} vs {expected}"
        );
    }
    assert_eq!(bimodal().mean(), 0.3 * -2.0 + 0.7 * 1.5);
    // Law of total variance: 0.3·(0.25 + (−2 − 0.45)²) + 0.7·(1 + (1.5 − 0.45)²).
    let expected_variance = 0.3 * (0.25 + 2.45f64.powi(2)) + 0.7 * (1.0 + 1.05f64.powi(2));
    assert!((bimodal().variance() - expected_variance).abs() < 1e-15);
    assert_eq!(Uniform::new(-1.0, 3.0).unwrap().variance(), 16.0 / 12.0);
}

/// `∫ p = 1` by Simpson on a grid with the uniform's jumps on panel boundaries: step 2⁻¹⁰
/// (every point exact in binary), −1 and 2.5 at even indices 15,360 and 18,944.
#[test]
fn pdfs_integrate_to_one_on_the_grid() {
    let grid = Grid::new(-16.0, 16.0, 32 * 1024 + 1).unwrap();
    assert_eq!((grid.points()[15_360], grid.points()[18_944]), (-1.0, 2.5));
    let mut worst: f64 = 0.0;
    let uniform = Uniform::new(-1.0, 2.5).unwrap();
    let masses = [
        grid.integrate(&grid.evaluate(|x| gaussian(0.0, 1.0).pdf(x))),
        grid.integrate(&grid.evaluate(|x| gaussian(0.5, 0.3).pdf(x))),
        grid.integrate(&grid.evaluate(|x| bimodal().pdf(x))),
        grid.integrate(&grid.evaluate(|x| uniform.pdf(x))),
    ];
    for mass in masses {
        worst = worst.max((mass - 1.0).abs());
    }
    assert!(worst < 1e-12, "worst mass error {worst:e}");
    println!("MEASURED worst |∫pdf − 1| (Gaussians, mixture, uniform): {worst:.2e}");
}

/// Sample mean within 5 standard errors `√(σ²/n)`, sample variance within 5 standard errors
/// `√((μ₄ − σ⁴)/n)`, with the fourth central moment `μ₄` by quadrature.
#[test]
fn sample_moments_match_within_statistical_tolerance() {
    let n = 100_000;
    let grid = Grid::new(-20.0, 20.0, 40_001).unwrap();
    let check = |name: &str,
                 density: &dyn Fn(f64) -> f64,
                 samples: Vec<f64>,
                 mean: f64,
                 variance: f64| {
        let count = samples.len() as f64;
        let sample_mean = samples.iter().sum::<f64>() / count;
        let sample_variance = samples
            .iter()
            .map(|x| (x - sample_mean).powi(2))
            .sum::<f64>()
            / (count - 1.0);
        let fourth = grid.integrate(&grid.evaluate(|x| (x - mean).powi(4) * density(x)));
        let mean_error = (sample_mean - mean).abs() / (variance / count).sqrt();
        let variance_error =
            (sample_variance - variance).abs() / ((fourth - variance * variance) / count).sqrt();
        assert!(
            mean_error < 5.0 && variance_error < 5.0,
            "{name}: {mean_error} / {variance_error} standard errors"
        );
        println!("MEASURED {name}: mean off {mean_error:.2} s.e., variance off {variance_error:.2} s.e. (n = {n})");
    };
    let normal = gaussian(1.0, 2.0);
    check("N(1, 4)", &|x| normal.pdf(x), normal.sample(n, 1), 1.0, 4.0);
    let mixture = bimodal();
    check(
        "mixture",
        &|x| mixture.pdf(x),
        mixture.sample(n, 2),
        mixture.mean(),
        mixture.variance(),
    );
    let uniform = Uniform::new(-3.0, 5.0).unwrap();
    check(
        "U(−3, 5)",
        &|x| uniform.pdf(x),
        uniform.sample(n, 3),
        1.0,
        64.0 / 12.0,
    );
}

#[test]
fn sampling_is_seeded_and_picks_components_by_weight() {
    let mixture = Mixture::new(
        vec![1.0, 3.0],
        vec![gaussian(-10.0, 1.0), gaussian(10.0, 1.0)],
    )
    .unwrap();
    assert_eq!(mixture.weights(), &[0.25, 0.75]);
    let n = 100_000;
    let samples = mixture.sample(n, 42);
    assert_eq!(samples, mixture.sample(n, 42));
    assert_ne!(samples, mixture.sample(n, 43));
    // Fraction from the left component: Binomial(n, ¼), standard error √(¼·¾/n).
    let left = samples.iter().filter(|&&x| x < 0.0).count() as f64 / n as f64;
    assert!(
        (left - 0.25).abs() < 5.0 * (0.25 * 0.75 / n as f64).sqrt(),
        "left fraction {left}"
    );
    // A zero-weight component is never drawn.
    let one_sided = Mixture::new(
        vec![0.0, 1.0],
        vec![gaussian(-10.0, 1.0), gaussian(10.0, 1.0)],
    )
    .unwrap();
    assert!(one_sided.sample(10_000, 5).iter().all(|&x| x > 0.0));
}

#[test]
fn histogram_reads_counts_as_density_and_converges() {
    // Hand count: bins [0, 1), [1, 2), [2, 3]; 6 samples, one outside.
    let histogram = Histogram::new(&[0.5, 0.7, 1.2, 2.0, 3.0, -4.0], 0.0, 3.0, 3).unwrap();
    assert_eq!(
        histogram.bin_densities(),
        &[2.0 / 6.0, 1.0 / 6.0, 2.0 / 6.0]
    );
    assert_eq!(
        histogram.densities(&[0.0, 2.999, 3.0, 3.1]),
        vec![2.0 / 6.0, 2.0 / 6.0, 2.0 / 6.0, 0.0]
    );
    // One point at a time: bins are closed on the left ([1, 2) holds 1.0), the last one also
    // on the right (3.0), and nothing outside [0, 3] or NaN has density.
    let at = |x: f64| histogram.density(x);
    assert_eq!(
        [at(0.0), at(0.99), at(1.0), at(2.0), at(3.0)],
        [2.0 / 6.0, 2.0 / 6.0, 1.0 / 6.0, 2.0 / 6.0, 2.0 / 6.0]
    );
    assert_eq!([at(-1e-12), at(3.0 + 1e-12), at(f64::NAN)], [0.0; 3]);

    let truth = bimodal();
    let grid = Grid::new(-6.0, 6.0, 12_001).unwrap();
    let mut errors = Vec::new();
    for (n, seed) in [(1_000, 11), (100_000, 12)] {
        let samples = truth.sample(n, seed);
        // Scott's bin width 3.49·σ·n^(−1/3), rounded to a whole number of bins on [−6, 6].
        let bins =
            (12.0 / (3.49 * truth.variance().sqrt() * (n as f64).powf(-1.0 / 3.0))).ceil() as usize;
        let histogram = Histogram::new(&samples, -6.0, 6.0, bins).unwrap();
        errors.push(integrated_absolute_error(
            &grid,
            &histogram.densities(grid.points()),
            &truth,
        ));
    }
    // IAE ∝ n^(−1/3): a factor 100 in n should shrink it about 4.6-fold.
    assert!(
        errors[1] < errors[0] / 3.0 && errors[1] < 0.05,
        "IAE {errors:?}"
    );
    println!(
        "MEASURED histogram IAE: n = 1e3 {:.4}, n = 1e5 {:.4}",
        errors[0], errors[1]
    );
}

#[test]
fn kde_has_unit_mass_and_converges() {
    let truth = bimodal();
    let grid = Grid::new(-8.0, 8.0, 1_601).unwrap();
    let mut errors = Vec::new();
    for (n, seed) in [(1_000, 21), (10_000, 22), (100_000, 23)] {
        let samples = truth.sample(n, seed);
        let estimate = kde(&samples, grid.points()).unwrap();
        let mass = grid.integrate(&estimate);
        assert!((mass - 1.0).abs() < 1e-6, "n = {n}: mass {mass}");
        errors.push(integrated_absolute_error(&grid, &estimate, &truth));
    }
    // IAE ∝ n^(−2/5): each factor 10 in n should shrink it about 2.5-fold.
    assert!(
        errors[1] < errors[0] / 1.5 && errors[2] < errors[1] / 1.5 && errors[2] < 0.03,
        "IAE {errors:?}"
    );
    println!(
        "MEASURED KDE (Silverman) IAE: n = 1e3 {:.4}, 1e4 {:.4}, 1e5 {:.4}",
        errors[0], errors[1], errors[2]
    );
}

/// One sample: the estimate is the kernel itself, `N(x; x₁, h²)`.
#[test]
fn kde_of_one_sample_is_the_kernel() {
    let estimate = kde_with_bandwidth(&[2.0], &[2.0, 3.0, -1.0], 0.5).unwrap();
    for (value, x) in estimate.iter().zip([2.0, 3.0, -1.0]) {
        let expected = gaussian(2.0, 0.5).pdf(x);
        assert!((value - expected).abs() <= 2.0 * f64::EPSILON * expected);
    }
}

/// Silverman's rule (R's `bw.nrd0`): on 1..=10, `σ̂ = √(55/6)`, IQR (type 7) = 7.75 − 3.25;
/// on a sample with IQR/1.34 < σ̂ the IQR branch is taken.
#[test]
fn silverman_bandwidth_known_values() {
    let one_to_ten: Vec<f64> = (1..=10).map(f64::from).collect();
    let expected = 0.9 * (55.0f64 / 6.0).sqrt() * 10f64.powf(-0.2);
    assert!(
        (silverman_bandwidth(&one_to_ten).unwrap() - expected).abs()
            <= 2.0 * f64::EPSILON * expected
    );
    // [0, 0, 0, 1, 1, 1, 1, 100]: mean 13.125; IQR: quantiles at positions 1.75 and 5.25 → 0 and 1.
    let heavy = [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 100.0];
    let expected = 0.9 * (1.0 / 1.34) * 8f64.powf(-0.2);
    assert!(
        (silverman_bandwidth(&heavy).unwrap() - expected).abs() <= 2.0 * f64::EPSILON * expected
    );
    assert_eq!(
        silverman_bandwidth(&[3.0, 3.0]),
        Err(DensityError::DegenerateSamples { count: 2 })
    );
    assert_eq!(
        silverman_bandwidth(&[3.0]),
        Err(DensityError::DegenerateSamples { count: 1 })
    );
}

/// Same samples, 1 or 2 rayon threads: bit-identical estimates. Also times the workload the
/// GAN examples use (10,000 samples × 1,000 points).
#[test]
fn kde_is_bit_identical_for_any_thread_count() {
    let samples = bimodal().sample(10_000, 31);
    let points: Vec<f64> = (0..1_000)
        .map(|i| -6.0 + 12.0 * f64::from(i) / 999.0)
        .collect();
    let ((single, single_time), (double, double_time)) = on_one_and_two_threads(|| {
        let start = Instant::now();
        let estimate = kde(&samples, &points).unwrap();
        (estimate, start.elapsed())
    });
    assert!(single
        .iter()
        .zip(&double)
        .all(|(a, b)| a.to_bits() == b.to_bits()));
    println!("MEASURED kde 10,000 samples × 1,000 points: {single_time:.2?} on 1 thread, {double_time:.2?} on 2");
}

#[test]
fn bad_parameters_and_samples_are_errors() {
    assert_eq!(
        Gaussian::new(0.0, 0.0),
        Err(DensityError::NotPositive {
            name: "std_dev",
            value: 0.0
        })
    );
    assert!(matches!(
        Gaussian::new(f64::NAN, 1.0),
        Err(DensityError::NotFinite { name: "mean", .. })
    ));
    assert_eq!(
        Uniform::new(1.0, 1.0),
        Err(DensityError::EmptyInterval {
            low: 1.0,
            high: 1.0
        })
    );
    assert_eq!(
        Mixture::new(vec![1.0], vec![gaussian(0.0, 1.0), gaussian(1.0, 1.0)]),
        Err(DensityError::MixtureShape {
            weights: 1,
            components: 2
        })
    );
    assert_eq!(
        Mixture::new(
            vec![1.0, -1.0],
            vec![gaussian(0.0, 1.0), gaussian(1.0, 1.0)]
        ),
        Err(DensityError::InvalidWeight {
            index: 1,
            value: -1.0
        })
    );
    assert_eq!(
        Mixture::new(vec![0.0], vec![gaussian(0.0, 1.0)]),
        Err(DensityError::ZeroWeights)
    );
    assert_eq!(kde(&[], &[0.0]), Err(DensityError::NoSamples));
    assert_eq!(
        kde(&[0.0, f64::INFINITY], &[0.0]),
        Err(DensityError::InvalidSample {
            index: 1,
            value: f64::INFINITY
        })
    );
    assert_eq!(
        kde_with_bandwidth(&[0.0], &[0.0], -1.0),
        Err(DensityError::NotPositive {
            name: "bandwidth",
            value: -1.0
        })
    );
    assert_eq!(
        Histogram::new(&[0.0], 0.0, 1.0, 0),
        Err(DensityError::NoBins)
    );
    let message = DensityError::InvalidSample {
        index: 7,
        value: f64::NAN,
    }
    .to_string();
    assert_eq!(message, "`samples[7]` = NaN is not finite");
}

proptest! {
    #![proptest_config(proptest_config(256))]

    /// Any Gaussian mixture (1–5 components, σ ∈ [0.3, 3], μ ∈ [−5, 5]) integrates to 1 on a
    /// grid reaching 12σ past every mean, and its mean and variance match quadrature.
    #[test]
    fn random_mixtures_have_unit_mass_and_consistent_moments(
        components in prop::collection::vec((-5.0..5.0f64, 0.3..3.0f64, 0.0..1.0f64), 1..=5),
    ) {
        let weights: Vec<f64> = components.iter().map(|c| c.2 + 0.01).collect();
        let mixture = Mixture::new(weights, components.iter().map(|c| gaussian(c.0, c.1)).collect()).unwrap();
        let grid = Grid::new(-41.0, 41.0, 16_401).unwrap();
        let pdf = grid.evaluate(|x| mixture.pdf(x));
        prop_assert!((grid.integrate(&pdf) - 1.0).abs() < 1e-12);
        let mean = grid.integrate(&grid.evaluate(|x| x * mixture.pdf(x)));
        let variance = grid.integrate(&grid.evaluate(|x| (x - mean).powi(2) * mixture.pdf(x)));
        prop_assert!((mean - mixture.mean()).abs() < 1e-10);
        prop_assert!((variance - mixture.variance()).abs() < 1e-10 * mixture.variance().max(1.0));
    }
}
