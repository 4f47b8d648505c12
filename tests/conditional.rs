//! The conditional GAN (Mirza & Osindero 2014, `gan::conditional_gan`): the label reaches G
//! and D (closed forms and finite differences), shape errors name both shapes, every
//! objective trains one without NaN and bit-identically on one and two threads, and on a 1-D
//! toy where class k is N(μ_k, σ²) the samples of each class sit at their μ_k.

mod common;

use adversarial::autograd::{gradcheck, Tape, Var};
use adversarial::gan::{
    conditional_gan, with_one_hot, ConditionalGan, ConditionalGenerator, GanConfig, GanLoss,
    Objective,
};
use adversarial::nn::{gradcheck_params, Activation, Mlp, Mode, Network, ParamStore};
use adversarial::parallel::{Parallelism, ThreadChoice};
use common::on_one_and_two_threads;
use ndarray::{array, s, Array2};
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use rand_distr::{Distribution, Normal};

/// Class means of the toy, and its spread.
const MEANS: [f64; 3] = [-2.0, 0.0, 2.0];
const SIGMA: f64 = 0.25;

/// A tiny conditional GAN: z of 2, G 5 → 8 → dim, D (dim + 3)·m → 8 → 1, tanh.
fn tiny(loss: GanLoss, packing: usize, steps: usize) -> GanConfig {
    GanConfig {
        noise_size: 2,
        generator_hidden: vec![8],
        discriminator_hidden: vec![8],
        generator_activation: Activation::Tanh,
        discriminator_activation: Activation::Tanh,
        packing,
        batch_size: 12,
        steps,
        seed: 3,
        ..GanConfig::default()
    }
    .with_loss(loss)
}

/// `n` rows `[x, e_y]` of the toy: `y` cycling through the classes, `x ~ N(μ_y, σ²)`.
fn toy_data(n: usize, seed: u64) -> Array2<f32> {
    let mut rng = StdRng::seed_from_u64(seed);
    let labels: Vec<usize> = (0..n).map(|i| i % MEANS.len()).collect();
    let x = Array2::from_shape_fn((n, 1), |(i, _)| {
        Normal::new(MEANS[labels[i]], SIGMA)
            .unwrap()
            .sample(&mut rng) as f32
    });
    with_one_hot(x.view(), &labels, MEANS.len())
}

#[test]
fn g_passes_on_the_one_hot_of_the_argmax_and_its_image_is_the_mlp_of_z_and_the_label() {
    let gan: ConditionalGan<f64> =
        conditional_gan(tiny(GanLoss::NonSaturating, 1, 1), 2, 3).unwrap();
    let g = gan.generator();
    assert_eq!((g.latent_size(), g.classes(), g.image_size()), (2, 3, 2));
    assert_eq!(
        (
            Network::<f64>::input_size(g),
            Network::<f64>::output_size(g)
        ),
        (5, 5)
    );
    assert_eq!(gan.discriminator().input_size(), 5); // [x, e_y]
                                                     // (z, u) with argmax u = 2, 0: the output is [MLP([z, e_y]), e_y].
    let noise = array![[0.3, -0.8, 0.1, -1.0, 1.5], [1.2, 0.4, 2.0, 0.3, -0.2]];
    let out = gan.generate(noise.view());
    assert_eq!(
        out.slice(s![.., 2..]),
        array![[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    );
    let tape = Tape::new();
    let input = array![[0.3, -0.8, 0.0, 0.0, 1.0], [1.2, 0.4, 1.0, 0.0, 0.0]];
    let image = g
        .mlp()
        .forward(gan.params(), tape.constant(&input), Mode::Frozen);
    assert_eq!(out.slice(s![.., ..2]), *image.value());
    // ∂/∂z is the MLP's and ∂/∂u = 0 (the label is piecewise constant in u), by differences.
    let w = array![[1.0, -0.5, 0.3, 2.0, -1.0], [0.7, 0.2, -1.5, 0.4, 0.9]];
    gradcheck(std::slice::from_ref(&noise), |tape, v| {
        (g.forward(gan.params(), v[0], Mode::Frozen) * tape.constant(&w)).sum()
    })
    .assert_below(1e-6);
    let tape = Tape::new();
    let z = tape.variable(&noise);
    let grads = tape.backward((g.forward(gan.params(), z, Mode::Frozen) * tape.constant(&w)).sum());
    let dz = grads.wrt(z).unwrap();
    assert!(dz.slice(s![.., 2..]).iter().all(|&d| d == 0.0), "{dz}");
    assert!(dz.slice(s![.., ..2]).iter().any(|&d| d != 0.0), "{dz}");
}

#[test]
fn the_label_reaches_g_and_d_by_closed_forms_and_finite_differences() {
    // D linear, s([x, e]) = x·w_x + e·w_e + b: ∂s/∂e_k = w_e[k] exactly, and the label alone
    // moves the score by w_e[j] − w_e[k].
    let mut store = ParamStore::<f64>::new();
    let d = Mlp::builder(&[4, 1]).build(&mut store, "d", &mut StdRng::seed_from_u64(1));
    let weight = store.get(d.layers()[0].weight()).clone(); // 4 × 1
    let joint = array![[0.4, 0.0, 1.0, 0.0]];
    let tape = Tape::new();
    let v = tape.variable(&joint);
    let grads = tape.backward(d.forward(&store, v, Mode::Frozen).sum());
    assert_eq!(
        grads.wrt(v).unwrap().slice(s![0, 1..]),
        weight.slice(s![1.., 0])
    );
    let score = |row: Array2<f64>| {
        d.forward(&store, Tape::new().constant(&row), Mode::Frozen)
            .item()
    };
    let shift = score(array![[0.4, 0.0, 0.0, 1.0]]) - score(joint);
    assert!(
        (shift - (weight[[3, 0]] - weight[[2, 0]])).abs() < 1e-14,
        "{shift}"
    );

    // The trained networks: the objectives' losses differentiated w.r.t. every parameter,
    // the one-hot columns included (D's first-layer rows that read e_y, G's that read it),
    // against finite differences; both networks' label weights get a gradient.
    let gan: ConditionalGan<f64> =
        conditional_gan(tiny(GanLoss::NonSaturating, 1, 1), 2, 3).unwrap();
    let noise = Array2::from_shape_fn((6, 5), |(i, j)| ((i * 5 + j) as f64 * 0.37).sin() * 1.3);
    let real = with_one_hot(
        Array2::from_shape_fn((6, 2), |(i, j)| (i as f64 - 2.5) * 0.3 + j as f64).view(),
        &[0, 1, 2, 0, 1, 2],
        3,
    );
    let (g, d) = (gan.generator(), gan.discriminator());
    let store = gan.params().clone();
    gradcheck_params(&store, &d.params(), |tape, p| {
        discriminator_loss(g, d, tape, p, &noise, &real)
    })
    .assert_below(1e-6);
    gradcheck_params(&store, &Network::<f64>::params(g), |tape, p| {
        generator_loss(g, d, tape, p, &noise)
    })
    .assert_below(1e-6);
    let tape = Tape::new();
    let grads = tape.backward(discriminator_loss(g, d, &tape, &store, &noise, &real));
    let d_label_rows = grads
        .param(d.layers()[0].weight())
        .unwrap()
        .slice(s![2..5, ..])
        .to_owned();
    let tape = Tape::new();
    let grads = tape.backward(generator_loss(g, d, &tape, &store, &noise));
    let g_label_rows = grads
        .param(g.mlp().layers()[0].weight())
        .unwrap()
        .slice(s![2..5, ..])
        .to_owned();
    for (network, rows) in [("D", d_label_rows), ("G", g_label_rows)] {
        assert!(rows.iter().any(|&x| x.abs() > 1e-8), "{network}: {rows}");
    }
}

/// The non-saturating `L_D` of D on the real rows and on G's output for `noise` (G frozen).
fn discriminator_loss<'t>(
    g: &ConditionalGenerator,
    d: &Mlp,
    tape: &'t Tape<f64>,
    params: &ParamStore<f64>,
    noise: &Array2<f64>,
    real: &Array2<f64>,
) -> Var<'t, f64> {
    let fake = g.forward(params, tape.constant(noise), Mode::Frozen);
    let real = d.forward(params, tape.constant(real), Mode::Trainable);
    let fake = d.forward(params, fake, Mode::Trainable);
    Objective::<f64>::discriminator_loss(&GanLoss::NonSaturating, real, fake)
}

/// The non-saturating `L_G` through a frozen D.
fn generator_loss<'t>(
    g: &ConditionalGenerator,
    d: &Mlp,
    tape: &'t Tape<f64>,
    params: &ParamStore<f64>,
    noise: &Array2<f64>,
) -> Var<'t, f64> {
    let fake = g.forward(params, tape.constant(noise), Mode::Trainable);
    Objective::<f64>::generator_loss(
        &GanLoss::NonSaturating,
        d.forward(params, fake, Mode::Frozen),
    )
}

#[test]
#[should_panic(expected = "with_one_hot: the images are 3 × 2, the labels 2: one label per image")]
fn labels_that_do_not_match_the_images_name_both_shapes() {
    with_one_hot(Array2::<f64>::zeros((3, 2)).view(), &[0, 1], 2);
}

#[test]
#[should_panic(expected = "with_one_hot: label 4 of image 0 is not below classes = 3")]
fn a_label_outside_the_classes_is_named() {
    with_one_hot(Array2::<f64>::zeros((1, 2)).view(), &[4], 3);
}

#[test]
#[should_panic(
    expected = "ConditionalGenerator::forward: the noise is 4 × 7, G takes 5 columns (2 of z, then 3 whose argmax is the label)"
)]
fn noise_of_the_wrong_width_names_both_shapes() {
    let gan: ConditionalGan<f64> =
        conditional_gan(tiny(GanLoss::NonSaturating, 1, 1), 2, 3).unwrap();
    let tape = Tape::new();
    gan.generator().forward(
        gan.params(),
        tape.constant(&Array2::zeros((4, 7))),
        Mode::Frozen,
    );
}

#[test]
#[should_panic(expected = "ConditionalGan::sample_class: class 3, the GAN knows classes 0 … 2")]
fn a_class_the_gan_does_not_know_is_named() {
    let gan: ConditionalGan<f64> =
        conditional_gan(tiny(GanLoss::NonSaturating, 1, 1), 2, 3).unwrap();
    gan.sample_class(3, 1, 0);
}

#[test]
fn bad_sizes_and_data_without_labels_are_errors_before_any_step() {
    let e = conditional_gan::<f64>(tiny(GanLoss::NonSaturating, 1, 1), 2, 0)
        .err()
        .unwrap();
    assert_eq!(
        e.to_string(),
        "GanConfig.data: a conditional GAN needs dim ≥ 1 and classes ≥ 1, got 2 and 0"
    );
    // Images without their one-hot labels have the wrong width.
    let mut gan: ConditionalGan<f32> =
        conditional_gan(tiny(GanLoss::NonSaturating, 1, 1), 1, 3).unwrap();
    let e = gan
        .train(&Array2::<f32>::zeros((8, 1)), |_| {})
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "the data has dimension 1, but the GAN was built for dimension 4"
    );
}

#[test]
fn every_objective_trains_a_conditional_gan_without_nan_identically_on_one_and_two_threads() {
    let data = toy_data(300, 1);
    for loss in GanLoss::ALL {
        for packing in [1, 2] {
            let (one, two) = on_one_and_two_threads(|| {
                let mut gan: ConditionalGan<f32> =
                    conditional_gan(tiny(loss, packing, 40), 1, 3).unwrap();
                gan.set_thread_choice(ThreadChoice::always(Parallelism::Split));
                let history = gan.train(&data, |_| {}).unwrap();
                let samples = gan.sample_by_class(16, 5).0;
                assert!(
                    samples.iter().all(|x| x.is_finite()),
                    "{loss}, pack {packing}"
                );
                let bits: Vec<u32> = samples.iter().map(|x| x.to_bits()).collect();
                (bits, history.to_csv())
            });
            assert_eq!(one, two, "{loss}, pack {packing}");
        }
    }
}

#[test]
fn samples_by_class_share_z_and_sample_class_matches_sample() {
    let gan: ConditionalGan<f32> =
        conditional_gan(tiny(GanLoss::NonSaturating, 1, 1), 1, 3).unwrap();
    let (images, labels) = gan.sample_by_class(4, 9);
    assert_eq!(
        (images.dim(), labels),
        ((12, 1), vec![0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
    );
    assert_eq!(images.slice(s![4..8, ..]), gan.sample_class(1, 4, 9));
    // Gan::sample draws (z, u) and returns [x, e_y]; asking sample_class for each row's own
    // label gives the same image.
    let joint = gan.sample(20, 9);
    for (i, row) in joint.rows().into_iter().enumerate() {
        let label = (0..3).find(|&k| row[1 + k] == 1.0).unwrap();
        assert_eq!(gan.sample_class(label, 20, 9)[[i, 0]], row[0], "row {i}");
    }
}

#[test]
fn on_a_three_class_toy_each_class_sits_at_its_mean() {
    // Class k ~ N(μ_k, 0.25²), μ = (−2, 0, 2). Measured after 1,500 steps (seed 3): the class
    // means land within 0.05 of μ_k and 100% of each class is nearer its own μ_k than any
    // other; the thresholds below keep a wide margin.
    let config = GanConfig {
        noise_size: 2,
        generator_hidden: vec![32, 32],
        discriminator_hidden: vec![32, 32],
        batch_size: 64,
        steps: 1500,
        seed: 3,
        ..GanConfig::default()
    };
    let mut gan: ConditionalGan<f32> = conditional_gan(config, 1, 3).unwrap();
    gan.train(&toy_data(3000, 2), |_| {}).unwrap();
    for (k, &mu) in MEANS.iter().enumerate() {
        let x = gan.sample_class(k, 1000, 11);
        let mean = x.iter().map(|&v| f64::from(v)).sum::<f64>() / 1000.0;
        let nearest_own = x
            .iter()
            .filter(|&&v| {
                let v = f64::from(v);
                MEANS
                    .iter()
                    .all(|&other| (v - mu).abs() <= (v - other).abs())
            })
            .count() as f64
            / 1000.0;
        println!("class {k}: mean {mean:.3} (μ = {mu}), nearest its own μ: {nearest_own:.3}");
        assert!((mean - mu).abs() < 0.3, "class {k}: mean {mean}");
        assert!(nearest_own > 0.9, "class {k}: {nearest_own}");
    }
}

/// A conditional GAN's checkpoint in PyTorch's layout (`save_conditional_checkpoint`) carries
/// `"classes": K` and the packing; read back with `SavedGenerator`, as `generate --class k`
/// does, `G([z, e_k])` gives the trained GAN's own images for class `k`, bit for bit, in the
/// data's units `scale · G + offset`.
#[test]
fn a_conditional_checkpoint_generates_each_class_as_the_trained_gan_does() {
    use adversarial::gan::SavedGenerator;
    let (classes, dim) = (3, 2);
    let labels = [0usize, 1, 2].repeat(8);
    let images = Array2::from_shape_fn((labels.len(), dim), |(i, j)| {
        labels[i] as f32 + 0.1 * j as f32
    });
    let real = with_one_hot(images.view(), &labels, classes);
    let mut gan = conditional_gan::<f32>(tiny(GanLoss::NonSaturating, 2, 5), dim, classes).unwrap();
    gan.train(&real, |_| {}).unwrap();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("conditional_checkpoint");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("checkpoint.safetensors");
    gan.save_conditional_checkpoint(&path, 2.0, -1.0).unwrap();

    let saved = SavedGenerator::<f32>::load(&path).unwrap();
    assert_eq!(saved.classes(), Some(classes));
    assert_eq!((saved.noise_size(), saved.dim()), (2, dim));
    let z = saved.noise(7, 11);
    for class in 0..classes {
        let mut noise = Array2::zeros((7, 2 + classes));
        noise.slice_mut(s![.., ..2]).assign(&z);
        noise.column_mut(2 + class).fill(1.0);
        let own = gan
            .generate(noise.view())
            .slice(s![.., ..dim])
            .mapv(|g| 2.0 * g - 1.0);
        let from_file = saved.generate(z.view(), Some(class)).unwrap();
        assert_eq!(from_file, own, "class {class}");
    }
    assert!(saved.generate(z.view(), None).is_err());
    assert!(saved.generate(z.view(), Some(classes)).is_err());
    let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
    assert!(text.contains(r#"\"classes\":3"#), "{text:.400}");
    assert!(text.contains(r#"\"packing\":2"#), "{text:.400}");
}
