//! The arena [`Tape`] and its backward walk, and the [`Var`] handle to a node.
//!
//! The arena is a `Vec` of nodes in creation order, which is a topological order: a node's
//! inputs were recorded before it. Ops append nodes through the recording API
//! ([`super::record`]); the buffers come from the [`BufferPool`], parameter leaves are
//! deduplicated by [`ParamLeaves`], and the walk for gradients recorded as tape expressions
//! is in [`super::grad`].

use super::grad::GradientWalk;
use super::gradients::Gradients;
use super::leaves::ParamLeaves;
use super::ops::Op;
use super::pool::BufferPool;
use super::record::{shape_panic, Backward, Operation};
use crate::Float;
use ndarray::Array2;
use std::cell::{Ref, RefCell};
use std::fmt;
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// One recorded value: its array, the op that made it, and whether a gradient flows to it.
pub(super) struct Node<T> {
    pub(super) value: Value<T>,
    pub(super) op: Op<T>,
    pub(super) requires_grad: bool,
}

/// A node's array: computed on this tape (its buffer returns to the pool on reset), or a
/// parameter shared with its [`crate::nn::ParamStore`] (no copy is made; the store gets
/// sole ownership back when the tape is reset).
pub(super) enum Value<T> {
    Owned(Array2<T>),
    Shared(Arc<Array2<T>>),
}

impl<T> Deref for Value<T> {
    type Target = Array2<T>;

    fn deref(&self) -> &Array2<T> {
        match self {
            Value::Owned(array) => array,
            Value::Shared(array) => array,
        }
    }
}

/// Which tape, and which of its lives (the count of [`Tape::reset`]s), a [`Gradients`] was
/// computed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TapeIdentity {
    pub(crate) tape: u64,
    pub(crate) generation: u64,
}

/// Identities of tapes, unique within the process.
static NEXT_TAPE: AtomicU64 = AtomicU64::new(0);

/// An arena of nodes in creation (= topological) order.
///
/// A tape is built once per training step and [`reset`](Tape::reset) between steps: reset
/// drops the nodes but keeps their buffers, so a step that repeats the previous one's
/// shapes allocates no new tensors.
pub struct Tape<T: Float = f32> {
    nodes: RefCell<Vec<Node<T>>>,
    /// Buffers of dropped nodes, reused by later nodes of any shape that fits.
    pub(super) pool: BufferPool<T>,
    pub(super) leaves: ParamLeaves,
    /// Scratch space of [`Tape::gradient`], kept so that a warm step allocates nothing.
    pub(super) walk: GradientWalk,
    identity: TapeIdentity,
}

/// A handle to one node of a [`Tape`]: cheap to copy, valid while the tape is borrowed.
///
/// A `Var` borrows its tape, and [`Tape::reset`] takes the tape mutably, so a `Var` always
/// belongs to its tape's current generation; only a [`Gradients`] (which borrows nothing)
/// can outlive a reset, and it records the generation it was computed on.
pub struct Var<'t, T: Float = f32> {
    pub(super) id: usize,
    pub(super) tape: &'t Tape<T>,
}

impl<T: Float> Clone for Var<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Float> Copy for Var<'_, T> {}

impl<T: Float> fmt::Debug for Var<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (r, c) = self.shape();
        write!(f, "Var#{}({r}×{c})", self.id)
    }
}

impl<T: Float> Default for Tape<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Float> Tape<T> {
    /// An empty tape.
    pub fn new() -> Self {
        Tape {
            nodes: RefCell::new(Vec::new()),
            pool: BufferPool::new(),
            leaves: ParamLeaves::new(),
            walk: GradientWalk::default(),
            identity: TapeIdentity {
                tape: NEXT_TAPE.fetch_add(1, Ordering::Relaxed),
                generation: 0,
            },
        }
    }

    /// Drops every node and keeps its buffer for reuse by the next step's nodes; parameters
    /// shared with a [`crate::nn::ParamStore`] are released (so an optimizer can update
    /// them in place without a copy). [`Gradients`] computed before the reset still answer
    /// [`Gradients::param`], and refuse [`Gradients::wrt`] for the new nodes.
    pub fn reset(&mut self) {
        for node in self.nodes.get_mut().drain(..) {
            if let Value::Owned(array) = node.value {
                self.pool.recycle(array);
            }
        }
        self.leaves.clear();
        self.identity.generation += 1;
    }

    /// This tape and its current generation.
    pub(crate) fn identity(&self) -> TapeIdentity {
        self.identity
    }

    /// Number of nodes recorded since the tape was made or reset.
    pub fn len(&self) -> usize {
        self.nodes.borrow().len()
    }

    /// `true` when no node has been recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The nodes, to read.
    pub(super) fn nodes(&self) -> Ref<'_, Vec<Node<T>>> {
        self.nodes.borrow()
    }

    /// Appends a node holding `value`, made by `op`.
    ///
    /// # Panics
    /// If a [`Var::value`] borrow is still alive (the arena cannot grow under it), with a
    /// message that says so.
    #[track_caller]
    pub(super) fn push_node(&self, value: Value<T>, op: Op<T>, requires_grad: bool) -> Var<'_, T> {
        let Ok(mut nodes) = self.nodes.try_borrow_mut() else {
            panic!(
                "Tape: cannot record an op while a `Var::value()` borrow is alive; \
                 drop the `Ref` it returned (end its scope, or `.clone()` the array) \
                 before recording more ops"
            );
        };
        nodes.push(Node {
            value,
            op,
            requires_grad,
        });
        Var {
            id: nodes.len() - 1,
            tape: self,
        }
    }

    /// Appends a leaf.
    #[track_caller]
    pub(super) fn push_leaf(&self, value: Value<T>, requires_grad: bool) -> Var<'_, T> {
        self.push_node(value, Op::Leaf, requires_grad)
    }

    /// The handle of node `id`.
    pub(super) fn var(&self, id: usize) -> Var<'_, T> {
        Var { id, tape: self }
    }

    /// Gradients of the scalar `loss` with respect to every node that needs one.
    ///
    /// # Panics
    /// If `loss` is not 1 × 1 or belongs to another tape.
    #[track_caller]
    pub fn backward(&self, loss: Var<'_, T>) -> Gradients<T> {
        let mut grads = Gradients::new();
        self.backward_into(loss, &mut grads);
        grads
    }

    /// As [`Tape::backward`], reusing the buffers of `grads` from an earlier step.
    ///
    /// # Panics
    /// If `loss` is not 1 × 1 or belongs to another tape.
    #[track_caller]
    pub fn backward_into(&self, loss: Var<'_, T>, grads: &mut Gradients<T>) {
        assert!(
            std::ptr::eq(loss.tape, self),
            "backward: the loss belongs to another tape"
        );
        if loss.shape() != (1, 1) {
            shape_panic("backward (loss must be 1×1)", loss.shape(), (1, 1));
        }
        let nodes = self.nodes.borrow();
        grads.start(self.identity, nodes.len(), &self.leaves.all());
        grads.accumulator(loss.id, &nodes).fill(T::one());
        for id in (0..=loss.id).rev() {
            if !nodes[id].requires_grad {
                continue;
            }
            let Some(upstream) = grads.take(id) else {
                continue;
            };
            let op = nodes[id].op;
            op.backward(&mut Backward::new(&nodes, id, &upstream, grads));
            grads.put(id, upstream);
        }
    }
}

impl<'t, T: Float> Var<'t, T> {
    /// The tape this variable lives on.
    pub fn tape(&self) -> &'t Tape<T> {
        self.tape
    }

    /// `(rows, cols)` of the value.
    pub fn shape(&self) -> (usize, usize) {
        self.tape.nodes.borrow()[self.id].value.dim()
    }

    /// The value, borrowed from the tape.
    ///
    /// Drop the returned `Ref` before recording more ops on the tape (end its scope, or
    /// `.clone()` the array): recording appends to the arena the `Ref` borrows, so an op
    /// recorded while it is alive panics, with a message that says this.
    pub fn value(&self) -> Ref<'t, Array2<T>> {
        Ref::map(self.tape.nodes.borrow(), |nodes| &*nodes[self.id].value)
    }

    /// The value of a 1 × 1 variable (a loss).
    ///
    /// # Panics
    /// If the variable is not 1 × 1.
    #[track_caller]
    pub fn item(&self) -> T {
        if self.shape() != (1, 1) {
            shape_panic("item (needs 1×1)", self.shape(), (1, 1));
        }
        self.value()[[0, 0]]
    }

    /// Whether a gradient flows to this variable.
    pub fn requires_grad(&self) -> bool {
        self.tape.nodes.borrow()[self.id].requires_grad
    }

    /// The same value as a new constant leaf: no gradient flows back through it
    /// (the discriminator step detaches the generator's samples this way).
    #[track_caller]
    pub fn detach(self) -> Var<'t, T> {
        let tape = self.tape;
        let copy = {
            let value = self.value();
            tape.pool.from_iter(value.dim(), value.iter().copied())
        };
        tape.push_leaf(Value::Owned(copy), false)
    }
}
