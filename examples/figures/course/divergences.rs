//! Notebooks 03 and 04: the best Gaussian for a bimodal p in each direction of KL, p_G
//! recovered from samples, and the JS divergence of two sliding Gaussians flattening at ln 2
//! while their KL divergence keeps growing.

use crate::common;
use adversarial::datasets::mixture_1d;
use adversarial::density::{
    kde, kde_with_bandwidth, pushforward_density, silverman_bandwidth, Density, Gaussian,
};
use adversarial::divergence::{
    closest_gaussian, js_divergence_density, kl_divergence_density, kl_gaussian, Grid, KlDirection,
};
use adversarial::plot::{
    diagram, line_plot, Block, Colour, Diagram, LegendPosition, LineFigure, ReferenceLine, Series,
};
use std::f64::consts::LN_2;
use std::path::Path;

/// The density of `N(mu, sigma²)` on `grid`.
fn gaussian_on(grid: &Grid, mu: f64, sigma: f64) -> common::Result<Vec<f64>> {
    let q = Gaussian::new(mu, sigma)?;
    Ok(grid.evaluate(|x| q.pdf(x)))
}

/// The (x, y) points of `values` on `grid` with `|x| ≤ reach`.
fn curve(grid: &Grid, values: &[f64], reach: f64) -> Vec<(f64, f64)> {
    let points = grid.points().iter().zip(values);
    points
        .filter(|(x, _)| x.abs() <= reach)
        .map(|(&x, &y)| (x, y))
        .collect()
}

/// Notebook 03 §5: `p = ½·N(−2, 0.5²) + ½·N(2, 0.5²)` and the Gaussians `q` closest to it in
/// each direction among the section's candidates (μ ∈ [−3, 3] by 0.1, σ ∈ [0.3, 3] by 0.02):
/// `KL(p ‖ q)` covers both modes, `KL(q ‖ p)` sits on one.
pub fn kl_asymmetry(path: &Path) -> common::Result {
    let grid = Grid::new(-12.0, 12.0, 1201)?;
    let mixture = mixture_1d();
    let p = grid.evaluate(|x| mixture.pdf(x));
    let forward = |q: &[f64]| kl_divergence_density(&grid, &p, q);
    let reverse = |q: &[f64]| kl_divergence_density(&grid, q, &p);
    let mut candidates = Vec::new();
    for i in 0..=60 {
        for j in 0..=135 {
            let (mu, sigma) = (-3.0 + 0.1 * f64::from(i), 0.3 + 0.02 * f64::from(j));
            candidates.push(Gaussian::new(mu, sigma)?);
        }
    }
    let best = |direction| -> common::Result<(f64, f64, f64)> {
        let fit = closest_gaussian(&grid, &p, direction, &candidates)?;
        Ok((fit.gaussian.mean(), fit.gaussian.std_dev(), fit.divergence))
    };
    let (covering, seeking) = (best(KlDirection::Forward)?, best(KlDirection::Reverse)?);
    let q_covering = gaussian_on(&grid, covering.0, covering.1)?;
    let q_seeking = gaussian_on(&grid, seeking.0, seeking.1)?;
    let label =
        |what: &str, (mu, sigma, _): (f64, f64, f64), q: &[f64]| -> common::Result<String> {
            Ok(format!(
                "{what} = N({mu:.2}, {sigma:.2}²): KL(p‖q) = {:.2}, KL(q‖p) = {:.2}",
                forward(q)?,
                reverse(q)?
            ))
        };
    let figure = LineFigure::new(
        "KL is not symmetric: the best Gaussian q for a bimodal p",
        "x",
        "density",
    )
    .series(
        Series::new("p = ½·N(−2, 0.5²) + ½·N(2, 0.5²)", curve(&grid, &p, 7.0))
            .colour(Colour::BLACK),
    )
    .series(
        Series::new(
            label("argmin KL(p‖q)", covering, &q_covering)?,
            curve(&grid, &q_covering, 7.0),
        )
        .colour(Colour::BLUE),
    )
    .series(
        Series::new(
            label("argmin KL(q‖p)", seeking, &q_seeking)?,
            curve(&grid, &q_seeking, 7.0),
        )
        .colour(Colour::ORANGE),
    )
    .y_range(0.0, 1.25)
    .legend(LegendPosition::UpperLeft)
    .size(1000, 600);
    line_plot(path, &figure)?;
    Ok(())
}

/// Notebook 03 §6: the density of `x = G(z) = z + 2·tanh(3z)`, `z ~ N(0, 1)`, by the change of
/// variables `p_prior(G⁻¹(x)) / G′(G⁻¹(x))`, beside two kernel density estimates from 20,000
/// samples (seed 3), Silverman's bandwidth and half of it.
pub fn p_g_from_samples(path: &Path) -> common::Result {
    let prior = Gaussian::new(0.0, 1.0)?;
    let g = |z: f64| z + 2.0 * (3.0 * z).tanh();
    let g_prime = |z: f64| 1.0 + 6.0 / (3.0 * z).cosh().powi(2);
    let samples: Vec<f64> = prior.sample(20_000, 3).into_iter().map(g).collect();
    let grid = Grid::new(-7.0, 7.0, 1401)?;
    let exact = pushforward_density(&prior, g, g_prime, (-20.0, 20.0), grid.points())?;
    let silverman = silverman_bandwidth(&samples)?;
    let rule_of_thumb = kde(&samples, grid.points())?;
    let narrower = kde_with_bandwidth(&samples, grid.points(), 0.5 * silverman)?;
    let figure = LineFigure::new(
        "p_G of G(z) = z + 2·tanh(3z): exact, and estimated from 20,000 samples",
        "x",
        "density",
    )
    .series(
        Series::new("p_G by the change of variables", curve(&grid, &exact, 7.0))
            .colour(Colour::BLACK),
    )
    .series(
        Series::new(
            format!("KDE, Silverman's h = {silverman:.3}"),
            curve(&grid, &rule_of_thumb, 7.0),
        )
        .colour(Colour::ORANGE)
        .dashed(),
    )
    .series(
        Series::new(
            format!("KDE, h = {:.3}", 0.5 * silverman),
            curve(&grid, &narrower, 7.0),
        )
        .colour(Colour::BLUE)
        .dashed(),
    )
    .y_range(0.0, 0.34)
    .legend(LegendPosition::UpperLeft);
    line_plot(path, &figure)?;
    Ok(())
}

/// The seed's fourth picture (notebook 03 §6): noise from a prior through the network G, whose
/// samples have a distribution `p_G` with no tractable density.
pub fn prior_to_p_g(path: &Path) -> common::Result {
    let mut picture = Diagram::new(
        "A generator turns a known prior into a distribution it cannot write down",
        960,
        300,
    );
    let size = (250, 80);
    let prior = picture.block(
        Block::new(
            "z ~ p_prior(z)
a known density, e.g. N(0, I)",
            (150, 140),
            size,
        )
        .fill(Colour::rgb(238, 238, 238)),
    );
    let g = picture.block(
        Block::new(
            "G
a neural network",
            (480, 140),
            (180, 80),
        )
        .fill(Colour::rgb(204, 224, 255)),
    );
    let x = picture.block(
        Block::new(
            "x = G(z) ~ p_G(x)
samples: one forward pass each",
            (810, 140),
            (270, 80),
        )
        .fill(Colour::rgb(238, 238, 238)),
    );
    picture.arrow(prior, g, "sample z");
    picture.arrow(g, x, "G(z)");
    picture.note(
        "p_G(x) = ∫ p_prior(z)·I(G(z) = x) dz: for a network G no closed form, no log p_G(x) to maximise",
        (480, 255),
        Colour::BLACK,
    );
    diagram(path, &picture)?;
    Ok(())
}

/// `JSD(N(0, 1) ‖ N(θ, 1))` by quadrature for θ = 0, 0.05, …, 10.
fn js_of_sliding_gaussians() -> common::Result<Vec<(f64, f64)>> {
    let mut points = Vec::new();
    for i in 0..=200 {
        let theta = f64::from(i) * 0.05;
        let grid = Grid::new(-12.0, theta + 12.0, 4001)?;
        let (p, q) = (
            gaussian_on(&grid, 0.0, 1.0)?,
            gaussian_on(&grid, theta, 1.0)?,
        );
        points.push((theta, js_divergence_density(&grid, &p, &q)?));
    }
    Ok(points)
}

/// Notebook 04 §5: JS of two unit Gaussians θ apart, rising like θ²/8 and flat at ln 2 from
/// θ ≈ 8.
pub fn js_saturation(path: &Path) -> common::Result {
    let js = js_of_sliding_gaussians()?;
    let small: Vec<(f64, f64)> = js
        .iter()
        .filter(|&&(t, _)| t <= 2.5)
        .map(|&(t, _)| (t, t * t / 8.0))
        .collect();
    let figure = LineFigure::new(
        "The JS divergence of N(0, 1) and N(θ, 1) saturates at ln 2",
        "separation θ",
        "nats",
    )
    .series(Series::new("JSD(N(0, 1) ‖ N(θ, 1))", js).colour(Colour::BLUE))
    .series(
        Series::new("θ²/8, its small-θ form", small)
            .colour(Colour::BLUE)
            .dashed(),
    )
    .reference(ReferenceLine::new("ln 2", LN_2))
    .y_range(0.0, 0.8)
    .legend(LegendPosition::LowerRight);
    line_plot(path, &figure)?;
    Ok(())
}

/// Notebook 04 §5 on a log axis: KL = θ²/2 grows without bound while JS flattens at ln 2.
pub fn js_and_kl(path: &Path) -> common::Result {
    let js: Vec<(f64, f64)> = js_of_sliding_gaussians()?
        .into_iter()
        .filter(|&(t, _)| t > 0.0)
        .collect();
    let kl = js.iter().map(|&(t, _)| (t, kl_gaussian(0.0, 1.0, t, 1.0)));
    let small = js
        .iter()
        .filter(|&&(t, _)| t <= 4.0)
        .map(|&(t, _)| (t, t * t / 8.0));
    let figure = LineFigure::new(
        "KL grows without bound, JS flattens at ln 2",
        "separation θ",
        "nats (log scale)",
    )
    .series(Series::new("KL(N(0, 1) ‖ N(θ, 1)) = θ²/2", kl).colour(Colour::RED))
    .series(Series::new("JSD(N(0, 1) ‖ N(θ, 1))", js.clone()).colour(Colour::BLUE))
    .series(
        Series::new("θ²/8 (small-θ JSD)", small)
            .colour(Colour::BLUE)
            .dashed(),
    )
    .reference(ReferenceLine::new("ln 2", LN_2))
    .log_y()
    .legend(LegendPosition::LowerRight);
    line_plot(path, &figure)?;
    Ok(())
}
