//! The pictures of notebook 08 (the game): gradient play on `V(x, y) = x·y`, the 1-D GAN's
//! spread under three learning-rate set-ups, and G's best response to a fixed D.

use crate::common;
use crate::figure::Figure;
use adversarial::datasets::gaussian_1d;
use adversarial::gan::{Gan, GanConfig, Schedule};
use adversarial::minimax::{alternating_play, gradient_flow, simultaneous_play};
use adversarial::plot::{self, Colour, LineFigure, ReferenceLine, Series};
use std::path::Path;

/// This group's pictures.
pub fn figures() -> Vec<Figure> {
    vec![
        Figure {
            path: "notebooks-md/figures/08_bilinear_play.png",
            render: bilinear_play,
        },
        Figure {
            path: "notebooks-md/figures/08_oscillation.png",
            render: oscillation,
        },
    ]
}

/// Simultaneous and alternating steps (`η = 0.1`, 150 steps from (1, 0)) against the flow's
/// circle.
fn bilinear_play(path: &Path) -> common::Result {
    let (start, eta, steps) = ((1.0, 0.0), 0.1, 150);
    let circle = (0..=200).map(|i| gradient_flow(start, i as f64 * std::f64::consts::TAU / 200.0));
    let figure = LineFigure::new(
        format!("gradient play on V(x, y) = x·y from (1, 0), η = {eta}, {steps} steps"),
        "x (minimises V)",
        "y (maximises V)",
    )
    .series(
        Series::new("gradient flow: a circle", circle)
            .colour(Colour::GREY)
            .dashed(),
    )
    .series(
        Series::new(
            "simultaneous: r × √(1 + η²) per step, spirals out",
            simultaneous_play(start, eta, steps)?,
        )
        .colour(Colour::RED),
    )
    .series(
        Series::new(
            "alternating: x² + y² − η·x·y conserved, circles",
            alternating_play(start, eta, steps)?,
        )
        .colour(Colour::BLUE),
    )
    .size(760, 720);
    plot::line_plot(path, &figure)?;
    Ok(())
}

/// The spread of G's samples over the data's, `std(G(z))/1.25` (2,000 samples), every 50 steps
/// of the 1-D main job (seed 1) for `config`'s rates.
pub fn spreads(config: GanConfig) -> common::Result<Vec<(f64, f64)>> {
    let data = gaussian_1d();
    let mut gan = Gan::<f32>::new(config, 1)?;
    let mut points = Vec::new();
    for fifties in 1..=gan.config().steps / 50 {
        gan.train_until(&data, 50 * fifties, |_| {})?;
        let spread = gan.sample(2000, 5).mapv(f64::from).std(0.0) / 1.25;
        points.push(((50 * fifties) as f64, spread));
    }
    Ok(points)
}

/// The three set-ups of notebook 08 §4, seed 1, 5,000 steps: equal constant rates (10⁻³ for
/// both), two time scales (G 2·10⁻⁴, D 10⁻³) constant, and two time scales decaying
/// linearly to 0 (the default).
pub fn oscillation_setups() -> [(&'static str, GanConfig); 3] {
    let default = GanConfig {
        seed: 1,
        ..GanConfig::default()
    };
    let equal = GanConfig {
        schedule: Schedule::Constant,
        generator_optimizer: default.discriminator_optimizer,
        ..default.clone()
    };
    let two_time_scales = GanConfig {
        schedule: Schedule::Constant,
        ..default.clone()
    };
    [
        ("equal constant rates, 10⁻³ both", equal),
        (
            "two time scales (G 2·10⁻⁴, D 10⁻³), constant",
            two_time_scales,
        ),
        ("two time scales, decaying to 0 (the default)", default),
    ]
}

fn oscillation(path: &Path) -> common::Result {
    let colours = [Colour::RED, Colour::ORANGE, Colour::BLUE];
    let mut figure = LineFigure::new(
        "1-D GAN, seed 1: G's spread over the data's as training goes",
        "generator step",
        "std(G(z)) / 1.25",
    )
    .reference(ReferenceLine::new("1: the data's spread", 1.0));
    for ((name, config), colour) in oscillation_setups().into_iter().zip(colours) {
        figure = figure.series(Series::new(name, spreads(config)?).colour(colour));
    }
    plot::line_plot(path, &figure)?;
    Ok(())
}
