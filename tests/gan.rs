//! The training step: each update touches only its own network, bad numbers stop training
//! with a named error, the objectives' names round-trip. (The whole step's gradients are
//! checked against finite differences inside the crate, `src/gan/tests.rs`, where its
//! graphs are visible.)

use adversarial::autograd::ParamId;
use adversarial::gan::{Gan, GanConfig, GanError, GanLoss};
use adversarial::nn::{Activation, ParamStore};
use adversarial::optim::{AdamParams, OptimizerParams};
use ndarray::{Array2, ArrayView2};

fn small_config(loss: GanLoss) -> GanConfig {
    GanConfig {
        noise_size: 2,
        generator_hidden: vec![4],
        discriminator_hidden: vec![5],
        generator_activation: Activation::Tanh,
        discriminator_activation: Activation::LeakyRelu(0.2),
        batch_size: 6,
        loss,
        seed: 5,
        ..GanConfig::default()
    }
}

fn real_data() -> Array2<f64> {
    Array2::from_shape_fn((40, 3), |(i, j)| ((i * 7 + j * 3) % 11) as f64 / 5.0 - 1.0)
}

fn bits(store: &ParamStore<f64>, ids: &[ParamId]) -> Vec<u64> {
    ids.iter()
        .flat_map(|&id| {
            store
                .get(id)
                .iter()
                .map(|x| x.to_bits())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn each_update_changes_only_its_own_network() {
    let data = real_data();
    let mut gan = Gan::<f64>::new(small_config(GanLoss::NonSaturating), 3).unwrap();
    let (g_ids, d_ids) = (gan.generator().params(), gan.discriminator().params());
    for _ in 0..3 {
        let (g0, d0) = (bits(gan.params(), &g_ids), bits(gan.params(), &d_ids));
        gan.discriminator_step(&data).unwrap();
        let (g1, d1) = (bits(gan.params(), &g_ids), bits(gan.params(), &d_ids));
        assert_eq!(g0, g1, "a discriminator step changed G");
        assert_ne!(d0, d1, "a discriminator step left D unchanged");
        gan.generator_step().unwrap();
        let (g2, d2) = (bits(gan.params(), &g_ids), bits(gan.params(), &d_ids));
        assert_eq!(d1, d2, "a generator step changed D");
        assert_ne!(g1, g2, "a generator step left G unchanged");
    }
}

#[test]
fn a_non_finite_loss_stops_training_with_the_step_and_the_loss() {
    let data = Array2::from_elem((8, 3), f64::NAN);
    let mut gan = Gan::<f64>::new(small_config(GanLoss::NonSaturating), 3).unwrap();
    let err = gan.train(&data, |_| {}).unwrap_err();
    assert!(
        matches!(
            err,
            GanError::NonFiniteLoss {
                step: 1,
                loss: "discriminator",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "training stopped at step 1: the discriminator loss is NaN"
    );
}

#[test]
fn bad_configurations_are_named() {
    let config = GanConfig {
        batch_size: 0,
        ..GanConfig::default()
    };
    let err = Gan::<f32>::new(config, 1).err().unwrap();
    assert_eq!(err.to_string(), "GanConfig.batch_size: must be at least 1");
    let config = GanConfig {
        discriminator_optimizer: OptimizerParams::Adam(AdamParams {
            learning_rate: -1.0,
            ..AdamParams::default()
        }),
        ..GanConfig::default()
    };
    let err = Gan::<f32>::new(config, 1).err().unwrap().to_string();
    assert!(
        err.starts_with(
            "GanConfig.discriminator_optimizer: learning_rate must be finite and > 0, got -1e0"
        ),
        "{err}"
    );
}

#[test]
fn sampling_and_scoring_have_the_documented_shapes_and_ranges() {
    let gan = Gan::<f64>::new(small_config(GanLoss::NonSaturating), 3).unwrap();
    let samples = gan.sample(17, 1);
    assert_eq!(samples.dim(), (17, 3));
    assert_eq!(samples, gan.sample(17, 1));
    let scores = gan.discriminate(ArrayView2::from(&samples));
    assert_eq!(scores.dim(), (17, 1));
    assert!(scores.iter().all(|&d| d > 0.0 && d < 1.0));
}

#[test]
fn the_two_generator_gradients_differ_by_the_factor_d_over_one_minus_d() {
    // ∂ℓ_minimax/∂x = −D·∇a and ∂ℓ_non-saturating/∂x = −(1 − D)·∇a: ratio D/(1 − D).
    let gan = Gan::<f64>::new(small_config(GanLoss::NonSaturating), 3).unwrap();
    let points = gan.generator_gradients(50, 2);
    assert_eq!(points.len(), 50);
    for p in points {
        let ratio = p.d_of_fake / (1.0 - p.d_of_fake);
        assert!(
            (p.minimax / p.non_saturating - ratio).abs() <= 1e-12 * ratio.max(1.0),
            "{p:?}"
        );
    }
}

#[test]
fn after_a_discriminator_head_start_only_the_non_saturating_loss_moves_g_by_sgd() {
    // D trained alone first rejects G's samples (mean D(G(z)) < 0.01); ten plain gradient
    // steps then raise D(G(z)) by far more with −log D than with log(1 − D).
    let data = adversarial::datasets::gaussian_1d();
    let mut gan = Gan::<f32>::new(GanConfig::default(), 1).unwrap();
    for _ in 0..500 {
        gan.discriminator_step(&data).unwrap();
    }
    let study = gan.saturation_study(10, 3e-4, 0);
    let (m, n) = (&study.minimax, &study.non_saturating);
    assert_eq!(m[0], n[0]);
    assert!(m[0] < 0.01, "{m:?}");
    let (gain_minimax, gain_non_saturating) = (m[10] - m[0], n[10] - n[0]);
    assert!(gain_non_saturating > 0.1, "{n:?}");
    assert!(gain_minimax < 0.1 * gain_non_saturating, "{m:?} vs {n:?}");
}

#[test]
fn objective_names_round_trip_and_an_unknown_one_lists_the_valid_ones() {
    let names = [
        "minimax",
        "non-saturating",
        "least-squares",
        "hinge",
        "wgan",
        "wgan-gp",
    ];
    assert_eq!(GanLoss::ALL.map(|loss| loss.to_string()), names);
    for name in names {
        assert_eq!(name.parse::<GanLoss>().unwrap().to_string(), name);
    }
    let err = "wgangp".parse::<GanLoss>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown loss `wgangp`: expected one of minimax, non-saturating, least-squares, \
         hinge, wgan, wgan-gp"
    );
    assert!("Minimax".parse::<GanLoss>().is_err()); // exact names only
}
