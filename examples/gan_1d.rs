//! The main job: a GAN learns a 1-D distribution, and shows the seed's picture of the
//! equilibrium (D → ½ where p_G = p_data). Notebook: `notebooks-md/01_core_idea.md`.
//!
//! ```sh
//! cargo run --release --example gan_1d -- [--data gaussian|mixture] [--prior normal|uniform]
//!     [--loss non-saturating|minimax] [--steps 5000] [--seed 0] [--d-head-start 0] [--out out/gan_1d]
//! ```
//! Writes `loss_curves.png`, `panel.png` (p_data, p_G, D, D*), `gradient_vs_d.png`,
//! `history.csv` and `samples.csv` (10,000 final samples). With `--d-head-start N`, D first
//! trains alone for N steps and `saturation.png` shows what plain gradient steps on G then
//! do with each loss (the minimax loss stalls, the non-saturating one does not).

mod common;

use adversarial::datasets::{fraction_below_zero, gaussian_1d, mixture_1d};
use adversarial::density::{kde, Density};
use adversarial::divergence::Grid;
use adversarial::gan::{Gan, GanConfig, GanLoss, GradientPoint, History, RealData};
use adversarial::metrics::evaluate_1d;
use adversarial::minimax::optimal_discriminator;
use adversarial::plot::{self, Colour, LineFigure, ReferenceLine, Series};
use clap::{Parser, ValueEnum};
use common::cli::{at_least_one, whole_number, PriorArg};
use common::output::{self, Columns};
use common::progress::Progress;
use ndarray::Array2;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// A GAN learns a 1-D distribution; writes loss curves, the p_data / p_G / D / D* panel, the
/// generator-gradient study, history.csv and samples.csv.
#[derive(Parser)]
#[command(allow_negative_numbers = true)]
struct Flags {
    /// The data distribution: N(4, 1.25²), or ½·N(−2, 0.5²) + ½·N(2, 0.5²)
    #[arg(long, value_enum, default_value_t = Data::Gaussian)]
    data: Data,
    /// The distribution of G's input noise
    #[arg(long, value_enum, default_value_t = PriorArg::Normal)]
    prior: PriorArg,
    /// The GAN objective (wgan and wgan-gp bring their papers' optimizers and k = 5)
    #[arg(long, default_value = "non-saturating", value_parser = common::cli::loss())]
    loss: GanLoss,
    /// Generator updates
    #[arg(long, value_name = "N", default_value_t = GanConfig::default().steps, value_parser = at_least_one)]
    steps: usize,
    /// Seed of the weights, the noise and the data batches
    #[arg(long, default_value_t = 0, value_parser = common::cli::seed)]
    seed: u64,
    /// Discriminator updates before G starts (then saturation.png shows what each loss does)
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = whole_number)]
    d_head_start: usize,
    /// Output folder
    #[arg(long, value_name = "DIR", default_value = "out/gan_1d")]
    out: PathBuf,
}

/// `--data`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Data {
    /// N(4, 1.25²)
    Gaussian,
    /// ½·N(−2, 0.5²) + ½·N(2, 0.5²)
    Mixture,
}

fn main() -> ExitCode {
    let f = Flags::parse();
    common::exit(match f.data {
        Data::Mixture => run(&f, &mixture_1d(), (-4.5, 4.5)),
        Data::Gaussian => run(&f, &gaussian_1d(), (-1.0, 9.0)),
    })
}

fn run<D: Density + RealData<f32>>(f: &Flags, data: &D, range: (f64, f64)) -> common::Result {
    output::create_folder(&f.out)?;
    let loss = f.loss;
    let config = GanConfig {
        prior: f.prior.into(),
        steps: f.steps,
        seed: f.seed,
        ..GanConfig::default()
    }
    .with_loss(loss);
    let mut gan = Gan::<f32>::new(config, 1)?;
    let started = Instant::now();
    // Optionally let D train alone first, so that it rejects G's first samples with confidence.
    if f.d_head_start > 0 {
        let head_start = Progress::new(f.d_head_start, "D alone");
        for _ in 0..f.d_head_start {
            gan.discriminator_step(data)?;
            head_start.tick();
        }
        head_start.finish();
        saturation_plot(f, &gan)?;
    }
    let progress = Progress::new(f.steps, "training");
    // G's gradient under both losses, from the tape, at a few moments of the run.
    let snapshots = [1, 10, 25, 50, 100, 200, 400, f.steps];
    let mut gradients: Vec<GradientPoint> = Vec::new();
    let mut history = History::default();
    for &snapshot in &snapshots {
        let until = snapshot.min(f.steps);
        let part = gan.train_until(data, until, |s| progress.step("", s))?;
        history.rows.extend(part.rows);
        gradients.extend(gan.generator_gradients(500, snapshot as u64));
    }
    progress.finish();
    let seconds = started.elapsed().as_secs_f64();

    let samples = gan.sample(10_000, f.seed ^ 0x5eed).mapv(f64::from);
    output::write_history(&f.out, &history, loss)?;
    output::write_samples(&f.out.join("samples.csv"), samples.view(), Columns::Points)?;
    gan.save_checkpoint(f.out.join("checkpoint.safetensors"))?;
    let samples: Vec<f64> = samples.iter().copied().collect();

    let grid = Grid::new(range.0 - 3.0, range.1 + 3.0, 2001)?;
    let evaluation = evaluate_1d(&samples, data, &grid)?;
    write_plots(f, data, range, &gan, &samples, &gradients)?;

    println!(
        "trained {} steps in {seconds:.1} s ({loss:?} loss, seed {})",
        f.steps, f.seed
    );
    println!(
        "samples: mean {:.4} (data {:.4}), std {:.4} (data {:.4})",
        evaluation.mean,
        data.mean(),
        evaluation.std_dev,
        data.variance().sqrt()
    );
    println!(
        "estimated JS(p_data ‖ p_G) = {:.5} nats (ln 2 = {:.5})",
        evaluation.js_divergence,
        2f64.ln()
    );
    if f.data == Data::Mixture {
        println!(
            "fraction of samples in the left mode: {:.3} (data 0.5)",
            fraction_below_zero(&samples)
        );
    }
    let last = history.last().expect("at least one step");
    println!(
        "last logged step: D loss {:.4} (ln 4 = {:.4}), G loss {:.4}, D(x) {:.3}, D(G(z)) {:.3}",
        last.d_loss,
        4f64.ln(),
        last.g_loss,
        last.d_real,
        last.d_fake
    );
    println!(
        "wrote {}/{{loss_curves.png, panel.png, gradient_vs_d.png, history.csv, samples.csv}}",
        f.out.display()
    );
    Ok(())
}

fn write_plots<D: Density>(
    f: &Flags,
    data: &D,
    range: (f64, f64),
    gan: &Gan<f32>,
    samples: &[f64],
    gradients: &[GradientPoint],
) -> common::Result {
    // The seed's picture: p_data, p_G (KDE of G's samples), the trained D and D* = p_data/(p_data + p_G).
    let xs: Vec<f64> = (0..=400)
        .map(|i| range.0 + (range.1 - range.0) * i as f64 / 400.0)
        .collect();
    let p_g = kde(samples, &xs)?;
    let batch = Array2::from_shape_fn((xs.len(), 1), |(i, _)| xs[i] as f32);
    let d_trained = gan.discriminate(batch.view());
    let curve = |name: &str, ys: Vec<f64>| Series::new(name, xs.iter().copied().zip(ys));
    let figure = LineFigure::new(
        format!("{} GAN after {} steps", data_name(f.data), f.steps),
        "x",
        "density / probability",
    )
    .series(curve("p_data(x)", xs.iter().map(|&x| data.pdf(x)).collect()).colour(Colour::BLUE))
    .series(curve("p_G(x) (KDE of 10,000 samples)", p_g.clone()).colour(Colour::ORANGE))
    .series(
        curve(
            "D(x), trained",
            d_trained.iter().map(|&d| f64::from(d)).collect(),
        )
        .colour(Colour::GREEN),
    )
    .series(
        curve(
            "D*(x) = p_data / (p_data + p_G)",
            xs.iter()
                .zip(&p_g)
                .map(|(&x, &q)| optimal_discriminator(data.pdf(x), q))
                .collect(),
        )
        .colour(Colour::RED)
        .dashed(),
    )
    .reference(ReferenceLine::new("½", 0.5))
    .y_range(0.0, 1.05);
    plot::line_plot(f.out.join("panel.png"), &figure)?;

    // G's gradient against D(G(z)): median ‖∂ℓ/∂x‖ over the fakes in each bin of D.
    let bins = 20;
    let median_by_bin = |size: fn(&GradientPoint) -> f64| -> Vec<(f64, f64)> {
        (0..bins)
            .filter_map(|b| {
                let (low, high) = (b as f64 / bins as f64, (b + 1) as f64 / bins as f64);
                let mut v: Vec<f64> = gradients
                    .iter()
                    .filter(|p| p.d_of_fake >= low && p.d_of_fake < high)
                    .map(size)
                    .filter(|g| *g > 0.0)
                    .collect();
                v.sort_by(f64::total_cmp);
                (!v.is_empty()).then(|| ((low + high) / 2.0, v[v.len() / 2]))
            })
            .collect()
    };
    let figure = LineFigure::new(
        "generator gradient against D(G(z)) (from the tape)",
        "D(G(z))",
        "median ‖∂ℓ/∂x‖",
    )
    .series(
        Series::new(
            "minimax: ℓ = log(1 − D(G(z)))",
            median_by_bin(|p| p.minimax),
        )
        .colour(Colour::RED),
    )
    .series(
        Series::new(
            "non-saturating: ℓ = −log D(G(z))",
            median_by_bin(|p| p.non_saturating),
        )
        .colour(Colour::BLUE),
    )
    .log_y();
    plot::line_plot(f.out.join("gradient_vs_d.png"), &figure)?;
    Ok(())
}

/// From a D with a head start: 300 plain gradient steps on G with each loss (the networks
/// themselves are untouched), and mean D(G(z)) after each (`saturation.png`).
fn saturation_plot(f: &Flags, gan: &Gan<f32>) -> common::Result {
    let (steps, learning_rate) = (300, 3e-4);
    let study = gan.saturation_study(steps, learning_rate, f.seed);
    let curve = |v: &[f64]| {
        v.iter()
            .enumerate()
            .map(|(i, &d)| (i as f64, d))
            .collect::<Vec<_>>()
    };
    let figure = LineFigure::new(
        format!(
            "G trained by SGD (η = {learning_rate}) after D's {}-step head start",
            f.d_head_start
        ),
        "generator step",
        "mean D(G(z))",
    )
    .series(Series::new("minimax: log(1 − D(G(z)))", curve(&study.minimax)).colour(Colour::RED))
    .series(
        Series::new("non-saturating: −log D(G(z))", curve(&study.non_saturating))
            .colour(Colour::BLUE),
    )
    .y_range(0.0, 1.0);
    plot::line_plot(f.out.join("saturation.png"), &figure)?;
    let at = |v: &[f64], i: usize| v[i.min(v.len() - 1)];
    for i in [0, 5, 10, 20, 50, steps] {
        println!(
            "saturation study, G step {i:>3}: mean D(G(z)) minimax {:.4}, non-saturating {:.4}",
            at(&study.minimax, i),
            at(&study.non_saturating, i)
        );
    }
    Ok(())
}

/// The name `--data` takes (`gaussian`, `mixture`), for the panel's title.
fn data_name(data: Data) -> String {
    data.to_possible_value()
        .expect("no variant is skipped")
        .get_name()
        .to_owned()
}
