//! Gradient play on `V(x, y) = x·y` (`minimax::dynamics`) against its closed forms: the flow is
//! a rotation, simultaneous steps multiply the radius by `√(1 + η²)` and turn by `atan η`,
//! alternating steps conserve `x² + y² − η·x·y` and turn by `acos(1 − η²/2)`.

use adversarial::minimax::{
    alternating_invariant, alternating_play, bilinear_value, gradient_flow, simultaneous_play,
    MinimaxError,
};

fn radius((x, y): (f64, f64)) -> f64 {
    x.hypot(y)
}

fn angle((x, y): (f64, f64)) -> f64 {
    y.atan2(x)
}

/// The angle from `a` to `b` in (−π, π].
fn turn(a: (f64, f64), b: (f64, f64)) -> f64 {
    let d = angle(b) - angle(a);
    d.sin().atan2(d.cos())
}

#[test]
fn the_flow_circles_the_saddle_point_and_solves_its_equations() {
    let start = (1.0, 0.5);
    assert_eq!(bilinear_value(1.0, 0.5), 0.5);
    for t in [0.3, 1.0, 2.0, 6.0] {
        let p = gradient_flow(start, t);
        assert!((radius(p) - radius(start)).abs() < 1e-15);
        // ẋ = −y, ẏ = x by a central difference (h = 10⁻⁵: error ~h² = 10⁻¹⁰).
        let h = 1e-5;
        let (a, b) = (gradient_flow(start, t - h), gradient_flow(start, t + h));
        assert!(((b.0 - a.0) / (2.0 * h) + p.1).abs() < 1e-9);
        assert!(((b.1 - a.1) / (2.0 * h) - p.0).abs() < 1e-9);
    }
    let full = gradient_flow(start, 2.0 * std::f64::consts::PI);
    assert!((full.0 - 1.0).abs() < 1e-15 && (full.1 - 0.5).abs() < 1e-15);
}

#[test]
fn simultaneous_play_multiplies_the_radius_by_sqrt_one_plus_eta_squared_each_step() {
    for eta in [0.01, 0.1, 0.5, 1.0] {
        let points = simultaneous_play((1.0, 0.5), eta, 200).unwrap();
        assert_eq!(points.len(), 201);
        let factor = (1.0 + eta * eta).sqrt();
        for pair in points.windows(2) {
            let ratio = radius(pair[1]) / radius(pair[0]);
            assert!(
                (ratio - factor).abs() < 1e-14,
                "η = {eta}: {ratio} vs {factor}"
            );
            assert!((turn(pair[0], pair[1]) - eta.atan()).abs() < 1e-13);
        }
        // After n steps r_n = r_0·(1 + η²)^(n/2): for η = 0.1, 200 steps, e^(100·ln 1.01) ≈ 2.70.
        let expected = radius(points[0]) * (1.0 + eta * eta).powf(100.0);
        let got = radius(points[200]);
        assert!(
            (got / expected - 1.0).abs() < 1e-12,
            "η = {eta}: {got} vs {expected}"
        );
    }
}

#[test]
fn alternating_play_conserves_its_invariant_and_stays_on_one_ellipse() {
    for eta in [0.01, 0.1, 0.5, 1.0, 1.9] {
        let start = (1.0, 0.5);
        let points = alternating_play(start, eta, 5000).unwrap();
        let q0 = alternating_invariant(start, eta);
        for &p in &points {
            let q = alternating_invariant(p, eta);
            assert!((q - q0).abs() < 1e-11 * q0, "η = {eta}: Q {q} vs {q0}");
            // On the ellipse Q = r²(1 − (η/2)·sin 2φ): r² ∈ [Q/(1 + η/2), Q/(1 − η/2)].
            let r2 = radius(p).powi(2);
            assert!(r2 >= q0 / (1.0 + eta / 2.0) * (1.0 - 1e-12));
            assert!(r2 <= q0 / (1.0 - eta / 2.0) * (1.0 + 1e-12));
        }
        // x² + y² alone is not conserved (except in the limit η → 0).
        let spread = points
            .iter()
            .map(|&p| radius(p))
            .fold((f64::INFINITY, 0.0f64), |(lo, hi), r| {
                (lo.min(r), hi.max(r))
            });
        assert!(spread.1 - spread.0 > 0.1 * eta, "η = {eta}: {spread:?}");
    }
}

#[test]
fn alternating_play_turns_by_the_eigen_angle_so_it_circles_instead_of_converging() {
    // The step matrix [[1, −η], [η, 1 − η²]] has trace 2 − η² and determinant 1: eigenvalues
    // e^(±iω) with cos ω = 1 − η²/2. So Mⁿ returns to the start when n·ω = 2π.
    let eta = 2.0 * (std::f64::consts::PI / 20.0).sin(); // ω = 2π/20: period 20 steps
    let omega = (1.0 - eta * eta / 2.0).acos();
    assert!(
        (omega - std::f64::consts::PI / 10.0).abs() < 1e-12,
        "{omega}"
    );
    let points = alternating_play((1.0, 0.5), eta, 200).unwrap();
    for n in [20, 40, 200] {
        let p = points[n];
        assert!(
            (p.0 - 1.0).abs() < 1e-12 && (p.1 - 0.5).abs() < 1e-12,
            "n = {n}: {p:?}"
        );
    }
    // Half a period is the point reflected through the equilibrium (Mⁿ = −I).
    let p = points[10];
    assert!(
        (p.0 + 1.0).abs() < 1e-12 && (p.1 + 0.5).abs() < 1e-12,
        "{p:?}"
    );
}

#[test]
fn bad_learning_rates_and_starts_are_errors_that_say_what() {
    for eta in [0.0, -0.1, f64::NAN, f64::INFINITY] {
        let err = simultaneous_play((1.0, 0.0), eta, 3).unwrap_err();
        assert!(matches!(err, MinimaxError::GamePlay { .. }));
        assert!(err.to_string().contains("learning rate"), "{err}");
        assert!(alternating_play((1.0, 0.0), eta, 3).is_err());
    }
    let err = alternating_play((f64::NAN, 0.0), 0.1, 3).unwrap_err();
    assert!(err.to_string().contains("starting point"), "{err}");
    assert_eq!(
        simultaneous_play((1.0, 2.0), 0.1, 0).unwrap(),
        vec![(1.0, 2.0)]
    );
}
