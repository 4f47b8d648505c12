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

/// `notebooks-md/06_mode_collapse.md`: mode collapse, the ring and grid benchmark, its scores.
#[doc = include_str!("../notebooks-md/06_mode_collapse.md")]
pub struct ModeCollapse;
