//! Entropy, cross-entropy, KL and JS divergence of discrete distributions, in nats
//! (natural log) and in bits (`_bits`: the same value divided by `ln 2`).
//!
//! Every function validates its input (non-empty, entries finite and `≥ 0`, sums within
//! `SUM_TOLERANCE_PER_ENTRY · len` of 1, equal lengths) and sums its terms with Neumaier's
//! compensated summation. Notebooks: `notebooks-md/03_kl_divergence.md` (entropy,
//! cross-entropy, KL) and `notebooks-md/04_js_divergence.md` (JS).

use std::f64::consts::LN_2;

use super::error::{check_distribution, check_pair, DivergenceError};
use super::sum::compensated_sum;
use super::terms::{cross_entropy_term, entropy_term, js_term, kl_term};

/// Shannon entropy in nats.
///
/// ```text
/// H(p) = −Σᵢ pᵢ·ln pᵢ        with 0·ln 0 = 0
/// ```
/// where `pᵢ` is the probability of outcome `i`. `H ≥ 0`; `H = ln n` for the uniform
/// distribution on `n` outcomes. Notebook: `notebooks-md/03_kl_divergence.md`.
///
/// # Errors
/// [`DivergenceError`] if `p` is empty, has a negative / NaN / infinite entry, or sums to
/// 1 only outside `SUM_TOLERANCE_PER_ENTRY · len`.
///
/// # Examples
/// ```
/// use adversarial::divergence::entropy;
/// let h = entropy(&[0.25; 4]).unwrap();
/// assert!((h - 4f64.ln()).abs() < 1e-15);
/// ```
pub fn entropy(p: &[f64]) -> Result<f64, DivergenceError> {
    check_distribution("p", p)?;
    Ok(compensated_sum(p.iter().map(|&pi| entropy_term(pi))))
}

/// Cross-entropy of `q` relative to `p` in nats: the expected code length under `p` of a
/// code built for `q`, and the loss minimised by maximum likelihood.
///
/// ```text
/// H(p, q) = −Σᵢ pᵢ·ln qᵢ = H(p) + D_KL(p ‖ q)       with 0·ln qᵢ = 0
/// ```
/// `+∞` when some `qᵢ = 0 < pᵢ`. Notebook: `notebooks-md/03_kl_divergence.md`
/// ("minimising KL = minimising cross-entropy").
///
/// # Errors
/// As [`entropy`], for each of `p` and `q`, and [`DivergenceError::LengthMismatch`].
pub fn cross_entropy(p: &[f64], q: &[f64]) -> Result<f64, DivergenceError> {
    check_pair(p, q)?;
    Ok(compensated_sum(
        p.iter().zip(q).map(|(&pi, &qi)| cross_entropy_term(pi, qi)),
    ))
}

/// Kullback–Leibler divergence of `q` from `p` in nats.
///
/// ```text
/// D_KL(p ‖ q) = Σᵢ pᵢ·ln(pᵢ / qᵢ) = E_{x∼p}[ln p(x) − ln q(x)]
/// ```
/// with `0·ln(0/qᵢ) = 0` and `+∞` when some `qᵢ = 0 < pᵢ`. Not symmetric.
///
/// Computed as `Σᵢ [pᵢ·ln(pᵢ/qᵢ) − pᵢ + qᵢ]`, which is the same sum when `Σp = Σq = 1`
/// and has every term `≥ 0` (so the result is `≥ 0` and `= 0` at `p = q` even after
/// rounding). Where `pᵢ/qᵢ` is within 25 % of 1 a term is `qᵢ·g(u)`, `u = (pᵢ − qᵢ)/qᵢ`,
/// `g(u) = (1 + u)·ln(1 + u) − u` by its series, so `p ≈ q` does not cancel:
/// `D_KL(p ‖ p(1 + δ))` keeps full relative accuracy for `δ = 1e-8`.
/// Notebook: `notebooks-md/03_kl_divergence.md`.
///
/// # Errors
/// As [`cross_entropy`].
///
/// # Examples
/// ```
/// use adversarial::divergence::kl_divergence;
/// // Bernoulli(½) vs Bernoulli(¼): ½·ln 2 + ½·ln(2/3) = ½·ln(4/3).
/// let kl = kl_divergence(&[0.5, 0.5], &[0.25, 0.75]).unwrap();
/// assert!((kl - 0.5 * (4.0f64 / 3.0).ln()).abs() < 1e-16);
/// assert_eq!(kl_divergence(&[0.5, 0.5], &[1.0, 0.0]).unwrap(), f64::INFINITY);
/// ```
pub fn kl_divergence(p: &[f64], q: &[f64]) -> Result<f64, DivergenceError> {
    check_pair(p, q)?;
    Ok(compensated_sum(
        p.iter().zip(q).map(|(&pi, &qi)| kl_term(pi, qi)),
    ))
}

/// Jensen–Shannon divergence in nats: the symmetrised, bounded KL.
///
/// ```text
/// JSD(p ‖ q) = ½·D_KL(p ‖ m) + ½·D_KL(q ‖ m),      m = (p + q)/2
///            = ¼·Σᵢ (pᵢ + qᵢ)·h(aᵢ),   aᵢ = (pᵢ − qᵢ)/(pᵢ + qᵢ),
///              h(a) = (1 + a)·ln(1 + a) + (1 − a)·ln(1 − a)
/// ```
/// Symmetric, always finite, `0 ≤ JSD ≤ ln 2` with `= ln 2` exactly when the supports are
/// disjoint (each term is then `½·pᵢ·ln 2` or `½·qᵢ·ln 2`). Near `pᵢ = qᵢ` the series
/// `h(a) = a² + a⁴/6 + a⁶/15 + …` is used. The result is clamped to `[0, ln 2]`: inputs
/// may sum to 1 only within tolerance, the bound holds exactly for normalised ones.
/// Notebook: `notebooks-md/04_js_divergence.md`.
///
/// # Errors
/// As [`cross_entropy`].
///
/// # Examples
/// ```
/// use adversarial::divergence::js_divergence;
/// let jsd = js_divergence(&[1.0, 0.0], &[0.0, 1.0]).unwrap();
/// assert_eq!(jsd, std::f64::consts::LN_2);
/// ```
pub fn js_divergence(p: &[f64], q: &[f64]) -> Result<f64, DivergenceError> {
    check_pair(p, q)?;
    let jsd = compensated_sum(p.iter().zip(q).map(|(&pi, &qi)| js_term(pi, qi)));
    Ok(jsd.min(LN_2))
}

/// [`entropy`] in bits: `H(p) / ln 2 = −Σᵢ pᵢ·log₂ pᵢ`.
///
/// # Errors
/// As [`entropy`].
pub fn entropy_bits(p: &[f64]) -> Result<f64, DivergenceError> {
    Ok(entropy(p)? / LN_2)
}

/// [`cross_entropy`] in bits: `H(p, q) / ln 2 = −Σᵢ pᵢ·log₂ qᵢ`.
///
/// # Errors
/// As [`cross_entropy`].
pub fn cross_entropy_bits(p: &[f64], q: &[f64]) -> Result<f64, DivergenceError> {
    Ok(cross_entropy(p, q)? / LN_2)
}

/// [`kl_divergence`] in bits: `D_KL(p ‖ q) / ln 2 = Σᵢ pᵢ·log₂(pᵢ/qᵢ)`.
///
/// # Errors
/// As [`kl_divergence`].
pub fn kl_divergence_bits(p: &[f64], q: &[f64]) -> Result<f64, DivergenceError> {
    Ok(kl_divergence(p, q)? / LN_2)
}

/// [`js_divergence`] in bits: `JSD(p ‖ q) / ln 2`, in `[0, 1]`.
///
/// # Errors
/// As [`js_divergence`].
pub fn js_divergence_bits(p: &[f64], q: &[f64]) -> Result<f64, DivergenceError> {
    Ok(js_divergence(p, q)? / LN_2)
}

#[cfg(test)]
mod tests {
    // Reference values keep every digit their source (mpmath) printed.
    #![allow(clippy::excessive_precision)]

    use super::*;

    /// `|actual − expected| ≤ 4ε·|expected|`; `source` says where `expected` comes from.
    #[track_caller]
    fn check(actual: Result<f64, DivergenceError>, expected: f64, source: &str) {
        let actual = actual.unwrap();
        let tolerance = 4.0 * f64::EPSILON * expected.abs();
        assert!(
            (actual - expected).abs() <= tolerance,
            "{source}: got {actual:e}, expected {expected:e}"
        );
    }

    #[test]
    fn known_values() {
        check(
            entropy(&[0.25; 4]),
            4f64.ln(),
            "uniform on 4 outcomes: ln 4",
        );
        // Binary entropy h(0.1): mpmath 1.3 at 40 digits on the f64 inputs 0.1, 0.9.
        check(
            entropy(&[0.1, 0.9]),
            0.32508297339144822687,
            "h(0.1), mpmath",
        );
        check(
            entropy_bits(&[0.1, 0.9]),
            0.46899559358928120303,
            "h₂(0.1), mpmath",
        );
        // Wikipedia, "Kullback–Leibler divergence", Basic example: P = Binomial(2, 0.4) =
        // (0.36, 0.48, 0.16), Q uniform: 0.0852996 and 0.097455 nats; digits by mpmath.
        let (p, q) = ([0.36, 0.48, 0.16], [1.0 / 3.0; 3]);
        check(
            kl_divergence(&p, &q),
            0.08529960131837058573,
            "KL(P‖Q), Wikipedia",
        );
        check(
            kl_divergence(&q, &p),
            0.097455006785387577333,
            "KL(Q‖P), Wikipedia",
        );
        // Bernoulli(½) ‖ Bernoulli(¼): ½·ln(½/¼) + ½·ln(½/¾) = ½·ln(4/3).
        let (p, q) = ([0.5, 0.5], [0.25, 0.75]);
        check(
            kl_divergence(&p, &q),
            0.5 * (4.0f64 / 3.0).ln(),
            "KL Bernoulli",
        );
        check(
            kl_divergence_bits(&p, &q),
            0.5 * (4.0f64 / 3.0).log2(),
            "KL bits",
        );
        // H(p, q) = −½·ln ¼ − ½·ln ¾ = ½·ln(16/3).
        check(cross_entropy(&p, &q), 0.5 * (16.0f64 / 3.0).ln(), "H(p, q)");
        check(
            cross_entropy_bits(&p, &q),
            0.5 * (16.0f64 / 3.0).log2(),
            "H(p, q) bits",
        );
        // p = (1, 0), q = (½, ½), m = (¾, ¼):
        // JSD = ½·[1·ln(1/¾)] + ½·[½·ln(½/¾) + ½·ln(½/¼)] = ½·ln(4/3) + ¼·ln(2/3) + ¼·ln 2.
        let expected = 0.5 * (4.0f64 / 3.0).ln() + 0.25 * (2.0f64 / 3.0).ln() + 0.25 * LN_2;
        check(
            js_divergence(&[1.0, 0.0], &q.map(|_| 0.5)),
            expected,
            "JS by hand",
        );
        // Disjoint supports: ln 2 nats = 1 bit, exactly.
        let (p, q) = ([0.5, 0.5, 0.0], [0.0, 0.0, 1.0]);
        assert_eq!(js_divergence(&p, &q), Ok(LN_2));
        assert_eq!(js_divergence_bits(&p, &q), Ok(1.0));
    }

    #[test]
    fn conventions_at_zero() {
        // 0·ln 0 = 0: a zero entry changes nothing.
        assert_eq!(entropy(&[1.0, 0.0]), Ok(0.0));
        assert_eq!(entropy(&[0.5, 0.0, 0.5]), entropy(&[0.5, 0.5]));
        // q = 0 < p: KL and cross-entropy are +∞; JS stays finite.
        assert_eq!(kl_divergence(&[0.5, 0.5], &[1.0, 0.0]), Ok(f64::INFINITY));
        assert_eq!(cross_entropy(&[0.5, 0.5], &[1.0, 0.0]), Ok(f64::INFINITY));
        // m = (¾, ¼): JS = ½·(½·ln(½/¾) + ½·ln(½/¼)) + ½·(1·ln(1/¾)).
        check(
            js_divergence(&[0.5, 0.5], &[1.0, 0.0]),
            0.5 * (0.5 * (2.0f64 / 3.0).ln() + 0.5 * LN_2) + 0.5 * (4.0f64 / 3.0).ln(),
            "JS((½,½)‖(1,0))",
        );
        // p = 0 < q: no contribution (0·ln(0/q) = 0): KL((1, 0) ‖ (½, ½)) = ln 2.
        check(
            kl_divergence(&[1.0, 0.0], &[0.5, 0.5]),
            LN_2,
            "KL((1,0)‖(½,½))",
        );
        // One outcome: every divergence is 0.
        assert_eq!(kl_divergence(&[1.0], &[1.0]), Ok(0.0));
        assert_eq!(js_divergence(&[1.0], &[1.0]), Ok(0.0));
    }

    #[test]
    fn bad_input_is_an_error_naming_argument_index_and_value() {
        assert_eq!(entropy(&[]), Err(DivergenceError::Empty { argument: "p" }));
        assert_eq!(
            kl_divergence(&[1.0], &[0.5, 0.5]),
            Err(DivergenceError::LengthMismatch { p_len: 1, q_len: 2 })
        );
        assert_eq!(
            js_divergence(&[0.5, 0.5], &[1.5, -0.5]),
            Err(DivergenceError::InvalidEntry {
                argument: "q",
                index: 1,
                value: -0.5
            })
        );
        let error = cross_entropy(&[0.5, f64::NAN], &[0.5, 0.5]).unwrap_err();
        assert!(
            matches!(error, DivergenceError::InvalidEntry { argument: "p", index: 1, value } if value.is_nan())
        );
        assert!(matches!(
            entropy(&[f64::INFINITY]),
            Err(DivergenceError::InvalidEntry {
                argument: "p",
                index: 0,
                ..
            })
        ));
        let error = kl_divergence(&[0.5, 0.5], &[0.5, 0.6]).unwrap_err();
        let expected = DivergenceError::NotNormalised {
            argument: "q",
            sum: 1.1,
            tolerance: 2e-9,
        };
        assert_eq!(error, expected);
        let message = error.to_string();
        assert!(
            message.contains("`q` sums to 1.1") && message.contains("2e-9"),
            "{message}"
        );
        // Within SUM_TOLERANCE_PER_ENTRY·len = 2e-9 of 1: accepted.
        assert!(entropy(&[0.5, 0.5 + 1e-9]).is_ok());
        assert!(entropy(&[0.5, 0.5 + 3e-9]).is_err());
    }
}
