//! Notebook 06 §7: the 8×8 digits of an unconditional GAN with `z ~ N(0, I)` beside those of
//! the same GAN with a latent in ten pieces (`Prior::CategoricalNormal`), trained again with
//! the set-up of `gan_digits --seed 0` and `gan_digits --categories 10 --steps 12000 --seed 0`
//! (`examples/gan_digits.rs`), beside real digits.

use crate::common;
use adversarial::datasets::digits;
use adversarial::gan::{Gan, GanConfig, GanLoss, Prior, Schedule};
use adversarial::nn::Activation;
use adversarial::plot::{image_grids, ImageLayout};
use std::path::Path;

/// `gan_digits`'s numbers: digits shown, their noise seed, the normal coordinates of the
/// noise and the steps of each run.
const SHOWN: usize = 50;
const SHOWN_SEED: u64 = 0x5eed;
const NORMAL_NOISE: usize = 32;
const PLAIN_STEPS: usize = 6000;
const PIECES_STEPS: usize = 12_000;

/// Both GANs' samples and real digits, three grids side by side.
pub fn digits_from_pieces(path: &Path) -> common::Result {
    let data = digits();
    let pieces = Prior::CategoricalNormal {
        categories: 10,
        scale: 5.0,
    };
    let plain = trained(Prior::Normal, NORMAL_NOISE, PLAIN_STEPS)?;
    let cut = trained(pieces, 10 + NORMAL_NOISE, PIECES_STEPS)?;
    let real = data.to_array::<f32>();
    let real = real.slice(ndarray::s![..SHOWN, ..]);
    let (plain, cut) = (
        plain.sample(SHOWN, SHOWN_SEED),
        cut.sample(SHOWN, SHOWN_SEED),
    );
    let panels = [
        ("z ~ N(0, I), 6,000 steps", plain.view()),
        ("10 pieces, 12,000 steps", cut.view()),
        ("real", real),
    ];
    image_grids(
        path,
        &panels,
        &ImageLayout::DIGITS,
        "unconditional 8×8 digits",
    )?;
    Ok(())
}

/// `gan_digits`' G z → 256 → 256 → 64 (sigmoid), D 64 → 256 → 256 → 1, LeakyReLU(0.2),
/// batch 128, Adam 2·10⁻⁴ (β₁ = ½) decaying linearly, the non-saturating loss, seed 0.
fn trained(prior: Prior, noise_size: usize, steps: usize) -> common::Result<Gan<f32>> {
    let config = GanConfig {
        prior,
        noise_size,
        generator_hidden: vec![256, 256],
        generator_activation: Activation::LeakyRelu(0.2),
        generator_output: Activation::Sigmoid,
        discriminator_hidden: vec![256, 256],
        discriminator_activation: Activation::LeakyRelu(0.2),
        packing: 1,
        batch_size: 128,
        generator_optimizer: common::adam(2e-4).into(),
        discriminator_optimizer: common::adam(2e-4).into(),
        schedule: Schedule::LinearDecay,
        discriminator_steps: 1,
        loss: GanLoss::NonSaturating,
        steps,
        seed: 0,
        log_every: 50,
        generator_average: None,
    };
    let mut gan = Gan::<f32>::new(config, 64)?;
    gan.train(&digits(), |_| {})?;
    Ok(gan)
}
