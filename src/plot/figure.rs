//! What a line figure shows: its curves, reference lines, axes and legend, built by chaining.

use std::ops::Range;
use std::path::Path;

use super::axes::padded;
use super::{Colour, PlotError};

/// How a curve is stroked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum LineStyle {
    /// A continuous line.
    #[default]
    Solid,
    /// Dashes (8 px on, 5 px off), e.g. for a theoretical curve beside a measured one.
    Dashed,
}

/// Which corner of the plotting area holds the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LegendPosition {
    /// The corner where the legend covers the fewest points of the curves (the default).
    #[default]
    Best,
    /// Top left.
    UpperLeft,
    /// Top right.
    UpperRight,
    /// Bottom left.
    LowerLeft,
    /// Bottom right.
    LowerRight,
}

/// One named curve: points (x, y) joined in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub(super) name: String,
    pub(super) points: Vec<(f64, f64)>,
    pub(super) colour: Option<Colour>,
    pub(super) style: LineStyle,
}

impl Series {
    /// A solid curve named `name` (its legend entry) through `points`, coloured from
    /// [`Colour::PALETTE`] by its position in the figure unless [`Series::colour`] sets one.
    pub fn new(name: impl Into<String>, points: impl IntoIterator<Item = (f64, f64)>) -> Self {
        Self {
            name: name.into(),
            points: points.into_iter().collect(),
            colour: None,
            style: LineStyle::Solid,
        }
    }

    /// This series drawn in `colour`.
    #[must_use]
    pub fn colour(mut self, colour: Colour) -> Self {
        self.colour = Some(colour);
        self
    }

    /// This series drawn dashed.
    #[must_use]
    pub fn dashed(mut self) -> Self {
        self.style = LineStyle::Dashed;
        self
    }
}

/// A dashed horizontal line y = `y` across the whole plot, listed in the legend as
/// "`label` = y" (y to three decimals).
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceLine {
    pub(super) label: String,
    pub(super) y: f64,
    pub(super) colour: Colour,
}

impl ReferenceLine {
    /// The line y = `y`, labelled `label`, in [`Colour::GREY`].
    pub fn new(label: impl Into<String>, y: f64) -> Self {
        Self {
            label: label.into(),
            y,
            colour: Colour::GREY,
        }
    }

    /// This line drawn in `colour`.
    #[must_use]
    pub fn colour(mut self, colour: Colour) -> Self {
        self.colour = colour;
        self
    }
}

/// A figure of several curves on one pair of axes: build it with [`LineFigure::new`] and the
/// chained setters, draw it with [`line_plot`](super::line_plot).
#[derive(Debug, Clone, PartialEq)]
pub struct LineFigure {
    pub(super) title: String,
    pub(super) x_label: String,
    pub(super) y_label: String,
    pub(super) series: Vec<Series>,
    pub(super) references: Vec<ReferenceLine>,
    pub(super) log_y: bool,
    pub(super) y_range: Option<(f64, f64)>,
    pub(super) legend: LegendPosition,
    pub(super) size: (u32, u32),
}

impl LineFigure {
    /// An empty 960 × 600 figure with a linear y axis whose range fits the data and the legend
    /// in the corner where it hides the least.
    pub fn new(
        title: impl Into<String>,
        x_label: impl Into<String>,
        y_label: impl Into<String>,
    ) -> Self {
        Self {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            series: Vec::new(),
            references: Vec::new(),
            log_y: false,
            y_range: None,
            legend: LegendPosition::default(),
            size: (960, 600),
        }
    }

    /// Adds a curve.
    #[must_use]
    pub fn series(mut self, series: Series) -> Self {
        self.series.push(series);
        self
    }

    /// Adds a horizontal reference line.
    #[must_use]
    pub fn reference(mut self, line: ReferenceLine) -> Self {
        self.references.push(line);
        self
    }

    /// Uses a logarithmic y axis (every y must then be > 0).
    #[must_use]
    pub fn log_y(mut self) -> Self {
        self.log_y = true;
        self
    }

    /// Fixes the y axis to \[`low`, `high`\] instead of fitting it to the data. Points beyond
    /// it are drawn on the plot's top or bottom edge (plotters clamps them), not left out.
    #[must_use]
    pub fn y_range(mut self, low: f64, high: f64) -> Self {
        self.y_range = Some((low, high));
        self
    }

    /// Puts the legend in a given corner.
    #[must_use]
    pub fn legend(mut self, position: LegendPosition) -> Self {
        self.legend = position;
        self
    }

    /// Sets the image size in pixels.
    #[must_use]
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.size = (width, height);
        self
    }
}

/// Most decades a log axis may span: plotters divides the axis by `end/start`, which must stay
/// a finite `f64` (at most ~308 decades) with room for the padding.
const MAX_DECADES: f64 = 300.0;

/// Checks every value and returns the (x, y) axis ranges.
pub(super) fn axis_ranges(
    path: &Path,
    figure: &LineFigure,
) -> Result<(Range<f64>, Range<f64>), PlotError> {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for series in &figure.series {
        for (index, &(x, y)) in series.points.iter().enumerate() {
            if !(x.is_finite() && y.is_finite()) {
                let series = series.name.clone();
                let path = path.to_owned();
                return Err(PlotError::NonFinitePoint {
                    path,
                    series,
                    index,
                    x,
                    y,
                });
            }
            if figure.log_y && y <= 0.0 {
                let series = series.name.clone();
                let path = path.to_owned();
                return Err(PlotError::NonPositiveOnLogAxis {
                    path,
                    series,
                    index,
                    y,
                });
            }
            xs.push((x, series.name.as_str()));
            ys.push((y, series.name.as_str()));
        }
    }
    if xs.is_empty() {
        let what = "the figure's series (no point to draw)".into();
        return Err(PlotError::Empty {
            path: path.to_owned(),
            what,
        });
    }
    for line in &figure.references {
        if !line.y.is_finite() {
            let what = format!("reference line \"{}\"", line.label);
            return Err(PlotError::NonFiniteValue {
                path: path.to_owned(),
                what,
                value: line.y,
            });
        }
        if figure.log_y && line.y <= 0.0 {
            let series = line.label.clone();
            let (path, y) = (path.to_owned(), line.y);
            return Err(PlotError::NonPositiveOnLogAxis {
                path,
                series,
                index: 0,
                y,
            });
        }
        ys.push((line.y, line.label.as_str()));
    }
    let x_range = padded(&check_span(path, "x", &xs, f64::MAX)?, 0.0);
    let y_range = match figure.y_range {
        Some((low, high)) => {
            let span = if figure.log_y { high / low } else { high - low };
            let valid = low.is_finite() && high.is_finite() && low < high && span.is_finite();
            let too_many_decades = figure.log_y && (high / low).log10() > MAX_DECADES;
            if !valid || (figure.log_y && low <= 0.0) || too_many_decades {
                let what = "y_range".into();
                return Err(PlotError::InvalidRange {
                    path: path.to_owned(),
                    what,
                    low,
                    high,
                });
            }
            low..high
        }
        None if figure.log_y => {
            let logs: Vec<(f64, &str)> = ys.iter().map(|&(y, name)| (y.log10(), name)).collect();
            let logs = check_span(path, "log10 y", &logs, MAX_DECADES)?;
            let range = padded(&logs, 0.05);
            // Keep the padded axis within MAX_DECADES and within the positive f64s.
            let (low, high) = min_max(&logs);
            let slack = 0.5 * (MAX_DECADES - (high - low));
            let start = range.start.max(low - slack).max(f64::from_bits(1).log10());
            let end = range.end.min(high + slack).min(f64::MAX.log10());
            10f64.powf(start).max(f64::from_bits(1))..10f64.powf(end).min(f64::MAX)
        }
        None => {
            let values = check_span(path, "y", &ys, f64::MAX)?;
            let range = padded(&values, 0.05);
            let non_negative = values.iter().all(|&y| y >= 0.0);
            let start = if non_negative {
                range.start.max(0.0)
            } else {
                range.start
            };
            start..range.end
        }
    };
    Ok((x_range, y_range))
}

/// The smallest and the largest of `values`.
fn min_max(values: &[f64]) -> (f64, f64) {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (low, high)
}

/// The values of `named` (value, series) when their span `high − low` is a finite number at
/// most `limit`; [`PlotError::SpanTooWide`] naming the series of both ends otherwise.
fn check_span(
    path: &Path,
    axis: &'static str,
    named: &[(f64, &str)],
    limit: f64,
) -> Result<Vec<f64>, PlotError> {
    let values: Vec<f64> = named.iter().map(|&(v, _)| v).collect();
    let (low, high) = min_max(&values);
    let span = high - low;
    if span.is_finite() && span <= limit {
        return Ok(values);
    }
    let series_of = |target: f64| {
        let found = named.iter().find(|&&(v, _)| v == target);
        found.map_or_else(String::new, |&(_, name)| name.to_owned())
    };
    Err(PlotError::SpanTooWide {
        path: path.to_owned(),
        axis,
        low,
        low_series: series_of(low),
        high,
        high_series: series_of(high),
    })
}

#[cfg(test)]
mod tests {
    use std::f64::consts::LN_2;

    use super::*;

    #[test]
    fn automatic_ranges_pad_the_data_and_start_at_zero_for_non_negative_data() {
        let figure = LineFigure::new("", "", "")
            .series(Series::new("a", [(1.0, 0.1), (3.0, 2.1)]))
            .reference(ReferenceLine::new("ln 2", LN_2));
        let (x, y) = axis_ranges(Path::new("f.png"), &figure).unwrap();
        assert_eq!(x, 1.0..3.0);
        // y spans [0.1, 2.1] ± 0.1, clipped at 0 since every value is ≥ 0.
        assert_eq!(y.start, 0.0);
        assert!((y.end - 2.2).abs() < 1e-12);
        let (_, y) = axis_ranges(Path::new("f.png"), &figure.log_y()).unwrap();
        // log10 span [−1, log10 2.1] padded by 5 % of it on each side.
        let span = 2.1f64.log10() + 1.0;
        assert!((y.start.log10() - (-1.0 - 0.05 * span)).abs() < 1e-12);
        assert!((y.end.log10() - (2.1f64.log10() + 0.05 * span)).abs() < 1e-12);
    }

    #[test]
    fn every_bad_value_is_named() {
        let path = Path::new("f.png");
        let nan_at_2 = Series::new("p_G", [(0.0, 1.0), (1.0, 1.0), (2.0, f64::NAN)]);
        let error = axis_ranges(path, &LineFigure::new("", "", "").series(nan_at_2)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "plot f.png: point 2 of series \"p_G\" is (2, NaN); coordinates must be finite"
        );
        let reference = LineFigure::new("", "", "")
            .series(Series::new("s", [(0.0, 1.0)]))
            .reference(ReferenceLine::new("log 4", f64::INFINITY));
        let error = axis_ranges(path, &reference).unwrap_err();
        assert_eq!(
            error.to_string(),
            "plot f.png: reference line \"log 4\" is inf; it must be finite"
        );
        let empty = LineFigure::new("", "", "").series(Series::new("s", []));
        assert!(matches!(
            axis_ranges(path, &empty),
            Err(PlotError::Empty { .. })
        ));
        let backwards = LineFigure::new("", "", "")
            .series(Series::new("s", [(0.0, 1.0)]))
            .y_range(1.0, 0.0);
        assert!(matches!(
            axis_ranges(path, &backwards),
            Err(PlotError::InvalidRange { .. })
        ));
    }
}
