//! The scalar bound shared by every tensor in the crate.
//!
//! Training runs in `f32`; gradient checks and the theory modules run in `f64`
//! (see `DESIGN.md`: "generic over `f32` and `f64`").

use std::fmt;
use std::iter::Sum;
use std::ops::{AddAssign, DivAssign, MulAssign, SubAssign};

/// A floating-point scalar the tape, layers and optimizers can run on: `f32` or `f64`.
pub trait Float:
    num_traits::Float
    + num_traits::FromPrimitive
    + ndarray::LinalgScalar
    + ndarray::ScalarOperand
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + Sum
    + Default
    + fmt::Debug
    + fmt::Display
    + fmt::LowerExp
    + Send
    + Sync
    + 'static
{
    /// The literal `x` in this type (rounded to nearest for `f32`).
    fn lit(x: f64) -> Self;
    /// This value widened (or kept) as `f64`.
    fn as_f64(self) -> f64;
    /// `tanh x`, in a form the compiler can vectorize where that is accurate enough: for
    /// `f32` a rational approximation (below), for `f64` the C library's `tanh` (the
    /// precision the gradient checks rely on). The tape's `tanh` op uses it.
    fn fast_tanh(self) -> Self;
}

/// `tanh x ≈ x·P(x²) / Q(x²)` for `f32`, `P` of degree 6 and `Q` of degree 3 in `x²`, on
/// `x` clamped to `±7.905311` (beyond it the quotient is 1 in `f32`), and `x` itself for
/// `|x| < 4·10⁻⁴` (where `tanh x = x` to `f32` precision). The coefficients are Eigen's
/// `generic_fast_tanh_float`; branch-free, so a loop over it vectorizes (0.8 ns an element
/// against 8.5 ns for the C library's `tanhf`, measured). Error: at most 6.4 units in the
/// last place against `f64::tanh` over every 101st `f32` (the test below), 7.3 over every
/// 7th; the C library's `tanhf` is within 2.2.
#[inline(always)]
fn tanh_rational(x: f32) -> f32 {
    const CLAMP: f32 = 7.905_311;
    let clamped = x.clamp(-CLAMP, CLAMP);
    let x2 = clamped * clamped;
    let mut p = x2 * -2.760_768_5e-16 + 2.000_188e-13;
    p = x2 * p - 8.604_672e-11;
    p = x2 * p + 5.122_297e-8;
    p = x2 * p + 1.485_722_4e-5;
    p = x2 * p + 6.372_619_3e-4;
    p = x2 * p + 4.893_524_6e-3;
    let mut q = x2 * 1.198_258_4e-6 + 1.185_347_1e-4;
    q = x2 * q + 2.268_434_6e-3;
    q = x2 * q + 4.893_525e-3;
    if x.abs() < 4e-4 {
        x
    } else {
        clamped * p / q
    }
}

impl Float for f32 {
    #[inline(always)]
    fn lit(x: f64) -> Self {
        x as f32
    }
    #[inline(always)]
    fn as_f64(self) -> f64 {
        f64::from(self)
    }
    #[inline(always)]
    fn fast_tanh(self) -> Self {
        tanh_rational(self)
    }
}

impl Float for f64 {
    #[inline(always)]
    fn lit(x: f64) -> Self {
        x
    }
    #[inline(always)]
    fn as_f64(self) -> f64 {
        self
    }
    #[inline(always)]
    fn fast_tanh(self) -> Self {
        self.tanh()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `|a − exact|` in units of the last place of `exact` rounded to `f32`.
    fn ulps(a: f32, exact: f64) -> f64 {
        let rounded = (exact as f32).abs();
        let ulp = f64::from(f32::from_bits(rounded.to_bits() + 1) - rounded);
        (f64::from(a) - exact).abs() / ulp
    }

    #[test]
    fn f32_tanh_is_within_eight_ulps_of_the_exact_value() {
        let (mut worst, mut count) = (0.0_f64, 0_u32);
        // Every 101st positive finite f32 (zero, subnormals, up to f32::MAX), and its negative.
        for bits in (0..0x7f80_0000_u32).step_by(101) {
            let x = f32::from_bits(bits);
            for x in [x, -x] {
                let y = x.fast_tanh();
                assert_eq!(y, -(-x).fast_tanh(), "odd at {x:e}");
                assert!(y.abs() <= 1.0, "tanh {x:e} = {y}");
                worst = worst.max(ulps(y, f64::from(x).tanh()));
                count += 1;
            }
        }
        println!("f32 fast_tanh: worst {worst:.2} ulp over {count} inputs");
        assert!(worst <= 7.5, "{worst} ulp");
        assert_eq!(f32::INFINITY.fast_tanh(), 1.0);
        assert_eq!(f32::NEG_INFINITY.fast_tanh(), -1.0);
        assert!(f32::NAN.fast_tanh().is_nan());
    }

    #[test]
    fn f64_tanh_is_the_c_library_s() {
        for x in [-20.0, -1.5, -1e-9, 0.0, 0.3, 2.0, 700.0] {
            assert_eq!(x.fast_tanh(), f64::tanh(x));
        }
    }
}
