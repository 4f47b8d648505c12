//! D's verdict over a 2-D data set's frame as a heat-map, shared by `gan_2d` and the figures
//! of notebooks 06 and 07: the probability `D(x)` for the sigmoid losses, a critic's raw
//! score `s(x)` rescaled to [0, 1] over the frame (the colour bar says from what range).

use adversarial::datasets::GaussianMixture2d;
use adversarial::gan::{Gan, Score};
use adversarial::plot::Heatmap;

use super::statistics::significant;

/// `D(x)` or the rescaled `s(x)` on a `cells × cells` grid over `data`'s frame, for a GAN
/// trained on `data` divided by its extent (`gan_2d`'s unit extent).
///
/// # Errors
/// None in practice: the grid has `cells²` points by construction.
pub fn heatmap(gan: &Gan<f32>, data: &GaussianMixture2d, cells: usize) -> super::Result<Heatmap> {
    let frame = data.frame();
    let points = Heatmap::grid_points::<f32>(frame, frame, cells, cells);
    let mut d = gan.discriminate((points / data.extent() as f32).view());
    let mut label = "D(x)".to_owned();
    if gan.objective().score() == Score::Raw {
        let (lo, hi) = d
            .iter()
            .fold((f32::MAX, f32::MIN), |(l, h), &v| (l.min(v), h.max(v)));
        d.mapv_inplace(|v| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 });
        let (lo, hi) = (significant(lo.into()), significant(hi.into()));
        label = format!("critic score s(x), rescaled: 0 = {lo}, 1 = {hi}");
    }
    let values = d.into_shape_with_order((cells, cells))?;
    Ok(Heatmap::new(frame, frame, values.view()).label(label))
}
