//! A GAN on MNIST from the IDX files you downloaded (nothing is fetched): the multilayer
//! perceptrons of Goodfellow et al.'s MNIST experiments, grown to the STEP-MNIST shapes.
//! Notebook: `notebooks-md/06_mode_collapse.md`.
//!
//! ```sh
//! cargo run --release --example gan_mnist -- --data DIR [--loss non-saturating|minimax]
//!     [--steps 3000] [--grid-every 500] [--seed 0] [--out out/gan_mnist]
//! ```
//! `DIR` holds `train-images-idx3-ubyte` and `train-labels-idx1-ubyte` (raw or `.gz`).
//! Writes `samples_grid_<step>.png` (generated | real) every `--grid-every` steps,
//! `samples_grid.png` (the last), `loss_curves.png`, `history.csv` and `samples.csv`
//! (100 final samples, `p0 … p783` in [0, 1]).

use adversarial::datasets::{mnist, LabelledImages, MnistSplit};
use adversarial::gan::{Gan, GanConfig, GanLoss, History, Prior, Schedule, StepStats};
use adversarial::nn::Activation;
use adversarial::optim::AdamParams;
use adversarial::plot::{image_grids, ImageLayout};
use indicatif::{ProgressBar, ProgressStyle};
use ndarray::Array2;
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Images shown in each panel of a grid.
const SHOWN: usize = 50;

const WHERE_TO_GET_MNIST: &str = "\
gan_mnist needs the MNIST training files; pass the folder that holds them with --data DIR.
The folder must contain (raw or gzip-compressed, as downloaded):
    train-images-idx3-ubyte.gz   (9.9 MB)
    train-labels-idx1-ubyte.gz   (29 KB)
Get them from Yann LeCun's page, http://yann.lecun.com/exdb/mnist/, or the mirror that
torchvision downloads from, https://ossci-datasets.s3.amazonaws.com/mnist/ , e.g.
    mkdir -p ~/data/mnist && cd ~/data/mnist
    curl -O https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz
    curl -O https://ossci-datasets.s3.amazonaws.com/mnist/train-labels-idx1-ubyte.gz
then run: cargo run --release --example gan_mnist -- --data ~/data/mnist";

const USAGE: &str = "usage: gan_mnist --data DIR [--loss non-saturating|minimax] [--steps N] [--grid-every N] [--seed S] [--out DIR]";

struct Flags {
    data: Option<PathBuf>,
    loss: GanLoss,
    steps: usize,
    grid_every: usize,
    seed: u64,
    out: PathBuf,
}

fn flags() -> Result<Flags, String> {
    let mut f = Flags {
        data: None,
        loss: GanLoss::NonSaturating,
        steps: 3000,
        grid_every: 500,
        seed: 0,
        out: PathBuf::from("out/gan_mnist"),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).ok_or(format!("{} needs a value", pair[0]))?;
        let number = |what: &str| format!("{what} {value}: not a whole number");
        match pair[0].as_str() {
            "--data" => f.data = Some(PathBuf::from(value)),
            "--loss" if value == "minimax" => f.loss = GanLoss::Minimax,
            "--loss" if value == "non-saturating" => f.loss = GanLoss::NonSaturating,
            "--steps" => f.steps = value.parse().map_err(|_| number("--steps"))?,
            "--grid-every" => f.grid_every = value.parse().map_err(|_| number("--grid-every"))?,
            "--seed" => f.seed = value.parse().map_err(|_| number("--seed"))?,
            "--out" => f.out = PathBuf::from(value),
            flag => return Err(format!("unknown flag or value: {flag} {value}")),
        }
    }
    if f.grid_every == 0 {
        return Err("--grid-every 0: must be at least 1".into());
    }
    Ok(f)
}

fn main() -> ExitCode {
    let f = match flags() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let Some(dir) = f.data.clone() else {
        eprintln!("{WHERE_TO_GET_MNIST}");
        return ExitCode::from(2);
    };
    let data = match mnist(&dir, MnistSplit::Train) {
        Ok(data) => data.with_range(-1.0, 1.0),
        Err(e) => {
            eprintln!("error: {e}\n\n{WHERE_TO_GET_MNIST}");
            return ExitCode::from(2);
        }
    };
    match run(&f, &data) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// STEP-MNIST: G z(100) → 128 → 256 → 512 → 1024 → 784 (tanh), D 784 → 512 → 256 → 1,
/// LeakyReLU(0.2) throughout; pixels in [−1, 1].
fn config(f: &Flags) -> GanConfig {
    let adam = AdamParams {
        learning_rate: 2e-4,
        beta1: 0.5,
        beta2: 0.999,
        epsilon: 1e-8,
    };
    GanConfig {
        prior: Prior::Normal,
        noise_size: 100,
        generator_hidden: vec![128, 256, 512, 1024],
        generator_activation: Activation::LeakyRelu(0.2),
        generator_output: Activation::Tanh,
        discriminator_hidden: vec![512, 256],
        discriminator_activation: Activation::LeakyRelu(0.2),
        packing: 1,
        batch_size: 64,
        generator_optimizer: adam.into(),
        discriminator_optimizer: adam.into(),
        schedule: Schedule::Constant,
        discriminator_steps: 1,
        loss: f.loss,
        steps: f.steps,
        seed: f.seed,
        log_every: 20,
    }
}

fn run(f: &Flags, data: &LabelledImages) -> Result<(), Box<dyn Error>> {
    let (height, width) = data.image_shape();
    println!(
        "{} training images of {height} × {width} pixels",
        data.len()
    );
    let real = data.select(&(0..SHOWN.min(data.len())).collect::<Vec<_>>());
    let real = to_unit_range(&real.to_array::<f32>());
    let mut gan = Gan::<f32>::new(config(f), height * width)?;
    let bar = ProgressBar::new(f.steps as u64).with_style(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} {elapsed} {msg}",
    )?);
    let progress = |s: &StepStats| {
        bar.inc(1);
        if s.step.is_multiple_of(20) {
            bar.set_message(format!(
                "D loss {:.3}  G loss {:.3}  D(x) {:.2}  D(G(z)) {:.2}",
                s.d_loss, s.g_loss, s.d_real, s.d_fake
            ));
        }
    };
    let started = Instant::now();
    let mut history = History::default();
    let mut written = Vec::new();
    let mut checkpoints: Vec<usize> = (f.grid_every..f.steps).step_by(f.grid_every).collect();
    checkpoints.push(f.steps);
    for step in checkpoints {
        history
            .rows
            .extend(gan.train_until(data, step, progress)?.rows);
        let generated = to_unit_range(&gan.sample(SHOWN, 0x5eed));
        let path = f.out.join(format!("samples_grid_{step}.png"));
        let panels = [("generated", generated.view()), ("real", real.view())];
        image_grids(
            &path,
            &panels,
            &ImageLayout::MNIST,
            &format!("MNIST after {step} steps"),
        )?;
        written.push(path);
    }
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let final_grid = f.out.join("samples_grid.png");
    std::fs::copy(written.last().expect("at least one grid"), &final_grid)?;
    history.write_csv(f.out.join("history.csv"))?;
    history.write_loss_curves(f.out.join("loss_curves.png"), f.loss)?;
    write_samples(
        &to_unit_range(&gan.sample(100, f.seed ^ 0x5eed)),
        &f.out.join("samples.csv"),
    )?;
    println!(
        "trained {} steps in {seconds:.1} s ({:?} loss, seed {})",
        f.steps, f.loss, f.seed
    );
    if let Some(last) = history.last() {
        println!(
            "last logged step: D loss {:.4} (ln 4 = {:.4}), G loss {:.4}, D(x) {:.3}, D(G(z)) {:.3}",
            last.d_loss,
            4f64.ln(),
            last.g_loss,
            last.d_real,
            last.d_fake
        );
    }
    for path in written.iter().chain([&final_grid]) {
        println!("wrote {}", path.display());
    }
    for name in ["loss_curves.png", "history.csv", "samples.csv"] {
        println!("wrote {}", f.out.join(name).display());
    }
    Ok(())
}

/// Pixels from the tanh range [−1, 1] back to [0, 1]: `(x + 1)/2`.
fn to_unit_range(images: &Array2<f32>) -> Array2<f32> {
    images.mapv(|x| (x + 1.0) / 2.0)
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
