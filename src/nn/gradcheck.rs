//! Finite-difference checks over the parameters of a [`ParamStore`]: the same check as
//! [`crate::autograd::gradcheck`], but through the real layer code (parameters enter the
//! tape with [`ParamStore::on_tape`]), so it also proves a whole network or a whole GAN step.

use super::{ParamId, ParamStore};
use crate::autograd::{GradcheckReport, Tape, Var, STEP};

/// Compares `∂L/∂θ` from the tape with `(L(θ + h) − L(θ − h)) / 2h` for every element of
/// every parameter in `ids`; `loss` builds `L` from the store on a fresh tape.
///
/// `worst_at` in the report is `(position in ids, row, col)`.
pub fn gradcheck_params<F>(store: &ParamStore<f64>, ids: &[ParamId], loss: F) -> GradcheckReport
where
    F: for<'t> Fn(&'t Tape<f64>, &ParamStore<f64>) -> Var<'t, f64>,
{
    let mut tape = Tape::new();
    let value_of = |tape: &mut Tape<f64>, store: &ParamStore<f64>| {
        tape.reset();
        let value = loss(tape, store).item();
        tape.reset(); // releases the shared parameters before the next shift
        value
    };
    let analytic: Vec<_> = {
        let l = loss(&tape, store);
        let grads = tape.backward(l);
        ids.iter()
            .map(|&id| {
                grads
                    .param(id)
                    .cloned()
                    .unwrap_or_else(|| store.get(id).mapv(|_| 0.0))
            })
            .collect()
    };
    let mut shifted = store.clone();
    let mut report = GradcheckReport::empty();
    for (k, &id) in ids.iter().enumerate() {
        for ((r, c), &x) in store.get(id).indexed_iter() {
            shifted.get_mut(id)[[r, c]] = x + STEP;
            let up = value_of(&mut tape, &shifted);
            shifted.get_mut(id)[[r, c]] = x - STEP;
            let down = value_of(&mut tape, &shifted);
            shifted.get_mut(id)[[r, c]] = x;
            report.record((k, r, c), analytic[k][[r, c]], (up - down) / (2.0 * STEP));
        }
    }
    report
}
