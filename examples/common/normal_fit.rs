//! How closely samples fit a normal `N(μ, σ²)`: the Kolmogorov–Smirnov distance and the errors
//! of five quantiles, in units of σ ([`fit_to_normal`]). The main
//! job (`main_job.rs`) measures its G with it; `tests/main_job.rs` includes this file too.

use adversarial::density::standard_normal_cdf;

/// The probabilities of the quantiles the fit is judged on, and the standard normal's
/// quantiles `Φ⁻¹(p)` at them (to 16 digits).
pub const QUANTILES: [(f64, f64); 5] = [
    (0.005, -2.575_829_303_548_900_4),
    (0.025, -1.959_963_984_540_054),
    (0.5, 0.0),
    (0.975, 1.959_963_984_540_054),
    (0.995, 2.575_829_303_548_900_4),
];

/// How well samples fit `N(mean, std²)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// `sup_x |F_n(x) − Φ((x − μ)/σ)|`.
    pub ks_distance: f64,
    /// For each of [`QUANTILES`]: `(p, (q̂_p − q_p)/σ)`, the sample quantile's error in σ.
    pub quantile_errors: Vec<(f64, f64)>,
}

impl Fit {
    /// The largest `|quantile error|`, in σ.
    pub fn worst_quantile_error(&self) -> f64 {
        self.quantile_errors
            .iter()
            .map(|&(_, e)| e.abs())
            .fold(0.0, f64::max)
    }

    /// `KS 0.0123; quantile errors 0.5% −0.021σ, …`.
    pub fn summary(&self) -> String {
        let quantiles: Vec<String> = (self.quantile_errors.iter())
            .map(|(p, e)| format!("{}% {e:+.3}σ", p * 100.0))
            .collect();
        format!(
            "KS {:.4}; quantile errors {}",
            self.ks_distance,
            quantiles.join(", ")
        )
    }
}

/// The fit of `samples` (finite, at least 2) to `N(mean, std²)`:
///
/// ```text
/// KS = max_i max(i/n − Φ(z₍ᵢ₎), Φ(z₍ᵢ₎) − (i − 1)/n),   z₍ᵢ₎ = (x₍ᵢ₎ − μ)/σ sorted
/// q̂_p = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎),        h = (n − 1)·p  (linear interpolation)
/// ```
///
/// # Panics
/// If there are fewer than 2 samples or one is NaN.
pub fn fit_to_normal(samples: &[f64], mean: f64, std: f64) -> Fit {
    assert!(
        samples.len() >= 2,
        "fit_to_normal: needs at least 2 samples"
    );
    assert!(
        samples.iter().all(|x| x.is_finite()),
        "fit_to_normal: a sample is not finite"
    );
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    let ks_distance = sorted
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let f = standard_normal_cdf((x - mean) / std);
            ((i + 1) as f64 / n - f).max(f - i as f64 / n)
        })
        .fold(0.0, f64::max);
    let quantile = |p: f64| {
        let h = (n - 1.0) * p;
        let (low, fraction) = (h.floor() as usize, h - h.floor());
        let high = (low + 1).min(sorted.len() - 1);
        sorted[low] + fraction * (sorted[high] - sorted[low])
    };
    let quantile_errors = QUANTILES
        .iter()
        .map(|&(p, z)| (p, (quantile(p) - (mean + std * z)) / std))
        .collect();
    Fit {
        ks_distance,
        quantile_errors,
    }
}
