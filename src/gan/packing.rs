//! PacGAN (Lin et al. 2018): the discriminator judges `m` samples at once, concatenated into
//! one input, real packs against fake packs. A collapsed generator is easier to catch from
//! `m` samples than from one: for a `p_G` missing one of 8 equal modes the total variation
//! grows from `1/8` to `1 − (7/8)^m`. Notebook: `notebooks-md/06_mode_collapse.md`, section 6.
//!
//! Packing is a row-major reshape (`Var::reshape`): `m` consecutive rows side by side are the
//! same elements in the same order, so gradients reach every packed sample through the
//! reshape's backward. Tiling (one point beside `m − 1` copies of itself, to score single
//! points) is a product with a constant 0/1 matrix:
//! ```text
//! pack:  (B × d) → (B/m × m·d),   P[i, j·d + c] = X[i·m + j, c]
//! tile:  (n × d) → (n × m·d),      T = X · [I_d … I_d]     (each row beside m − 1 copies)
//! ```
//! (Packing was once written as the product `Σ_j S_j · X · E_j` with 0/1 selection matrices:
//! the same values, but for stacked MNIST, d = 2,352, `E_j` alone held 11 M elements and the
//! products made a packed step 2.5× slower than an unpacked one.)

use crate::autograd::Var;
use crate::Float;
use ndarray::Array2;

/// Rows `i·m … i·m + m − 1` of `x` side by side as row `i`: (B × d) → (B/m × m·d).
/// `m = 1` returns `x` itself.
///
/// # Panics
/// If `m = 0` or the number of rows is not a multiple of `m`.
#[track_caller]
pub fn pack_rows<'t, T: Float>(x: Var<'t, T>, m: usize) -> Var<'t, T> {
    let (rows, d) = x.shape();
    assert!(
        m > 0 && rows.is_multiple_of(m),
        "pack_rows: {rows} × {d} rows cannot be packed by {m} (rows must be a multiple of m ≥ 1)"
    );
    if m == 1 {
        return x;
    }
    x.reshape(rows / m, m * d)
}

/// Each row of `x` followed by `m − 1` copies of itself: (n × d) → (n × m·d). Scores single
/// points with a packed discriminator (`D(x, x, …, x)`); `m = 1` returns `x` itself.
///
/// # Panics
/// If `m = 0`.
#[track_caller]
pub fn tile_columns<'t, T: Float>(x: Var<'t, T>, m: usize) -> Var<'t, T> {
    assert!(m > 0, "tile_columns: m must be at least 1");
    if m == 1 {
        return x;
    }
    let d = x.shape().1;
    let identities = Array2::from_shape_fn((d, m * d), |(c, k)| indicator(k % d == c));
    x.matmul(x.tape().constant(&identities))
}

fn indicator<T: Float>(condition: bool) -> T {
    if condition {
        T::one()
    } else {
        T::zero()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autograd::{gradcheck, Tape};
    use ndarray::array;

    #[test]
    fn packs_consecutive_rows_side_by_side() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]);
        assert_eq!(
            *pack_rows(x, 2).value(),
            array![[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]
        );
        assert_eq!(
            *pack_rows(x, 4).value(),
            array![[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]]
        );
        assert_eq!(pack_rows(x, 1).shape(), (4, 2));
        let tiled = tile_columns(tape.constant(&array![[1.0, 2.0], [3.0, 4.0]]), 3);
        assert_eq!(
            *tiled.value(),
            array![
                [1.0, 2.0, 1.0, 2.0, 1.0, 2.0],
                [3.0, 4.0, 3.0, 4.0, 3.0, 4.0]
            ]
        );
    }

    #[test]
    fn gradients_reach_every_packed_sample() {
        // L = Σ w ⊙ pack(x): ∂L/∂x[r, c] = w[r / m, (r mod m)·d + c], checked by finite differences.
        let x = array![
            [0.3, -1.0, 2.0],
            [1.5, 0.2, -0.7],
            [0.9, 1.1, -0.4],
            [-2.0, 0.5, 0.8]
        ];
        let w = array![
            [1.0, -2.0, 3.0, 0.5, 0.25, -1.5],
            [2.0, 0.1, -0.3, 4.0, -1.0, 0.7]
        ];
        gradcheck(std::slice::from_ref(&x), |tape, v| {
            (pack_rows(v[0], 2) * tape.constant(&w)).sum()
        })
        .assert_below(1e-6);
        let tape = Tape::new();
        let xv = tape.variable(&x);
        let grads = tape.backward((pack_rows(xv, 2) * tape.constant(&w)).sum());
        assert_eq!(grads.wrt(xv).unwrap()[[3, 1]], w[[1, 4]]); // row 3 = pack 1, slot 1, column 1
        let tiled = array![[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]];
        gradcheck(&[array![[0.4, -0.6, 1.2]]], |tape, v| {
            (tile_columns(v[0], 2) * tape.constant(&tiled)).sum()
        })
        .assert_below(1e-6);
    }

    #[test]
    fn a_packed_gan_sees_packs_and_its_whole_step_matches_finite_differences() {
        use crate::gan::{Gan, GanConfig, GanLoss};
        use crate::nn::{gradcheck_params, Activation};
        let config = GanConfig {
            noise_size: 2,
            generator_hidden: vec![4],
            discriminator_hidden: vec![5],
            generator_activation: Activation::Tanh,
            packing: 3,
            batch_size: 6,
            loss: GanLoss::NonSaturating,
            seed: 2,
            ..GanConfig::default()
        };
        let gan = Gan::<f64>::new(config.clone(), 2).unwrap();
        assert_eq!(gan.discriminator().input_size(), 6); // 3 samples of dimension 2
        let real = Array2::from_shape_fn((6, 2), |(i, j)| (i as f64 - 2.0) * 0.5 + j as f64);
        let noise = Array2::from_shape_fn((6, 2), |(i, j)| (i as f64 - 2.5) * 0.4 - j as f64 * 0.3);
        let epsilon = Array2::zeros((2, 1));
        let tape = Tape::new();
        let graph = gan.discriminator_objective(
            gan.params(),
            &tape,
            real.view(),
            noise.view(),
            epsilon.view(),
        );
        assert_eq!(graph.real.shape(), (2, 1)); // 6 samples in 2 packs
        let store = gan.params().clone();
        gradcheck_params(&store, &gan.discriminator().params(), |tape, params| {
            gan.discriminator_objective(params, tape, real.view(), noise.view(), epsilon.view())
                .loss
        })
        .assert_below(1e-6);
        gradcheck_params(&store, &gan.generator().params(), |tape, params| {
            gan.generator_objective(params, tape, noise.view(), GanLoss::NonSaturating)
        })
        .assert_below(1e-6);
        // One point is scored as the pack (x, x, x).
        let point = array![[0.7, -0.2]];
        let d = gan.discriminate(point.view())[[0, 0]];
        let tape = Tape::new();
        let pack = tape.constant(&array![[0.7, -0.2, 0.7, -0.2, 0.7, -0.2]]);
        let logit = gan
            .discriminator()
            .forward(gan.params(), pack, crate::nn::Mode::Frozen);
        assert_eq!(d, crate::autograd::ops::logistic(logit.item()));
        let odd = GanConfig {
            batch_size: 7,
            ..config
        };
        assert_eq!(
            Gan::<f64>::new(odd, 2).err().unwrap().to_string(),
            "GanConfig.batch_size: must be a multiple of packing = 3, got 7"
        );
    }

    #[test]
    #[should_panic(expected = "pack_rows: 3 × 2 rows cannot be packed by 2")]
    fn a_batch_that_does_not_divide_panics_with_the_shapes() {
        let tape = Tape::<f64>::new();
        pack_rows(tape.constant(&Array2::zeros((3, 2))), 2);
    }
}
