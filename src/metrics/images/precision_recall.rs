//! Improved precision and recall of distributions (Kynkäänniemi, Karras, Laine, Lehtinen &
//! Aila 2019, *Improved Precision and Recall Metric for Assessing Generative Models*, §2), in
//! the classifier's feature space.
//!
//! ```text
//! r_k(φ', Φ)  = distance from φ' to its k-th nearest neighbour in Φ \ {φ'}   (k = 3)
//! f(φ, Φ)     = 1 if ‖φ − φ'‖ ≤ r_k(φ', Φ) for some φ' ∈ Φ, else 0   (φ in the union of balls)
//! precision   = (1/|Φ_g|) Σ_{φ ∈ Φ_g} f(φ, Φ_r)     generated samples that fall on the data
//! recall      = (1/|Φ_r|) Σ_{φ ∈ Φ_r} f(φ, Φ_g)     real samples the generator's balls reach
//! ```
//! A collapsed generator keeps a high precision and loses recall; a blurry one the opposite.
//! Both are biased by the sample sizes (the balls grow as n shrinks): compare at equal sizes.

use super::distances::squared_distances;
use crate::metrics::error::check_finite;
use crate::metrics::MetricsError;
use crate::Float;
use ndarray::{Array1, Array2, ArrayView2};

/// The paper's neighbourhood size.
pub const PRECISION_RECALL_K: usize = 3;

/// Precision and recall of one generated set against one real set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrecisionRecall {
    /// Share of generated samples inside the real k-NN balls.
    pub precision: f64,
    /// Share of real samples inside the generated k-NN balls.
    pub recall: f64,
}

/// Precision and recall (see the module doc) of `generated` against `real` (one feature vector
/// per row) with `k`-nearest-neighbour balls.
///
/// # Errors
/// [`MetricsError::InvalidParameter`] if `k` is 0 or either set has no more than `k` rows;
/// [`MetricsError::WrongWidth`] if the widths differ; [`MetricsError::NonFinite`].
pub fn precision_recall<T: Float>(
    real: ArrayView2<'_, T>,
    generated: ArrayView2<'_, T>,
    k: usize,
) -> Result<PrecisionRecall, MetricsError> {
    if k == 0 || real.nrows() <= k || generated.nrows() <= k {
        return Err(MetricsError::InvalidParameter {
            argument: "k",
            value: k as f64,
            reason: "must be ≥ 1 and below the number of real and of generated samples",
        });
    }
    if generated.ncols() != real.ncols() {
        return Err(MetricsError::WrongWidth {
            argument: "generated",
            expected: real.ncols(),
            found: generated.ncols(),
        });
    }
    check_finite("real", real)?;
    check_finite("generated", generated)?;
    let real = real.mapv(|v| v.as_f64());
    let generated = generated.mapv(|v| v.as_f64());
    let real_radii = kth_neighbour_squared_radii(&real, k);
    let generated_radii = kth_neighbour_squared_radii(&generated, k);
    Ok(PrecisionRecall {
        precision: share_inside(&generated, &real, &real_radii),
        recall: share_inside(&real, &generated, &generated_radii),
    })
}

/// `r_k(φ', Φ)²` for every row φ' of `points`: its k-th smallest squared distance to the others.
fn kth_neighbour_squared_radii(points: &Array2<f64>, k: usize) -> Array1<f64> {
    let d = squared_distances(points.view(), points.view());
    Array1::from_iter(d.rows().into_iter().enumerate().map(|(i, row)| {
        let mut others: Vec<f64> = (row.iter().enumerate())
            .filter(|&(j, _)| j != i)
            .map(|(_, &v)| v)
            .collect();
        let (_, kth, _) = others.select_nth_unstable_by(k - 1, f64::total_cmp);
        *kth
    }))
}

/// `(1/|queries|) Σ_q f(q, centres)` with the balls' squared radii `radii`.
fn share_inside(queries: &Array2<f64>, centres: &Array2<f64>, radii: &Array1<f64>) -> f64 {
    let d = squared_distances(queries.view(), centres.view());
    let inside = (d.rows().into_iter())
        .filter(|row| row.iter().zip(radii).any(|(&d, &r)| d <= r))
        .count();
    inside as f64 / queries.nrows() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn one_dimensional_case_by_hand() {
        // Real {0, 1, 2, 3, 10}, k = 3: radii (3rd nearest other) 3, 2, 2, 3, 9.
        // Generated {5, 20, −2.5, 6}: 5 is within 3 of 3 and −2.5 within 3 of 0; 20 is 10 from
        // 10 > 9; 6 is 3 from 3 ≤ 3 → precision 3/4.
        // Generated radii: 5 → {1, 7.5, 15} → 15; 20 → {14, 15, 22.5} → 22.5; −2.5 → 22.5;
        // 6 → {1, 8.5, 14} → 14. The ball of 20 reaches 10, of 5 all of 0…3 → recall 1.
        let real = array![[0.0], [1.0], [2.0], [3.0], [10.0]];
        let generated = array![[5.0], [20.0], [-2.5], [6.0]];
        let pr = precision_recall(real.view(), generated.view(), 3).unwrap();
        assert_eq!(
            pr,
            PrecisionRecall {
                precision: 0.75,
                recall: 1.0
            }
        );
        // k = 1: real radii 1, 1, 1, 1, 7; generated radii 1, 14, 7.5, 1.
        // Precision: 5 (2 from 3 > 1; 5 from 10 ≤ 7 ✓), 20 ✗, −2.5 ✗, 6 (4 from 10 ✓) → ½.
        // Recall: 0 (2.5 from −2.5 ≤ 7.5 ✓), 1 ✓, 2 ✓ (4.5), 3 ✓ (2 from 5 > 1, 5.5 ≤ 7.5),
        // 10 (4 from 6 > 1; 5 from 5 > 1; 10 from 20 ≤ 14 ✓) → 1.
        let pr = precision_recall(real.view(), generated.view(), 1).unwrap();
        assert_eq!(
            pr,
            PrecisionRecall {
                precision: 0.5,
                recall: 1.0
            }
        );
    }

    #[test]
    fn a_generator_that_covers_one_of_two_clusters_has_full_precision_and_half_recall() {
        // Real: unit squares at (0, 0) and (10, 0); generated: the first square again.
        // Generated radii (k = 3): 1, 1, √2 → √2; the far square is ≥ 9 away.
        let real = array![
            [0.0, 0.0],
            [1.0, 0.0],
            [0.0, 1.0],
            [1.0, 1.0],
            [10.0, 0.0],
            [11.0, 0.0],
            [10.0, 1.0],
            [11.0, 1.0]
        ];
        let generated = array![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
        let pr = precision_recall(real.view(), generated.view(), 3).unwrap();
        assert_eq!(
            pr,
            PrecisionRecall {
                precision: 1.0,
                recall: 0.5
            }
        );
        // Swapped roles: every real point of the first square is generated, so recall of
        // generated-as-real is 1 and precision ½.
        let swapped = precision_recall(generated.view(), real.view(), 3).unwrap();
        assert_eq!(
            swapped,
            PrecisionRecall {
                precision: 0.5,
                recall: 1.0
            }
        );
    }

    #[test]
    fn too_few_samples_for_k_are_refused() {
        let three = array![[0.0], [1.0], [2.0]];
        let error = precision_recall(three.view(), three.view(), 3).unwrap_err();
        assert!(error.to_string().starts_with("k = 3:"), "{error}");
    }
}
