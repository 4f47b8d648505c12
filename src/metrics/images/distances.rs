//! Pairwise squared Euclidean distances, the common step of precision/recall and the Parzen
//! window: `‖a_i − b_j‖² = ‖a_i‖² + ‖b_j‖² − 2 a_i·b_j`, one matrix product for all pairs.

use ndarray::{Array2, ArrayView2, Axis};

/// `D_ij = ‖a_i − b_j‖²` (rows of `a` against rows of `b`), clamped at 0 where rounding of the
/// expanded form would go below it.
///
/// # Panics
/// If `a` and `b` have different widths.
#[track_caller]
pub(super) fn squared_distances(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    assert_eq!(
        a.ncols(),
        b.ncols(),
        "squared_distances: rows of width {} against rows of width {}",
        a.ncols(),
        b.ncols()
    );
    let a_norms = a.map_axis(Axis(1), |r| r.dot(&r)).insert_axis(Axis(1));
    let b_norms = b.map_axis(Axis(1), |r| r.dot(&r)).insert_axis(Axis(0));
    let mut d = a.dot(&b.t()) * -2.0;
    d += &a_norms;
    d += &b_norms;
    d.mapv_inplace(|v| v.max(0.0));
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn matches_the_direct_sum_of_squares() {
        let a = array![[0.0, 0.0], [1.0, 2.0], [-3.0, 0.5]];
        let b = array![[1.0, 1.0], [0.0, 0.0]];
        let d = squared_distances(a.view(), b.view());
        for (i, x) in a.rows().into_iter().enumerate() {
            for (j, y) in b.rows().into_iter().enumerate() {
                let direct: f64 = x.iter().zip(&y).map(|(u, v)| (u - v) * (u - v)).sum();
                assert!((d[[i, j]] - direct).abs() < 1e-14);
            }
        }
        assert_eq!(d[[0, 1]], 0.0);
    }
}
