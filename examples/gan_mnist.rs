//! A GAN on real MNIST digits: by default the 5,000 digits shipped in `data/` (500 per
//! class, `datasets::mnist_subset`: nothing is downloaded), or full MNIST (or Fashion-MNIST)
//! from IDX files with `--data DIR`; the multilayer perceptrons of Goodfellow et al.'s MNIST
//! experiments, grown to the STEP-MNIST shapes. Notebook: `notebooks-md/06_mode_collapse.md`.
//!
//! ```sh
//! cargo run --release --example gan_mnist -- [--data DIR] [--loss non-saturating|minimax|…]
//!     [--steps 3000] [--grid-every 500] [--seed 0] [--out out/gan_mnist]
//! ```
//! `DIR` holds `train-images-idx3-ubyte` and `train-labels-idx1-ubyte` (raw or `.gz`), 28×28.
//! Writes `samples_grid_<step>.png` (generated | real) every `--grid-every` steps,
//! `samples_grid.png` (the last), `loss_curves.png`, `history.csv` and `samples.csv`
//! (100 final samples, `p0 … p783` in [0, 1]).

mod common;

use adversarial::datasets::{mnist, mnist_subset, LabelledImages, MnistSplit, MNIST_IMAGE_SHAPE};
use adversarial::gan::{Gan, GanConfig, GanLoss, History, Prior, Schedule};
use adversarial::nn::Activation;
use adversarial::plot::{image_grids, ImageLayout};
use clap::Parser;
use common::cli::at_least_one;
use common::output::{self, Columns};
use common::progress::Progress;
use ndarray::Array2;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Images shown in each panel of a grid.
const SHOWN: usize = 50;

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
    /// Generator updates
    #[arg(long, value_name = "N", default_value_t = 3000, value_parser = at_least_one)]
    steps: usize,
    /// A grid of samples every N steps
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = at_least_one)]
    grid_every: usize,
    /// Seed of the weights, the noise and the data batches
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
    common::exit(run(&f, &data))
}

/// STEP-MNIST: G z(100) → 128 → 256 → 512 → 1024 → 784 (tanh), D 784 → 512 → 256 → 1,
/// LeakyReLU(0.2) throughout; pixels in [−1, 1].
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
        packing: 1,
        batch_size: 64,
        generator_optimizer: adam.into(),
        discriminator_optimizer: adam.into(),
        schedule: Schedule::Constant,
        discriminator_steps: 1,
        loss: GanLoss::NonSaturating,
        steps: f.steps,
        seed: f.seed,
        log_every: 20,
    }
    .with_loss(f.loss)
}

fn run(f: &Flags, data: &LabelledImages) -> common::Result {
    output::create_folder(&f.out)?;
    let loss = f.loss;
    let (height, width) = data.image_shape();
    println!(
        "{} training images of {height} × {width} pixels",
        data.len()
    );
    let real = data.select(&(0..SHOWN.min(data.len())).collect::<Vec<_>>());
    let real = to_unit_range(&real.to_array::<f32>());
    let mut gan = Gan::<f32>::new(config(f), height * width)?;
    let progress = Progress::new(f.steps, "training");
    let started = Instant::now();
    let mut history = History::default();
    let mut written = Vec::new();
    let mut checkpoints: Vec<usize> = (f.grid_every..f.steps).step_by(f.grid_every).collect();
    checkpoints.push(f.steps);
    for step in checkpoints {
        let part = gan.train_until(data, step, |s| progress.step("", s))?;
        history.rows.extend(part.rows);
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
    progress.finish();
    let seconds = started.elapsed().as_secs_f64();
    let final_grid = f.out.join("samples_grid.png");
    output::copy(written.last().expect("at least one grid"), &final_grid)?;
    output::write_history(&f.out, &history, loss)?;
    gan.save_checkpoint_in_units(f.out.join("checkpoint.safetensors"), 0.5, 0.5)?;
    output::write_samples(
        &f.out.join("samples.csv"),
        to_unit_range(&gan.sample(100, f.seed ^ 0x5eed)).view(),
        Columns::Pixels,
    )?;
    println!(
        "trained {} steps in {seconds:.1} s ({loss:?} loss, seed {})",
        f.steps, f.seed
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
