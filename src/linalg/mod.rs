//! Matrix products for the tape and the layers: `C ← α·A·B + β·C`.
//!
//! Every dense layer of G and D is one product `Y = X·W` forward and two backward
//! (`∂L/∂X = U·Wᵀ`, `∂L/∂W = Xᵀ·U`), see `notebooks-md/01_core_idea.md`; this module makes
//! them fast and reproducible.
//!
//! ```text
//! c_ij ← α · Σ_p a_ip·b_pj + β · c_ij        A: m × k, B: k × n, C: m × n
//! ```
//!
//! How: the operands are packed into kernel order (`pack.rs`), read through any strides so
//! `a.t()` costs no copy, or read in place where a copy would not pay (row-major operands
//! of small products); C is cut into fixed tiles that rayon computes in parallel
//! (`blocked.rs`); a register-blocked micro-kernel (`kernel/`: AVX-512F, AVX2 + FMA, or
//! portable scalar, chosen at run time) does the arithmetic.
//!
//! Reproducible: each `c_ij` is computed by exactly one task, summing k in a fixed order
//! that depends on the shapes only, so the result is bit-identical for any number of rayon
//! threads, and for any strides of A, B and C. It differs from [`matmul_naive`] by rounding
//! only (fused multiply-adds, k summed in blocks of at most 256).

mod blocked;
mod kernel;
mod pack;
#[cfg(test)]
mod tests;

use crate::Float;
use ndarray::{Array2, ArrayView2, ArrayViewMut2};

/// General matrix product `C ← α·A·B + β·C` on views of any strides.
///
/// ```text
/// c_ij ← α · Σ_p a_ip·b_pj + β · c_ij
/// ```
/// where A is m × k, B is k × n and C is m × n. Transposed operands are passed as transposed
/// views (`a.t()`), never as transposed copies; that is how the backward pass of
/// `Var::matmul` (notebook `01_core_idea.md`) accumulates `∂L/∂A += U·Bᵀ` with `β = 1`.
/// With `β = 0`, C is overwritten: a NaN already in C does not propagate (as in BLAS).
///
/// # Panics
/// If the inner dimensions or the output shape do not match; the message names `gemm` and
/// the shapes of A, B and C.
///
/// # Examples
/// ```
/// use adversarial::linalg::gemm;
/// use ndarray::array;
///
/// let a = array![[1.0, 2.0], [3.0, 4.0]];
/// let b = array![[5.0, 6.0], [7.0, 8.0]];
/// let mut c = array![[1.0, 1.0], [1.0, 1.0]];
/// gemm(2.0, a.view(), b.view(), 1.0, c.view_mut()); // c ← 2·A·B + c
/// assert_eq!(c, array![[39.0, 45.0], [87.0, 101.0]]);
/// ```
#[track_caller]
pub fn gemm<T: Float>(
    alpha: T,
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    beta: T,
    c: ArrayViewMut2<'_, T>,
) {
    if a.ncols() != b.nrows() || c.dim() != (a.nrows(), b.ncols()) {
        shape_panic("gemm", &[("A", a.dim()), ("B", b.dim()), ("C", c.dim())]);
    }
    blocked::gemm_blocked(kernel::best::<T>(), alpha, a, b, beta, c);
}

/// `C ← f(α·A·B + β·C)`, `f` elementwise: a dense layer and its activation in one pass
/// over C (notebook `01_core_idea.md`). Each C tile is mapped by the task that computed it,
/// as soon as its sum is complete and while it is in cache; the bits are those of [`gemm`]
/// followed by `c.mapv_inplace(f)`.
///
/// # Panics
/// As [`gemm`], the message naming `gemm` and the shapes.
#[track_caller]
pub(crate) fn gemm_then_map<T: Float>(
    alpha: T,
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    beta: T,
    c: ArrayViewMut2<'_, T>,
    f: impl Fn(T) -> T + Sync,
) {
    if a.ncols() != b.nrows() || c.dim() != (a.nrows(), b.ncols()) {
        shape_panic("gemm", &[("A", a.dim()), ("B", b.dim()), ("C", c.dim())]);
    }
    blocked::gemm_mapped(kernel::best::<T>(), alpha, a, b, beta, c, Some(f));
}

/// `A·B`: `c_ij = Σ_p a_ip·b_pj` (m × k times k × n → m × n), e.g. a batch of rows through
/// a layer's weights (notebook `01_core_idea.md`).
///
/// # Panics
/// If `A` has not as many columns as `B` has rows (message names `matmul` and both shapes).
///
/// # Examples
/// ```
/// use adversarial::linalg::matmul;
/// use ndarray::array;
///
/// let x = array![[1.0_f32, 2.0, 3.0]];
/// let w = array![[1.0_f32, 0.0], [0.0, 1.0], [1.0, 1.0]];
/// assert_eq!(matmul(x.view(), w.view()), array![[4.0_f32, 5.0]]);
/// ```
#[track_caller]
pub fn matmul<T: Float>(a: ArrayView2<'_, T>, b: ArrayView2<'_, T>) -> Array2<T> {
    if a.ncols() != b.nrows() {
        shape_panic("matmul", &[("A", a.dim()), ("B", b.dim())]);
    }
    product(a, b)
}

/// `Aᵀ·B`: `c_ij = Σ_p a_pi·b_pj` (A is k × m, B is k × n → m × n) without a transposed
/// copy; the weight gradient `∂L/∂W = Xᵀ·U` of a layer (notebook `01_core_idea.md`).
///
/// # Panics
/// If `A` and `B` have different numbers of rows (message names `matmul_tn` and both shapes).
#[track_caller]
pub fn matmul_tn<T: Float>(a: ArrayView2<'_, T>, b: ArrayView2<'_, T>) -> Array2<T> {
    if a.nrows() != b.nrows() {
        shape_panic("matmul_tn", &[("A", a.dim()), ("B", b.dim())]);
    }
    product(a.t(), b)
}

/// `A·Bᵀ`: `c_ij = Σ_p a_ip·b_jp` (A is m × k, B is n × k → m × n) without a transposed
/// copy; the input gradient `∂L/∂X = U·Wᵀ` of a layer (notebook `01_core_idea.md`).
///
/// # Panics
/// If `A` and `B` have different numbers of columns (message names `matmul_nt` and both shapes).
#[track_caller]
pub fn matmul_nt<T: Float>(a: ArrayView2<'_, T>, b: ArrayView2<'_, T>) -> Array2<T> {
    if a.ncols() != b.ncols() {
        shape_panic("matmul_nt", &[("A", a.dim()), ("B", b.dim())]);
    }
    product(a, b.t())
}

/// The reference product: three loops, `c_ij = Σ_p a_ip·b_pj` summed in order
/// p = 0, 1, …, k − 1 with a separate multiply and add, one element at a time. Slow; the
/// tests compare [`matmul`] against it.
///
/// # Panics
/// If `A` has not as many columns as `B` has rows (message names `matmul_naive` and both shapes).
#[track_caller]
pub fn matmul_naive<T: Float>(a: ArrayView2<'_, T>, b: ArrayView2<'_, T>) -> Array2<T> {
    if a.ncols() != b.nrows() {
        shape_panic("matmul_naive", &[("A", a.dim()), ("B", b.dim())]);
    }
    Array2::from_shape_fn((a.nrows(), b.ncols()), |(i, j)| {
        a.row(i)
            .iter()
            .zip(b.column(j))
            .fold(T::zero(), |sum, (&a_ip, &b_pj)| sum + a_ip * b_pj)
    })
}

/// `A·B` into a fresh array; shapes already checked.
fn product<T: Float>(a: ArrayView2<'_, T>, b: ArrayView2<'_, T>) -> Array2<T> {
    let mut c = Array2::zeros((a.nrows(), b.ncols()));
    blocked::gemm_blocked(kernel::best::<T>(), T::one(), a, b, T::zero(), c.view_mut());
    c
}

#[cold]
#[track_caller]
fn shape_panic(op: &str, shapes: &[(&str, (usize, usize))]) -> ! {
    let shapes: Vec<String> = shapes
        .iter()
        .map(|(name, (rows, cols))| format!("{name} is {rows}×{cols}"))
        .collect();
    panic!("{op}: shapes do not match: {}", shapes.join(", "))
}
