//! The ops of the tape, one file each: forward (a method on [`Var`]), backward, the
//! derivative in the doc comment, and a finite-difference gradient check.
//!
//! Elementwise ops state their local derivative `dy/dx` as a function of the input `x` and
//! the output `y`; the chain rule `∂L/∂x += ∂L/∂y · dy/dx` is applied in one place
//! (`unary`). Binary elementwise ops broadcast their right operand (a 1 × n bias row,
//! an m × 1 column or a 1 × 1 scalar); the broadcast is undone in one place
//! (`accumulate_broadcast`; `sum_to` as tape ops).
//!
//! Each op is a `Copy` struct of its inputs' ids implementing `Operation` (see
//! `autograd/record.rs`, the only part of the tape an op uses): a numeric backward (the fast
//! first-order path) and the same backward written as tape ops, which
//! [`Tape::gradient`](super::Tape::gradient) records for second-order gradients.

use super::record::{Backward, Chain, Inputs, Operation};
use super::tape::Var;
use crate::Float;
use ndarray::{Array2, Zip};

pub(crate) use super::record::shape_panic;
pub(crate) use affine::Rectifier;
pub use sigmoid::logistic;
pub use softplus::softplus as softplus_scalar;

/// Declares the ops: for each `file::Struct`, the module `file` (the op's one file), a
/// variant of [`Op`] holding the struct, and its arm in each dispatch of [`Operation`].
macro_rules! ops {
    ($($module:ident :: $op:ident $(<$t:ident>)?),* $(,)?) => {
        $(mod $module;)*

        /// What made a node: a leaf, or an op (a struct holding its inputs' ids).
        #[derive(Clone, Copy)]
        pub(crate) enum Op<T> {
            Leaf,
            $($op($module::$op $(<$t>)?),)*
        }

        $(impl<T> From<$module::$op $(<$t>)?> for Op<T> {
            fn from(op: $module::$op $(<$t>)?) -> Self {
                Op::$op(op)
            }
        })*

        impl<T: Float> Operation<T> for Op<T> {
            fn inputs(&self) -> Inputs {
                match self {
                    Op::Leaf => Inputs::none(),
                    $(Op::$op(op) => Operation::<T>::inputs(op),)*
                }
            }

            fn backward(&self, chain: &mut Backward<'_, T>) {
                match self {
                    Op::Leaf => {}
                    $(Op::$op(op) => op.backward(chain),)*
                }
            }

            fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
                match self {
                    Op::Leaf => {}
                    $(Op::$op(op) => op.gradient(chain),)*
                }
            }
        }
    };
}

// One line per op. Adding an op: its file, and its line here.
ops! {
    add::Add,
    affine::Affine<T>,
    bce_with_logits::BceWithLogits<T>,
    column_sums::ColumnSums,
    concat_rows::ConcatRows,
    div::Div,
    exp::Exp,
    leaky_relu::LeakyRelu<T>,
    ln::Ln,
    log_sigmoid::LogSigmoid,
    matmul::Matmul,
    matmul_nt::MatmulNt,
    matmul_tn::MatmulTn,
    mean::Mean,
    mul::Mul,
    neg::Neg,
    relu::Relu,
    reshape::Reshape,
    row_max::RowMax,
    row_sums::RowSums,
    scale::Scale<T>,
    sigmoid::Sigmoid,
    slice_rows::SliceRows,
    softplus::Softplus,
    sqrt::Sqrt,
    square::Square,
    sub::Sub,
    sum::Sum,
    tanh::Tanh,
}

/// The chain rule of an elementwise op: `∂L/∂x_ij += ∂L/∂y_ij · dy/dx(x_ij, y_ij)`.
fn unary<T: Float>(
    chain: &mut Backward<'_, T>,
    x: super::record::NodeId,
    derivative: impl Fn(T, T) -> T,
) {
    let (input, output, upstream) = (chain.value(x), chain.output(), chain.upstream());
    if let Some(grad_x) = chain.accumulator(x) {
        Zip::from(grad_x)
            .and(input)
            .and(output)
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

/// The same undoing as tape ops: `u` summed over the rows and/or columns along which an
/// operand of `shape` was broadcast to `u`'s shape (`column_sums`, `row_sums` or `sum`).
fn sum_to<'t, T: Float>(u: Var<'t, T>, shape: (usize, usize)) -> Var<'t, T> {
    let (rows, cols) = u.shape();
    match (shape.0 == rows, shape.1 == cols) {
        (true, true) => u,
        (false, true) => u.column_sums(),
        (true, false) => u.row_sums(),
        (false, false) => u.sum(),
    }
}

/// `u` (1 × 1, 1 × n or m × 1) broadcast to `shape`, as tape ops: `0 + u`.
fn broadcast<'t, T: Float>(u: Var<'t, T>, shape: (usize, usize)) -> Var<'t, T> {
    if u.shape() == shape {
        return u;
    }
    u.tape().record_constant(|_, pool| pool.zeros(shape)) + u
}

/// A constant of `x`'s shape holding `f(x_ij)`: the mask of a piecewise-linear op's
/// derivative (its own derivative is 0 almost everywhere).
fn constant_map<'t, T: Float>(x: Var<'t, T>, f: impl Fn(T) -> T) -> Var<'t, T> {
    x.tape().record_constant(|values, pool| {
        let x = values.value(x);
        pool.filled_from(x.dim(), x.iter().map(|&v| f(v)))
    })
}

/// A binary elementwise op `f(a, b)` with `b` broadcast to `a`'s shape.
#[track_caller]
fn binary<'t, T: Float>(
    a: Var<'t, T>,
    b: Var<'t, T>,
    name: &str,
    op: impl Into<Op<T>>,
    f: impl Fn(T, T) -> T,
) -> Var<'t, T> {
    let (sa, sb) = (a.shape(), b.shape());
    if !broadcasts_to(sb, sa) {
        shape_panic(name, sa, sb);
    }
    a.tape().record(op, name, &[a, b], |values, pool| {
        let mut out = pool.zeros(sa);
        Zip::from(&mut out)
            .and(values.value(a))
            .and_broadcast(values.value(b))
            .for_each(|o, &x, &y| *o = f(x, y));
        out
    })
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
