//! All the image metrics of one set of images at once, against a fixed real split, and the
//! same metrics for held-out real digits: the real-vs-real baseline every figure is read beside.
//!
//! ```text
//! data ──split(held_out, seed)──► train (classifier trained on it) │ held-out (never seen)
//! reference  = n_h images drawn from train (seeded),  n_h = |held-out|
//! validation = first half of held-out,  test = second half         (the Parzen window's σ and score)
//! score(X)        : classes and IS of X; FD and precision/recall of φ(X) against φ(reference);
//!                   Parzen with kernels on X
//! real_baseline() : the same with X = held-out and the Parzen kernels on the reference
//! ```
//! FD, precision/recall and the Parzen estimate all move with the sample size: score `n_h`
//! images ([`ImageEvaluation::sample_size`]) to compare with the baseline.
//!
//! The real baselines (a classifier trains for ≈ 11 s on MNIST's 4,000 training images, so this
//! is not run as a test):
//! ```no_run
//! use adversarial::datasets::{digits, mnist_subset};
//! use adversarial::metrics::images::ImageEvaluation;
//! use adversarial::metrics::ClassifierConfig;
//!
//! for (name, data) in [("8×8 UCI digits", digits()), ("MNIST subset", mnist_subset())] {
//!     let evaluation = ImageEvaluation::new(&data, ClassifierConfig::default(), 0)?;
//!     let real = evaluation.real_baseline()?;
//!     println!(
//!         "{name}: accuracy {:.3}, IS {:.2}, FD {:.2}, precision {:.3}, recall {:.3}, Parzen {:.1} ± {:.1}",
//!         evaluation.classifier().held_out_accuracy(),
//!         real.inception_score,
//!         real.frechet_distance,
//!         real.precision_recall.precision,
//!         real.precision_recall.recall,
//!         real.parzen.mean,
//!         real.parzen.standard_error,
//!     );
//! }
//! # Ok::<(), adversarial::metrics::MetricsError>(())
//! ```

use super::{
    frechet_distance_of_samples, goodfellow_sigmas, inception_score, parzen_window_score,
    precision_recall, ParzenScore, PrecisionRecall, PRECISION_RECALL_K,
};
use crate::datasets::LabelledImages;
use crate::metrics::{ClassHistogram, ClassifierConfig, DigitClassifier, MetricsError};
use crate::Float;
use ndarray::{s, Array2, ArrayView2};
use ndarray_rand::rand::{rngs::StdRng, seq::index::sample, SeedableRng};

/// The classifier and the real sets every score is measured against.
#[derive(Clone, Debug)]
pub struct ImageEvaluation {
    classifier: DigitClassifier,
    reference: Array2<f64>,
    reference_features: Array2<f64>,
    held_out: Array2<f64>,
}

/// Every image metric of one set of images.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageMetrics {
    /// Images scored.
    pub images: usize,
    /// Classes covered, KL of the class histogram to uniform, mean confidence.
    pub classes: ClassHistogram,
    /// `exp(E_x KL(p(y|x) ‖ p(y)))`, at most 10.
    pub inception_score: f64,
    /// Fréchet distance of the classifier features to the reference's.
    pub frechet_distance: f64,
    /// Precision and recall (k = 3) in the classifier's feature space.
    pub precision_recall: PrecisionRecall,
    /// Parzen-window log-likelihood of the held-out test half, nats.
    pub parzen: ParzenScore,
}

impl ImageEvaluation {
    /// Trains the classifier on `data` as `config` says (its held-out part from `seed`) and
    /// draws the reference set from the training part.
    ///
    /// # Errors
    /// As [`DigitClassifier::train_with`]; [`MetricsError::InvalidParameter`] if the held-out
    /// part has fewer than 8 images (precision/recall needs more than k = 3 in each half).
    pub fn new(
        data: &LabelledImages,
        config: ClassifierConfig,
        seed: u64,
    ) -> Result<Self, MetricsError> {
        let classifier = DigitClassifier::train_with(data, config, seed)?;
        let data = data.clone().with_range(0.0, 1.0);
        let (train, held_out) = data.split(config.held_out, seed);
        if held_out.len() < 8 || train.len() < held_out.len() {
            return Err(MetricsError::InvalidParameter {
                argument: "config.held_out",
                value: config.held_out,
                reason: "must leave at least 8 held-out images and no more than the training part",
            });
        }
        // A stream apart from the split's (which shuffles with `seed` itself).
        let mut rng = StdRng::seed_from_u64(seed.wrapping_add(1));
        let picked = sample(&mut rng, train.len(), held_out.len()).into_vec();
        let reference = train.select(&picked).to_array::<f64>();
        let reference_features = classifier.features(reference.view());
        Ok(ImageEvaluation {
            classifier,
            reference,
            reference_features,
            held_out: held_out.to_array(),
        })
    }

    /// The trained classifier (its held-out accuracy says how far to trust the scores).
    pub fn classifier(&self) -> &DigitClassifier {
        &self.classifier
    }

    /// `n_h`, the number of held-out images: the size to score for a fair comparison.
    pub fn sample_size(&self) -> usize {
        self.held_out.nrows()
    }

    /// The metrics of `images` (n × pixels, values in `[0, 1]`); see the module doc.
    ///
    /// # Errors
    /// Those of the metrics: too few images (fewer than 4), wrong width, non-finite pixels.
    pub fn score<T: Float>(&self, images: ArrayView2<'_, T>) -> Result<ImageMetrics, MetricsError> {
        let images = images.mapv(|v| v.as_f64());
        self.measure(images.view(), images.view())
    }

    /// The metrics of the held-out real images, the Parzen kernels on the reference set.
    ///
    /// # Errors
    /// None for an evaluation built by [`ImageEvaluation::new`]; the type is that of `score`.
    pub fn real_baseline(&self) -> Result<ImageMetrics, MetricsError> {
        self.measure(self.held_out.view(), self.reference.view())
    }

    fn measure(
        &self,
        images: ArrayView2<'_, f64>,
        parzen_centres: ArrayView2<'_, f64>,
    ) -> Result<ImageMetrics, MetricsError> {
        let classes = self.classifier.score(images)?;
        let inception_score = inception_score(self.classifier.probabilities(images).view())?;
        let features = self.classifier.features(images);
        let reference = self.reference_features.view();
        let frechet_distance = frechet_distance_of_samples(reference, features.view())?;
        let precision_recall = precision_recall(reference, features.view(), PRECISION_RECALL_K)?;
        let half = self.held_out.nrows() / 2;
        let validation = self.held_out.slice(s![..half, ..]);
        let test = self.held_out.slice(s![half.., ..]);
        let sigmas = goodfellow_sigmas();
        let parzen = parzen_window_score(parzen_centres, validation, test, &sigmas)?;
        Ok(ImageMetrics {
            images: images.nrows(),
            classes,
            inception_score,
            frechet_distance,
            precision_recall,
            parzen,
        })
    }
}
