//! Bad configurations and bad input to the GAN loop (issue 17, items 1b, 3, 4, 7d): each is
//! a typed error or a panic at the caller, never a silent broadcast or NaN samples.

use adversarial::autograd::Tape;
use adversarial::gan::{Gan, GanConfig, GanError};
use adversarial::nn::{Activation, Mlp, Mode, ParamStore};
use adversarial::optim::{AdamParams, OptimizerParams};
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use std::panic::Location;
use std::sync::Mutex;

fn small(steps: usize) -> GanConfig {
    GanConfig {
        generator_hidden: vec![8],
        discriminator_hidden: vec![8],
        batch_size: 16,
        steps,
        ..GanConfig::default()
    }
}

#[test]
fn data_of_another_dimension_is_an_error_naming_both() {
    for columns in [1, 3] {
        let data = Array2::<f32>::ones((20, columns));
        let mut gan = Gan::<f32>::new(small(3), 2).unwrap();
        let err = gan.train(&data, |_| {}).unwrap_err();
        assert_eq!(
            err,
            GanError::DataDimension {
                data: columns,
                gan: 2
            }
        );
        assert_eq!(
            err.to_string(),
            format!("the data has dimension {columns}, but the GAN was built for dimension 2")
        );
        assert_eq!(gan.steps_done(), 0, "no step ran");
        assert!(gan.discriminator_step(&data).is_err());
    }
}

#[test]
fn a_diverging_last_update_is_an_error_not_nan_samples() {
    // G's learning rate 10³⁰: the single update sends G's weights to ~10³⁰, its samples
    // overflow f32; the loss before that update was finite, so only a check after it sees.
    let config = GanConfig {
        generator_optimizer: OptimizerParams::Adam(AdamParams {
            learning_rate: 1e30,
            ..AdamParams::default()
        }),
        discriminator_steps: 1,
        ..small(1)
    };
    let data = adversarial::datasets::gaussian_1d();
    let mut gan = Gan::<f32>::new(config, 1).unwrap();
    let err = gan.train(&data, |_| {}).unwrap_err();
    assert!(
        matches!(err, GanError::NonFiniteOutput { step: 1, .. }),
        "{err}"
    );
}

#[test]
fn optimizer_settings_are_validated_in_the_training_type() {
    let with_adam = |adam: AdamParams| GanConfig {
        discriminator_optimizer: OptimizerParams::Adam(adam),
        ..GanConfig::default()
    };
    let infinite_epsilon = with_adam(AdamParams {
        epsilon: f64::INFINITY,
        ..AdamParams::default()
    });
    let err = Gan::<f32>::new(infinite_epsilon, 1)
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.starts_with("GanConfig.discriminator_optimizer: epsilon must be finite and > 0"),
        "{err}"
    );
    // 1 − 10⁻¹⁰ < 1 in f64 but rounds to 1 in f32: valid for an f64 GAN only.
    let beta_one = with_adam(AdamParams {
        beta1: 1.0 - 1e-10,
        ..AdamParams::default()
    });
    assert!(Gan::<f64>::new(beta_one.clone(), 1).is_ok());
    let err = Gan::<f32>::new(beta_one, 1).err().unwrap().to_string();
    assert!(
        err.starts_with("GanConfig.discriminator_optimizer: beta1 must be in [0, 1), got 0.9999999999 (1 in the training type)"),
        "{err}"
    );
}

#[test]
fn a_nan_leaky_relu_slope_is_rejected_where_it_is_given() {
    let config = GanConfig {
        discriminator_activation: Activation::LeakyRelu(f64::NAN),
        ..GanConfig::default()
    };
    assert_eq!(
        Gan::<f32>::new(config, 1).err().unwrap().to_string(),
        "GanConfig.discriminator_activation: LeakyRelu's slope must be finite, got NaN"
    );
    let built = std::panic::catch_unwind(|| {
        Mlp::builder(&[2, 3, 1])
            .hidden(Activation::LeakyRelu(f64::NAN))
            .build(
                &mut ParamStore::<f32>::new(),
                "m",
                &mut StdRng::seed_from_u64(0),
            )
    });
    let message = built.unwrap_err();
    let message = message.downcast_ref::<String>().unwrap();
    assert_eq!(message, "Mlp: LeakyRelu's slope must be finite, got NaN");
}

/// The file and message of the panic `f` raises on this thread (a hook records it, and
/// hands panics of other threads to the previous hook).
fn panic_site(f: impl FnOnce()) -> (String, String) {
    static SITE: Mutex<Option<(String, String)>> = Mutex::new(None);
    static HOOK: Mutex<()> = Mutex::new(());
    let _one_at_a_time = HOOK.lock().unwrap();
    let me = std::thread::current().id();
    let previous = std::sync::Arc::new(std::panic::take_hook());
    let forward = previous.clone();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == me {
            let file = info.location().map_or("?", Location::file).to_owned();
            let payload = info.payload();
            let message = (payload.downcast_ref::<String>().cloned())
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            *SITE.lock().unwrap() = Some((file, message));
        } else {
            forward(info);
        }
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let _ = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| previous(info)));
    assert!(result.is_err(), "expected a panic");
    SITE.lock().unwrap().take().expect("the hook saw the panic")
}

#[test]
fn width_mismatches_are_reported_at_the_caller() {
    let (file, message) = panic_site(|| {
        let mut store = ParamStore::<f32>::new();
        let mlp = Mlp::builder(&[3, 4, 1]).build(&mut store, "m", &mut StdRng::seed_from_u64(0));
        let tape = Tape::new();
        mlp.forward(&store, tape.constant(&Array2::zeros((5, 2))), Mode::Frozen);
    });
    assert_eq!(file, file!());
    assert_eq!(
        message,
        "Mlp::forward: the input is 5 × 2, the network takes 3 columns"
    );
    let gan = Gan::<f32>::new(small(1), 2).unwrap();
    let (file, message) = panic_site(|| {
        gan.generate(Array2::zeros((4, 3)).view());
    });
    assert_eq!(file, file!());
    assert_eq!(
        message,
        "Gan::generate: the noise is 4 × 3, G takes noise_size = 1 columns"
    );
}
