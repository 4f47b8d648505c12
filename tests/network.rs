//! A network defined outside the crate — a residual MLP generator — trained on the ring by
//! `Gan::from_networks`, scored by mode coverage.

use adversarial::autograd::{ParamId, Var};
use adversarial::datasets::ring;
use adversarial::gan::{Gan, GanConfig};
use adversarial::metrics::mode_coverage;
use adversarial::nn::{Activation, Mlp, Mode, Network, ParamStore};
use adversarial::optim::AdamParams;
use adversarial::Float;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};

/// `h = relu(z·W₀ + b₀)`, `h ← h + block(h)` (a two-layer ReLU MLP), `x = h·W₃ + b₃`.
struct ResidualGenerator {
    stem: Mlp,
    block: Mlp,
    head: Mlp,
}

impl ResidualGenerator {
    fn new<T: Float>(store: &mut ParamStore<T>, sizes: (usize, usize, usize), seed: u64) -> Self {
        let (noise, width, out) = sizes;
        let mut rng = StdRng::seed_from_u64(seed);
        let relu = Activation::Relu;
        ResidualGenerator {
            stem: Mlp::builder(&[noise, width]).activations(&[relu]).build(
                store,
                "generator.stem",
                &mut rng,
            ),
            block: Mlp::builder(&[width, width, width])
                .activations(&[relu, relu])
                .build(store, "generator.block", &mut rng),
            head: Mlp::builder(&[width, out]).build(store, "generator.head", &mut rng),
        }
    }
}

impl<T: Float> Network<T> for ResidualGenerator {
    #[track_caller]
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

/// Modes of the ring covered (of 8) by 2,500 samples after training from `seed`.
fn modes_covered(seed: u64) -> usize {
    let data = ring();
    let real = data.sample(4096, seed).mapv(|x| x as f32);
    let mut store = ParamStore::<f32>::new();
    let generator = ResidualGenerator::new(&mut store, (2, 64, 2), seed);
    let discriminator = Mlp::builder(&[2, 64, 64, 1])
        .hidden(Activation::LeakyRelu(0.2))
        .build(
            &mut store,
            "discriminator",
            &mut StdRng::seed_from_u64(seed + 100),
        );
    let adam = AdamParams {
        learning_rate: 1e-3,
        beta1: 0.5,
        ..AdamParams::default()
    };
    let config = GanConfig {
        noise_size: 2,
        batch_size: 128,
        generator_optimizer: adam.into(),
        discriminator_optimizer: adam.into(),
        discriminator_steps: 1,
        steps: 3000,
        seed,
        log_every: 100,
        ..GanConfig::default()
    };
    let mut gan = Gan::from_networks(config, store, generator, discriminator).unwrap();
    assert_eq!(gan.dim(), 2);
    gan.train(&real, |_| {}).unwrap();
    let samples = gan.sample(2500, 7);
    let score = mode_coverage(samples.view(), data.modes(), data.sigma()).unwrap();
    println!("seed {seed}: {score:?}");
    score.modes_covered
}

#[test]
fn a_residual_generator_of_ones_own_covers_the_ring() {
    // Measured (seeds 0, 1, 2): 8, 8, 8 modes covered; the emptiest mode holds 67, 12 and 168
    // of 2,500 samples (a mode counts from one high-quality sample); 5.5 s for the three.
    let covered: Vec<usize> = (0..3).map(modes_covered).collect();
    println!("modes covered: {covered:?}");
    assert!(covered.iter().all(|&c| c >= 8), "{covered:?}");
}
