//! x86_64 tiers: AVX-512F (32 × 512-bit registers) and AVX2 + FMA (16 × 256-bit registers).
//!
//! Each kernel keeps an `mr × (vectors · lanes)` accumulator in registers; per step `p` it
//! loads one row of `B̃` (`vectors` loads), broadcasts the `mr` values of column `p` of `Ã`
//! and issues `mr · vectors` fused multiply-adds. AVX-512 uses 8 × 2 accumulators
//! (16 of 32 registers), AVX2 6 × 2 (12 of 16): enough independent chains to cover the
//! FMA latency (4 cycles on Zen 5) on both FMA pipes.

use super::{KernelFn, MicroKernel, Panel};
use crate::Float;
use ndarray::ArrayViewMut2;
use std::arch::x86_64::*;

macro_rules! simd_kernel {
    (
        $name:ident, $feature:literal, $t:ty, rows $mr:literal, vectors $nv:literal, lanes $lanes:literal,
        $zero:ident, $splat:ident, $load:ident, $store:ident, $fma:ident, $mul:ident, $add:ident
    ) => {
        #[doc = concat!("`", $feature, "` kernel for `", stringify!($t), "`: ", stringify!($mr),
                    " rows × ", stringify!($nv), " vectors of ", stringify!($lanes), " lanes.")]
        ///
        /// # Safety
        /// The CPU supports the target features, and the arguments meet the [`KernelFn`]
        /// contract (panel lengths, `mr × nr` tile with unit column stride).
        #[target_feature(enable = $feature)]
        unsafe fn $name(
            kc: usize,
            a: Panel<'_, $t>,
            b: Panel<'_, $t>,
            alpha: $t,
            beta: $t,
            mut c: ArrayViewMut2<'_, $t>,
        ) {
            // Lane r of A is `r·lane_stride` after its step's first element: 1 when packed,
            // A's row stride when read in place.
            let a_lanes: [isize; $mr] = std::array::from_fn(|r| r as isize * a.lane_stride);
            let mut acc = [[$zero(); $nv]; $mr];
            for p in 0..kc {
                // SAFETY: p < kc ≤ the panels' steps, lanes r < mr of Ã and the nv·lanes
                // unit-stride lanes of B̃ are readable (contract); unaligned loads need no
                // alignment.
                unsafe {
                    let (a_p, b_p) = (a.step(p), b.step(p));
                    let mut b_row = [$zero(); $nv];
                    for (v, b_v) in b_row.iter_mut().enumerate() {
                        *b_v = $load(b_p.add(v * $lanes));
                    }
                    for (acc_r, &lane) in acc.iter_mut().zip(&a_lanes) {
                        let a_rp = $splat(*a_p.offset(lane));
                        for (acc_rv, &b_v) in acc_r.iter_mut().zip(&b_row) {
                            *acc_rv = $fma(a_rp, b_v, *acc_rv);
                        }
                    }
                }
            }
            let rs_c = c.strides()[0];
            let c = c.as_mut_ptr();
            let alpha = $splat(alpha);
            for (r, acc_r) in acc.iter().enumerate() {
                for (v, &acc_rv) in acc_r.iter().enumerate() {
                    // SAFETY: `c` points at element (0, 0) of an mr × nr view with unit
                    // column stride (contract), so the `lanes` elements (r, v·lanes ..) start
                    // at c + r·rs_c + v·lanes and are in bounds and exclusively ours.
                    unsafe {
                        let c_rv = c.offset(r as isize * rs_c).add(v * $lanes);
                        let scaled = $mul(alpha, acc_rv);
                        let out = if beta == 0.0 {
                            scaled
                        } else {
                            $add(scaled, $mul($splat(beta), $load(c_rv)))
                        };
                        $store(c_rv, out);
                    }
                }
            }
        }
    };
}

simd_kernel!(avx512_f32, "avx512f", f32, rows 8, vectors 2, lanes 16,
    _mm512_setzero_ps, _mm512_set1_ps, _mm512_loadu_ps, _mm512_storeu_ps,
    _mm512_fmadd_ps, _mm512_mul_ps, _mm512_add_ps);
simd_kernel!(avx512_f64, "avx512f", f64, rows 8, vectors 2, lanes 8,
    _mm512_setzero_pd, _mm512_set1_pd, _mm512_loadu_pd, _mm512_storeu_pd,
    _mm512_fmadd_pd, _mm512_mul_pd, _mm512_add_pd);
simd_kernel!(avx2_f32, "avx2,fma", f32, rows 6, vectors 2, lanes 8,
    _mm256_setzero_ps, _mm256_set1_ps, _mm256_loadu_ps, _mm256_storeu_ps,
    _mm256_fmadd_ps, _mm256_mul_ps, _mm256_add_ps);
simd_kernel!(avx2_f64, "avx2,fma", f64, rows 6, vectors 2, lanes 4,
    _mm256_setzero_pd, _mm256_set1_pd, _mm256_loadu_pd, _mm256_storeu_pd,
    _mm256_fmadd_pd, _mm256_mul_pd, _mm256_add_pd);

/// The AVX-512 and AVX2 tiers for `T` (`None` where the CPU lacks the features or `T` is
/// neither `f32` nor `f64`).
pub(super) fn tiers<T: Float>() -> [Option<MicroKernel<T>>; 2] {
    let avx512 = is_x86_feature_detected!("avx512f").then(|| {
        // SAFETY: avx512f was detected on this CPU just above; the kernels follow KernelFn.
        let (f32_tier, f64_tier) = unsafe {
            (
                MicroKernel::<f32>::new("avx512f f32 8x32", 8, 32, avx512_f32 as KernelFn<f32>),
                MicroKernel::<f64>::new("avx512f f64 8x16", 8, 16, avx512_f64 as KernelFn<f64>),
            )
        };
        f32_tier.cast::<T>().or_else(|| f64_tier.cast::<T>())
    });
    let avx2 = (is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")).then(|| {
        // SAFETY: avx2 and fma were detected on this CPU just above; the kernels follow KernelFn.
        let (f32_tier, f64_tier) = unsafe {
            (
                MicroKernel::<f32>::new("avx2+fma f32 6x16", 6, 16, avx2_f32 as KernelFn<f32>),
                MicroKernel::<f64>::new("avx2+fma f64 6x8", 6, 8, avx2_f64 as KernelFn<f64>),
            )
        };
        f32_tier.cast::<T>().or_else(|| f64_tier.cast::<T>())
    });
    [avx512.flatten(), avx2.flatten()]
}
