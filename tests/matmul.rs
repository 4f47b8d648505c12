//! Property tests of `linalg`: the blocked, parallel product against the three-loop
//! reference, on random shapes (empty, 1 × 1, odd, up to 130) and random layouts (row- or
//! column-major, every other row and column of a larger array, reversed axes), in f64 and
//! f32; the α/β contract; bit-identical results on rayon pools of 1 and 2 threads; the
//! transposed forms; the shape panics.
//!
//! Tolerance: the exact `c_ij = α·Σ_p a_ip·b_pj + β·c_ij` and any summation order differ by at
//! most `k·ε·Σ_p |a_ip|·|b_pj|` (plus the two roundings of the α/β update), so two orders
//! differ by at most `γ·(|α|·Σ_p |a_ip|·|b_pj| + |β|·|c_ij|)` with `γ = 2·(k + 2)·ε`.

mod common;

use common::{on_one_and_two_threads, proptest_config, uniform};

use adversarial::linalg::{gemm, matmul, matmul_naive, matmul_nt, matmul_tn};
use adversarial::Float;
use ndarray::{array, s, Array2, ArrayView2, ArrayViewMut2};
use proptest::prelude::*;

/// How a matrix is laid out in memory; the values are the same in each.
#[derive(Clone, Copy, Debug)]
enum Layout {
    RowMajor,
    ColumnMajor,
    /// Rows and columns 1, 3, 5, … of a larger array whose other elements are NaN.
    EveryOther,
    /// Both axes reversed: negative strides.
    Reversed,
}

/// `values` stored in `layout`; [`Stored::view`] gives back the same matrix.
struct Stored<T> {
    data: Array2<T>,
    layout: Layout,
}

impl<T: Float> Stored<T> {
    fn new(values: &Array2<T>, layout: Layout) -> Self {
        let data = match layout {
            Layout::RowMajor => values.clone(),
            Layout::ColumnMajor => values.t().as_standard_layout().into_owned(),
            Layout::EveryOther => {
                let (rows, cols) = values.dim();
                let mut data = Array2::from_elem((2 * rows + 1, 2 * cols + 1), T::nan());
                data.slice_mut(s![1..;2, 1..;2]).assign(values);
                data
            }
            Layout::Reversed => values.slice(s![..;-1, ..;-1]).to_owned(),
        };
        Self { data, layout }
    }

    fn view(&self) -> ArrayView2<'_, T> {
        match self.layout {
            Layout::RowMajor => self.data.view(),
            Layout::ColumnMajor => self.data.t(),
            Layout::EveryOther => self.data.slice(s![1..;2, 1..;2]),
            Layout::Reversed => self.data.slice(s![..;-1, ..;-1]),
        }
    }

    fn view_mut(&mut self) -> ArrayViewMut2<'_, T> {
        match self.layout {
            Layout::RowMajor => self.data.view_mut(),
            Layout::ColumnMajor => self.data.view_mut().reversed_axes(),
            Layout::EveryOther => self.data.slice_mut(s![1..;2, 1..;2]),
            Layout::Reversed => self.data.slice_mut(s![..;-1, ..;-1]),
        }
    }
}

fn same_bits<T: Float>(x: ArrayView2<'_, T>, y: ArrayView2<'_, T>) -> bool {
    x.dim() == y.dim()
        && x.iter()
            .zip(y)
            .all(|(x, y)| x.as_f64().to_bits() == y.as_f64().to_bits())
}

fn layout() -> impl Strategy<Value = Layout> {
    prop_oneof![
        Just(Layout::RowMajor),
        Just(Layout::ColumnMajor),
        Just(Layout::EveryOther),
        Just(Layout::Reversed)
    ]
}

/// A dimension: often 0 or 1, otherwise up to 130 (past the 128-row tile and 4 × 32 columns).
fn dimension() -> impl Strategy<Value = usize> {
    prop_oneof![1 => Just(0_usize), 2 => Just(1_usize), 7 => 2_usize..=130]
}

/// An inner dimension: as [`dimension`], or 257 to 600 (2 or 3 k-blocks summed into C).
fn inner_dimension() -> impl Strategy<Value = usize> {
    prop_oneof![4 => dimension(), 1 => 257_usize..=600]
}

/// β: overwrite (C holds NaN), accumulate, or any value.
fn beta() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1.0), -2.0..2.0]
}

/// One random `C ← α·A·B + β·C` in `T`, checked element-wise against `matmul_naive`.
#[allow(clippy::too_many_arguments)]
fn check_against_naive<T: Float>(
    (m, k, n): (usize, usize, usize),
    layouts: (Layout, Layout, Layout),
    alpha: f64,
    beta: f64,
    seed: u64,
) -> Result<(), TestCaseError> {
    let (alpha, beta) = (T::lit(alpha), T::lit(beta));
    let (a, b) = (uniform::<T>(m, k, seed), uniform::<T>(k, n, seed + 1));
    let c0 = if beta == T::zero() {
        Array2::from_elem((m, n), T::nan())
    } else {
        uniform::<T>(m, n, seed + 2)
    };
    let (stored_a, stored_b) = (Stored::new(&a, layouts.0), Stored::new(&b, layouts.1));
    let mut stored_c = Stored::new(&c0, layouts.2);
    gemm(
        alpha,
        stored_a.view(),
        stored_b.view(),
        beta,
        stored_c.view_mut(),
    );
    let product = matmul_naive(a.view(), b.view());
    let magnitude = matmul_naive(a.mapv(T::abs).view(), b.mapv(T::abs).view());
    let gamma = 2.0 * (k as f64 + 2.0) * T::epsilon().as_f64();
    for (i, j) in ndarray::indices((m, n)) {
        let got = stored_c.view()[[i, j]].as_f64();
        let (old, scale) = if beta == T::zero() {
            (0.0, 0.0)
        } else {
            (c0[[i, j]].as_f64(), beta.as_f64())
        };
        let want = alpha.as_f64() * product[[i, j]].as_f64() + scale * old;
        let bound =
            gamma * (alpha.as_f64().abs() * magnitude[[i, j]].as_f64() + (scale * old).abs());
        prop_assert!(
            (got - want).abs() <= bound,
            "c[{i},{j}] = {got}, naive {want}, bound {bound:e} ({m}×{k}·{k}×{n}, {layouts:?})"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn f64_product_matches_the_naive_one_for_any_shape_and_layout(
        m in dimension(), k in inner_dimension(), n in dimension(),
        layouts in (layout(), layout(), layout()),
        alpha in -2.0..2.0_f64, beta in beta(), seed in any::<u64>(),
    ) {
        check_against_naive::<f64>((m, k, n), layouts, alpha, beta, seed / 4)?;
    }

    #[test]
    fn f32_product_matches_the_naive_one_for_any_shape_and_layout(
        m in dimension(), k in inner_dimension(), n in dimension(),
        layouts in (layout(), layout(), layout()),
        alpha in -2.0..2.0_f64, beta in beta(), seed in any::<u64>(),
    ) {
        check_against_naive::<f32>((m, k, n), layouts, alpha, beta, seed / 4)?;
    }
}

proptest! {
    #![proptest_config(proptest_config(32))]

    /// Shapes of several 128 × 64 tiles and 1 to 3 k-blocks, above the parallel threshold:
    /// the 2-thread pool really splits the work, and every bit agrees with 1 thread.
    #[test]
    fn pools_of_one_and_two_threads_give_identical_bits(
        m in 129_usize..300, k in 1_usize..700, n in 65_usize..300,
        layouts in (layout(), layout()), seed in any::<u64>(),
    ) {
        let (a, b) = (uniform::<f32>(m, k, seed / 2), uniform::<f32>(k, n, seed / 2 + 1));
        let (a, b) = (Stored::new(&a, layouts.0), Stored::new(&b, layouts.1));
        let (one, two) = on_one_and_two_threads(|| matmul(a.view(), b.view()));
        prop_assert!(same_bits(one.view(), two.view()), "{m}×{k}·{k}×{n} {layouts:?}");
    }
}

proptest! {
    #![proptest_config(proptest_config(64))]

    /// The transposed forms read through strides, and packing makes the layout invisible:
    /// the same bits as the product of explicit transposed copies.
    #[test]
    fn transposed_forms_equal_the_product_of_explicit_transposes(
        m in dimension(), k in dimension(), n in dimension(), seed in any::<u64>(),
    ) {
        let a_stored_k_by_m = uniform::<f64>(k, m, seed / 2);
        let b_stored_n_by_k = uniform::<f64>(n, k, seed / 2 + 1);
        let b = uniform::<f64>(k, n, seed / 2 + 2);
        let a = a_stored_k_by_m.t().to_owned();
        let tn = matmul_tn(a_stored_k_by_m.view(), b.view());
        prop_assert!(same_bits(tn.view(), matmul(a.view(), b.view()).view()));
        let nt = matmul_nt(a.view(), b_stored_n_by_k.view());
        let b_transposed = b_stored_n_by_k.t().to_owned();
        prop_assert!(same_bits(nt.view(), matmul(a.view(), b_transposed.view()).view()));
    }
}

#[test]
fn small_products_have_their_exact_values() {
    // Integers: every partial sum is exact in any order.
    let a = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
    let b = array![[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]];
    assert_eq!(
        matmul(a.view(), b.view()),
        array![[58.0, 64.0], [139.0, 154.0]]
    );
    assert_eq!(
        matmul(array![[3.0_f32]].view(), array![[-2.5_f32]].view()),
        array![[-7.5_f32]]
    );
    let identity = Array2::<f64>::eye(70);
    let x = uniform::<f64>(70, 45, 7);
    assert_eq!(matmul(identity.view(), x.view()), x);
}

#[test]
fn empty_products_have_empty_or_zero_results() {
    let empty = matmul(
        Array2::<f64>::zeros((0, 4)).view(),
        Array2::zeros((4, 3)).view(),
    );
    assert_eq!(empty.dim(), (0, 3));
    // k = 0: an empty sum is 0, so C ← β·C.
    let zeros = matmul(
        Array2::<f64>::zeros((2, 0)).view(),
        Array2::zeros((0, 3)).view(),
    );
    assert_eq!(zeros, Array2::<f64>::zeros((2, 3)));
    let mut c = array![[1.0, -2.0]];
    gemm(
        5.0,
        Array2::zeros((1, 0)).view(),
        Array2::zeros((0, 2)).view(),
        3.0,
        c.view_mut(),
    );
    assert_eq!(c, array![[3.0, -6.0]]);
}

#[test]
fn beta_zero_overwrites_nan_and_beta_one_accumulates() {
    let (a, b) = (uniform::<f64>(150, 300, 1), uniform::<f64>(300, 90, 2));
    let product = matmul(a.view(), b.view());
    let mut c = Array2::from_elem((150, 90), f64::NAN);
    gemm(1.0, a.view(), b.view(), 0.0, c.view_mut());
    assert!(
        same_bits(c.view(), product.view()),
        "β = 0 must ignore the NaN in C"
    );
    // Accumulate the same product again, as the backward pass does with β = 1: 2·A·B.
    gemm(1.0, a.view(), b.view(), 1.0, c.view_mut());
    let bound = 2.0 * 302.0 * f64::EPSILON * 2.0 * 300.0;
    assert!(c
        .iter()
        .zip(&product)
        .all(|(&c, &p)| (c - 2.0 * p).abs() <= bound));
    // The backward pass's calls on transposed views: ∂L/∂A += U·Bᵀ, ∂L/∂B += Aᵀ·U.
    let u = uniform::<f64>(150, 90, 3);
    let mut grad_a = Array2::<f64>::zeros((150, 300));
    gemm(1.0, u.view(), b.t(), 1.0, grad_a.view_mut());
    assert!(same_bits(
        grad_a.view(),
        matmul_nt(u.view(), b.view()).view()
    ));
    let mut grad_b = Array2::<f64>::zeros((300, 90));
    gemm(1.0, a.t(), u.view(), 1.0, grad_b.view_mut());
    assert!(same_bits(
        grad_b.view(),
        matmul_tn(a.view(), u.view()).view()
    ));
}

#[test]
#[should_panic(expected = "gemm: shapes do not match: A is 2×3, B is 4×5, C is 2×5")]
fn gemm_shape_panic_names_the_op_and_every_shape() {
    let mut c = Array2::<f64>::zeros((2, 5));
    gemm(
        1.0,
        Array2::zeros((2, 3)).view(),
        Array2::zeros((4, 5)).view(),
        0.0,
        c.view_mut(),
    );
}

#[test]
#[should_panic(expected = "matmul_tn: shapes do not match: A is 3×2, B is 4×5")]
fn transposed_form_panic_names_its_own_op() {
    let _ = matmul_tn(
        Array2::<f32>::zeros((3, 2)).view(),
        Array2::zeros((4, 5)).view(),
    );
}
