//! How often a conditional generator's images are the class it was asked for (Mirza &
//! Osindero 2014 judge their conditional MNIST samples by eye; a classifier counts it):
//!
//! ```text
//! a_k = #{i : y_i = k and argmax_c p(c | x_i) = k} / #{i : y_i = k}      (per class)
//! a   = #{i : argmax_c p(c | x_i) = y_i} / n                              (overall)
//! ```
//! Read beside the classifier's held-out accuracy, the `a` of real digits.

use crate::metrics::error::check_finite;
use crate::metrics::MetricsError;
use ndarray::ArrayView2;

/// The shares of images classified as their label.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelAgreement {
    /// `a_k` for each class `k` of the classifier, `None` for a class no image was asked for.
    pub per_class: Vec<Option<f64>>,
    /// `a`, over all images.
    pub overall: f64,
}

impl LabelAgreement {
    /// `min_k a_k` over the classes that have images: the class the generator gets worst.
    pub fn worst(&self) -> f64 {
        self.per_class
            .iter()
            .flatten()
            .fold(f64::INFINITY, |m, &a| m.min(a))
    }
}

/// `a_k` and `a` for `probabilities` (n × C, row i = `p(c | x_i)`) and the labels `y_i` the
/// images were made for (the first of equal maxima is the predicted class).
///
/// # Errors
/// [`MetricsError::Empty`] for no image or no class; [`MetricsError::InvalidParameter`] if
/// there is not one label per row or a label is not below `C`; [`MetricsError::NonFinite`].
pub fn label_agreement(
    probabilities: ArrayView2<'_, f64>,
    labels: &[usize],
) -> Result<LabelAgreement, MetricsError> {
    let (n, classes) = probabilities.dim();
    if n == 0 || classes == 0 {
        let (argument, item) = ("probabilities", "row of class probabilities");
        return Err(MetricsError::Empty { argument, item });
    }
    check_finite("probabilities", probabilities)?;
    let invalid = |value: usize, reason| MetricsError::InvalidParameter {
        argument: "labels",
        value: value as f64,
        reason,
    };
    if labels.len() != n {
        return Err(invalid(
            labels.len(),
            "must hold one label per row of probabilities",
        ));
    }
    if let Some(&y) = labels.iter().find(|&&y| y >= classes) {
        return Err(invalid(y, "a label must be below the number of classes"));
    }
    let (mut asked, mut agreed) = (vec![0usize; classes], vec![0usize; classes]);
    for (row, &y) in probabilities.rows().into_iter().zip(labels) {
        let predicted = (0..classes).fold(0, |best, c| if row[c] > row[best] { c } else { best });
        asked[y] += 1;
        agreed[y] += usize::from(predicted == y);
    }
    let per_class = asked
        .iter()
        .zip(&agreed)
        .map(|(&a, &g)| (a > 0).then(|| g as f64 / a as f64))
        .collect();
    let overall = agreed.iter().sum::<usize>() as f64 / n as f64;
    Ok(LabelAgreement { per_class, overall })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn shares_of_a_hand_counted_case() {
        // Predicted 0, 1, 1, 2 for labels 0, 0, 1, 1: class 0 half right, class 1 half right,
        // class 2 never asked for; 2 of 4 overall.
        let p = array![
            [0.7, 0.2, 0.1],
            [0.1, 0.8, 0.1],
            [0.3, 0.6, 0.1],
            [0.1, 0.2, 0.7]
        ];
        let a = label_agreement(p.view(), &[0, 0, 1, 1]).unwrap();
        assert_eq!(a.per_class, vec![Some(0.5), Some(0.5), None]);
        assert_eq!((a.overall, a.worst()), (0.5, 0.5));
        let all_right = label_agreement(p.view(), &[0, 1, 1, 2]).unwrap();
        assert_eq!((all_right.overall, all_right.worst()), (1.0, 1.0));
    }

    #[test]
    fn bad_labels_are_named() {
        let p = array![[0.5, 0.5]];
        let e = label_agreement(p.view(), &[0, 1]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "labels = 2: must hold one label per row of probabilities"
        );
        let e = label_agreement(p.view(), &[2]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "labels = 2: a label must be below the number of classes"
        );
    }
}
