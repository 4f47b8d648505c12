//! The STEP workloads of `../shared/bench/WORKLOADS.md`, as `GanConfig`s: shared by the
//! criterion bench (`benches/step.rs`) and the side-by-side timer (`benches/step_timing.rs`).
//!
//! One step = one discriminator update (G frozen) + one generator update (D frozen), both
//! Adam(lr 2e-4, β = (0.5, 0.999)), BCE with logits, the non-saturating generator loss;
//! STEP-WGAN-GP-2D: the STEP-2D networks as a WGAN-GP (critic without sigmoid, gradient
//! penalty λ = 10 recorded with second-order gradients, Adam(lr 1e-4, β = (0.5, 0.9))), one
//! critic update and one generator update per step.

use adversarial::gan::{GanConfig, GanLoss, Prior, Schedule};
use adversarial::nn::Activation;
use adversarial::optim::AdamParams;
use ndarray::Array2;

/// `(name, config, data dimension)` of each workload.
pub fn workloads() -> Vec<(&'static str, GanConfig, usize)> {
    let adam = AdamParams {
        learning_rate: 2e-4,
        beta1: 0.5,
        beta2: 0.999,
        epsilon: 1e-8,
    };
    let base = GanConfig {
        prior: Prior::Normal,
        generator_optimizer: adam.into(),
        discriminator_optimizer: adam.into(),
        schedule: Schedule::Constant,
        discriminator_steps: 1,
        loss: GanLoss::NonSaturating,
        ..GanConfig::default()
    };
    let lrelu = Activation::LeakyRelu(0.2);
    let step_2d = GanConfig {
        noise_size: 16,
        generator_hidden: vec![128, 128],
        generator_activation: Activation::Relu,
        generator_output: Activation::Identity,
        discriminator_hidden: vec![128, 128],
        discriminator_activation: Activation::Relu,
        batch_size: 256,
        ..base.clone()
    };
    let wgan_gp_2d = GanConfig {
        discriminator_steps: 1,
        ..step_2d.clone().with_loss(GanLoss::WganGp)
    };
    vec![
        ("STEP-2D", step_2d, 2),
        (
            "STEP-DIGITS",
            GanConfig {
                noise_size: 32,
                generator_hidden: vec![128, 128],
                generator_activation: lrelu,
                generator_output: Activation::Sigmoid,
                discriminator_hidden: vec![128, 128],
                discriminator_activation: lrelu,
                batch_size: 64,
                ..base.clone()
            },
            64,
        ),
        (
            "STEP-MNIST",
            GanConfig {
                noise_size: 100,
                generator_hidden: vec![128, 256, 512, 1024],
                generator_activation: lrelu,
                generator_output: Activation::Tanh,
                discriminator_hidden: vec![512, 256],
                discriminator_activation: lrelu,
                batch_size: 64,
                ..base
            },
            784,
        ),
        ("STEP-WGAN-GP-2D", wgan_gp_2d, 2),
    ]
}

/// `SCALE-B{batch}-W{width}` (issue 15's scaling table): the STEP-2D networks, G
/// 16 → W → W → 2 and D 2 → W → W → 1, at batch B and width W; `None` for another name.
#[allow(dead_code)] // benches/step.rs shares this file and times the named workloads only
pub fn scaled_2d(name: &str) -> Option<(GanConfig, usize)> {
    let (batch, width) = name.strip_prefix("SCALE-B")?.split_once("-W")?;
    let (batch, width): (usize, usize) = (batch.parse().ok()?, width.parse().ok()?);
    let step_2d = workloads().into_iter().next()?.1;
    let config = GanConfig {
        generator_hidden: vec![width, width],
        discriminator_hidden: vec![width, width],
        batch_size: batch,
        ..step_2d
    };
    Some((config, 2))
}

/// Any fixed real batch of the right shape (uniform in [−1, 1), as the peer's).
pub fn real_data(rows: usize, dimension: usize) -> Array2<f32> {
    Array2::from_shape_fn((rows, dimension), |(i, j)| {
        ((i * 7919 + j * 104_729) % 2000) as f32 / 1000.0 - 1.0
    })
}
