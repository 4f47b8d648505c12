//! The average of G's parameters that samples are drawn with (`GanConfig::generator_average`).
//!
//! ```text
//! θ̄_G ← θ̄_G + (1 − β)·(θ_G − θ̄_G)     after every generator update,   θ̄_G = θ_G at the start
//! ```
//! the exponential moving average of Yazıcı et al. (2019), "The unusual effectiveness of
//! averaging in GAN training" (ICLR): the iterates of a GAN's gradient play circle around the
//! equilibrium instead of settling on it (notebook 08), and their average is closer to it than
//! any one of them. D trains against the live `θ_G`, as the game needs; [`Gan::sample`],
//! [`Gan::generate`] and the checkpoints use `θ̄_G`. The weight of an update `t` steps back is
//! `(1 − β)·β^t`, so `β = 0.999` averages over the last ≈ 1,000 updates. `θ̄_G` is kept in
//! `f64`: in `f32` an increment `(1 − β)·(θ − θ̄)` below half an ulp of `θ̄` is lost, and
//! the average of a weight near 4 stops following it once it is within ~2·10⁻⁴. Notebook 08 §2
//! shows why it helps; the README's "The main job", what it does to the 1-D fit.

use super::Gan;
use crate::nn::{Network, ParamStore};
use crate::Float;
use ndarray::Array2;
use std::borrow::Cow;

impl<T: Float, G: Network<T>, D: Network<T>> Gan<T, G, D> {
    /// `θ̄_G` as it starts: a copy of G's parameters if the configuration averages them (at
    /// construction, again at the first training step, so edits made before it count, and
    /// after a checkpoint is loaded).
    pub(super) fn start_generator_average(&mut self) {
        self.generator_average = self.config.generator_average.map(|_| {
            (self.generator_ids.iter())
                .map(|&id| self.params.get(id).mapv(|x| x.as_f64()))
                .collect::<Vec<Array2<f64>>>()
        });
    }

    /// `θ̄_G ← θ̄_G + (1 − β)·(θ_G − θ̄_G)` (module docs), in place; nothing without averaging.
    pub(super) fn update_generator_average(&mut self) {
        let (Some(average), Some(beta)) =
            (&mut self.generator_average, self.config.generator_average)
        else {
            return;
        };
        let rate = 1.0 - beta;
        for (mean, &id) in average.iter_mut().zip(&self.generator_ids) {
            mean.zip_mut_with(self.params.get(id), |m, &theta| {
                *m += rate * (theta.as_f64() - *m);
            });
        }
    }

    /// The parameters G samples with: the trained ones with `θ_G` replaced by the average
    /// `θ̄_G` if [`GanConfig::generator_average`](super::GanConfig::generator_average) is set
    /// (a copy), else the trained ones themselves.
    pub fn sampling_params(&self) -> Cow<'_, ParamStore<T>> {
        match &self.generator_average {
            None => Cow::Borrowed(&self.params),
            Some(average) => {
                let mut params = self.params.clone();
                for (mean, &id) in average.iter().zip(&self.generator_ids) {
                    params
                        .get_mut(id)
                        .zip_mut_with(mean, |p, &m| *p = T::lit(m));
                }
                Cow::Owned(params)
            }
        }
    }
}
