//! Packing: an operand copied into the order the micro-kernel reads.
//!
//! A `k × width` operand view (all of Aᵀ, as the view `a.t()`, or the block of B one tile
//! needs) is cut into k-blocks of at most [`KC_MAX`] rows and `w`-wide column panels; panel
//! `(block, j)` is stored row by row, `kc × w`, zero-padded past the operand's last column.
//! Packing reads the source through its strides, so a transposed operand costs no
//! transposed copy, and the packed values do not depend on the source's layout: neither
//! does the product.

use crate::Float;
use ndarray::{s, ArrayView2};
use rayon::prelude::*;
use std::any::Any;
use std::cell::RefCell;

/// The longest k-block: a packed B panel (`KC_MAX × nr`, 32 KiB for f32 AVX-512) stays in
/// the 48 KiB L1 while the A panels stream past it.
pub(super) const KC_MAX: usize = 256;

/// The k-blocks `[k0, k0 + kc)` of a product with inner dimension `k`: the fewest blocks of at
/// most [`KC_MAX`], of equal width but the last (784 → 4 × 196, not 3 × 256 + 16).
#[derive(Clone, Copy, Debug)]
pub(super) struct KBlocks {
    k: usize,
    width: usize,
}

impl KBlocks {
    pub(super) fn new(k: usize) -> Self {
        let count = k.div_ceil(KC_MAX).max(1);
        Self {
            k,
            width: k.div_ceil(count).max(1),
        }
    }

    /// `(k0, kc)` of each block, in increasing `k0`: the order partial sums are added to C.
    pub(super) fn iter(self) -> impl Iterator<Item = (usize, usize)> {
        (0..self.k)
            .step_by(self.width)
            .map(move |k0| (k0, self.width.min(self.k - k0)))
    }
}

/// A packed operand: every k-block, each cut into `w`-wide panels.
pub(super) struct Packed<'w, T> {
    data: &'w [T],
    padded_width: usize,
    w: usize,
}

impl<'w, T: Float> Packed<'w, T> {
    /// Elements a packed `k × width` operand takes: `k · ⌈width / w⌉ · w`.
    pub(super) fn len(k: usize, width: usize, w: usize) -> usize {
        k * width.div_ceil(w) * w
    }

    /// Packs the `k × width` view `src` into `w`-wide panels stored in `data` (of length
    /// [`Packed::len`]; its previous contents are all overwritten), on rayon when `parallel`.
    pub(super) fn new(
        src: ArrayView2<'_, T>,
        w: usize,
        blocks: KBlocks,
        parallel: bool,
        data: &'w mut [T],
    ) -> Self {
        let (k, width) = src.dim();
        let padded_width = width.div_ceil(w) * w;
        assert_eq!(data.len(), k * padded_width, "packing buffer length");
        let pack = |k0: usize, kc: usize, index: usize, panel: &mut [T]| {
            let j0 = index * w;
            let source = src.slice(s![k0..k0 + kc, j0..(j0 + w).min(width)]);
            pack_panel(source, w, panel);
        };
        let mut rest = &mut data[..];
        for (k0, kc) in blocks.iter() {
            let (block, tail) = rest.split_at_mut(kc * padded_width);
            rest = tail;
            let panels = block.chunks_exact_mut(kc * w);
            if parallel {
                let panels = block.par_chunks_exact_mut(kc * w);
                panels
                    .enumerate()
                    .for_each(|(index, panel)| pack(k0, kc, index, panel));
            } else {
                panels
                    .enumerate()
                    .for_each(|(index, panel)| pack(k0, kc, index, panel));
            }
        }
        Self {
            data,
            padded_width,
            w,
        }
    }

    /// The `kc × w` panel of the block starting at `k0` that covers columns `j0 .. j0 + w`
    /// (`j0` a multiple of `w`).
    pub(super) fn panel(&self, k0: usize, kc: usize, j0: usize) -> &'w [T] {
        debug_assert_eq!(j0 % self.w, 0);
        &self.data[k0 * self.padded_width + j0 * kc..][..kc * self.w]
    }
}

/// `panel[p·w + j] = source[p, j]` for the `kc × w_valid` source, zero for `j ≥ w_valid`.
///
/// Full panels of the tiers' widths (4, 6, 8, 16, 32) whose source has unit stride along
/// one axis take a fixed-width copy ([`pack_full_panel`]); edge panels and other strides are
/// copied element by element.
fn pack_panel<T: Float>(source: ArrayView2<'_, T>, w: usize, panel: &mut [T]) {
    let packed_fast = source.ncols() == w
        && match w {
            4 => pack_full_panel::<T, 4>(source.view(), panel),
            6 => pack_full_panel::<T, 6>(source.view(), panel),
            8 => pack_full_panel::<T, 8>(source.view(), panel),
            16 => pack_full_panel::<T, 16>(source.view(), panel),
            32 => pack_full_panel::<T, 32>(source.view(), panel),
            _ => false,
        };
    if !packed_fast {
        let valid = source.ncols();
        for (panel_row, source_row) in panel.chunks_exact_mut(w).zip(source.rows()) {
            let (values, padding) = panel_row.split_at_mut(valid);
            values.iter_mut().zip(source_row).for_each(|(x, &y)| *x = y);
            padding.fill(T::zero());
        }
    }
}

/// A full `kc × W` panel from a source with unit stride along its rows (B row-major, A
/// stored k × m for `Aᵀ·B`: one `W`-wide copy per row) or along its columns (A row-major,
/// B stored n × k for `A·Bᵀ`: each of the `W` columns read in one pass). Returns `false`,
/// having written nothing, for any other strides.
///
/// The rows and columns are addressed from the view's pointer and strides, not through
/// ndarray's row iterators: for the 64-row products of a GAN step, whose weights are packed
/// 32 floats at a time, building a row view per copy cost more than the copy.
fn pack_full_panel<T: Float, const W: usize>(source: ArrayView2<'_, T>, panel: &mut [T]) -> bool {
    let (kc, width) = source.dim();
    let (row_stride, column_stride) = (source.strides()[0], source.strides()[1]);
    debug_assert!(width == W && panel.len() == kc * W);
    let origin = source.as_ptr();
    if column_stride == 1 {
        for (p, panel_row) in panel.chunks_exact_mut(W).enumerate() {
            // SAFETY: row p < kc of the view holds W elements at unit stride from
            // origin + p·row_stride, all inside the view's memory, which the borrow keeps alive.
            let row =
                unsafe { std::slice::from_raw_parts(origin.offset(p as isize * row_stride), W) };
            panel_row.copy_from_slice(row);
        }
        true
    } else if row_stride == 1 {
        // Eight columns at a time: eight read streams in step, one 8-wide store per p.
        for j0 in (0..W).step_by(8) {
            let lanes = 8.min(W - j0);
            // SAFETY: column j < W of the view holds kc elements at unit stride from
            // origin + j·column_stride, inside the view's memory as above.
            let columns: [&[T]; 8] = std::array::from_fn(|c| unsafe {
                let j = j0 + c.min(lanes - 1);
                std::slice::from_raw_parts(origin.offset(j as isize * column_stride), kc)
            });
            for (p, panel_row) in panel.chunks_exact_mut(W).enumerate() {
                for (x, column) in panel_row[j0..j0 + lanes].iter_mut().zip(&columns) {
                    *x = column[p];
                }
            }
        }
        true
    } else {
        false
    }
}

/// Runs `f` on a buffer of `len` elements, reused from an earlier call on this thread when
/// one is spare: packing then rarely allocates and never zero-fills (it overwrites every
/// element). A buffer is taken out of the thread's spares while in use, so nested calls (the
/// product's A buffer, then a tile's B buffer on the same thread) each get their own; the
/// most recently returned is taken first, and at most [`SPARES_KEPT`] stay per thread.
pub(super) fn with_workspace<T: Float, R>(len: usize, f: impl FnOnce(&mut [T]) -> R) -> R {
    thread_local! {
        static SPARES: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
    }
    // The spare stays boxed while in use and goes back in the same box: no allocation once
    // a thread has a large enough buffer of this type.
    let spare = SPARES.with_borrow_mut(|spares| {
        let last = spares.iter().rposition(|spare| spare.is::<Vec<T>>())?;
        Some(spares.remove(last))
    });
    let mut spare = spare.unwrap_or_else(|| Box::new(Vec::<T>::new()));
    let buffer = spare
        .downcast_mut::<Vec<T>>()
        .expect("a spare of type Vec<T>");
    if buffer.len() < len {
        buffer.resize(len, T::zero());
    }
    let result = f(&mut buffer[..len]);
    SPARES.with_borrow_mut(|spares| {
        spares.push(spare);
        if spares.len() > SPARES_KEPT {
            spares.remove(0);
        }
    });
    result
}

/// Spare buffers kept per thread: the A buffer and one tile's B buffer.
const SPARES_KEPT: usize = 2;
