//! The main job: a GAN learns a 1-D distribution, and shows the seed's picture of the
//! equilibrium (D → ½ where p_G = p_data). Notebook: `notebooks-md/01_core_idea.md`.
//!
//! ```sh
//! cargo run --release --example gan_1d -- [--data gaussian|mixture] [--prior normal|uniform]
//!     [--loss non-saturating|minimax] [--steps 5000] [--seed 0] [--d-head-start 0] [--out out/gan_1d]
//! ```
//! Writes `loss_curves.png`, `panel.png` (p_data, p_G, D, D*), `generator_costs.png` (the
//! three generator costs and their slopes against D(G(z)), NIPS 2016 tutorial Fig. 16, with
//! the tape's values at the trained G's samples), `history.csv` and `samples.csv` (10,000
//! final samples), and prints how well the samples fit the data (KS distance, quantiles). With `--d-head-start N`, D first
//! trains alone for N steps and `saturation.png` shows what plain gradient steps on G then
//! do with each loss (the minimax loss stalls, the non-saturating one does not).

mod common;

use adversarial::datasets::{fraction_below_zero, gaussian_1d, mixture_1d};
use adversarial::density::Density;
use adversarial::divergence::Grid;
use adversarial::gan::{Gan, GanLoss, RealData};
use adversarial::metrics::evaluate_1d;
use adversarial::plot::{self, Colour, LineFigure, Series};
use clap::{Parser, ValueEnum};
use common::cli::{at_least_one, whole_number, PriorArg};
use common::main_job;
use common::output::{self, Columns};
use common::progress::Progress;
use common::statistics::last_statistics;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// A GAN learns a 1-D distribution; writes loss curves, the p_data / p_G / D / D* panel, the
/// generator costs, history.csv and samples.csv.
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
    #[arg(long, value_name = "N", default_value_t = main_job::default_steps(), value_parser = at_least_one)]
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
    let config = main_job::config(f.prior.into(), f.steps, f.seed).with_loss(loss);
    let mut gan = main_job::gan(config, data.mean())?;
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
    let progress = Progress::new(f.steps, "training").scores(gan.objective().score());
    let (history, slopes) = main_job::train(&mut gan, data, |s| progress.step("", s))?;
    progress.finish();
    let seconds = started.elapsed().as_secs_f64();

    let samples = gan.sample(10_000, f.seed ^ 0x5eed).mapv(f64::from);
    output::write_history(&f.out, &history, loss)?;
    output::write_samples(&f.out.join("samples.csv"), samples.view(), Columns::Points)?;
    gan.save_checkpoint(f.out.join("checkpoint.safetensors"))?;
    let samples: Vec<f64> = samples.iter().copied().collect();

    let grid = Grid::new(range.0 - 3.0, range.1 + 3.0, 2001)?;
    let evaluation = evaluate_1d(&samples, data, &grid)?;
    let title = format!("{} GAN after {} steps", data_name(f.data), f.steps);
    main_job::draw_panel(
        &f.out.join("panel.png"),
        &title,
        data,
        range,
        &gan,
        &samples,
    )?;
    main_job::draw_generator_costs(&f.out.join("generator_costs.png"), &slopes)?;

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
    if f.data == Data::Gaussian {
        let fit = main_job::fit_report(&gan, f.seed, main_job::DATA_MEAN, main_job::DATA_STD);
        println!(
            "fit to N(4, 1.25²), 10,000 samples: {}",
            fit.samples.summary()
        );
        if let Some(perfect) = &fit.perfect {
            println!("  a perfect G on the same noise:  {}", perfect.summary());
        }
        println!(
            "  10⁶ samples:                    {}",
            fit.million.summary()
        );
    }
    if f.data == Data::Mixture {
        println!(
            "fraction of samples in the left mode: {:.3} (data 0.5)",
            fraction_below_zero(&samples)
        );
    }
    let last = history.last().expect("at least one step");
    println!("{}", last_statistics(f.loss, last, 1.0));
    println!(
        "wrote {}/{{loss_curves.png, panel.png, generator_costs.png, history.csv, samples.csv}}",
        f.out.display()
    );
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
