//! Layers against hand computations in ndarray: `Dense` is `X·W + b`, an `Mlp` is the
//! composition of its layers with the chosen activations, each `Activation` is its formula,
//! the builder's `init` picks the distribution, and `ParamStore` puts parameters on a tape
//! trainable or frozen and finds them by name.

use adversarial::autograd::Tape;
use adversarial::nn::{Activation, Dense, Init, Mlp, Mode, ParamStore};
use ndarray::{array, Array2};
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};

/// `x·W + b` of one layer, by ndarray.
fn affine(store: &ParamStore<f64>, layer: &Dense, x: &Array2<f64>) -> Array2<f64> {
    x.dot(store.get(layer.weight())) + store.get(layer.bias())
}

fn close(a: &Array2<f64>, b: &Array2<f64>, tolerance: f64) -> bool {
    a.dim() == b.dim()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= tolerance * y.abs().max(1.0))
}

#[test]
fn a_dense_layer_is_x_w_plus_b_with_named_parameters() {
    let mut store = ParamStore::<f64>::new();
    let mut rng = StdRng::seed_from_u64(3);
    let layer = Dense::new(&mut store, "layer", (3, 2), Init::Xavier, &mut rng);
    assert_eq!(layer.shape(), (3, 2));
    assert_eq!(store.get(layer.weight()).dim(), (3, 2));
    assert_eq!(store.get(layer.bias()), &Array2::<f64>::zeros((1, 2)));
    assert_eq!(store.name(layer.weight()), "layer.weight");
    assert_eq!(store.find("layer.bias"), Some(layer.bias()));
    assert_eq!(store.find("layer.gamma"), None);
    store.get_mut(layer.bias()).assign(&array![[0.5, -1.0]]);
    let x = array![[1.0, 2.0, -1.0], [0.0, 0.5, 3.0]];
    let tape = Tape::new();
    let y = layer.forward(&store, tape.constant(&x), Mode::Frozen);
    assert!(close(
        &y.value().to_owned(),
        &affine(&store, &layer, &x),
        1e-15
    ));
}

#[test]
fn an_mlp_is_its_layers_composed_with_the_hidden_and_output_activations() {
    let mut store = ParamStore::<f64>::new();
    let mut rng = StdRng::seed_from_u64(8);
    let mlp = Mlp::builder(&[3, 5, 4, 2])
        .hidden(Activation::Tanh)
        .output(Activation::Sigmoid)
        .build(&mut store, "net", &mut rng);
    let layers = mlp.layers();
    assert_eq!(
        layers.iter().map(Dense::shape).collect::<Vec<_>>(),
        [(3, 5), (5, 4), (4, 2)]
    );
    assert_eq!((mlp.input_size(), mlp.output_size()), (3, 2));
    let ids: Vec<_> = layers.iter().flat_map(|l| [l.weight(), l.bias()]).collect();
    assert_eq!(mlp.params(), ids);
    for (l, layer) in layers.iter().enumerate() {
        assert_eq!(store.find(&format!("net.{l}.weight")), Some(layer.weight()));
        assert_eq!(store.find(&format!("net.{l}.bias")), Some(layer.bias()));
    }
    let x = array![[0.2, -1.0, 0.7], [1.5, 0.0, -0.3]];
    let h1 = affine(&store, &layers[0], &x).mapv(f64::tanh);
    let h2 = affine(&store, &layers[1], &h1).mapv(f64::tanh);
    let expected = affine(&store, &layers[2], &h2).mapv(|z| 1.0 / (1.0 + (-z).exp()));
    let tape = Tape::new();
    let y = mlp.forward(&store, tape.constant(&x), Mode::Trainable);
    assert!(
        close(&y.value().to_owned(), &expected, 1e-14),
        "{}\n{expected}",
        y.value()
    );
    // Without `output`, the last layer is the identity: logits.
    let mut plain_store = ParamStore::<f64>::new();
    let plain = Mlp::builder(&[3, 5, 4, 2]).hidden(Activation::Tanh).build(
        &mut plain_store,
        "net",
        &mut StdRng::seed_from_u64(8),
    );
    assert_eq!(plain_store, store, "same seed, same weights");
    let logits = plain.forward(&plain_store, tape.constant(&x), Mode::Trainable);
    assert!(close(
        &logits.value().to_owned(),
        &affine(&store, &layers[2], &h2),
        1e-14
    ));
}

/// The builder's `init` overrides the default (He for ReLU layers): the first weights are
/// exactly `Init::Xavier.weights` from the same seed, within `±√(6/(fan_in + fan_out))`; He's
/// `N(0, 2/fan_in)` on 200 × 300 has standard deviation 0.1 (its sample value within 3% for
/// 60,000 draws, ±10 standard errors) and leaves that interval about 27% of the time.
#[test]
fn init_chooses_the_weight_distribution() {
    let build = |init: Option<Init>| {
        let mut store = ParamStore::<f64>::new();
        let mut builder = Mlp::builder(&[200, 300]).hidden(Activation::Relu);
        if let Some(init) = init {
            builder = builder.init(init);
        }
        let mlp = builder.build(&mut store, "w", &mut StdRng::seed_from_u64(1));
        store.get(mlp.layers()[0].weight()).clone()
    };
    let bound = (6.0f64 / 500.0).sqrt();
    let xavier = build(Some(Init::Xavier));
    assert_eq!(
        xavier,
        Init::Xavier.weights::<f64>(200, 300, &mut StdRng::seed_from_u64(1))
    );
    assert!(xavier.iter().all(|w| w.abs() <= bound));
    let he = build(None);
    assert_eq!(he, build(Some(Init::He)));
    let std = (he.iter().map(|w| w * w).sum::<f64>() / he.len() as f64).sqrt();
    assert!(
        (std - 0.1).abs() < 0.003,
        "He weights have standard deviation {std}"
    );
    let outside = he.iter().filter(|w| w.abs() > bound).count() as f64 / he.len() as f64;
    assert!((0.2..0.35).contains(&outside), "{outside}");
}

/// An activation's formula, written out.
type Formula = fn(f64) -> f64;

#[test]
fn each_activation_is_its_formula() {
    let x = array![[-2.0, -0.5, 0.0, 1.5, 30.0]];
    let cases: [(Activation, Formula); 5] = [
        (Activation::Identity, |x| x),
        (Activation::Relu, |x| x.max(0.0)),
        (Activation::LeakyRelu(0.2), |x| {
            if x > 0.0 {
                x
            } else {
                0.2 * x
            }
        }),
        (Activation::Sigmoid, |x| 1.0 / (1.0 + (-x).exp())),
        (Activation::Tanh, f64::tanh),
    ];
    for (activation, formula) in cases {
        let tape = Tape::new();
        let y = activation.apply(tape.constant(&x));
        assert!(
            close(&y.value().to_owned(), &x.mapv(formula), 2.0 * f64::EPSILON),
            "{activation:?}: {}",
            y.value()
        );
    }
}

/// `L = Σ x·W`: trainable, `∂L/∂W = xᵀ·1`; frozen, no gradient for W but `∂L/∂x = 1·Wᵀ` still
/// flows to x. Either way the value on the tape is the stored one.
#[test]
fn on_tape_puts_a_parameter_trainable_or_frozen() {
    let mut store = ParamStore::<f64>::new();
    let w = store.add("w", array![[1.0, -2.0], [0.5, 3.0]]);
    let x_value = array![[2.0, -1.0]];
    for mode in [Mode::Trainable, Mode::Frozen] {
        let tape = Tape::new();
        let x = tape.variable(&x_value);
        let on_tape = store.on_tape(&tape, w, mode);
        assert_eq!(on_tape.value().to_owned(), store.get(w).clone());
        let grads = tape.backward(x.matmul(on_tape).sum());
        assert_eq!(grads.wrt(x).unwrap(), &array![[-1.0, 3.5]], "{mode:?}");
        match mode {
            Mode::Trainable => {
                assert_eq!(grads.param(w).unwrap(), &array![[2.0, 2.0], [-1.0, -1.0]])
            }
            Mode::Frozen => assert!(grads.param(w).is_none()),
        }
    }
}
