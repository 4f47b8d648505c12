//! [`Gradients`]: the result of [`Tape::backward`](super::Tape::backward), by variable or parameter.

use super::leaves::ParamId;
use super::tape::{Node, TapeIdentity, Var};
use crate::Float;
use ndarray::Array2;

/// `∂L/∂v` for every node `v` the loss depends on, kept outside the tape.
///
/// Reusing one `Gradients` across steps ([`Tape::backward_into`](super::Tape::backward_into))
/// reuses its buffers.
pub struct Gradients<T: Float = f32> {
    slots: Vec<Option<Array2<T>>>,
    /// The tape and generation the gradients were computed on (`None` before the first).
    source: Option<TapeIdentity>,
    params: Vec<(ParamId, usize)>,
    pool: Vec<Array2<T>>,
}

impl<T: Float> Default for Gradients<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Float> Gradients<T> {
    /// An empty store.
    pub fn new() -> Self {
        Gradients {
            slots: Vec::new(),
            source: None,
            params: Vec::new(),
            pool: Vec::new(),
        }
    }

    /// `∂L/∂v`, or `None` when no gradient reached `v` (a constant, or unused by the loss).
    ///
    /// # Panics
    /// If `v` is not a node of the tape these gradients were computed on, as it was then:
    /// a `Var` of another tape, or of the same tape after [`Tape::reset`](super::Tape::reset)
    /// (node ids restart at 0, so the answer would be another node's gradient). Such a
    /// lookup is a programming error; [`Gradients::param`] stays valid after a reset.
    #[track_caller]
    pub fn wrt(&self, v: Var<'_, T>) -> Option<&Array2<T>> {
        let of_var = v.tape().identity();
        match self.source {
            Some(source) if source == of_var => {}
            Some(source) if source.tape == of_var.tape => panic!(
                "Gradients::wrt: these gradients are from generation {} of the tape, the \
                 variable from generation {} (the tape was reset since backward); call \
                 backward again on the new graph",
                source.generation, of_var.generation
            ),
            Some(_) => panic!(
                "Gradients::wrt: the variable belongs to another tape than the one these \
                 gradients were computed on"
            ),
            None => panic!("Gradients::wrt: these gradients are empty (no backward filled them)"),
        }
        self.slots.get(v.id).and_then(Option::as_ref)
    }

    /// `∂L/∂θ` for parameter `id`, or `None` when it was not on the tape or unused.
    pub fn param(&self, id: ParamId) -> Option<&Array2<T>> {
        let node = self.params.iter().find(|(p, _)| *p == id)?.1;
        self.slots.get(node).and_then(Option::as_ref)
    }

    /// The parameters that received a gradient, in the order they entered the tape.
    pub fn params(&self) -> impl Iterator<Item = (ParamId, &Array2<T>)> + '_ {
        self.params
            .iter()
            .filter_map(|&(p, n)| Some((p, self.slots.get(n)?.as_ref()?)))
    }

    /// Clears the store for `source`'s `len` nodes, keeping buffers in the pool.
    pub(super) fn start(&mut self, source: TapeIdentity, len: usize, params: &[(ParamId, usize)]) {
        self.source = Some(source);
        for slot in self.slots.drain(..) {
            self.pool.extend(slot);
        }
        self.slots.resize_with(len, || None);
        self.params.clear();
        self.params.extend_from_slice(params);
    }

    /// The gradient buffer of node `id`, zero-filled on first use, to add a contribution into.
    pub(super) fn accumulator(&mut self, id: usize, nodes: &[Node<T>]) -> &mut Array2<T> {
        let shape = nodes[id].value.dim();
        let pool = &mut self.pool;
        self.slots[id].get_or_insert_with(|| {
            let mut buffer = match pool.iter().position(|b| b.dim() == shape) {
                Some(i) => pool.swap_remove(i),
                None => Array2::zeros(shape),
            };
            buffer.fill(T::zero());
            buffer
        })
    }

    /// The gradient buffer of node `id` for an op that writes a whole product into it,
    /// with the `β` to pass to [`gemm`](crate::linalg::gemm): `0` on first use (the buffer
    /// holds stale values, which `β = 0` never reads: no zero-fill pass), `1` once an
    /// earlier contribution is in it. `None` when node `id` needs no gradient.
    pub(super) fn input_product_target(
        &mut self,
        id: usize,
        nodes: &[Node<T>],
    ) -> Option<(&mut Array2<T>, T)> {
        if !nodes[id].requires_grad {
            return None;
        }
        if self.slots[id].is_some() {
            return self.slots[id].as_mut().map(|buffer| (buffer, T::one()));
        }
        let buffer = self.scratch(nodes[id].value.dim());
        Some((self.slots[id].insert(buffer), T::zero()))
    }

    /// A pooled buffer of `shape` holding stale values (zeros if new), for an op's
    /// intermediate result; give it back with [`recycle`](Self::recycle).
    pub(super) fn scratch(&mut self, shape: (usize, usize)) -> Array2<T> {
        match self.pool.iter().position(|b| b.dim() == shape) {
            Some(i) => self.pool.swap_remove(i),
            None => Array2::zeros(shape),
        }
    }

    /// Takes back a [`scratch`](Self::scratch) buffer.
    pub(super) fn recycle(&mut self, buffer: Array2<T>) {
        self.pool.push(buffer);
    }

    /// As [`accumulator`](Self::accumulator), or `None` when node `id` needs no gradient.
    pub(super) fn input_accumulator(
        &mut self,
        id: usize,
        nodes: &[Node<T>],
    ) -> Option<&mut Array2<T>> {
        if nodes[id].requires_grad {
            Some(self.accumulator(id, nodes))
        } else {
            None
        }
    }

    pub(super) fn take(&mut self, id: usize) -> Option<Array2<T>> {
        self.slots[id].take()
    }

    pub(super) fn put(&mut self, id: usize, grad: Array2<T>) {
        self.slots[id] = Some(grad);
    }
}
