//! Entropy, cross-entropy, KL and JS against independent references: 50-digit mpmath values,
//! closed forms, and (in the properties) a different formula summed in double-double. Known
//! values, conventions and error cases are unit tests beside the code (`src/divergence/`).
//! Measured worst deviations are printed with `cargo test -- --nocapture` (lines `MEASURED`).

// Reference values keep every digit their source (mpmath) printed.
#![allow(clippy::excessive_precision)]

mod common;

use common::{normal_pdf, proptest_config};

use std::f64::consts::LN_2;

use adversarial::divergence::{
    cross_entropy, cross_entropy_bits, entropy, entropy_bits, js_divergence, js_divergence_bits,
    js_divergence_density, kl_divergence, kl_divergence_bits, kl_divergence_density, kl_gaussian,
    Grid,
};
use proptest::prelude::*;

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

// ---------------------------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------------------------

/// Cases per property (5 properties in this file).
const CASES: u32 = 256;

/// A probability vector of length `n`: entry 0 normal; the others 0 (1 in 8), 1e-300 (1 in 8)
/// or an integer weight in 1..1000, normalised in f64.
fn distribution(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec((0u8..8, 1u32..1000), n).prop_map(|entries| {
        let kind = |i: usize, k: u8| if i == 0 { 2 } else { k };
        let total: f64 = entries
            .iter()
            .enumerate()
            .filter(|(i, (k, _))| kind(*i, *k) >= 2)
            .map(|(_, (_, w))| f64::from(*w))
            .sum();
        entries
            .iter()
            .enumerate()
            .map(|(i, &(k, w))| match kind(i, k) {
                0 => 0.0,
                1 => 1e-300,
                _ => f64::from(w) / total,
            })
            .collect()
    })
}

fn pair() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (1usize..=1000).prop_flat_map(|n| (distribution(n), distribution(n)))
}

/// Double-double accumulator (Knuth's TwoSum): the reference sums are exact to ~1e-32
/// relative, so their only error is that of the individual terms.
#[derive(Default)]
struct ExactSum {
    high: f64,
    low: f64,
}

impl ExactSum {
    fn add(&mut self, x: f64) {
        let s = self.high + x;
        let v = s - self.high;
        self.low += (self.high - (s - v)) + (x - v);
        self.high = s;
    }
    fn value(&self) -> f64 {
        self.high + self.low
    }
}

/// Reference by a different formula: `KL = Σ p·ln p − Σ p·ln q + Σ q − Σ p` (two separate
/// logs, no ratio, no series; the last two sums, added exactly, are the `− p + q` of the
/// crate's documented form, which is 0 for exactly normalised inputs but not for, say,
/// `q = (1, 1e-300)`), `JS = H(m) − ½·H(p) − ½·H(q)`. Returns the value and the absolute
/// rounding scale `Σ|terms|·ε` of the reference itself.
fn reference_kl(p: &[f64], q: &[f64]) -> (f64, f64) {
    let (mut sum, mut scale) = (ExactSum::default(), 0.0);
    for (&a, &b) in p.iter().zip(q) {
        sum.add(b);
        sum.add(-a);
        if a > 0.0 {
            if b == 0.0 {
                return (f64::INFINITY, 0.0);
            }
            sum.add(a * a.ln());
            sum.add(-a * b.ln());
            scale += (a * a.ln()).abs() + (a * b.ln()).abs();
        }
    }
    (sum.value(), scale * f64::EPSILON)
}

fn reference_entropy(p: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut sum, mut scale) = (ExactSum::default(), 0.0);
    for a in p.filter(|&a| a > 0.0) {
        sum.add(-a * a.ln());
        scale += (a * a.ln()).abs();
    }
    (sum.value(), scale * f64::EPSILON)
}

fn reference_js(p: &[f64], q: &[f64]) -> (f64, f64) {
    let (h_m, s_m) = reference_entropy(p.iter().zip(q).map(|(a, b)| 0.5 * a + 0.5 * b));
    let (h_p, s_p) = reference_entropy(p.iter().copied());
    let (h_q, s_q) = reference_entropy(q.iter().copied());
    (h_m - 0.5 * h_p - 0.5 * h_q, 4.0 * (s_m + s_p + s_q))
}

proptest! {
    #![proptest_config(proptest_config(CASES))]

    /// Gibbs' inequality: D_KL ≥ 0, with equality iff p = q.
    #[test]
    fn kl_is_nonnegative_and_zero_only_at_equality((p, q) in pair()) {
        let kl = kl_divergence(&p, &q).unwrap();
        prop_assert!(kl >= 0.0);
        prop_assert_eq!(kl == 0.0, p == q);
        prop_assert_eq!(kl_divergence(&p, &p).unwrap(), 0.0);
        prop_assert_eq!(js_divergence(&q, &q).unwrap(), 0.0);
    }

    /// JSD(p‖q) = JSD(q‖p) bit for bit; 0 ≤ JSD ≤ ln 2, strictly below where the supports share
    /// an outcome of probability ≥ 1e-3 in both.
    #[test]
    fn js_is_symmetric_and_bounded((p, q) in pair()) {
        let forward = js_divergence(&p, &q).unwrap();
        prop_assert_eq!(forward.to_bits(), js_divergence(&q, &p).unwrap().to_bits());
        prop_assert!((0.0..=LN_2).contains(&forward));
        if p.iter().zip(&q).any(|(a, b)| *a >= 1e-3 && *b >= 1e-3) {
            prop_assert!(forward < LN_2 - 1e-4, "overlapping supports, JS = {}", forward);
        }
        prop_assert!(js_divergence_bits(&p, &q).unwrap() <= 1.0);
    }

    /// Disjoint supports: JSD = ln 2 to 1e-15, whatever the split of the mass.
    #[test]
    fn js_is_ln2_on_disjoint_supports(
        weights in prop::collection::vec(1u32..1000, 2..=1000),
        mask in prop::collection::vec(any::<bool>(), 1000),
    ) {
        let mut in_p: Vec<bool> = weights.iter().zip(&mask).map(|(_, &m)| m).collect();
        in_p[0] = true;
        in_p[1] = false;
        let normalise = |keep: bool| {
            let total: f64 = weights.iter().zip(&in_p).filter(|(_, &m)| m == keep).map(|(w, _)| f64::from(*w)).sum();
            weights.iter().zip(&in_p).map(|(w, &m)| if m == keep { f64::from(*w) / total } else { 0.0 }).collect::<Vec<_>>()
        };
        let (p, q) = (normalise(true), normalise(false));
        let jsd = js_divergence(&p, &q).unwrap();
        prop_assert!((jsd - LN_2).abs() <= 1e-15, "JS = {:e}, ln 2 − JS = {:e}", jsd, LN_2 - jsd);
    }

    /// H(p, q) = H(p) + D_KL(p ‖ q) (both +∞ together).
    #[test]
    fn cross_entropy_is_entropy_plus_kl((p, q) in pair()) {
        let cross = cross_entropy(&p, &q).unwrap();
        let sum = entropy(&p).unwrap() + kl_divergence(&p, &q).unwrap();
        if cross.is_infinite() {
            prop_assert_eq!(sum, f64::INFINITY);
        } else {
            prop_assert!((cross - sum).abs() <= 1e-12 * cross.max(1e-300), "{:e} vs {:e}", cross, sum);
        }
    }

    /// KL and JS against the different-formula references, to 1e-12 relative (plus the
    /// reference's own rounding scale, which matters only when the value is far below the
    /// sums it is the difference of).
    #[test]
    fn kl_and_js_match_an_independent_reference((p, q) in pair()) {
        for (actual, (expected, slack)) in [
            (kl_divergence(&p, &q).unwrap(), reference_kl(&p, &q)),
            (kl_divergence(&q, &p).unwrap(), reference_kl(&q, &p)),
            (js_divergence(&p, &q).unwrap(), reference_js(&p, &q)),
            (entropy(&p).unwrap(), reference_entropy(p.iter().copied())),
        ] {
            if expected.is_infinite() {
                prop_assert_eq!(actual, expected);
            } else {
                prop_assert!(
                    (actual - expected).abs() <= 1e-12 * expected.abs() + slack,
                    "{:e} vs {:e} (slack {:e})", actual, expected, slack
                );
            }
        }
    }

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
