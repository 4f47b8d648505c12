//! [`Prior`]: the distribution `p_z` of the generator's input noise, drawing from it, and its
//! record in a checkpoint. Notebook: `notebooks-md/06_mode_collapse.md` (why a latent in
//! separate pieces helps on digits).

use crate::Float;
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, Rng};
use rand_distr::{Distribution, StandardNormal};
use serde_json::{Map, Value};

/// The distribution `p_z` of the generator's input noise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Prior {
    /// `z ~ N(0, I)`.
    Normal,
    /// `z ~ U(−1, 1)` in each coordinate.
    Uniform,
    /// A latent in `K` separate pieces: `z = (s·e_c, n)`, a category `c ~ U{0, …, K − 1}`
    /// one-hot in the first `K = categories` coordinates and scaled by `s = scale`, then
    /// `n ~ N(0, I)` in the other `noise_size − K`:
    ///
    /// ```text
    /// p_z = (1/K) · Σ_c N((s·e_c, 0), diag(0_K, I)),    E[z] = (s/K, …, s/K, 0, …, 0)
    /// ```
    ///
    /// Why: G is continuous, so it maps a connected latent such as `N(0, I)` onto a connected
    /// set of images. Data on `K` separate manifolds (ten digit classes) then forces some of
    /// G's mass onto the paths between them, images that are no digit (Khayatkhoei, Singh &
    /// Elgammal 2018, "Disconnected manifold learning for GANs"). With `K` pieces, each can
    /// land on a manifold of its own. It is InfoGAN's categorical code (Chen et al. 2016)
    /// without InfoGAN's information term: G never sees a label, and nothing ties a category
    /// to a class.
    CategoricalNormal {
        /// `K ≥ 2`, at most `noise_size`.
        categories: usize,
        /// `s > 0`: how far apart the pieces sit (the normal part has standard deviation 1).
        scale: f64,
    },
}

impl Prior {
    /// Whether this prior fits noise of `noise_size` coordinates.
    ///
    /// # Errors
    /// A sentence naming what is wrong: `K < 2`, `K > noise_size`, or `s` not finite and
    /// positive.
    pub fn validate(self, noise_size: usize) -> Result<(), String> {
        match self {
            Prior::Normal | Prior::Uniform => Ok(()),
            Prior::CategoricalNormal { categories, scale } => {
                if categories < 2 {
                    Err(format!(
                        "K = {categories} categories: at least 2 make pieces"
                    ))
                } else if categories > noise_size {
                    Err(format!(
                        "K = {categories} categories do not fit noise_size = {noise_size}"
                    ))
                } else if !(scale.is_finite() && scale > 0.0) {
                    Err(format!("scale s = {scale} must be finite and positive"))
                } else {
                    Ok(())
                }
            }
        }
    }

    /// Fills `noise` (n × noise size) with `n` draws of `z ~ p_z`, row by row, each
    /// coordinate drawn in `f64` and rounded to `T`. A categorical draw takes `c` first,
    /// then the normal coordinates.
    pub(super) fn fill<T: Float>(self, rng: &mut StdRng, noise: &mut Array2<T>) {
        match self {
            Prior::Normal => noise
                .iter_mut()
                .for_each(|z| *z = T::lit(StandardNormal.sample(rng))),
            Prior::Uniform => noise
                .iter_mut()
                .for_each(|z| *z = T::lit(rng.random_range(-1.0..1.0))),
            Prior::CategoricalNormal { categories, scale } => {
                for mut row in noise.rows_mut() {
                    let category = rng.random_range(0..categories);
                    for (j, z) in row.iter_mut().enumerate() {
                        *z = T::lit(match j {
                            j if j == category => scale,
                            j if j < categories => 0.0,
                            _ => StandardNormal.sample(rng),
                        });
                    }
                }
            }
        }
    }

    /// The checkpoint's record: `"prior"` is `"normal"`, `"uniform"` or
    /// `"categorical-normal"`, the last with `"prior_categories"` and `"prior_scale"`.
    pub(super) fn write_json(self, json: &mut Map<String, Value>) {
        let name = match self {
            Prior::Normal => "normal",
            Prior::Uniform => "uniform",
            Prior::CategoricalNormal { categories, scale } => {
                json.insert("prior_categories".into(), categories.into());
                json.insert("prior_scale".into(), scale.into());
                "categorical-normal"
            }
        };
        json.insert("prior".into(), name.into());
    }

    /// The prior [`write_json`](Prior::write_json) recorded (absent: normal, as in a file
    /// PyTorch wrote without it), checked against the generator's `noise_size`.
    ///
    /// # Errors
    /// A sentence saying which key is missing or wrong.
    pub(super) fn read_json(json: &Map<String, Value>, noise_size: usize) -> Result<Self, String> {
        let prior = match json.get("prior") {
            None => Prior::Normal,
            Some(Value::String(p)) if p == "normal" => Prior::Normal,
            Some(Value::String(p)) if p == "uniform" => Prior::Uniform,
            Some(Value::String(p)) if p == "categorical-normal" => {
                let categories = json.get("prior_categories").and_then(Value::as_u64);
                let scale = json.get("prior_scale").and_then(Value::as_f64);
                match (categories, scale) {
                    (Some(categories), Some(scale)) => Prior::CategoricalNormal {
                        categories: usize::try_from(categories).unwrap_or(usize::MAX),
                        scale,
                    },
                    _ => {
                        return Err("a \"categorical-normal\" prior needs a whole number \
                                    `prior_categories` and a number `prior_scale`"
                            .into())
                    }
                }
            }
            Some(other) => {
                return Err(format!(
                    "`prior` must be \"normal\", \"uniform\" or \"categorical-normal\", got {other}"
                ))
            }
        };
        prior.validate(noise_size).map(|()| prior)
    }
}

#[cfg(test)]
mod tests {
    use super::Prior;
    use ndarray::{s, Array2, Axis};
    use ndarray_rand::rand::{rngs::StdRng, SeedableRng};

    const PIECES: Prior = Prior::CategoricalNormal {
        categories: 4,
        scale: 3.0,
    };

    #[test]
    fn a_categorical_draw_is_one_scaled_one_hot_then_normals() {
        let n = 40_000;
        let mut z = Array2::<f64>::zeros((n, 10));
        PIECES.fill(&mut StdRng::seed_from_u64(7), &mut z);
        let code = z.slice(s![.., ..4]);
        for row in code.rows() {
            let hot: Vec<f64> = row.iter().copied().filter(|&v| v != 0.0).collect();
            assert_eq!(hot, [3.0], "one coordinate of the code is s, the others 0");
        }
        // E[z_j] = s/K on the code: each category has probability 1/K. Binomial standard
        // error of a share: sqrt(p(1 − p)/n) ≈ 0.0022; 5 of them.
        for mean in code.mean_axis(Axis(0)).unwrap() {
            assert!((mean / 3.0 - 0.25).abs() < 0.011, "share {}", mean / 3.0);
        }
        // The normal part: mean 0, variance 1 (standard errors 0.002 and 0.0029 per column).
        let normal = z.slice(s![.., 4..]);
        for (mean, var) in normal
            .mean_axis(Axis(0))
            .unwrap()
            .iter()
            .zip(normal.var_axis(Axis(0), 1.0))
        {
            assert!(
                mean.abs() < 0.015 && (var - 1.0).abs() < 0.02,
                "{mean} {var}"
            );
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_draws() {
        let draw = |seed| {
            let mut z = Array2::<f32>::zeros((5, 6));
            PIECES.fill(&mut StdRng::seed_from_u64(seed), &mut z);
            z
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
    }

    #[test]
    fn bad_pieces_are_named() {
        let pieces = |categories, scale| Prior::CategoricalNormal { categories, scale };
        assert!(pieces(1, 3.0)
            .validate(8)
            .unwrap_err()
            .contains("at least 2"));
        assert!(pieces(9, 3.0)
            .validate(8)
            .unwrap_err()
            .contains("noise_size = 8"));
        for scale in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(pieces(4, scale).validate(8).unwrap_err().contains("scale"));
        }
        assert_eq!(pieces(8, 3.0).validate(8), Ok(()));
    }

    #[test]
    fn the_checkpoint_record_reads_back() {
        for prior in [Prior::Normal, Prior::Uniform, PIECES] {
            let mut json = serde_json::Map::new();
            prior.write_json(&mut json);
            assert_eq!(Prior::read_json(&json, 10), Ok(prior));
        }
        let mut json = serde_json::Map::new();
        PIECES.write_json(&mut json);
        assert!(Prior::read_json(&json, 3)
            .unwrap_err()
            .contains("noise_size = 3"));
        json.remove("prior_scale");
        assert!(Prior::read_json(&json, 10)
            .unwrap_err()
            .contains("prior_scale"));
        json.insert("prior".into(), "cauchy".into());
        assert!(Prior::read_json(&json, 10).unwrap_err().contains("cauchy"));
    }
}
