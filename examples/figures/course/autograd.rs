//! Notebook 00: the tape of `y = x² + x`, and the finite-difference check of the neuron.

use crate::common;
use adversarial::autograd::ops::logistic;
use adversarial::plot::{diagram, line_plot, Block, Colour, Diagram, LineFigure, Series};
use std::path::Path;

/// The fill of a box that holds a value on the tape.
const NODE: Colour = Colour::rgb(226, 236, 250);

/// The three nodes of `y = x² + x` at `x = 3` in creation order, the values going forward and
/// the gradients going back, added where `x` is used twice (notebook 00, sections 1–2).
pub fn tape(path: &Path) -> common::Result {
    let mut picture = Diagram::new(
        "The tape of y = x² + x at x = 3: values forward, gradients backward, added",
        960,
        400,
    );
    let size = (230, 74);
    let x = picture.block(Block::new("node 0: x = 3\nvariable", (150, 250), size).fill(NODE));
    let square =
        picture.block(Block::new("node 1: x·x = 9\ninputs (0, 0)", (480, 120), size).fill(NODE));
    let y = picture
        .block(Block::new("node 2: y = 9 + 3 = 12\ninputs (1, 0)", (810, 250), size).fill(NODE));
    picture.arrow(x, square, "x, twice");
    picture.arrow(square, y, "x²");
    picture.arrow(x, y, "x");
    picture.gradient(y, square, "∂y/∂(x²) = 1");
    picture.gradient(square, x, "1 · 2x = 6");
    picture.gradient(y, x, "∂y/∂x += 1");
    picture.note(
        "backward seeds ∂y/∂y = 1 and walks the nodes 2, 1, 0:   ∂y/∂x = 6 + 1 = 7 = 2x + 1",
        (480, 370),
        Colour::BLACK,
    );
    diagram(path, &picture)?;
    Ok(())
}

/// `|finite difference − ∂L/∂b|` against the step `h` for the neuron of notebook 00 §4
/// (`y = 0`, so `L(b) = softplus(z)`, `z = w·x + b`, `∂L/∂b = σ(z)`): the central difference's
/// error falls like `h²·|L‴|/6` and the forward one's like `h·|L″|/2`, until rounding, about
/// `ε·|L|/h`, takes over.
pub fn gradcheck(path: &Path) -> common::Result {
    let z_without_b: f64 = 0.5 * 0.3 + (-1.2) * 0.8 + 2.0 * (-0.4);
    let b = 0.1;
    let loss = |b: f64| -(1.0 - logistic(z_without_b + b)).ln();
    let s = logistic(z_without_b + b);
    let (exact, second, third) = (s, s * (1.0 - s), s * (1.0 - s) * (1.0 - 2.0 * s));
    let steps: Vec<f64> = (4..=48).map(|k| 10f64.powf(-f64::from(k) / 4.0)).collect();
    // An error of exactly 0 (rounding can hit the value) has no place on a log axis.
    let measured = |difference: &dyn Fn(f64) -> f64| -> Vec<(f64, f64)> {
        steps
            .iter()
            .map(|&h| (h.log10(), (difference(h) - exact).abs()))
            .filter(|&(_, error)| error > 0.0)
            .collect()
    };
    let central = measured(&|h| (loss(b + h) - loss(b - h)) / (2.0 * h));
    let forward = measured(&|h| (loss(b + h) - loss(b)) / h);
    let law = |power: i32, factor: f64| {
        steps
            .iter()
            .filter(move |&&h| h >= 1e-7)
            .map(move |&h| (h.log10(), factor * h.powi(power)))
    };
    let figure = LineFigure::new(
        "Finite differences of the neuron's loss: error against the step h",
        "log₁₀ h",
        "|finite difference − ∂L/∂b|",
    )
    .series(Series::new("central (L(b + h) − L(b − h)) / 2h", central).colour(Colour::BLUE))
    .series(Series::new("forward (L(b + h) − L(b)) / h", forward).colour(Colour::ORANGE))
    .series(
        Series::new("h²·|L'''(b)|/6", law(2, third.abs() / 6.0))
            .colour(Colour::BLUE)
            .dashed(),
    )
    .series(
        Series::new("h·|L''(b)|/2", law(1, second / 2.0))
            .colour(Colour::ORANGE)
            .dashed(),
    )
    .log_y();
    line_plot(path, &figure)?;
    Ok(())
}
