//! Notebook 02: the product of densities underflowing where the sum of their logs does not,
//! and likelihood surfaces narrowing with the number of samples.

use crate::common;
use adversarial::mle::gaussian_log_likelihood;
use adversarial::plot::{line_plot, Colour, LineFigure, ReferenceLine, Series};
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use rand_distr::{Distribution, Normal, StandardNormal};
use std::f64::consts::{LN_10, PI};
use std::path::Path;

/// Notebook 02 §2 (seed 2014): `log₁₀` of the running product `Π_{i≤m} p(x_i)` of standard
/// normal densities as `f64` computes it, which is exactly 0 from `m = 521` on (no point
/// there), beside `Σ_{i≤m} log p(x_i) / ln 10`, the same number through logs.
pub fn underflow(path: &Path) -> common::Result {
    let mut rng = StdRng::seed_from_u64(2014);
    let samples: Vec<f64> = (0..800).map(|_| StandardNormal.sample(&mut rng)).collect();
    let pdf = |x: f64| (-0.5 * x * x).exp() / (2.0 * PI).sqrt();
    let log_pdf = |x: f64| -0.5 * x * x - 0.5 * (2.0 * PI).ln();
    let (mut product, mut log_sum) = (1.0f64, 0.0f64);
    let (mut through_product, mut through_logs) = (Vec::new(), Vec::new());
    for (m, &x) in (1..).zip(&samples) {
        product *= pdf(x);
        log_sum += log_pdf(x);
        if product > 0.0 {
            through_product.push((f64::from(m), product.log10()));
        }
        through_logs.push((f64::from(m), log_sum / LN_10));
    }
    let figure = LineFigure::new(
        "The likelihood of m standard-normal samples: Π p(xᵢ) underflows to 0 at m = 521",
        "m (samples)",
        "log₁₀ of the likelihood",
    )
    .series(
        Series::new("Σ log p(xᵢ) / ln 10, the sum of logs", through_logs)
            .colour(Colour::BLUE)
            .dashed(),
    )
    .series(Series::new("log₁₀ Π p(xᵢ), the product in f64", through_product).colour(Colour::RED))
    .reference(ReferenceLine::new(
        "smallest normal f64, log₁₀ 2⁻¹⁰²²",
        -1022.0 * 2f64.log10(),
    ))
    .reference(
        ReferenceLine::new("smallest f64, log₁₀ 2⁻¹⁰⁷⁴", -1074.0 * 2f64.log10())
            .colour(Colour::BLACK),
    );
    line_plot(path, &figure)?;
    Ok(())
}

/// Notebook 02 §3: the likelihood of `N(μ, 1)` over μ, `L(μ)/L(μ̂) = exp(ℓ(μ) − ℓ(μ̂))`, for the
/// first m = 5, 50, 500 and 5,000 of the section's samples of `N(0.7, 1)` (seed 3). Its width
/// shrinks like `1/√m`; dividing ℓ by m would change its height, not where its peak is.
pub fn surfaces(path: &Path) -> common::Result {
    let mut rng = StdRng::seed_from_u64(3);
    let normal = Normal::new(0.7, 1.0)?;
    let samples: Vec<f64> = (0..5000).map(|_| normal.sample(&mut rng)).collect();
    let mus: Vec<f64> = (0..=700).map(|i| -1.0 + 0.005 * f64::from(i)).collect();
    let mut figure = LineFigure::new(
        "The likelihood of N(μ, 1) for m samples of N(0.7, 1), divided by its maximum",
        "μ",
        "L(μ) / L(μ̂)",
    );
    let colours = [Colour::GREY, Colour::GREEN, Colour::ORANGE, Colour::BLUE];
    for (m, colour) in [5usize, 50, 500, 5000].into_iter().zip(colours) {
        let first = &samples[..m];
        let mean = first.iter().sum::<f64>() / m as f64;
        let at_maximum = gaussian_log_likelihood(first, mean, 1.0)?;
        let mut points = Vec::with_capacity(mus.len());
        for &mu in &mus {
            let relative = gaussian_log_likelihood(first, mu, 1.0)? - at_maximum;
            points.push((mu, relative.exp()));
        }
        let name = format!("m = {m}: μ̂ = x̄ = {mean:.3}");
        figure = figure.series(Series::new(name, points).colour(colour));
    }
    line_plot(path, &figure.y_range(0.0, 1.05))?;
    Ok(())
}
