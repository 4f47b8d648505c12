//! Leaves of the tape: constants, variables, and parameters (one leaf per [`ParamId`]).

use super::record::shape_panic;
use super::tape::{Tape, Value, Var};
use crate::Float;
use ndarray::{Array2, ArrayView2};
use std::cell::RefCell;
use std::sync::Arc;

/// The name of a trainable parameter, stable across tapes (an index into
/// [`crate::nn::ParamStore`]). Gradients of parameters are looked up by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParamId(pub usize);

/// `(parameter, node)` for every parameter leaf of a tape, so a parameter used twice is one
/// leaf (and a shared weight sums the gradients of its uses).
pub(crate) struct ParamLeaves {
    leaves: RefCell<Vec<(ParamId, usize)>>,
}

impl ParamLeaves {
    pub(crate) fn new() -> Self {
        ParamLeaves {
            leaves: RefCell::new(Vec::new()),
        }
    }

    /// The node of parameter `id`, if it is on the tape.
    fn find(&self, id: ParamId) -> Option<usize> {
        let leaves = self.leaves.borrow();
        leaves.iter().find(|(p, _)| *p == id).map(|&(_, n)| n)
    }

    fn register(&self, id: ParamId, node: usize) {
        self.leaves.borrow_mut().push((id, node));
    }

    /// Every `(parameter, node)` pair, in the order the parameters entered the tape.
    pub(crate) fn all(&self) -> std::cell::Ref<'_, [(ParamId, usize)]> {
        std::cell::Ref::map(self.leaves.borrow(), Vec::as_slice)
    }

    pub(crate) fn clear(&mut self) {
        self.leaves.get_mut().clear();
    }
}

impl<T: Float> Tape<T> {
    /// A leaf that receives no gradient (data, labels, frozen weights).
    #[track_caller]
    pub fn constant<'a>(&self, value: impl Into<ArrayView2<'a, T>>) -> Var<'_, T> {
        self.leaf(value.into(), false)
    }

    /// A leaf whose gradient [`Tape::backward`] computes ([`Gradients::wrt`](super::Gradients::wrt)).
    #[track_caller]
    pub fn variable<'a>(&self, value: impl Into<ArrayView2<'a, T>>) -> Var<'_, T> {
        self.leaf(value.into(), true)
    }

    /// The leaf of parameter `id` ([`Gradients::param`](super::Gradients::param)). Asking
    /// twice for the same id on one tape returns the same leaf, so a shared weight sums the
    /// gradients of its uses.
    ///
    /// # Panics
    /// If `id` is already on the tape with a different shape.
    #[track_caller]
    pub fn param<'a>(&self, id: ParamId, value: impl Into<ArrayView2<'a, T>>) -> Var<'_, T> {
        let value = value.into();
        self.param_leaf(id, value.dim(), || self.leaf(value, true))
    }

    /// The leaf of parameter `id` without a copy: the node shares `value` with the store
    /// until [`Tape::reset`]. Trainable (`Some(id)`, one leaf per id as in [`Tape::param`])
    /// or a constant (`None`, a frozen weight).
    ///
    /// # Panics
    /// If `id` is already on the tape with a different shape.
    #[track_caller]
    pub(crate) fn shared_param(&self, id: Option<ParamId>, value: &Arc<Array2<T>>) -> Var<'_, T> {
        let shared =
            |requires_grad| self.push_leaf(Value::Shared(Arc::clone(value)), requires_grad);
        match id {
            Some(id) => self.param_leaf(id, value.dim(), || shared(true)),
            None => shared(false),
        }
    }

    /// The leaf already recorded for parameter `id`, or the one `record` makes (registered
    /// under `id`).
    #[track_caller]
    fn param_leaf<'s>(
        &'s self,
        id: ParamId,
        shape: (usize, usize),
        record: impl FnOnce() -> Var<'s, T>,
    ) -> Var<'s, T> {
        if let Some(node) = self.leaves.find(id) {
            let var = self.var(node);
            if var.shape() != shape {
                shape_panic("param", var.shape(), shape);
            }
            return var;
        }
        let var = record();
        self.leaves.register(id, var.id);
        var
    }

    /// A leaf holding a pooled copy of `value`.
    #[track_caller]
    fn leaf(&self, value: ArrayView2<T>, requires_grad: bool) -> Var<'_, T> {
        let buffer = self.pool.from_iter(value.dim(), value.iter().copied());
        self.push_leaf(Value::Owned(buffer), requires_grad)
    }
}
