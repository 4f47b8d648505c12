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
//! Notebook: `notebooks-md/05_minimax_value.md`.

use super::packing::tile_columns;
use super::trainer::sample_prior;
use super::{Gan, GanLoss};
use crate::autograd::{ops::logistic, Tape};
use crate::nn::loss::generator_loss;
use crate::nn::Mode;
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
    /// the frozen D (the batch mean's gradient times `n`).
    pub fn generator_gradients(&self, n: usize, seed: u64) -> Vec<GradientPoint> {
        let mut noise = Array2::zeros((n, self.config().noise_size));
        sample_prior(
            self.config().prior,
            &mut StdRng::seed_from_u64(seed),
            &mut noise,
        );
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
