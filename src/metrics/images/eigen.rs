//! The symmetric eigendecomposition by the cyclic Jacobi eigenvalue algorithm (Jacobi 1846;
//! Golub & Van Loan, *Matrix Computations*, §8.5), and the square root of a positive
//! semi-definite matrix it gives: what the Fréchet distance needs, written out in f64.
//!
//! ```text
//! A = V Λ Vᵀ,   VᵀV = I          A symmetric, Λ = diag(λ₁ … λ_n)
//! one rotation J(p, q, θ) zeroes a_pq:   A ← Jᵀ A J,  V ← V J
//!   θ = (a_qq − a_pp) / (2 a_pq),  t = sign(θ) / (|θ| + √(θ² + 1)),  c = 1/√(t² + 1),  s = t·c
//! sweeps over all p < q until off(A)² = Σ_{p≠q} a_pq² ≤ (ε‖A‖_F)²
//! A^{1/2} = V diag(√max(λ_i, 0)) Vᵀ   (the unique PSD root; rounding can make λ_i ≈ −1e-16)
//! ```
//! Each rotation leaves ‖A‖_F unchanged and lowers off(A)² by 2a_pq², so the sweeps converge
//! (quadratically once the off-diagonal is small).

use ndarray::{Array1, Array2};

/// Sweeps after which the iteration gives up (a symmetric matrix of f64 needs ≲ 10).
const MAX_SWEEPS: usize = 60;

/// `(λ, V)` with `A = V diag(λ) Vᵀ`: the eigenvalues in ascending order and the orthonormal
/// eigenvectors as the columns of `V`, by cyclic Jacobi rotations.
///
/// # Panics
/// If `a` is not square or not symmetric (to 1e-10 relative to its largest entry), or holds
/// a non-finite value.
#[track_caller]
pub fn symmetric_eigen(a: &Array2<f64>) -> (Array1<f64>, Array2<f64>) {
    let n = a.nrows();
    assert_eq!(
        n,
        a.ncols(),
        "symmetric_eigen: A is {:?}, not square",
        a.dim()
    );
    let scale = a.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    assert!(
        scale.is_finite(),
        "symmetric_eigen: A holds a non-finite value"
    );
    assert!(
        (0..n).all(|i| (0..i).all(|j| (a[[i, j]] - a[[j, i]]).abs() <= 1e-10 * scale)),
        "symmetric_eigen: A is not symmetric"
    );
    let mut a = a.clone();
    let mut v = Array2::<f64>::eye(n);
    let frobenius_squared: f64 = a.iter().map(|x| x * x).sum();
    let tolerance = (f64::EPSILON * f64::EPSILON) * frobenius_squared;
    for _ in 0..MAX_SWEEPS {
        let off: f64 = (0..n)
            .flat_map(|p| (0..n).filter(move |&q| q != p).map(move |q| (p, q)))
            .map(|(p, q)| a[[p, q]] * a[[p, q]])
            .sum();
        if off <= tolerance {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[[p, q]] != 0.0 {
                    rotate(&mut a, &mut v, p, q);
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| a[[i, i]].total_cmp(&a[[j, j]]));
    let eigenvalues = order.iter().map(|&i| a[[i, i]]).collect();
    let eigenvectors = v.select(ndarray::Axis(1), &order);
    (eigenvalues, eigenvectors)
}

/// One Jacobi rotation in the plane `(p, q)`: `A ← Jᵀ A J` with `a_pq` set to 0, `V ← V J`.
fn rotate(a: &mut Array2<f64>, v: &mut Array2<f64>, p: usize, q: usize) {
    let theta = (a[[q, q]] - a[[p, p]]) / (2.0 * a[[p, q]]);
    // t = tan of the rotation angle, the smaller root of t² + 2θt − 1 = 0 (|angle| ≤ π/4).
    let t = if theta.is_finite() {
        theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt())
    } else {
        0.0 // a_pq negligible against a_qq − a_pp: θ overflowed, nothing to rotate
    };
    let c = 1.0 / (t * t + 1.0).sqrt();
    let s = t * c;
    let n = a.nrows();
    for k in 0..n {
        // Columns p and q of A J (and of V J).
        let (akp, akq) = (a[[k, p]], a[[k, q]]);
        a[[k, p]] = c * akp - s * akq;
        a[[k, q]] = s * akp + c * akq;
        let (vkp, vkq) = (v[[k, p]], v[[k, q]]);
        v[[k, p]] = c * vkp - s * vkq;
        v[[k, q]] = s * vkp + c * vkq;
    }
    for k in 0..n {
        // Rows p and q of Jᵀ (A J).
        let (apk, aqk) = (a[[p, k]], a[[q, k]]);
        a[[p, k]] = c * apk - s * aqk;
        a[[q, k]] = s * apk + c * aqk;
    }
    a[[p, q]] = 0.0;
    a[[q, p]] = 0.0;
}

/// `A^{1/2} = V diag(√max(λ_i, 0)) Vᵀ` for a symmetric positive semi-definite `A`.
///
/// # Panics
/// As [`symmetric_eigen`].
#[track_caller]
pub fn sqrt_psd(a: &Array2<f64>) -> Array2<f64> {
    let (eigenvalues, v) = symmetric_eigen(a);
    let root = eigenvalues.mapv(|l| l.max(0.0).sqrt());
    (&v * &root.insert_axis(ndarray::Axis(0))).dot(&v.t())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn max_error(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
        (a - b).iter().fold(0.0, |m, e| m.max(e.abs()))
    }

    /// The rotation by `angle` in the plane of axes (0, 1), and a second one in (1, 2).
    fn rotation(angle: f64, second: f64) -> Array2<f64> {
        let (c, s) = (angle.cos(), angle.sin());
        let (c2, s2) = (second.cos(), second.sin());
        let first = array![[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]];
        let other = array![[1.0, 0.0, 0.0], [0.0, c2, -s2], [0.0, s2, c2]];
        first.dot(&other)
    }

    #[test]
    fn the_root_of_a_diagonal_matrix_is_the_root_of_its_entries() {
        let a = Array2::from_diag(&array![4.0, 9.0, 16.0, 0.0]);
        let root = sqrt_psd(&a);
        assert!(max_error(&root, &Array2::from_diag(&array![2.0, 3.0, 4.0, 0.0])) < 1e-15);
    }

    #[test]
    fn the_root_of_a_rotated_diagonal_is_the_rotated_root() {
        // A = R diag(1, 4, 25) Rᵀ  ⇒  A^{1/2} = R diag(1, 2, 5) Rᵀ.
        let r = rotation(0.7, -1.1);
        let a = r
            .dot(&Array2::from_diag(&array![1.0, 4.0, 25.0]))
            .dot(&r.t());
        let expected = r
            .dot(&Array2::from_diag(&array![1.0, 2.0, 5.0]))
            .dot(&r.t());
        let root = sqrt_psd(&a);
        assert!(max_error(&root, &expected) < 1e-13, "{root}");
        let (eigenvalues, v) = symmetric_eigen(&a);
        assert!((&eigenvalues - &array![1.0, 4.0, 25.0])
            .iter()
            .all(|e| e.abs() < 1e-13));
        assert!(max_error(&v.t().dot(&v), &Array2::eye(3)) < 1e-14);
    }

    #[test]
    fn the_root_of_a_2x2_matrix_has_its_closed_form() {
        // For SPD 2×2 M: √M = (M + √det M · I) / √(tr M + 2√det M).
        let m = array![[5.0, 2.0], [2.0, 3.0]];
        let d = (5.0f64 * 3.0 - 4.0).sqrt();
        let expected = (&m + &(Array2::<f64>::eye(2) * d)) / (8.0 + 2.0 * d).sqrt();
        let root = sqrt_psd(&m);
        assert!(max_error(&root, &expected) < 1e-15, "{root}");
        assert!(max_error(&root.dot(&root), &m) < 1e-14);
    }

    #[test]
    fn a_larger_symmetric_matrix_is_diagonalised() {
        // B Bᵀ + I for a fixed 12 × 12 B: A V = V Λ, VᵀV = I, eigenvalues ≥ 1 and ascending.
        let b = Array2::from_shape_fn((12, 12), |(i, j)| ((i * 7 + j * 3) % 11) as f64 - 5.0);
        let a = b.dot(&b.t()) + Array2::<f64>::eye(12);
        let (eigenvalues, v) = symmetric_eigen(&a);
        let av = a.dot(&v);
        let vl = &v * &eigenvalues.clone().insert_axis(ndarray::Axis(0));
        assert!(max_error(&av, &vl) < 1e-11 * eigenvalues[11]);
        assert!(max_error(&v.t().dot(&v), &Array2::eye(12)) < 1e-13);
        assert!(eigenvalues.windows(2).into_iter().all(|w| w[0] <= w[1]));
        assert!(eigenvalues[0] > 1.0 - 1e-10);
        // The trace is the sum of the eigenvalues.
        assert!((eigenvalues.sum() - a.diag().sum()).abs() < 1e-10 * a.diag().sum());
        let root = sqrt_psd(&a);
        assert!(max_error(&root.dot(&root), &a) < 1e-11 * eigenvalues[11]);
    }

    #[test]
    #[should_panic(expected = "symmetric_eigen: A is not symmetric")]
    fn an_asymmetric_matrix_is_refused() {
        symmetric_eigen(&array![[1.0, 2.0], [0.0, 1.0]]);
    }
}
