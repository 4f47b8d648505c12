//! The arena [`Tape`], its nodes, and the [`Var`] handle to a node.

use super::gradients::Gradients;
use super::ops::{self, Op};
use crate::Float;
use ndarray::{Array2, ArrayView2};
use std::cell::{Ref, RefCell};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// The name of a trainable parameter, stable across tapes (an index into
/// [`crate::nn::ParamStore`]). Gradients of parameters are looked up by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParamId(pub usize);

/// One recorded value: its array, the op that made it, and whether a gradient flows to it.
pub(crate) struct Node<T> {
    pub(crate) value: Value<T>,
    pub(crate) op: Op<T>,
    pub(crate) requires_grad: bool,
}

/// A node's array: computed on this tape (its buffer returns to the pool on reset), or a
/// parameter shared with its [`crate::nn::ParamStore`] (no copy is made; the store gets
/// sole ownership back when the tape is reset).
pub(crate) enum Value<T> {
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

/// An arena of nodes in creation (= topological) order.
///
/// A tape is built once per training step and [`reset`](Tape::reset) between steps: reset
/// drops the nodes but keeps their buffers, so a step that repeats the previous one's
/// shapes allocates no new tensors.
pub struct Tape<T: Float = f32> {
    pub(crate) nodes: RefCell<Vec<Node<T>>>,
    /// Buffers of dropped nodes, reused by later nodes of any shape that fits.
    pool: RefCell<Vec<Vec<T>>>,
    /// `(parameter, node)` for every parameter leaf, so a parameter used twice is one leaf.
    pub(crate) params: RefCell<Vec<(ParamId, usize)>>,
}

/// A handle to one node of a [`Tape`]: cheap to copy, valid while the tape is borrowed.
pub struct Var<'t, T: Float = f32> {
    pub(crate) id: usize,
    pub(crate) tape: &'t Tape<T>,
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
            pool: RefCell::new(Vec::new()),
            params: RefCell::new(Vec::new()),
        }
    }

    /// Drops every node and keeps its buffer for reuse by the next step's nodes; parameters
    /// shared with a [`crate::nn::ParamStore`] are released (so an optimizer can update
    /// them in place without a copy).
    pub fn reset(&mut self) {
        let pool = self.pool.get_mut();
        for node in self.nodes.get_mut().drain(..) {
            if let Value::Owned(array) = node.value {
                let (buffer, _) = array.into_raw_vec_and_offset();
                pool.push(buffer);
            }
        }
        self.params.get_mut().clear();
    }

    /// Number of nodes recorded since the tape was made or reset.
    pub fn len(&self) -> usize {
        self.nodes.borrow().len()
    }

    /// `true` when no node has been recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A leaf that receives no gradient (data, labels, frozen weights).
    pub fn constant<'a>(&self, value: impl Into<ArrayView2<'a, T>>) -> Var<'_, T> {
        self.leaf(value.into(), false)
    }

    /// A leaf whose gradient [`Tape::backward`] computes ([`Gradients::wrt`]).
    pub fn variable<'a>(&self, value: impl Into<ArrayView2<'a, T>>) -> Var<'_, T> {
        self.leaf(value.into(), true)
    }

    /// The leaf of parameter `id` ([`Gradients::param`]). Asking twice for the same id on
    /// one tape returns the same leaf, so a shared weight sums the gradients of its uses.
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
        let shared = |requires_grad| {
            self.push_value(Value::Shared(Arc::clone(value)), Op::Leaf, requires_grad)
        };
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
        let known = self
            .params
            .borrow()
            .iter()
            .find(|(p, _)| *p == id)
            .map(|&(_, n)| n);
        if let Some(node) = known {
            let var = Var {
                id: node,
                tape: self,
            };
            if var.shape() != shape {
                ops::shape_panic("param", var.shape(), shape);
            }
            return var;
        }
        let var = record();
        self.params.borrow_mut().push((id, var.id));
        var
    }

    fn leaf(&self, value: ArrayView2<T>, requires_grad: bool) -> Var<'_, T> {
        let buffer = self.alloc_from(value.dim(), value.iter().copied());
        self.push(buffer, Op::Leaf, requires_grad)
    }

    /// A zero-filled `rows × cols` array, from the pool when a buffer fits.
    pub(crate) fn alloc(&self, shape: (usize, usize)) -> Array2<T> {
        self.alloc_from(shape, std::iter::repeat_n(T::zero(), shape.0 * shape.1))
    }

    /// A `rows × cols` array holding `values` in row-major order, from the pool when a buffer
    /// fits (written once: no zero-fill first).
    ///
    /// # Panics
    /// If `values` does not yield exactly `rows · cols` elements.
    pub(crate) fn alloc_from(
        &self,
        shape: (usize, usize),
        values: impl Iterator<Item = T>,
    ) -> Array2<T> {
        self.alloc_with(shape, |buffer| buffer.extend(values))
    }

    /// A `rows × cols` array whose every row is `row` (a bias broadcast over a batch), each
    /// row one `memcpy`.
    pub(crate) fn alloc_rows(&self, rows: usize, row: &[T]) -> Array2<T> {
        self.alloc_with((rows, row.len()), |buffer| {
            for _ in 0..rows {
                buffer.extend_from_slice(row);
            }
        })
    }

    /// A pooled buffer (best fit: the smallest that holds `rows · cols`, else the largest),
    /// emptied, filled by `fill` with exactly `rows · cols` values, as an array.
    fn alloc_with(
        &self,
        (rows, cols): (usize, usize),
        fill: impl FnOnce(&mut Vec<T>),
    ) -> Array2<T> {
        let len = rows * cols;
        let mut buffer = {
            let mut pool = self.pool.borrow_mut();
            let pick = pool
                .iter()
                .enumerate()
                .filter(|(_, b)| b.capacity() >= len)
                .min_by_key(|(_, b)| b.capacity())
                .or_else(|| pool.iter().enumerate().max_by_key(|(_, b)| b.capacity()))
                .map(|(i, _)| i);
            pick.map(|i| pool.swap_remove(i)).unwrap_or_default()
        };
        buffer.clear();
        fill(&mut buffer);
        Array2::from_shape_vec((rows, cols), buffer).expect("len = rows·cols")
    }

    /// Appends a node; it needs a gradient if `requires_grad` (set by the op from its inputs).
    pub(crate) fn push(&self, value: Array2<T>, op: Op<T>, requires_grad: bool) -> Var<'_, T> {
        self.push_value(Value::Owned(value), op, requires_grad)
    }

    /// Appends a node holding `value`, owned or shared.
    fn push_value(&self, value: Value<T>, op: Op<T>, requires_grad: bool) -> Var<'_, T> {
        let mut nodes = self.nodes.borrow_mut();
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

    /// A new node `f(x)` elementwise, recorded as `op`.
    pub(crate) fn map<'t>(&'t self, x: Var<'t, T>, op: Op<T>, f: impl Fn(T) -> T) -> Var<'t, T> {
        let (out, requires_grad) = {
            let nodes = self.nodes.borrow();
            let input = &nodes[x.id];
            // Node values are contiguous and row-major: mapping the slice extends at full speed.
            let values = input.value.as_slice().expect("node values are contiguous");
            let out = self.alloc_from(input.value.dim(), values.iter().map(|&v| f(v)));
            (out, input.requires_grad)
        };
        self.push(out, op, requires_grad)
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
            ops::shape_panic("backward (loss must be 1×1)", loss.shape(), (1, 1));
        }
        let nodes = self.nodes.borrow();
        grads.start(nodes.len(), &self.params.borrow());
        grads.accumulator(loss.id, &nodes).fill(T::one());
        for id in (0..=loss.id).rev() {
            if !nodes[id].requires_grad {
                continue;
            }
            let Some(upstream) = grads.take(id) else {
                continue;
            };
            ops::backward(&nodes, id, &upstream, grads);
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

    /// The value, borrowed from the tape (drop it before recording more ops).
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
            ops::shape_panic("item (needs 1×1)", self.shape(), (1, 1));
        }
        self.value()[[0, 0]]
    }

    /// Whether a gradient flows to this variable.
    pub fn requires_grad(&self) -> bool {
        self.tape.nodes.borrow()[self.id].requires_grad
    }

    /// The same value as a new constant leaf: no gradient flows back through it
    /// (the discriminator step detaches the generator's samples this way).
    pub fn detach(self) -> Var<'t, T> {
        let tape = self.tape;
        let mut out = tape.alloc(self.shape());
        out.assign(&*self.value());
        tape.push(out, Op::Leaf, false)
    }

    /// Panics unless `other` is on the same tape.
    #[track_caller]
    pub(crate) fn same_tape(&self, other: &Var<'t, T>, op: &str) {
        assert!(
            std::ptr::eq(self.tape, other.tape),
            "{op}: the two variables belong to different tapes"
        );
    }
}
