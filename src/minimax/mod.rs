//! The GAN value function and its optimum: the seed's 算法推导 as numbers.
//!
//! ```text
//! V(G, D)    = E_{x∼p_data}[ln D(x)] + E_{x∼p_G}[ln(1 − D(x))]
//!            = ∫ [p_data(x)·ln D(x) + p_G(x)·ln(1 − D(x))] dx
//! D*(x)      = p_data(x) / (p_data(x) + p_G(x))          (pointwise argmax of the integrand)
//!            = σ(ℓ*(x)),   ℓ*(x) = ln p_data(x) − ln p_G(x)   (its logit)
//! V(G, D*)   = −ln 4 + 2·JSD(p_data ‖ p_G)                (≥ −ln 4, = −ln 4 iff p_G = p_data)
//! ```
//! Given G the discriminator maximises `V`; the generator then minimises `max_D V`, i.e. the
//! JS divergence, which is why a generator far from the data gets no gradient through the
//! minimax term ([`vanishing_gradient_study`]). Notebooks: `notebooks-md/05_minimax_value.md`,
//! `notebooks-md/05b_vanishing_gradients.md` (JS side: `notebooks-md/04_js_divergence.md`).
//!
//! Gradient play on the bilinear game `V(x, y) = x·y` (simultaneous and alternating steps,
//! [`simultaneous_play`], [`alternating_play`]): `notebooks-md/08_the_game.md`.
//!
//! Densities and discriminators are given by their values on a [`Grid`](crate::divergence::Grid)
//! and integrated with Simpson's rule.

mod dynamics;
mod error;
mod value;
mod vanishing_gradient;

pub use dynamics::{
    alternating_invariant, alternating_play, bilinear_value, gradient_flow, simultaneous_play,
};
pub use error::MinimaxError;
pub use value::{
    optimal_discriminator, optimal_discriminator_logit, value_at_optimum, value_function,
    value_function_logit,
};
pub use vanishing_gradient::{vanishing_gradient_study, StudyPoint, MAX_SEPARATION};
