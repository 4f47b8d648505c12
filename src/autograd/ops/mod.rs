//! The ops of the tape, one file each: forward (a method on [`Var`]), backward, the
//! derivative in the doc comment, and a finite-difference gradient check.
//!
//! Elementwise ops state their local derivative `dy/dx` as a function of the input `x` and
//! the output `y`; the chain rule `∂L/∂x += ∂L/∂y · dy/dx` is applied in one place
//! (`unary`). Binary elementwise ops broadcast their right operand (a 1 × n bias row,
//! an m × 1 column or a 1 × 1 scalar); the broadcast is undone in one place
//! (`accumulate_broadcast`).

mod add;
mod affine;
mod bce_with_logits;
mod concat_rows;
mod exp;
mod leaky_relu;
mod ln;
mod log_sigmoid;
mod matmul;
mod mean;
mod mul;
mod neg;
mod relu;
mod scale;
mod sigmoid;
mod softplus;
mod sub;
mod sum;
mod tanh;

pub use sigmoid::logistic;
pub use softplus::softplus as softplus_scalar;

use super::gradients::Gradients;
use super::tape::{Node, Var};
use crate::Float;
use ndarray::{Array2, Zip};

/// What made a node, with the ids of its inputs.
pub(crate) enum Op<T> {
    Leaf,
    Matmul(usize, usize),
    Affine(usize, usize, usize),
    Add(usize, usize),
    Sub(usize, usize),
    Mul(usize, usize),
    Scale(usize, T),
    Neg(usize),
    Sum(usize),
    Mean(usize),
    Exp(usize),
    Ln(usize),
    Relu(usize),
    LeakyRelu(usize, T),
    Sigmoid(usize),
    Tanh(usize),
    Softplus(usize),
    LogSigmoid(usize),
    ConcatRows(usize, usize),
    BceWithLogits(usize, T),
}

/// Adds node `id`'s contribution `upstream · ∂(node)/∂(input)` into its inputs' gradients.
pub(crate) fn backward<T: Float>(
    nodes: &[Node<T>],
    id: usize,
    upstream: &Array2<T>,
    grads: &mut Gradients<T>,
) {
    match nodes[id].op {
        Op::Leaf => {}
        Op::Matmul(a, b) => matmul::backward(nodes, a, b, upstream, grads),
        Op::Affine(x, w, b) => affine::backward(nodes, (x, w, b), upstream, grads),
        Op::Add(a, b) => add::backward(nodes, a, b, upstream, grads),
        Op::Sub(a, b) => sub::backward(nodes, a, b, upstream, grads),
        Op::Mul(a, b) => mul::backward(nodes, a, b, upstream, grads),
        Op::Scale(x, c) => unary(nodes, id, x, upstream, grads, |_, _| c),
        Op::Neg(x) => unary(nodes, id, x, upstream, grads, |_, _| -T::one()),
        Op::Sum(x) => sum::backward(nodes, x, upstream, grads),
        Op::Mean(x) => mean::backward(nodes, x, upstream, grads),
        Op::Exp(x) => unary(nodes, id, x, upstream, grads, exp::derivative),
        Op::Ln(x) => unary(nodes, id, x, upstream, grads, ln::derivative),
        Op::Relu(x) => unary(nodes, id, x, upstream, grads, relu::derivative),
        Op::LeakyRelu(x, slope) => unary(nodes, id, x, upstream, grads, |x, _| {
            leaky_relu::derivative(x, slope)
        }),
        Op::Sigmoid(x) => unary(nodes, id, x, upstream, grads, sigmoid::derivative),
        Op::Tanh(x) => unary(nodes, id, x, upstream, grads, tanh::derivative),
        Op::Softplus(x) => unary(nodes, id, x, upstream, grads, softplus::derivative),
        Op::LogSigmoid(x) => unary(nodes, id, x, upstream, grads, log_sigmoid::derivative),
        Op::ConcatRows(a, b) => concat_rows::backward(nodes, a, b, upstream, grads),
        Op::BceWithLogits(x, label) => bce_with_logits::backward(nodes, x, label, upstream, grads),
    }
}

/// The chain rule of an elementwise op: `∂L/∂x_ij += ∂L/∂y_ij · dy/dx(x_ij, y_ij)`.
fn unary<T: Float>(
    nodes: &[Node<T>],
    id: usize,
    x: usize,
    upstream: &Array2<T>,
    grads: &mut Gradients<T>,
    derivative: impl Fn(T, T) -> T,
) {
    if let Some(grad_x) = grads.input_accumulator(x, nodes) {
        Zip::from(grad_x)
            .and(&*nodes[x].value)
            .and(&*nodes[id].value)
            .and(upstream)
            .for_each(|g, &x, &y, &u| *g += u * derivative(x, y));
    }
}

/// Whether `rhs` broadcasts to `lhs`: each of its dimensions equals `lhs`'s or is 1.
fn broadcasts_to(rhs: (usize, usize), lhs: (usize, usize)) -> bool {
    (rhs.0 == lhs.0 || rhs.0 == 1) && (rhs.1 == lhs.1 || rhs.1 == 1)
}

/// Undoes a broadcast in backward: adds `term(i, j)` for every element `(i, j)` of the
/// broadcast `rows × cols` result into the element of `grad` it was read from (a sum over
/// the broadcast rows and/or columns), in row-major order.
fn accumulate_broadcast<T: Float>(
    grad: &mut Array2<T>,
    (rows, cols): (usize, usize),
    term: impl Fn(usize, usize) -> T,
) {
    let (row_of, col_of) = (grad.nrows() != 1, grad.ncols() != 1);
    for i in 0..rows {
        for j in 0..cols {
            let at = [if row_of { i } else { 0 }, if col_of { j } else { 0 }];
            grad[at] += term(i, j);
        }
    }
}

/// A binary elementwise op `f(a, b)` with `b` broadcast to `a`'s shape.
#[track_caller]
fn binary<'t, T: Float>(
    a: Var<'t, T>,
    b: Var<'t, T>,
    name: &str,
    op: Op<T>,
    f: impl Fn(T, T) -> T,
) -> Var<'t, T> {
    a.same_tape(&b, name);
    let (sa, sb) = (a.shape(), b.shape());
    if !broadcasts_to(sb, sa) {
        shape_panic(name, sa, sb);
    }
    let tape = a.tape;
    let mut out = tape.alloc(sa);
    let requires_grad = {
        let nodes = tape.nodes.borrow();
        let (va, vb) = (&*nodes[a.id].value, &*nodes[b.id].value);
        Zip::from(&mut out)
            .and(va)
            .and_broadcast(vb)
            .for_each(|o, &x, &y| *o = f(x, y));
        nodes[a.id].requires_grad || nodes[b.id].requires_grad
    };
    tape.push(out, op, requires_grad)
}

/// The panic of a shape mismatch, naming the op and both shapes.
#[cold]
#[track_caller]
pub(crate) fn shape_panic(op: &str, a: (usize, usize), b: (usize, usize)) -> ! {
    panic!("{op}: shape mismatch: {}×{} and {}×{}", a.0, a.1, b.0, b.1)
}

#[cfg(test)]
pub(crate) mod testing {
    use ndarray::Array2;
    use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};

    /// A `rows × cols` array of uniform draws in `[lo, hi)`, from `seed`.
    pub fn uniform(rows: usize, cols: usize, lo: f64, hi: f64, seed: u64) -> Array2<f64> {
        let mut rng = StdRng::seed_from_u64(seed);
        Array2::from_shape_fn((rows, cols), |_| rng.random_range(lo..hi))
    }

    /// Uniform draws in `±[0.1, 2)`: away from the kink at 0 of relu and leaky relu.
    pub fn away_from_zero(rows: usize, cols: usize, seed: u64) -> Array2<f64> {
        let mut rng = StdRng::seed_from_u64(seed);
        Array2::from_shape_fn((rows, cols), |_| {
            let magnitude: f64 = rng.random_range(0.1..2.0);
            if rng.random_bool(0.5) {
                magnitude
            } else {
                -magnitude
            }
        })
    }
}
