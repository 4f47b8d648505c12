//! Properties of entropy, cross-entropy, KL and JS on random distributions, against a different
//! formula summed in double-double (the fixed-value checks are `divergence.rs`). Measured worst
//! deviations are printed with `cargo test -- --nocapture` (lines `MEASURED`).

mod common;

use common::proptest_config;

use std::f64::consts::LN_2;

use adversarial::divergence::{
    cross_entropy, entropy, js_divergence, js_divergence_bits, kl_divergence,
};
use proptest::prelude::*;

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
