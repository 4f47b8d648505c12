//! The pointwise terms of entropy, cross-entropy, KL and JS, shared by the discrete sums
//! and the quadratures on a [`Grid`](super::Grid).
//!
//! Each term is written so that it is `≥ 0` and free of cancellation when `p ≈ q`:
//! the KL term is the Bregman form `p·ln(p/q) − p + q` (whose sum over outcomes is
//! KL when both vectors sum to 1) and the JS term is `m·h(a)/2` with a series for `h`.

use std::f64::consts::LN_2;

/// Below this `|u|` (KL) or `|a|` (JS) the series are used instead of the logarithms.
const SERIES_THRESHOLD: f64 = 0.25;

/// `x·ln(x/y)` for `x, y > 0`; falls back to `x·(ln x − ln y)` when `x/y` leaves the
/// normal range (the difference of logs then exceeds 700, so it does not cancel).
fn x_ln_x_over_y(x: f64, y: f64) -> f64 {
    let ratio = x / y;
    if ratio.is_finite() && ratio >= f64::MIN_POSITIVE {
        x * ratio.ln()
    } else {
        x * (x.ln() - y.ln())
    }
}

/// `g(u) = (1 + u)·ln(1 + u) − u = Σ_{k≥2} (−u)ᵏ / (k(k − 1)) = u²/2 − u³/6 + u⁴/12 − …`
/// by Horner's rule, for `|u| < 0.25` (26 terms: the first omitted one is below 1e-17·u²/2).
fn bregman_series(u: f64) -> f64 {
    let mut inner = 0.0;
    for j in (0..26).rev() {
        let j = j as f64;
        inner = 1.0 / ((j + 2.0) * (j + 1.0)) - u * inner;
    }
    u * u * inner
}

/// `h(a) = (1 + a)·ln(1 + a) + (1 − a)·ln(1 − a) = Σ_{k≥1} a²ᵏ / (k(2k − 1))
/// = a² + a⁴/6 + a⁶/15 + …` for `|a| < 0.25` (14 terms: the first omitted one is below 1e-18·a²).
fn symmetric_series(a: f64) -> f64 {
    let a2 = a * a;
    let mut inner = 0.0;
    for j in (0..14).rev() {
        let j = j as f64;
        inner = 1.0 / ((j + 1.0) * (2.0 * j + 1.0)) + a2 * inner;
    }
    a2 * inner
}

/// `−p·ln p`, with `0·ln 0 = 0`.
pub(crate) fn entropy_term(p: f64) -> f64 {
    if p == 0.0 {
        0.0
    } else {
        -p * p.ln()
    }
}

/// `−p·ln q`, with `0·ln q = 0` for every `q` (also `q = 0`) and `+∞` when `q = 0 < p`.
pub(crate) fn cross_entropy_term(p: f64, q: f64) -> f64 {
    if p == 0.0 {
        0.0
    } else if q == 0.0 {
        f64::INFINITY
    } else {
        -p * q.ln()
    }
}

/// `p·ln(p/q) − p + q ≥ 0`, with `0·ln(0/q) = 0` and `+∞` when `q = 0 < p`.
///
/// Near `p = q` it is evaluated as `q·g(u)`, `u = (p − q)/q` (`p − q` is exact there),
/// `g(u) = (1 + u)·ln(1 + u) − u` by its series: no cancellation, `= 0` only at `p = q`.
pub(crate) fn kl_term(p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return q;
    }
    if q == 0.0 {
        return f64::INFINITY;
    }
    let u = (p - q) / q;
    if u.abs() < SERIES_THRESHOLD {
        q * bregman_series(u)
    } else {
        x_ln_x_over_y(p, q) - p + q
    }
}

/// `½·p·ln(p/m) + ½·q·ln(q/m)` with `m = (p + q)/2`: always finite, `≥ 0`,
/// `½·(p + q)·ln 2` at most, reached exactly when one of them is 0.
///
/// With `a = (p − q)/(p + q)` it equals `½·m·h(a)`, `h(a) = (1 + a)·ln(1 + a) + (1 − a)·ln(1 − a)`;
/// near `p = q` that series form is used.
pub(crate) fn js_term(p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return 0.5 * LN_2 * q;
    }
    if q == 0.0 {
        return 0.5 * LN_2 * p;
    }
    // Halving before adding keeps m finite for any finite p, q.
    let m = 0.5 * p + 0.5 * q;
    let a = 0.5 * ((p - q) / m);
    if a.abs() < SERIES_THRESHOLD {
        0.5 * m * symmetric_series(a)
    } else {
        0.5 * (x_ln_x_over_y(p, m) + x_ln_x_over_y(q, m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both sides of each series threshold agree with the closed forms they replace.
    #[test]
    fn series_match_closed_forms_at_the_threshold() {
        for u in [-0.2499, -0.1, 0.1, 0.2499] {
            let closed = (1.0 + u) * f64::ln_1p(u) - u;
            assert!((bregman_series(u) - closed).abs() <= 1e-14 * closed);
            let h = (1.0 + u) * f64::ln_1p(u) + (1.0 - u) * f64::ln_1p(-u);
            assert!((symmetric_series(u) - h).abs() <= 1e-14 * h);
        }
    }

    /// Leading orders: g(u) = u²/2 − u³/6 + u⁴/12 + O(u⁵), h(a) = a² + a⁴/6 + O(a⁶); at
    /// u = 1e-5 the omitted terms are ~1e-16 relative, so both agree to a few ulps.
    #[test]
    fn series_leading_orders() {
        let u: f64 = 1e-5;
        let expected = u * u * (0.5 - u / 6.0 + u * u / 12.0);
        assert!((bregman_series(u) - expected).abs() <= 4.0 * f64::EPSILON * expected);
        let expected = u * u * (1.0 + u * u / 6.0);
        assert!((symmetric_series(u) - expected).abs() <= 4.0 * f64::EPSILON * expected);
    }

    /// Conventions at zero and at the overflow edge of p/q.
    #[test]
    fn terms_at_zero_and_at_extreme_ratios() {
        assert_eq!(entropy_term(0.0), 0.0);
        assert_eq!(entropy_term(1.0), 0.0);
        assert_eq!(cross_entropy_term(0.0, 0.0), 0.0);
        assert_eq!(cross_entropy_term(0.5, 0.0), f64::INFINITY);
        assert_eq!(kl_term(0.0, 0.0), 0.0);
        assert_eq!(kl_term(0.0, 0.25), 0.25);
        assert_eq!(kl_term(0.25, 0.0), f64::INFINITY);
        assert_eq!(kl_term(0.3, 0.3), 0.0);
        assert_eq!(js_term(0.0, 0.0), 0.0);
        assert_eq!(js_term(0.5, 0.0), 0.5 * LN_2 * 0.5);
        assert_eq!(js_term(0.3, 0.3), 0.0);
        // p/q overflows: p·(ln p − ln q) − p + q with ln(1e-310) = −713.8...
        let q: f64 = 1e-310;
        let expected = 1.0 * (0.0 - q.ln()) - 1.0 + q;
        assert!((kl_term(1.0, q) - expected).abs() <= 1e-15 * expected);
        // p = MAX, q = MAX/3: m = 2·MAX/3 (halving first keeps it finite), and
        // ½·p·ln(p/m) + ½·q·ln(q/m) = MAX·(½·ln(3/2) − ln 2/6), no overflow on the way.
        let expected = f64::MAX * (0.5 * 1.5f64.ln() - LN_2 / 6.0);
        let at_max = js_term(f64::MAX, f64::MAX / 3.0);
        assert!(
            (at_max - expected).abs() <= 4.0 * f64::EPSILON * expected,
            "{at_max:e}"
        );
    }
}
