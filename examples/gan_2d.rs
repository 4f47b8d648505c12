//! Mode collapse, measured: a GAN on the 2-D ring (8 modes) or grid (25 modes) benchmark of
//! VEEGAN and PacGAN, scored by modes covered, high-quality fraction and reverse KL on 2,500
//! samples. Notebook: `notebooks-md/06_mode_collapse.md`.
//!
//! ```sh
//! cargo run --release --example gan_2d -- [--dataset ring|grid] [--loss non-saturating|minimax]
//!     [--pack M] [--steps N] [--seed 0] [--out out/gan_2d]
//! cargo run --release --example gan_2d -- --dataset grid --seeds 10     # a docs/RESULTS.md row
//! ```
//! `--pack M` makes D judge packs of `M` samples (PacGAN). The networks train on the data
//! divided by its extent (the grid's ±4 becomes ±1); samples are scaled back before scoring.
//! One run writes `scatter_<step>.png` (the samples over D's heat-map, the modes as crosses) at
//! five moments, `loss_curves.png`, `history.csv`, `samples.csv` (the 2,500 scored samples) and
//! `metrics.csv`. With `--seeds N` it runs seeds `0 … N−1` (two at a time), writes each run's
//! final scatter and samples under `seed_<s>/`, all scores in `runs.csv`, and prints the mean ±
//! standard error of each score.

use adversarial::datasets::{grid, ring, GaussianMixture2d};
use adversarial::gan::{Gan, GanConfig, GanLoss, History, Prior, Schedule};
use adversarial::metrics::{mode_coverage, ModeCoverage};
use adversarial::nn::Activation;
use adversarial::optim::AdamParams;
use adversarial::plot::{scatter_over_heatmap, Heatmap};
use ndarray::Array2;
use rayon::prelude::*;
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Samples scored per run, as in PacGAN.
const SCORED_SAMPLES: usize = 2500;
/// Seed of the scored samples' noise, apart from the training seed.
const SAMPLE_SEED: u64 = 0x5eed;

struct Flags {
    dataset: String,
    loss: GanLoss,
    steps: usize,
    seed: u64,
    seeds: Option<u64>,
    pack: usize,
    out: Option<PathBuf>,
}

fn flags() -> Result<Flags, String> {
    let mut f = Flags {
        dataset: "ring".into(),
        loss: GanLoss::NonSaturating,
        steps: 0,
        seed: 0,
        seeds: None,
        pack: 1,
        out: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).ok_or(format!("{} needs a value", pair[0]))?;
        let number = |what: &str| format!("{what} {value}: not a whole number");
        match pair[0].as_str() {
            "--dataset" if value == "ring" || value == "grid" => f.dataset = value.clone(),
            "--loss" if value == "minimax" => f.loss = GanLoss::Minimax,
            "--loss" if value == "non-saturating" => f.loss = GanLoss::NonSaturating,
            "--steps" => f.steps = value.parse().map_err(|_| number("--steps"))?,
            "--seed" => f.seed = value.parse().map_err(|_| number("--seed"))?,
            "--seeds" => f.seeds = Some(value.parse().map_err(|_| number("--seeds"))?),
            "--pack" => f.pack = value.parse().map_err(|_| number("--pack"))?,
            "--out" => f.out = Some(PathBuf::from(value)),
            flag => return Err(format!("unknown flag or value: {flag} {value}")),
        }
    }
    if f.steps == 0 {
        f.steps = default_steps(&f.dataset);
    }
    Ok(f)
}

/// Generator updates per run (a run takes well under a minute on one core).
fn default_steps(dataset: &str) -> usize {
    if dataset == "grid" {
        40_000
    } else {
        16_000
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let f = flags().map_err(|e| {
        format!("{e}\nusage: gan_2d [--dataset ring|grid] [--loss non-saturating|minimax] [--steps N] [--seed S] [--seeds N] [--pack M] [--out DIR]")
    })?;
    let data = if f.dataset == "grid" { grid() } else { ring() };
    let loss_name = loss_name(f.loss);
    match f.seeds {
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
            let default = format!("out/gan_2d/{}_{loss_name}{packed}", f.dataset);
            let out = f.out.clone().unwrap_or_else(|| PathBuf::from(default));
            seed_sweep(&f, &data, seeds, &out)
        }
    }
}

fn loss_name(loss: GanLoss) -> &'static str {
    loss.name()
}

/// STEP-2D widths, tuned (measured on 4 seeds, see `docs/RESULTS.md`): G z(2) → 128 → 128 →
/// 128 → 2, D 2·m → 128 → 128 → 128 → 1 (ReLU; `m` = `--pack`), batch 256, Adam (β₁ = ½;
/// η = 10⁻³ on the ring, 5·10⁻⁴ on the grid, where 10⁻³ left modes uncovered even when packed)
/// for both, decaying linearly to 0, one D update per G update. Two-dimensional noise
/// (STEP-2D's 16 dimensions left half the ring's modes uncovered) and the third hidden layer
/// (sharper jumps between modes, more high-quality samples) are the changes that mattered.
fn config(f: &Flags, seed: u64) -> GanConfig {
    let learning_rate = if f.dataset == "grid" { 5e-4 } else { 1e-3 };
    let adam = |learning_rate| AdamParams {
        learning_rate,
        beta1: 0.5,
        beta2: 0.999,
        epsilon: 1e-8,
    };
    GanConfig {
        prior: Prior::Normal,
        noise_size: 2,
        generator_hidden: vec![128, 128, 128],
        generator_activation: Activation::Relu,
        generator_output: Activation::Identity,
        discriminator_hidden: vec![128, 128, 128],
        discriminator_activation: Activation::Relu,
        packing: f.pack,
        batch_size: 256,
        generator_optimizer: adam(learning_rate).into(),
        discriminator_optimizer: adam(learning_rate).into(),
        schedule: Schedule::LinearDecay,
        discriminator_steps: 1,
        loss: f.loss,
        steps: f.steps,
        seed,
        log_every: 50,
    }
}

/// One run with snapshots along the way.
fn single_run(f: &Flags, data: &GaussianMixture2d, out: &Path) -> Result<(), Box<dyn Error>> {
    let mut gan = Gan::<f32>::new(config(f, f.seed), 2)?;
    let training = unit_extent(data);
    let started = Instant::now();
    let mut history = History::default();
    let mut written = Vec::new();
    let snapshots: Vec<usize> = [0, f.steps / 10, f.steps / 4, f.steps / 2, f.steps].into();
    for &step in &snapshots {
        history
            .rows
            .extend(gan.train_until(&training, step, |_| {})?.rows);
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
    let seconds = started.elapsed().as_secs_f64();
    let score = score(&gan, data)?;
    write_samples(&gan, data, &out.join("samples.csv"))?;
    history.write_csv(out.join("history.csv"))?;
    history.write_loss_curves(out.join("loss_curves.png"), f.loss)?;
    let metrics = format!(
        "{}\n{}\n",
        metrics_header(),
        metrics_row(f.seed, &score, seconds)
    );
    adversarial::io::write_atomic(&out.join("metrics.csv"), metrics.as_bytes())?;
    println!(
        "{} modes, {} loss, {} steps, seed {} ({seconds:.1} s)",
        f.dataset,
        loss_name(f.loss),
        f.steps,
        f.seed
    );
    print_score(&score, data.modes().len());
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

/// Seeds `0 … seeds−1`, two at a time, and the mean ± standard error of the scores.
fn seed_sweep(
    f: &Flags,
    data: &GaussianMixture2d,
    seeds: u64,
    out: &Path,
) -> Result<(), Box<dyn Error>> {
    println!(
        "{} modes, {} loss, {} steps, seeds 0..{seeds}",
        f.dataset,
        loss_name(f.loss),
        f.steps
    );
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    let runs: Vec<Result<(ModeCoverage, f64), String>> = pool.install(|| {
        (0..seeds)
            .into_par_iter()
            .map(|seed| one_seed(f, data, seed, out).map_err(|e| format!("seed {seed}: {e}")))
            .collect()
    });
    let mut csv = metrics_header() + "\n";
    let mut scores = Vec::new();
    for (seed, run) in (0..seeds).zip(runs) {
        let (score, seconds) = run?;
        let _ = writeln!(csv, "{}", metrics_row(seed, &score, seconds));
        println!(
            "seed {seed}: {} modes, {:.1}% high quality, reverse KL {}  ({seconds:.0} s)",
            score.modes_covered,
            100.0 * score.high_quality_fraction,
            kl_text(score.reverse_kl)
        );
        scores.push(score);
    }
    adversarial::io::write_atomic(&out.join("runs.csv"), csv.as_bytes())?;
    let column =
        |value: fn(&ModeCoverage) -> f64| mean_and_standard_error(scores.iter().map(value));
    let (modes, modes_se) = column(|s| s.modes_covered as f64);
    let (strict, strict_se) = column(|s| s.modes_above_one_percent as f64);
    let (quality, quality_se) = column(|s| 100.0 * s.high_quality_fraction);
    let (kl, kl_se) = column(|s| s.reverse_kl.unwrap_or(f64::NAN));
    println!(
        "mean ± standard error over {seeds} seeds: modes {modes:.1} ± {modes_se:.1} (≥ 1%: {strict:.1} ± {strict_se:.1}), \
         high quality {quality:.1} ± {quality_se:.1}%, reverse KL {kl:.3} ± {kl_se:.3}"
    );
    println!("wall time {:.0} s", started.elapsed().as_secs_f64());
    println!("wrote {}", out.join("runs.csv").display());
    Ok(())
}

/// Trains seed `seed`, writes its final scatter and samples, returns its score and run time.
fn one_seed(
    f: &Flags,
    data: &GaussianMixture2d,
    seed: u64,
    out: &Path,
) -> Result<(ModeCoverage, f64), Box<dyn Error + Send + Sync>> {
    let started = Instant::now();
    let mut gan = Gan::<f32>::new(config(f, seed), 2)?;
    gan.train(&unit_extent(data), |_| {})?;
    let seconds = started.elapsed().as_secs_f64();
    let score = score(&gan, data)?;
    let dir = out.join(format!("seed_{seed}"));
    let title = format!(
        "seed {seed}: {} of {} modes, {:.1}% of samples within 3σ",
        score.modes_covered,
        data.modes().len(),
        100.0 * score.high_quality_fraction
    );
    scatter(&gan, data, &dir.join("scatter_final.png"), &title).map_err(|e| e.to_string())?;
    write_samples(&gan, data, &dir.join("samples.csv")).map_err(|e| e.to_string())?;
    Ok((score, seconds))
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

/// The 2,500 scored samples over D's heat-map, the modes as white crosses.
fn scatter(
    gan: &Gan<f32>,
    data: &GaussianMixture2d,
    path: &Path,
    title: &str,
) -> Result<(), Box<dyn Error>> {
    let frame = data.frame();
    let cells = 120;
    let points = Heatmap::grid_points::<f32>(frame, frame, cells, cells);
    let d = gan.discriminate((points / data.extent() as f32).view());
    let values = d.into_shape_with_order((cells, cells))?;
    let heatmap = Heatmap::new(frame, frame, values.view());
    let samples: Vec<(f64, f64)> = samples(gan, data)
        .rows()
        .into_iter()
        .map(|r| (f64::from(r[0]), f64::from(r[1])))
        .collect();
    scatter_over_heatmap(path, &heatmap, &samples, data.modes(), title)?;
    Ok(())
}

fn write_samples(gan: &Gan<f32>, data: &GaussianMixture2d, path: &Path) -> std::io::Result<()> {
    let mut csv = String::from("x,y\n");
    for row in samples(gan, data).rows() {
        let _ = writeln!(csv, "{},{}", row[0], row[1]);
    }
    adversarial::io::write_atomic(path, csv.as_bytes())
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

/// `(mean, standard error = sample standard deviation / √n)`.
fn mean_and_standard_error(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let values: Vec<f64> = values.collect();
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, (variance / n).sqrt())
}
