//! The theory's numbers, estimated from the samples a frame shows.
//!
//! ```text
//! JS  ≈ JSD(p̂, q̂),  p̂_b = (reals in bin b)/n, q̂_b = (fakes in bin b)/n   (grid histograms)
//! W₁(u, v) = ∫ |F_u(t) − F_v(t)| dt            (1-D, exact for the empirical distributions)
//! SW₁(u, v) = (1/K) Σ_k W₁(⟨u, θ_k⟩, ⟨v, θ_k⟩),  θ_k = (cos πk/K, sin πk/K)   (2-D, sliced)
//! ```
//! The sliced distance is a lower bound of the 2-D `W₁` (each projection is 1-Lipschitz);
//! the page labels it as such. Notebook: `notebooks-md/04_js_divergence.md` (JS),
//! `05_minimax_value.md` (`V(G, D*) = −log 4 + 2·JSD`).

use adversarial::divergence::js_divergence;

/// Directions of the sliced `W₁`.
pub const SLICES: usize = 16;

/// The exact `W₁` between the empirical distributions of `u` and `v` (any sizes ≥ 1):
/// merge both sorted samples and integrate `|F_u − F_v|` over the gaps between them.
/// `None` if either is empty or holds a NaN.
pub fn wasserstein_1d(u: &[f64], v: &[f64]) -> Option<f64> {
    if u.is_empty() || v.is_empty() || u.iter().chain(v).any(|x| x.is_nan()) {
        return None;
    }
    let sorted = |s: &[f64]| {
        let mut s = s.to_vec();
        s.sort_by(f64::total_cmp);
        s
    };
    let (u, v) = (sorted(u), sorted(v));
    let (nu, nv) = (u.len() as f64, v.len() as f64);
    let (mut i, mut j, mut total) = (0, 0, 0.0);
    let mut at = u[0].min(v[0]);
    while i < u.len() || j < v.len() {
        let next = match (u.get(i), v.get(j)) {
            (Some(&a), Some(&b)) => a.min(b),
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => unreachable!("loop condition"),
        };
        total += (i as f64 / nu - j as f64 / nv).abs() * (next - at);
        at = next;
        while u.get(i) == Some(&next) {
            i += 1;
        }
        while v.get(j) == Some(&next) {
            j += 1;
        }
    }
    Some(total)
}

/// The sliced `W₁` of two planar samples (rows `(x, y)`), over [`SLICES`] directions.
pub fn sliced_wasserstein_2d(u: &[(f64, f64)], v: &[(f64, f64)]) -> Option<f64> {
    let mut total = 0.0;
    for k in 0..SLICES {
        let angle = std::f64::consts::PI * k as f64 / SLICES as f64;
        let (c, s) = (angle.cos(), angle.sin());
        let project = |p: &[(f64, f64)]| p.iter().map(|&(x, y)| c * x + s * y).collect::<Vec<_>>();
        total += wasserstein_1d(&project(u), &project(v))?;
    }
    Some(total / SLICES as f64)
}

/// JSD (nats) of the histograms of `real` and `fake` on `bins` equal bins of `[low, high]`
/// per coordinate (`points` rows of `dimension` numbers; a point outside counts in the edge
/// bin). `None` for no samples or a NaN.
pub fn js_by_histograms(
    real: &[f64],
    fake: &[f64],
    dimension: usize,
    (low, high): (f64, f64),
    bins: usize,
) -> Option<f64> {
    let histogram = |samples: &[f64]| -> Option<Vec<f64>> {
        let n = samples.len() / dimension;
        if n == 0 || samples.iter().any(|x| x.is_nan()) {
            return None;
        }
        let mut counts = vec![0.0; bins.pow(dimension as u32)];
        for point in samples.chunks(dimension) {
            let index = point.iter().fold(0, |index, &x| {
                let b = ((x - low) / (high - low) * bins as f64).floor();
                index * bins + b.clamp(0.0, bins as f64 - 1.0) as usize
            });
            counts[index] += 1.0 / n as f64;
        }
        Some(counts)
    };
    js_divergence(&histogram(real)?, &histogram(fake)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w1_of_equal_sizes_is_the_mean_gap_of_the_order_statistics() {
        // For equal sizes, W₁ = (1/n) Σ |u₍ᵢ₎ − v₍ᵢ₎|.
        let u = [0.3, -1.2, 2.5, 0.0, 4.1];
        let v = [1.0, 0.7, -0.4, 3.3, 2.2];
        let (mut su, mut sv) = (u.to_vec(), v.to_vec());
        su.sort_by(f64::total_cmp);
        sv.sort_by(f64::total_cmp);
        let expected = su.iter().zip(&sv).map(|(a, b)| (a - b).abs()).sum::<f64>() / 5.0;
        assert!((wasserstein_1d(&u, &v).unwrap() - expected).abs() < 1e-12);
        // A shift by c moves every unit of mass by c.
        let shifted: Vec<f64> = u.iter().map(|x| x + 0.75).collect();
        assert!((wasserstein_1d(&u, &shifted).unwrap() - 0.75).abs() < 1e-12);
    }

    #[test]
    fn w1_of_unequal_sizes_matches_moving_the_mass_by_hand() {
        // δ₀ against ½δ₀ + ½δ₂: half of the mass moves by 2.
        assert_eq!(wasserstein_1d(&[0.0], &[0.0, 2.0]), Some(1.0));
        // {0, 1, 2} against {3}: the mass moves 3, 2 and 1, each a third.
        assert!((wasserstein_1d(&[0.0, 1.0, 2.0], &[3.0]).unwrap() - 2.0).abs() < 1e-12);
        assert_eq!(wasserstein_1d(&[], &[1.0]), None);
        assert_eq!(wasserstein_1d(&[f64::NAN], &[1.0]), None);
    }

    #[test]
    fn sliced_w1_of_a_shift_is_its_mean_projection() {
        // Shift by (a, 0): each slice sees |a cos θ_k|; the mean over 16 directions of
        // |cos(πk/16)| is (1/16)·cot(π/32) for this half circle.
        let u: Vec<(f64, f64)> = (0..40)
            .map(|i| (i as f64 * 0.1, (i * 7 % 11) as f64))
            .collect();
        let v: Vec<(f64, f64)> = u.iter().map(|&(x, y)| (x + 0.5, y)).collect();
        let mean_cos = (std::f64::consts::PI / 32.0).tan().recip() / 16.0;
        let got = sliced_wasserstein_2d(&u, &v).unwrap();
        assert!((got - 0.5 * mean_cos).abs() < 1e-12, "{got}");
    }

    #[test]
    fn js_of_histograms_is_ln2_apart_and_0_together() {
        let real = [0.1, 0.2, 0.15];
        let far = [0.9, 0.95, 0.85];
        let ln2 = std::f64::consts::LN_2;
        assert_eq!(js_by_histograms(&real, &far, 1, (0.0, 1.0), 10), Some(ln2));
        assert_eq!(js_by_histograms(&real, &real, 1, (0.0, 1.0), 10), Some(0.0));
        // 2-D: half the fakes share the reals' bin → JS of (1, 0) against (½, ½).
        let real2 = [0.1, 0.1, 0.12, 0.1];
        let fake2 = [0.1, 0.1, 0.9, 0.9];
        // M = (¾, ¼): JS = ½·[ln(4/3)] + ½·[½·ln(2/3) + ½·ln 2].
        let expected = 0.5 * (4.0f64 / 3.0).ln() + 0.25 * ((2.0f64 / 3.0).ln() + 2f64.ln());
        let got = js_by_histograms(&real2, &fake2, 2, (0.0, 1.0), 4).unwrap();
        let direct = js_divergence(&[1.0, 0.0], &[0.5, 0.5]).unwrap();
        assert!(
            (got - direct).abs() < 1e-15 && (got - expected).abs() < 1e-12,
            "{got}"
        );
    }
}
