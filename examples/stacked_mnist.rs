//! Mode collapse on images, counted: stacked MNIST (VEEGAN, Srivastava et al. 2017, §5.2;
//! PacGAN, Lin et al. 2018, Table 2). Three of the shipped MNIST digits stacked as channels
//! give 1,000 modes (`datasets::stacked_digits`); a GAN of multilayer perceptrons, plain or
//! packed (`--pack M`), is trained on them and its samples' modes are counted by the digit
//! classifier, channel by channel (`metrics::images::stacked_mode_coverage`), beside the
//! same count for real stacked digits.
//!
//! ```sh
//! cargo run --release --example stacked_mnist -- [--pack 1|2|4] [--steps 4000] [--seed 0]
//!     [--samples 26000] [--out out/stacked_mnist]
//! ```
//! PacGAN's Table 2 (26,000 samples): DCGAN 99 modes / KL 3.40, PacDCGAN2 1,000 / 0.06, with
//! convolutional networks; here both networks are MLPs. Writes `samples_grid.png` (each
//! stacked sample as its three digits side by side), `loss_curves.png`, `history.csv` and
//! `metrics.csv` (`metric,generated,real`: modes covered, KL to uniform, run time).

mod common;

use adversarial::datasets::{mnist_subset, stacked_digits, STACKED_CHANNELS};
use adversarial::gan::{Gan, GanConfig, GanLoss, Prior, Schedule};
use adversarial::metrics::images::{stacked_mode_coverage, StackedModeCoverage};
use adversarial::metrics::DigitClassifier;
use adversarial::nn::Activation;
use adversarial::plot::{image_grid, ImageLayout};
use clap::Parser;
use common::cli::at_least_one;
use common::output;
use common::progress::Progress;
use ndarray::{s, Array2};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Samples per batch (a `--pack` must divide it).
const BATCH_SIZE: usize = 64;
/// Stacked training images drawn from the 5,000 shipped digits.
const TRAINING_IMAGES: usize = 25_000;
/// Stacked samples shown in the grid.
const SHOWN: usize = 40;

/// Stacked MNIST (1,000 modes): a plain or packed MLP GAN, its modes counted.
#[derive(Parser)]
#[command(allow_negative_numbers = true)]
struct Flags {
    /// The GAN objective (wgan and wgan-gp bring their papers' optimizers and k = 5)
    #[arg(long, default_value = "non-saturating", value_parser = common::cli::loss())]
    loss: GanLoss,
    /// PacGAN's m: D judges packs of M samples; M must divide the batch size 64
    #[arg(long, value_name = "M", default_value_t = 1, value_parser = common::cli::pack::<BATCH_SIZE>)]
    pack: usize,
    /// Generator updates
    #[arg(long, value_name = "N", default_value_t = 4000, value_parser = at_least_one)]
    steps: usize,
    /// Generated (and real) stacked samples whose modes are counted
    #[arg(long, value_name = "N", default_value_t = 26_000, value_parser = at_least_one)]
    samples: usize,
    /// Seed of the stacked data, the weights, the noise and the classifier
    #[arg(long, default_value_t = 0, value_parser = common::cli::seed)]
    seed: u64,
    /// Output folder
    #[arg(long, value_name = "DIR", default_value = "out/stacked_mnist")]
    out: PathBuf,
}

/// G z(100) → 256 → 512 → 1024 → 3·784 (sigmoid: pixels in [0, 1]), D 3·784·m → 512 → 256 → 1,
/// LeakyReLU(0.2), Adam (η = 2·10⁻⁴, β₁ = ½), batches of 64.
fn config(f: &Flags) -> GanConfig {
    let adam = common::adam(2e-4);
    GanConfig {
        prior: Prior::Normal,
        noise_size: 100,
        generator_hidden: vec![256, 512, 1024],
        generator_activation: Activation::LeakyRelu(0.2),
        generator_output: Activation::Sigmoid,
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
        generator_average: None,
    }
    .with_loss(f.loss)
}

fn main() -> ExitCode {
    common::exit(run(&Flags::parse()))
}

fn run(f: &Flags) -> common::Result {
    output::create_folder(&f.out)?;
    let digits = mnist_subset();
    let classifier = DigitClassifier::train(&digits, f.seed)?;
    println!(
        "classifier (784 → 128 → 10): held-out accuracy {:.3} per channel",
        classifier.held_out_accuracy()
    );
    let data = stacked_digits(&digits, TRAINING_IMAGES, f.seed)?;
    let real = stacked_digits(&digits, f.samples, f.seed ^ 0x5eed)?.to_array::<f32>();
    let real_modes = stacked_mode_coverage(&classifier, real.view())?;
    let mut gan = Gan::<f32>::new(config(f), data.levels().ncols())?;
    let progress = Progress::new(f.steps, "training").scores(gan.objective().score());
    let started = Instant::now();
    let history = gan.train(&data, |s| progress.step("", s))?;
    progress.finish();
    let seconds = started.elapsed().as_secs_f64();
    let generated = gan.sample(f.samples, f.seed ^ 0x5c0e);
    let modes = stacked_mode_coverage(&classifier, generated.view())?;

    output::write_history(&f.out, &history, f.loss)?;
    gan.save_checkpoint(f.out.join("checkpoint.safetensors"))?;
    let grid = f.out.join("samples_grid.png");
    let layout = ImageLayout {
        height: 28,
        width: STACKED_CHANNELS * 28,
        columns: 5,
        pixel_scale: 2,
    };
    let shown = side_by_side(&generated.slice(s![..SHOWN.min(f.samples), ..]).to_owned());
    let title = format!("stacked MNIST, pack {}, {} steps", f.pack, f.steps);
    image_grid(&grid, shown.view(), &layout, &title)?;
    let csv =
        format!(
        "metric,generated,real\nmodes_covered,{},{}\nkl_to_uniform,{},{}\nseconds,{seconds:.1},\n",
        modes.modes_covered, real_modes.modes_covered, modes.kl_to_uniform, real_modes.kl_to_uniform
    );
    output::write(&f.out.join("metrics.csv"), csv.as_bytes())?;

    println!(
        "trained {} steps in {seconds:.1} s ({:?} loss, pack {}, seed {})",
        f.steps, f.loss, f.pack, f.seed
    );
    print_modes("generated", f.samples, &modes);
    print_modes("real", f.samples, &real_modes);
    println!(
        "PacGAN Table 2 (convolutional networks): DCGAN 99 modes / KL 3.40, PacDCGAN2 1,000 / 0.06"
    );
    for name in [
        "samples_grid.png",
        "loss_curves.png",
        "history.csv",
        "metrics.csv",
        "checkpoint.safetensors",
    ] {
        println!("wrote {}", f.out.join(name).display());
    }
    Ok(())
}

fn print_modes(what: &str, n: usize, m: &StackedModeCoverage) {
    println!(
        "{what:>9} ({n} samples): {} of 1,000 modes, KL(mode histogram ‖ uniform) = {:.3} nats",
        m.modes_covered, m.kl_to_uniform
    );
}

/// Each stacked image (channel `c` in columns `c·784 ..`) as one 28 × 84 picture, its three
/// digits side by side: row `r` is row `r` of channel 0, then of channel 1, then of channel 2.
fn side_by_side(stacked: &Array2<f32>) -> Array2<f32> {
    let (side, width) = (28, STACKED_CHANNELS * 28);
    Array2::from_shape_fn((stacked.nrows(), side * width), |(i, p)| {
        let (row, column) = (p / width, p % width);
        let (channel, x) = (column / side, column % side);
        stacked[[i, channel * side * side + row * side + x]]
    })
}
