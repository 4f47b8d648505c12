//! The pictures of notebook 07 (Wasserstein): JS, KL and W₁ of the sliding uniforms (§2), and
//! a WGAN-GP's critic on the 1-D data (p_data, p_G and f(x), §6) and on the ring (§7, trained
//! by `course::collapse` with `gan_2d`'s set-up).

use crate::common;
use crate::figure::Figure;
use adversarial::datasets::gaussian_1d;
use adversarial::density::{kde, Density};
use adversarial::divergence::{js_divergence, wasserstein_1d};
use adversarial::gan::{Gan, GanConfig, GanLoss};
use adversarial::plot::{self, Colour, LineFigure, ReferenceLine, Series};
use ndarray::Array2;
use std::f64::consts::LN_2;
use std::path::Path;

/// This group's pictures.
pub fn figures() -> Vec<Figure> {
    vec![
        Figure {
            path: "notebooks-md/figures/07_sliding_supports.png",
            render: sliding_supports,
        },
        Figure {
            path: "notebooks-md/figures/07_wgan_gp_1d.png",
            render: critic_1d,
        },
        Figure {
            path: "notebooks-md/figures/07_wgan_gp_ring.png",
            render: crate::course::collapse::ring_wgan_gp_seed0,
        },
    ]
}

/// §2: a uniform over 10 cells of width 0.1 slid `k` cells past a copy of itself.
fn sliding_supports(path: &Path) -> common::Result {
    let positions: Vec<f64> = (0..30).map(|i| i as f64 / 10.0).collect();
    let uniform_from = |start: usize| {
        let mut cells = vec![0.0; 30];
        cells[start..start + 10].fill(0.1);
        cells
    };
    let p = uniform_from(0);
    let (mut js, mut w) = (Vec::new(), Vec::new());
    for k in 0..=20 {
        let q = uniform_from(k);
        let theta = k as f64 / 10.0;
        js.push((theta, js_divergence(&p, &q)?));
        w.push((
            theta,
            wasserstein_1d(&positions, &positions, Some(&p), Some(&q))?,
        ));
    }
    let figure = LineFigure::new(
        "a uniform slid θ past itself: JS freezes at ln 2 once the supports part, W₁ = θ goes on",
        "θ (shift)",
        "nats / distance",
    )
    .series(Series::new("JS(P ‖ Q_θ) = min(θ, 1)·ln 2", js).colour(Colour::RED))
    .series(Series::new("W₁(P, Q_θ) = θ", w).colour(Colour::BLUE))
    .reference(ReferenceLine::new(
        "ln 2 (KL(P ‖ Q_θ) = ∞ for every θ > 0)",
        LN_2,
    ));
    plot::line_plot(path, &figure)?;
    Ok(())
}

/// §6's run: WGAN-GP on N(4, 1.25²) with the paper's set-up (`with_loss`), seed 0.
fn wgan_gp_1d(steps: usize) -> GanConfig {
    GanConfig {
        steps,
        seed: 0,
        ..GanConfig::default()
    }
    .with_loss(GanLoss::WganGp)
}

/// §6's critic kinks: the bias of first-layer unit `j` (of `n`) set to `−w_j·c_j`, the `c_j`
/// evenly spaced on `[−1, 9]`, so that unit's kink sits at `x = c_j`, over the data.
fn spread_critic_kinks(gan: &mut Gan<f32>) {
    let layer = gan.discriminator().layers()[0].clone();
    let weights = gan.params().get(layer.weight()).clone();
    let n = weights.len() as f32;
    let biases = gan.params_mut().get_mut(layer.bias());
    for (j, (b, w)) in biases.iter_mut().zip(&weights).enumerate() {
        *b = -w * (-1.0 + 10.0 * (j as f32 + 0.5) / n);
    }
}

fn critic_1d(path: &Path) -> common::Result {
    let data = gaussian_1d();
    let mut gan = Gan::<f32>::new(wgan_gp_1d(2000), 1)?;
    spread_critic_kinks(&mut gan);
    gan.train(&data, |_| {})?;
    let fakes: Vec<f64> = gan
        .sample(10_000, 1)
        .iter()
        .map(|&x| f64::from(x))
        .collect();
    let reals = data.sample(10_000, 2);
    let critic = |xs: &[f64]| -> Vec<f64> {
        let batch = Array2::from_shape_fn((xs.len(), 1), |(i, _)| xs[i] as f32);
        gan.discriminate(batch.view())
            .iter()
            .map(|&f| f64::from(f))
            .collect()
    };
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let estimate = mean(&critic(&reals)) - mean(&critic(&fakes));
    let w1 = wasserstein_1d(&reals, &fakes, None, None)?;
    let xs: Vec<f64> = (0..=400).map(|i| -2.0 + 12.0 * i as f64 / 400.0).collect();
    let f = critic(&xs);
    let (low, high) = f
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), &v| (l.min(v), h.max(v)));
    let rescaled = f.iter().map(|v| 0.45 * (v - low) / (high - low));
    let curve = |ys: Vec<f64>| xs.iter().copied().zip(ys).collect::<Vec<_>>();
    let figure = LineFigure::new(
        format!(
            "WGAN-GP after 2,000 steps, critic kinks over the data: gap {estimate:.3}, W₁ {w1:.3}"
        ),
        "x",
        "density / critic",
    )
    .series(
        Series::new("p_data", curve(xs.iter().map(|&x| data.pdf(x)).collect()))
            .colour(Colour::BLUE),
    )
    .series(
        Series::new("p_G (KDE of 10,000 samples)", curve(kde(&fakes, &xs)?)).colour(Colour::ORANGE),
    )
    .series(
        Series::new(
            format!("critic f(x), rescaled (range {:.2})", high - low),
            xs.iter().copied().zip(rescaled),
        )
        .colour(Colour::GREEN),
    );
    plot::line_plot(path, &figure)?;
    Ok(())
}
