//! The lab's data sets `p_data`, each a [`RealData`] source for the crate's `Gan`.
//!
//! ```text
//! 1-D  gaussian  N(4, 1.25²)                        (the main job, datasets::gaussian_1d)
//!      mixture   ½·N(−2, 0.5²) + ½·N(2, 0.5²)       (datasets::mixture_1d)
//! 2-D  gaussian  N((0.5, 0.5), 0.25²·I)
//!      mixture   three modes of σ = 0.12 on a triangle
//!      ring      the 8-mode ring of VEEGAN/PacGAN (σ = 0.01, radius 1)
//!      grid      the 25-mode grid, scaled by ¼ to [−1, 1]² (σ = 0.0125)
//!      drawn     the points drawn on the page, rows drawn uniformly with replacement
//! ```

use crate::settings::{BadRequest, Settings};
use adversarial::datasets::{gaussian_1d, grid, mixture_1d, ring, GaussianMixture2d};
use adversarial::density::{Density, Gaussian, Mixture};
use adversarial::gan::RealData;
use ndarray::Array2;
use std::sync::Arc;

/// One of the lab's data sets.
#[derive(Clone, Debug)]
pub enum LabData {
    /// `N(4, 1.25²)`.
    Gaussian1d(Gaussian),
    /// `½·N(−2, 0.5²) + ½·N(2, 0.5²)`.
    Mixture1d(Mixture<Gaussian>),
    /// An isotropic Gaussian mixture in the plane.
    Planar(GaussianMixture2d),
    /// Drawn points, one per row.
    Points(Arc<Array2<f32>>),
}

impl LabData {
    /// The data set `settings.data` of `settings.dimension`.
    ///
    /// # Errors
    /// A [`BadRequest`] for a name the settings did not check (never, after
    /// [`Settings::from_pairs`]).
    pub fn new(settings: &Settings) -> Result<LabData, BadRequest> {
        let planar = |modes: Vec<(f64, f64)>, sigma| {
            GaussianMixture2d::new(modes, sigma)
                .map(LabData::Planar)
                .map_err(|e| BadRequest::new(e.to_string()))
        };
        match (settings.dimension, settings.data.as_str()) {
            (1, "gaussian") => Ok(LabData::Gaussian1d(gaussian_1d())),
            (1, "mixture") => Ok(LabData::Mixture1d(mixture_1d())),
            (2, "gaussian") => planar(vec![(0.5, 0.5)], 0.25),
            (2, "mixture") => planar(vec![(-0.7, -0.5), (0.7, -0.5), (0.0, 0.75)], 0.12),
            (2, "ring") => Ok(LabData::Planar(ring())),
            (2, "grid") => Ok(LabData::Planar(grid().scaled(0.25))),
            (2, "drawn") => {
                let rows = settings.points.len();
                let flat = settings
                    .points
                    .iter()
                    .flat_map(|&(x, y)| [x as f32, y as f32])
                    .collect();
                let points = Array2::from_shape_vec((rows, 2), flat)
                    .map_err(|e| BadRequest::new(format!("points: {e}")))?;
                Ok(LabData::Points(Arc::new(points)))
            }
            (dimension, data) => Err(BadRequest::new(format!(
                "data = {data:?}: no such {dimension}-D data set"
            ))),
        }
    }

    /// `p_data(x)` of a 1-D data set (`None` in 2-D).
    pub fn pdf(&self, x: f64) -> Option<f64> {
        match self {
            LabData::Gaussian1d(g) => Some(g.pdf(x)),
            LabData::Mixture1d(m) => Some(m.pdf(x)),
            LabData::Planar(_) | LabData::Points(_) => None,
        }
    }

    /// The interval the 1-D view shows (that of `examples/gan_1d.rs` for each data set).
    pub fn range_1d(&self) -> (f64, f64) {
        match self {
            LabData::Mixture1d(_) => (-4.5, 4.5),
            _ => (-1.0, 9.0),
        }
    }
}

impl RealData<f32> for LabData {
    fn dim(&self) -> usize {
        match self {
            LabData::Gaussian1d(_) | LabData::Mixture1d(_) => 1,
            LabData::Planar(_) | LabData::Points(_) => 2,
        }
    }

    fn sample_into(&self, rng: &mut ndarray_rand::rand::rngs::StdRng, batch: &mut Array2<f32>) {
        match self {
            LabData::Gaussian1d(g) => RealData::<f32>::sample_into(g, rng, batch),
            LabData::Mixture1d(m) => RealData::<f32>::sample_into(m, rng, batch),
            LabData::Planar(p) => RealData::<f32>::sample_into(p, rng, batch),
            LabData::Points(p) => RealData::<f32>::sample_into(p.as_ref(), rng, batch),
        }
    }
}
