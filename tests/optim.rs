//! The optimizers against hand computations of their first two steps, with gradients that
//! change between the steps (a constant gradient gives `m̂ = g`, `v̂ = g²` whatever β₁ and β₂
//! are, so it cannot tell a swapped or wrong β), and the learning-rate setter.

use adversarial::autograd::ParamId;
use adversarial::autograd::{Gradients, Tape};
use adversarial::nn::ParamStore;
use adversarial::optim::{Adam, AdamParams, Optimizer, Sgd, SgdParams};
use ndarray::{array, Array2};

/// `∂L/∂θ = g` for every parameter: `L = Σ_k Σ g_k ⊙ θ_k`.
fn gradients_equal_to(
    store: &ParamStore<f64>,
    ids: &[ParamId],
    g: &[Array2<f64>],
) -> Gradients<f64> {
    let tape = Tape::new();
    let mut loss = None;
    for (&id, g) in ids.iter().zip(g) {
        let term = (tape.param(id, store.get(id)) * tape.constant(g)).sum();
        loss = Some(match loss {
            None => term,
            Some(sum) => sum + term,
        });
    }
    tape.backward(loss.unwrap())
}

/// Two parameters `a = (1, −2)` and `b = 5`, gradients of `a` over two steps `(2, 0.5)`,
/// `(−3, 0.5)`; `b` has gradients but is never given to the optimizer.
fn run(optimizer: &mut impl Optimizer<f64>) -> (Array2<f64>, f64) {
    let mut store = ParamStore::new();
    let a = store.add("a", array![[1.0, -2.0]]);
    let b = store.add("b", array![[5.0]]);
    for g in [array![[2.0, 0.5]], array![[-3.0, 0.5]]] {
        let grads = gradients_equal_to(&store, &[a, b], &[g, array![[7.0]]]);
        optimizer.step(&mut store, &grads, &[a]);
    }
    (store.get(a).clone(), store.get(b)[[0, 0]])
}

/// β₁ = 0.5, β₂ = 0.9 (unequal and not the defaults), η = 0.1, ε = 1e-8; first element:
///
/// ```text
/// t = 1, g = 2:   m = 0.5·0 + 0.5·2 = 1        v = 0.9·0 + 0.1·4 = 0.4
///                 m̂ = 1/(1 − 0.5) = 2          v̂ = 0.4/(1 − 0.9) = 4
///                 θ = 1 − 0.1·2/(2 + ε)
/// t = 2, g = −3:  m = 0.5·1 + 0.5·(−3) = −1     v = 0.9·0.4 + 0.1·9 = 1.26
///                 m̂ = −1/(1 − 0.25) = −4/3      v̂ = 1.26/(1 − 0.81) = 1.26/0.19
///                 θ = θ₁ + 0.1·(4/3)/(√(1.26/0.19) + ε)
/// ```
/// Second element, g = 0.5 twice: m̂ = 0.5, v̂ = 0.25 at both steps, each step −0.1·0.5/(0.5 + ε).
/// (Swapping the βs gives t = 2: m = −2.5, m̂ = −2.5/0.19, v = 5.0, v̂ = 5/0.75: another θ.)
#[test]
fn adam_two_steps_with_changing_gradients_equal_the_hand_computation() {
    let params = AdamParams {
        learning_rate: 0.1,
        beta1: 0.5,
        beta2: 0.9,
        epsilon: 1e-8,
    };
    let (a, b) = run(&mut Adam::new(params));
    let first =
        1.0 - 0.1 * 2.0 / (2.0 + 1e-8) + 0.1 * (4.0 / 3.0) / ((1.26f64 / 0.19).sqrt() + 1e-8);
    let second = -2.0 - 2.0 * 0.1 * 0.5 / (0.5 + 1e-8);
    assert!((a[[0, 0]] - first).abs() < 1e-15, "{a}: expected {first}");
    assert!((a[[0, 1]] - second).abs() < 1e-15, "{a}: expected {second}");
    assert!((first - 0.951_776_211_188_783).abs() < 1e-14);
    assert_eq!(b, 5.0, "b was not given to the optimizer");
}

/// The same run with η set to 0.01 after the first step: the second step is a tenth of the
/// one above and uses the moments of the first (`m = −1`, `v = 1.26`, `t = 2`), not fresh ones
/// (fresh moments would give the step `0.01·(−3)/3 = −0.01`, i.e. θ₂ = θ₁ + 0.01).
#[test]
fn adam_set_learning_rate_changes_eta_and_keeps_the_moments() {
    let params = AdamParams {
        learning_rate: 0.1,
        beta1: 0.5,
        beta2: 0.9,
        epsilon: 1e-8,
    };
    let mut adam = Adam::new(params);
    adam.set_learning_rate(0.01);
    assert_eq!(
        adam.params(),
        AdamParams {
            learning_rate: 0.01,
            ..params
        }
    );
    adam.set_learning_rate(0.1);
    let mut store = ParamStore::new();
    let a = store.add("a", array![[1.0]]);
    for g in [2.0, -3.0] {
        let grads = gradients_equal_to(&store, &[a], &[array![[g]]]);
        adam.step(&mut store, &grads, &[a]);
        adam.set_learning_rate(0.01);
    }
    let expected =
        1.0 - 0.1 * 2.0 / (2.0 + 1e-8) + 0.01 * (4.0 / 3.0) / ((1.26f64 / 0.19).sqrt() + 1e-8);
    let theta = store.get(a)[[0, 0]];
    assert!((theta - expected).abs() < 1e-15, "{theta} vs {expected}");
}

/// PyTorch's momentum, μ = 0.9, η = 0.1, first element (g = 2, then −3):
///
/// ```text
/// v₁ = 0.9·0 + 2 = 2          θ₁ = 1 − 0.1·2 = 0.8
/// v₂ = 0.9·2 + (−3) = −1.2    θ₂ = 0.8 − 0.1·(−1.2) = 0.92
/// ```
/// second element (g = 0.5 twice): v = 0.5, 0.95; θ = −2 − 0.05 − 0.095 = −2.145.
/// (Dampened momentum `v ← μ·v + (1 − μ)·g` would give θ₂ = 1 − 0.02 − 0.1·(−0.12) = 0.992.)
#[test]
fn sgd_momentum_is_v_gets_mu_v_plus_g() {
    let mut sgd = Sgd::new(SgdParams {
        learning_rate: 0.1,
        momentum: 0.9,
    });
    let (a, b) = run(&mut sgd);
    assert!((a[[0, 0]] - 0.92).abs() < 1e-15, "{a}");
    assert!((a[[0, 1]] + 2.145).abs() < 1e-15, "{a}");
    assert_eq!(b, 5.0, "b was not given to the optimizer");
    // μ = 0 is plain gradient descent: θ = 1 − 0.1·2 − 0.1·(−3) = 1.1.
    let (plain, _) = run(&mut Sgd::new(SgdParams {
        learning_rate: 0.1,
        momentum: 0.0,
    }));
    assert!((plain[[0, 0]] - 1.1).abs() < 1e-15, "{plain}");
}

/// A parameter in `ids` without a gradient is left unchanged (as in PyTorch), and its state
/// is not created: its first real step later is a first step (`t = 1`).
#[test]
fn a_parameter_without_a_gradient_is_left_alone() {
    let mut store = ParamStore::new();
    let a = store.add("a", array![[1.0]]);
    let unused = store.add("unused", array![[3.0]]);
    let mut adam = Adam::new(AdamParams {
        learning_rate: 0.1,
        ..AdamParams::default()
    });
    let grads = gradients_equal_to(&store, &[a], &[array![[2.0]]]);
    adam.step(&mut store, &grads, &[a, unused]);
    assert_eq!(store.get(unused)[[0, 0]], 3.0);
    // First Adam step: m̂/√v̂ = g/|g|, so θ moves by η·2/(2 + ε).
    assert!((store.get(a)[[0, 0]] - (1.0 - 0.1 * 2.0 / (2.0 + 1e-8))).abs() < 1e-15);
    let grads = gradients_equal_to(&store, &[unused], &[array![[-4.0]]]);
    adam.step(&mut store, &grads, &[unused]);
    assert!((store.get(unused)[[0, 0]] - (3.0 + 0.1 * 4.0 / (4.0 + 1e-8))).abs() < 1e-15);
}
