//! Small layout rules shared by the figures: axis padding, tick labels, where the legend goes.

use std::ops::Range;

use plotters::chart::SeriesLabelPosition;

use super::LegendPosition;

/// \[min, max\] of `values` widened by `fraction` of its span on each side; a single value v
/// gets v ± max(|v|/10, ½) so that the axis is never empty. The ends stay within ±`f64::MAX`,
/// and where the padded span would overflow the data's own \[min, max\] is used, so a finite
/// span of the values (the caller checks it) gives a finite span of the axis.
pub(super) fn padded(values: &[f64], fraction: f64) -> Range<f64> {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = high - low;
    let (start, end) = if span > 0.0 {
        (low - fraction * span, high + fraction * span)
    } else {
        let half = (low.abs() / 10.0).max(0.5);
        (low - half, high + half)
    };
    let (start, end) = (start.max(-f64::MAX), end.min(f64::MAX));
    if (end - start).is_finite() {
        start..end
    } else {
        low..high
    }
}

/// A tick label with no needless digits: `200`, `0.25`, `-1.5`, `0.001`; scientific
/// (`1e-5`, `2.5e6`) below 10⁻⁴ and from 10⁶ on in magnitude.
pub(super) fn tick_label(value: &f64) -> String {
    let value = *value;
    if value == 0.0 {
        return "0".into();
    }
    if value.abs() < 1e-4 || value.abs() >= 1e6 {
        let text = format!("{value:.3e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        return format!("{}e{exponent}", trim_zeros(mantissa));
    }
    trim_zeros(&format!("{value:.6}")).into()
}

/// `"2.500000"` → `"2.5"`, `"200.000000"` → `"200"`, `"-0.000000"` → `"0"`.
fn trim_zeros(text: &str) -> &str {
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0"
    } else {
        trimmed
    }
}

/// The corner whose legend-sized box (40 % of the plot's width, 30 % of its height) holds the
/// fewest of `points`, given as fractions of the plotting area (0 = left/bottom, 1 = right/top).
/// Ties go to the first of upper right, upper left, lower right, lower left.
pub(super) fn emptiest_corner(points: impl IntoIterator<Item = (f64, f64)>) -> LegendPosition {
    const WIDTH: f64 = 0.4;
    const HEIGHT: f64 = 0.3;
    let corners = [
        LegendPosition::UpperRight,
        LegendPosition::UpperLeft,
        LegendPosition::LowerRight,
        LegendPosition::LowerLeft,
    ];
    let mut counts = [0usize; 4];
    for (x, y) in points {
        let (left, right) = (x <= WIDTH, x >= 1.0 - WIDTH);
        let (bottom, top) = (y <= HEIGHT, y >= 1.0 - HEIGHT);
        for (count, inside) in
            counts
                .iter_mut()
                .zip([right && top, left && top, right && bottom, left && bottom])
        {
            *count += usize::from(inside);
        }
    }
    let emptiest = (0..4).min_by_key(|&corner| counts[corner]).unwrap_or(0);
    corners[emptiest]
}

/// The points of a polyline and three evenly spaced points inside each of its segments, so that
/// a long straight segment through a corner counts there too.
pub(super) fn densified(points: &[(f64, f64)]) -> impl Iterator<Item = (f64, f64)> + '_ {
    let inner = points.windows(2).flat_map(|pair| {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        (1..4).map(move |k| {
            let t = f64::from(k) / 4.0;
            (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
        })
    });
    points.iter().copied().chain(inner)
}

/// plotters' name for a legend corner ([`LegendPosition::Best`] must be resolved first; it
/// falls back to the upper right).
pub(super) fn series_label_position(corner: LegendPosition) -> SeriesLabelPosition {
    match corner {
        LegendPosition::UpperLeft => SeriesLabelPosition::UpperLeft,
        LegendPosition::Best | LegendPosition::UpperRight => SeriesLabelPosition::UpperRight,
        LegendPosition::LowerLeft => SeriesLabelPosition::LowerLeft,
        LegendPosition::LowerRight => SeriesLabelPosition::LowerRight,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_adds_the_fraction_of_the_span_and_widens_a_single_value() {
        assert_eq!(padded(&[1.0, 3.0, 2.0], 0.05), 0.9..3.1);
        assert_eq!(padded(&[4.0], 0.05), 3.5..4.5);
        assert_eq!(padded(&[-20.0, -20.0], 0.0), -22.0..-18.0);
    }

    #[test]
    fn tick_labels_drop_needless_digits() {
        let cases = [
            (0.0, "0"),
            (200.0, "200"),
            (0.25, "0.25"),
            (-1.5, "-1.5"),
            (0.1 + 0.2, "0.3"),
            (0.001, "0.001"),
            (-1e-9, "-1e-9"),
            (0.000025, "2.5e-5"),
            (2.5e6, "2.5e6"),
            (999_999.0, "999999"),
        ];
        for (value, label) in cases {
            assert_eq!(tick_label(&value), label, "{value}");
        }
    }

    #[test]
    fn the_legend_goes_to_the_corner_without_data() {
        // A rising curve fills the lower left and upper right.
        let rising: Vec<(f64, f64)> = (0..=10)
            .map(|i| (f64::from(i) / 10.0, f64::from(i) / 10.0))
            .collect();
        assert_eq!(
            emptiest_corner(rising.iter().copied()),
            LegendPosition::UpperLeft
        );
        // A falling one: the upper left and lower right are taken.
        let falling = rising.iter().map(|&(x, y)| (x, 1.0 - y));
        assert_eq!(emptiest_corner(falling), LegendPosition::UpperRight);
        // A curve along the top leaves both lower corners; lower right wins the tie.
        assert_eq!(
            emptiest_corner([(0.1, 0.9), (0.9, 0.9)]),
            LegendPosition::LowerRight
        );
    }

    #[test]
    fn densifying_adds_three_points_per_segment() {
        let points: Vec<_> = densified(&[(0.0, 0.0), (4.0, 8.0)]).collect();
        assert_eq!(
            points,
            [(0.0, 0.0), (4.0, 8.0), (1.0, 2.0), (2.0, 4.0), (3.0, 6.0)]
        );
    }
}
