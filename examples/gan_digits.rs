//! A GAN on the 1,797 8 × 8 UCI digits (shipped with the crate), judged by the image metrics
//! of `metrics::images` against the real held-out digits: a classifier built from the crate's
//! own layers gives the IS analogue, the Fréchet distance, precision/recall, classes covered,
//! mean confidence and the Parzen estimate. With `--conditional`, G and D are told the class
//! (Mirza & Osindero 2014, `gan::conditional_gan`). Notebook: `notebooks-md/06_mode_collapse.md`.
//!
//! ```sh
//! cargo run --release --example gan_digits -- [--loss non-saturating|minimax|…]
//!     [--conditional] [--pack M] [--steps N] [--average BETA] [--categories K]
//!     [--category-scale S] [--seed 0] [--out out/gan_digits]
//! ```
//! `--categories K` gives G a latent in K separate pieces (`Prior::CategoricalNormal`, a
//! one-hot category scaled by S before the 32 normal coordinates): the unconditional GAN's
//! best configuration, `--categories 10 --steps 12000` (`docs/RESULTS.md`).
//! Writes `samples_grid.png`, `samples_grid_<step>.png` along the way, `loss_curves.png`,
//! `history.csv` and `metrics.csv` (header `metric,generated,real`, with the run time);
//! unconditional: the grids are generated | real and `samples.csv` holds the scored samples
//! (`p0 … p63` in [0, 1]); conditional: the grids are 10 × 10, one row per class, beside real
//! digits so arranged, `samples_by_class.csv` holds 100 samples of each class
//! (`label,p0,…,p63`) and `metrics.csv` the share classified as their label, per class.

mod common;

use adversarial::datasets::{digits, LabelledImages};
use adversarial::gan::{
    conditional_gan, with_one_hot, ConditionalGan, Gan, GanConfig, GanLoss, Prior, Schedule,
};
use adversarial::nn::Activation;
use adversarial::plot::{image_grids, ImageLayout};
use clap::Parser;
use common::cli::at_least_one;
use common::image_report::{real_by_class, samples_by_class_csv, ImageReport};
use common::image_run::ImageRun;
use common::output::{self, Columns};
use ndarray::{s, Array2};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Samples per batch (a `--pack` must divide it).
const BATCH_SIZE: usize = 128;
/// Digits shown in each panel of an unconditional grid.
const SHOWN: usize = 50;
/// Classes of the digits, and the conditional samples written per class.
const CLASSES: usize = 10;
const PER_CLASS: usize = 100;

/// A GAN on the 1,797 8 × 8 UCI digits, judged by image metrics beside real digits' (IS
/// analogue, Fréchet distance, precision/recall, classes covered, mean confidence).
#[derive(Parser)]
#[command(allow_negative_numbers = true)]
struct Flags {
    /// The GAN objective (wgan and wgan-gp bring their papers' optimizers and k = 5)
    #[arg(long, default_value = "non-saturating", value_parser = common::cli::loss())]
    loss: GanLoss,
    /// Give G and D the class (a conditional GAN): samples_by_class.csv, one grid row per class
    #[arg(long)]
    conditional: bool,
    /// PacGAN's m: D judges packs of M samples; M must divide the batch size 128
    #[arg(long, value_name = "M", default_value_t = 1, value_parser = common::cli::pack::<BATCH_SIZE>)]
    pack: usize,
    /// Generator updates
    #[arg(long, value_name = "N", default_value_t = 6000, value_parser = at_least_one)]
    steps: usize,
    /// Sample from a moving average of G's parameters, θ̄ ← β·θ̄ + (1 − β)·θ, e.g. 0.999
    #[arg(long, value_name = "BETA", value_parser = common::cli::average_rate)]
    average: Option<f64>,
    /// A latent in K separate pieces: z = (S·e_c, n), c ~ U{0, …, K − 1}, n ~ N(0, I₃₂)
    #[arg(long, value_name = "K", value_parser = common::cli::categories)]
    categories: Option<usize>,
    /// S, how far apart the pieces of --categories sit
    #[arg(long, value_name = "S", default_value_t = 5.0, value_parser = common::cli::positive, requires = "categories")]
    category_scale: f64,
    /// Seed of the weights, the noise, the data batches and the classifier
    #[arg(long, default_value_t = 0, value_parser = common::cli::seed)]
    seed: u64,
    /// Output folder
    #[arg(long, value_name = "DIR", default_value = "out/gan_digits")]
    out: PathBuf,
}

/// Normal coordinates of G's noise.
const NORMAL_NOISE: usize = 32;

/// G z(32) → 256 → 256 → 64 (sigmoid: pixels in [0, 1]), D 64 → 256 → 256 → 1, LeakyReLU(0.2);
/// conditional: both read the 10 one-hot label columns too (G 42 → …, D 74 → …); with
/// `--categories K`, G's noise has K more columns in front.
fn config(f: &Flags) -> GanConfig {
    let adam = common::adam;
    let (prior, categories) = match f.categories {
        None => (Prior::Normal, 0),
        Some(categories) => {
            let scale = f.category_scale;
            (Prior::CategoricalNormal { categories, scale }, categories)
        }
    };
    GanConfig {
        prior,
        noise_size: categories + NORMAL_NOISE,
        generator_hidden: vec![256, 256],
        generator_activation: Activation::LeakyRelu(0.2),
        generator_output: Activation::Sigmoid,
        discriminator_hidden: vec![256, 256],
        discriminator_activation: Activation::LeakyRelu(0.2),
        packing: f.pack,
        batch_size: BATCH_SIZE,
        generator_optimizer: adam(2e-4).into(),
        discriminator_optimizer: adam(2e-4).into(),
        schedule: Schedule::LinearDecay,
        discriminator_steps: 1,
        loss: GanLoss::NonSaturating,
        steps: f.steps,
        seed: f.seed,
        log_every: 50,
        generator_average: f.average,
    }
    .with_loss(f.loss)
}

fn main() -> ExitCode {
    let f = Flags::parse();
    common::exit(if f.conditional {
        run_conditional(&f)
    } else {
        run(&f)
    })
}

fn run(f: &Flags) -> common::Result {
    output::create_folder(&f.out)?;
    let data = digits();
    let report = measured_classifier(&data, f.seed)?;
    let real = first_of_each_class(&data, SHOWN);
    let mut gan = Gan::<f32>::new(config(f), 64)?;
    let grid = |gan: &Gan<f32>, path: &Path, title: &str| {
        let generated = gan.sample(SHOWN, 0x5eed);
        let panels = [("generated", generated.view()), ("real", real.view())];
        image_grids(path, &panels, &ImageLayout::DIGITS, title)
    };
    let (history, written, seconds) =
        run_of(f).train_with_grids(&mut gan, &data, &snapshots(f), "8×8 digits", grid)?;
    gan.save_checkpoint(f.out.join("checkpoint.safetensors"))?;
    let generated = gan.sample(report.sample_size(), f.seed ^ 0x5eed);
    output::write_samples(
        &f.out.join("samples.csv"),
        generated.view(),
        Columns::Pixels,
    )?;
    let (table, csv) = report.measure(generated.view(), None)?;
    run_of(f).finish(&history, &written, seconds, &table, &csv, "samples.csv")
}

fn run_conditional(f: &Flags) -> common::Result {
    output::create_folder(&f.out)?;
    let data = digits();
    let report = measured_classifier(&data, f.seed)?;
    let labels: Vec<usize> = data.labels().iter().map(|&y| usize::from(y)).collect();
    let joint = with_one_hot(data.to_array::<f32>().view(), &labels, CLASSES);
    let real = real_by_class(&data, CLASSES);
    let mut gan = conditional_gan::<f32>(config(f), 64, CLASSES)?;
    let grid = |gan: &ConditionalGan<f32>, path: &Path, title: &str| {
        let generated = gan.sample_by_class(CLASSES, 0x5eed).0;
        let panels = [("generated", generated.view()), ("real", real.view())];
        image_grids(path, &panels, &ImageLayout::DIGITS, title)
    };
    let (history, written, seconds) =
        run_of(f).train_with_grids(&mut gan, &joint, &snapshots(f), "8×8 digits", grid)?;
    gan.save_conditional_checkpoint(f.out.join("checkpoint.safetensors"), 1.0, 0.0)?;
    let (images, by_class) = gan.sample_by_class(PER_CLASS, f.seed ^ 0x5eed);
    let by_class_csv = samples_by_class_csv(images.view(), &by_class);
    output::write(&f.out.join("samples_by_class.csv"), by_class_csv.as_bytes())?;
    // The metrics of p_G(x) = Σ_y p(y)·p_G(x | y): the images of G's own (z, u) draws.
    let scored = gan.sample(report.sample_size(), f.seed ^ 0x5c0e);
    let scored = scored.slice(s![.., ..64]).to_owned();
    let (table, csv) = report.measure(scored.view(), Some((images.view(), &by_class)))?;
    run_of(f).finish(
        &history,
        &written,
        seconds,
        &table,
        &csv,
        "samples_by_class.csv",
    )
}

/// The metrics' classifier trained on the digits, its accuracy and training time printed.
fn measured_classifier(data: &LabelledImages, seed: u64) -> common::Result<ImageReport> {
    let started = Instant::now();
    let report = ImageReport::new(data, seed)?;
    println!(
        "classifier (64 → 128 → 10, softmax cross-entropy, Adam): held-out accuracy {:.1}% on {} digits ({:.1} s)",
        100.0 * report.evaluation.classifier().held_out_accuracy(),
        report.sample_size(),
        started.elapsed().as_secs_f64()
    );
    Ok(report)
}

/// How the shared loop and report name this run.
fn run_of(f: &Flags) -> ImageRun<'_> {
    ImageRun {
        out: &f.out,
        loss: f.loss,
        steps: f.steps,
        pack: f.pack,
        seed: f.seed,
        conditional: f.conditional,
    }
}

/// Grids at a tenth, half and all of the steps.
fn snapshots(f: &Flags) -> [usize; 3] {
    [f.steps / 10, f.steps / 2, f.steps]
}

/// `count` real digits, the classes in turn (0, 1, …, 9, 0, 1, …), in [0, 1].
fn first_of_each_class(data: &LabelledImages, count: usize) -> Array2<f32> {
    let mut picked = Vec::new();
    let mut next = [0usize; 10];
    while picked.len() < count {
        let class = (picked.len() % 10) as u8;
        let start = next[usize::from(class)];
        let i = (start..data.len())
            .find(|&i| data.labels()[i] == class)
            .expect("every class has more images than shown");
        next[usize::from(class)] = i + 1;
        picked.push(i);
    }
    data.select(&picked).to_array()
}
