//! Why "label the fakes 1" trains: the generator's gradient under each loss, from the tape.
//!
//! For one fake `x = G(z)` with logit `a(x)` and `D(x) = σ(a)`, the per-sample losses and
//! their gradients with respect to the sample are
//!
//! ```text
//! minimax          ℓ = log(1 − D(x))   ∂ℓ/∂x = −D(x) · ∇a(x)
//! non-saturating   ℓ = −log D(x)       ∂ℓ/∂x = −(1 − D(x)) · ∇a(x)
//! ```
//! so their ratio is `D / (1 − D)`: where D confidently rejects a fake (`D → 0`, early in
//! training) the minimax gradient vanishes and the non-saturating one does not.
//!
//! Whether that stalls training depends on the optimizer. A plain gradient step
//! `θ ← θ − η·∂L/∂θ` is proportional to the gradient, so it stalls
//! ([`Gan::saturation_study`]); Adam divides each step by the gradient's running RMS, so a
//! uniformly small gradient still gives full-size steps, which is why the minimax loss
//! still trains the 1-D example with Adam.
//! Notebook: `notebooks-md/05b_vanishing_gradients.md`.

use super::packing::{pack_rows, tile_columns};
use super::{Gan, GanLoss};
use crate::autograd::{ops::logistic, Tape};
use crate::nn::loss::generator_loss;
use crate::nn::Mode;
use crate::optim::{Optimizer, Sgd, SgdParams};
use crate::Float;
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};

/// One fake sample's `D(x)` and the size of each loss's gradient at it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientPoint {
    /// `D(G(z))`.
    pub d_of_fake: f64,
    /// `‖∂ℓ/∂x‖` for `ℓ = log(1 − D(x))`.
    pub minimax: f64,
    /// `‖∂ℓ/∂x‖` for `ℓ = −log D(x)`.
    pub non_saturating: f64,
}

impl<T: Float> Gan<T> {
    /// For `n` fakes `x_i = G(z_i)` (`z` drawn from `seed`): `D(x_i)` and the Euclidean norm
    /// of each per-sample loss's gradient with respect to `x_i`, by backpropagation through
    /// the frozen D (the batch mean's gradient times `n`). No fakes (`n = 0`), no points.
    pub fn generator_gradients(&self, n: usize, seed: u64) -> Vec<GradientPoint> {
        if n == 0 {
            return Vec::new(); // a loss is a mean over the batch: there is none of 0 samples
        }
        let mut noise = Array2::zeros((n, self.config().noise_size));
        self.config()
            .prior
            .fill(&mut StdRng::seed_from_u64(seed), &mut noise);
        let fakes = self.generate(noise.view());
        let gradient_norms = |kind| {
            let tape = Tape::new();
            let x = tape.variable(&fakes);
            let tiled = tile_columns(x, self.config().packing); // D(x, …, x) when packed
            let logits = self
                .discriminator()
                .forward(self.params(), tiled, Mode::Frozen);
            let grads = tape.backward(generator_loss(logits, kind));
            let g = grads.wrt(x).expect("the loss depends on x");
            let norms: Vec<f64> = g
                .rows()
                .into_iter()
                .map(|row| row.iter().map(|v| v.as_f64().powi(2)).sum::<f64>().sqrt() * n as f64)
                .collect();
            let d = logits
                .value()
                .iter()
                .map(|&a| logistic(a).as_f64())
                .collect::<Vec<_>>();
            (d, norms)
        };
        let (d, minimax) = gradient_norms(GanLoss::Minimax);
        let (_, non_saturating) = gradient_norms(GanLoss::NonSaturating);
        (0..n)
            .map(|i| GradientPoint {
                d_of_fake: d[i],
                minimax: minimax[i],
                non_saturating: non_saturating[i],
            })
            .collect()
    }
}

/// Mean `D(G(z))` over a fixed batch, before and after each plain gradient step on `θ_G`.
#[derive(Clone, Debug, PartialEq)]
pub struct SaturationStudy {
    /// With `L_G = E log(1 − D(G(z)))`; `steps + 1` values.
    pub minimax: Vec<f64>,
    /// With `L_G = −E log D(G(z))`; `steps + 1` values.
    pub non_saturating: Vec<f64>,
}

/// Packs of D's input in the batch of [`Gan::saturation_study`].
const STUDY_PACKS: usize = 512;

impl<T: Float> Gan<T> {
    /// From the current networks, `steps` plain gradient steps `θ_G ← θ_G − η·∂L_G/∂θ_G`
    /// (SGD without momentum, D frozen) on a fixed batch from `seed` that D sees as 512
    /// packs (`512·m` noise vectors for `GanConfig::packing = m`, so any `m` packs whole),
    /// once with each generator loss; the networks themselves are not changed.
    pub fn saturation_study(&self, steps: usize, learning_rate: f64, seed: u64) -> SaturationStudy {
        let rows = STUDY_PACKS * self.config().packing;
        let mut noise = Array2::zeros((rows, self.config().noise_size));
        self.config()
            .prior
            .fill(&mut StdRng::seed_from_u64(seed), &mut noise);
        let run = |loss| {
            let mut params = self.params().clone();
            let mut sgd = Sgd::new(SgdParams {
                learning_rate,
                momentum: 0.0,
            });
            let generator_ids = self.generator().params();
            let mut fooled = Vec::with_capacity(steps + 1);
            for step in 0..=steps {
                let tape = Tape::new();
                let fakes = self
                    .generator()
                    .forward(&params, tape.constant(&noise), Mode::Frozen);
                let packed = pack_rows(fakes, self.config().packing); // as L_G sees them
                let logits = self.discriminator().forward(&params, packed, Mode::Frozen);
                let d = logits
                    .value()
                    .iter()
                    .map(|&a| logistic(a).as_f64())
                    .sum::<f64>();
                fooled.push(d / logits.shape().0 as f64);
                if step < steps {
                    let tape = Tape::new();
                    let grads =
                        tape.backward(self.generator_objective(&params, &tape, noise.view(), loss));
                    sgd.step(&mut params, &grads, &generator_ids);
                }
            }
            fooled
        };
        SaturationStudy {
            minimax: run(GanLoss::Minimax),
            non_saturating: run(GanLoss::NonSaturating),
        }
    }
}
