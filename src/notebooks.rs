//! The notebooks under `notebooks-md/`, compiled only for doctests
//! (`#[cfg(doctest)] mod notebooks;` in `lib.rs`): each markdown file becomes the doc comment
//! of one item, so `cargo test` compiles and runs every ```` ```rust ```` block in it.

/// `notebooks-md/00_autograd.md`: the tape, one neuron with BCE, gradcheck.
#[doc = include_str!("../notebooks-md/00_autograd.md")]
pub struct Autograd;

/// `notebooks-md/01_core_idea.md`: the seed's 核心思想, the alternating game step by step.
#[doc = include_str!("../notebooks-md/01_core_idea.md")]
pub struct CoreIdea;

/// `notebooks-md/02_maximum_likelihood.md`: the seed's 最大似然估计 and KL散度 sections.
#[doc = include_str!("../notebooks-md/02_maximum_likelihood.md")]
pub struct MaximumLikelihood;

/// `notebooks-md/03_kl_divergence.md`: the seed's KL散度 section, the asymmetry of KL, and
/// why `p_G` has no tractable density.
#[doc = include_str!("../notebooks-md/03_kl_divergence.md")]
pub struct KlDivergence;

/// `notebooks-md/04_js_divergence.md`: the seed's JS散度 section, the ln 2 bound, and
/// saturation on disjoint supports.
#[doc = include_str!("../notebooks-md/04_js_divergence.md")]
pub struct JsDivergence;

/// `notebooks-md/05_minimax_value.md`: the seed's 算法推导, finished: `D*` and
/// `V(G, D*) = −log 4 + 2·JSD`.
#[doc = include_str!("../notebooks-md/05_minimax_value.md")]
pub struct MinimaxValue;

/// `notebooks-md/05b_vanishing_gradients.md`: the generator's gradient against `D*` under the
/// minimax and the non-saturating loss.
#[doc = include_str!("../notebooks-md/05b_vanishing_gradients.md")]
pub struct VanishingGradients;

/// `notebooks-md/06_mode_collapse.md`: mode collapse, the ring and grid benchmark, its scores.
#[doc = include_str!("../notebooks-md/06_mode_collapse.md")]
pub struct ModeCollapse;

/// `notebooks-md/07_wasserstein.md`: the seed's closing remark on disjoint supports, followed to
/// the Wasserstein distance, its dual and the critic.
#[doc = include_str!("../notebooks-md/07_wasserstein.md")]
pub struct Wasserstein;

/// `notebooks-md/08_the_game.md`: zero-sum and the Nash equilibrium, gradient play on `x·y`,
/// what Goodfellow et al. (2014) assume, the 1-D GAN's oscillation, mode collapse as dynamics,
/// and the maximum-likelihood generator cost.
#[doc = include_str!("../notebooks-md/08_the_game.md")]
pub struct TheGame;

/// `notebooks-md/09_your_own_network.md`: a residual generator of one's own through
/// `Gan::from_networks`, swapping the objective, and an objective of one's own.
#[doc = include_str!("../notebooks-md/09_your_own_network.md")]
pub struct YourOwnNetwork;
