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
}
