//! The image metrics on real digits: what held-out real digits score (the baseline), and that
//! each metric moves the right way for a collapsed or a noise "generator".

use adversarial::datasets::{digits, mnist_subset, stacked_digits, LabelledImages};
use adversarial::metrics::images::{mode_histogram, stacked_mode_coverage, ImageEvaluation};
use adversarial::metrics::{ClassifierConfig, DigitClassifier};
use ndarray::{Array2, Axis};
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};

#[test]
fn real_digits_score_high_and_a_collapsed_or_noise_generator_scores_low() {
    let data = digits();
    let evaluation = ImageEvaluation::new(&data, ClassifierConfig::default(), 0).unwrap();
    assert!(evaluation.classifier().held_out_accuracy() > 0.95);
    assert_eq!(evaluation.sample_size(), 359); // round(0.2 · 1,797)
    let real = evaluation.real_baseline().unwrap();
    assert_eq!((real.images, real.classes.classes_covered), (359, 10));
    assert!(
        real.inception_score > 7.5 && real.inception_score <= 10.0,
        "{real:?}"
    );
    assert!(real.precision_recall.precision > 0.8 && real.precision_recall.recall > 0.8);

    // A generator of sevens only: one class, IS near 1, recall lost, FD far above the baseline.
    let sevens: Vec<usize> = (0..data.len()).filter(|&i| data.labels()[i] == 7).collect();
    let collapsed = data.select(&sevens).to_array::<f64>();
    let collapsed = evaluation.score(collapsed.view()).unwrap();
    assert!(collapsed.classes.classes_covered <= 3, "{collapsed:?}");
    assert!(collapsed.inception_score < 1.5, "{collapsed:?}");
    assert!(collapsed.precision_recall.recall < 0.3, "{collapsed:?}");
    assert!(collapsed.frechet_distance > 10.0 * real.frechet_distance);

    // Uniform noise pixels: nothing like a digit, no precision, a far lower Parzen score.
    let mut rng = StdRng::seed_from_u64(4);
    let noise = Array2::from_shape_fn((359, 64), |_| rng.random::<f64>());
    let noise = evaluation.score(noise.view()).unwrap();
    assert!(noise.precision_recall.precision < 0.05, "{noise:?}");
    assert!(noise.frechet_distance > 10.0 * real.frechet_distance);
    assert!(
        noise.parzen.mean < real.parzen.mean - 10.0,
        "{noise:?} vs {real:?}"
    );
}

#[test]
fn the_classifier_reads_mnist_digits_from_the_shipped_subset() {
    // A fixed small subset and few epochs keep the test short: 100 images of each class.
    let data = mnist_subset();
    let picked: Vec<usize> = (0..10).flat_map(|c| c * 500..c * 500 + 100).collect();
    let small: LabelledImages = data.select(&picked);
    let config = ClassifierConfig {
        hidden: 64,
        epochs: 10,
        ..ClassifierConfig::default()
    };
    let classifier = DigitClassifier::train_with(&small, config, 1).unwrap();
    let accuracy = classifier.held_out_accuracy();
    assert!(accuracy > 0.8, "held-out accuracy {accuracy}");
    let images = small.to_array::<f32>();
    let features = classifier.features(images.view());
    assert_eq!(features.dim(), (1000, 64));
    assert!(features.iter().all(|&f| f >= 0.0)); // ReLU activations
                                                 // The 200 held-out images the classifier never saw are still classified as it reports.
    let (_, held_out) = small.split(0.2, 1);
    assert_eq!(classifier.accuracy(&held_out), accuracy);
}

#[test]
fn real_stacked_digits_cover_every_mode_and_a_collapsed_channel_does_not() {
    let data = digits();
    let classifier = DigitClassifier::train(&data, 0).unwrap();
    // 10,000 stacked real digits: the classifier (97% per channel) finds all 1,000 modes;
    // the histogram's KL to uniform is near the sampling floor (K − 1)/2n ≈ 0.05.
    let stacked = stacked_digits(&data, 10_000, 3).unwrap();
    let real = stacked_mode_coverage(&classifier, stacked.to_array::<f32>().view()).unwrap();
    assert_eq!(real.modes_covered, 1000);
    assert!(real.kl_to_uniform < 0.08, "{}", real.kl_to_uniform);
    // The histogram of the true modes (the stacked labels) is as flat as the classified one.
    let labels: Vec<usize> = stacked.modes().iter().map(|&m| usize::from(m)).collect();
    let truth = mode_histogram(&labels);
    assert_eq!(truth.modes_covered, 1000);
    assert!(
        (real.kl_to_uniform - truth.kl_to_uniform).abs() < 0.02,
        "{real:?} {truth:?}"
    );
    // A generator whose last two channels are always the same zero: at most 10 modes
    // (x00 for x the first channel's class), KL ≥ ln 100.
    let mut collapsed = stacked.to_array::<f32>();
    let zero = data.to_array::<f32>().row(0).to_owned(); // the first UCI digit is a zero
    for mut row in collapsed.axis_iter_mut(Axis(0)) {
        for channel in 1..3 {
            row.slice_mut(ndarray::s![channel * 64..(channel + 1) * 64])
                .assign(&zero);
        }
    }
    let collapsed = stacked_mode_coverage(&classifier, collapsed.view()).unwrap();
    assert!(collapsed.modes_covered <= 10, "{}", collapsed.modes_covered);
    assert!(collapsed.kl_to_uniform >= 100f64.ln() - 1e-9);
}
