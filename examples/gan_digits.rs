//! A GAN on the 1,797 8 × 8 UCI digits (shipped with the crate), judged by a digit classifier
//! built from the crate's own layers: classes covered, KL of the class histogram to uniform,
//! mean confidence. Notebook: `notebooks-md/06_mode_collapse.md`.
//!
//! ```sh
//! cargo run --release --example gan_digits -- [--loss non-saturating|minimax] [--steps N]
//!     [--seed 0] [--out out/gan_digits]
//! ```
//! Writes `samples_grid.png` (generated | real), `samples_grid_<step>.png` along the way,
//! `loss_curves.png`, `history.csv`, `samples.csv` (the scored samples, `p0 … p63` in [0, 1])
//! and `metrics.csv`.

mod common;

use adversarial::datasets::{digits, LabelledImages};
use adversarial::gan::{Gan, GanConfig, GanLoss, History, Prior, Schedule};
use adversarial::metrics::{ClassHistogram, DigitClassifier};
use adversarial::nn::Activation;
use adversarial::plot::{image_grids, ImageLayout};
use clap::Parser;
use common::cli::at_least_one;
use common::output::{self, Columns};
use common::progress::Progress;
use ndarray::{s, Array2};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Generated digits scored by the classifier.
const SCORED_SAMPLES: usize = 1000;
/// Digits shown in each panel of a grid.
const SHOWN: usize = 50;

/// A GAN on the 1,797 8 × 8 UCI digits, judged by a digit classifier: classes covered, KL of
/// the class histogram to uniform, mean confidence.
#[derive(Parser)]
#[command(allow_negative_numbers = true)]
struct Flags {
    /// The GAN objective (wgan and wgan-gp bring their papers' optimizers and k = 5)
    #[arg(long, default_value = "non-saturating", value_parser = common::cli::loss())]
    loss: GanLoss,
    /// Generator updates
    #[arg(long, value_name = "N", default_value_t = 6000, value_parser = at_least_one)]
    steps: usize,
    /// Seed of the weights, the noise, the data batches and the classifier
    #[arg(long, default_value_t = 0, value_parser = common::cli::seed)]
    seed: u64,
    /// Output folder
    #[arg(long, value_name = "DIR", default_value = "out/gan_digits")]
    out: PathBuf,
}

/// G z(32) → 256 → 256 → 64 (sigmoid: pixels in [0, 1]), D 64 → 256 → 256 → 1, LeakyReLU(0.2).
fn config(f: &Flags) -> GanConfig {
    let adam = common::adam;
    GanConfig {
        prior: Prior::Normal,
        noise_size: 32,
        generator_hidden: vec![256, 256],
        generator_activation: Activation::LeakyRelu(0.2),
        generator_output: Activation::Sigmoid,
        discriminator_hidden: vec![256, 256],
        discriminator_activation: Activation::LeakyRelu(0.2),
        packing: 1,
        batch_size: 128,
        generator_optimizer: adam(2e-4).into(),
        discriminator_optimizer: adam(2e-4).into(),
        schedule: Schedule::LinearDecay,
        discriminator_steps: 1,
        loss: GanLoss::NonSaturating,
        steps: f.steps,
        seed: f.seed,
        log_every: 50,
    }
    .with_loss(f.loss)
}

fn main() -> ExitCode {
    common::exit(run(&Flags::parse()))
}

fn run(f: &Flags) -> common::Result {
    output::create_folder(&f.out)?;
    let loss = f.loss;
    let data = digits();
    let started = Instant::now();
    let classifier = DigitClassifier::train(&data, f.seed)?;
    println!(
        "classifier (64 → 128 → 10, softmax cross-entropy, Adam): held-out accuracy {:.1}% on {} digits ({:.1} s)",
        100.0 * classifier.held_out_accuracy(),
        (0.2 * data.len() as f64).round(),
        started.elapsed().as_secs_f64()
    );
    let real = first_of_each_class(&data, SHOWN);
    let mut gan = Gan::<f32>::new(config(f), 64)?;
    let started = Instant::now();
    let progress = Progress::new(f.steps, "training");
    let mut history = History::default();
    let mut written = Vec::new();
    for step in [f.steps / 10, f.steps / 2, f.steps] {
        let part = gan.train_until(&data, step, |s| progress.step("", s))?;
        history.rows.extend(part.rows);
        let path = f.out.join(format!("samples_grid_{step}.png"));
        grid(
            &gan,
            &real,
            &path,
            &format!("8×8 digits after {step} steps"),
        )?;
        written.push(path);
    }
    progress.finish();
    let seconds = started.elapsed().as_secs_f64();
    let final_grid = f.out.join("samples_grid.png");
    output::copy(written.last().expect("three snapshots"), &final_grid)?;
    let generated = gan.sample(SCORED_SAMPLES, f.seed ^ 0x5eed);
    let score = classifier.score(generated.view())?;

    output::write_history(&f.out, &history, loss)?;
    gan.save_checkpoint(f.out.join("checkpoint.safetensors"))?;
    output::write_samples(
        &f.out.join("samples.csv"),
        generated.view(),
        Columns::Pixels,
    )?;
    let metrics = format!(
        "held_out_accuracy,classes_covered,kl_to_uniform,mean_confidence,seconds\n{},{},{},{},{seconds:.1}\n",
        classifier.held_out_accuracy(),
        score.classes_covered,
        score.kl_to_uniform,
        score.mean_confidence
    );
    output::write(&f.out.join("metrics.csv"), metrics.as_bytes())?;

    println!(
        "trained {} steps in {seconds:.1} s ({loss:?} loss, seed {})",
        f.steps, f.seed
    );
    print_score(&score);
    for path in written.iter().chain([&final_grid]) {
        println!("wrote {}", path.display());
    }
    for name in [
        "loss_curves.png",
        "history.csv",
        "samples.csv",
        "metrics.csv",
    ] {
        println!("wrote {}", f.out.join(name).display());
    }
    Ok(())
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

/// Generated digits (fixed noise, so the grids show the same z along the run) beside real ones.
fn grid(gan: &Gan<f32>, real: &Array2<f32>, path: &Path, title: &str) -> common::Result {
    let generated = gan.sample(SHOWN, 0x5eed);
    let panels = [
        ("generated", generated.view()),
        ("real", real.slice(s![.., ..])),
    ];
    image_grids(path, &panels, &ImageLayout::DIGITS, title)?;
    Ok(())
}

fn print_score(s: &ClassHistogram) {
    println!(
        "generated digits ({SCORED_SAMPLES}): {}/10 classes, KL(class histogram ‖ uniform) = {:.3} nats (ln 10 = {:.3} for one class), mean confidence {:.3}",
        s.classes_covered,
        s.kl_to_uniform,
        10f64.ln(),
        s.mean_confidence
    );
    println!("images per class 0–9: {:?}", s.class_counts);
}
