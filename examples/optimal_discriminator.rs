//! The optimal discriminator and the value of the game at it (notebook
//! `notebooks-md/05_minimax_value.md`):
//!
//! ```text
//! D*(x)    = p_data(x) / (p_data(x) + p_G(x))
//! V(G, D*) = ∫ [p_data·ln D* + p_G·ln(1 − D*)] dx = −ln 4 + 2·JSD(p_data ‖ p_G)
//! ```
//! 1. `p_data = N(4, 1.25²)` (the data of `gan_1d`), `p_G = N(2, 1)`: `D*` on a grid, and
//!    `V(G, D)` for `D*` and for a few other discriminators, none of which beats it;
//! 2. `p_data = N(0, 1)`, `p_G = N(θ, 1)`: `V(G, D*)` by quadrature of the value function
//!    against `−ln 4 + 2·JSD` for θ from 0 to 8, and `V(G_θ, D)` for a `D` frozen at the
//!    optimum of θ = 2, which touches `V(G, D*)` there and lies below it everywhere else.
//!
//! Writes `optimal_discriminator.png` and `value_vs_separation.png` under
//! `out/optimal_discriminator/`. Run: `cargo run --release --example optimal_discriminator
//! [-- --out DIR]`.

mod common;

use std::f64::consts::LN_2;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use adversarial::datasets::gaussian_1d;
use adversarial::density::{Density, Gaussian};
use adversarial::divergence::{js_divergence_density, Grid};
use adversarial::minimax::{
    optimal_discriminator, optimal_discriminator_logit, value_at_optimum, value_function_logit,
};
use adversarial::plot::{line_plot, Colour, LegendPosition, LineFigure, ReferenceLine, Series};
use clap::Parser;
use common::output;

const LN_4: f64 = 2.0 * LN_2;

/// The optimal discriminator and the value of the game at it.
#[derive(Parser)]
#[command(allow_negative_numbers = true)]
struct Flags {
    /// Output folder
    #[arg(long, value_name = "DIR", default_value = "out/optimal_discriminator")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let Flags { out } = Flags::parse();
    common::exit(run(&out))
}

fn run(out: &Path) -> common::Result {
    output::create_folder(out)?;
    let written = [one_pair(out)?, against_separation(out)?];
    println!("wrote:");
    for path in written {
        println!("  {}", path.display());
    }
    Ok(())
}

/// `D*` and the logit `ℓ* = ln p_data − ln p_G` at every grid point.
fn optimum_on(p_data: &[f64], p_g: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let pairs = || p_data.iter().zip(p_g);
    let d = pairs()
        .map(|(&a, &b)| optimal_discriminator(a, b))
        .collect();
    let logit = pairs()
        .map(|(&a, &b)| optimal_discriminator_logit(a, b))
        .collect();
    (d, logit)
}

/// `p_data = N(4, 1.25²)`, `p_G = N(2, 1)`: D* and the value of several discriminators.
fn one_pair(out: &Path) -> common::Result<PathBuf> {
    let data = gaussian_1d();
    let generator = Gaussian::new(2.0, 1.0)?;
    let grid = Grid::new(-16.0, 24.0, 8001)?;
    let p_data = grid.evaluate(|x| data.pdf(x));
    let p_g = grid.evaluate(|x| generator.pdf(x));
    let (d_star, logit_star) = optimum_on(&p_data, &p_g);

    let best = value_function_logit(&grid, &p_data, &p_g, &logit_star)?;
    let through_js = value_at_optimum(&grid, &p_data, &p_g)?;
    println!("1. p_data = N(4, 1.25²), p_G = N(2, 1)");
    println!(
        "   JSD(p_data ‖ p_G) = {:.6} nats",
        js_divergence_density(&grid, &p_data, &p_g)?
    );
    println!("{:>46}  {:>10}", "discriminator D", "V(G, D)");
    println!("{:>46}  {best:>10.6}", "D* = p_data/(p_data + p_G)");
    println!("{:>46}  {through_js:>10.6}", "−ln 4 + 2·JSD");
    // Logits, so that a D that rounds to 0 or 1 in a far tail still has a finite ln D.
    let others: [(&str, Vec<f64>); 4] = [
        ("D ≡ ½", vec![0.0; grid.len()]),
        (
            "D = σ(2·(x − 3)) (a guess at the boundary)",
            grid.evaluate(|x| 2.0 * (x - 3.0)),
        ),
        (
            "D = σ(ℓ* + 0.5) (D* biased towards real)",
            logit_star.iter().map(|&l| l + 0.5).collect(),
        ),
        (
            "D = σ(0.5·ℓ*) (D* less confident)",
            logit_star.iter().map(|&l| 0.5 * l).collect(),
        ),
    ];
    for (name, logit) in &others {
        let value = value_function_logit(&grid, &p_data, &p_g, logit)?;
        println!("{name:>46}  {value:>10.6}   ≤ V(G, D*): {}", value <= best);
    }
    // ℓ* is quadratic in x (unequal variances): D* = ½ at its two roots.
    let crossings: Vec<String> = grid
        .points()
        .windows(2)
        .zip(logit_star.windows(2))
        .filter(|(_, l)| (l[0] < 0.0) != (l[1] < 0.0))
        .map(|(x, _)| format!("{:.3}", 0.5 * (x[0] + x[1])))
        .collect();
    println!(
        "   D* = ½ (p_data = p_G) at x ≈ {}; D* → 1 in both tails\n",
        crossings.join(" and ")
    );

    let shown = |values: &[f64]| {
        grid.points()
            .iter()
            .zip(values)
            .filter(|(&x, _)| (-2.0..=9.0).contains(&x))
            .map(|(&x, &y)| (x, y))
            .collect::<Vec<_>>()
    };
    let figure = LineFigure::new(
        "The optimal discriminator D* = p_data / (p_data + p_G)",
        "x",
        "density / probability",
    )
    .series(Series::new("p_data = N(4, 1.25²)", shown(&p_data)).colour(Colour::BLACK))
    .series(Series::new("p_G = N(2, 1)", shown(&p_g)).colour(Colour::ORANGE))
    .series(Series::new("D*(x)", shown(&d_star)).colour(Colour::BLUE))
    .reference(ReferenceLine::new("½", 0.5))
    .y_range(0.0, 1.05)
    .legend(LegendPosition::UpperLeft);
    let path = out.join("optimal_discriminator.png");
    line_plot(&path, &figure)?;
    Ok(path)
}

/// `p_data = N(0, 1)`, `p_G = N(θ, 1)`: `V(G, D*)` two ways, and a frozen `D`.
fn against_separation(out: &Path) -> common::Result<PathBuf> {
    let separations: Vec<f64> = (0..=160).map(|i| f64::from(i) * 0.05).collect();
    let frozen_at = 2.0;
    let standard = Gaussian::new(0.0, 1.0)?;
    let frozen_generator = Gaussian::new(frozen_at, 1.0)?;
    let mut by_quadrature = Vec::new();
    let mut by_js = Vec::new();
    let mut frozen = Vec::new();
    let mut worst: f64 = 0.0;
    for &theta in &separations {
        let grid = Grid::new(-12.0, theta + 12.0, 4001)?;
        let generator = Gaussian::new(theta, 1.0)?;
        let p_data = grid.evaluate(|x| standard.pdf(x));
        let p_g = grid.evaluate(|x| generator.pdf(x));
        let (_, logit_star) = optimum_on(&p_data, &p_g);
        let value = value_function_logit(&grid, &p_data, &p_g, &logit_star)?;
        let js = -LN_4 + 2.0 * js_divergence_density(&grid, &p_data, &p_g)?;
        let frozen_logit = grid
            .evaluate(|x| optimal_discriminator_logit(standard.pdf(x), frozen_generator.pdf(x)));
        frozen.push((
            theta,
            value_function_logit(&grid, &p_data, &p_g, &frozen_logit)?,
        ));
        worst = worst.max((value - js).abs());
        by_quadrature.push((theta, value));
        by_js.push((theta, js));
    }
    println!("2. p_data = N(0, 1), p_G = N(θ, 1)");
    println!(
        "{:>5}  {:>14}  {:>14}  {:>18}",
        "θ", "V(G, D*)", "−ln 4 + 2·JSD", "V(G, D*_{θ=2})"
    );
    for i in (0..separations.len()).step_by(20) {
        println!(
            "{:>5.1}  {:>14.8}  {:>14.8}  {:>18.8}",
            separations[i], by_quadrature[i].1, by_js[i].1, frozen[i].1
        );
    }
    println!(
        "   worst |V(G, D*) − (−ln 4 + 2·JSD)| over {} separations: {worst:.2e}",
        separations.len()
    );
    let below = frozen
        .iter()
        .zip(&by_quadrature)
        .all(|(f, v)| f.1 <= v.1 + 1e-12);
    println!("   V(G_θ, D*_(θ=2)) ≤ V(G_θ, D*_θ) at every θ: {below}\n");

    let figure = LineFigure::new(
        "The value at the optimal discriminator, p_data = N(0, 1), p_G = N(θ, 1)",
        "separation θ",
        "V(G, D)",
    )
    .series(
        Series::new(
            "V(G, D*) by quadrature of the value function",
            by_quadrature,
        )
        .colour(Colour::BLUE),
    )
    .series(
        Series::new("−ln 4 + 2·JSD(p_data ‖ p_G)", by_js)
            .colour(Colour::ORANGE)
            .dashed(),
    )
    .series(
        Series::new("V(G, D) with D frozen at the optimum of θ = 2", frozen).colour(Colour::GREEN),
    )
    .reference(ReferenceLine::new("−ln 4", -LN_4))
    .reference(ReferenceLine::new("upper bound", 0.0).colour(Colour::BLACK))
    .legend(LegendPosition::LowerRight)
    .size(1000, 600);
    let path = out.join("value_vs_separation.png");
    line_plot(&path, &figure)?;
    Ok(path)
}
