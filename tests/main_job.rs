//! How well the main job fits its data (issue 12 item 5): `gan_1d` with its default flags,
//! trained here on seed 0, against N(4, 1.25²) over 10,000 samples — the Kolmogorov–Smirnov
//! distance and the 0.5%, 2.5%, 50%, 97.5% and 99.5% quantiles — and the two measures
//! against values known by hand. (Release mode: seconds.)

#[allow(dead_code)] // the pictures of the same file are gan_1d's and the figures command's
#[path = "../examples/common/main_job.rs"]
mod main_job;
#[allow(dead_code)] // `Fit::summary` is gan_1d's
#[path = "../examples/common/normal_fit.rs"]
mod normal_fit;

use adversarial::datasets::gaussian_1d;
use adversarial::density::standard_normal_cdf as normal_cdf;
use adversarial::gan::Prior;
use main_job::{DATA_MEAN, DATA_STD};
use normal_fit::{fit_to_normal, QUANTILES};

#[test]
fn the_normal_cdf_and_the_fit_measures_agree_with_known_values() {
    // Φ(0) = ½, Φ(1) = 0.841 344 746 068 543, Φ(z_0.975) = 0.975 (the table's quantiles).
    assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
    assert!((normal_cdf(1.0) - 0.841_344_746_068_543).abs() < 1e-7);
    for (p, z) in QUANTILES {
        assert!(
            (normal_cdf(z) - p).abs() < 1.2e-7 * p.max(1.0 - p),
            "Φ({z}) vs {p}"
        );
    }
    // Two samples at μ ± σ: F_n jumps to ½ at Φ(−1) = 0.1587 and to 1 at Φ(1) = 0.8413, so
    // KS = max(½ − 0.1587, 0.8413 − ½, 1 − 0.8413, 0.1587) = Φ(1) − ½.
    let fit = fit_to_normal(&[4.0 - 1.25, 4.0 + 1.25], 4.0, 1.25);
    assert!((fit.ks_distance - (normal_cdf(1.0) - 0.5)).abs() < 1e-15);
    // Quantiles by linear interpolation between order statistics: h = (n − 1)·p.
    let samples: Vec<f64> = (0..=200).map(|i| f64::from(i) / 200.0).collect(); // 0, 0.005, …, 1
    let fit = fit_to_normal(&samples, 0.0, 1.0);
    for ((p, z), (q, error)) in QUANTILES.iter().zip(&fit.quantile_errors) {
        assert_eq!(p, q);
        assert!((error - (p - z)).abs() < 1e-12, "p = {p}: {error}");
    }
}

#[test]
fn the_main_job_fits_its_data_in_ks_distance_and_five_quantiles() {
    let seed = 0;
    let config = main_job::config(Prior::Normal, main_job::default_steps(), seed);
    let mut gan = main_job::gan(config, DATA_MEAN).unwrap();
    gan.train(&gaussian_1d(), |_| {}).unwrap();
    let fit = main_job::fit_report(&gan, seed, DATA_MEAN, DATA_STD);
    println!("{fit:?}");
    // Measured over seeds 0–9 (10,000 samples | the same noise through x = μ + σz | 10⁶):
    //   KS 0.0057–0.0177 | 0.0046–0.0188 | 0.0016–0.0078;
    //   worst quantile error 0.021–0.140σ | 0.029–0.119σ | 0.004–0.026σ.
    // The aim (KS ≤ 0.015, every quantile within 0.1σ) holds on 10⁶ samples on every
    // seed; on 10,000 it fails on seeds 2 and 6 only, where the perfect sampler on the same
    // noise fails too (99.5% quantile 0.119σ off; KS 0.0188).
    for (name, f) in [
        ("10,000 samples", &fit.samples),
        ("10⁶ samples", &fit.million),
    ] {
        assert!(f.ks_distance <= 0.015, "{name}: {f:?}");
        assert!(f.worst_quantile_error() <= 0.1, "{name}: {f:?}");
    }
    // G's error on 10⁶ samples is a fraction of the 10,000-sample measure's own noise.
    let perfect = fit.perfect.as_ref().expect("normal prior");
    assert!(fit.million.ks_distance < perfect.ks_distance, "{fit:?}");
}

#[test]
fn the_measure_on_ten_thousand_samples_has_noise_near_the_aim() {
    // A perfect generator x = μ + σz on the noise gan_1d draws for seed 2 misses the 99.5%
    // quantile by more than 0.1σ: the aim is within two standard errors (0.049σ) of the
    // measure's own noise there.
    let gan = main_job::gan(main_job::config(Prior::Normal, 1, 2), DATA_MEAN).unwrap();
    let perfect: Vec<f64> = (gan.noise(10_000, 2 ^ 0x5eed).iter())
        .map(|&z| DATA_MEAN + DATA_STD * f64::from(z))
        .collect();
    let fit = fit_to_normal(&perfect, DATA_MEAN, DATA_STD);
    let (p, error) = fit.quantile_errors[4];
    assert_eq!(p, 0.995);
    assert!((error - -0.119).abs() < 0.0005, "{fit:?}");
    // The standard error of the p-quantile of n draws: √(p(1 − p)/n) / φ(z_p), in σ.
    let phi =
        (-0.5 * 2.575_829_303_548_900_4f64.powi(2)).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let standard_error = (0.995 * 0.005 / 10_000.0f64).sqrt() / phi;
    assert!((standard_error - 0.0488).abs() < 0.0005, "{standard_error}");
}
