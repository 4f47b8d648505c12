//! The recording API, the only part of the tape an op sees.
//!
//! An op is a small `Copy` struct holding the [`NodeId`]s of its inputs (and any constant
//! such as a slope), registered by one line in `ops/mod.rs`. It
//! - records its forward with [`Tape::record`] (inputs, and a closure that reads their
//!   values and returns the output array, built from the tape's pooled buffers);
//! - implements [`Operation`]: its inputs, its numeric backward (adds
//!   `∂L/∂input = ∂L/∂output · ∂output/∂input` into gradient buffers, through [`Backward`]),
//!   and the same backward written as tape ops (through [`Chain`]), which is what
//!   [`Tape::gradient`] records so that a gradient can be differentiated again.

use super::gradients::Gradients;
use super::ops::Op;
use super::pool::BufferPool;
use super::tape::{Node, Tape, Value, Var};
use crate::Float;
use ndarray::Array2;

/// A node of the tape, as an op names its inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NodeId(usize);

impl<T: Float> Var<'_, T> {
    /// The node this variable names, to store in an op.
    pub(crate) fn node(self) -> NodeId {
        NodeId(self.id)
    }
}

/// The inputs of one op (at most three), in order.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Inputs {
    ids: [usize; 3],
    len: usize,
}

impl Inputs {
    /// No inputs (a leaf).
    pub(crate) fn none() -> Self {
        Inputs {
            ids: [0; 3],
            len: 0,
        }
    }

    /// The node indices, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.ids[..self.len].iter().copied()
    }
}

impl<const N: usize> From<[NodeId; N]> for Inputs {
    fn from(nodes: [NodeId; N]) -> Self {
        const { assert!(N <= 3, "an op has at most three inputs") };
        let mut inputs = Inputs::none();
        for (slot, node) in inputs.ids.iter_mut().zip(nodes) {
            *slot = node.0;
        }
        inputs.len = N;
        inputs
    }
}

/// What every op provides beside its forward (`ops/mod.rs` dispatches to it).
pub(crate) trait Operation<T: Float> {
    /// The nodes the op reads.
    fn inputs(&self) -> Inputs;

    /// Adds `∂L/∂output · ∂output/∂input` into the gradient of each input that needs one:
    /// the fast numeric path of [`Tape::backward`].
    fn backward(&self, chain: &mut Backward<'_, T>);

    /// The same contributions as tape expressions (recorded by [`Tape::gradient`]): each
    /// is passed to [`Chain::add`], which records it only if that input's gradient is wanted.
    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>);
}

/// Read access to the values of recorded nodes, during a forward.
pub(crate) struct Reader<'a, T> {
    nodes: &'a [Node<T>],
}

impl<'a, T: Float> Reader<'a, T> {
    /// The value of `v`.
    pub(crate) fn value(&self, v: Var<'_, T>) -> &'a Array2<T> {
        &self.nodes[v.id].value
    }
}

impl<T: Float> Tape<T> {
    /// Records the node `op` made from `inputs`: `forward` reads the inputs' values and
    /// returns the output, built from `pool` (so a warm step allocates nothing). The node
    /// needs a gradient if any input does.
    ///
    /// # Panics
    /// If an input belongs to another tape (message names `name`), or a [`Var::value`]
    /// borrow is alive.
    #[track_caller]
    pub(crate) fn record<'t>(
        &'t self,
        op: impl Into<Op<T>>,
        name: &str,
        inputs: &[Var<'t, T>],
        forward: impl FnOnce(Reader<'_, T>, &BufferPool<T>) -> Array2<T>,
    ) -> Var<'t, T> {
        for input in inputs {
            assert!(
                std::ptr::eq(input.tape, self),
                "{name}: the variables belong to different tapes"
            );
        }
        let (out, requires_grad) = {
            let nodes = self.nodes();
            let out = forward(Reader { nodes: &nodes }, &self.pool);
            (out, inputs.iter().any(|v| nodes[v.id].requires_grad))
        };
        self.push_node(Value::Owned(out), op.into(), requires_grad)
    }

    /// Records `f(x)` elementwise as `op`.
    #[track_caller]
    pub(crate) fn record_map<'t>(
        &'t self,
        x: Var<'t, T>,
        op: impl Into<Op<T>>,
        f: impl Fn(T) -> T,
    ) -> Var<'t, T> {
        self.record(op, "map", &[x], |values, pool| {
            let x = values.value(x);
            // Node values are contiguous and row-major: mapping the slice runs at full speed.
            let slice = x.as_slice().expect("node values are contiguous");
            pool.filled_from(x.dim(), slice.iter().map(|&v| f(v)))
        })
    }

    /// A constant leaf whose value `forward` computes from recorded values (a relu mask
    /// in a recorded gradient, a block of zeros).
    #[track_caller]
    pub(crate) fn record_constant(
        &self,
        forward: impl FnOnce(Reader<'_, T>, &BufferPool<T>) -> Array2<T>,
    ) -> Var<'_, T> {
        let out = {
            let nodes = self.nodes();
            forward(Reader { nodes: &nodes }, &self.pool)
        };
        self.push_leaf(Value::Owned(out), false)
    }
}

/// One node's numeric backward: its upstream gradient `U = ∂L/∂output`, the values, and the
/// gradient buffers of its inputs.
pub(crate) struct Backward<'a, T: Float> {
    nodes: &'a [Node<T>],
    id: usize,
    upstream: &'a Array2<T>,
    grads: &'a mut Gradients<T>,
}

impl<'a, T: Float> Backward<'a, T> {
    pub(super) fn new(
        nodes: &'a [Node<T>],
        id: usize,
        upstream: &'a Array2<T>,
        grads: &'a mut Gradients<T>,
    ) -> Self {
        Backward {
            nodes,
            id,
            upstream,
            grads,
        }
    }

    /// `U = ∂L/∂output`.
    pub(crate) fn upstream(&self) -> &'a Array2<T> {
        self.upstream
    }

    /// The op's output value.
    pub(crate) fn output(&self) -> &'a Array2<T> {
        &self.nodes[self.id].value
    }

    /// The value of input `x`.
    pub(crate) fn value(&self, x: NodeId) -> &'a Array2<T> {
        &self.nodes[x.0].value
    }

    /// The gradient buffer of `x` to add a contribution into (zero-filled on first use), or
    /// `None` when `x` needs no gradient.
    pub(crate) fn accumulator(&mut self, x: NodeId) -> Option<&mut Array2<T>> {
        self.grads.input_accumulator(x.0, self.nodes)
    }

    /// The gradient buffer of `x` for a whole product, with the `β` to pass to
    /// [`gemm`](crate::linalg::gemm): `0` on first use (no zero-fill pass), `1` after.
    pub(crate) fn product_target(&mut self, x: NodeId) -> Option<(&mut Array2<T>, T)> {
        self.grads.input_product_target(x.0, self.nodes)
    }

    /// A buffer of `shape` for an intermediate result, holding stale values; give it back
    /// with [`recycle`](Self::recycle) (so a warm step allocates nothing).
    pub(crate) fn scratch(&mut self, shape: (usize, usize)) -> Array2<T> {
        self.grads.scratch(shape)
    }

    /// Takes back a [`scratch`](Self::scratch) buffer.
    pub(crate) fn recycle(&mut self, buffer: Array2<T>) {
        self.grads.recycle(buffer);
    }
}

/// One node's backward as tape ops, while [`Tape::gradient`] walks the tape.
pub(crate) struct Chain<'s, 't, T: Float> {
    tape: &'t Tape<T>,
    output: usize,
    upstream: Var<'t, T>,
    /// Whether each node depends on the variable the gradient is taken with respect to.
    wanted: &'s [bool],
    /// The node holding `∂y/∂(node)` so far, for each node.
    slots: &'s mut [Option<usize>],
}

impl<'s, 't, T: Float> Chain<'s, 't, T> {
    pub(super) fn new(
        tape: &'t Tape<T>,
        output: usize,
        upstream: Var<'t, T>,
        wanted: &'s [bool],
        slots: &'s mut [Option<usize>],
    ) -> Self {
        Chain {
            tape,
            output,
            upstream,
            wanted,
            slots,
        }
    }

    /// The tape being recorded on.
    pub(crate) fn tape(&self) -> &'t Tape<T> {
        self.tape
    }

    /// `U = ∂y/∂output`, a node of the tape.
    pub(crate) fn upstream(&self) -> Var<'t, T> {
        self.upstream
    }

    /// The op's output, as a variable (tanh's derivative `1 − y²` reads it).
    pub(crate) fn output(&self) -> Var<'t, T> {
        self.tape.var(self.output)
    }

    /// Input `x` as a variable.
    pub(crate) fn var(&self, x: NodeId) -> Var<'t, T> {
        self.tape.var(x.0)
    }

    /// Adds `contribution()` (of `x`'s shape) to `∂y/∂x`; it is recorded only if the
    /// gradient is wanted at `x` (`x` depends on the variable of [`Tape::gradient`]).
    pub(crate) fn add(&mut self, x: NodeId, contribution: impl FnOnce() -> Var<'t, T>) {
        if !self.wanted[x.0] {
            return;
        }
        let term = contribution();
        let total = match self.slots[x.0] {
            Some(earlier) => self.tape.var(earlier) + term,
            None => term,
        };
        self.slots[x.0] = Some(total.id);
    }
}

/// The panic of a shape mismatch, naming the op and both shapes.
#[cold]
#[track_caller]
pub(crate) fn shape_panic(op: &str, a: (usize, usize), b: (usize, usize)) -> ! {
    panic!("{op}: shape mismatch: {}×{} and {}×{}", a.0, a.1, b.0, b.1)
}
