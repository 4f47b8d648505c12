//! How good and how varied generated digits are, measured as the GAN papers measure images.
//! Every metric reads the crate's own [`DigitClassifier`](crate::metrics::DigitClassifier)
//! (an `Mlp` trained on the real digits) or the pixels, and every one is reported beside the
//! same number for held-out real digits ([`ImageEvaluation::real_baseline`]).
//!
//! | function | measures | paper |
//! |---|---|---|
//! | [`inception_score`] | `exp(E_x KL(p(y|x) ‖ p(y)))`: confident and varied classes | Salimans et al. 2016 |
//! | [`frechet_distance`] | `‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁^{1/2}Σ₂Σ₁^{1/2})^{1/2})` on classifier features | Heusel et al. 2017 (FID) |
//! | [`precision_recall`] | shares of samples inside the other set's k-NN balls (k = 3) | Kynkäänniemi et al. 2019 |
//! | [`parzen_window_score`] | Gaussian-kernel log-likelihood of held-out digits, σ validated | Goodfellow et al. 2014, Table 1 |
//! | [`label_agreement`] | shares of conditional samples classified as their label | Mirza & Osindero 2014 |
//! | [`stacked_mode_coverage`] | modes of 1,000 covered by three stacked digits, KL to uniform | VEEGAN 2017, PacGAN 2018 Table 2 |
//! | [`ImageEvaluation`] | all of them for one image set, and the real-vs-real baseline | |
//!
//! The matrix square root of the Fréchet distance is [`sqrt_psd`], by the Jacobi eigenvalue
//! algorithm ([`symmetric_eigen`]). Notebook: `notebooks-md/06_mode_collapse.md`.

mod distances;
mod eigen;
mod evaluation;
mod frechet;
mod inception;
mod label_agreement;
mod parzen;
mod precision_recall;
mod stacked_modes;

pub use eigen::{sqrt_psd, symmetric_eigen};
pub use evaluation::{ImageEvaluation, ImageMetrics};
pub use frechet::{fit_gaussian, frechet_distance, frechet_distance_of_samples, GaussianFit};
pub use inception::inception_score;
pub use label_agreement::{label_agreement, LabelAgreement};
pub use parzen::{goodfellow_sigmas, parzen_log_densities, parzen_window_score, ParzenScore};
pub use precision_recall::{precision_recall, PrecisionRecall, PRECISION_RECALL_K};
pub use stacked_modes::{mode_histogram, stacked_mode_coverage, StackedModeCoverage};
