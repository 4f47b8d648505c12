//! Finite-difference gradient checks in `f64`: the proof that every backward is right.

use super::tape::{Tape, Var};
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};
use std::fmt;

/// The outcome of [`gradcheck`]: the worst disagreement between the tape's gradient and
/// the central finite difference.
#[derive(Clone, Debug, PartialEq)]
pub struct GradcheckReport {
    /// Largest `|analytic − numeric|` over all input elements.
    pub max_abs_error: f64,
    /// Largest `|analytic − numeric| / max(1, |analytic|, |numeric|)`: relative for
    /// gradients larger than 1, absolute below (where a pure ratio is noise).
    pub max_rel_error: f64,
    /// `(input, row, col)` of the element with the largest relative error.
    pub worst_at: (usize, usize, usize),
    /// Tape gradient at `worst_at`.
    pub analytic: f64,
    /// Finite difference at `worst_at`.
    pub numeric: f64,
    /// Number of input elements checked.
    pub checked: usize,
}

impl fmt::Display for GradcheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (i, r, c) = self.worst_at;
        write!(
            f,
            "{} elements checked; worst relative error {:.3e} at input {i} [{r}, {c}] \
             (tape {:.12e}, finite difference {:.12e}); worst absolute error {:.3e}",
            self.checked, self.max_rel_error, self.analytic, self.numeric, self.max_abs_error
        )
    }
}

/// The finite-difference step `h` of every gradient check.
pub const STEP: f64 = 1e-6;

impl GradcheckReport {
    /// A report of no element yet.
    pub(crate) fn empty() -> Self {
        GradcheckReport {
            max_abs_error: 0.0,
            max_rel_error: 0.0,
            worst_at: (0, 0, 0),
            analytic: 0.0,
            numeric: 0.0,
            checked: 0,
        }
    }

    /// Counts one element, `tape` against `finite_difference`, at `(input, row, col)`.
    pub(crate) fn record(&mut self, at: (usize, usize, usize), tape: f64, finite_difference: f64) {
        let abs = (tape - finite_difference).abs();
        let rel = abs / 1f64.max(tape.abs()).max(finite_difference.abs());
        self.checked += 1;
        self.max_abs_error = self.max_abs_error.max(abs);
        if rel > self.max_rel_error || self.checked == 1 {
            self.max_rel_error = rel;
            self.worst_at = at;
            self.analytic = tape;
            self.numeric = finite_difference;
        }
    }

    /// Panics with the full report unless `max_rel_error < tolerance` (and prints the report
    /// either way: `cargo test -- --nocapture` lists every check's worst error).
    #[track_caller]
    pub fn assert_below(&self, tolerance: f64) {
        println!("gradcheck: {self}");
        assert!(self.max_rel_error < tolerance, "gradcheck failed: {self}");
    }
}

/// The fixed random weights `W` in `[0.5, 1.5)` that reduce a non-scalar output `Y` to
/// `L = Σ_ij W_ij · Y_ij`.
pub(super) fn reduction_weights(shape: (usize, usize)) -> Array2<f64> {
    let mut rng = StdRng::seed_from_u64(0x6ead);
    Array2::from_shape_fn(shape, |_| rng.random_range(0.5..1.5))
}

/// `Y` itself if 1 × 1, else `Σ_ij W_ij · Y_ij`.
pub(super) fn reduce<'t>(y: Var<'t, f64>, weights: &Array2<f64>) -> Var<'t, f64> {
    if y.shape() == (1, 1) {
        y
    } else {
        (y * y.tape().constant(weights)).sum()
    }
}

/// Compares the tape's gradient of `f` with central finite differences, element by element:
///
/// ```text
/// ∂L/∂x_i ≈ (L(x + h·e_i) − L(x − h·e_i)) / 2h,   h = STEP = 1e-6,   error O(h²)
/// ```
///
/// `f` builds its output from one variable per input. A non-scalar output `Y` is reduced
/// to `L = Σ_ij W_ij · Y_ij` with fixed random weights `W` in `[0.5, 1.5)`, so each element
/// receives a different upstream gradient (a backward that ignores its upstream fails).
///
/// ```
/// use adversarial::autograd::gradcheck;
/// use ndarray::array;
///
/// let report = gradcheck(&[array![[0.3, -1.2]]], |_, x| x[0].tanh());
/// report.assert_below(1e-6);
/// ```
pub fn gradcheck<F>(inputs: &[Array2<f64>], f: F) -> GradcheckReport
where
    F: for<'t> Fn(&'t Tape<f64>, &[Var<'t, f64>]) -> Var<'t, f64>,
{
    let mut weights: Option<Array2<f64>> = None;
    let mut loss_of = |tape: &mut Tape<f64>, values: &[Array2<f64>], need_grads: bool| {
        tape.reset();
        let tape = &*tape;
        let vars: Vec<_> = values
            .iter()
            .map(|v| {
                if need_grads {
                    tape.variable(v)
                } else {
                    tape.constant(v)
                }
            })
            .collect();
        let y = f(tape, &vars);
        let w = weights.get_or_insert_with(|| reduction_weights(y.shape()));
        let loss = reduce(y, w);
        let value = loss.item();
        let grads = need_grads.then(|| {
            let g = tape.backward(loss);
            vars.iter()
                .map(|&v| {
                    g.wrt(v)
                        .cloned()
                        .unwrap_or_else(|| Array2::zeros(v.shape()))
                })
                .collect::<Vec<_>>()
        });
        (value, grads)
    };

    let mut tape = Tape::new();
    let analytic = loss_of(&mut tape, inputs, true)
        .1
        .expect("gradients requested");
    let mut report = GradcheckReport::empty();
    let mut shifted = inputs.to_vec();
    for (i, input) in inputs.iter().enumerate() {
        for ((r, c), &x) in input.indexed_iter() {
            shifted[i][[r, c]] = x + STEP;
            let up = loss_of(&mut tape, &shifted, false).0;
            shifted[i][[r, c]] = x - STEP;
            let down = loss_of(&mut tape, &shifted, false).0;
            shifted[i][[r, c]] = x;
            report.record((i, r, c), analytic[i][[r, c]], (up - down) / (2.0 * STEP));
        }
    }
    report
}
