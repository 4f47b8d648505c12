//! Affine map of a batch: `Y = X·W + b` (B × in times in × out, plus a 1 × out bias row
//! added to every sample), the dense layer's whole forward; optionally rectified,
//! `Y = r(X·W + b)` with `r` a ReLU or a leaky ReLU of slope `α ≥ 0`.
//!
//! `∂L/∂X = U·Wᵀ`, `∂L/∂W = Xᵀ·U` and `∂L/∂b = Σ_rows U`, with `U = ∂L/∂Y`; rectified,
//! `U` is replaced by `P = ∂L/∂Y ⊙ r′`, where `r′ = 1` where `y > 0` and `0` (ReLU) or `α`
//! elsewhere. For `α ≥ 0`, `y > 0` exactly where the pre-activation is `> 0`, so `r′` is read
//! off the output and the pre-activation is never stored.
//! Recorded backward: `matmul_nt(P, W)`, `matmul_tn(X, P)` and `column_sums(P)`, with
//! `P = U ⊙ r′` (the mask a constant, as in `relu.rs`).
//!
//! Fused for speed (it is `r(x.matmul(w) + b)`, the same math and, with `relu` or
//! `leaky_relu` after `affine`, the same bits): the output starts as the bias row copied
//! into every row and the product accumulates onto it (`gemm` with `β = 1`); the rectifier
//! is applied to each register tile as soon as its sum is complete
//! (`linalg::gemm_then_map`). So there is no separate addition pass, no zero-filled
//! product, no pre-activation array, and one node instead of two or three.

use super::super::record::{Backward, Chain, Inputs, NodeId, Operation};
use super::super::tape::Var;
use super::{constant_map, leaky_relu, relu, shape_panic};
use crate::linalg::{gemm, gemm_then_map};
use crate::Float;
use ndarray::{Array2, Zip};

/// `Y = X·W + b`, or `r(X·W + b)`.
#[derive(Clone, Copy)]
pub(crate) struct Affine<T> {
    x: NodeId,
    w: NodeId,
    b: NodeId,
    rectifier: Option<Rectifier<T>>,
}

/// The activations [`Var::affine_rectified`] applies inside the product: those whose
/// derivative can be read off their output.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Rectifier<T> {
    /// `max(x, 0)`, as [`Var::relu`].
    Relu,
    /// `x` for `x > 0`, else `slope·x`, as [`Var::leaky_relu`]; only for `slope ≥ 0`.
    Leaky(T),
}

impl<T: Float> Rectifier<T> {
    /// `r′` at the point whose output is `y`: the standalone op's derivative at `y`, which
    /// for `slope ≥ 0` is its derivative at the input (both test `> 0`).
    fn derivative_at_output(self, y: T) -> T {
        match self {
            Rectifier::Relu => relu::derivative(y),
            Rectifier::Leaky(slope) => leaky_relu::derivative(y, slope),
        }
    }
}

impl<'t, T: Float> Var<'t, T> {
    /// `X·W + b`: a batch of inputs (rows) through a dense layer's weight and bias.
    ///
    /// # Panics
    /// If `W` does not have `X`'s column count as its rows (message `affine`), or `b` is not
    /// `1 × W`'s columns (message `affine (bias)`), naming both shapes.
    #[track_caller]
    pub fn affine(self, weight: Var<'t, T>, bias: Var<'t, T>) -> Var<'t, T> {
        self.affine_then(weight, bias, None)
    }

    /// `r(X·W + b)`: [`affine`](Self::affine) then `r` (`relu`, or `leaky_relu` of a slope
    /// ≥ 0) in one op, with the bits of the two.
    ///
    /// # Panics
    /// As [`affine`](Self::affine), or if a leaky slope is negative or NaN.
    #[track_caller]
    pub(crate) fn affine_rectified(
        self,
        weight: Var<'t, T>,
        bias: Var<'t, T>,
        rectifier: Rectifier<T>,
    ) -> Var<'t, T> {
        if let Rectifier::Leaky(slope) = rectifier {
            assert!(
                slope >= T::zero(),
                "affine_rectified: a leaky slope of {slope} is not ≥ 0"
            );
        }
        self.affine_then(weight, bias, Some(rectifier))
    }

    #[track_caller]
    fn affine_then(
        self,
        weight: Var<'t, T>,
        bias: Var<'t, T>,
        rectifier: Option<Rectifier<T>>,
    ) -> Var<'t, T> {
        let (sx, sw, sb) = (self.shape(), weight.shape(), bias.shape());
        if sx.1 != sw.0 {
            shape_panic("affine", sx, sw);
        }
        if sb != (1, sw.1) {
            shape_panic("affine (bias)", sw, sb);
        }
        let op = Affine {
            x: self.node(),
            w: weight.node(),
            b: bias.node(),
            rectifier,
        };
        self.tape()
            .record(op, "affine", &[self, weight, bias], |values, pool| {
                let (x, w, b) = (values.value(self), values.value(weight), values.value(bias));
                let bias_row = b.as_slice().expect("node values are contiguous");
                let mut out = pool.rows(sx.0, bias_row);
                let (x, w, y) = (x.view(), w.view(), out.view_mut());
                // One closure per rectifier, so the map has no branch on it per element.
                match rectifier {
                    None => gemm(T::one(), x, w, T::one(), y),
                    Some(Rectifier::Relu) => gemm_then_map(T::one(), x, w, T::one(), y, relu::relu),
                    Some(Rectifier::Leaky(slope)) => {
                        let leaky = move |p| leaky_relu::leaky_relu(p, slope);
                        gemm_then_map(T::one(), x, w, T::one(), y, leaky)
                    }
                }
                out
            })
    }
}

impl<T: Float> Operation<T> for Affine<T> {
    fn inputs(&self) -> Inputs {
        [self.x, self.w, self.b].into()
    }

    /// `∂L/∂X += P·Wᵀ`, `∂L/∂W += Xᵀ·P`, `∂L/∂b += Σ_rows P` with `P = U` or `U ⊙ r′` (a
    /// first contribution is written with `β = 0`, not added to a zero-filled buffer).
    fn backward(&self, chain: &mut Backward<'_, T>) {
        let Some(rectifier) = self.rectifier else {
            return self.backward_from(chain, chain.upstream());
        };
        let (u, y) = (chain.upstream(), chain.output());
        let mut p = chain.scratch(u.dim());
        // `0 + u·r′`: the bits of the unfused chain rule, which adds into a zeroed buffer.
        Zip::from(&mut p).and(u).and(y).for_each(|p, &u, &y| {
            *p = T::zero() + u * rectifier.derivative_at_output(y);
        });
        self.backward_from(chain, &p);
        chain.recycle(p);
    }

    fn gradient<'t>(&self, chain: &mut Chain<'_, 't, T>) {
        let (u, x, w) = (chain.upstream(), chain.var(self.x), chain.var(self.w));
        let p = match self.rectifier {
            None => u,
            Some(r) => u * constant_map(chain.output(), move |y| r.derivative_at_output(y)),
        };
        chain.add(self.x, || p.matmul_nt(w));
        chain.add(self.w, || x.matmul_tn(p));
        chain.add(self.b, || p.column_sums());
    }
}

impl<T: Float> Affine<T> {
    /// The affine map's chain rule with `P = ∂L/∂(X·W + b)`.
    fn backward_from(&self, chain: &mut Backward<'_, T>, p: &Array2<T>) {
        let (x, w) = (chain.value(self.x), chain.value(self.w));
        if let Some((grad_x, beta)) = chain.product_target(self.x) {
            gemm(T::one(), p.view(), w.t(), beta, grad_x.view_mut());
        }
        if let Some((grad_w, beta)) = chain.product_target(self.w) {
            gemm(T::one(), x.t(), p.view(), beta, grad_w.view_mut());
        }
        if let Some(grad_b) = chain.accumulator(self.b) {
            let mut grad_b = grad_b.row_mut(0);
            for row in p.rows() {
                grad_b.zip_mut_with(&row, |g, &p| *g += p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::Rectifier;
    use crate::autograd::{gradcheck, hessian_vector_check, Tape};

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uniform(5, 3, -2.0, 2.0, 25);
        let w = uniform(3, 4, -2.0, 2.0, 26);
        let b = uniform(1, 4, -2.0, 2.0, 27);
        let inputs = [x, w, b];
        gradcheck(&inputs, |_, v| v[0].affine(v[1], v[2])).assert_below(1e-6);
        hessian_vector_check(&inputs, |_, v| v[0].affine(v[1], v[2])).assert_below(1e-6);
        hessian_vector_check(&inputs, |_, v| v[0].affine(v[1], v[2]).tanh()).assert_below(1e-6);
    }

    #[test]
    fn rectified_gradient_matches_finite_differences() {
        let x = uniform(5, 3, -2.0, 2.0, 31);
        let w = uniform(3, 4, -2.0, 2.0, 32);
        let b = uniform(1, 4, -2.0, 2.0, 33);
        let inputs = [x, w, b];
        for r in [Rectifier::Relu, Rectifier::Leaky(0.2)] {
            gradcheck(&inputs, |_, v| v[0].affine_rectified(v[1], v[2], r)).assert_below(1e-6);
            hessian_vector_check(&inputs, |_, v| {
                v[0].affine_rectified(v[1], v[2], r).square()
            })
            .assert_below(1e-6);
        }
    }

    /// The fused op against `affine` then `relu` / `leaky_relu`, in f32: the value, the
    /// gradients of a loss and a Hessian-vector product agree bit for bit, kinks included
    /// (a zero row of X and zeros in b make pre-activations exactly 0).
    #[test]
    fn rectified_gives_the_bits_of_affine_then_the_activation() {
        let f32s = |a: ndarray::Array2<f64>| a.mapv(|v| v as f32);
        let mut x = f32s(uniform(9, 5, -1.0, 1.0, 34));
        x.row_mut(3).fill(0.0);
        let w = f32s(uniform(5, 37, -1.0, 1.0, 35));
        let mut b = f32s(uniform(1, 37, -1.0, 1.0, 36));
        b.slice_mut(ndarray::s![.., ..5]).fill(0.0);
        let c = f32s(uniform(9, 37, -1.0, 1.0, 37));
        let bits = |a: &ndarray::Array2<f32>| a.mapv(f32::to_bits);
        for r in [Rectifier::Relu, Rectifier::Leaky(0.2)] {
            let run = |fused: bool| {
                let tape = Tape::<f32>::new();
                let (xv, wv, bv) = (tape.variable(&x), tape.variable(&w), tape.variable(&b));
                let y = match (fused, r) {
                    (true, r) => xv.affine_rectified(wv, bv, r),
                    (false, Rectifier::Relu) => xv.affine(wv, bv).relu(),
                    (false, Rectifier::Leaky(slope)) => xv.affine(wv, bv).leaky_relu(slope),
                };
                let loss = (y * tape.constant(&c)).sum();
                let grads = tape.backward(loss);
                let first = [xv, wv, bv].map(|v| grads.wrt(v).unwrap().clone());
                let dx = tape.gradient(y.square().sum(), xv);
                let hessian_vector = tape.backward((dx * tape.constant(&x)).sum());
                let second = [wv, bv].map(|v| hessian_vector.wrt(v).unwrap().clone());
                let value = y.value().clone();
                (value, first, second)
            };
            let (fused, unfused) = (run(true), run(false));
            assert_eq!(bits(&fused.0), bits(&unfused.0), "{r:?}: value");
            for (got, want) in fused.1.iter().zip(&unfused.1) {
                assert_eq!(bits(got), bits(want), "{r:?}: gradient");
            }
            for (got, want) in fused.2.iter().zip(&unfused.2) {
                assert_eq!(bits(got), bits(want), "{r:?}: Hessian-vector product");
            }
        }
    }

    #[test]
    #[should_panic(expected = "affine_rectified: a leaky slope of -0.5 is not ≥ 0")]
    fn a_negative_leaky_slope_is_not_fused() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&ndarray::Array2::zeros((2, 5)));
        let w = tape.constant(&ndarray::Array2::zeros((5, 3)));
        let b = tape.constant(&ndarray::Array2::zeros((1, 3)));
        let _ = x.affine_rectified(w, b, Rectifier::Leaky(-0.5));
    }

    #[test]
    fn equals_matmul_plus_bias() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&uniform(7, 5, -1.0, 1.0, 28));
        let w = tape.constant(&uniform(5, 3, -1.0, 1.0, 29));
        let b = tape.constant(&uniform(1, 3, -1.0, 1.0, 30));
        let fused = x.affine(w, b).value().clone();
        let composed = (x.matmul(w) + b).value().clone();
        // Same sum, different order (the bias first): equal to rounding.
        assert!((fused - composed).iter().all(|d| d.abs() < 1e-15));
    }

    #[test]
    #[should_panic(expected = "affine (bias): shape mismatch: 5×3 and 1×4")]
    fn a_bias_of_the_wrong_width_names_both_shapes() {
        let tape = Tape::<f64>::new();
        let x = tape.constant(&ndarray::Array2::zeros((2, 5)));
        let w = tape.constant(&ndarray::Array2::zeros((5, 3)));
        let _ = x.affine(w, tape.constant(&ndarray::Array2::zeros((1, 4))));
    }
}
