//! Second-order checks in `f64`: the gradients [`Tape::gradient`] records, and their own
//! derivatives (Hessian-vector products), against the numeric backward and finite
//! differences of it.

use super::gradcheck::{reduce, reduction_weights, GradcheckReport, STEP};
use super::tape::{Tape, Var};
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};
use std::fmt;

/// The outcome of [`hessian_vector_check`].
#[derive(Clone, Debug, PartialEq)]
pub struct SecondOrderReport {
    /// The recorded gradient `∂L/∂x` ([`Tape::gradient`]) against the numeric
    /// [`Tape::backward`] (equal to rounding).
    pub gradient: GradcheckReport,
    /// The tape's `H·v` against the central finite difference of the numeric gradient.
    pub hessian_vector: GradcheckReport,
}

impl fmt::Display for SecondOrderReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "recorded gradient vs backward: {}; H·v vs finite differences: {}",
            self.gradient, self.hessian_vector
        )
    }
}

impl SecondOrderReport {
    /// Panics with the full report unless both relative errors are below `tolerance` (and
    /// prints the report either way).
    #[track_caller]
    pub fn assert_below(&self, tolerance: f64) {
        println!("hessian_vector_check: {self}");
        assert!(
            self.gradient.max_rel_error < tolerance
                && self.hessian_vector.max_rel_error < tolerance,
            "hessian_vector_check failed: {self}"
        );
    }
}

/// Checks the second-order path of the tape on `f`: with `L` the output of `f` (reduced to
/// a scalar as in [`gradcheck`](super::gradcheck)), `g_i = ∂L/∂x_i` recorded by
/// [`Tape::gradient`], and fixed random directions `v_i` in `[−1, 1)`,
///
/// ```text
/// (H·v)_j = ∂/∂x_j Σ_i ⟨g_i, v_i⟩ ≈ (∇_j L(x + h·v) − ∇_j L(x − h·v)) / 2h,   h = STEP
/// ```
///
/// the left side by [`Tape::backward`] through the recorded gradients, the right side by
/// the numeric (first-order) backward at two shifted points, all inputs moved along `v`
/// at once. It also compares the recorded `g_i` with the numeric `∂L/∂x_i`.
///
/// ```
/// use adversarial::autograd::hessian_vector_check;
/// use ndarray::array;
///
/// let report = hessian_vector_check(&[array![[0.3, -1.2]]], |_, x| x[0].tanh());
/// report.assert_below(1e-6);
/// ```
pub fn hessian_vector_check<F>(inputs: &[Array2<f64>], f: F) -> SecondOrderReport
where
    F: for<'t> Fn(&'t Tape<f64>, &[Var<'t, f64>]) -> Var<'t, f64>,
{
    let weights = {
        let tape = Tape::new();
        let vars: Vec<_> = inputs.iter().map(|v| tape.constant(v)).collect();
        reduction_weights(f(&tape, &vars).shape())
    };
    let numeric_gradient = |values: &[Array2<f64>]| {
        let tape = Tape::new();
        let vars: Vec<_> = values.iter().map(|v| tape.variable(v)).collect();
        let grads = tape.backward(reduce(f(&tape, &vars), &weights));
        vars.iter()
            .map(|&v| {
                grads
                    .wrt(v)
                    .cloned()
                    .unwrap_or_else(|| Array2::zeros(v.shape()))
            })
            .collect::<Vec<_>>()
    };
    let directions: Vec<Array2<f64>> = inputs
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let mut rng = StdRng::seed_from_u64(0x5ec0 + i as u64);
            Array2::from_shape_fn(x.dim(), |_| rng.random_range(-1.0..1.0))
        })
        .collect();

    let tape = Tape::new();
    let vars: Vec<_> = inputs.iter().map(|v| tape.variable(v)).collect();
    let loss = reduce(f(&tape, &vars), &weights);
    let recorded: Vec<_> = vars.iter().map(|&x| tape.gradient(loss, x)).collect();
    let mut gradient = GradcheckReport::empty();
    for (i, (g, expected)) in recorded.iter().zip(numeric_gradient(inputs)).enumerate() {
        for ((r, c), &want) in expected.indexed_iter() {
            gradient.record((i, r, c), g.value()[[r, c]], want);
        }
    }
    let directional = recorded
        .iter()
        .zip(&directions)
        .map(|(&g, v)| (g * tape.constant(v)).sum())
        .reduce(|a, b| a + b)
        .expect("at least one input");
    let hv = tape.backward(directional);

    let shifted = |sign: f64| {
        let moved: Vec<_> = inputs
            .iter()
            .zip(&directions)
            .map(|(x, v)| x + &(v * (sign * STEP)))
            .collect();
        numeric_gradient(&moved)
    };
    let (up, down) = (shifted(1.0), shifted(-1.0));
    let mut hessian_vector = GradcheckReport::empty();
    for (j, &x) in vars.iter().enumerate() {
        let zeros = Array2::zeros(x.shape());
        let tape_hv = hv.wrt(x).unwrap_or(&zeros);
        for ((r, c), &value) in tape_hv.indexed_iter() {
            let numeric = (up[j][[r, c]] - down[j][[r, c]]) / (2.0 * STEP);
            hessian_vector.record((j, r, c), value, numeric);
        }
    }
    SecondOrderReport {
        gradient,
        hessian_vector,
    }
}
