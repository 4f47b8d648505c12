//! Checkpoints in PyTorch's layout (`nn/torch_layout.rs`, `gan/checkpoint.rs`): files PyTorch
//! wrote load and give PyTorch's outputs; the crate's own files have PyTorch's names, shapes
//! and metadata and read back bit for bit (bad files: `bad_input_torch_checkpoints.rs`).
//!
//! The fixtures in `tests/fixtures/` are written by `make_torch_fixture.py` (PyTorch 2.x,
//! safetensors 0.8); the tests need no Python.

mod common;

use adversarial::autograd::Tape;
use adversarial::gan::{
    save_checkpoint, ClassError, Gan, GanConfig, Prior, Sampling, SavedGenerator,
};
use adversarial::nn::{load_torch, save_torch, Activation, Mlp, MlpSpec, Mode, ParamStore};
use ndarray::{array, Array2};
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use safetensors::SafeTensors;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn scratch(name: &str) -> PathBuf {
    common::scratch("torch_checkpoint", name)
}

/// PyTorch's inputs and outputs of `torch_outputs.safetensors` (2-D tensors, so a store reads
/// them).
fn torch_outputs() -> ParamStore<f32> {
    ParamStore::load(fixture("torch_outputs.safetensors")).unwrap()
}

fn get<'a>(store: &'a ParamStore<f32>, name: &str) -> &'a Array2<f32> {
    store.get(store.find(name).unwrap_or_else(|| panic!("no {name}")))
}

/// The largest |a − b|, the shapes first checked equal.
fn max_difference(a: &Array2<f32>, b: &Array2<f32>) -> f32 {
    assert_eq!(a.dim(), b.dim());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

#[test]
fn a_generator_and_discriminator_pytorch_wrote_give_pytorchs_outputs() {
    let outputs = torch_outputs();
    let path = fixture("torch_gan.safetensors");
    let generator = SavedGenerator::<f32>::load(&path).unwrap();
    assert_eq!(generator.network().spec.sizes, [3, 8, 8, 2]);
    assert_eq!(
        generator.network().spec.hidden,
        [Activation::LeakyRelu(0.2); 2]
    );
    assert_eq!(generator.network().spec.output, Activation::Tanh);
    assert_eq!(generator.sampling(), Sampling::default());
    assert_eq!((generator.noise_size(), generator.dim()), (3, 2));
    let fakes = generator
        .generate(get(&outputs, "gan_noise").view(), None)
        .unwrap();
    let error = max_difference(&fakes, get(&outputs, "gan_generator"));
    assert!(error < 1e-6, "G differs from PyTorch's by {error}");

    let discriminator = load_torch::<f32>(&path, "discriminator").unwrap();
    assert_eq!(discriminator.spec.sizes, [2, 8, 1]);
    let tape = Tape::new();
    let scores = discriminator.mlp.forward(
        &discriminator.params,
        tape.constant(get(&outputs, "gan_generator")),
        Mode::Frozen,
    );
    let error = max_difference(&scores.value(), get(&outputs, "gan_discriminator"));
    assert!(error < 1e-6, "D differs from PyTorch's by {error}");
}

#[test]
fn a_conditional_generator_pytorch_wrote_puts_the_label_one_hot_after_the_noise() {
    let outputs = torch_outputs();
    let generator = SavedGenerator::<f32>::load(fixture("torch_cgan.safetensors")).unwrap();
    let spec = &generator.network().spec;
    assert_eq!(spec.classes, Some(3));
    assert_eq!(spec.hidden, [Activation::Tanh, Activation::Sigmoid]);
    assert_eq!((generator.noise_size(), generator.dim()), (2, 4));
    let noise = get(&outputs, "cgan_noise").view();
    for class in 0..3 {
        let fakes = generator.generate(noise, Some(class)).unwrap();
        let error = max_difference(&fakes, get(&outputs, &format!("cgan_class_{class}")));
        assert!(
            error < 1e-6,
            "class {class}: G differs from PyTorch's by {error}"
        );
    }
    assert_eq!(
        generator.generate(noise, Some(3)),
        Err(ClassError::OutOfRange {
            class: 3,
            classes: 3
        })
    );
    assert_eq!(
        generator.generate(noise, None),
        Err(ClassError::Missing { classes: 3 })
    );
    let unconditional = SavedGenerator::<f32>::load(fixture("torch_gan.safetensors")).unwrap();
    let noise = unconditional.noise(2, 0);
    assert_eq!(
        unconditional.generate(noise.view(), Some(0)),
        Err(ClassError::NotConditional { class: 0 })
    );
}

/// A small GAN, trained a few steps so that every bias is non-zero, D of packs of 2.
fn trained_gan<T: adversarial::Float>() -> Gan<T> {
    let config = GanConfig {
        prior: Prior::Uniform,
        noise_size: 2,
        generator_hidden: vec![5, 4],
        discriminator_hidden: vec![6],
        packing: 2,
        batch_size: 8,
        steps: 3,
        ..GanConfig::default()
    };
    let data = common::uniform::<T>(32, 3, 7);
    let mut gan = Gan::new(config, 3).unwrap();
    gan.train(&data, |_| {}).unwrap();
    gan
}

#[test]
fn the_crates_checkpoint_has_pytorchs_names_shapes_and_metadata() {
    let gan = trained_gan::<f32>();
    let path = scratch("layout").join("checkpoint.safetensors");
    gan.save_checkpoint_in_units(&path, 4.0, 0.5).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let file = SafeTensors::deserialize(&bytes).unwrap();
    let mut shapes: Vec<(String, Vec<usize>)> = (file.tensors().into_iter())
        .map(|(name, view)| (name, view.shape().to_vec()))
        .collect();
    shapes.sort();
    let expected: Vec<(String, Vec<usize>)> = [
        ("discriminator.0.bias", vec![6]),
        ("discriminator.0.weight", vec![6, 6]),
        ("discriminator.2.bias", vec![1]),
        ("discriminator.2.weight", vec![1, 6]),
        ("generator.0.bias", vec![5]),
        ("generator.0.weight", vec![5, 2]),
        ("generator.2.bias", vec![4]),
        ("generator.2.weight", vec![4, 5]),
        ("generator.4.bias", vec![3]),
        ("generator.4.weight", vec![3, 4]),
    ]
    .into_iter()
    .map(|(n, s)| (n.to_owned(), s))
    .collect();
    assert_eq!(shapes, expected);
    // nn.Linear's weight is the crate's transposed: [out, in] holds W[in, out].
    let first = &gan.generator().layers()[0];
    let weight = gan.params().get(first.weight());
    let stored: Vec<f32> = (file.tensor("generator.0.weight").unwrap().data())
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
        .collect();
    let stored = Array2::from_shape_vec((5, 2), stored).unwrap();
    assert_eq!(stored, weight.t());
    let (_, metadata) = SafeTensors::read_metadata(&bytes).unwrap();
    let metadata = metadata.metadata().clone().unwrap();
    assert_eq!(
        metadata["adversarial.generator"],
        r#"{"data_offset":0.5,"data_scale":4.0,"hidden":"leaky_relu:0.2","output":"identity","prior":"uniform","sizes":[2,5,4,3]}"#
    );
    assert_eq!(
        metadata["adversarial.discriminator"],
        r#"{"hidden":"leaky_relu:0.2","output":"identity","packing":2,"sizes":[6,6,1]}"#
    );
}

#[test]
fn save_then_load_gives_the_same_samples_bit_for_bit_in_f32_and_f64() {
    fn check<T: adversarial::Float>(name: &str) {
        let gan = trained_gan::<T>();
        let path = scratch(name).join("checkpoint.safetensors");
        gan.save_checkpoint(&path).unwrap();
        let generator = SavedGenerator::<T>::load(&path).unwrap();
        assert_eq!(generator.sampling().prior, Prior::Uniform);
        let noise = common::uniform::<T>(9, 2, 3);
        let bits = |a: &Array2<T>| a.iter().map(|x| x.as_f64().to_bits()).collect::<Vec<_>>();
        let loaded = generator.generate(noise.view(), None).unwrap();
        assert_eq!(bits(&loaded), bits(&gan.generate(noise.view())));
        // Noise drawn from a seed is the GAN's own draw.
        let sampled = generator
            .generate(generator.noise(50, 11).view(), None)
            .unwrap();
        assert_eq!(bits(&sampled), bits(&gan.sample(50, 11)));
        // D reads back too, packing and all.
        let discriminator = load_torch::<T>(&path, "discriminator").unwrap();
        assert_eq!(discriminator.spec.packing, Some(2));
        let x = common::uniform::<T>(4, 6, 5);
        let tape = Tape::new();
        let scores =
            discriminator
                .mlp
                .forward(&discriminator.params, tape.constant(&x), Mode::Frozen);
        let tape = Tape::new();
        let own = gan
            .discriminator()
            .forward(gan.params(), tape.constant(&x), Mode::Frozen);
        assert_eq!(bits(&scores.value()), bits(&own.value()));
    }
    check::<f32>("roundtrip-f32");
    check::<f64>("roundtrip-f64");
}

#[test]
fn a_gan_loads_its_checkpoint_back_and_refuses_another_shape() {
    let gan = trained_gan::<f32>();
    let path = scratch("load-back").join("checkpoint.safetensors");
    gan.save_checkpoint(&path).unwrap();
    let mut fresh = Gan::<f32>::new(
        GanConfig {
            seed: 99,
            ..gan.config().clone()
        },
        3,
    )
    .unwrap();
    assert_ne!(fresh.params(), gan.params());
    fresh.load_checkpoint(&path).unwrap();
    assert_eq!(fresh.params(), gan.params());
    let mut wider = Gan::<f32>::new(
        GanConfig {
            generator_hidden: vec![5, 5],
            ..gan.config().clone()
        },
        3,
    )
    .unwrap();
    let before = wider.params().clone();
    let message = wider.load_checkpoint(&path).unwrap_err().to_string();
    assert!(
        message.contains("adversarial.generator") && message.contains("[2, 5, 4, 3]"),
        "{message}"
    );
    assert_eq!(wider.params(), &before);
}

#[test]
fn data_units_scale_and_shift_the_generators_outputs() {
    let gan = trained_gan::<f32>();
    let path = scratch("units").join("checkpoint.safetensors");
    gan.save_checkpoint_in_units(&path, 0.5, 0.5).unwrap();
    let generator = SavedGenerator::<f32>::load(&path).unwrap();
    let noise = common::uniform::<f32>(6, 2, 1);
    let samples = generator.generate(noise.view(), None).unwrap();
    // gan_mnist's (x + 1)/2, bit for bit.
    assert_eq!(
        samples,
        gan.generate(noise.view()).mapv(|x| (x + 1.0) / 2.0)
    );
}

#[test]
fn per_layer_activations_and_classes_round_trip() {
    let mut store = ParamStore::<f64>::new();
    let mut rng = StdRng::seed_from_u64(2);
    let activations = [
        Activation::Tanh,
        Activation::LeakyRelu(0.1),
        Activation::Sigmoid,
    ];
    let generator = Mlp::builder(&[4, 3, 3, 2])
        .activations(&activations)
        .build(&mut store, "g", &mut rng);
    let discriminator = Mlp::builder(&[2, 1]).build(&mut store, "d", &mut rng);
    for (id, _, _) in store.clone().iter() {
        store.get_mut(id).mapv_inplace(|w| w + 0.25);
    }
    let g_spec = MlpSpec {
        classes: Some(2),
        ..MlpSpec::of(&generator)
    };
    let d_spec = MlpSpec::of(&discriminator);
    let path = scratch("per-layer").join("c.safetensors");
    let sampling = Sampling::default();
    save_checkpoint(
        &path,
        &store,
        (&generator, &g_spec),
        (&discriminator, &d_spec),
        sampling,
    )
    .unwrap();
    let loaded = SavedGenerator::<f64>::load(&path).unwrap();
    assert_eq!(loaded.network().spec, g_spec);
    assert_eq!(loaded.network().mlp.activations(), activations);
    let noise = array![[0.3, -1.2], [2.0, 0.1]];
    let tape = Tape::new();
    let input = array![[0.3, -1.2, 0.0, 1.0], [2.0, 0.1, 0.0, 1.0]];
    let expected = generator.forward(&store, tape.constant(&input), Mode::Frozen);
    assert_eq!(
        loaded.generate(noise.view(), Some(1)).unwrap(),
        *expected.value()
    );
    let back = load_torch::<f64>(&path, "discriminator").unwrap();
    assert!(back.spec.hidden.is_empty());
    // The plain writer, any names: `g` and `d`.
    let path = scratch("per-layer").join("plain.safetensors");
    save_torch(
        &path,
        &store,
        &[("g", &generator, &g_spec), ("d", &discriminator, &d_spec)],
    )
    .unwrap();
    assert_eq!(load_torch::<f64>(&path, "g").unwrap().spec, g_spec);
}

/// A latent in pieces (`Prior::CategoricalNormal`) is recorded with its K and s, so a loaded
/// generator draws the trained GAN's own noise; a prior that does not fit G is refused.
#[test]
fn a_categorical_prior_is_saved_and_drawn_again_bit_for_bit() {
    let prior = Prior::CategoricalNormal {
        categories: 3,
        scale: 4.0,
    };
    let config = GanConfig {
        prior,
        noise_size: 5,
        generator_hidden: vec![4],
        discriminator_hidden: vec![4],
        batch_size: 8,
        steps: 2,
        ..GanConfig::default()
    };
    let mut gan = Gan::<f32>::new(config.clone(), 2).unwrap();
    gan.train(&common::uniform::<f32>(16, 2, 1), |_| {})
        .unwrap();
    let path = scratch("categorical").join("checkpoint.safetensors");
    gan.save_checkpoint(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let (_, metadata) = SafeTensors::read_metadata(&bytes).unwrap();
    let json = &metadata.metadata().as_ref().unwrap()["adversarial.generator"];
    assert!(
        json.contains(r#""prior":"categorical-normal","prior_categories":3,"prior_scale":4.0"#),
        "{json}"
    );
    let generator = SavedGenerator::<f32>::load(&path).unwrap();
    assert_eq!(generator.sampling().prior, prior);
    assert_eq!(generator.noise(20, 8), gan.noise(20, 8));
    let sampled = generator.generate(generator.noise(20, 8).view(), None);
    assert_eq!(sampled.unwrap(), gan.sample(20, 8));
    // K = 6 pieces do not fit 5 noise coordinates: named at construction.
    let too_many = Prior::CategoricalNormal {
        categories: 6,
        scale: 4.0,
    };
    let refused = Gan::<f32>::new(
        GanConfig {
            prior: too_many,
            ..config
        },
        2,
    );
    let message = refused
        .err()
        .expect("a prior that does not fit")
        .to_string();
    assert!(
        message.contains("prior") && message.contains("noise_size = 5"),
        "{message}"
    );
    // Nor is it saved: the writer refuses a file the reader would, and keeps the old one.
    let sampling = Sampling {
        prior: too_many,
        ..Sampling::default()
    };
    let (g, d) = (gan.generator(), gan.discriminator());
    let specs = (MlpSpec::of(g), MlpSpec::of(d));
    let payload = catch_unwind(AssertUnwindSafe(|| {
        save_checkpoint(&path, gan.params(), (g, &specs.0), (d, &specs.1), sampling)
    }))
    .expect_err("a prior that does not fit G");
    assert_eq!(
        payload.downcast_ref::<String>().map(String::as_str),
        Some(
            "save_checkpoint: the prior does not fit the generator: \
         K = 6 categories do not fit noise_size = 5"
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}
