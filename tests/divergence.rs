//! Entropy, cross-entropy, KL and JS against independent references: 50-digit mpmath values,
//! closed forms. Known values, conventions and error cases are unit tests beside the code (`src/divergence/`); the
//! properties (against a different formula in double-double) are `divergence_properties.rs`.
//! Measured worst deviations are printed with `cargo test -- --nocapture` (lines `MEASURED`).

// Reference values keep every digit their source (mpmath) printed.
#![allow(clippy::excessive_precision)]

mod common;

use common::normal_pdf;

use std::f64::consts::LN_2;

use adversarial::divergence::{
    cross_entropy, cross_entropy_bits, entropy, entropy_bits, js_divergence, js_divergence_bits,
    js_divergence_density, kl_divergence, kl_divergence_bits, kl_divergence_density, kl_gaussian,
    Grid,
};

/// `|actual − expected| ≤ tolerance·|expected|`, with the relative error returned for reporting.
fn assert_relative(actual: f64, expected: f64, tolerance: f64, what: &str) -> f64 {
    if expected == 0.0 {
        assert_eq!(actual, 0.0, "{what}: expected exactly 0, got {actual:e}");
        return 0.0;
    }
    let error = ((actual - expected) / expected).abs();
    assert!(
        error <= tolerance,
        "{what}: got {actual:e}, expected {expected:e}, relative error {error:e} > {tolerance:e}"
    );
    error
}

// ---------------------------------------------------------------------------------------------
// Lengths 1..1000 with zeros and 1e-300 entries, against mpmath at 50 digits.
// ---------------------------------------------------------------------------------------------

/// A distribution of length `n`: entry `i > 0` is 0 if `i % 11 == 3`, 1e-300 if
/// `(i + salt) % 13 == 5`, else `wᵢ / W` with `wᵢ = (i·salt + 17) mod 97 + 1` and `W` the sum
/// of those weights (the sum is 1 + k·1e-300, well inside the tolerance). The same vectors are
/// built by the mpmath script below: `int / int` in Python is the same correctly rounded division.
fn fixture(n: usize, salt: usize) -> Vec<f64> {
    #[derive(PartialEq)]
    enum Kind {
        Zero,
        Tiny,
        Normal,
    }
    let kind = |i: usize| match i {
        0 => Kind::Normal,
        _ if i % 11 == 3 => Kind::Zero,
        _ if (i + salt) % 13 == 5 => Kind::Tiny,
        _ => Kind::Normal,
    };
    let weight = |i: usize| ((i * salt + 17) % 97 + 1) as u64;
    let total: u64 = (0..n)
        .filter(|&i| kind(i) == Kind::Normal)
        .map(weight)
        .sum();
    (0..n)
        .map(|i| match kind(i) {
            Kind::Zero => 0.0,
            Kind::Tiny => 1e-300,
            Kind::Normal => weight(i) as f64 / total as f64,
        })
        .collect()
}

/// `[H(p), H(p, q), KL(p‖q), KL(q‖p), JSD(p‖q)]` for `p = fixture(n, 31)`, `q = fixture(n, 58)`,
/// the plain sums over the exact f64 values, by mpmath 1.3 with `mp.dps = 50`:
///
/// ```text
/// H  = -Σ_{p>0} p·ln p;   CE = -Σ_{p>0} p·ln q;   KL = Σ_{p>0} p·ln(p/q)
/// JS = Σ [p·ln(p/m) (p>0) + q·ln(q/m) (q>0)] / 2,   m = (p + q)/2
/// ```
const MPMATH_REFERENCE: [(usize, [f64; 5]); 6] = [
    (1, [0.0, 0.0, 0.0, 0.0, 0.0]),
    (
        2,
        [
            0.58191819775586653025,
            0.59952425516312055177,
            0.017606057407254021523,
            0.01626370100770188537,
            4.2178004657331012471e-3,
        ],
    ),
    (
        3,
        [
            0.9544596818572247309,
            1.1125710760739464993,
            0.15811139421672176839,
            0.15207777113679255247,
            0.038181495862126762749,
        ],
    ),
    (
        10,
        [
            1.9847514293667139889,
            2.3846415305487942998,
            0.39989010118208031097,
            0.45821247513814097355,
            0.095772057161164964335,
        ],
    ),
    (
        100,
        [
            4.2535580370433600039,
            55.669983088476697589,
            51.416425051433337585,
            55.03031151978111851,
            0.14328617237807288806,
        ],
    ),
    (
        1000,
        [
            6.5428066787119541384,
            62.720228554092695016,
            56.177421875380740877,
            57.886377594191119219,
            0.15219023617502997326,
        ],
    ),
];

#[test]
fn lengths_1_to_1000_with_zeros_and_tiny_entries_match_mpmath() {
    let mut worst: f64 = 0.0;
    for (n, expected) in MPMATH_REFERENCE {
        let p = fixture(n, 31);
        let q = fixture(n, 58);
        assert!(n < 100 || p.contains(&1e-300) && q.contains(&1e-300) && p.contains(&0.0));
        let actual = [
            entropy(&p).unwrap(),
            cross_entropy(&p, &q).unwrap(),
            kl_divergence(&p, &q).unwrap(),
            kl_divergence(&q, &p).unwrap(),
            js_divergence(&p, &q).unwrap(),
        ];
        for (k, (a, e)) in actual.iter().zip(expected).enumerate() {
            worst = worst.max(assert_relative(
                *a,
                e,
                1e-12,
                &format!("n = {n}, quantity {k}"),
            ));
        }
    }
    println!("MEASURED worst relative deviation vs mpmath, lengths 1..1000: {worst:.2e}");
}

// ---------------------------------------------------------------------------------------------
// p ≈ q: no catastrophic cancellation.
// ---------------------------------------------------------------------------------------------

/// `p = (1/8, 3/8, 1/4, 1/4)`, `q = p·(1 + δ)` on the first half of the mass and `p·(1 − δ)`
/// on the second (so `Σq = 1`; all values exact in binary for `δ = 2⁻ᵏ`). Closed form:
/// `D_KL(p ‖ q) = −½·ln(1 + δ) − ½·ln(1 − δ) = −½·ln(1 − δ²)`, evaluated as `−½·ln_1p(−δ²)`
/// (`δ²` exact). JS by mpmath 1.3 at 60 digits.
#[test]
fn kl_and_js_near_equal_distributions_keep_full_relative_accuracy() {
    let p = [0.125, 0.375, 0.25, 0.25];
    let js_mpmath = [
        (10, 1.1920932270945625642e-7),
        (20, 1.1368683772164618737e-13),
        (30, 1.0842021724855044343e-19),
        (40, 1.0339757656912845936e-25),
    ];
    let (mut worst_kl, mut worst_js, mut worst_naive): (f64, f64, f64) = (0.0, 0.0, 0.0);
    for (k, js_expected) in js_mpmath {
        let delta = 2f64.powi(-k);
        let q = [
            p[0] * (1.0 + delta),
            p[1] * (1.0 + delta),
            p[2] * (1.0 - delta),
            p[3] * (1.0 - delta),
        ];
        let closed_form = -0.5 * (-delta * delta).ln_1p();
        worst_kl = worst_kl.max(assert_relative(
            kl_divergence(&p, &q).unwrap(),
            closed_form,
            1e-14,
            "KL(p, p(1±δ))",
        ));
        worst_js = worst_js.max(assert_relative(
            js_divergence(&p, &q).unwrap(),
            js_expected,
            1e-14,
            "JS(p, p(1±δ))",
        ));
        let naive: f64 = p.iter().zip(&q).map(|(a, b)| a * (a / b).ln()).sum();
        worst_naive = worst_naive.max(((naive - closed_form) / closed_form).abs());
    }
    // The textbook sum Σ p·ln(p/q) cancels: it is off by far more than the series form.
    assert!(
        worst_naive > 1e-6,
        "naive sum unexpectedly accurate: {worst_naive:e}"
    );
    println!(
        "MEASURED p≈q (δ = 2^-10..2^-40): worst relative deviation KL {worst_kl:.2e}, JS {worst_js:.2e}; naive Σp·ln(p/q) {worst_naive:.2e}"
    );
}

// ---------------------------------------------------------------------------------------------
// Continuous: quadrature on a grid against the Gaussian closed form.
// ---------------------------------------------------------------------------------------------

/// `D_KL` of Gaussian pairs by Simpson quadrature on `μ ± 12·σmax` with 4001 points, against
/// [`kl_gaussian`]. `σ` ratios stay ≤ 3 so neither density underflows on the grid.
#[test]
fn kl_density_matches_gaussian_closed_form() {
    let pairs: [(f64, f64, f64, f64); 6] = [
        (0.0, 1.0, 0.0, 1.0),
        (0.0, 1.0, 1.0, 1.0),
        (0.0, 1.0, 1.0, 2.0),
        (-1.0, 0.5, 2.0, 1.5),
        (3.0, 2.0, -1.0, 0.8),
        (0.0, 1.0, 0.0, 1.0 + 1e-4),
    ];
    let mut worst: f64 = 0.0;
    for (mu_p, sigma_p, mu_q, sigma_q) in pairs {
        let reach = 12.0 * sigma_p.max(sigma_q);
        let grid = Grid::new(mu_p.min(mu_q) - reach, mu_p.max(mu_q) + reach, 4001).unwrap();
        let p = grid.evaluate(|x| normal_pdf(mu_p, sigma_p, x));
        let q = grid.evaluate(|x| normal_pdf(mu_q, sigma_q, x));
        let by_quadrature = kl_divergence_density(&grid, &p, &q).unwrap();
        let error = (by_quadrature - kl_gaussian(mu_p, sigma_p, mu_q, sigma_q)).abs();
        assert!(
            error < 1e-8,
            "pair {:?}: error {error:e}",
            (mu_p, sigma_p, mu_q, sigma_q)
        );
        worst = worst.max(error);
        // The same density against itself: exactly 0.
        assert_eq!(kl_divergence_density(&grid, &p, &p).unwrap(), 0.0);
    }
    println!("MEASURED worst |KL quadrature − kl_gaussian| over 6 pairs: {worst:.2e}");
}

/// JS of two unit Gaussians `θ` apart has no elementary closed form; check its symmetry, its
/// growth with θ towards `ln 2`, and that it equals the discrete JS of the probability vectors
/// `wᵢ·p(xᵢ)`, `wᵢ·q(xᵢ)` (the JS terms are 1-homogeneous, so Simpson's sum is that discrete JS).
#[test]
fn js_density_is_symmetric_bounded_and_saturates() {
    let grid = Grid::new(-14.0, 34.0, 9601).unwrap();
    let mut previous = 0.0;
    for theta in [0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 20.0] {
        let p = grid.evaluate(|x| normal_pdf(0.0, 1.0, x));
        let q = grid.evaluate(|x| normal_pdf(theta, 1.0, x));
        let forward = js_divergence_density(&grid, &p, &q).unwrap();
        assert_eq!(forward, js_divergence_density(&grid, &q, &p).unwrap());
        let weighted = |f: &[f64]| {
            f.iter()
                .zip(grid.weights())
                .map(|(v, w)| v * w)
                .collect::<Vec<_>>()
        };
        let discrete = js_divergence(&weighted(&p), &weighted(&q)).unwrap();
        assert!(
            (forward - discrete).abs() <= 1e-15,
            "θ = {theta}: {forward} vs {discrete}"
        );
        assert!(
            forward >= previous && forward <= LN_2,
            "θ = {theta}: {forward}"
        );
        previous = forward;
    }
    assert!(LN_2 - previous < 1e-15, "JS at θ = 20: {previous}");
}

/// The `_bits` variants against references in bits: the mpmath values (nats) over ln 2, and
/// closed forms that are whole numbers of bits: H(uniform over 8) = 3, KL((1, 0) ‖ (½, ½)) =
/// 1, JSD of disjoint supports = 1, H((½, ½), (¼, ¾)) = ½·2 + ½·log₂(4/3).
#[test]
fn bits_match_references_in_bits() {
    for (n, [h, cross, kl, _, js]) in MPMATH_REFERENCE {
        let (p, q) = (fixture(n, 31), fixture(n, 58));
        for (actual, nats, what) in [
            (entropy_bits(&p).unwrap(), h, "H"),
            (cross_entropy_bits(&p, &q).unwrap(), cross, "H(p, q)"),
            (kl_divergence_bits(&p, &q).unwrap(), kl, "KL"),
            (js_divergence_bits(&p, &q).unwrap(), js, "JSD"),
        ] {
            assert_relative(
                actual,
                nats / LN_2,
                1e-12,
                &format!("n = {n}, {what} in bits"),
            );
        }
    }
    let close =
        |actual: f64, expected: f64| (actual - expected).abs() <= 4.0 * f64::EPSILON * expected;
    assert!(close(entropy_bits(&[0.125; 8]).unwrap(), 3.0));
    assert!(close(
        kl_divergence_bits(&[1.0, 0.0], &[0.5, 0.5]).unwrap(),
        1.0
    ));
    assert!(close(
        js_divergence_bits(&[0.5, 0.5, 0.0], &[0.0, 0.0, 1.0]).unwrap(),
        1.0
    ));
    assert!(close(
        cross_entropy_bits(&[0.5, 0.5], &[0.25, 0.75]).unwrap(),
        1.0 + 0.5 * (4.0f64 / 3.0).log2()
    ));
}
