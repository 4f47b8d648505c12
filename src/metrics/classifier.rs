//! A digit classifier built from the crate's own layers, and the class histogram it gives a
//! generator's images: the image analogue of mode coverage (Metz et al. 2017 and PacGAN count
//! the classes of stacked MNIST the same way). Notebook: `notebooks-md/06_mode_collapse.md`.
//!
//! ```text
//! p(c | x)  = softmax(f(x))_c = e^{f_c(x)} / Σ_j e^{f_j(x)}     f: an Mlp with 10 outputs
//! L         = −(1/B) Σ_i ln p(y_i | x_i)                        softmax cross-entropy
//! ĉ(x)      = argmax_c p(c | x),   confidence(x) = max_c p(c | x)
//! h_c       = #{generated x with ĉ(x) = c} / n,   KL(h ‖ uniform over 10 classes)
//! φ(x)      = the last hidden layer's activations          the features of metrics::images
//! ```
//! The same classifier serves the 8 × 8 UCI digits and 28 × 28 MNIST
//! ([`ClassifierConfig`] sets its size and training); [`DigitClassifier::features`] hands its
//! penultimate layer to the Fréchet distance and to precision/recall in
//! [`metrics::images`](crate::metrics::images).

use super::error::check_finite;
use super::MetricsError;
use crate::autograd::{Tape, Var};
use crate::datasets::LabelledImages;
use crate::divergence::kl_divergence;
use crate::nn::{Activation, Mlp, Mode, ParamStore};
use crate::optim::{Adam, AdamParams, Optimizer};
use crate::Float;
use ndarray::{Array2, ArrayView2, Axis};
use ndarray_rand::rand::{rngs::StdRng, seq::SliceRandom, SeedableRng};

/// Number of classes (the digits 0–9).
pub const CLASS_COUNT: usize = 10;

/// The classifier's size and training: `pixels → hidden → 10` (ReLU), `epochs` passes of
/// shuffled batches of `batch` over the training part, Adam (η = 10⁻³), and a seeded share
/// `held_out` of the images kept aside to measure accuracy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClassifierConfig {
    /// Width of the hidden layer, the dimension of [`DigitClassifier::features`].
    pub hidden: usize,
    /// Passes over the training part.
    pub epochs: usize,
    /// Images per Adam step.
    pub batch: usize,
    /// Share of the images held out (the `second_fraction` of [`LabelledImages::split`]).
    pub held_out: f64,
}

/// 128 hidden units, 40 epochs of batches of 64, 20% held out.
impl Default for ClassifierConfig {
    fn default() -> Self {
        ClassifierConfig {
            hidden: 128,
            epochs: 40,
            batch: 64,
            held_out: 0.2,
        }
    }
}

/// `−(1/B) Σ_i ln softmax(x_i)_{y_i}` for logits `x` (B × C) and labels `y_i < C` (1 × 1).
///
/// Composed from the tape's primitives, with the row maximum `m_i` subtracted first (a
/// constant shift: `softmax(x − m) = softmax(x)`, and `e^{x − m} ≤ 1` cannot overflow):
/// ```text
/// ln softmax(x_i)_c = (x_ic − m_i) − ln Σ_j e^{x_ij − m_i}      (row sums as a product with 1_C)
/// ∂L/∂x_ic = (softmax(x_i)_c − [c = y_i]) / B
/// ```
///
/// # Panics
/// If `labels` does not have one entry per row of `logits`, or a label is not below C.
#[track_caller]
pub fn softmax_cross_entropy<'t, T: Float>(logits: Var<'t, T>, labels: &[usize]) -> Var<'t, T> {
    let tape = logits.tape();
    let (rows, classes) = logits.shape();
    assert!(
        labels.len() == rows && labels.iter().all(|&y| y < classes),
        "softmax_cross_entropy: logits are {rows} × {classes}, labels must be {rows} values below {classes} (got {} values)",
        labels.len()
    );
    let row_max = logits
        .value()
        .map_axis(Axis(1), |row| row.fold(T::neg_infinity(), |m, &v| m.max(v)))
        .insert_axis(Axis(1));
    let one_hot = Array2::from_shape_fn((rows, classes), |(i, c)| {
        if labels[i] == c {
            T::one()
        } else {
            T::zero()
        }
    });
    let shifted = logits - tape.constant(&row_max);
    let log_normaliser = shifted
        .exp()
        .matmul(tape.constant(&Array2::ones((classes, 1))))
        .ln();
    let log_softmax = shifted - log_normaliser;
    (log_softmax * tape.constant(&one_hot))
        .sum()
        .scale(-T::one() / T::lit(rows as f64))
}

/// An `Mlp` (`pixels → hidden → 10`, ReLU; 128 hidden units by default) trained on 80% of a
/// labelled image set with the softmax cross-entropy and Adam, its accuracy measured on the
/// other 20% ([`ClassifierConfig`] changes both).
#[derive(Clone, Debug)]
pub struct DigitClassifier {
    params: ParamStore<f32>,
    network: Mlp,
    held_out_accuracy: f64,
    pixels: usize,
}

/// The classifier's verdict on a set of generated images.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassHistogram {
    /// Images assigned to each class 0–9.
    pub class_counts: Vec<usize>,
    /// Classes given at least one image.
    pub classes_covered: usize,
    /// `KL(h ‖ uniform)` in nats: 0 for a perfectly balanced set, `ln 10 ≈ 2.303` for one class.
    pub kl_to_uniform: f64,
    /// Mean of `max_c p(c | x)`: how digit-like the classifier finds the images.
    pub mean_confidence: f64,
}

impl DigitClassifier {
    /// Trains on `data` (pixels read in `[0, 1]`, whatever its range) from `seed` with
    /// [`ClassifierConfig::default`]: a seeded 80/20 split, 40 epochs of shuffled batches of 64,
    /// Adam (η = 10⁻³).
    ///
    /// # Errors
    /// [`MetricsError::Empty`] if `data` has fewer than 10 images.
    pub fn train(data: &LabelledImages, seed: u64) -> Result<Self, MetricsError> {
        Self::train_with(data, ClassifierConfig::default(), seed)
    }

    /// Trains on `data` from `seed` as `config` says; the held-out part is
    /// `data.split(config.held_out, seed).1`.
    ///
    /// # Errors
    /// [`MetricsError::Empty`] if `data` has fewer than 10 images;
    /// [`MetricsError::InvalidParameter`] for a zero width, epoch count or batch, or a held-out
    /// share outside `[0, 1)`.
    pub fn train_with(
        data: &LabelledImages,
        config: ClassifierConfig,
        seed: u64,
    ) -> Result<Self, MetricsError> {
        let invalid = |argument, value: usize| MetricsError::InvalidParameter {
            argument,
            value: value as f64,
            reason: "must be at least 1",
        };
        if config.hidden == 0 {
            return Err(invalid("config.hidden", 0));
        }
        if config.epochs == 0 {
            return Err(invalid("config.epochs", 0));
        }
        if config.batch == 0 {
            return Err(invalid("config.batch", 0));
        }
        if !(0.0..1.0).contains(&config.held_out) {
            return Err(MetricsError::InvalidParameter {
                argument: "config.held_out",
                value: config.held_out,
                reason: "must lie in [0, 1)",
            });
        }
        if data.len() < CLASS_COUNT {
            return Err(MetricsError::Empty {
                argument: "data",
                item: "image per class (at least 10 images)",
            });
        }
        let data = data.clone().with_range(0.0, 1.0);
        let (train, held_out) = data.split(config.held_out, seed);
        let pixels = data.image_shape().0 * data.image_shape().1;
        let mut rng = StdRng::seed_from_u64(seed);
        let mut params = ParamStore::new();
        let network = Mlp::builder(&[pixels, config.hidden, CLASS_COUNT])
            .hidden(Activation::Relu)
            .build(&mut params, "classifier", &mut rng);
        let mut adam = Adam::new(AdamParams::default());
        let (images, labels) = (train.to_array::<f32>(), train.labels());
        let mut order: Vec<usize> = (0..train.len()).collect();
        for _ in 0..config.epochs {
            order.shuffle(&mut rng);
            for batch in order.chunks(config.batch) {
                let x = images.select(Axis(0), batch);
                let y: Vec<usize> = batch.iter().map(|&i| usize::from(labels[i])).collect();
                let tape = Tape::new();
                let logits = network.forward(&params, tape.constant(&x), Mode::Trainable);
                let grads = tape.backward(softmax_cross_entropy(logits, &y));
                drop(tape); // releases the parameters it shares: Adam updates them in place
                adam.step(&mut params, &grads, &network.params());
            }
        }
        let mut classifier = DigitClassifier {
            params,
            network,
            held_out_accuracy: 0.0,
            pixels,
        };
        classifier.held_out_accuracy = classifier.accuracy(&held_out);
        Ok(classifier)
    }

    /// Fraction of the held-out part classified correctly (0 if nothing was held out).
    pub fn held_out_accuracy(&self) -> f64 {
        self.held_out_accuracy
    }

    /// Fraction of `data` (read in `[0, 1]`) whose most probable class is its label.
    ///
    /// # Panics
    /// If the images do not have the classifier's number of pixels.
    #[track_caller]
    pub fn accuracy(&self, data: &LabelledImages) -> f64 {
        let images = data.clone().with_range(0.0, 1.0).to_array::<f32>();
        let probabilities = self.probabilities(images.view());
        let correct = (probabilities.rows().into_iter().zip(data.labels()))
            .filter(|(p, &label)| argmax(p.iter().copied()).0 == usize::from(label))
            .count();
        correct as f64 / data.len().max(1) as f64
    }

    /// `p(c | x)` for each image (n × pixels, values in `[0, 1]`): n × 10, rows sum to 1.
    ///
    /// # Panics
    /// If `images` does not have the classifier's number of pixels.
    #[track_caller]
    pub fn probabilities<T: Float>(&self, images: ArrayView2<'_, T>) -> Array2<f64> {
        assert_eq!(
            images.ncols(),
            self.pixels,
            "DigitClassifier::probabilities: images have {} pixels, the classifier {}",
            images.ncols(),
            self.pixels
        );
        let tape = Tape::new();
        let x = images.mapv(|v| v.as_f64() as f32);
        let logits = self
            .network
            .forward(&self.params, tape.constant(&x), Mode::Frozen);
        let mut probabilities = logits.value().mapv(f64::from);
        for mut row in probabilities.rows_mut() {
            let max = row.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
            row.mapv_inplace(|v| (v - max).exp());
            let total = row.sum();
            row /= total;
        }
        probabilities
    }

    /// `φ(x)`: the activations of the last hidden layer (ReLU) for each image (n × pixels,
    /// values in `[0, 1]`): n × hidden, the feature space of the Fréchet distance and of
    /// precision/recall (the role Inception-v3's pool layer plays in FID).
    ///
    /// # Panics
    /// If `images` does not have the classifier's number of pixels.
    #[track_caller]
    pub fn features<T: Float>(&self, images: ArrayView2<'_, T>) -> Array2<f64> {
        assert_eq!(
            images.ncols(),
            self.pixels,
            "DigitClassifier::features: images have {} pixels, the classifier {}",
            images.ncols(),
            self.pixels
        );
        let tape = Tape::new();
        let x = tape.constant(&images.mapv(|v| v.as_f64() as f32));
        let layers = self.network.layers();
        let hidden = (layers[..layers.len() - 1].iter()).fold(x, |h, layer| {
            layer.forward(&self.params, h, Mode::Frozen).relu()
        });
        let features = hidden.value().mapv(f64::from);
        features
    }

    /// Number of pixels of the images the classifier reads.
    pub fn pixels(&self) -> usize {
        self.pixels
    }

    /// The class histogram, its KL to uniform and the mean confidence of `generated`
    /// (n × pixels, values in `[0, 1]`).
    ///
    /// # Errors
    /// [`MetricsError::Empty`] for no image, [`MetricsError::WrongWidth`] for the wrong number
    /// of pixels, [`MetricsError::NonFinite`] naming the row of a NaN or infinite pixel.
    pub fn score<T: Float>(
        &self,
        generated: ArrayView2<'_, T>,
    ) -> Result<ClassHistogram, MetricsError> {
        if generated.nrows() == 0 {
            let (argument, item) = ("generated", "image");
            return Err(MetricsError::Empty { argument, item });
        }
        if generated.ncols() != self.pixels {
            return Err(MetricsError::WrongWidth {
                argument: "generated",
                expected: self.pixels,
                found: generated.ncols(),
            });
        }
        check_finite("generated", generated)?;
        let probabilities = self.probabilities(generated);
        let mut class_counts = vec![0usize; CLASS_COUNT];
        let mut confidence = 0.0;
        for row in probabilities.rows() {
            let (class, p) = argmax(row.iter().copied());
            class_counts[class] += 1;
            confidence += p;
        }
        let n = generated.nrows() as f64;
        let histogram: Vec<f64> = class_counts.iter().map(|&c| c as f64 / n).collect();
        let uniform = [1.0 / CLASS_COUNT as f64; CLASS_COUNT];
        Ok(ClassHistogram {
            classes_covered: class_counts.iter().filter(|&&c| c > 0).count(),
            kl_to_uniform: kl_divergence(&histogram, &uniform).expect("probability vectors"),
            mean_confidence: confidence / n,
            class_counts,
        })
    }
}

/// `(index, value)` of the largest value (the first one on ties).
fn argmax(values: impl Iterator<Item = f64>) -> (usize, f64) {
    values
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |best, (i, v)| {
            if v > best.1 {
                (i, v)
            } else {
                best
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autograd::gradcheck;
    use ndarray::array;

    #[test]
    fn softmax_cross_entropy_value_and_gradient() {
        // Logits (0, ln 2, ln 3)/(−1000, 0, 1000): softmax (1/6, 2/6, 3/6) and (0, 0, 1).
        let logits = array![[0.0, 2f64.ln(), 3f64.ln()], [-1000.0, 0.0, 1000.0]];
        let tape = Tape::new();
        let x = tape.variable(&logits);
        let loss = softmax_cross_entropy(x, &[1, 2]);
        // L = −½(ln(2/6) + ln 1) = ½ ln 3.
        assert!((loss.item() - 0.5 * 3f64.ln()).abs() < 1e-15);
        let grads = tape.backward(loss);
        let expected = array![
            [1.0 / 12.0, (2.0 / 6.0 - 1.0) / 2.0, 3.0 / 12.0],
            [0.0, 0.0, 0.0]
        ];
        let error = (grads.wrt(x).unwrap() - &expected).mapv(f64::abs);
        assert!(error.iter().all(|&e| e < 1e-15), "{error}");
        let moderate = array![[0.3, -1.2, 2.0, 0.1], [1.5, 0.2, -0.7, -2.0]];
        gradcheck(&[moderate], |_, v| softmax_cross_entropy(v[0], &[2, 0])).assert_below(1e-6);
    }

    #[test]
    fn the_features_are_the_hidden_layer_the_probabilities_are_read_from() {
        // p(c | x) = softmax(φ(x)·W + b)_c with (W, b) the last layer: recompute it by hand.
        let data = crate::datasets::digits().select(&(0..200).collect::<Vec<_>>());
        let config = ClassifierConfig {
            hidden: 16,
            epochs: 2,
            ..ClassifierConfig::default()
        };
        let classifier = DigitClassifier::train_with(&data, config, 3).unwrap();
        let images = data.to_array::<f32>();
        let features = classifier.features(images.view());
        assert_eq!(features.dim(), (200, 16));
        let last = &classifier.network.layers()[1];
        let weight = classifier.params.get(last.weight()).mapv(f64::from);
        let bias = classifier.params.get(last.bias()).mapv(f64::from);
        let logits = features.dot(&weight) + &bias;
        let probabilities = classifier.probabilities(images.view());
        for (z, p) in logits.rows().into_iter().zip(probabilities.rows()) {
            let normaliser: f64 = z.iter().map(|v| v.exp()).sum();
            for (zc, pc) in z.iter().zip(p) {
                assert!((zc.exp() / normaliser - pc).abs() < 1e-5);
            }
        }
        let bad = ClassifierConfig {
            epochs: 0,
            ..config
        };
        let error = DigitClassifier::train_with(&data, bad, 3).unwrap_err();
        assert_eq!(error.to_string(), "config.epochs = 0: must be at least 1");
    }

    #[test]
    fn argmax_takes_the_first_of_equal_values() {
        assert_eq!(argmax([0.2, 0.5, 0.5, 0.1].into_iter()), (1, 0.5));
    }
}
