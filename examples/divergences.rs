//! KL's asymmetry and the saturation of JS, as numbers and figures (notebooks
//! `notebooks-md/03_kl_divergence.md` and `notebooks-md/04_js_divergence.md`):
//!
//! 1. the bimodal `p = ½·N(−2, 0.5²) + ½·N(2, 0.5²)` and the Gaussians `q = N(μ, σ²)` closest
//!    to it in each direction of KL: `argmin_q KL(p ‖ q)` covers both modes (it is the
//!    moment-matched `N(0, 4.25)`), `argmin_q KL(q ‖ p)` sits on one of them;
//! 2. `JSD(N(0, 1) ‖ N(θ, 1))` against the separation θ: it rises like `θ²/8` and flattens
//!    at `ln 2`, while `KL = θ²/2` grows without bound.
//!
//! Writes `kl_asymmetry.png`, `js_saturation.png` and `js_and_kl.png` under `out/divergences/`.
//! Run: `cargo run --release --example divergences [-- --out DIR]`.

mod common;

use std::f64::consts::LN_2;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use adversarial::datasets::mixture_1d;
use adversarial::density::{Density, Gaussian};
use adversarial::divergence::{js_divergence_density, kl_divergence_density, kl_gaussian, Grid};
use adversarial::plot::{line_plot, Colour, LegendPosition, LineFigure, ReferenceLine, Series};
use clap::Parser;
use common::output;

/// KL's asymmetry and the saturation of JS, as numbers and figures.
#[derive(Parser)]
#[command(allow_negative_numbers = true)]
struct Flags {
    /// Output folder
    #[arg(long, value_name = "DIR", default_value = "out/divergences")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let Flags { out } = Flags::parse();
    common::exit(run(&out))
}

fn run(out: &Path) -> common::Result {
    output::create_folder(out)?;
    let mut written = Vec::new();
    written.push(kl_asymmetry(out)?);
    written.extend(js_saturation(out)?);
    println!("wrote:");
    for path in written {
        println!("  {}", path.display());
    }
    Ok(())
}

/// The Gaussian `N(μ, σ²)` on `grid`.
fn gaussian_on(grid: &Grid, mu: f64, sigma: f64) -> Vec<f64> {
    let q = Gaussian::new(mu, sigma).expect("σ > 0");
    grid.evaluate(|x| q.pdf(x))
}

/// Compass search for the `(μ, σ)` minimising `objective`, from `start`, on steps halved down
/// to 1e-7 whenever no neighbour `(μ ± step, σ ± step)` improves.
fn minimise(objective: impl Fn(f64, f64) -> f64, start: (f64, f64)) -> (f64, f64) {
    let (mut mu, mut sigma) = start;
    let mut best = objective(mu, sigma);
    let mut step = 0.25;
    while step > 1e-7 {
        let neighbours = [(step, 0.0), (-step, 0.0), (0.0, step), (0.0, -step)];
        let improved = neighbours.iter().find_map(|&(dm, ds)| {
            let candidate = (mu + dm, sigma + ds);
            if candidate.1 <= 0.05 {
                return None;
            }
            let value = objective(candidate.0, candidate.1);
            (value < best).then_some((candidate, value))
        });
        match improved {
            Some(((m, s), value)) => (mu, sigma, best) = (m, s, value),
            None => step /= 2.0,
        }
    }
    (mu, sigma)
}

/// The two best Gaussian fits of the bimodal `p`, printed and plotted.
fn kl_asymmetry(out: &Path) -> common::Result<PathBuf> {
    let p_density = mixture_1d();
    let grid = Grid::new(-12.0, 12.0, 4801)?;
    let p = grid.evaluate(|x| p_density.pdf(x));
    let forward = |mu: f64, sigma: f64| {
        kl_divergence_density(&grid, &p, &gaussian_on(&grid, mu, sigma)).expect("valid densities")
    };
    let reverse = |mu: f64, sigma: f64| {
        kl_divergence_density(&grid, &gaussian_on(&grid, mu, sigma), &p).expect("valid densities")
    };
    let covering = minimise(forward, (0.5, 1.0));
    let seeking = minimise(reverse, (0.5, 1.0));
    let moments = (p_density.mean(), p_density.variance().sqrt());

    println!("1. p = ½·N(−2, 0.5²) + ½·N(2, 0.5²) (mean 0, variance 4.25) and Gaussian fits q");
    println!(
        "{:>28}  {:>9}  {:>9}  {:>10}  {:>10}",
        "q", "μ", "σ", "KL(p‖q)", "KL(q‖p)"
    );
    let rows = [
        ("argmin_q KL(p‖q)", covering),
        ("moments of p", moments),
        ("argmin_q KL(q‖p)", seeking),
    ];
    for (name, (mu, sigma)) in rows {
        println!(
            "{name:>28}  {mu:>9.5}  {sigma:>9.5}  {:>10.5}  {:>10.5}",
            forward(mu, sigma),
            reverse(mu, sigma)
        );
    }
    println!("   ln 2 = {LN_2:.5}: the KL(q‖p) of a q that covers one mode of two exactly\n");

    let curve = |values: &[f64]| {
        grid.points()
            .iter()
            .zip(values)
            .filter(|(x, _)| x.abs() <= 7.0)
            .map(|(&x, &y)| (x, y))
            .collect::<Vec<_>>()
    };
    let label = |what: &str, (mu, sigma): (f64, f64)| {
        format!(
            "{what} = N({mu:.2}, {sigma:.2}²): KL(p‖q) = {:.2}, KL(q‖p) = {:.2}",
            forward(mu, sigma),
            reverse(mu, sigma)
        )
    };
    let figure = LineFigure::new(
        "KL is not symmetric: the best Gaussian q for a bimodal p",
        "x",
        "density",
    )
    .series(Series::new("p = ½·N(−2, 0.5²) + ½·N(2, 0.5²)", curve(&p)).colour(Colour::BLACK))
    .series(
        Series::new(
            label("argmin KL(p‖q)", covering),
            curve(&gaussian_on(&grid, covering.0, covering.1)),
        )
        .colour(Colour::BLUE),
    )
    .series(
        Series::new(
            label("argmin KL(q‖p)", seeking),
            curve(&gaussian_on(&grid, seeking.0, seeking.1)),
        )
        .colour(Colour::ORANGE),
    )
    .y_range(0.0, 1.25)
    .legend(LegendPosition::UpperLeft)
    .size(1000, 600);
    let path = out.join("kl_asymmetry.png");
    line_plot(&path, &figure)?;
    Ok(path)
}

/// `JSD(N(0, 1) ‖ N(θ, 1))` by quadrature for θ from 0 to 10, printed and plotted.
fn js_saturation(out: &Path) -> common::Result<Vec<PathBuf>> {
    let separations: Vec<f64> = (0..=200).map(|i| f64::from(i) * 0.05).collect();
    let mut js = Vec::with_capacity(separations.len());
    for &theta in &separations {
        let grid = Grid::new(-12.0, theta + 12.0, 4001)?;
        let p = gaussian_on(&grid, 0.0, 1.0);
        let q = gaussian_on(&grid, theta, 1.0);
        js.push(js_divergence_density(&grid, &p, &q)?);
    }
    println!("2. JSD(N(0, 1) ‖ N(θ, 1)) by quadrature, and KL = θ²/2");
    println!(
        "{:>6}  {:>10}  {:>11}  {:>10}  {:>9}",
        "θ", "JSD", "ln 2 − JSD", "JSD/(θ²/8)", "KL"
    );
    for (&theta, &jsd) in separations.iter().zip(&js) {
        let shown = [0.1, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0];
        if shown.iter().any(|&s| (s - theta).abs() < 1e-9) {
            println!(
                "{theta:>6.1}  {jsd:>10.6}  {:>11.3e}  {:>10.5}  {:>9.2}",
                LN_2 - jsd,
                jsd / (theta * theta / 8.0),
                kl_gaussian(0.0, 1.0, theta, 1.0)
            );
        }
    }
    println!();

    let js_points: Vec<(f64, f64)> = separations
        .iter()
        .copied()
        .zip(js.iter().copied())
        .collect();
    let saturation = LineFigure::new(
        "JS divergence of N(0, 1) and N(θ, 1) saturates at ln 2",
        "separation θ",
        "nats",
    )
    .series(Series::new("JSD(N(0, 1) ‖ N(θ, 1))", js_points.clone()).colour(Colour::BLUE))
    .reference(ReferenceLine::new("ln 2", LN_2))
    .y_range(0.0, 0.8)
    .legend(LegendPosition::LowerRight);
    let saturation_path = out.join("js_saturation.png");
    line_plot(&saturation_path, &saturation)?;

    // On a log axis θ = 0 has no place; both curves start at θ = 0.05.
    let positive = |points: Vec<(f64, f64)>| points.into_iter().filter(|&(t, _)| t > 0.0);
    let kl_points = separations
        .iter()
        .map(|&t| (t, kl_gaussian(0.0, 1.0, t, 1.0)));
    let both = LineFigure::new(
        "KL grows without bound, JS flattens at ln 2",
        "separation θ",
        "nats (log scale)",
    )
    .series(
        Series::new(
            "KL(N(0, 1) ‖ N(θ, 1)) = θ²/2",
            positive(kl_points.collect()),
        )
        .colour(Colour::RED),
    )
    .series(Series::new("JSD(N(0, 1) ‖ N(θ, 1))", positive(js_points)).colour(Colour::BLUE))
    .series(
        Series::new(
            "θ²/8 (small-θ JSD)",
            separations
                .iter()
                .filter(|&&t| t > 0.0 && t <= 4.0)
                .map(|&t| (t, t * t / 8.0)),
        )
        .colour(Colour::BLUE)
        .dashed(),
    )
    .reference(ReferenceLine::new("ln 2", LN_2))
    .log_y()
    .legend(LegendPosition::LowerRight);
    let both_path = out.join("js_and_kl.png");
    line_plot(&both_path, &both)?;
    Ok(vec![saturation_path, both_path])
}
