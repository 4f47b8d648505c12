//! Register-blocked micro-kernels: `C_tile ← α·Ã·B̃ + β·C_tile` on one `mr × nr` tile.
//!
//! `Ã` is a packed `mr × kc` panel of A stored column by column (`Ã[p·mr + r] = A[r, p]`),
//! `B̃` a packed `kc × nr` panel of B stored row by row (`B̃[p·nr + j] = B[p, j]`), so the
//! kernel reads both with unit stride. The accumulator
//!
//! ```text
//! acc_rj = Σ_p Ã[r, p]·B̃[p, j]        (p = 0, 1, …, kc − 1, one fused multiply-add each)
//! ```
//!
//! lives in registers for the whole panel; the tile is then written once as
//! `α·acc + β·c` (a multiply and an add, not fused, the same in every tier and in
//! [`MicroKernel::run_buffered`]), or `α·acc` when `β = 0`, so a NaN already in C is
//! never read.
//!
//! Tiers, best first: AVX-512F, AVX2 + FMA (both x86_64, chosen at run time with
//! `is_x86_feature_detected!`), and a portable scalar kernel. Within one machine the tier is
//! fixed, so the same product gives the same bits on every call.

#[cfg(target_arch = "x86_64")]
mod x86;

use crate::Float;
use ndarray::{ArrayView2, ArrayViewMut2, Zip};
use std::any::Any;
use std::marker::PhantomData;

/// The kernel's entry point: `(kc, Ã, B̃, α, β, C_tile)`.
///
/// Implementations may rely on `Ã` having at least `kc` steps of `mr` lanes, `B̃` at least
/// `kc` steps of `nr` lanes with unit lane stride, and `C_tile` being `mr × nr` with unit
/// column stride: [`MicroKernel::run`] checks all three. They may also rely on the CPU
/// features named by the tier: [`MicroKernel::new`] is `unsafe` for that.
type KernelFn<T> = unsafe fn(usize, Panel<'_, T>, Panel<'_, T>, T, T, ArrayViewMut2<'_, T>);

/// The operand block a kernel reads, one step `p` of the sum at a time: a `kc × mr` block
/// of Aᵀ (lane `r` = row `r` of A) or a `kc × nr` block of B (lane `j` = column `j`).
/// Element `(p, lane)` is at `first + p·step_stride + lane·lane_stride`: a packed panel
/// (`step_stride` = its width, `lane_stride` = 1) or the block read in place through the
/// operand's own strides.
#[derive(Clone, Copy)]
pub(crate) struct Panel<'p, T> {
    first: *const T,
    step_stride: isize,
    lane_stride: isize,
    steps: usize,
    lanes: usize,
    _borrow: PhantomData<&'p T>,
}

impl<'p, T> Panel<'p, T> {
    /// A packed panel: element `(p, lane)` at `panel[p·width + lane]`.
    pub(crate) fn packed(panel: &'p [T], width: usize) -> Self {
        Panel {
            first: panel.as_ptr(),
            step_stride: width as isize,
            lane_stride: 1,
            steps: panel.len() / width,
            lanes: width,
            _borrow: PhantomData,
        }
    }

    /// The `steps × lanes` block of `operand` whose first element is `(p0, lane0)`, read
    /// where it is (no view is made for it: one of these per micro-kernel call).
    ///
    /// # Panics
    /// If the block is empty or does not lie inside `operand`.
    pub(crate) fn in_place(
        operand: &ArrayView2<'p, T>,
        (p0, lane0): (usize, usize),
        (steps, lanes): (usize, usize),
    ) -> Self {
        assert!(
            steps > 0
                && lanes > 0
                && p0 + steps <= operand.nrows()
                && lane0 + lanes <= operand.ncols(),
            "in-place panel: {steps}×{lanes} at ({p0}, {lane0}) outside {:?}",
            operand.dim()
        );
        Panel {
            first: &operand[[p0, lane0]],
            step_stride: operand.strides()[0],
            lane_stride: operand.strides()[1],
            steps,
            lanes,
            _borrow: PhantomData,
        }
    }

    /// Pointer to element `(p, 0)`.
    ///
    /// # Safety
    /// `p` is below the panel's `steps`.
    #[inline(always)]
    unsafe fn step(&self, p: usize) -> *const T {
        // SAFETY: p < steps (caller), so the offset stays inside the borrowed block.
        unsafe { self.first.offset(p as isize * self.step_stride) }
    }
}

/// The largest `mr·nr` of any tier (AVX-512 f32: 8 × 32).
const MAX_TILE: usize = 256;

/// One micro-kernel tier for the scalar type `T`: its name, tile shape and entry point.
#[derive(Clone, Copy)]
pub(crate) struct MicroKernel<T> {
    name: &'static str,
    mr: usize,
    nr: usize,
    entry: KernelFn<T>,
}

impl<T: Float> MicroKernel<T> {
    /// A tier from its parts.
    ///
    /// # Safety
    /// The CPU running the program must support every target feature `entry` is compiled
    /// with (checked with `is_x86_feature_detected!` by the caller), and `entry` must honour
    /// the contract of [`KernelFn`] for this `mr × nr`.
    const unsafe fn new(name: &'static str, mr: usize, nr: usize, entry: KernelFn<T>) -> Self {
        Self {
            name,
            mr,
            nr,
            entry,
        }
    }

    /// Rows of the register tile.
    pub(crate) fn mr(&self) -> usize {
        self.mr
    }

    /// Columns of the register tile.
    pub(crate) fn nr(&self) -> usize {
        self.nr
    }

    /// The tier's name, e.g. `"avx512f f32 8x32"`.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn name(&self) -> &'static str {
        self.name
    }

    /// `C_tile ← α·Ã·B̃ + β·C_tile` on a full `mr × nr` tile with unit column stride.
    ///
    /// # Panics
    /// If `Ã` has fewer than `kc` steps or not `mr` lanes, `B̃` fewer than `kc` steps or not
    /// `nr` lanes of unit stride, or `c` has the wrong shape or stride.
    pub(crate) fn run(
        &self,
        kc: usize,
        a: Panel<'_, T>,
        b: Panel<'_, T>,
        alpha: T,
        beta: T,
        c: ArrayViewMut2<'_, T>,
    ) {
        assert!(
            a.steps >= kc && a.lanes == self.mr,
            "micro-kernel: A panel is not {kc}×{}",
            self.mr
        );
        assert!(
            b.steps >= kc && b.lanes == self.nr && b.lane_stride == 1,
            "micro-kernel: B panel is not {kc}×{} with unit lane stride",
            self.nr
        );
        assert!(
            c.dim() == (self.mr, self.nr) && c.strides()[1] == 1,
            "micro-kernel: tile is not {}×{} with unit column stride",
            self.mr,
            self.nr
        );
        // SAFETY: the checks above are the panel and tile half of the KernelFn contract (a
        // Panel is `steps × lanes` elements borrowed for its lifetime); the CPU-feature half
        // was promised when this tier was built (`new`).
        unsafe { (self.entry)(kc, a, b, alpha, beta, c) }
    }

    /// The same update on a partial (`≤ mr × ≤ nr`) or arbitrarily strided tile: the kernel
    /// fills a local `mr × nr` buffer with `acc`, then each element of `c` gets
    /// `α·acc + β·c` (`α·acc` when `β = 0`), the same arithmetic as [`Self::run`].
    pub(crate) fn run_buffered(
        &self,
        kc: usize,
        a: Panel<'_, T>,
        b: Panel<'_, T>,
        alpha: T,
        beta: T,
        c: ArrayViewMut2<'_, T>,
    ) {
        let mut buffer = [T::zero(); MAX_TILE];
        let mut acc =
            ArrayViewMut2::from_shape((self.mr, self.nr), &mut buffer[..self.mr * self.nr])
                .expect("mr·nr ≤ MAX_TILE");
        self.run(kc, a, b, T::one(), T::zero(), acc.view_mut());
        let (rows, cols) = c.dim();
        let acc = acc.slice(ndarray::s![..rows, ..cols]);
        if beta == T::zero() {
            Zip::from(c).and(acc).for_each(|c, &acc| *c = alpha * acc);
        } else {
            Zip::from(c)
                .and(acc)
                .for_each(|c, &acc| *c = alpha * acc + beta * *c);
        }
    }

    /// This tier seen as a tier for `U`, if `U` is `T` (a safe `TypeId` check).
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    fn cast<U: Float>(self) -> Option<MicroKernel<U>> {
        (&self as &dyn Any)
            .downcast_ref::<MicroKernel<U>>()
            .copied()
    }
}

/// Every tier this CPU can run for `T`, best first; the scalar kernel is always last.
pub(crate) fn tiers<T: Float>() -> [Option<MicroKernel<T>>; 3] {
    #[cfg(target_arch = "x86_64")]
    let [avx512, avx2] = x86::tiers::<T>();
    #[cfg(not(target_arch = "x86_64"))]
    let [avx512, avx2] = [None, None];
    [avx512, avx2, Some(scalar())]
}

/// The best tier this CPU can run for `T`.
pub(crate) fn best<T: Float>() -> MicroKernel<T> {
    tiers::<T>()
        .into_iter()
        .flatten()
        .next()
        .expect("the scalar tier always exists")
}

const SCALAR_MR: usize = 4;
const SCALAR_NR: usize = 8;

/// The portable tier: plain multiply and add (not fused), any `T: Float`.
fn scalar<T: Float>() -> MicroKernel<T> {
    // SAFETY: `scalar_kernel` needs no target feature and reads B̃ within the contract.
    unsafe { MicroKernel::new("scalar 4x8", SCALAR_MR, SCALAR_NR, scalar_kernel::<T>) }
}

/// # Safety
/// `a` and `b` meet the [`KernelFn`] contract: `kc` steps of [`SCALAR_MR`] and
/// [`SCALAR_NR`] lanes.
unsafe fn scalar_kernel<T: Float>(
    kc: usize,
    a: Panel<'_, T>,
    b: Panel<'_, T>,
    alpha: T,
    beta: T,
    mut c: ArrayViewMut2<'_, T>,
) {
    let mut acc = [[T::zero(); SCALAR_NR]; SCALAR_MR];
    for p in 0..kc {
        // SAFETY: p < kc ≤ steps, lanes r < SCALAR_MR of A and j < SCALAR_NR of B (unit
        // stride) are readable (contract).
        let (a_p, b_p) = unsafe { (a.step(p), std::slice::from_raw_parts(b.step(p), SCALAR_NR)) };
        for (r, acc_r) in acc.iter_mut().enumerate() {
            // SAFETY: as above.
            let a_rp = unsafe { *a_p.offset(r as isize * a.lane_stride) };
            for (acc_rj, &b_pj) in acc_r.iter_mut().zip(b_p) {
                *acc_rj += a_rp * b_pj;
            }
        }
    }
    for (mut c_r, acc_r) in c.rows_mut().into_iter().zip(&acc) {
        for (c_rj, &acc_rj) in c_r.iter_mut().zip(acc_r) {
            *c_rj = if beta == T::zero() {
                alpha * acc_rj
            } else {
                alpha * acc_rj + beta * *c_rj
            };
        }
    }
}
