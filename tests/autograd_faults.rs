//! Misuse of the tape caught where it happens (issue 17, item 7): a `Var` of another tape
//! or stale `Gradients` after a reset, a `Var::value()` borrow held while recording, and
//! `bce_with_logits` at infinite logits or with a label that is not a probability.

use adversarial::autograd::Tape;
use ndarray::array;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The panic message of `f`, which must panic.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[test]
fn gradients_refuse_a_variable_of_another_tape() {
    // Before: returned the gradient of node 0 of the first tape, silently.
    let first = Tape::<f64>::new();
    let x = first.variable(&array![[2.0]]);
    let grads = first.backward((x * x).sum());
    let second = Tape::<f64>::new();
    let other = second.variable(&array![[5.0]]);
    let message = panic_message(|| {
        let _ = grads.wrt(other);
    });
    assert!(message.contains("another tape"), "{message}");
    assert_eq!(grads.wrt(x).unwrap()[[0, 0]], 4.0);
}

#[test]
fn gradients_refuse_a_variable_recorded_after_a_reset() {
    // Before: node ids restart at 0, so the new x was answered with the old x's gradient.
    let mut tape = Tape::<f64>::new();
    let grads = {
        let x = tape.variable(&array![[3.0]]);
        tape.backward((x * x).sum())
    };
    tape.reset();
    let fresh = tape.variable(&array![[7.0]]);
    let message = panic_message(|| {
        let _ = grads.wrt(fresh);
    });
    assert!(message.contains("reset"), "{message}");
}

#[test]
fn recording_while_a_value_is_borrowed_says_what_to_do() {
    // Before: "already borrowed: BorrowMutError" from inside the crate.
    let tape = Tape::<f64>::new();
    let x = tape.variable(&array![[1.0, -1.0]]);
    let message = panic_message(|| {
        let held = x.value();
        let _ = x.relu();
        drop(held);
    });
    assert!(message.contains("drop the `Ref`"), "{message}");
    // Dropped first, recording works.
    let value = x.value().clone();
    assert_eq!(x.relu().value()[[0, 0]], value[[0, 0]]);
}

#[test]
fn bce_with_an_infinite_logit_is_its_limit() {
    // Before: (1 − 1)·softplus(+∞) = 0·∞ = NaN.
    let tape = Tape::<f64>::new();
    let logits = tape.variable(&array![[f64::INFINITY], [f64::INFINITY]]);
    let loss = logits.bce_with_logits(1.0);
    assert_eq!(loss.item(), 0.0);
    assert_eq!(
        tape.backward(loss).wrt(logits).unwrap(),
        &array![[0.0], [0.0]]
    );
    let fake = tape.constant(&array![[f64::NEG_INFINITY]]);
    assert_eq!(fake.bce_with_logits(0.0).item(), 0.0);
    // A confident wrong answer costs +∞ (the true limit), not NaN.
    assert_eq!(fake.bce_with_logits(1.0).item(), f64::INFINITY);
}

#[test]
fn bce_refuses_a_label_that_is_not_a_probability() {
    // Before: NaN and 2.0 were accepted (a NaN loss, or a loss below 0).
    let tape = Tape::<f64>::new();
    let logits = tape.constant(&array![[0.5]]);
    for label in [f64::NAN, 2.0, -0.5] {
        let message = panic_message(|| {
            let _ = logits.bce_with_logits(label);
        });
        assert!(
            message.contains("label must be a probability in [0, 1]"),
            "{message}"
        );
    }
}
