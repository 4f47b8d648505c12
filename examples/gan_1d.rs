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

use adversarial::datasets::{fraction_below_zero, gaussian_1d, mixture_1d};
use adversarial::density::{kde, Density};
use adversarial::divergence::Grid;
use adversarial::gan::{Gan, GanConfig, GanLoss, GradientPoint, History, Prior, RealData};
use adversarial::metrics::evaluate_1d;
use adversarial::minimax::optimal_discriminator;
use adversarial::plot::{self, Colour, LineFigure, ReferenceLine, Series};
use indicatif::{ProgressBar, ProgressStyle};
use ndarray::Array2;
use std::error::Error;
use std::path::PathBuf;
use std::time::Instant;

struct Flags {
    data: String,
    prior: Prior,
    loss: GanLoss,
    steps: usize,
    seed: u64,
    d_head_start: usize,
    out: PathBuf,
}

fn flags() -> Result<Flags, String> {
    let mut f = Flags {
        data: "gaussian".into(),
        prior: Prior::Normal,
        loss: GanLoss::NonSaturating,
        steps: GanConfig::default().steps,
        seed: 0,
        d_head_start: 0,
        out: PathBuf::from("out/gan_1d"),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).ok_or(format!("{} needs a value", pair[0]))?;
        match pair[0].as_str() {
            "--data" if value == "gaussian" || value == "mixture" => f.data = value.clone(),
            "--prior" if value == "normal" => f.prior = Prior::Normal,
            "--prior" if value == "uniform" => f.prior = Prior::Uniform,
            "--loss" if value == "minimax" => f.loss = GanLoss::Minimax,
            "--loss" if value == "non-saturating" => f.loss = GanLoss::NonSaturating,
            "--steps" => f.steps = value.parse().map_err(|e| format!("--steps {value}: {e}"))?,
            "--seed" => f.seed = value.parse().map_err(|e| format!("--seed {value}: {e}"))?,
            "--d-head-start" => {
                f.d_head_start = value
                    .parse()
                    .map_err(|e| format!("--d-head-start {value}: {e}"))?
            }
            "--out" => f.out = PathBuf::from(value),
            flag => return Err(format!("unknown flag or value: {flag} {value}")),
        }
    }
    Ok(f)
}

fn main() -> Result<(), Box<dyn Error>> {
    let f = flags().map_err(|e| {
        format!("{e}\nusage: gan_1d [--data gaussian|mixture] [--prior normal|uniform] [--loss non-saturating|minimax] [--steps N] [--seed S] [--d-head-start N] [--out DIR]")
    })?;
    match f.data.as_str() {
        "mixture" => run(&f, &mixture_1d(), (-4.5, 4.5)),
        _ => run(&f, &gaussian_1d(), (-1.0, 9.0)),
    }
}

fn run<D: Density + RealData<f32>>(
    f: &Flags,
    data: &D,
    range: (f64, f64),
) -> Result<(), Box<dyn Error>> {
    let config = GanConfig {
        prior: f.prior,
        loss: f.loss,
        steps: f.steps,
        seed: f.seed,
        ..GanConfig::default()
    };
    let mut gan = Gan::<f32>::new(config, 1)?;
    let started = Instant::now();
    // Optionally let D train alone first, so that it rejects G's first samples with confidence.
    for _ in 0..f.d_head_start {
        gan.discriminator_step(data)?;
    }
    if f.d_head_start > 0 {
        saturation_plot(f, &gan)?;
    }
    let bar = ProgressBar::new(f.steps as u64)
        .with_style(ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")?);
    // G's gradient under both losses, from the tape, at a few moments of the run.
    let snapshots = [1, 10, 25, 50, 100, 200, 400, f.steps];
    let mut gradients: Vec<GradientPoint> = Vec::new();
    let mut history = History::default();
    for &snapshot in &snapshots {
        let progress = |s: &adversarial::gan::StepStats| {
            bar.inc(1);
            if s.step.is_multiple_of(50) {
                bar.set_message(format!(
                    "D loss {:.3}  G loss {:.3}  D(x) {:.2}  D(G(z)) {:.2}",
                    s.d_loss, s.g_loss, s.d_real, s.d_fake
                ));
            }
        };
        history
            .rows
            .extend(gan.train_until(data, snapshot.min(f.steps), progress)?.rows);
        gradients.extend(gan.generator_gradients(500, snapshot as u64));
    }
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();

    std::fs::create_dir_all(&f.out)?;
    history.write_csv(f.out.join("history.csv"))?;
    let samples: Vec<f64> = gan
        .sample(10_000, f.seed ^ 0x5eed)
        .iter()
        .map(|&x| f64::from(x))
        .collect();
    let csv: String = std::iter::once("x".to_owned())
        .chain(samples.iter().map(f64::to_string))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    adversarial::io::write_atomic(&f.out.join("samples.csv"), csv.as_bytes())?;

    let grid = Grid::new(range.0 - 3.0, range.1 + 3.0, 2001)?;
    let evaluation = evaluate_1d(&samples, data, &grid)?;
    write_plots(f, data, range, &gan, &history, &samples, &gradients)?;

    println!(
        "trained {} steps in {seconds:.1} s ({:?} loss, seed {})",
        f.steps, f.loss, f.seed
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
    if f.data == "mixture" {
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
    history: &History,
    samples: &[f64],
    gradients: &[GradientPoint],
) -> Result<(), Box<dyn Error>> {
    // Loss curves with the equilibrium values: L_D = ln 4; L_G = ln 2 (non-saturating) or −ln 2.
    history.write_loss_curves(f.out.join("loss_curves.png"), f.loss)?;

    // The seed's picture: p_data, p_G (KDE of G's samples), the trained D and D* = p_data/(p_data + p_G).
    let xs: Vec<f64> = (0..=400)
        .map(|i| range.0 + (range.1 - range.0) * i as f64 / 400.0)
        .collect();
    let p_g = kde(samples, &xs)?;
    let batch = Array2::from_shape_fn((xs.len(), 1), |(i, _)| xs[i] as f32);
    let d_trained = gan.discriminate(batch.view());
    let curve = |name: &str, ys: Vec<f64>| Series::new(name, xs.iter().copied().zip(ys));
    let figure = LineFigure::new(
        format!("{} GAN after {} steps", f.data, f.steps),
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
fn saturation_plot(f: &Flags, gan: &Gan<f32>) -> Result<(), Box<dyn Error>> {
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
