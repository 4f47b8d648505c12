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

use adversarial::datasets::{digits, LabelledImages};
use adversarial::gan::{Gan, GanConfig, GanLoss, History, Prior, Schedule};
use adversarial::metrics::{ClassHistogram, DigitClassifier};
use adversarial::nn::Activation;
use adversarial::optim::AdamParams;
use adversarial::plot::{image_grids, ImageLayout};
use ndarray::{s, Array2};
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Generated digits scored by the classifier.
const SCORED_SAMPLES: usize = 1000;
/// Digits shown in each panel of a grid.
const SHOWN: usize = 50;

struct Flags {
    loss: GanLoss,
    steps: usize,
    seed: u64,
    out: PathBuf,
}

fn flags() -> Result<Flags, String> {
    let mut f = Flags {
        loss: GanLoss::NonSaturating,
        steps: 6000,
        seed: 0,
        out: PathBuf::from("out/gan_digits"),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).ok_or(format!("{} needs a value", pair[0]))?;
        let number = |what: &str| format!("{what} {value}: not a whole number");
        match pair[0].as_str() {
            "--loss" if value == "minimax" => f.loss = GanLoss::Minimax,
            "--loss" if value == "non-saturating" => f.loss = GanLoss::NonSaturating,
            "--steps" => f.steps = value.parse().map_err(|_| number("--steps"))?,
            "--seed" => f.seed = value.parse().map_err(|_| number("--seed"))?,
            "--out" => f.out = PathBuf::from(value),
            flag => return Err(format!("unknown flag or value: {flag} {value}")),
        }
    }
    Ok(f)
}

/// G z(32) → 256 → 256 → 64 (sigmoid: pixels in [0, 1]), D 64 → 256 → 256 → 1, LeakyReLU(0.2).
fn config(f: &Flags) -> GanConfig {
    let adam = |learning_rate| AdamParams {
        learning_rate,
        beta1: 0.5,
        beta2: 0.999,
        epsilon: 1e-8,
    };
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
        loss: f.loss,
        steps: f.steps,
        seed: f.seed,
        log_every: 50,
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let f = flags().map_err(|e| {
        format!("{e}\nusage: gan_digits [--loss non-saturating|minimax] [--steps N] [--seed S] [--out DIR]")
    })?;
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
    let mut gan = Gan::<f32>::new(config(&f), 64)?;
    let started = Instant::now();
    let mut history = History::default();
    let mut written = Vec::new();
    for step in [f.steps / 10, f.steps / 2, f.steps] {
        history
            .rows
            .extend(gan.train_until(&data, step, |_| {})?.rows);
        let path = f.out.join(format!("samples_grid_{step}.png"));
        grid(
            &gan,
            &real,
            &path,
            &format!("8×8 digits after {step} steps"),
        )?;
        written.push(path);
    }
    let seconds = started.elapsed().as_secs_f64();
    let final_grid = f.out.join("samples_grid.png");
    std::fs::copy(written.last().expect("three snapshots"), &final_grid)?;
    let generated = gan.sample(SCORED_SAMPLES, f.seed ^ 0x5eed);
    let score = classifier.score(generated.view())?;

    history.write_csv(f.out.join("history.csv"))?;
    history.write_loss_curves(f.out.join("loss_curves.png"), f.loss)?;
    write_samples(&generated, &f.out.join("samples.csv"))?;
    let metrics = format!(
        "held_out_accuracy,classes_covered,kl_to_uniform,mean_confidence,seconds\n{},{},{},{},{seconds:.1}\n",
        classifier.held_out_accuracy(),
        score.classes_covered,
        score.kl_to_uniform,
        score.mean_confidence
    );
    adversarial::io::write_atomic(&f.out.join("metrics.csv"), metrics.as_bytes())?;

    println!(
        "trained {} steps in {seconds:.1} s ({:?} loss, seed {})",
        f.steps, f.loss, f.seed
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
fn grid(
    gan: &Gan<f32>,
    real: &Array2<f32>,
    path: &Path,
    title: &str,
) -> Result<(), Box<dyn Error>> {
    let generated = gan.sample(SHOWN, 0x5eed);
    let panels = [
        ("generated", generated.view()),
        ("real", real.slice(s![.., ..])),
    ];
    image_grids(path, &panels, &ImageLayout::DIGITS, title)?;
    Ok(())
}

fn write_samples(samples: &Array2<f32>, path: &Path) -> std::io::Result<()> {
    let header: Vec<String> = (0..samples.ncols()).map(|j| format!("p{j}")).collect();
    let mut csv = header.join(",") + "\n";
    for row in samples.rows() {
        let values: Vec<String> = row.iter().map(f32::to_string).collect();
        let _ = writeln!(csv, "{}", values.join(","));
    }
    adversarial::io::write_atomic(path, csv.as_bytes())
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
