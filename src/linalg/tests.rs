//! Every micro-kernel tier this CPU has (not only the best, which `tests/matmul.rs` covers)
//! against the reference product, plus the blocking and packing invariants.

use super::blocked::{gemm_blocked, gemm_mapped};
use super::kernel::{tiers, MicroKernel};
use super::matmul_naive;
use super::pack::{KBlocks, Packed};
use crate::Float;
use ndarray::{s, Array2};
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};

fn uniform<T: Float>(rows: usize, cols: usize, seed: u64) -> Array2<T> {
    let mut rng = StdRng::seed_from_u64(seed);
    Array2::from_shape_fn((rows, cols), |_| T::lit(rng.random_range(-1.0..1.0)))
}

fn every_tier<T: Float>() -> Vec<MicroKernel<T>> {
    tiers::<T>().into_iter().flatten().collect()
}

/// Shapes that cross every boundary: the register tile (mr ≤ 8, nr ≤ 32), the C tile
/// (512 × 64, narrower for small C), the k-block (256; 513 → 3 blocks of 171), and A and B
/// read in place (A's rows whole register tiles; C at most 64 rows, whole panels: the last
/// two).
const SHAPES: [(usize, usize, usize); 8] = [
    (1, 1, 1),
    (7, 5, 3),
    (9, 33, 17),
    (130, 70, 300),
    (129, 65, 513),
    (3, 200, 1),
    (64, 300, 64),
    (40, 7, 96),
];

/// `|c − c_naive| ≤ 2·(k + 2)·ε·Σ_p |a_ip|·|b_pj|`: both sums are within `k·ε·Σ|a||b|` of the
/// exact one (the standard bound for any summation order).
fn assert_close_to_naive<T: Float>(c: &Array2<T>, a: &Array2<T>, b: &Array2<T>, what: &str) {
    let reference = matmul_naive(a.view(), b.view());
    let magnitude = matmul_naive(a.mapv(T::abs).view(), b.mapv(T::abs).view());
    let factor = 2.0 * (a.ncols() as f64 + 2.0) * T::epsilon().as_f64();
    for ((index, &got), (&want, &size)) in c.indexed_iter().zip(reference.iter().zip(&magnitude)) {
        let bound = factor * size.as_f64();
        let error = (got.as_f64() - want.as_f64()).abs();
        assert!(
            error <= bound,
            "{what} at {index:?}: |{got} − {want}| = {error:e} > {bound:e}"
        );
    }
}

fn every_tier_matches_the_naive_product<T: Float>() {
    for kernel in every_tier::<T>() {
        for (seed, &(m, k, n)) in SHAPES.iter().enumerate() {
            let a = uniform::<T>(m, k, 2 * seed as u64);
            let b = uniform::<T>(k, n, 2 * seed as u64 + 1);
            let mut c = Array2::from_elem((m, n), T::nan());
            gemm_blocked(
                kernel,
                T::one(),
                a.view(),
                b.view(),
                T::zero(),
                c.view_mut(),
            );
            assert_close_to_naive(&c, &a, &b, &format!("{} {m}×{k}·{k}×{n}", kernel.name()));
        }
    }
}

#[test]
fn every_f64_tier_matches_the_naive_product() {
    every_tier_matches_the_naive_product::<f64>();
}

#[test]
fn every_f32_tier_matches_the_naive_product() {
    every_tier_matches_the_naive_product::<f32>();
}

#[test]
fn operands_read_in_place_give_the_bits_of_packed_ones() {
    // 48 × 300 · 300 × 64 (48 rows: whole register tiles for mr = 8, 6 and 4; at most 64
    // rows, whole B panels): row-major A and B are read in place, the same A and B stored
    // column-major are packed; the kernel sees the same values in the same order.
    for kernel in every_tier::<f32>() {
        let (a, b) = (uniform::<f32>(48, 300, 4), uniform::<f32>(300, 64, 5));
        let (a_column_major, b_column_major) = (
            a.t().as_standard_layout().into_owned(),
            b.t().as_standard_layout().into_owned(),
        );
        let mut in_place = Array2::zeros((48, 64));
        gemm_blocked(kernel, 1.0, a.view(), b.view(), 0.0, in_place.view_mut());
        let mut packed = Array2::zeros((48, 64));
        let (a_packed, b_packed) = (a_column_major.t(), b_column_major.t());
        gemm_blocked(kernel, 1.0, a_packed, b_packed, 0.0, packed.view_mut());
        let same = in_place
            .iter()
            .zip(&packed)
            .all(|(x, y)| x.to_bits() == y.to_bits());
        assert!(
            same,
            "{}: in place and packed operands differ",
            kernel.name()
        );
        assert_close_to_naive(&in_place, &a, &b, kernel.name());
    }
}

#[test]
fn every_tier_gives_the_same_bits_whatever_the_strides() {
    // C ← 0.5·A·B − 2·C with A, B, C row-major, then with all three column-major (and C's
    // tiles taking the buffered path): the packed panels and the arithmetic are the same.
    for kernel in every_tier::<f64>() {
        let (m, k, n) = (67, 300, 45);
        let (a, b, c0) = (
            uniform::<f64>(m, k, 1),
            uniform::<f64>(k, n, 2),
            uniform::<f64>(m, n, 3),
        );
        let mut row_major = c0.clone();
        gemm_blocked(kernel, 0.5, a.view(), b.view(), -2.0, row_major.view_mut());
        let (a_t, b_t) = (
            a.t().as_standard_layout().into_owned(),
            b.t().as_standard_layout().into_owned(),
        );
        let mut column_major = c0.t().as_standard_layout().into_owned();
        gemm_blocked(
            kernel,
            0.5,
            a_t.t(),
            b_t.t(),
            -2.0,
            column_major.view_mut().reversed_axes(),
        );
        let same = row_major
            .iter()
            .zip(column_major.t())
            .all(|(x, y)| x.to_bits() == y.to_bits());
        assert!(
            same,
            "{}: the layout of the operands changed the result",
            kernel.name()
        );
    }
}

#[test]
fn inner_dimension_is_cut_into_the_fewest_equal_blocks_of_at_most_256() {
    let blocks = |k| KBlocks::new(k).iter().collect::<Vec<_>>();
    assert_eq!(blocks(1), [(0, 1)]);
    assert_eq!(blocks(256), [(0, 256)]);
    assert_eq!(blocks(257), [(0, 129), (129, 128)]);
    assert_eq!(blocks(784), [(0, 196), (196, 196), (392, 196), (588, 196)]);
    assert_eq!(blocks(0), []);
}

#[test]
fn packed_panels_hold_the_source_row_by_row_with_zero_padding() {
    // A 3 × 5 source packed into 4-wide panels: panel 0 holds columns 0..4, panel 1 holds
    // column 4 then three zeros, each row p after row p − 1.
    let source = Array2::from_shape_fn((3, 5), |(p, j)| (10 * p + j) as f64);
    let mut buffer = [f64::NAN; 24];
    let packed = Packed::new(source.view(), 4, KBlocks::new(3), false, &mut buffer);
    assert_eq!(
        packed.panel(0, 3, 0),
        [0., 1., 2., 3., 10., 11., 12., 13., 20., 21., 22., 23.]
    );
    assert_eq!(
        packed.panel(0, 3, 4),
        [4., 0., 0., 0., 14., 0., 0., 0., 24., 0., 0., 0.]
    );
    // The same numbers through a transposed, reversed view pack to the same panels.
    let stored = source.slice(s![.., ..;-1]).t().to_owned();
    let view = stored.t();
    let flipped = view.slice(s![.., ..;-1]);
    let mut buffer_again = [f64::NAN; 24];
    let packed_again = Packed::new(flipped, 4, KBlocks::new(3), false, &mut buffer_again);
    assert_eq!(packed.panel(0, 3, 4), packed_again.panel(0, 3, 4));
    assert_eq!(packed.panel(0, 3, 0), packed_again.panel(0, 3, 0));
}

/// The exact tier names this CPU must get: AVX-512 where `avx512f` is detected, else
/// AVX2+FMA where both are, else the scalar kernel (a wrong choice on any machine fails).
#[test]
fn the_best_tier_is_the_widest_this_cpu_runs() {
    let names = (
        super::kernel::best::<f32>().name(),
        super::kernel::best::<f64>().name(),
    );
    #[cfg(target_arch = "x86_64")]
    let expected = if is_x86_feature_detected!("avx512f") {
        ("avx512f f32 8x32", "avx512f f64 8x16")
    } else if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
        ("avx2+fma f32 6x16", "avx2+fma f64 6x8")
    } else {
        ("scalar 4x8", "scalar 4x8")
    };
    #[cfg(not(target_arch = "x86_64"))]
    let expected = ("scalar 4x8", "scalar 4x8");
    assert_eq!(names, expected);
}

#[test]
fn a_narrow_product_is_computed_transposed_with_the_same_bits() {
    // 200 × 1 (computed as (1 × 200)ᵀ) and 1 × 200 (computed directly): each is the
    // transpose of the other, element for element.
    for kernel in every_tier::<f32>() {
        let (a, b) = (uniform::<f32>(200, 300, 11), uniform::<f32>(300, 1, 12));
        let mut narrow = Array2::<f32>::zeros((200, 1));
        gemm_blocked(kernel, 1.0, a.view(), b.view(), 0.0, narrow.view_mut());
        let mut wide = Array2::<f32>::zeros((1, 200));
        gemm_blocked(kernel, 1.0, b.t(), a.t(), 0.0, wide.view_mut());
        let same = narrow
            .t()
            .iter()
            .zip(&wide)
            .all(|(x, y)| x.to_bits() == y.to_bits());
        assert!(same, "{}: Cᵀ = Bᵀ·Aᵀ changed the bits", kernel.name());
        assert_close_to_naive(&narrow, &a, &b, kernel.name());
    }
}

#[test]
fn a_mapped_product_gives_the_bits_of_the_product_then_the_map() {
    // Every shape of SHAPES (one and several k-blocks, partial tiles, in place and packed),
    // an empty sum, and a logit layer (n = 1: computed as Cᵀ), with β = 0 and β = 1.
    let leaky = |x: f32| if x > 0.0 { x } else { 0.2 * x };
    let shapes = SHAPES.iter().copied().chain([(5, 0, 3), (64, 128, 1)]);
    for kernel in every_tier::<f32>() {
        for (seed, (m, k, n)) in shapes.clone().enumerate() {
            let a = uniform::<f32>(m, k, 3 * seed as u64);
            let b = uniform::<f32>(k, n, 3 * seed as u64 + 1);
            let c0 = uniform::<f32>(m, n, 3 * seed as u64 + 2);
            for beta in [0.0, 1.0] {
                let mut then_mapped = c0.clone();
                gemm_blocked(
                    kernel,
                    0.5,
                    a.view(),
                    b.view(),
                    beta,
                    then_mapped.view_mut(),
                );
                then_mapped.mapv_inplace(leaky);
                let mut mapped = c0.clone();
                let f = Some(leaky);
                gemm_mapped(kernel, 0.5, a.view(), b.view(), beta, mapped.view_mut(), f);
                let bits = |c: &Array2<f32>| c.mapv(f32::to_bits);
                let shape = format!("{} {m}×{k}·{k}×{n}, β = {beta}", kernel.name());
                assert_eq!(bits(&mapped), bits(&then_mapped), "{shape}");
            }
        }
    }
}
