//! The whole step's gradients against finite differences, for every objective: the graphs
//! of `discriminator_step` and `generator_step` are crate-private, so this check lives here.

use super::{Gan, GanConfig, GanLoss};
use crate::autograd::Tape;
use crate::nn::{gradcheck_params, Activation};
use ndarray::Array2;

fn small_config(loss: GanLoss) -> GanConfig {
    GanConfig {
        noise_size: 2,
        generator_hidden: vec![4],
        discriminator_hidden: vec![5],
        generator_activation: Activation::Tanh,
        discriminator_activation: Activation::LeakyRelu(0.2),
        batch_size: 6,
        seed: 5,
        ..GanConfig::default().with_loss(loss)
    }
}

#[test]
fn whole_step_gradients_match_finite_differences_for_every_objective() {
    let real = Array2::from_shape_fn((6, 3), |(i, j)| ((i * 7 + j * 3) % 11) as f64 / 5.0 - 1.0);
    let noise = Array2::from_shape_fn((6, 2), |(i, j)| (i as f64 - 2.5) * 0.4 + j as f64 * 0.3);
    let epsilon = Array2::from_shape_fn((6, 1), |(i, _)| (i as f64 + 0.5) / 6.0);
    for loss in GanLoss::ALL {
        let gan = Gan::<f64>::new(small_config(loss), 3).unwrap();
        let store = gan.params().clone();
        // ∂L_D/∂θ_D: D trainable, G frozen.
        let d_report = gradcheck_params(&store, &gan.discriminator().params(), |tape, params| {
            gan.discriminator_objective(params, tape, real.view(), noise.view(), epsilon.view())
                .loss
        });
        d_report.assert_below(1e-6);
        // ∂L_G/∂θ_G: back through the frozen D into G.
        let g_report = gradcheck_params(&store, &gan.generator().params(), |tape, params| {
            gan.generator_objective(params, tape, noise.view(), loss)
        });
        g_report.assert_below(1e-6);
        // And the frozen network gets no gradient in either objective.
        let tape = Tape::new();
        let graph =
            gan.discriminator_objective(&store, &tape, real.view(), noise.view(), epsilon.view());
        let grads = tape.backward(graph.loss);
        let ids = gan.generator().params();
        assert!(ids.iter().all(|&id| grads.param(id).is_none()), "{loss}");
        let tape = Tape::new();
        let grads = tape.backward(gan.generator_objective(&store, &tape, noise.view(), loss));
        let ids = gan.discriminator().params();
        assert!(ids.iter().all(|&id| grads.param(id).is_none()), "{loss}");
        println!("{loss}: D {d_report}\n{loss}: G {g_report}");
    }
}
