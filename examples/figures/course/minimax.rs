//! Notebooks 05 and 05b: the optimal discriminator between two densities, the value of the
//! game at it against the separation (with a frozen D below it), and the generator's gradient
//! under the two losses.

use crate::common;
use adversarial::datasets::gaussian_1d;
use adversarial::density::{Density, Gaussian};
use adversarial::divergence::{js_divergence_density, Grid};
use adversarial::minimax::{
    optimal_discriminator, optimal_discriminator_logit, value_function_logit,
    vanishing_gradient_study,
};
use adversarial::plot::{line_plot, Colour, LegendPosition, LineFigure, ReferenceLine, Series};
use std::f64::consts::LN_2;
use std::path::Path;

/// Notebook 05 §5: `p_data = N(4, 1.25²)`, `p_G = N(2, 1)` and
/// `D*(x) = p_data(x) / (p_data(x) + p_G(x))`, ½ where the densities cross.
pub fn optimal_discriminator_figure(path: &Path) -> common::Result {
    let (data, generator) = (gaussian_1d(), Gaussian::new(2.0, 1.0)?);
    let xs: Vec<f64> = (0..=1100).map(|i| -2.0 + 0.01 * f64::from(i)).collect();
    let curve = |f: &dyn Fn(f64) -> f64| xs.iter().map(|&x| (x, f(x))).collect::<Vec<_>>();
    let figure = LineFigure::new(
        "The optimal discriminator D* = p_data / (p_data + p_G)",
        "x",
        "density / probability",
    )
    .series(Series::new("p_data = N(4, 1.25²)", curve(&|x| data.pdf(x))).colour(Colour::BLACK))
    .series(Series::new("p_G = N(2, 1)", curve(&|x| generator.pdf(x))).colour(Colour::ORANGE))
    .series(
        Series::new(
            "D*(x)",
            curve(&|x| optimal_discriminator(data.pdf(x), generator.pdf(x))),
        )
        .colour(Colour::BLUE),
    )
    .reference(ReferenceLine::new("½", 0.5))
    .y_range(0.0, 1.05)
    .legend(LegendPosition::UpperLeft);
    line_plot(path, &figure)?;
    Ok(())
}

/// Notebook 05 §6–7: `p_data = N(0, 1)`, `p_G = N(θ, 1)`: `V(G, D*)` by quadrature of the value
/// function, `−ln 4 + 2·JSD` (the same curve), and `V(G_θ, D)` with D frozen at the optimum of
/// θ = 2, below it and tangent at θ = 2.
pub fn value_vs_separation(path: &Path) -> common::Result {
    let standard = Gaussian::new(0.0, 1.0)?;
    let frozen_generator = Gaussian::new(2.0, 1.0)?;
    let (mut by_quadrature, mut by_js, mut frozen) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..=160 {
        let theta = f64::from(i) * 0.05;
        let grid = Grid::new(-12.0, theta + 12.0, 4001)?;
        let generator = Gaussian::new(theta, 1.0)?;
        let p_data = grid.evaluate(|x| standard.pdf(x));
        let p_g = grid.evaluate(|x| generator.pdf(x));
        let logit_star =
            grid.evaluate(|x| optimal_discriminator_logit(standard.pdf(x), generator.pdf(x)));
        let logit_frozen = grid
            .evaluate(|x| optimal_discriminator_logit(standard.pdf(x), frozen_generator.pdf(x)));
        by_quadrature.push((
            theta,
            value_function_logit(&grid, &p_data, &p_g, &logit_star)?,
        ));
        by_js.push((
            theta,
            -2.0 * LN_2 + 2.0 * js_divergence_density(&grid, &p_data, &p_g)?,
        ));
        frozen.push((
            theta,
            value_function_logit(&grid, &p_data, &p_g, &logit_frozen)?,
        ));
    }
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
    .reference(ReferenceLine::new("−ln 4", -2.0 * LN_2))
    .reference(ReferenceLine::new("upper bound", 0.0).colour(Colour::BLACK))
    .legend(LegendPosition::LowerRight)
    .size(1000, 600);
    line_plot(path, &figure)?;
    Ok(())
}

/// Notebook 05b §1: the generator's gradient with D at its optimum `D*_θ`, `p_G = N(θ, 1)`:
/// `θ·E_{p_G}[D*]` under the minimax loss (`2·dJSD/dθ`, vanishing like `e^(−θ²/8)`) and
/// `θ·E_{p_G}[1 − D*]` under the non-saturating one (tending to θ), on a log axis.
pub fn vanishing_gradient(path: &Path) -> common::Result {
    let thetas: Vec<f64> = (1..=120).map(|i| f64::from(i) * 0.1).collect();
    let study = vanishing_gradient_study(&thetas)?;
    let minimax = study.iter().map(|p| (p.separation, p.minimax_gradient));
    let non_saturating = study
        .iter()
        .map(|p| (p.separation, p.non_saturating_gradient));
    let figure = LineFigure::new(
        "The generator's gradient against D*: minimax vanishes, non-saturating grows like θ",
        "separation θ of p_G = N(θ, 1) from p_data = N(0, 1)",
        "d/dθ of the generator's loss (log scale)",
    )
    .series(
        Series::new(
            "minimax: θ·E_pG[D*] = 2·dJSD/dθ",
            minimax.collect::<Vec<_>>(),
        )
        .colour(Colour::RED),
    )
    .series(
        Series::new(
            "non-saturating: θ·E_pG[1 − D*]",
            non_saturating.collect::<Vec<_>>(),
        )
        .colour(Colour::BLUE),
    )
    .log_y()
    .legend(LegendPosition::LowerLeft);
    line_plot(path, &figure)?;
    Ok(())
}
