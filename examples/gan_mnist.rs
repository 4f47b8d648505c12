//! A GAN on real MNIST digits: by default the 5,000 digits shipped in `data/` (500 per
//! class, `datasets::mnist_subset`: nothing is downloaded), or full MNIST (or Fashion-MNIST)
//! from IDX files with `--data DIR`; the multilayer perceptrons of Goodfellow et al.'s MNIST
//! experiments, grown to the STEP-MNIST shapes. With `--conditional`, G and D are told the
//! class (Mirza & Osindero 2014, `gan::conditional_gan`). Notebook:
//! `notebooks-md/06_mode_collapse.md`.
//!
//! ```sh
//! cargo run --release --example gan_mnist -- [--data DIR] [--loss non-saturating|minimax|…]
//!     [--conditional] [--pack M] [--steps 3000] [--grid-every 500] [--seed 0] [--out out/gan_mnist]
//! ```
//! `DIR` holds `train-images-idx3-ubyte` and `train-labels-idx1-ubyte` (raw or `.gz`), 28×28.
//! Writes `samples_grid_<step>.png` every `--grid-every` steps, `samples_grid.png` (the last),
//! `loss_curves.png`, `history.csv` and `metrics.csv` (the image metrics beside the real
//! baseline: IS analogue, Fréchet distance, precision/recall, classes, confidence, Parzen;
//! label agreement per class when conditional); unconditional: the grids are generated | real
//! and `samples.csv` holds 100 samples (`p0 … p783` in [0, 1]); conditional: the grids are
//! 10 × 10, one row per class, and `samples_by_class.csv` holds 100 samples of each class
//! (`label,p0,…,p783`).

mod common;

use adversarial::datasets::{mnist, mnist_subset, LabelledImages, MnistSplit, MNIST_IMAGE_SHAPE};
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

/// Images shown in each panel of an unconditional grid.
const SHOWN: usize = 50;
/// Samples per batch (a `--pack` must divide it).
const BATCH_SIZE: usize = 64;
/// Classes of the digits, and the conditional samples written per class.
const CLASSES: usize = 10;
const PER_CLASS: usize = 100;

/// What `--data` must hold and where to get it, after the line that says what went wrong.
const WHERE_TO_GET_MNIST: &str = "\
The folder must contain (raw or gzip-compressed, as downloaded):
    train-images-idx3-ubyte.gz   (9.9 MB)
    train-labels-idx1-ubyte.gz   (29 KB)
Get them from Yann LeCun's page, http://yann.lecun.com/exdb/mnist/, or the mirror that
torchvision downloads from, https://ossci-datasets.s3.amazonaws.com/mnist/ , e.g.
    mkdir -p ~/data/mnist && cd ~/data/mnist
    curl -O https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz
    curl -O https://ossci-datasets.s3.amazonaws.com/mnist/train-labels-idx1-ubyte.gz
then run: cargo run --release --example gan_mnist -- --data ~/data/mnist";

/// A GAN on real MNIST digits (the 5,000 shipped in data/, or IDX files with --data): the
/// STEP-MNIST multilayer perceptrons.
#[derive(Parser)]
#[command(allow_negative_numbers = true)]
struct Flags {
    /// Train on full MNIST from this folder (train-images-idx3-ubyte and
    /// train-labels-idx1-ubyte, raw or .gz) instead of the 5,000 shipped digits
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// The GAN objective (wgan and wgan-gp bring their papers' optimizers and k = 5)
    #[arg(long, default_value = "non-saturating", value_parser = common::cli::loss())]
    loss: GanLoss,
    /// Give G and D the class (a conditional GAN): samples_by_class.csv, one grid row per class
    #[arg(long)]
    conditional: bool,
    /// PacGAN's m: D judges packs of M samples; M must divide the batch size 64
    #[arg(long, value_name = "M", default_value_t = 1, value_parser = common::cli::pack::<BATCH_SIZE>)]
    pack: usize,
    /// Generator updates
    #[arg(long, value_name = "N", default_value_t = 3000, value_parser = at_least_one)]
    steps: usize,
    /// A grid of samples every N steps
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = at_least_one)]
    grid_every: usize,
    /// Sample from a moving average of G's parameters, θ̄ ← β·θ̄ + (1 − β)·θ, e.g. 0.999
    #[arg(long, value_name = "BETA", value_parser = common::cli::average_rate)]
    average: Option<f64>,
    /// Seed of the weights, the noise, the data batches and the metrics' classifier
    #[arg(long, default_value_t = 0, value_parser = common::cli::seed)]
    seed: u64,
    /// Output folder
    #[arg(long, value_name = "DIR", default_value = "out/gan_mnist")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let f = Flags::parse();
    let data = match &f.data {
        None => mnist_subset(),
        Some(dir) => match mnist(dir, MnistSplit::Train)
            .and_then(|d| d.expect_image_shape(MNIST_IMAGE_SHAPE))
        {
            Ok(data) => data,
            Err(e) => {
                eprintln!("error: {}\n\n{WHERE_TO_GET_MNIST}", common::one_line(&e));
                return ExitCode::from(2);
            }
        },
    };
    let data = data.with_range(-1.0, 1.0);
    common::exit(if f.conditional {
        run_conditional(&f, &data)
    } else {
        run(&f, &data)
    })
}

/// STEP-MNIST: G z(100) → 128 → 256 → 512 → 1024 → 784 (tanh), D 784·m → 512 → 256 → 1,
/// LeakyReLU(0.2) throughout; pixels in [−1, 1]. Conditional: G and D read the 10 one-hot
/// label columns too (G 110 → …, D (784 + 10)·m → …).
fn config(f: &Flags) -> GanConfig {
    let adam = common::adam(2e-4);
    GanConfig {
        prior: Prior::Normal,
        noise_size: 100,
        generator_hidden: vec![128, 256, 512, 1024],
        generator_activation: Activation::LeakyRelu(0.2),
        generator_output: Activation::Tanh,
        discriminator_hidden: vec![512, 256],
        discriminator_activation: Activation::LeakyRelu(0.2),
        packing: f.pack,
        batch_size: BATCH_SIZE,
        generator_optimizer: adam.into(),
        discriminator_optimizer: adam.into(),
        schedule: Schedule::Constant,
        discriminator_steps: 1,
        loss: GanLoss::NonSaturating,
        steps: f.steps,
        seed: f.seed,
        log_every: 20,
        generator_average: f.average,
    }
    .with_loss(f.loss)
}

fn run(f: &Flags, data: &LabelledImages) -> common::Result {
    output::create_folder(&f.out)?;
    let (height, width) = data.image_shape();
    println!(
        "{} training images of {height} × {width} pixels",
        data.len()
    );
    // Evenly spaced, not the first SHOWN: the shipped digits are sorted by class.
    let shown: Vec<usize> = (0..SHOWN.min(data.len()))
        .map(|i| i * data.len() / SHOWN.min(data.len()))
        .collect();
    let real = data.select(&shown);
    let real = to_unit_range(&real.to_array::<f32>());
    let report = ImageReport::new(data, f.seed)?;
    let mut gan = Gan::<f32>::new(config(f), height * width)?;
    let grid = |gan: &Gan<f32>, path: &Path, title: &str| {
        let generated = to_unit_range(&gan.sample(SHOWN, 0x5eed));
        let panels = [("generated", generated.view()), ("real", real.view())];
        image_grids(path, &panels, &ImageLayout::MNIST, title)
    };
    let (history, written, seconds) =
        run_of(f).train_with_grids(&mut gan, data, &snapshots(f), "MNIST", grid)?;
    gan.save_checkpoint_in_units(f.out.join("checkpoint.safetensors"), 0.5, 0.5)?;
    output::write_samples(
        &f.out.join("samples.csv"),
        to_unit_range(&gan.sample(100, f.seed ^ 0x5eed)).view(),
        Columns::Pixels,
    )?;
    let scored = to_unit_range(&gan.sample(report.sample_size(), f.seed ^ 0x5c0e));
    let (table, csv) = report.measure(scored.view(), None)?;
    run_of(f).finish(&history, &written, seconds, &table, &csv, "samples.csv")
}

fn run_conditional(f: &Flags, data: &LabelledImages) -> common::Result {
    output::create_folder(&f.out)?;
    let (height, width) = data.image_shape();
    let labels: Vec<usize> = data.labels().iter().map(|&y| usize::from(y)).collect();
    println!(
        "{} training images of {height} × {width} pixels, conditional on their {CLASSES} classes",
        data.len()
    );
    let joint = with_one_hot(data.to_array::<f32>().view(), &labels, CLASSES);
    let real = real_by_class(data, CLASSES);
    let report = ImageReport::new(data, f.seed)?;
    let mut gan = conditional_gan::<f32>(config(f), height * width, CLASSES)?;
    let grid = |gan: &ConditionalGan<f32>, path: &Path, title: &str| {
        let generated = to_unit_range(&gan.sample_by_class(CLASSES, 0x5eed).0);
        let panels = [("generated", generated.view()), ("real", real.view())];
        image_grids(path, &panels, &ImageLayout::MNIST, title)
    };
    let (history, written, seconds) =
        run_of(f).train_with_grids(&mut gan, &joint, &snapshots(f), "MNIST", grid)?;
    gan.save_conditional_checkpoint(f.out.join("checkpoint.safetensors"), 0.5, 0.5)?;
    let (images, by_class) = gan.sample_by_class(PER_CLASS, f.seed ^ 0x5eed);
    let images = to_unit_range(&images);
    let by_class_csv = samples_by_class_csv(images.view(), &by_class);
    output::write(&f.out.join("samples_by_class.csv"), by_class_csv.as_bytes())?;
    // The metrics of p_G(x) = Σ_y p(y)·p_G(x | y): the images of G's own (z, u) draws.
    let scored = gan.sample(report.sample_size(), f.seed ^ 0x5c0e);
    let scored = to_unit_range(&scored.slice(s![.., ..height * width]).to_owned());
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

/// A grid every `--grid-every` steps, and one at the end.
fn snapshots(f: &Flags) -> Vec<usize> {
    let mut steps: Vec<usize> = (f.grid_every..f.steps).step_by(f.grid_every).collect();
    steps.push(f.steps);
    steps
}

/// Pixels from the tanh range [−1, 1] back to [0, 1]: `(x + 1)/2`.
fn to_unit_range(images: &Array2<f32>) -> Array2<f32> {
    images.mapv(|x| (x + 1.0) / 2.0)
}
