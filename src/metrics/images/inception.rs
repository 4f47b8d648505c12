//! The Inception Score (Salimans et al. 2016, *Improved Techniques for Training GANs*, §4),
//! computed with the crate's digit classifier in place of Inception-v3.
//!
//! ```text
//! IS = exp( E_x KL(p(y | x) ‖ p(y)) ),     p(y) = E_x p(y | x)   (the marginal over the set)
//!    = exp( H(p(y)) − E_x H(p(y | x)) )
//! ```
//! It is high when each image is classified confidently (low `H(p(y|x))`) and the classes are
//! spread (high `H(p(y))`): `1 ≤ IS ≤ C`, `= C` for confident predictions spread evenly over
//! `C` classes, `= 1` when every image gets the same prediction. The paper reports real
//! CIFAR-10 at 11.24; with a LeNet on MNIST's test digits the analogue is 9.88 (issue 13).
//! It says nothing about whether the images resemble the data beyond the classifier's view, nor
//! about diversity within a class (Barratt & Sharma 2018): read it beside the real baseline.

use crate::metrics::error::check_finite;
use crate::metrics::MetricsError;
use ndarray::{ArrayView2, Axis};

/// How far a row of `probabilities` may sum from 1.
const ROW_SUM_TOLERANCE: f64 = 1e-6;

/// `exp(E_x KL(p(y|x) ‖ p(y)))` for `probabilities` (n × C, row i = `p(y | x_i)`), the
/// expectation an average over the rows; `0·ln 0 = 0`.
///
/// # Errors
/// [`MetricsError::Empty`] for no row or no class; [`MetricsError::NonFinite`] naming the row
/// of a NaN or infinite entry; [`MetricsError::InvalidParameter`] for a negative entry or a
/// row that does not sum to 1 (within 10⁻⁶).
pub fn inception_score(probabilities: ArrayView2<'_, f64>) -> Result<f64, MetricsError> {
    if probabilities.nrows() == 0 || probabilities.ncols() == 0 {
        let (argument, item) = ("probabilities", "row of class probabilities");
        return Err(MetricsError::Empty { argument, item });
    }
    check_finite("probabilities", probabilities)?;
    for row in probabilities.rows() {
        if let Some(&p) = row.iter().find(|&&p| p < 0.0) {
            let reason = "a probability must be ≥ 0";
            return Err(MetricsError::InvalidParameter {
                argument: "probabilities",
                value: p,
                reason,
            });
        }
        let total = row.sum();
        if (total - 1.0).abs() > ROW_SUM_TOLERANCE {
            let reason = "each row must sum to 1";
            return Err(MetricsError::InvalidParameter {
                argument: "probabilities (row sum)",
                value: total,
                reason,
            });
        }
    }
    let marginal = probabilities.mean_axis(Axis(0)).expect("n ≥ 1");
    let mean_kl = probabilities
        .rows()
        .into_iter()
        .map(|row| {
            (row.iter().zip(&marginal))
                .filter(|(&p, _)| p > 0.0)
                .map(|(&p, &q)| p * (p / q).ln())
                .sum::<f64>()
        })
        .sum::<f64>()
        / probabilities.nrows() as f64;
    Ok(mean_kl.exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array2};

    #[test]
    fn confident_predictions_spread_evenly_over_c_classes_score_c() {
        for classes in [2, 7, 10] {
            // 3 images per class, each predicted with certainty: KL = ln C for every image.
            let one_hot = Array2::from_shape_fn((3 * classes, classes), |(i, c)| {
                if i % classes == c {
                    1.0
                } else {
                    0.0
                }
            });
            let score = inception_score(one_hot.view()).unwrap();
            assert!((score - classes as f64).abs() < 1e-12, "{classes}: {score}");
        }
    }

    #[test]
    fn identical_predictions_score_one() {
        let same = Array2::from_shape_fn((5, 4), |(_, c)| [0.1, 0.2, 0.3, 0.4][c]);
        assert!((inception_score(same.view()).unwrap() - 1.0).abs() < 1e-15);
        let collapsed = Array2::from_shape_fn((6, 10), |(_, c)| if c == 3 { 1.0 } else { 0.0 });
        assert!((inception_score(collapsed.view()).unwrap() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn a_hand_computed_case() {
        // p(y|x₁) = (1, 0), p(y|x₂) = (½, ½): p(y) = (¾, ¼).
        // KL₁ = ln(4/3), KL₂ = ½ ln(2/3) + ½ ln 2;  IS = exp(½(KL₁ + KL₂)).
        let p = array![[1.0, 0.0], [0.5, 0.5]];
        let kl1 = (4.0f64 / 3.0).ln();
        let kl2 = 0.5 * (2.0f64 / 3.0).ln() + 0.5 * 2f64.ln();
        let expected = (0.5 * (kl1 + kl2)).exp();
        assert!((inception_score(p.view()).unwrap() - expected).abs() < 1e-15);
    }

    #[test]
    fn rows_that_are_not_distributions_are_refused() {
        let unnormalised = array![[0.5, 0.6]];
        let error = inception_score(unnormalised.view()).unwrap_err();
        assert!(
            error.to_string().contains("each row must sum to 1"),
            "{error}"
        );
        let negative = array![[1.5, -0.5]];
        assert!(inception_score(negative.view()).is_err());
        let empty = Array2::<f64>::zeros((0, 10));
        assert!(matches!(
            inception_score(empty.view()),
            Err(MetricsError::Empty { .. })
        ));
    }
}
