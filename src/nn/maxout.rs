//! A maxout network (Goodfellow et al. 2013, "Maxout Networks"): each hidden unit is the
//! largest of `k` affine pieces of its input, and the output layer is affine.
//!
//! ```text
//! h₀ = x,   h_l,u = max_{p < k} (h_{l−1}·W_l + b_l)_{u·k + p}   (l = 1 … L−1),
//! y = h_{L−1}·W_L + b_L
//! ```
//! A unit is a convex piecewise-linear function that learns its own shape (ReLU is the
//! special case of two pieces, one fixed at 0). PacGAN's 2-D discriminator (Lin et al. 2018,
//! Appendix; its code's `LinearMaxout`) has three hidden layers of 200 units with 5 pieces;
//! `examples/gan_2d --discriminator maxout` trains it (notebook 06, `docs/RESULTS.md`).
//!
//! The max is [`Var::row_max`] over each unit's `k` pieces, which sit side by side in the
//! affine output: reshaping the `B × (units·k)` output to `(B·units) × k` puts one unit's
//! pieces in one row (PyTorch: `a.view(B, units, k).max(-1)`).

use super::{Dense, Init, Mode, Network, ParamStore};
use crate::autograd::{ParamId, Var};
use crate::Float;
use ndarray_rand::rand::rngs::StdRng;

/// Maxout layers `sizes[0] → sizes[1] → … → sizes[L−1]` of `pieces` pieces per unit, then
/// an affine layer to `sizes[L]` (logits, for a discriminator).
#[derive(Clone, Debug, PartialEq)]
pub struct Maxout {
    hidden: Vec<Dense>,
    output: Dense,
    pieces: usize,
}

impl Maxout {
    /// Adds the layers' parameters to `store` as `{name}.{l}.weight` / `{name}.{l}.bias`
    /// (hidden layer `l` maps to `units·pieces` affine outputs), drawn from `init`.
    ///
    /// # Panics
    /// If fewer than two sizes are given, a size is 0, or `pieces` is 0.
    #[track_caller]
    pub fn new<T: Float>(
        store: &mut ParamStore<T>,
        name: &str,
        sizes: &[usize],
        pieces: usize,
        init: Init,
        rng: &mut StdRng,
    ) -> Maxout {
        assert!(
            sizes.len() >= 2 && sizes.iter().all(|&s| s > 0) && pieces > 0,
            "Maxout: needs an input and an output size, all > 0, and at least one piece \
             (got sizes {sizes:?}, {pieces} pieces)"
        );
        let last = sizes.len() - 2;
        let mut layer = |l: usize, inputs: usize, outputs: usize| {
            Dense::new(store, &format!("{name}.{l}"), (inputs, outputs), init, rng)
        };
        let hidden = (0..last)
            .map(|l| layer(l, sizes[l], sizes[l + 1] * pieces))
            .collect();
        let output = layer(last, sizes[last], sizes[last + 1]);
        Maxout {
            hidden,
            output,
            pieces,
        }
    }

    /// Pieces per hidden unit.
    pub fn pieces(&self) -> usize {
        self.pieces
    }
}

impl<T: Float> Network<T> for Maxout {
    #[track_caller]
    fn forward<'t>(&self, params: &ParamStore<T>, x: Var<'t, T>, mode: Mode) -> Var<'t, T> {
        let (rows, cols) = x.shape();
        let inputs = <Self as Network<T>>::input_size(self);
        assert!(
            cols == inputs,
            "Maxout::forward: the input is {rows} × {cols}, the network takes {inputs} columns"
        );
        let mut h = x;
        for layer in &self.hidden {
            let units = layer.shape().1 / self.pieces;
            let pieces = layer.forward(params, h, mode);
            h = (pieces.reshape(rows * units, self.pieces).row_max()).reshape(rows, units);
        }
        self.output.forward(params, h, mode)
    }

    fn params(&self) -> Vec<ParamId> {
        (self.hidden.iter().chain([&self.output]))
            .flat_map(|d| [d.weight(), d.bias()])
            .collect()
    }

    fn input_size(&self) -> usize {
        self.hidden.first().unwrap_or(&self.output).shape().0
    }

    fn output_size(&self) -> usize {
        self.output.shape().1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autograd::Tape;
    use crate::nn::gradcheck_params;
    use ndarray::{array, Array2};
    use ndarray_rand::rand::SeedableRng;

    #[test]
    fn a_unit_is_the_largest_of_its_pieces() {
        // 1 input → 2 units of 3 pieces → 1 output, weights set by hand: the pieces of
        // unit u are columns 3u, 3u+1, 3u+2 of the first affine output.
        let mut store = ParamStore::<f64>::new();
        let net = Maxout::new(
            &mut store,
            "d",
            &[1, 2, 1],
            3,
            Init::Xavier,
            &mut StdRng::seed_from_u64(0),
        );
        let [w1, b1, w2, b2] = <Maxout as Network<f64>>::params(&net)[..] else {
            panic!("two layers, four parameters")
        };
        *store.get_mut(w1) = array![[1.0, -1.0, 0.5, 2.0, 0.0, -3.0]];
        *store.get_mut(b1) = array![[0.0, 0.0, 1.0, 0.0, 0.5, 0.0]];
        *store.get_mut(w2) = array![[1.0], [10.0]];
        *store.get_mut(b2) = array![[0.25]];
        let tape = Tape::new();
        let x = tape.constant(&array![[2.0], [-1.0]]);
        let y = net.forward(&store, x, Mode::Frozen);
        // x = 2: unit 0 = max(2, −2, 2) = 2, unit 1 = max(4, 0.5, −6) = 4 → 2 + 40 + 0.25.
        // x = −1: unit 0 = max(−1, 1, 0.5) = 1, unit 1 = max(−2, 0.5, 3) = 3 → 1 + 30 + 0.25.
        assert_eq!(&*y.value(), &array![[42.25], [31.25]]);
    }

    #[test]
    fn parameter_gradients_match_finite_differences() {
        let mut store = ParamStore::<f64>::new();
        let mut rng = StdRng::seed_from_u64(3);
        let net = Maxout::new(&mut store, "d", &[3, 4, 5, 2], 3, Init::Xavier, &mut rng);
        let x = Array2::from_shape_fn((6, 3), |(i, j)| ((i * 3 + j) as f64 * 0.7).sin());
        let ids = <Maxout as Network<f64>>::params(&net);
        let report = gradcheck_params(&store, &ids, |tape, store| {
            net.forward(store, tape.constant(&x), Mode::Trainable)
                .square()
                .sum()
        });
        report.assert_below(1e-6);
    }
}
