//! The tape as a whole: shared variables, detach, panics at the caller, and reuse.

use adversarial::autograd::{gradcheck, Gradients, ParamId, Tape};
use ndarray::{array, Array2};

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

/// Set in the child process of the panic-location test: that process only panics.
const PANIC_CHILD: &str = "ADVERSARIAL_TEST_PANIC_CHILD";

/// The shape panic is checked in a child process running this one test: the default panic
/// hook prints `panicked at <file>:<line>:<column>:` and the message to its stderr, so no
/// process-wide hook is installed, and the expected location is this file's own `file!()`
/// and `line!()` (the same spelling the compiler gives `#[track_caller]`, on any platform).
#[test]
fn a_shape_mismatch_panics_at_the_callers_line_with_the_op_and_both_shapes() {
    if std::env::var_os(PANIC_CHILD).is_some() {
        let tape = Tape::<f32>::new();
        let a = tape.constant(&Array2::zeros((2, 3)));
        let b = tape.constant(&Array2::zeros((4, 5)));
        let _ = a.matmul(b); // line `CALL_LINE`
        return;
    }
    const CALL_LINE: u32 = line!() - 3;
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_shape_mismatch_panics_at_the_callers_line_with_the_op_and_both_shapes",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(PANIC_CHILD, "1")
        .output()
        .unwrap();
    assert!(!output.status.success(), "the child did not panic");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let location = format!("panicked at {}:{CALL_LINE}:", file!());
    assert!(
        stderr.contains(&location),
        "the panic points at the caller, not the crate: {stderr}"
    );
    let message = stderr
        .lines()
        .skip_while(|line| !line.contains(&location))
        .nth(1);
    assert_eq!(
        message,
        Some("matmul: shape mismatch: 2×3 and 4×5"),
        "{stderr}"
    );
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

/// gradcheck's negative case: `f(x) = detach(x)·x` is `x²` in value, but the tape treats the
/// detached factor as a constant and returns `∂f/∂x = x` instead of `2x`. Summed with weights
/// `w`, the tape gives `w·x` and the finite difference `2·w·x`; the report must show that
/// gap (relative error `|w·x| / max(1, 2|w·x|)`, ½ once `|2·w·x| ≥ 1`) and `assert_below` must
/// panic. With `x = (3, −4)` every `|2·w·x| ≥ 3`, so the worst relative error is ½ to the
/// finite difference's O(h²) = 1e-9.
#[test]
fn gradcheck_rejects_a_gradient_that_is_off_by_a_factor_of_two() {
    let x = array![[3.0, -4.0]];
    let report = gradcheck(std::slice::from_ref(&x), |_, v| v[0].detach() * v[0]);
    assert_eq!(report.checked, 2);
    assert!((report.max_rel_error - 0.5).abs() < 1e-9, "{report}");
    assert!(
        (report.numeric - 2.0 * report.analytic).abs() < 1e-8 * report.numeric.abs(),
        "{report}"
    );
    assert!(std::panic::catch_unwind(|| report.assert_below(1e-6)).is_err());
    // The same function without the detach is x², whose tape gradient is right.
    gradcheck(std::slice::from_ref(&x), |_, v| v[0] * v[0]).assert_below(1e-8);
}
