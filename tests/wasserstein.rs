//! The Wasserstein distances of `divergence`: against SciPy, closed forms, an independent
//! order-statistics route, the metric axioms and their equivariances.

use adversarial::density::standard_normal_cdf;
use adversarial::divergence::{
    wasserstein2_gaussian, wasserstein_1d, wasserstein_1d_density, DivergenceError, Grid,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::f64::consts::PI;

fn w1(u: &[f64], v: &[f64]) -> f64 {
    wasserstein_1d(u, v, None, None).unwrap()
}

/// The deterministic samples behind the SciPy references below (integer arithmetic and one
/// division, so Python computes the same doubles).
fn scipy_samples() -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
    let u = (0..60)
        .map(|i| ((i * 37) % 101) as f64 / 7.0 - 3.0)
        .collect();
    let v = (0..45)
        .map(|j| ((j * 53) % 89) as f64 / 5.0 - 4.0)
        .collect();
    let u_weights = (0..60).map(|i| ((i * 11) % 13) as f64).collect();
    let v_weights = (0..45).map(|j| ((j * 7) % 5 + 1) as f64).collect();
    (u, v, u_weights, v_weights)
}

/// `scipy.stats.wasserstein_distance` (SciPy 1.17.1) on the same inputs, printed with `repr`.
#[test]
fn agrees_with_scipy() {
    let (u, v, uw, vw) = scipy_samples();
    let cases = [
        (w1(&[0.0, 1.0, 3.0], &[5.0, 6.0, 8.0]), 5.0),
        (
            wasserstein_1d(
                &[0.0, 1.0],
                &[0.0, 1.0],
                Some(&[3.0, 1.0]),
                Some(&[2.0, 2.0]),
            )
            .unwrap(),
            0.25,
        ),
        (
            wasserstein_1d(
                &[3.4, 3.9, 7.5, 7.8],
                &[4.5, 1.4],
                Some(&[1.4, 0.9, 3.1, 7.2]),
                Some(&[3.2, 3.5]),
            )
            .unwrap(),
            4.078133143804786,
        ),
        (w1(&[1.0, 1.0, 1.0, 2.0], &[1.0, 2.0, 2.0, 2.0, 3.0]), 0.75),
        (
            wasserstein_1d(
                &[0.5, -2.25, 7.0, 0.5],
                &[1.5, 1.5, -3.0],
                Some(&[0.0, 2.0, 1.0, 3.0]),
                Some(&[1.0, 0.5, 0.25]),
            )
            .unwrap(),
            2.2380952380952377,
        ),
        (w1(&[-1e300, 1e300], &[0.0]), 1e300),
        (w1(&u, &v), 0.9563492063492064),
        (
            wasserstein_1d(&u, &v, Some(&uw), Some(&vw)).unwrap(),
            1.9391005291005292,
        ),
        (
            wasserstein_1d(&u, &v, Some(&uw), None).unwrap(),
            1.0555555555555556,
        ),
    ];
    for (i, (ours, scipy)) in cases.into_iter().enumerate() {
        let error = (ours - scipy).abs() / scipy;
        assert!(
            error <= 4.0 * f64::EPSILON,
            "case {i}: {ours:e} vs SciPy {scipy:e}"
        );
    }
}

/// Arjovsky et al. (2017), Example 1: point masses at 0 and θ are `|θ|` apart in W₁ for every
/// θ, while JS stays at ln 2 and KL at ∞ (notebook 07).
#[test]
fn point_masses_are_their_distance_apart() {
    for theta in [-3.5, -1e-3, 0.0, 0.25, 7.0, 1e200] {
        assert_eq!(w1(&[0.0], &[theta]), theta.abs());
    }
    // Values near ±MAX: the true distance 2·MAX overflows, the sign-symmetric MAX/2 does not.
    assert_eq!(w1(&[-f64::MAX], &[f64::MAX]), f64::INFINITY);
    let half = f64::MAX / 2.0;
    assert_eq!(w1(&[-f64::MAX, f64::MAX], &[-f64::MAX, 0.0]), half);
}

/// Equal-size unweighted samples: the optimal plan pairs the order statistics, so
/// `W₁ = (1/n) Σ |u₍ᵢ₎ − v₍ᵢ₎|` and `W₂ = √((1/n) Σ (u₍ᵢ₎ − v₍ᵢ₎)²) ≥ W₁` — an independent
/// route to the same number, and the inequality `W₁ ≤ W₂`.
#[test]
fn equal_sizes_match_order_statistics_and_w1_is_below_w2() {
    let mut runner = TestRunner::new_with_rng(
        Config::with_cases(256),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let pair = (1usize..40).prop_flat_map(|n| {
        (
            prop::collection::vec(-1e3f64..1e3, n),
            prop::collection::vec(-1e3f64..1e3, n),
        )
    });
    runner
        .run(&pair, |(u, v)| {
            let (mut su, mut sv) = (u.clone(), v.clone());
            su.sort_by(f64::total_cmp);
            sv.sort_by(f64::total_cmp);
            let n = u.len() as f64;
            let pairs = su.iter().zip(&sv);
            let by_pairs = pairs.clone().map(|(a, b)| (a - b).abs()).sum::<f64>() / n;
            let w2 = (pairs.map(|(a, b)| (a - b) * (a - b)).sum::<f64>() / n).sqrt();
            let w = w1(&u, &v);
            prop_assert!(
                (w - by_pairs).abs() <= 1e-12 * (1.0 + by_pairs),
                "{w} vs {by_pairs}"
            );
            prop_assert!(w <= w2 * (1.0 + 1e-12), "W1 {w} > W2 {w2}");
            Ok(())
        })
        .unwrap();
}

/// Metric axioms (identity, symmetry, triangle inequality), shift invariance and scale
/// equivariance `W₁(a·u + c, a·v + c) = |a|·W₁(u, v)`, on weighted samples.
#[test]
fn metric_axioms_and_equivariances() {
    let mut runner = TestRunner::new_with_rng(
        Config::with_cases(256),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]),
    );
    let sample = || {
        prop::collection::vec((-100f64..100.0, 0.01f64..5.0), 1..25)
            .prop_map(|points| points.into_iter().unzip::<f64, f64, Vec<f64>, Vec<f64>>())
    };
    let strategy = (sample(), sample(), sample(), -4f64..4.0, -50f64..50.0);
    runner
        .run(&strategy, |((u, uw), (v, vw), (s, sw), a, c)| {
            let w = |x: &[f64], xw: &[f64], y: &[f64], yw: &[f64]| {
                wasserstein_1d(x, y, Some(xw), Some(yw)).unwrap()
            };
            let uv = w(&u, &uw, &v, &vw);
            prop_assert_eq!(w(&u, &uw, &u, &uw), 0.0);
            prop_assert!((uv - w(&v, &vw, &u, &uw)).abs() <= 1e-12 * (1.0 + uv));
            let via_s = w(&u, &uw, &s, &sw) + w(&s, &sw, &v, &vw);
            prop_assert!(uv <= via_s * (1.0 + 1e-12) + 1e-12, "{uv} > {via_s}");
            let map = |x: &[f64]| x.iter().map(|&t| a * t + c).collect::<Vec<_>>();
            let mapped = w(&map(&u), &uw, &map(&v), &vw);
            prop_assert!(
                (mapped - a.abs() * uv).abs() <= 1e-9 * (1.0 + a.abs() * uv),
                "{mapped} vs {}",
                a.abs() * uv
            );
            Ok(())
        })
        .unwrap();
}

/// Integer weights are repeated values: `w = (2, 1)` on `(x, y)` is the sample `(x, x, y)`.
#[test]
fn integer_weights_are_repetitions() {
    let weighted = wasserstein_1d(
        &[0.0, 3.0],
        &[1.0, 5.0],
        Some(&[2.0, 1.0]),
        Some(&[1.0, 3.0]),
    );
    let repeated = w1(&[0.0, 0.0, 3.0], &[1.0, 5.0, 5.0, 5.0]);
    assert!((weighted.unwrap() - repeated).abs() <= 2.0 * f64::EPSILON * repeated);
}

fn normal(mu: f64, sigma: f64) -> impl Fn(f64) -> f64 {
    move |x| (-((x - mu) / sigma).powi(2) / 2.0).exp() / (sigma * (2.0 * PI).sqrt())
}

/// Densities on a grid against the closed forms: a shift by θ gives `|θ|`; a change of scale
/// gives `|σp − σq|·E|Z| = |σp − σq|·√(2/π)`; and `W₁ ≤ W₂` of the closed form, with equality
/// for equal σ.
#[test]
fn densities_on_a_grid_match_closed_forms() {
    let grid = Grid::new(-30.0, 30.0, 12001).unwrap();
    let on_grid = |mu, sigma| grid.evaluate(normal(mu, sigma));
    let cases = [
        (0.0, 1.0, 3.0, 1.0, 3.0),
        (1.0, 0.5, -2.5, 0.5, 3.5),
        (0.0, 1.0, 0.0, 2.0, (2.0 / PI).sqrt()),
        (0.0, 3.0, 0.0, 0.7, 2.3 * (2.0 / PI).sqrt()),
    ];
    for (mp, sp, mq, sq, expected) in cases {
        let w = wasserstein_1d_density(&grid, &on_grid(mp, sp), &on_grid(mq, sq)).unwrap();
        assert!((w - expected).abs() < 1e-10, "{w} vs {expected}");
        let w2 = wasserstein2_gaussian(mp, sp, mq, sq);
        assert!(w <= w2 + 1e-7, "W1 {w} > W2 {w2}");
        if sp == sq {
            assert!((w2 - (mp - mq).abs()).abs() <= 4.0 * f64::EPSILON * w2);
        }
    }
    // Samples of the same two densities approach the same W₁: the empirical quantiles of
    // N(0, 1) and N(0, 2) (n = 4000 midpoints) against √(2/π).
    let quantiles = |sigma: f64| {
        (0..4000)
            .map(|i| sigma * probit((i as f64 + 0.5) / 4000.0))
            .collect::<Vec<_>>()
    };
    let empirical = w1(&quantiles(1.0), &quantiles(2.0));
    assert!((empirical - (2.0 / PI).sqrt()).abs() < 2e-3, "{empirical}");
}

/// The standard normal quantile by bisection on the CDF (enough for the test above).
fn probit(p: f64) -> f64 {
    let cdf = standard_normal_cdf;
    let (mut lo, mut hi) = (-10.0, 10.0);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if cdf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[test]
fn wasserstein2_of_gaussians_closed_form() {
    assert_eq!(wasserstein2_gaussian(0.0, 1.0, 3.0, 5.0), 5.0);
    assert_eq!(wasserstein2_gaussian(2.0, 0.5, 2.0, 0.5), 0.0);
    // No overflow of the squares, nor of μp − μq.
    assert_eq!(wasserstein2_gaussian(0.0, 1e300, 0.0, 4e300), 3e300);
    assert_eq!(
        wasserstein2_gaussian(-f64::MAX, 1.0, f64::MAX, 1.0),
        f64::INFINITY
    );
    let w = wasserstein2_gaussian(-f64::MAX / 2.0, 1.0, f64::MAX / 2.0, 1.0);
    assert_eq!(w, f64::MAX);
}

#[test]
#[should_panic(expected = "wasserstein2_gaussian: standard deviations must be finite and > 0")]
fn wasserstein2_rejects_a_zero_sigma() {
    wasserstein2_gaussian(0.0, 0.0, 1.0, 1.0);
}

#[test]
fn bad_input_is_a_typed_error() {
    use DivergenceError::*;
    let cases = [
        (
            wasserstein_1d(&[], &[1.0], None, None),
            Empty {
                argument: "u_values",
            },
        ),
        (
            wasserstein_1d(&[1.0], &[], None, None),
            Empty {
                argument: "v_values",
            },
        ),
        (
            wasserstein_1d(&[1.0, f64::NAN], &[1.0], None, None),
            NonFiniteValue {
                argument: "u_values",
                index: 1,
                value: f64::NAN,
            },
        ),
        (
            wasserstein_1d(&[1.0], &[f64::NEG_INFINITY], None, None),
            NonFiniteValue {
                argument: "v_values",
                index: 0,
                value: f64::NEG_INFINITY,
            },
        ),
        (
            wasserstein_1d(&[1.0, 2.0], &[1.0], Some(&[1.0]), None),
            WeightCount {
                argument: "u_weights",
                len: 1,
                values: 2,
            },
        ),
        (
            wasserstein_1d(&[1.0], &[1.0], None, Some(&[-0.5])),
            InvalidWeight {
                argument: "v_weights",
                index: 0,
                value: -0.5,
            },
        ),
        (
            wasserstein_1d(&[1.0], &[1.0], Some(&[f64::INFINITY]), None),
            InvalidWeight {
                argument: "u_weights",
                index: 0,
                value: f64::INFINITY,
            },
        ),
        (
            wasserstein_1d(&[1.0, 2.0], &[1.0], Some(&[0.0, 0.0]), None),
            ZeroTotalWeight {
                argument: "u_weights",
            },
        ),
    ];
    for (i, (got, want)) in cases.into_iter().enumerate() {
        // NaN ≠ NaN: compare the messages, which name the argument, index and value.
        assert_eq!(got.unwrap_err().to_string(), want.to_string(), "case {i}");
    }
    let grid = Grid::new(0.0, 1.0, 5).unwrap();
    assert_eq!(
        wasserstein_1d_density(&grid, &[0.0; 5], &[1.0; 5]),
        Err(ZeroTotalWeight { argument: "p" })
    );
    assert_eq!(
        wasserstein_1d_density(&grid, &[1.0; 5], &[1.0; 4]),
        Err(GridLength {
            argument: "q",
            len: 4,
            points: 5
        })
    );
    // A density near f64::MAX is scaled before it is integrated: no overflow, W₁ = 0.
    let huge = [f64::MAX; 5];
    assert_eq!(wasserstein_1d_density(&grid, &huge, &[1.0; 5]), Ok(0.0));
    let message = wasserstein_1d(&[1.0], &[1.0], None, Some(&[-0.5]))
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "`v_weights[0]` = -0.5 is not a weight: weights must be finite and ≥ 0"
    );
}
