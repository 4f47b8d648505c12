//! The GAN objective: what D minimises, what G minimises, and what D's output means.
//!
//! An [`Objective`] turns the discriminator's scores `s = D(x)` (B × 1, the network's raw
//! output) on a real and a fake batch into the two losses. [`GanLoss`] names the built-in
//! ones (each a type of its own below, one file each) and is the choice a [`GanConfig`]
//! and the command line make; a type of one's own that implements [`Objective`] trains
//! through [`Gan::with_objective`](super::Gan::with_objective).
//!
//! | [`GanLoss`] | `L_D` | `L_G` | at the optimal D, G minimises | paper |
//! |---|---|---|---|---|
//! | `minimax` | `−E log σ(s_r) − E log(1 − σ(s_f))` | `E log(1 − σ(s_f))` | `2·JSD(p_data ‖ p_G) − ln 4` | Goodfellow et al. 2014 |
//! | `non-saturating` | the same | `−E log σ(s_f)` | `KL(p_G ‖ p_data) − 2·JSD(p_data ‖ p_G)` | Goodfellow et al. 2014; Arjovsky & Bottou 2017, Thm 2.5 |
//! | `least-squares` | `½E(s_r − 1)² + ½E(s_f + 1)²` | `½E s_f²` | `½·χ²_Pearson(p_data + p_G ‖ 2p_G)` | Mao et al. 2017 |
//! | `hinge` | `E max(0, 1 − s_r) + E max(0, 1 + s_f)` | `−E s_f` | (D estimates) `TV(p_data, p_G)` | Lim & Ye 2017; Miyato et al. 2018 |
//! | `wgan` | `E s_f − E s_r`, weights clipped to `±c` | `−E s_f` | `W₁(p_data, p_G)` (times the clip's Lipschitz constant) | Arjovsky et al. 2017 |
//! | `wgan-gp` | `E s_f − E s_r + λ·E(‖∇ₓ̂ s(x̂)‖₂ − 1)²` | `−E s_f` | `W₁(p_data, p_G)` | Gulrajani et al. 2017 |
//! | `maximum-likelihood` | as minimax | `−½·E exp(s_f)` | `KL(p_data ‖ p_G)` (expected gradient `½∇KL`) | Goodfellow 2014 (distinguishability); NIPS 2016 tutorial §3.2.4 |
//!
//! (`s_r` on real samples, `s_f = s(G(z))`.) For the first two and the last `σ(s)` is a probability
//! (`D(x)`); for the others `s` is a score without a sigmoid (a *critic*), and the logged
//! `d_real`, `d_fake` are the mean raw scores ([`Score`]). Notebooks:
//! `notebooks-md/05_minimax_value.md` (minimax, non-saturating), `notebooks-md/08_the_game.md`
//! (maximum likelihood).
//!
//! [`GanConfig`]: super::GanConfig

mod gan_loss;
mod hinge;
mod least_squares;
mod maximum_likelihood;
mod minimax;
mod non_saturating;
mod wgan;
mod wgan_gp;

pub use gan_loss::{GanLoss, UnknownLoss};
pub use hinge::Hinge;
pub use least_squares::LeastSquares;
pub use maximum_likelihood::MaximumLikelihood;
pub use minimax::Minimax;
pub use non_saturating::NonSaturating;
pub use wgan::Wgan;
pub use wgan_gp::WganGp;

use crate::autograd::Var;
use crate::Float;
use ndarray::ArrayView2;

/// What the discriminator's raw output `s` is, and so what the logged `d_real`, `d_fake`
/// columns of [`StepStats`](super::StepStats) hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    /// A logit: `D(x) = σ(s)` is the probability that `x` is real; the statistics are mean
    /// probabilities (→ ½ at equilibrium).
    Logit,
    /// A critic's score, not a probability; the statistics are mean raw scores, and
    /// `d_real − d_fake` is the batch estimate of `E s(x_real) − E s(G(z))` (the W₁
    /// estimate for a Lipschitz critic).
    Raw,
}

/// The losses' values where `p_G = p_data` and D is optimal, for the dashed lines of a
/// loss plot ([`History::write_loss_curves`](super::History::write_loss_curves)); `None`
/// where the value is not fixed by the equilibrium (e.g. a critic's `−E s_f`, which any
/// constant shifts).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Equilibrium {
    /// `L_D` there.
    pub discriminator_loss: Option<f64>,
    /// `L_G` there.
    pub generator_loss: Option<f64>,
}

/// A GAN objective: the two losses on D's scores, and how D must be kept in check.
///
/// The trainer computes `s_r = D(x_real)`, `s_f = D(G(z))` (B × 1, or B/m × 1 with PacGAN
/// packing) and minimises [`discriminator_loss`](Objective::discriminator_loss) over θ_D
/// (plus the gradient penalty, if any) and [`generator_loss`](Objective::generator_loss)
/// over θ_G. (`Send + Sync`: the step may run on any thread of a rayon pool.)
pub trait Objective<T: Float>: Send + Sync {
    /// `L_D` from the scores on a real and a fake batch (1 × 1).
    fn discriminator_loss<'t>(&self, real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T>;

    /// `L_G` from the scores on a fake batch (1 × 1).
    fn generator_loss<'t>(&self, fake: Var<'t, T>) -> Var<'t, T>;

    /// What a score is.
    fn score(&self) -> Score;

    /// The losses at equilibrium.
    fn equilibrium(&self) -> Equilibrium;

    /// `c`: after each D update every parameter of D is clipped to `[−c, c]` (WGAN).
    fn weight_clip(&self) -> Option<f64> {
        None
    }

    /// `λ`: the trainer adds `λ·E(‖∇ₓ̂ s(x̂)‖₂ − 1)²` to `L_D`, on `x̂ = ε·x_real + (1 − ε)·x_fake`
    /// with one `ε ~ U(0, 1)` per sample (WGAN-GP).
    fn gradient_penalty(&self) -> Option<f64> {
        None
    }
}

/// An objective behind a reference is the objective (so `&dyn Objective<T>` and `GanLoss`
/// pass where an `impl Objective<T>` is asked for).
impl<T: Float, O: Objective<T> + ?Sized> Objective<T> for &O {
    fn discriminator_loss<'t>(&self, real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
        (**self).discriminator_loss(real, fake)
    }
    fn generator_loss<'t>(&self, fake: Var<'t, T>) -> Var<'t, T> {
        (**self).generator_loss(fake)
    }
    fn score(&self) -> Score {
        (**self).score()
    }
    fn equilibrium(&self) -> Equilibrium {
        (**self).equilibrium()
    }
    fn weight_clip(&self) -> Option<f64> {
        (**self).weight_clip()
    }
    fn gradient_penalty(&self) -> Option<f64> {
        (**self).gradient_penalty()
    }
}

/// `s + c` elementwise (`c` a 1 × 1 constant broadcast; no allocation on a warm tape).
pub(crate) fn plus<'t, T: Float>(s: Var<'t, T>, c: f64) -> Var<'t, T> {
    let c = [T::lit(c)];
    let c = ArrayView2::from_shape((1, 1), &c).expect("one element is 1 × 1");
    s + s.tape().constant(c)
}
