//! Gradients recorded on the tape ([`Tape::gradient`]) and differentiated again: the
//! WGAN-GP critic loss end to end, against finite differences and a closed form.

use adversarial::autograd::{gradcheck, hessian_vector_check, Tape, Var};
use ndarray::{array, Array2};
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};

fn uniform(rows: usize, cols: usize, lo: f64, hi: f64, seed: u64) -> Array2<f64> {
    let mut rng = StdRng::seed_from_u64(seed);
    Array2::from_shape_fn((rows, cols), |_| rng.random_range(lo..hi))
}

/// The hidden nonlinearity of the test critic.
#[derive(Clone, Copy)]
enum Hidden {
    LeakyRelu,
    Relu,
    Tanh,
}

/// A 2 → h → h → 1 critic from the raw ops: `D(x) = act(act(x·W₁ + b₁)·W₂ + b₂)·W₃ + b₃`,
/// `weights = [W₁, b₁, W₂, b₂, W₃, b₃]`.
fn critic<'t>(x: Var<'t, f64>, weights: &[Var<'t, f64>], hidden: Hidden) -> Var<'t, f64> {
    let act = |v: Var<'t, f64>| match hidden {
        Hidden::LeakyRelu => v.leaky_relu(0.2),
        Hidden::Relu => v.relu(),
        Hidden::Tanh => v.tanh(),
    };
    let h1 = act(x.affine(weights[0], weights[1]));
    let h2 = act(h1.affine(weights[2], weights[3]));
    h2.affine(weights[4], weights[5])
}

/// `λ·mean_i (‖∇ₓD(x̂_i)‖₂ − 1)²` (Gulrajani et al. 2017), `x̂` the interpolates, with
/// `ε` added under the root.
fn gradient_penalty<'t>(
    tape: &'t Tape<f64>,
    x_hat: Var<'t, f64>,
    weights: &[Var<'t, f64>],
    hidden: Hidden,
    lambda: f64,
    eps: f64,
) -> Var<'t, f64> {
    let scores = critic(x_hat, weights, hidden);
    let g = tape.gradient(scores.sum(), x_hat); // row i = ∇ₓD(x̂_i)
    let norm = (g.square().row_sums() + tape.constant(&array![[eps]])).sqrt();
    (norm - tape.constant(&array![[1.0]]))
        .square()
        .mean()
        .scale(lambda)
}

/// The WGAN-GP critic loss `mean D(fake) − mean D(real) + λ·mean_i (‖∇ₓD(x̂_i)‖₂ − 1)²`.
fn critic_loss<'t>(
    tape: &'t Tape<f64>,
    weights: &[Var<'t, f64>],
    batch: &Batch,
    hidden: Hidden,
) -> Var<'t, f64> {
    let real = critic(tape.constant(&batch.real), weights, hidden).mean();
    let fake = critic(tape.constant(&batch.fake), weights, hidden).mean();
    let x_hat = tape.constant(&batch.x_hat);
    fake - real + gradient_penalty(tape, x_hat, weights, hidden, 10.0, 0.0)
}

struct Batch {
    real: Array2<f64>,
    fake: Array2<f64>,
    x_hat: Array2<f64>,
}

/// Six real and six fake 2-D points and their random interpolates `ε·real + (1 − ε)·fake`.
fn batch(seed: u64) -> Batch {
    let real = uniform(6, 2, -2.0, 2.0, seed);
    let fake = uniform(6, 2, -1.0, 1.0, seed + 1);
    let eps = uniform(6, 1, 0.0, 1.0, seed + 2);
    let x_hat = &real * &eps + &fake * &(1.0 - &eps);
    Batch { real, fake, x_hat }
}

fn critic_weights(hidden: usize, seed: u64) -> Vec<Array2<f64>> {
    let sizes = [(2, hidden), (hidden, hidden), (hidden, 1)];
    let mut weights = Vec::new();
    for (k, &(rows, cols)) in sizes.iter().enumerate() {
        let scale = (1.0 / rows as f64).sqrt();
        weights.push(uniform(rows, cols, -scale, scale, seed + 2 * k as u64));
        weights.push(uniform(1, cols, -0.5, 0.5, seed + 2 * k as u64 + 1));
    }
    weights
}

#[test]
fn the_wgan_gp_critic_loss_gradient_matches_finite_differences() {
    let data = batch(100);
    for hidden in [Hidden::LeakyRelu, Hidden::Relu, Hidden::Tanh] {
        let weights = critic_weights(5, 200);
        gradcheck(&weights, |tape, w| critic_loss(tape, w, &data, hidden)).assert_below(1e-6);
    }
}

#[test]
fn the_wgan_gp_critic_loss_has_right_hessian_vector_products() {
    // Third order in the critic: H·v of a loss that holds a recorded gradient.
    let data = batch(300);
    let weights = critic_weights(4, 400);
    hessian_vector_check(&weights, |tape, w| {
        critic_loss(tape, w, &data, Hidden::Tanh)
    })
    .assert_below(1e-6);
}

#[test]
fn the_penalty_of_a_linear_critic_is_its_closed_form() {
    // D(x) = x·w + b: ∇ₓD = wᵀ for every sample, so the penalty is λ(‖w‖ − 1)² and its
    // gradient 2λ(‖w‖ − 1)·w/‖w‖; b gets none.
    let w = array![[0.6], [-1.7]];
    let tape = Tape::<f64>::new();
    let (wv, bv) = (tape.variable(&w), tape.variable(&array![[0.3]]));
    let x_hat = tape.constant(&uniform(5, 2, -1.0, 1.0, 7));
    let scores = x_hat.affine(wv, bv);
    let g = tape.gradient(scores.sum(), x_hat);
    let norm = g.square().row_sums().sqrt();
    let penalty = (norm - tape.constant(&array![[1.0]]))
        .square()
        .mean()
        .scale(10.0);
    let length = w.mapv(|v| v * v).sum().sqrt();
    assert!((penalty.item() - 10.0 * (length - 1.0).powi(2)).abs() < 1e-12);
    let grads = tape.backward(penalty);
    let expected = &w * (20.0 * (length - 1.0) / length);
    let got = grads.wrt(wv).unwrap();
    assert!(
        (got - &expected).iter().all(|d| d.abs() < 1e-12),
        "{got} vs {expected}"
    );
    assert!(grads.wrt(bv).is_none_or(|g| g[[0, 0]] == 0.0));
}

#[test]
fn sqrt_at_a_zero_gradient_needs_the_epsilon() {
    // A relu critic whose first layer is dead on every sample has ∇ₓD = 0: √(Σ g²) at 0 has
    // an infinite derivative and the chain rule gives ∞·0 = NaN; with ε under the root the
    // gradient is finite (and exact: the penalty does not depend on the dead weights).
    let mut weights = critic_weights(3, 500);
    weights[1].fill(-100.0); // b₁ ≪ 0: every unit of layer 1 is off
    let x_hat = uniform(4, 2, -1.0, 1.0, 8);
    let weight_grads = |eps: f64| {
        let tape = Tape::<f64>::new();
        let w: Vec<_> = weights.iter().map(|v| tape.variable(v)).collect();
        let penalty = gradient_penalty(&tape, tape.constant(&x_hat), &w, Hidden::Relu, 10.0, eps);
        let grads = tape.backward(penalty);
        w.iter()
            .map(|&v| {
                grads
                    .wrt(v)
                    .cloned()
                    .unwrap_or_else(|| Array2::zeros(v.shape()))
            })
            .collect::<Vec<_>>()
    };
    let without = weight_grads(0.0);
    assert!(without.iter().any(|g| g.iter().any(|v| v.is_nan())));
    let with = weight_grads(1e-12);
    assert!(with.iter().all(|g| g.iter().all(|v| v.is_finite())));
}

#[test]
fn gradient_is_zero_where_y_does_not_depend_on_x() {
    let tape = Tape::<f64>::new();
    let x = tape.variable(&array![[1.0, 2.0]]);
    let other = tape.variable(&array![[3.0]]);
    let g = tape.gradient(other.square().sum(), x);
    assert_eq!(&*g.value(), &array![[0.0, 0.0]]);
    assert!(!g.requires_grad());
}

#[test]
fn gradient_with_respect_to_an_intermediate_node_and_repeated() {
    let tape = Tape::<f64>::new();
    let x = tape.variable(&array![[1.5]]);
    let h = x.square(); // h = x²
    let y = h.square().sum(); // y = h² = x⁴
    assert_eq!(tape.gradient(y, h).item(), 2.0 * 1.5 * 1.5); // ∂y/∂h = 2h
    let d1 = tape.gradient(y, x); // 4x³
    let d2 = tape.gradient(d1, x); // 12x²
    let d3 = tape.gradient(d2, x); // 24x
    assert!((d1.item() - 4.0 * 1.5f64.powi(3)).abs() < 1e-12);
    assert!((d2.item() - 12.0 * 1.5f64.powi(2)).abs() < 1e-12);
    assert!((d3.item() - 24.0 * 1.5).abs() < 1e-12);
    assert_eq!(tape.gradient(y, y).item(), 1.0);
}

#[test]
#[should_panic(expected = "gradient (y must be 1×1): shape mismatch: 1×2 and 1×1")]
fn gradient_of_a_non_scalar_names_the_shapes() {
    let tape = Tape::<f64>::new();
    let x = tape.variable(&array![[1.0, 2.0]]);
    let _ = tape.gradient(x.square(), x);
}
