//! [`BufferPool`]: the buffers of a reset tape, reused by the next step's nodes.
//!
//! A training step records the same shapes every time, so after the first step every node
//! finds a buffer here and the step allocates nothing (`tests/allocations.rs`).

use crate::Float;
use ndarray::Array2;
use std::cell::RefCell;

/// Spare buffers of any length, handed out best-fit.
pub(crate) struct BufferPool<T> {
    buffers: RefCell<Vec<Vec<T>>>,
}

impl<T: Float> BufferPool<T> {
    /// An empty pool.
    pub(crate) fn new() -> Self {
        BufferPool {
            buffers: RefCell::new(Vec::new()),
        }
    }

    /// Takes back the buffer of a dropped node.
    pub(crate) fn recycle(&mut self, array: Array2<T>) {
        let (buffer, _) = array.into_raw_vec_and_offset();
        self.buffers.get_mut().push(buffer);
    }

    /// A zero-filled `rows × cols` array.
    pub(crate) fn zeros(&self, shape: (usize, usize)) -> Array2<T> {
        self.from_iter(shape, std::iter::repeat_n(T::zero(), shape.0 * shape.1))
    }

    /// A `rows × cols` array holding `values` in row-major order (written once: no
    /// zero-fill first).
    ///
    /// # Panics
    /// If `values` does not yield exactly `rows · cols` elements.
    pub(crate) fn from_iter(
        &self,
        shape: (usize, usize),
        values: impl Iterator<Item = T>,
    ) -> Array2<T> {
        self.filled(shape, |buffer| buffer.extend(values))
    }

    /// A `rows × cols` array whose every row is `row` (a bias broadcast over a batch), each
    /// row one `memcpy`.
    pub(crate) fn rows(&self, rows: usize, row: &[T]) -> Array2<T> {
        self.filled((rows, row.len()), |buffer| {
            for _ in 0..rows {
                buffer.extend_from_slice(row);
            }
        })
    }

    /// A pooled buffer (best fit: the smallest that holds `rows · cols`, else the largest),
    /// emptied, filled by `fill` with exactly `rows · cols` values, as an array.
    fn filled(&self, (rows, cols): (usize, usize), fill: impl FnOnce(&mut Vec<T>)) -> Array2<T> {
        let len = rows * cols;
        let mut buffer = {
            let mut pool = self.buffers.borrow_mut();
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
}
