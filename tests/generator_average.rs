//! `GanConfig::generator_average` (`src/gan/average.rs`): samples drawn with the moving average
//! `θ̄_G ← θ̄_G + (1 − β)·(θ_G − θ̄_G)` of G's parameters, against the average recomputed
//! here from the recorded iterates; training itself unchanged; the checkpoint holds `θ̄_G`.

use adversarial::gan::{Gan, GanConfig, GanError, SavedGenerator};
use adversarial::nn::Activation;
use ndarray::Array2;

fn config(average: Option<f64>) -> GanConfig {
    GanConfig {
        noise_size: 2,
        generator_hidden: vec![6],
        discriminator_hidden: vec![5],
        generator_activation: Activation::Tanh,
        batch_size: 8,
        steps: 30,
        seed: 3,
        generator_average: average,
        ..GanConfig::default()
    }
}

fn data() -> Array2<f64> {
    Array2::from_shape_fn((40, 2), |(i, j)| ((i * 7 + j * 3) % 11) as f64 / 5.0 - 1.0)
}

#[test]
fn the_average_is_the_recursion_over_the_recorded_iterates() {
    let beta = 0.9;
    let mut gan = Gan::<f64>::new(config(Some(beta)), 2).unwrap();
    let ids = gan.generator().params();
    let mut average: Vec<Array2<f64>> =
        ids.iter().map(|&id| gan.params().get(id).clone()).collect();
    let mut iterates = vec![gan.params().get(ids[0]).clone()]; // θ_0, θ_1, … of G's first weight
    for _ in 0..30 {
        gan.step(&data()).unwrap();
        for (mean, &id) in average.iter_mut().zip(&ids) {
            mean.zip_mut_with(gan.params().get(id), |m, &theta| {
                *m += (1.0 - beta) * (theta - *m)
            });
        }
        iterates.push(gan.params().get(ids[0]).clone());
    }
    let sampling = gan.sampling_params();
    for (mean, &id) in average.iter().zip(&ids) {
        assert_eq!(sampling.get(id), mean, "{}", gan.params().name(id));
    }
    // Unrolled: θ̄_T = β^T·θ_0 + (1 − β)·Σ_{t=1..T} β^(T−t)·θ_t.
    let mut unrolled = beta.powi(30) * &iterates[0];
    for (t, theta) in iterates.iter().enumerate().skip(1) {
        unrolled = unrolled + (1.0 - beta) * beta.powi(30 - t as i32) * theta;
    }
    let error = (&unrolled - sampling.get(ids[0]))
        .mapv(f64::abs)
        .fold(0.0, |a: f64, &b| a.max(b));
    assert!(error < 1e-14, "{error}");
    assert_ne!(sampling.get(ids[0]), gan.params().get(ids[0]));
    // D's parameters are the trained ones: only G's are averaged.
    for id in gan.discriminator().params() {
        assert_eq!(sampling.get(id), gan.params().get(id));
    }
    // And the samples are G's on θ̄_G.
    let noise = gan.noise(5, 11);
    let by_hand = {
        let tape = adversarial::autograd::Tape::new();
        let x = tape.constant(noise.view());
        let y = gan
            .generator()
            .forward(&sampling, x, adversarial::nn::Mode::Frozen);
        let value = y.value().clone();
        value
    };
    assert_eq!(gan.sample(5, 11), by_hand);
}

#[test]
fn averaging_changes_no_training_bit_and_beta_zero_is_the_last_iterate() {
    let train = |average| {
        let mut gan = Gan::<f64>::new(config(average), 2).unwrap();
        gan.train(&data(), |_| {}).unwrap();
        gan
    };
    let (plain, averaged, zero) = (train(None), train(Some(0.99)), train(Some(0.0)));
    assert_eq!(plain.params(), averaged.params());
    assert_ne!(plain.sample(20, 1), averaged.sample(20, 1));
    assert_eq!(plain.sample(20, 1), zero.sample(20, 1));
}

#[test]
fn a_beta_outside_zero_to_one_is_refused_by_name() {
    for beta in [1.0, -0.1, f64::NAN, 2.0] {
        match Gan::<f32>::new(config(Some(beta)), 2) {
            Err(GanError::InvalidConfig { field, reason }) => {
                assert_eq!(field, "generator_average");
                assert!(reason.contains("[0, 1)"), "{reason}");
            }
            other => panic!("β = {beta}: {:?}", other.err()),
        }
    }
}

#[test]
fn the_checkpoint_holds_the_average_and_loading_restarts_it() {
    let mut gan = Gan::<f32>::new(config(Some(0.9)), 2).unwrap();
    gan.train(&data().mapv(|x| x as f32), |_| {}).unwrap();
    let path =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("generator_average.safetensors");
    gan.save_checkpoint(&path).unwrap();
    let saved = SavedGenerator::<f32>::load(&path).unwrap();
    let noise = gan.noise(7, 2);
    assert_eq!(
        saved.generate(noise.view(), None).unwrap(),
        gan.sample(7, 2)
    );
    // Loaded into a fresh GAN, θ̄_G starts at the file's weights: its samples are the same.
    let mut fresh = Gan::<f32>::new(config(Some(0.9)), 2).unwrap();
    fresh.load_checkpoint(&path).unwrap();
    assert_eq!(fresh.sample(7, 2), gan.sample(7, 2));
}

#[test]
fn the_average_starts_from_parameters_edited_before_training() {
    // The main job sets G's output bias after construction: the average must start there, or
    // β^T of the stale start stays in θ̄_G (0.9^30 = 4% here).
    let mut gan = Gan::<f64>::new(config(Some(0.9)), 2).unwrap();
    let bias = gan.generator().layers().last().unwrap().bias();
    gan.params_mut().get_mut(bias).fill(4.0);
    let mut reference = Gan::<f64>::new(config(None), 2).unwrap();
    reference.params_mut().get_mut(bias).fill(4.0);
    let mut average = reference.params().get(bias).clone();
    for _ in 0..30 {
        gan.step(&data()).unwrap();
        reference.step(&data()).unwrap();
        average.zip_mut_with(reference.params().get(bias), |m, &theta| {
            *m += 0.1 * (theta - *m)
        });
    }
    assert_eq!(gan.sampling_params().get(bias), &average);
}
