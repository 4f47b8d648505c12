//! One neuron `p = σ(w·x + b)` with a binary cross-entropy loss, and its gradients three ways
//! (notebook `notebooks-md/00_autograd.md`):
//!
//! ```text
//! L = −(1/N) Σ_i [y_i·ln p_i + (1 − y_i)·ln(1 − p_i)],   p_i = σ(w·x_i + b)
//! ∂L/∂w_k = (1/N) Σ_i (σ(z_i) − y_i)·x_ik        ∂L/∂b = (1/N) Σ_i (σ(z_i) − y_i)
//! ```
//! 1. the tape: the loss built from `matmul`, `+`, `sigmoid`, `ln`, `*`, `−`, `mean`, then
//!    `Tape::backward`;
//! 2. the hand derivation above;
//! 3. central finite differences of a plain-`f64` loss, `(L(θ + h) − L(θ − h)) / 2h`.
//!
//! Run: `cargo run --release --example autograd`. Exits with an error if the three disagree.

mod common;

use adversarial::autograd::{ops::logistic, ParamId, Tape};
use clap::Parser;
use ndarray::{array, Array2};
use std::process::ExitCode;

/// One neuron's gradients three ways: the tape, the hand derivation and finite differences.
/// Takes no options.
#[derive(Parser)]
#[command(allow_negative_numbers = true)]
struct Flags {}

const WEIGHTS: ParamId = ParamId(0);
const BIAS: ParamId = ParamId(1);

fn main() -> ExitCode {
    let Flags {} = Flags::parse();
    common::exit(run())
}

fn run() -> common::Result {
    let x = array![
        [0.5, -1.2, 2.0],
        [1.0, 0.3, -0.7],
        [-2.0, 0.4, 0.9],
        [0.0, 1.5, 0.2]
    ];
    let y = array![[1.0], [0.0], [1.0], [0.0]];
    let w = array![[0.3], [0.8], [-0.4]];
    let b = 0.1;

    let (loss, tape_gradient) = loss_and_gradient_on_tape(&x, &y, &w, b);
    let hand = hand_derived_gradient(&x, &y, &w, b);
    let finite_difference = finite_difference_gradient(&x, &y, &w, b);
    println!(
        "One neuron σ(w·x + b), {} samples, BCE loss L = {loss:.12}",
        x.nrows()
    );
    println!(
        "{:>6}  {:>17}  {:>17}  {:>17}  {:>11}  {:>11}",
        "", "tape", "(σ(z) − y)·x", "finite difference", "|tape−hand|", "|tape−fd|"
    );
    let names = ["∂L/∂w1", "∂L/∂w2", "∂L/∂w3", "∂L/∂b"];
    let (mut worst_hand, mut worst_fd) = (0.0f64, 0.0f64);
    for (k, name) in names.iter().enumerate() {
        let (t, h, f) = (tape_gradient[k], hand[k], finite_difference[k]);
        worst_hand = worst_hand.max((t - h).abs());
        worst_fd = worst_fd.max((t - f).abs());
        println!(
            "{name:>6}  {t:>17.12}  {h:>17.12}  {f:>17.12}  {:>11.2e}  {:>11.2e}",
            (t - h).abs(),
            (t - f).abs()
        );
    }
    if worst_hand > 1e-12 || worst_fd > 1e-8 {
        return Err(format!(
            "gradients disagree: tape vs hand {worst_hand:.2e}, tape vs finite difference {worst_fd:.2e}"
        )
        .into());
    }
    println!("tape = hand derivation to {worst_hand:.1e}; = finite difference to {worst_fd:.1e}");
    Ok(())
}

/// The loss and `[∂L/∂w1, ∂L/∂w2, ∂L/∂w3, ∂L/∂b]` from the tape.
fn loss_and_gradient_on_tape(
    x: &Array2<f64>,
    y: &Array2<f64>,
    w: &Array2<f64>,
    b: f64,
) -> (f64, Vec<f64>) {
    let tape = Tape::<f64>::new();
    let inputs = tape.constant(x);
    let labels = tape.constant(y);
    let ones = tape.constant(&Array2::ones(y.dim()));
    let weights = tape.param(WEIGHTS, w);
    let bias = tape.param(BIAS, &array![[b]]);
    let p = (inputs.matmul(weights) + bias).sigmoid();
    let loss = -(labels * p.ln() + (ones - labels) * (ones - p).ln()).mean();
    let grads = tape.backward(loss);
    let mut gradient: Vec<f64> = grads
        .param(WEIGHTS)
        .expect("w is used")
        .iter()
        .copied()
        .collect();
    gradient.push(grads.param(BIAS).expect("b is used")[[0, 0]]);
    (loss.item(), gradient)
}

/// `∂L/∂w_k = (1/N) Σ_i (σ(z_i) − y_i)·x_ik`, `∂L/∂b = (1/N) Σ_i (σ(z_i) − y_i)`.
fn hand_derived_gradient(x: &Array2<f64>, y: &Array2<f64>, w: &Array2<f64>, b: f64) -> Vec<f64> {
    let n = x.nrows() as f64;
    let errors = (x.dot(w) + b).mapv(logistic) - y; // σ(z_i) − y_i, N × 1
    let mut gradient: Vec<f64> = (x.t().dot(&errors) / n).iter().copied().collect();
    gradient.push(errors.sum() / n);
    gradient
}

/// Central differences `(L(θ + h·e_k) − L(θ − h·e_k)) / 2h`, `h = 1e-6`, of the plain loss.
fn finite_difference_gradient(
    x: &Array2<f64>,
    y: &Array2<f64>,
    w: &Array2<f64>,
    b: f64,
) -> Vec<f64> {
    const H: f64 = 1e-6;
    let mut gradient = Vec::new();
    for k in 0..w.nrows() {
        let (mut up, mut down) = (w.clone(), w.clone());
        up[[k, 0]] += H;
        down[[k, 0]] -= H;
        gradient.push((plain_loss(x, y, &up, b) - plain_loss(x, y, &down, b)) / (2.0 * H));
    }
    gradient.push((plain_loss(x, y, w, b + H) - plain_loss(x, y, w, b - H)) / (2.0 * H));
    gradient
}

/// `L = −(1/N) Σ_i [y_i·ln σ(z_i) + (1 − y_i)·ln(1 − σ(z_i))]` without the tape.
fn plain_loss(x: &Array2<f64>, y: &Array2<f64>, w: &Array2<f64>, b: f64) -> f64 {
    let z = x.dot(w) + b;
    let total: f64 = z
        .iter()
        .zip(y.iter())
        .map(|(&z, &y)| {
            let p = logistic(z);
            -(y * p.ln() + (1.0 - y) * (1.0 - p).ln())
        })
        .sum();
    total / x.nrows() as f64
}
