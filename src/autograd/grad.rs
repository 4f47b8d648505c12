//! Gradients recorded as tape expressions: [`Tape::gradient`] (PyTorch's
//! `create_graph=True`), the step that makes second-order terms such as the WGAN-GP
//! penalty `λ·(‖∇ₓD(x̂)‖₂ − 1)²` trainable.
//!
//! The walk is the backward pass of [`Tape::backward`] with tape ops in place of numbers:
//! seed `∂y/∂y = 1`, then in reverse creation order each node that depends on `x` hands its
//! upstream `U = ∂y/∂(node)` to its op's [`Operation::gradient`], which records
//! `U · ∂(node)/∂(input)` with ordinary ops (relu: `U ⊙ mask`; tanh: `U ⊙ (1 − y²)`; matmul:
//! `U·Bᵀ` and `Aᵀ·U`); contributions to one node are summed with `add`. Only nodes that
//! depend on `x` are visited and only their inputs that depend on `x` receive a
//! contribution, so the recorded graph is no bigger than the gradient needs.

use super::record::{shape_panic, Chain, Operation};
use super::tape::{Tape, Var};
use crate::Float;
use std::cell::RefCell;

/// Scratch space of the walk, kept in the tape so a warm step allocates nothing.
#[derive(Default)]
pub(crate) struct GradientWalk {
    wanted: RefCell<Vec<bool>>,
    slots: RefCell<Vec<Option<usize>>>,
}

impl<T: Float> Tape<T> {
    /// `∂y/∂x` recorded on this tape as a new [`Var`] of `x`'s shape: the result is an
    /// ordinary tape expression, so [`Tape::backward`] (or `gradient` again) differentiates
    /// it. `y` must be 1 × 1; `x` may be any node (a variable, a constant, or an
    /// intermediate result: the gradient is taken structurally). If `y` does not depend on
    /// `x`, the result is a zero constant of `x`'s shape.
    ///
    /// Its value equals the numeric [`Tape::backward`]'s `∂y/∂x` to rounding (the same
    /// products and sums, in the same order for every op but the broadcasts of `sum`,
    /// `mean`, `row_sums` and `column_sums`). Notebook: `notebooks-md/00_autograd.md`.
    ///
    /// ```
    /// use adversarial::autograd::Tape;
    /// use ndarray::array;
    ///
    /// let tape = Tape::<f64>::new();
    /// let x = tape.variable(&array![[3.0]]);
    /// let y = x * x * x; // y = x³
    /// let dy = tape.gradient(y, x); // 3x² = 27, itself on the tape
    /// assert_eq!(dy.item(), 27.0);
    /// let d2y = tape.backward(dy).wrt(x).unwrap()[[0, 0]]; // 6x = 18
    /// assert_eq!(d2y, 18.0);
    /// ```
    ///
    /// # Panics
    /// If `y` is not 1 × 1, or `y` and `x` are on different tapes.
    #[track_caller]
    pub fn gradient<'t>(&'t self, y: Var<'t, T>, x: Var<'t, T>) -> Var<'t, T> {
        assert!(
            std::ptr::eq(y.tape, self) && std::ptr::eq(x.tape, self),
            "gradient: y and x must both belong to this tape"
        );
        if y.shape() != (1, 1) {
            shape_panic("gradient (y must be 1×1)", y.shape(), (1, 1));
        }
        let mut wanted = self.walk.wanted.borrow_mut();
        let mut slots = self.walk.slots.borrow_mut();
        wanted.clear();
        wanted.resize(y.id + 1, false);
        slots.clear();
        slots.resize(y.id + 1, None);
        if x.id <= y.id {
            mark_dependents(self, x.id, y.id, &mut wanted);
            if wanted[y.id] {
                let one =
                    self.record_constant(|_, pool| pool.from_iter((1, 1), [T::one()].into_iter()));
                slots[y.id] = Some(one.id);
            }
            for id in (x.id + 1..=y.id).rev() {
                let Some(upstream) = slots[id].filter(|_| wanted[id]) else {
                    continue;
                };
                let op = self.nodes()[id].op;
                op.gradient(&mut Chain::new(
                    self,
                    id,
                    self.var(upstream),
                    &wanted,
                    &mut slots,
                ));
            }
        }
        match slots.get(x.id).copied().flatten() {
            Some(grad) => self.var(grad),
            None => {
                let shape = x.shape();
                self.record_constant(|_, pool| pool.zeros(shape))
            }
        }
    }
}

/// `wanted[id]` = node `id` depends on node `x` (is `x`, or has an input that depends on it),
/// for `x ≤ id ≤ y`.
fn mark_dependents<T: Float>(tape: &Tape<T>, x: usize, y: usize, wanted: &mut [bool]) {
    let nodes = tape.nodes();
    wanted[x] = true;
    for id in x + 1..=y {
        let inputs = nodes[id].op.inputs();
        wanted[id] = inputs.iter().any(|input| wanted[input]);
    }
}
