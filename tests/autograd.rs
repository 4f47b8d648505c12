//! The tape as a whole: shared variables, detach, panics at the caller, and reuse.

use adversarial::autograd::{gradcheck, Gradients, ParamId, Tape};
use ndarray::{array, Array2};
use std::sync::{Arc, Mutex};

#[test]
fn a_shared_weight_sums_the_gradients_of_its_uses() {
    // L = Σ (x·W)·W: W is asked for twice and is one leaf; dL/dW gets both paths.
    let w = array![[0.5, -1.0], [2.0, 0.25]];
    let x = array![[1.0, 2.0], [-1.0, 0.5]];
    let tape = Tape::<f64>::new();
    let w1 = tape.param(ParamId(3), &w);
    let w2 = tape.param(ParamId(3), &w);
    assert_eq!(tape.len(), 1, "the second request returns the same leaf");
    let loss = tape.constant(&x).matmul(w1).matmul(w2).sum();
    let grads = tape.backward(loss);
    // Against finite differences of the same function of one W.
    let report = gradcheck(std::slice::from_ref(&w), |tape, v| {
        tape.constant(&x).matmul(v[0]).matmul(v[0]).sum()
    });
    report.assert_below(1e-6);
    let single_leaf = {
        let t = Tape::new();
        let v = t.variable(&w);
        let l = t.constant(&x).matmul(v).matmul(v).sum();
        t.backward(l).wrt(v).unwrap().clone()
    };
    assert_eq!(grads.param(ParamId(3)).unwrap(), &single_leaf);
}

#[test]
fn detached_and_constant_inputs_get_no_gradient() {
    let tape = Tape::<f64>::new();
    let x = tape.variable(&array![[1.0, 2.0]]);
    let c = tape.constant(&array![[3.0, 4.0]]);
    let y = x * x;
    let stopped = y.detach();
    assert!(!stopped.requires_grad());
    let loss = (stopped * x + c * x).sum();
    let grads = tape.backward(loss);
    // d/dx of (x²)_detached·x + c·x is x² + c, not 3x² + c.
    assert_eq!(grads.wrt(x).unwrap(), &array![[1.0 + 3.0, 4.0 + 4.0]]);
    assert!(grads.wrt(c).is_none() && grads.wrt(stopped).is_none() && grads.wrt(y).is_none());
}

#[test]
fn a_shape_mismatch_panics_at_the_callers_line_with_the_op_and_both_shapes() {
    let seen: Arc<Mutex<Option<(String, String)>>> = Arc::default();
    let hook_seen = Arc::clone(&seen);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let location = info
            .location()
            .map(|l| l.file().to_owned())
            .unwrap_or_default();
        let message = info.payload_as_str().unwrap_or_default().to_owned();
        *hook_seen.lock().unwrap() = Some((location, message));
    }));
    let result = std::panic::catch_unwind(|| {
        let tape = Tape::<f32>::new();
        let a = tape.constant(&Array2::zeros((2, 3)));
        let b = tape.constant(&Array2::zeros((4, 5)));
        let _ = a.matmul(b);
    });
    std::panic::set_hook(previous);
    assert!(result.is_err());
    let (file, message) = seen.lock().unwrap().clone().unwrap();
    assert_eq!(
        file, "tests/autograd.rs",
        "the panic points at the caller, not the crate"
    );
    assert_eq!(message, "matmul: shape mismatch: 2×3 and 4×5");
}

#[test]
fn a_reset_tape_rebuilds_the_same_graph_and_values() {
    let mut tape = Tape::<f64>::new();
    let mut grads = Gradients::new();
    let w = array![[0.3, -0.2], [0.1, 0.4]];
    let mut first = None;
    for _ in 0..5 {
        tape.reset();
        let x = tape.constant(&array![[1.0, -1.0]]);
        let p = tape.param(ParamId(0), &w);
        let loss = x.matmul(p).tanh().sum();
        tape.backward_into(loss, &mut grads);
        let g = grads.param(ParamId(0)).unwrap().clone();
        assert_eq!(tape.len(), 5);
        assert_eq!(first.get_or_insert_with(|| g.clone()), &g);
    }
}
