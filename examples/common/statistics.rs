//! The last logged row of a run, read as its objective means it (`gan_1d`, `gan_2d`,
//! `gan_mnist`): the losses beside their equilibrium values where the objective fixes them
//! ([`GanLoss::equilibrium`]); mean probabilities for the sigmoid losses; for a critic, its
//! mean raw scores and their gap `E s_r − E s_f`.

use adversarial::gan::{GanLoss, HistoryRow};

/// `x` to four decimals, or to four significant digits when smaller than 10⁻³ (a clipped
/// critic's scores are of order 10⁻², their gap smaller).
pub fn significant(x: f64) -> String {
    if x != 0.0 && x.abs() < 1e-3 {
        format!("{x:.3e}")
    } else {
        format!("{x:.4}")
    }
}

/// The last logged row's statistics. For `wgan-gp` the critic's gap estimates `W₁` of the
/// training data, which the example scaled by `1/extent`: `extent ·` gap is in the data's own
/// units (pass 1 for unscaled data); for `wgan` the gap is `K·W₁` for the clipped critic's
/// unknown Lipschitz constant `K`.
pub fn last_statistics(loss: GanLoss, last: &HistoryRow, extent: f64) -> String {
    let equilibrium = loss.equilibrium();
    let with_equilibrium = |value: f64, at: Option<f64>| match at {
        Some(at) => format!("{} (equilibrium {})", significant(value), significant(at)),
        None => significant(value),
    };
    let losses = format!(
        "last logged steps (to {}): L_D {}, L_G {}",
        last.step,
        with_equilibrium(last.d_loss, equilibrium.discriminator_loss),
        with_equilibrium(last.g_loss, equilibrium.generator_loss)
    );
    let gap = last.d_real - last.d_fake;
    let meaning = match loss {
        GanLoss::Minimax | GanLoss::NonSaturating | GanLoss::MaximumLikelihood => {
            return format!(
                "{losses}, mean D(x) {:.3}, mean D(G(z)) {:.3} (probabilities, ½ at equilibrium)",
                last.d_real, last.d_fake
            )
        }
        GanLoss::WganGp => format!(
            "the W₁ estimate: {} in the data's units",
            significant(extent * gap)
        ),
        GanLoss::Wgan => "K·W₁ for the clipped critic's Lipschitz constant K".to_owned(),
        GanLoss::Hinge | GanLoss::LeastSquares => "0 at equilibrium".to_owned(),
    };
    format!(
        "{losses}, mean critic score on real {}, on fake {}, gap {} ({meaning})",
        significant(last.d_real),
        significant(last.d_fake),
        significant(gap)
    )
}
