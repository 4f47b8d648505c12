//! Maximum likelihood end to end: the product underflows and the log-likelihood does not,
//! gradient ascent on the tape lands on the closed form, maximum likelihood is minimum KL
//! on a grid, and the mean squared error is a Gaussian negative log-likelihood.
//! Notebook: `notebooks-md/02_maximum_likelihood.md`.

mod common;

use common::{normal_pdf, proptest_config};

use adversarial::divergence::{cross_entropy, entropy, kl_divergence};
use adversarial::mle::{
    discretized_gaussian, empirical_distribution, first_underflow, gaussian_log_likelihood,
    gaussian_mle, gaussian_mle_by_gradient_ascent,
    gaussian_negative_log_likelihood_via_squared_error, likelihood_and_kl_over_grid,
    likelihood_product, log_likelihood, mean_squared_error, Bins,
};
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use proptest::prelude::*;
use rand_distr::{Distribution, Normal};
use std::f64::consts::PI;

/// `count` draws from `N(mu, sigma²)`, seeded.
fn normal_samples(count: usize, mu: f64, sigma: f64, seed: u64) -> Vec<f64> {
    let mut rng = StdRng::seed_from_u64(seed);
    let normal = Normal::new(mu, sigma).expect("sigma > 0");
    (0..count).map(|_| normal.sample(&mut rng)).collect()
}

fn standard_normal_pdf(x: f64) -> f64 {
    normal_pdf(0.0, 1.0, x)
}

fn standard_normal_log_pdf(x: f64) -> f64 {
    -0.5 * x * x - 0.5 * (2.0 * PI).ln()
}

#[test]
fn the_product_of_a_few_thousand_densities_underflows_and_the_sum_of_logs_does_not() {
    let samples = normal_samples(5000, 0.0, 1.0, 2014);
    assert_eq!(likelihood_product(&samples, standard_normal_pdf), 0.0);
    let ell = log_likelihood(&samples, standard_normal_log_pdf);
    assert!(ell.is_finite());
    // E[log p] = −½ ln 2π − ½ ≈ −1.4189 per sample; its standard deviation is 1/√2 per sample,
    // so the sum of 5000 lies within 5·√(5000/2) ≈ 250 of −7094.7.
    let expected = -5000.0 * (0.5 * (2.0 * PI).ln() + 0.5);
    assert!(
        (ell - expected).abs() < 250.0,
        "ℓ = {ell}, expected ≈ {expected}"
    );

    // The product first hits 0 when the log-likelihood crosses ln(2^−1074) ≈ −744.44.
    let k = first_underflow(&samples, standard_normal_pdf).expect("5000 densities underflow");
    assert!(likelihood_product(&samples[..k - 1], standard_normal_pdf) > 0.0);
    assert_eq!(likelihood_product(&samples[..k], standard_normal_pdf), 0.0);
    let smallest_subnormal_log = -1074.0 * 2f64.ln();
    let before = log_likelihood(&samples[..k - 1], standard_normal_log_pdf);
    let at = log_likelihood(&samples[..k], standard_normal_log_pdf);
    assert!(before > smallest_subnormal_log - 1.0 && at < smallest_subnormal_log + 1.0);
    // ≈ 744.4 / 1.419 ≈ 525 samples on average.
    assert!((400..700).contains(&k), "first underflow at {k}");
}

#[test]
fn gradient_ascent_on_the_tape_equals_the_closed_form_to_1e_6() {
    let samples = normal_samples(1000, 1.5, 0.8, 7);
    let closed = gaussian_mle(&samples).unwrap();
    let ascent = gaussian_mle_by_gradient_ascent(&samples, 20_000, 0.2).unwrap();
    assert!(ascent.converged, "{ascent:?}");
    assert!(
        (ascent.fit.mu - closed.mu).abs() < 1e-6,
        "{ascent:?} vs {closed:?}"
    );
    assert!(
        (ascent.fit.sigma - closed.sigma).abs() < 1e-6,
        "{ascent:?} vs {closed:?}"
    );
    let best = gaussian_log_likelihood(&samples, closed.mu, closed.sigma).unwrap();
    assert!((ascent.mean_log_likelihood - best / 1000.0).abs() < 1e-12);
    // The closed form sits near the parameters that drew the samples (σ/√m ≈ 0.025).
    assert!((closed.mu - 1.5).abs() < 0.1 && (closed.sigma - 0.8).abs() < 0.1);
}

#[test]
fn maximum_likelihood_and_minimum_kl_pick_the_same_mu_on_a_grid() {
    let samples = normal_samples(2000, 1.3, 1.0, 11);
    let bins = Bins::new(-6.0, 8.0, 70).unwrap();
    let grid: Vec<f64> = (0..=80).map(|i| -1.0 + 0.05 * f64::from(i)).collect();
    let scan = likelihood_and_kl_over_grid(&samples, 1.0, &bins, &grid).unwrap();
    // Each column against an independent value: the `divergence` module's entropy,
    // cross-entropy and KL of the histogram and the binned Gaussian, and the mean log of q at
    // each sample's bin summed here; then −(1/m) Σ log q = H(p̂, q) = H(p̂) + KL(p̂ ‖ q).
    let histogram = empirical_distribution(&samples, &bins).unwrap();
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12 * b.abs().max(1.0);
    assert!(
        close(scan.entropy, entropy(&histogram).unwrap()),
        "{}",
        scan.entropy
    );
    for point in &scan.points {
        let q = discretized_gaussian(point.mu, 1.0, &bins).unwrap();
        let mean_log_q = samples
            .iter()
            .map(|&x| q[bins.index_of(x).unwrap()].ln())
            .sum::<f64>()
            / samples.len() as f64;
        assert!(
            close(point.mean_log_likelihood, mean_log_q),
            "{point:?}: {mean_log_q}"
        );
        assert!(
            close(point.cross_entropy, cross_entropy(&histogram, &q).unwrap()),
            "{point:?}"
        );
        assert!(
            close(point.kl_divergence, kl_divergence(&histogram, &q).unwrap()),
            "{point:?}"
        );
        assert!(
            close(-point.mean_log_likelihood, point.cross_entropy),
            "{point:?}"
        );
        assert!(
            close(point.cross_entropy, scan.entropy + point.kl_divergence),
            "{point:?}"
        );
        assert!(point.kl_divergence >= 0.0);
    }
    let (best_likelihood, least_kl) = (scan.argmax_likelihood(), scan.argmin_kl());
    assert_eq!(best_likelihood.mu, least_kl.mu);
    // The binned optimum is the sample mean up to the grid step and the binning.
    let mean = gaussian_mle(&samples).unwrap().mu;
    assert!(
        (least_kl.mu - mean).abs() <= 0.05,
        "{} vs mean {mean}",
        least_kl.mu
    );
    // Away from the optimum the KL grows: it is larger at both ends of the grid.
    let (first, last) = (scan.points[0], scan.points[scan.points.len() - 1]);
    assert!(first.kl_divergence > least_kl.kl_divergence + 0.5);
    assert!(last.kl_divergence > least_kl.kl_divergence + 0.5);
}

#[test]
fn mean_squared_error_is_the_gaussian_nll_up_to_an_affine_map() {
    let samples = normal_samples(300, -0.7, 2.0, 3);
    let sigma = 1.7;
    let m = samples.len() as f64;
    let constant = m * (sigma * (2.0 * PI).sqrt()).ln();
    let grid: Vec<f64> = (0..=40).map(|i| -2.0 + 0.1 * f64::from(i)).collect();
    let mut nll_over_grid = Vec::new();
    let mut mse_over_grid = Vec::new();
    for &mu in &grid {
        let mse = mean_squared_error(&samples, mu).unwrap();
        let nll = -gaussian_log_likelihood(&samples, mu, sigma).unwrap();
        let via = gaussian_negative_log_likelihood_via_squared_error(&samples, mu, sigma).unwrap();
        // NLL = (m / 2σ²)·MSE + m·ln(σ√(2π)).
        assert!((nll - (m / (2.0 * sigma * sigma) * mse + constant)).abs() < 1e-9 * nll.abs());
        assert!((nll - via).abs() < 1e-9 * nll.abs());
        nll_over_grid.push(nll);
        mse_over_grid.push(mse);
    }
    let argmin = |v: &[f64]| (0..v.len()).min_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap();
    assert_eq!(argmin(&nll_over_grid), argmin(&mse_over_grid));
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn the_closed_form_zeroes_the_gradient_and_beats_its_neighbours(
        samples in prop::collection::vec(-10.0f64..10.0, 2..40),
        dmu in -1.0f64..1.0,
        dlog_sigma in -1.0f64..1.0,
    ) {
        let fit = gaussian_mle(&samples).unwrap();
        prop_assume!(fit.sigma > 1e-3);
        let m = samples.len() as f64;
        // ∂ℓ/∂μ = Σ(x − μ)/σ² = 0 and ∂ℓ/∂σ = Σ(x − μ)²/σ³ − m/σ = 0 at the MLE.
        let residual_sum: f64 = samples.iter().map(|x| x - fit.mu).sum();
        let square_sum: f64 = samples.iter().map(|x| (x - fit.mu).powi(2)).sum();
        prop_assert!(residual_sum.abs() < 1e-10 * m);
        prop_assert!((square_sum / fit.variance() - m).abs() < 1e-9 * m);
        let best = gaussian_log_likelihood(&samples, fit.mu, fit.sigma).unwrap();
        let other = gaussian_log_likelihood(&samples, fit.mu + dmu, fit.sigma * dlog_sigma.exp()).unwrap();
        prop_assert!(other <= best + 1e-9 * best.abs().max(1.0));
    }
}
