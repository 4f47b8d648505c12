//! The optimal discriminator, the value function and `V(G, D*) = −ln 4 + 2·JSD`, and the
//! vanishing-gradient study, against closed forms, finite differences and asymptotics.
//! Measured figures are printed with `cargo test -- --nocapture` (lines `MEASURED`).

mod common;

use common::proptest_config;

use std::f64::consts::{LN_2, PI};

use adversarial::density::{Density, Gaussian, Mixture, Uniform};
use adversarial::divergence::{js_divergence_density, Grid};
use adversarial::minimax::{
    optimal_discriminator, optimal_discriminator_logit, value_at_optimum, value_function,
    value_function_logit, vanishing_gradient_study,
};
use proptest::prelude::*;

const LN_4: f64 = 2.0 * LN_2;

fn gaussian(mean: f64, std_dev: f64) -> Gaussian {
    Gaussian::new(mean, std_dev).unwrap()
}

/// Step 2⁻¹⁰ on [−16, 16]: every point is exact in binary, so the uniforms' jumps at
/// −1, 0, 1, 2.5, 3, 4 (and −3) fall exactly on even nodes (panel boundaries) and their
/// mass is integrated exactly.
fn grid() -> Grid {
    Grid::new(-16.0, 16.0, 32 * 1024 + 1).unwrap()
}

/// `(name, p_data, p_G)` on [`grid`]: Gaussians, mixtures, uniform vs Gaussian, uniform vs
/// uniform (partly overlapping), and disjoint uniforms.
fn pairs(grid: &Grid) -> Vec<(&'static str, Vec<f64>, Vec<f64>)> {
    let bimodal = Mixture::new(
        vec![0.3, 0.7],
        vec![gaussian(-2.0, 0.5), gaussian(1.5, 1.0)],
    )
    .unwrap();
    let trimodal = Mixture::new(
        vec![1.0, 1.0, 1.0],
        vec![gaussian(-3.0, 0.4), gaussian(0.0, 0.4), gaussian(3.0, 0.4)],
    )
    .unwrap();
    let data_uniform = Uniform::new(-1.0, 2.5).unwrap();
    let on = |density: &dyn Fn(f64) -> f64| grid.evaluate(density);
    vec![
        (
            "N(0,1) vs N(1.5,0.7²)",
            on(&|x| gaussian(0.0, 1.0).pdf(x)),
            on(&|x| gaussian(1.5, 0.7).pdf(x)),
        ),
        (
            "mixture vs N(0,2²)",
            on(&|x| bimodal.pdf(x)),
            on(&|x| gaussian(0.0, 2.0).pdf(x)),
        ),
        (
            "mixture vs mixture",
            on(&|x| trimodal.pdf(x)),
            on(&|x| bimodal.pdf(x)),
        ),
        (
            "U(−1,2.5) vs N(0.5,1)",
            on(&|x| data_uniform.pdf(x)),
            on(&|x| gaussian(0.5, 1.0).pdf(x)),
        ),
        (
            "U(−1,2.5) vs U(0,4)",
            on(&|x| data_uniform.pdf(x)),
            on(&|x| Uniform::new(0.0, 4.0).unwrap().pdf(x)),
        ),
        (
            "U(−3,−1) vs U(1,3)",
            on(&|x| Uniform::new(-3.0, -1.0).unwrap().pdf(x)),
            on(&|x| Uniform::new(1.0, 3.0).unwrap().pdf(x)),
        ),
    ]
}

fn optimal_on_grid(p_data: &[f64], p_g: &[f64]) -> Vec<f64> {
    p_data
        .iter()
        .zip(p_g)
        .map(|(&a, &b)| optimal_discriminator(a, b))
        .collect()
}

fn optimal_logit_on_grid(p_data: &[f64], p_g: &[f64]) -> Vec<f64> {
    p_data
        .iter()
        .zip(p_g)
        .map(|(&a, &b)| optimal_discriminator_logit(a, b))
        .collect()
}

/// `softplus(t) = ln(1 + eᵗ)`, the test's own copy.
fn softplus(t: f64) -> f64 {
    t.max(0.0) + (-t.abs()).exp().ln_1p()
}

/// `D ≡ c` gives `V = ln c·∫p_data + ln(1 − c)·∫p_G = ln c + ln(1 − c)` for normalised densities.
#[test]
fn value_of_a_constant_discriminator() {
    let grid = grid();
    for (name, p_data, p_g) in pairs(&grid) {
        for c in [0.5, 0.9, 1e-3] {
            let value = value_function(&grid, &p_data, &p_g, &vec![c; grid.len()]).unwrap();
            let expected = c.ln() + (-c).ln_1p();
            assert!(
                (value - expected).abs() < 1e-12,
                "{name}, D ≡ {c}: {value} vs {expected}"
            );
        }
    }
}

/// The seed's derivation, numerically: `V(G, D*)` by quadrature of the value function equals
/// `−ln 4 + 2·JSD` by quadrature of the JS integrand, to 1e-8, for every pair. `D*` enters
/// through its logit (`value_function_logit`); the probability form `value_function` agrees
/// wherever `D*` does not round to 1 while `p_G > 0`, and is `−∞` where it does (in the first
/// pair's left tail `p_G/p_data < 1e-16`, so `D* = 1.0` exactly).
#[test]
fn value_at_optimal_discriminator_is_minus_log4_plus_twice_js() {
    let grid = grid();
    let mut worst: f64 = 0.0;
    for (name, p_data, p_g) in pairs(&grid) {
        let by_value_function =
            value_function_logit(&grid, &p_data, &p_g, &optimal_logit_on_grid(&p_data, &p_g))
                .unwrap();
        let by_js = -LN_4 + 2.0 * js_divergence_density(&grid, &p_data, &p_g).unwrap();
        // `value_at_optimum` (−ln 4 + 2·JSD inside) against the other route, the quadrature
        // of V(G, D*) itself.
        let at_optimum = value_at_optimum(&grid, &p_data, &p_g).unwrap();
        assert!(
            (at_optimum - by_value_function).abs() < 1e-8,
            "{name}: value_at_optimum {at_optimum} vs V(G, D*) {by_value_function}"
        );
        let error = (by_value_function - by_js).abs();
        assert!(
            error < 1e-8,
            "{name}: V(G, D*) = {by_value_function}, −ln 4 + 2·JSD = {by_js}"
        );
        assert!((-LN_4..=0.0).contains(&by_js), "{name}: {by_js}");
        worst = worst.max(error);
        let with_probabilities =
            value_function(&grid, &p_data, &p_g, &optimal_on_grid(&p_data, &p_g)).unwrap();
        if name.starts_with("N(0,1)") {
            assert_eq!(with_probabilities, f64::NEG_INFINITY, "{name}");
        } else {
            assert!(
                (with_probabilities - by_js).abs() < 1e-8,
                "{name}: {with_probabilities}"
            );
            worst = worst.max((with_probabilities - by_js).abs());
        }
    }
    println!("MEASURED worst |V(G, D*) − (−ln 4 + 2·JSD)| over 6 pairs: {worst:.2e}");
}

/// Closed forms where the supports are intervals. Disjoint uniforms: JSD = ln 2, V(G, D*) = 0.
/// U(−1, 2.5) vs U(0, 4): p = 2/7 on [−1, 2.5], q = 1/4 on [0, 4], m = 15/56 on the overlap;
/// JSD = ½·[(1/3.5)·ln 2 + 2.5·(p·ln(p/m) + q·ln(q/m)) + 1.5·(1/4)·ln 2]. The quadrature puts
/// a node on each jump, where the (nonlinear) JS integrand is not the mean of its one-sided
/// limits, so agreement is O(h) = O(1e-3) there.
#[test]
fn value_at_optimum_closed_forms_for_uniforms() {
    let grid = grid();
    let all = pairs(&grid);
    let (_, p_data, p_g) = &all[5];
    let disjoint = value_at_optimum(&grid, p_data, p_g).unwrap();
    assert!(disjoint.abs() < 1e-15, "disjoint: {disjoint:e}");

    let (_, p_data, p_g) = &all[4];
    let (p, q): (f64, f64) = (2.0 / 7.0, 0.25);
    let m = 0.5 * (p + q);
    let jsd = 0.5
        * ((1.0 / 3.5) * LN_2 + 2.5 * (p * (p / m).ln() + q * (q / m).ln()) + 1.5 * 0.25 * LN_2);
    let by_quadrature = js_divergence_density(&grid, p_data, p_g).unwrap();
    let error = (by_quadrature - jsd).abs();
    assert!(
        error < 2.0 * grid.step(),
        "JSD {by_quadrature} vs closed form {jsd}"
    );
    println!(
        "MEASURED U(−1,2.5) vs U(0,4): |JSD quadrature − closed form| = {error:.2e} (h = {:.2e})",
        grid.step()
    );
}

/// At `p_G = p_data`: `D* ≡ ½` exactly and `V(G, D*) = −ln 4` (1e-12; exactly through JSD = 0).
#[test]
fn at_equilibrium_the_discriminator_is_one_half_and_the_value_minus_log4() {
    let grid = grid();
    let mut worst: f64 = 0.0;
    for (name, p_data, _) in pairs(&grid) {
        let d_star = optimal_on_grid(&p_data, &p_data);
        assert!(d_star.iter().all(|&d| d == 0.5), "{name}");
        let value = value_function(&grid, &p_data, &p_data, &d_star).unwrap();
        assert!((value + LN_4).abs() < 1e-12, "{name}: V = {value}");
        assert_eq!(value_at_optimum(&grid, &p_data, &p_data).unwrap(), -LN_4);
        worst = worst.max((value + LN_4).abs());
    }
    println!("MEASURED worst |V(G, D* ≡ ½) + ln 4| at p_G = p_data: {worst:.2e}");
}

proptest! {
    #![proptest_config(proptest_config(256))]

    /// `V(G, D) ≤ V(G, D*)` for D = D* bent by a random smooth function
    /// `s(x) = Σₖ aₖ·sin(fₖ·x + φₖ)`: either in logit space, `ℓ = ℓ* + s`, or additively,
    /// `D = clamp(D* + s/10, 1e-6, 1 − 1e-6)` (through `value_function`).
    #[test]
    fn no_discriminator_beats_the_optimal_one(
        pair_index in 0usize..6,
        waves in prop::collection::vec((-2.0..2.0f64, 0.1..3.0f64, 0.0..(2.0 * PI)), 1..=3),
        in_logit_space in any::<bool>(),
    ) {
        let grid = Grid::new(-12.0, 12.0, 4_097).unwrap();
        let (_, p_data, p_g) = pairs(&grid).swap_remove(pair_index);
        let best_logit = optimal_logit_on_grid(&p_data, &p_g);
        let best = value_function_logit(&grid, &p_data, &p_g, &best_logit).unwrap();
        let bend = |x: f64| waves.iter().map(|(a, f, phase)| a * (f * x + phase).sin()).sum::<f64>();
        let other = if in_logit_space {
            let logit: Vec<f64> = grid.points().iter().zip(&best_logit).map(|(&x, &l)| l + bend(x)).collect();
            value_function_logit(&grid, &p_data, &p_g, &logit).unwrap()
        } else {
            let d: Vec<f64> = grid.points().iter().zip(optimal_on_grid(&p_data, &p_g))
                .map(|(&x, optimal)| (optimal + 0.1 * bend(x)).clamp(1e-6, 1.0 - 1e-6))
                .collect();
            value_function(&grid, &p_data, &p_g, &d).unwrap()
        };
        prop_assert!(other <= best + 4.0 * f64::EPSILON * best.abs(), "V(G, D) = {} > V(G, D*) = {}", other, best);
    }
}

// ---------------------------------------------------------------------------------------------
// Vanishing gradients: p_data = N(0, 1), p_G = N(θ, 1).
// ---------------------------------------------------------------------------------------------

/// The trend the seed describes: as θ grows, JSD → ln 2 and the minimax gradient → 0
/// (monotonically once θ is past its peak near 1.5), while the non-saturating one grows like θ.
#[test]
fn minimax_gradient_vanishes_while_non_saturating_does_not() {
    let separations: Vec<f64> = (4..=28).map(|i| f64::from(i) * 0.5).collect();
    let study = vanishing_gradient_study(&separations).unwrap();
    for window in study.windows(2) {
        let (near, far) = (window[0], window[1]);
        assert!(
            far.minimax_gradient < near.minimax_gradient,
            "θ = {}",
            far.separation
        );
        assert!(
            far.non_saturating_gradient > near.non_saturating_gradient,
            "θ = {}",
            far.separation
        );
        assert!(far.js_divergence > near.js_divergence && far.js_divergence <= LN_2);
    }
    let at = |theta: f64| *study.iter().find(|s| s.separation == theta).unwrap();
    assert!(at(11.0).minimax_gradient < 1e-6 && at(12.0).minimax_gradient < 1e-7);
    assert!(
        at(10.0).minimax_gradient > 1e-6,
        "the crossing is between θ = 10 and 11"
    );
    for point in &study {
        // E[D*] + E[1 − D*] = 1, so the two gradients add up to θ.
        let sum = point.minimax_gradient + point.non_saturating_gradient;
        assert!((sum - point.separation).abs() < 1e-12 * point.separation);
        assert!(
            point.non_saturating_gradient >= 1.5,
            "θ = {}",
            point.separation
        );
    }
    // The study's V(G, D*) against the quadrature of the value function at D* (not the
    // formula −ln 4 + 2·JSD it is computed with).
    for theta in [2.0, 6.0, 10.0, 14.0] {
        let grid = Grid::new(-14.0, theta + 14.0, 8_001).unwrap();
        let p_data = grid.evaluate(|x| gaussian(0.0, 1.0).pdf(x));
        let p_g = grid.evaluate(|x| gaussian(theta, 1.0).pdf(x));
        let value =
            value_function_logit(&grid, &p_data, &p_g, &optimal_logit_on_grid(&p_data, &p_g))
                .unwrap();
        let study_value = at(theta).value_at_optimum;
        assert!(
            (study_value - value).abs() < 1e-8,
            "θ = {theta}: {study_value} vs V(G, D*) = {value}"
        );
    }
    assert!(LN_2 - at(12.0).js_divergence < 1e-8);
    assert!(LN_2 - at(14.0).js_divergence < 1e-11);
    for theta in [2.0, 6.0, 10.0, 11.0, 12.0, 14.0] {
        let s = at(theta);
        println!(
            "MEASURED θ = {theta:4.1}: ln 2 − JSD = {:.3e}, minimax gradient = {:.3e}, non-saturating = {:.6}",
            LN_2 - s.js_divergence,
            s.minimax_gradient,
            s.non_saturating_gradient
        );
    }
}

/// What is differentiated, checked by finite differences: with D held at `D*_θ` (from the
/// densities, through [`optimal_discriminator_logit`]), `J(θ′) = ∫ N(x; θ′, 1)·ℓ(x) dx` by its
/// own quadrature, central difference at `θ′ = θ ± 1e-4`, for `ℓ = ln(1 − D*) = −softplus(ℓ*)`
/// (minimax) and `ℓ = −ln D* = softplus(−ℓ*)` (non-saturating).
#[test]
fn gradients_match_finite_differences_of_the_generator_losses() {
    let step = 1e-4;
    let mut worst: f64 = 0.0;
    let thetas = [0.5, 1.0, 2.0, 4.0, 6.0];
    let study = vanishing_gradient_study(&thetas).unwrap();
    for point in study {
        let theta = point.separation;
        let grid = Grid::new(-14.0, theta + 14.0, 8_001).unwrap();
        let logit = grid.evaluate(|x| {
            optimal_discriminator_logit(gaussian(0.0, 1.0).pdf(x), gaussian(theta, 1.0).pdf(x))
        });
        let loss = |shift: f64, per_point: &dyn Fn(f64) -> f64| {
            let values: Vec<f64> = grid
                .points()
                .iter()
                .zip(&logit)
                .map(|(&x, &l)| gaussian(shift, 1.0).pdf(x) * per_point(l))
                .collect();
            grid.integrate(&values)
        };
        let minimax = |l: f64| -softplus(l);
        let non_saturating = |l: f64| softplus(-l);
        for (per_point, gradient) in [
            (&minimax as &dyn Fn(f64) -> f64, point.minimax_gradient),
            (&non_saturating, point.non_saturating_gradient),
        ] {
            let difference =
                (loss(theta + step, per_point) - loss(theta - step, per_point)) / (2.0 * step);
            let error = ((difference - gradient) / gradient).abs();
            assert!(
                error < 1e-6,
                "θ = {theta}: finite difference {difference}, study {gradient}"
            );
            worst = worst.max(error);
        }
    }
    println!(
        "MEASURED worst relative |finite difference − study gradient|, θ ∈ {thetas:?}: {worst:.2e}"
    );
}

/// Envelope theorem: `d/dθ max_D V(G_θ, D) = ∂V/∂θ at D = D*_θ`, and only the generator term
/// depends on θ, so the minimax gradient is `2·dJSD/dθ`. Central differences of the study's
/// own JSD column at `θ ± 1e-3`.
#[test]
fn minimax_gradient_is_the_slope_of_twice_the_js_divergence() {
    let step = 1e-3;
    let mut worst: f64 = 0.0;
    for theta in [0.5, 1.0, 2.0, 3.0, 5.0, 8.0] {
        let study = vanishing_gradient_study(&[theta - step, theta, theta + step]).unwrap();
        let slope = (study[2].js_divergence - study[0].js_divergence) / (2.0 * step);
        let error = ((2.0 * slope - study[1].minimax_gradient) / study[1].minimax_gradient).abs();
        assert!(
            error < 1e-5,
            "θ = {theta}: 2·dJSD/dθ = {}, gradient {}",
            2.0 * slope,
            study[1].minimax_gradient
        );
        worst = worst.max(error);
    }
    println!("MEASURED worst relative |2·dJSD/dθ − minimax gradient|: {worst:.2e}");
}

/// Far apart, the gradient is tiny; check its size against the asymptotic expansion
/// `θ·E_{p_G}[D*] = √(π/2)·e^(−θ²/8)·(1 − π²/(2θ²) + O(θ⁻⁴))`, obtained by writing
/// `E_{p_G}[D*] = ∫ p_data·p_G/(p_data + p_G) = e^(−θ²/8)/√(2π) · ∫ e^(−u²/2)/(2·cosh(θu/2)) du`
/// (`u = x − θ/2`) and expanding `e^(−u²/2) = 1 − u²/2 + …` with `∫ du/(2cosh(au)) = π/(2a)`,
/// `∫ u² du/(2cosh(au)) = π³/(8a³)`.
#[test]
fn vanishing_gradient_follows_its_asymptotic_form() {
    let thetas = [8.0, 10.0, 12.0, 14.0, 16.0, 20.0];
    let mut worst: f64 = 0.0;
    for point in vanishing_gradient_study(&thetas).unwrap() {
        let theta = point.separation;
        let leading = (PI / 2.0).sqrt() * (-theta * theta / 8.0).exp();
        let ratio = point.minimax_gradient / leading;
        let expected = 1.0 - PI * PI / (2.0 * theta * theta);
        let error = (ratio - expected).abs();
        assert!(
            error < 100.0 / theta.powi(4),
            "θ = {theta}: ratio {ratio}, expansion {expected}"
        );
        worst = worst.max(error * theta.powi(4));
    }
    println!("MEASURED asymptotic check: worst |ratio − (1 − π²/(2θ²))|·θ⁴ = {worst:.1} (bound 100), θ ∈ {thetas:?}");
}
