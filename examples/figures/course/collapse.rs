//! Notebook 06: the ring GANs of `docs/RESULTS.md`, trained here again with the set-up of
//! `examples/gan_2d/` (same networks, optimizer, steps and seeds, so the same bytes), their
//! 2,500 scored samples drawn over D's heat-map with the modes under them.

use crate::common;
use adversarial::datasets::ring;
use adversarial::gan::{Gan, GanConfig, GanLoss, Prior, Schedule};
use adversarial::metrics::mode_coverage;
use adversarial::nn::Activation;
use adversarial::plot::scatter_over_heatmap;
use std::path::Path;

/// `examples/gan_2d/`'s numbers: samples scored, their noise seed, the batch, the ring's
/// learning rate and steps, and the heat-map's cells per side.
const SCORED_SAMPLES: usize = 2500;
const SAMPLE_SEED: u64 = 0x5eed;
const BATCH_SIZE: usize = 256;
const LEARNING_RATE: f64 = 1e-3;
const STEPS: usize = 16_000;
const CELLS: usize = 120;

/// The minimax loss, seed 1: every sample on one mode, D bright on the seven others.
pub fn ring_minimax_seed1(path: &Path) -> common::Result {
    ring_run(path, GanLoss::Minimax, 1, 1, STEPS)
}

/// The non-saturating loss, seed 4: six of the eight modes.
pub fn ring_seed4(path: &Path) -> common::Result {
    ring_run(path, GanLoss::NonSaturating, 1, 4, STEPS)
}

/// The non-saturating loss with D judging packs of four samples (PacGAN), seed 4: all eight.
pub fn ring_pack4_seed4(path: &Path) -> common::Result {
    ring_run(path, GanLoss::NonSaturating, 4, 4, STEPS)
}

/// Notebook 07 §7: WGAN-GP with its paper's set-up (`with_loss`), seed 0, 4,000 steps: the
/// critic's rescaled scores under the samples.
pub fn ring_wgan_gp_seed0(path: &Path) -> common::Result {
    ring_run(path, GanLoss::WganGp, 1, 0, 4000)
}

/// `gan_2d --dataset ring --loss <loss> --pack <packing> --seed <seed> --steps <steps>`'s configuration: G
/// z(2) → 128 → 128 → 128 → 2, D 2·packing → 128 → 128 → 128 → 1 (ReLU), batch 256, Adam
/// (β₁ = ½) at 10⁻³ for both decaying linearly to 0, one D update per G update (for the
/// critics their papers' optimizers and `k`, `with_loss`).
fn config(loss: GanLoss, packing: usize, seed: u64, steps: usize) -> GanConfig {
    GanConfig {
        prior: Prior::Normal,
        noise_size: 2,
        generator_hidden: vec![128, 128, 128],
        generator_activation: Activation::Relu,
        generator_output: Activation::Identity,
        discriminator_hidden: vec![128, 128, 128],
        discriminator_activation: Activation::Relu,
        packing,
        batch_size: BATCH_SIZE,
        generator_optimizer: common::adam(LEARNING_RATE).into(),
        discriminator_optimizer: common::adam(LEARNING_RATE).into(),
        schedule: Schedule::LinearDecay,
        discriminator_steps: 1,
        loss: GanLoss::NonSaturating,
        steps,
        seed,
        log_every: 50,
        generator_average: None,
    }
    .with_loss(loss)
}

/// Trains one ring GAN and draws its scored samples over D's heat-map, titled with its score.
fn ring_run(path: &Path, loss: GanLoss, packing: usize, seed: u64, steps: usize) -> common::Result {
    let data = ring();
    let mut gan = Gan::<f32>::new(config(loss, packing, seed, steps), 2)?;
    // The ring's extent is 1: the networks train on the data as it is (gan_2d's unit extent).
    gan.train(&data.scaled(1.0 / data.extent()), |_| {})?;
    let samples = gan.sample(SCORED_SAMPLES, SAMPLE_SEED) * data.extent() as f32;
    let score = mode_coverage(samples.view(), data.modes(), data.sigma())?;
    let packed = match packing {
        1 => String::new(),
        m => format!(", pack {m}"),
    };
    let title = format!(
        "{}{packed}, seed {seed}: {} of {} modes, {:.1}% of samples within 3σ",
        loss.name(),
        score.modes_covered,
        data.modes().len(),
        100.0 * score.high_quality_fraction
    );
    let points: Vec<(f64, f64)> = samples
        .rows()
        .into_iter()
        .map(|r| (f64::from(r[0]), f64::from(r[1])))
        .collect();
    let heatmap = common::critic_map::heatmap(&gan, &data, CELLS)?;
    scatter_over_heatmap(path, &heatmap, &points, data.modes(), &title)?;
    Ok(())
}
