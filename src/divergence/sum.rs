//! Neumaier's compensated summation: the sums in this module carry the rounding error
//! of each addition in a second accumulator, so a sum of `n` terms is accurate to a few
//! ulps instead of `n` ulps.

/// `Σᵢ xᵢ` with Neumaier's compensation (Kahan–Babuška): after each `s ← s + x`,
/// the exact rounding error of that addition is added to `c`; the result is `s + c`.
pub(crate) fn compensated_sum(terms: impl IntoIterator<Item = f64>) -> f64 {
    let mut sum = 0.0_f64;
    let mut compensation = 0.0_f64;
    for x in terms {
        let t = sum + x;
        compensation += if sum.abs() >= x.abs() {
            (sum - t) + x
        } else {
            (x - t) + sum
        };
        sum = t;
    }
    // `sum + compensation` is NaN when the sum is +∞ (∞ − ∞ in the compensation).
    if sum.is_infinite() {
        sum
    } else {
        sum + compensation
    }
}

#[cfg(test)]
mod tests {
    use super::compensated_sum;

    #[test]
    fn recovers_what_naive_summation_loses() {
        // 1 + 1e100 + 1 − 1e100 = 2 exactly; the naive left-to-right sum gives 0.
        assert_eq!(compensated_sum([1.0, 1e100, 1.0, -1e100]), 2.0);
        // Ten 0.1s: naive gives 0.9999999999999999, the nearest double to 1 is 1.
        assert_eq!(compensated_sum(std::iter::repeat_n(0.1, 10)), 1.0);
    }

    #[test]
    fn keeps_infinity() {
        assert_eq!(compensated_sum([1.0, f64::INFINITY, 2.0]), f64::INFINITY);
        assert_eq!(compensated_sum(std::iter::empty()), 0.0);
    }
}
