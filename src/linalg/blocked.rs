//! The blocked product: A packed once (or read in place), then fixed tiles of C, each
//! packing the block of B it needs (or reading it in place).
//!
//! ```text
//! C tile (TILE_ROWS × TILE_COLS, narrower for small C) ─ for each k-block (k0, kc), in increasing k0:
//!     pack B[k0 .. k0+kc, tile columns]                (kc × TILE_COLS, L1/L2)
//!     for each nr-wide B panel of the tile:            (kc × nr, stays in L1)
//!         for each mr-tall A panel of the tile:        (mr × kc, streams from L2/L3)
//!             C[mr × nr] ← α·Ã·B̃ + β_block·C[mr × nr]   with β_block = β, then 1
//! ```
//!
//! A is packed once because the tiles of a row band share its panels; B is packed per tile
//! because a tile spans all of C's rows up to `TILE_ROWS` (so for m ≤ 512 each block of B is
//! packed exactly once), and the freshly packed block is still in cache when the kernel
//! reads it. Packing is skipped where it does not pay: a row-major A whose rows fill whole
//! register tiles is read in place (its `mr` rows are `mr` unit-stride streams), and so is a
//! row-major B for tiles of at most 64 rows (a panel then serves too few A panels to repay
//! its copy: the 64-row products of a GAN step) whose rows do not crowd into a few L1 sets
//! (`stays_in_l1`: a B of 1,024 f32 columns is packed). A narrow C is computed as `Cᵀ = Bᵀ·Aᵀ`
//! (same bits, less padding).
//!
//! Tiles are cut from the shape alone, never from the thread count, and one task computes a
//! whole tile over every k-block in the same order: each `c_ij` is the same sequence of
//! floating-point operations whether rayon runs the tiles on 1, 2 or N threads, whatever the
//! tile it falls in, and whether its operands were packed or read in place.

use super::kernel::{MicroKernel, Panel};
use super::pack::{with_workspace, KBlocks, Packed};
use crate::Float;
use ndarray::{s, ArrayView2, ArrayViewMut2, Axis};
use rayon::prelude::*;

/// Rows of a C tile (rounded up to a multiple of the kernel's `mr`): every GAN product
/// (batch 64 or 256) is one row band, so its B is packed once; the A block a tile streams
/// per k-block (`512 × kc`, 512 KiB in f32) fits the 1 MiB L2.
const TILE_ROWS: usize = 512;
/// Columns of a C tile (rounded up to a multiple of `nr`): narrow enough that the 64-row
/// GAN products (64 × 512, 64 × 784 outputs) still split into 8–13 tasks.
const TILE_COLS: usize = 64;
/// Products with fewer tiles than this get narrower tiles ([`tile_shape`]).
const MIN_TILES: usize = 4;
/// Tiles at most this tall read B in place rather than packed: a B panel then serves only
/// a few A panels (8 for the 64-row products of a GAN step), too few to repay its copy.
const IN_PLACE_MAX_ROWS: usize = 64;
/// The L1 data cache the in-place rule assumes: 64 sets of 64-byte lines (the 32 KiB 8-way
/// cache of Zen 2/3 and of Intel since Sandy Bridge; Zen 5's 48 KiB has 12 ways).
const L1_SETS: usize = 64;
const L1_WAYS: usize = 8;
const L1_LINE: usize = 64;
/// Below this many flops (2·m·n·k) the product runs on the calling thread: waking a rayon
/// worker costs microseconds, more than such a product takes.
const PARALLEL_MIN_FLOPS: usize = 1 << 20;

/// `C ← α·A·B + β·C` with the micro-kernel `kernel`; shapes already checked.
pub(super) fn gemm_blocked<T: Float>(
    kernel: MicroKernel<T>,
    alpha: T,
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    beta: T,
    c: ArrayViewMut2<'_, T>,
) {
    gemm_mapped(kernel, alpha, a, b, beta, c, None::<fn(T) -> T>);
}

/// `C ← f(α·A·B + β·C)` elementwise (`f` the identity when `None`): each C tile is mapped by
/// the task that computed it, as soon as its last k-block is summed and while it is in
/// cache; the bits of mapping C afterwards. Shapes already checked.
pub(super) fn gemm_mapped<T: Float, F: Fn(T) -> T + Sync>(
    kernel: MicroKernel<T>,
    alpha: T,
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    beta: T,
    mut c: ArrayViewMut2<'_, T>,
    f: Option<F>,
) {
    let (m, k) = a.dim();
    let n = b.ncols();
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        // An empty sum: C ← β·C, and β = 0 overwrites.
        if beta == T::zero() {
            c.fill(T::zero());
        } else {
            c.mapv_inplace(|c| beta * c);
        }
        if let Some(f) = f {
            c.mapv_inplace(f);
        }
        return;
    }
    let (mr, nr) = (kernel.mr(), kernel.nr());
    let padded_area = |rows: usize, cols: usize| rows.div_ceil(mr) * mr * cols.div_ceil(nr) * nr;
    if n < nr && padded_area(n, m) < padded_area(m, n) {
        // A C narrower than the register tile (n = 1 for a logit layer) wastes most of it;
        // Cᵀ = Bᵀ·Aᵀ pads less. The sums are the same, bit for bit: a fused multiply-add
        // rounds a·b + c once, whichever factor comes first. (Not for wider C: Cᵀ has no
        // unit column stride, so every tile would take the slower buffered write.)
        return gemm_mapped(
            kernel,
            alpha,
            b.reversed_axes(),
            a.reversed_axes(),
            beta,
            c.reversed_axes(),
            f,
        );
    }
    let (tile_rows, tile_cols) = tile_shape(m, n, mr, nr);
    let tiles = m.div_ceil(tile_rows) * n.div_ceil(tile_cols);
    let parallel = 2 * m * n * k >= PARALLEL_MIN_FLOPS && tiles > 1 && crate::parallel::may_split();
    let blocks = KBlocks::new(k);
    // A row-major A whose rows fill whole register tiles is read where it is (its 8 rows are
    // 8 unit-stride streams); any other A is packed once, shared by every tile.
    let a_in_place = a.strides()[1] == 1 && m % mr == 0;
    let a_workspace = if a_in_place {
        0
    } else {
        Packed::<T>::len(k, m, mr)
    };
    with_workspace(a_workspace, |buffer| {
        let product = TiledProduct {
            kernel,
            blocks,
            a: if a_in_place {
                AOperand::InPlace(a.t())
            } else {
                AOperand::Packed(Packed::new(a.t(), mr, blocks, parallel, buffer))
            },
            b,
            alpha,
            beta,
            finish: f,
        };
        // Row bands of `tile_rows`, each cut into tiles of `tile_cols`: the cut depends on
        // the shape alone, and each tile is one task (no list of tiles is allocated).
        let bands = c.axis_chunks_iter_mut(Axis(0), tile_rows);
        if parallel {
            bands
                .into_par_iter()
                .enumerate()
                .for_each(|(bi, mut band)| {
                    let row_tiles = band.axis_chunks_iter_mut(Axis(1), tile_cols);
                    row_tiles
                        .into_par_iter()
                        .enumerate()
                        .for_each(|(bj, tile)| {
                            product.compute_tile(bi * tile_rows, bj * tile_cols, tile);
                        });
                });
        } else {
            for (bi, mut band) in bands.enumerate() {
                for (bj, tile) in band.axis_chunks_iter_mut(Axis(1), tile_cols).enumerate() {
                    product.compute_tile(bi * tile_rows, bj * tile_cols, tile);
                }
            }
        }
    });
}

/// The C tile for an `m × n` product: [`TILE_ROWS`] × [`TILE_COLS`] (rounded up to whole
/// register tiles), its width halved (down to one `nr` panel) while C has fewer than
/// [`MIN_TILES`] tiles, so that a small product still splits into tasks short enough for
/// a worker that wakes late to take some (256×128·128×128: 4 tiles of 32 columns, not 2).
/// It depends on the shape alone; and since every `c_ij` is summed in the same order
/// whatever tile it falls in, the tile shape never changes a bit of the result.
fn tile_shape(m: usize, n: usize, mr: usize, nr: usize) -> (usize, usize) {
    let tile_rows = TILE_ROWS.div_ceil(mr) * mr;
    let mut tile_cols = TILE_COLS.div_ceil(nr) * nr;
    while tile_cols > nr && m.div_ceil(tile_rows) * n.div_ceil(tile_cols) < MIN_TILES {
        tile_cols = (tile_cols / 2).div_ceil(nr) * nr;
    }
    (tile_rows, tile_cols)
}

/// `c_ij ← f(c_ij)`, a row at a time (a unit-stride row as a slice, which vectorizes).
fn map_rows<T: Float>(mut c: ArrayViewMut2<'_, T>, f: impl Fn(T) -> T) {
    for mut row in c.rows_mut() {
        match row.as_slice_mut() {
            Some(row) => row.iter_mut().for_each(|c| *c = f(*c)),
            None => row.mapv_inplace(&f),
        }
    }
}

/// Whether the `kc` rows of a B panel read in place, `row_stride` elements apart, fit in L1
/// together. Rows whose byte stride shares a large power of two with the cache's way size
/// (`L1_SETS · L1_LINE` = 4 KiB) fall into few sets: a 1,024-column f32 B puts every row in
/// the same set, so only 8 of a panel's rows stay cached and the kernel re-reads the rest
/// from L2 for every A panel. Measured on Zen 3, 64×512·512×1024, one thread: 50–53 GFLOP/s
/// in place, 69–70 packed. Such a B is packed.
fn stays_in_l1<T>(row_stride: isize, kc: usize) -> bool {
    let way = L1_SETS * L1_LINE;
    let stride = (row_stride.unsigned_abs() * std::mem::size_of::<T>()) % way;
    let sets = if stride == 0 {
        1
    } else {
        (way / gcd(stride, way)).min(L1_SETS)
    };
    sets * L1_WAYS >= kc
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Aᵀ (`k × m`): packed once, its panels shared by every tile of a row band, or read in place.
enum AOperand<'p, T> {
    Packed(Packed<'p, T>),
    InPlace(ArrayView2<'p, T>),
}

impl<'p, T: Float> AOperand<'p, T> {
    /// The `kc × mr` panel of Aᵀ for rows `i0 .. i0 + mr` of A, steps `k0 .. k0 + kc`.
    fn panel(&self, k0: usize, kc: usize, i0: usize, mr: usize) -> Panel<'_, T> {
        match self {
            AOperand::Packed(packed) => Panel::packed(packed.panel(k0, kc, i0), mr),
            AOperand::InPlace(a_t) => Panel::in_place(a_t, (k0, i0), (kc, mr)),
        }
    }
}

/// A (packed once, or in place), B as given (each tile packs the block it needs, while it
/// is hot in cache, or reads it in place), the scalars that finish the product, and the map
/// applied to each finished tile.
struct TiledProduct<'p, T, F> {
    kernel: MicroKernel<T>,
    blocks: KBlocks,
    a: AOperand<'p, T>,
    b: ArrayView2<'p, T>,
    alpha: T,
    beta: T,
    finish: Option<F>,
}

impl<T: Float, F: Fn(T) -> T> TiledProduct<'_, T, F> {
    /// Every element of the tile whose top-left element is `c[i0, j0]`.
    ///
    /// B's block is packed, unless the tile is at most [`IN_PLACE_MAX_ROWS`] tall, B has
    /// unit column stride and the tile is a whole number of `nr`-wide panels: then the
    /// kernel reads B where it is (the same values in the same order: the same bits).
    fn compute_tile(&self, i0: usize, j0: usize, mut tile: ArrayViewMut2<'_, T>) {
        let (mr, nr) = (self.kernel.mr(), self.kernel.nr());
        let (rows, cols) = tile.dim();
        let longest = self.blocks.iter().map(|(_, kc)| kc).max().unwrap_or(0);
        let in_place = rows <= IN_PLACE_MAX_ROWS
            && cols % nr == 0
            && self.b.strides()[1] == 1
            && stays_in_l1::<T>(self.b.strides()[0], longest);
        let workspace = if in_place {
            0
        } else {
            Packed::<T>::len(longest, cols, nr)
        };
        with_workspace(workspace, |buffer| {
            for (block, (k0, kc)) in self.blocks.iter().enumerate() {
                let beta = if block == 0 { self.beta } else { T::one() };
                let packed = (!in_place).then(|| {
                    let b_block = self.b.slice(s![k0..k0 + kc, j0..j0 + cols]);
                    let buffer = &mut buffer[..Packed::<T>::len(kc, cols, nr)];
                    Packed::new(b_block, nr, KBlocks::new(kc), false, buffer)
                });
                for (jc, mut band) in tile.axis_chunks_iter_mut(Axis(1), nr).enumerate() {
                    let b_panel = match &packed {
                        Some(b) => Panel::packed(b.panel(0, kc, jc * nr), nr),
                        None => Panel::in_place(&self.b, (k0, j0 + jc * nr), (kc, nr)),
                    };
                    for (ir, micro) in band.axis_chunks_iter_mut(Axis(0), mr).enumerate() {
                        let a_panel = self.a.panel(k0, kc, i0 + ir * mr, mr);
                        if micro.dim() == (mr, nr) && micro.strides()[1] == 1 {
                            self.kernel
                                .run(kc, a_panel, b_panel, self.alpha, beta, micro);
                        } else {
                            self.kernel
                                .run_buffered(kc, a_panel, b_panel, self.alpha, beta, micro);
                        }
                    }
                }
            }
            // The whole tile once its sums are complete, while it is still in cache (each
            // register tile right after the kernel stored it was measured slower: its rows,
            // a power of two apart, alias the stores still in flight).
            if let Some(f) = &self.finish {
                map_rows(tile.view_mut(), f);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::stays_in_l1;

    #[test]
    fn rows_a_power_of_two_apart_share_few_sets() {
        // f32 rows of 1,024 (4 KiB apart) all fall into one set: 8 rows fit, 9 do not.
        assert!(stays_in_l1::<f32>(1024, 8));
        assert!(!stays_in_l1::<f32>(1024, 9));
        // 512 columns (2 KiB): 2 sets, 16 rows; 128 columns (512 B): 8 sets, 64 rows.
        assert!(stays_in_l1::<f32>(512, 16) && !stays_in_l1::<f32>(512, 17));
        assert!(stays_in_l1::<f32>(128, 64) && !stays_in_l1::<f32>(128, 65));
        // 784 columns (3,136 B = 49 lines, odd): every set, 512 rows, more than any k-block.
        assert!(stays_in_l1::<f32>(784, 256));
        // f64 rows of 512 are 4 KiB apart too; a negative stride spreads like a positive one.
        assert!(!stays_in_l1::<f64>(512, 9));
        assert!(!stays_in_l1::<f32>(-1024, 9));
    }
}
