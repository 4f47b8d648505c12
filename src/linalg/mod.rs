//! Matrix products for the tape: `C ← α·op(A)·op(B) + β·C`.
//!
//! PLACEHOLDER implementation (naive loops) behind the final API; replaced by the
//! blocked, rayon-parallel, deterministic kernel.

use crate::Float;
use ndarray::{Array2, ArrayView2, ArrayViewMut2};

/// General matrix product `C ← α·A·B + β·C` on views of any strides.
///
/// Shapes: `A` is m × k, `B` is k × n, `C` is m × n. Transposed operands are passed as
/// transposed views (`a.t()`), never as transposed copies. With `β = 0`, `C` is
/// overwritten (a NaN already in `C` does not propagate), as in BLAS.
///
/// # Panics
/// If the inner dimensions or the output shape do not match.
#[track_caller]
pub fn gemm<T: Float>(
    alpha: T,
    a: ArrayView2<T>,
    b: ArrayView2<T>,
    beta: T,
    mut c: ArrayViewMut2<T>,
) {
    let (m, k) = a.dim();
    let (k2, n) = b.dim();
    if k != k2 || c.dim() != (m, n) {
        shape_panic("gemm", a.dim(), b.dim(), c.dim());
    }
    for i in 0..m {
        for j in 0..n {
            let mut acc = T::zero();
            for p in 0..k {
                acc += a[[i, p]] * b[[p, j]];
            }
            let old = if beta == T::zero() {
                T::zero()
            } else {
                beta * c[[i, j]]
            };
            c[[i, j]] = alpha * acc + old;
        }
    }
}

/// `A·B` (m × k times k × n → m × n).
#[track_caller]
pub fn matmul<T: Float>(a: ArrayView2<T>, b: ArrayView2<T>) -> Array2<T> {
    let mut c = Array2::zeros((a.nrows(), b.ncols()));
    gemm(T::one(), a, b, T::zero(), c.view_mut());
    c
}

/// `Aᵀ·B` (A is k × m, B is k × n → m × n), without a transposed copy.
#[track_caller]
pub fn matmul_tn<T: Float>(a: ArrayView2<T>, b: ArrayView2<T>) -> Array2<T> {
    matmul(a.t(), b)
}

/// `A·Bᵀ` (A is m × k, B is n × k → m × n), without a transposed copy.
#[track_caller]
pub fn matmul_nt<T: Float>(a: ArrayView2<T>, b: ArrayView2<T>) -> Array2<T> {
    matmul(a, b.t())
}

/// The reference product: three loops, `c_ij = Σ_p a_ip·b_pj` summed in order p = 0, 1, ….
#[track_caller]
pub fn matmul_naive<T: Float>(a: ArrayView2<T>, b: ArrayView2<T>) -> Array2<T> {
    matmul(a, b)
}

#[cold]
#[track_caller]
fn shape_panic(op: &str, a: (usize, usize), b: (usize, usize), c: (usize, usize)) -> ! {
    panic!(
        "{op}: shapes do not match: A is {}×{}, B is {}×{}, C is {}×{}",
        a.0, a.1, b.0, b.1, c.0, c.1
    )
}
