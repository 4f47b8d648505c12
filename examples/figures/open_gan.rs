//! The pictures of notebook 09 (a network of one's own): the residual generator of its §1,
//! trained exactly as there, its samples over D's heat-map.

use crate::common;
use crate::figure::Figure;
use adversarial::autograd::{ParamId, Var};
use adversarial::datasets::ring;
use adversarial::gan::{Gan, GanConfig};
use adversarial::metrics::mode_coverage;
use adversarial::nn::{Activation, Mlp, Mode, Network, ParamStore};
use adversarial::optim::AdamParams;
use adversarial::plot::{scatter_over_heatmap, Heatmap};
use adversarial::Float;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use std::path::Path;

/// This group's pictures.
pub fn figures() -> Vec<Figure> {
    vec![Figure {
        path: "notebooks-md/figures/09_residual_generator.png",
        render: residual_generator,
    }]
}

/// Notebook 09 §1's network: `h = relu(z·W₀ + b₀)`, `h ← h + block(h)`, `x = h·W₃ + b₃`.
struct Residual {
    stem: Mlp,
    block: Mlp,
    head: Mlp,
}

impl<T: Float> Network<T> for Residual {
    fn forward<'t>(&self, params: &ParamStore<T>, z: Var<'t, T>, mode: Mode) -> Var<'t, T> {
        let h = self.stem.forward(params, z, mode);
        let h = h + self.block.forward(params, h, mode);
        self.head.forward(params, h, mode)
    }
    fn params(&self) -> Vec<ParamId> {
        [self.stem.params(), self.block.params(), self.head.params()].concat()
    }
    fn input_size(&self) -> usize {
        self.stem.input_size()
    }
    fn output_size(&self) -> usize {
        self.head.output_size()
    }
}

/// The residual generator trained as in notebook 09 §1 (seed 0, 3,000 steps): its 2,500
/// scored samples over D's probability, the ring's modes as crosses.
fn residual_generator(path: &Path) -> common::Result {
    let mut store = ParamStore::<f32>::new();
    let rng = &mut StdRng::seed_from_u64(0);
    let relu = Activation::Relu;
    let generator = Residual {
        stem: Mlp::builder(&[2, 64])
            .activations(&[relu])
            .build(&mut store, "generator.stem", rng),
        block: Mlp::builder(&[64, 64, 64])
            .activations(&[relu, relu])
            .build(&mut store, "generator.block", rng),
        head: Mlp::builder(&[64, 2]).build(&mut store, "generator.head", rng),
    };
    let discriminator = Mlp::builder(&[2, 64, 64, 1])
        .hidden(Activation::LeakyRelu(0.2))
        .build(&mut store, "discriminator", rng);
    let adam = AdamParams {
        learning_rate: 1e-3,
        beta1: 0.5,
        ..AdamParams::default()
    };
    let config = GanConfig {
        noise_size: 2,
        batch_size: 128,
        discriminator_steps: 1,
        steps: 3000,
        seed: 0,
        generator_optimizer: adam.into(),
        discriminator_optimizer: adam.into(),
        ..GanConfig::default()
    };
    let mut gan = Gan::from_networks(config, store, generator, discriminator)?;
    let data = ring();
    gan.train(&data, |_| {})?;
    let samples = gan.sample(2500, 7);
    let score = mode_coverage(samples.view(), data.modes(), data.sigma())?;
    let frame = data.frame();
    let cells = 120;
    let points = Heatmap::grid_points::<f32>(frame, frame, cells, cells);
    let d = gan
        .discriminate(points.view())
        .into_shape_with_order((cells, cells))?;
    let points: Vec<(f64, f64)> = samples
        .rows()
        .into_iter()
        .map(|r| (f64::from(r[0]), f64::from(r[1])))
        .collect();
    let title = format!(
        "residual generator, 3,000 steps: {} of 8 modes, {:.1}% within 3σ",
        score.modes_covered,
        100.0 * score.high_quality_fraction
    );
    let heatmap = Heatmap::new(frame, frame, d.view());
    scatter_over_heatmap(path, &heatmap, &points, data.modes(), &title)?;
    Ok(())
}
