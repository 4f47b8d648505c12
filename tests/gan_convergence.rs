//! The 1-D main job converges, and is reproducible bit for bit whatever the thread count.
//! (Release mode: each run takes a few seconds.)

use adversarial::datasets::{fraction_below_zero, gaussian_1d, mixture_1d};
use adversarial::divergence::Grid;
use adversarial::gan::{Gan, GanConfig};
use adversarial::metrics::evaluate_1d;

fn samples_after_training(
    config: GanConfig,
    data: &dyn adversarial::gan::RealData<f32>,
) -> (Vec<f64>, String) {
    let mut gan = Gan::<f32>::new(config, 1).unwrap();
    let history = gan.train(data, |_| {}).unwrap();
    let samples = gan
        .sample(10_000, 99)
        .iter()
        .map(|&x| f64::from(x))
        .collect();
    (samples, history.to_csv())
}

#[test]
fn gaussian_data_is_learned_for_three_seeds() {
    let grid = Grid::new(-8.0, 16.0, 2001).unwrap();
    for seed in 0..3 {
        let (samples, _) = samples_after_training(
            GanConfig {
                seed,
                ..GanConfig::default()
            },
            &gaussian_1d(),
        );
        let e = evaluate_1d(&samples, &gaussian_1d(), &grid).unwrap();
        println!("seed {seed}: {e:?}");
        assert!((e.mean - 4.0).abs() < 0.1, "seed {seed}: {e:?}");
        assert!((e.std_dev / 1.25 - 1.0).abs() < 0.1, "seed {seed}: {e:?}");
        assert!(e.js_divergence < 0.02, "seed {seed}: {e:?}");
    }
}

#[test]
fn both_modes_of_the_mixture_hold_for_three_seeds() {
    for seed in 0..3 {
        let (samples, _) = samples_after_training(
            GanConfig {
                seed,
                ..GanConfig::default()
            },
            &mixture_1d(),
        );
        let left = fraction_below_zero(&samples);
        println!("seed {seed}: {left}");
        assert!(
            (0.4..=0.6).contains(&left),
            "seed {seed}: {left} of the samples in the left mode"
        );
    }
}

#[test]
fn same_seed_same_bytes_on_one_and_two_threads() {
    // Wide enough layers that the matrix products are split into several parallel tiles.
    let config = GanConfig {
        generator_hidden: vec![256, 256],
        discriminator_hidden: vec![256, 256],
        batch_size: 256,
        steps: 60,
        seed: 7,
        ..GanConfig::default()
    };
    let run = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| samples_after_training(config.clone(), &gaussian_1d()))
    };
    let (one, two) = (run(1), run(2));
    assert_eq!(one.1, two.1, "history.csv differs");
    let bits = |s: &[f64]| s.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&one.0), bits(&two.0), "samples differ");
}
