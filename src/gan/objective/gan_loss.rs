//! [`GanLoss`]: the built-in objectives by name, as a configuration and the command line
//! choose them.

use super::{
    Equilibrium, Hinge, LeastSquares, MaximumLikelihood, Minimax, NonSaturating, Objective, Score,
    Wgan, WganGp,
};
use crate::autograd::Var;
use crate::Float;
use std::fmt;
use std::str::FromStr;

/// Which built-in objective a GAN trains with (each variant is the type of the same name
/// with the paper's constants: `c = 0.01` for [`Wgan`], `λ = 10` for [`WganGp`]).
///
/// Its names (`Display`, `FromStr`) are the command line's: `minimax`, `non-saturating`,
/// `least-squares`, `hinge`, `wgan`, `wgan-gp`, `maximum-likelihood`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GanLoss {
    /// [`Minimax`]: minimise `E log(1 − D(G(z)))`, the game of Goodfellow et al. (2014).
    Minimax,
    /// [`NonSaturating`]: minimise `−E log D(G(z))`; same fixed point, strong gradients early.
    NonSaturating,
    /// [`LeastSquares`]: LSGAN (Mao et al. 2017).
    LeastSquares,
    /// [`Hinge`]: Lim & Ye (2017), Miyato et al. (2018).
    Hinge,
    /// [`Wgan`]: weight-clipped Wasserstein critic (Arjovsky et al. 2017).
    Wgan,
    /// [`WganGp`]: gradient-penalised Wasserstein critic (Gulrajani et al. 2017).
    WganGp,
    /// [`MaximumLikelihood`]: minimise `−½·E exp(s_f)`; at the optimal D its expected
    /// gradient is that of `KL(p_data ‖ p_G)` (Goodfellow 2016, NIPS tutorial §3.2.4).
    MaximumLikelihood,
}

impl GanLoss {
    /// Every built-in objective, in the order of the module's table.
    pub const ALL: [GanLoss; 7] = [
        GanLoss::Minimax,
        GanLoss::NonSaturating,
        GanLoss::LeastSquares,
        GanLoss::Hinge,
        GanLoss::Wgan,
        GanLoss::WganGp,
        GanLoss::MaximumLikelihood,
    ];

    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            GanLoss::Minimax => "minimax",
            GanLoss::NonSaturating => "non-saturating",
            GanLoss::LeastSquares => "least-squares",
            GanLoss::Hinge => "hinge",
            GanLoss::Wgan => "wgan",
            GanLoss::WganGp => "wgan-gp",
            GanLoss::MaximumLikelihood => "maximum-likelihood",
        }
    }

    /// The losses at equilibrium (as [`Objective::equilibrium`], without naming a scalar type).
    pub fn equilibrium(self) -> Equilibrium {
        Objective::<f64>::equilibrium(&self)
    }

    /// The objective as a trait object.
    fn objective<T: Float>(self) -> &'static dyn Objective<T> {
        match self {
            GanLoss::Minimax => &Minimax,
            GanLoss::NonSaturating => &NonSaturating,
            GanLoss::LeastSquares => &LeastSquares,
            GanLoss::Hinge => &Hinge,
            GanLoss::Wgan => &Wgan::PAPER,
            GanLoss::WganGp => &WganGp::PAPER,
            GanLoss::MaximumLikelihood => &MaximumLikelihood,
        }
    }
}

impl<T: Float> Objective<T> for GanLoss {
    fn discriminator_loss<'t>(&self, real: Var<'t, T>, fake: Var<'t, T>) -> Var<'t, T> {
        self.objective().discriminator_loss(real, fake)
    }
    fn generator_loss<'t>(&self, fake: Var<'t, T>) -> Var<'t, T> {
        self.objective().generator_loss(fake)
    }
    fn score(&self) -> Score {
        self.objective::<T>().score()
    }
    fn equilibrium(&self) -> Equilibrium {
        self.objective::<T>().equilibrium()
    }
    fn weight_clip(&self) -> Option<f64> {
        self.objective::<T>().weight_clip()
    }
    fn gradient_penalty(&self) -> Option<f64> {
        self.objective::<T>().gradient_penalty()
    }
}

impl From<GanLoss> for Equilibrium {
    fn from(loss: GanLoss) -> Self {
        loss.equilibrium()
    }
}

impl fmt::Display for GanLoss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not one of [`GanLoss`]'s.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown loss `{name}`: expected one of minimax, non-saturating, least-squares, hinge, wgan, wgan-gp, maximum-likelihood")]
pub struct UnknownLoss {
    /// The name given.
    pub name: String,
}

impl FromStr for GanLoss {
    type Err = UnknownLoss;

    /// The objective called `name` (exactly its [`Display`](fmt::Display) form).
    fn from_str(name: &str) -> Result<Self, UnknownLoss> {
        GanLoss::ALL
            .into_iter()
            .find(|loss| loss.name() == name)
            .ok_or_else(|| UnknownLoss { name: name.into() })
    }
}
