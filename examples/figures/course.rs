//! The pictures of notebooks 00–06: the tape and the seed's four pictures as diagrams of our
//! own (boxes and arrows drawn by `plot::diagram`), and plots of what each notebook computes,
//! recomputed here with the crate's functions and the notebooks' seeds. All but 01's and 06's
//! are closed forms and quadratures (milliseconds each); 01's train the 1-D GAN of the
//! notebook (seconds), 06's train the ring GANs of `examples/gan_2d/` (about a minute each)
//! and two digits GANs of `examples/gan_digits.rs` (about a minute for both).

mod autograd;
pub mod collapse;
mod core_idea;
mod divergences;
mod likelihood;
mod minimax;
mod pieces;

use crate::common;
use crate::figure::Figure;
use std::path::Path;

/// This group's pictures, in notebook order.
pub fn figures() -> Vec<Figure> {
    vec![
        figure("notebooks-md/figures/00_tape.png", autograd::tape),
        figure("notebooks-md/figures/00_gradcheck.png", autograd::gradcheck),
        figure("notebooks-md/figures/01_pipeline.png", core_idea::pipeline),
        figure(
            "notebooks-md/figures/01_training_d.png",
            core_idea::training_d,
        ),
        figure(
            "notebooks-md/figures/01_training_g.png",
            core_idea::training_g,
        ),
        figure(
            "notebooks-md/figures/01_loss_curves.png",
            core_idea::loss_curves,
        ),
        figure("notebooks-md/figures/01_spread.png", core_idea::spread),
        figure(
            "notebooks-md/figures/02_underflow.png",
            likelihood::underflow,
        ),
        figure(
            "notebooks-md/figures/02_likelihood_surfaces.png",
            likelihood::surfaces,
        ),
        figure(
            "notebooks-md/figures/03_kl_asymmetry.png",
            divergences::kl_asymmetry,
        ),
        figure(
            "notebooks-md/figures/03_prior_to_p_g.png",
            divergences::prior_to_p_g,
        ),
        figure(
            "notebooks-md/figures/03_p_g_from_samples.png",
            divergences::p_g_from_samples,
        ),
        figure(
            "notebooks-md/figures/04_js_saturation.png",
            divergences::js_saturation,
        ),
        figure(
            "notebooks-md/figures/04_js_and_kl.png",
            divergences::js_and_kl,
        ),
        figure(
            "notebooks-md/figures/05_optimal_discriminator.png",
            minimax::optimal_discriminator_figure,
        ),
        figure(
            "notebooks-md/figures/05_value_vs_separation.png",
            minimax::value_vs_separation,
        ),
        figure(
            "notebooks-md/figures/05b_vanishing_gradient.png",
            minimax::vanishing_gradient,
        ),
        figure(
            "notebooks-md/figures/06_ring_minimax_seed1.png",
            collapse::ring_minimax_seed1,
        ),
        figure(
            "notebooks-md/figures/06_ring_seed4.png",
            collapse::ring_seed4,
        ),
        figure(
            "notebooks-md/figures/06_ring_pack4_seed4.png",
            collapse::ring_pack4_seed4,
        ),
        figure(
            "notebooks-md/figures/06_digits_pieces.png",
            pieces::digits_from_pieces,
        ),
    ]
}

fn figure(path: &'static str, render: fn(&Path) -> common::Result) -> Figure {
    Figure { path, render }
}
