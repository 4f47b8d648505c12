//! Mode collapse, measured: a GAN on the 2-D ring (8 modes) or grid (25 modes) benchmark of
//! VEEGAN and PacGAN, scored by modes covered, high-quality fraction and reverse KL on 2,500
//! samples. Notebook: `notebooks-md/06_mode_collapse.md`.
//!
//! ```sh
//! cargo run --release --example gan_2d -- [--dataset ring|grid] [--loss non-saturating|minimax|
//!     least-squares|hinge|wgan|wgan-gp] [--pack M] [--steps N] [--seed 0] [--out out/gan_2d]
//! cargo run --release --example gan_2d -- --dataset grid --seeds 10     # a docs/RESULTS.md row
//! ```
//! `--pack M` makes D judge packs of `M` samples (PacGAN). The networks train on the data
//! divided by its extent (the grid's ±4 becomes ±1); samples are scaled back before scoring.
//! One run writes `scatter_<step>.png` (the samples over D's heat-map, the modes as crosses) at
//! five moments, `loss_curves.png`, `history.csv`, `samples.csv` (the 2,500 scored samples) and
//! `metrics.csv`. With `--seeds N` it runs seeds `0 … N−1` (two at a time), writes each run's
//! final scatter and samples under `seed_<s>/`, all scores in `runs.csv`, and prints the mean ±
//! standard error of each score.
//!
//! The heat-map and the logged statistics follow the objective's `Score`: for the sigmoid
//! losses D(x) is a probability (½ at equilibrium); a critic's raw scores are shown rescaled to
//! [0, 1] (the colour bar says from what), and the run ends by printing the mean scores on real
//! and fake samples and their gap `E s_r − E s_f`, the W₁ estimate of the Wasserstein critics.

#[path = "../common/mod.rs"]
mod common;
mod sweep;

use adversarial::datasets::{grid, ring, GaussianMixture2d};
use adversarial::gan::{Gan, GanConfig, GanLoss, History, Prior, Schedule};
use adversarial::metrics::{mode_coverage, ModeCoverage};
use adversarial::nn::Activation;
use adversarial::plot::scatter_over_heatmap;
use clap::{Parser, ValueEnum};
use common::cli::at_least_one;
use common::output::{self, Columns};
use common::progress::Progress;
use common::statistics::last_statistics;
use ndarray::Array2;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Samples scored per run, as in PacGAN.
const SCORED_SAMPLES: usize = 2500;
/// Seed of the scored samples' noise, apart from the training seed.
const SAMPLE_SEED: u64 = 0x5eed;
/// Samples per batch, for real and fake alike (a `--pack` must divide it).
const BATCH_SIZE: usize = 256;

/// Mode collapse, measured: a GAN on the 2-D ring (8 modes) or grid (25 modes), scored by modes
/// covered, high-quality fraction and reverse KL on 2,500 samples.
#[derive(Parser)]
#[command(allow_negative_numbers = true)]
struct Flags {
    /// The data: 8 Gaussians on a circle, or 25 on a 5 × 5 grid
    #[arg(long, value_enum, default_value_t = Dataset::Ring)]
    dataset: Dataset,
    /// The GAN objective (wgan and wgan-gp bring their papers' optimizers and k = 5)
    #[arg(long, default_value = "non-saturating", value_parser = common::cli::loss())]
    loss: GanLoss,
    /// PacGAN's m: D judges packs of M samples; M must divide the batch size 256
    #[arg(long, value_name = "M", default_value_t = 1, value_parser = common::cli::pack::<BATCH_SIZE>)]
    pack: usize,
    /// Generator updates per run [default: 16000 on the ring, 40000 on the grid]
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    steps: Option<usize>,
    /// Sample from a moving average of G's parameters, θ̄ ← β·θ̄ + (1 − β)·θ, e.g. 0.999
    #[arg(long, value_name = "BETA", value_parser = common::cli::average_rate)]
    average: Option<f64>,
    /// Seed of one run (not with --seeds)
    #[arg(long, default_value_t = 0, value_parser = common::cli::seed, conflicts_with = "seeds")]
    seed: u64,
    /// Run seeds 0 … N−1 (two at a time) and print the mean ± standard error of each score
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    seeds: Option<usize>,
    /// Output folder [default: out/gan_2d, or out/gan_2d/<dataset>_<loss>[_pack<M>][_average<BETA>] with --seeds]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// `--dataset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Dataset {
    /// 8 modes on the unit circle, σ = 0.01
    Ring,
    /// 25 modes on the grid {−4, −2, 0, 2, 4}², σ = 0.05
    Grid,
}

impl Flags {
    /// `--steps`, or the default: a run takes well under a minute on one core.
    fn steps(&self) -> usize {
        self.steps.unwrap_or(match self.dataset {
            Dataset::Grid => 40_000,
            Dataset::Ring => 16_000,
        })
    }

    /// `ring` or `grid`.
    fn dataset_name(&self) -> String {
        self.dataset
            .to_possible_value()
            .expect("no variant is skipped")
            .get_name()
            .to_owned()
    }
}

fn main() -> ExitCode {
    let f = Flags::parse();
    let data = match f.dataset {
        Dataset::Grid => grid(),
        Dataset::Ring => ring(),
    };
    common::exit(match f.seeds {
        None => {
            let out = (f.out.clone()).unwrap_or_else(|| PathBuf::from("out/gan_2d"));
            single_run(&f, &data, &out)
        }
        Some(seeds) => {
            let packed = if f.pack > 1 {
                format!("_pack{}", f.pack)
            } else {
                String::new()
            };
            let averaged = f
                .average
                .map_or(String::new(), |beta| format!("_average{beta}"));
            let default = format!(
                "out/gan_2d/{}_{}{packed}{averaged}",
                f.dataset_name(),
                f.loss.name()
            );
            let out = f.out.clone().unwrap_or_else(|| PathBuf::from(default));
            sweep::seed_sweep(&f, &data, seeds as u64, &out)
        }
    })
}

/// STEP-2D widths, tuned (measured on 4 seeds, see `docs/RESULTS.md`): G z(2) → 128 → 128 →
/// 128 → 2, D 2·m → 128 → 128 → 128 → 1 (ReLU; `m` = `--pack`), batch 256, Adam (β₁ = ½;
/// η = 10⁻³ on the ring, 5·10⁻⁴ on the grid, where 10⁻³ left modes uncovered even when packed)
/// for both, decaying linearly to 0, one D update per G update. Two-dimensional noise
/// (STEP-2D's 16 dimensions left half the ring's modes uncovered) and the third hidden layer
/// (sharper jumps between modes, more high-quality samples) are the changes that mattered.
fn config(f: &Flags, seed: u64) -> GanConfig {
    let learning_rate = match f.dataset {
        Dataset::Grid => 5e-4,
        Dataset::Ring => 1e-3,
    };
    let adam = common::adam;
    GanConfig {
        prior: Prior::Normal,
        noise_size: 2,
        generator_hidden: vec![128, 128, 128],
        generator_activation: Activation::Relu,
        generator_output: Activation::Identity,
        discriminator_hidden: vec![128, 128, 128],
        discriminator_activation: Activation::Relu,
        packing: f.pack,
        batch_size: BATCH_SIZE,
        generator_optimizer: adam(learning_rate).into(),
        discriminator_optimizer: adam(learning_rate).into(),
        schedule: Schedule::LinearDecay,
        discriminator_steps: 1,
        loss: GanLoss::NonSaturating,
        steps: f.steps(),
        seed,
        log_every: 50,
        generator_average: f.average,
    }
    .with_loss(f.loss)
}

/// One run with snapshots along the way.
fn single_run(f: &Flags, data: &GaussianMixture2d, out: &Path) -> common::Result {
    output::create_folder(out)?;
    let steps = f.steps();
    let mut gan = Gan::<f32>::new(config(f, f.seed), 2)?;
    let training = unit_extent(data);
    let started = Instant::now();
    let progress = Progress::new(steps, "training").scores(gan.objective().score());
    let mut history = History::default();
    let mut written = Vec::new();
    let snapshots: Vec<usize> = [0, steps / 10, steps / 4, steps / 2, steps].into();
    for &step in &snapshots {
        let part = gan.train_until(&training, step, |s| progress.step("", s))?;
        history.rows.extend(part.rows);
        let path = out.join(format!("scatter_{step}.png"));
        let now = score(&gan, data)?;
        let title = format!(
            "step {step}: {} of {} modes, {:.1}% of samples within 3σ (under the crosses)",
            now.modes_covered,
            data.modes().len(),
            100.0 * now.high_quality_fraction
        );
        scatter(&gan, data, &path, &title)?;
        written.push(path);
    }
    progress.finish();
    let seconds = started.elapsed().as_secs_f64();
    let score = score(&gan, data)?;
    write_samples(&gan, data, &out.join("samples.csv"))?;
    gan.save_checkpoint_in_units(out.join("checkpoint.safetensors"), data.extent(), 0.0)?;
    output::write_history(out, &history, f.loss)?;
    let metrics = format!(
        "{}\n{}\n",
        metrics_header(),
        metrics_row(f.seed, &score, seconds)
    );
    output::write(&out.join("metrics.csv"), metrics.as_bytes())?;
    println!(
        "{} modes, {} loss, {steps} steps, seed {} ({seconds:.1} s)",
        f.dataset_name(),
        f.loss.name(),
        f.seed
    );
    print_score(&score, data.modes().len());
    if let Some(last) = history.last() {
        println!("{}", last_statistics(f.loss, last, data.extent()));
    }
    for path in written {
        println!("wrote {}", path.display());
    }
    for name in [
        "loss_curves.png",
        "history.csv",
        "samples.csv",
        "metrics.csv",
    ] {
        println!("wrote {}", out.join(name).display());
    }
    Ok(())
}

/// The data divided by its extent (the grid's ±4 becomes ±1, the ring stays): the networks
/// see inputs and produce outputs of order 1, as with any standardised data. Samples and D's
/// inputs are scaled back and forth by [`GaussianMixture2d::extent`].
fn unit_extent(data: &GaussianMixture2d) -> GaussianMixture2d {
    data.scaled(1.0 / data.extent())
}

/// The 2,500 scored samples in the data's coordinates: `extent · G(z)`.
fn samples(gan: &Gan<f32>, data: &GaussianMixture2d) -> Array2<f32> {
    gan.sample(SCORED_SAMPLES, SAMPLE_SEED) * data.extent() as f32
}

fn score(
    gan: &Gan<f32>,
    data: &GaussianMixture2d,
) -> Result<ModeCoverage, adversarial::metrics::MetricsError> {
    mode_coverage(samples(gan, data).view(), data.modes(), data.sigma())
}

/// The 2,500 scored samples over D's heat-map (a critic's scores rescaled to [0, 1] over the
/// frame), the modes as white crosses.
fn scatter(gan: &Gan<f32>, data: &GaussianMixture2d, path: &Path, title: &str) -> common::Result {
    let heatmap = common::critic_map::heatmap(gan, data, 120)?;
    let samples: Vec<(f64, f64)> = samples(gan, data)
        .rows()
        .into_iter()
        .map(|r| (f64::from(r[0]), f64::from(r[1])))
        .collect();
    scatter_over_heatmap(path, &heatmap, &samples, data.modes(), title)?;
    Ok(())
}

/// `samples.csv`: the 2,500 scored samples, header `x,y`.
fn write_samples(
    gan: &Gan<f32>,
    data: &GaussianMixture2d,
    path: &Path,
) -> Result<(), output::FileError> {
    output::write_samples(path, samples(gan, data).view(), Columns::Points)
}

fn metrics_header() -> String {
    "seed,modes_covered,modes_above_one_percent,high_quality_fraction,reverse_kl,seconds".into()
}

fn metrics_row(seed: u64, s: &ModeCoverage, seconds: f64) -> String {
    let kl = s.reverse_kl.map_or("NaN".into(), |k| k.to_string());
    format!(
        "{seed},{},{},{},{kl},{seconds:.1}",
        s.modes_covered, s.modes_above_one_percent, s.high_quality_fraction
    )
}

fn kl_text(kl: Option<f64>) -> String {
    kl.map_or("undefined (no high-quality sample)".into(), |k| {
        format!("{k:.3}")
    })
}

fn print_score(s: &ModeCoverage, modes: usize) {
    println!(
        "modes covered {}/{modes} (≥ 1% of samples: {}), high-quality samples {:.1}%, reverse KL {}",
        s.modes_covered,
        s.modes_above_one_percent,
        100.0 * s.high_quality_fraction,
        kl_text(s.reverse_kl)
    );
    println!("high-quality samples per mode: {:?}", s.mode_counts);
}
