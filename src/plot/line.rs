//! Line figures: named curves on one pair of axes, a legend, and dashed horizontal reference
//! lines (the equilibrium losses log 4 and log 2, the JS bound ln 2).

use std::ops::Range;
use std::path::Path;

use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::axes::{densified, emptiest_corner, series_label_position, tick_label};
use super::canvas::{fitting_size, Canvas, FONT};
use super::figure::{axis_ranges, LineStyle};
use super::output::{write_png, Area, DrawResult};
use super::{Colour, LegendPosition, LineFigure, PlotError, ReferenceLine, Series};
use crate::Float;

/// Draws `figure` into the PNG file `path`.
///
/// The x axis spans the smallest to the largest x of all series; the y axis spans all y values
/// and reference lines plus 5 % on each side (in log10 y on a log axis), starting at 0 when the
/// data are non-negative and the margin would cross 0, unless [`LineFigure::y_range`] fixes it.
///
/// # Errors
/// [`PlotError::Empty`] if the figure has no point to draw; [`PlotError::NonFinitePoint`] naming
/// the series and index of a NaN or infinite point; [`PlotError::NonFiniteValue`] for a reference
/// line; [`PlotError::NonPositiveOnLogAxis`] for y ≤ 0 on a log axis; [`PlotError::InvalidRange`]
/// for a bad [`LineFigure::y_range`]; and the file errors of every plot (folder, drawing, rename).
pub fn line_plot(path: impl AsRef<Path>, figure: &LineFigure) -> Result<(), PlotError> {
    let path = path.as_ref();
    let (x_range, y_range) = axis_ranges(path, figure)?;
    write_png(path, figure.size, |root| {
        draw_line_figure(root, figure, x_range, y_range)
    })
}

/// Plots the discriminator's and the generator's losses against the training step, each with an
/// optional dashed line at its value at the equilibrium.
///
/// At the equilibrium p_G = p_data the best discriminator is D(x) = ½ everywhere, so
/// ```text
/// D loss = −E_data log D(x) − E_z log(1 − D(G(z))) = log 2 + log 2 = log 4 ≈ 1.386
/// G loss = −E_z log D(G(z))                          = log 2          ≈ 0.693 (non-saturating)
/// ```
/// (`01_core_idea.md`, `05_minimax_value.md`); pass those as `d_reference` and `g_reference`,
/// or `None` to draw no line.
///
/// # Errors
/// [`PlotError::LengthMismatch`] if `d_loss` or `g_loss` is not as long as `steps`, and the
/// errors of [`line_plot`] (a NaN loss names the series "D loss" or "G loss" and its index).
pub fn loss_curves<T: Float>(
    path: impl AsRef<Path>,
    steps: &[usize],
    d_loss: &[T],
    g_loss: &[T],
    d_reference: Option<f64>,
    g_reference: Option<f64>,
) -> Result<(), PlotError> {
    let path = path.as_ref();
    let mut figure = LineFigure::new("Discriminator and generator losses", "step", "loss");
    let curves = [
        ("D loss", "d_loss", d_loss, d_reference, Colour::BLUE),
        ("G loss", "g_loss", g_loss, g_reference, Colour::ORANGE),
    ];
    for (name, argument, losses, reference, colour) in curves {
        if losses.len() != steps.len() {
            return Err(PlotError::LengthMismatch {
                path: path.to_owned(),
                what: format!("{argument} (one loss per entry of steps)"),
                expected: steps.len(),
                found: losses.len(),
            });
        }
        let points = steps
            .iter()
            .zip(losses)
            .map(|(&s, l)| (s as f64, l.as_f64()));
        figure = figure.series(Series::new(name, points).colour(colour));
        if let Some(y) = reference {
            let label = format!("{} at equilibrium", &name[..1]);
            figure = figure.reference(ReferenceLine::new(label, y).colour(colour));
        }
    }
    line_plot(path, &figure)
}

/// Draws the whole figure on `root`, with a linear or a logarithmic y axis.
fn draw_line_figure(
    root: &Area<'_>,
    figure: &LineFigure,
    x_range: Range<f64>,
    y_range: Range<f64>,
) -> DrawResult<()> {
    root.fill(&WHITE)?;
    if figure.log_y {
        let mut chart = build_chart(root, figure, x_range, y_range.log_scale())?;
        draw_curves(&mut chart, figure)
    } else {
        let mut chart = build_chart(root, figure, x_range, y_range)?;
        draw_curves(&mut chart, figure)
    }
}

/// The chart (title, margins, label areas) with the given axes; nothing drawn in it yet.
fn build_chart<'b, 'a: 'b, Y: AsRangedCoord<Value = f64>>(
    root: &'b Area<'a>,
    figure: &LineFigure,
    x_range: Range<f64>,
    y_range: Y,
) -> DrawResult<ChartContext<'b, Canvas<'a>, Cartesian2d<RangedCoordf64, Y::CoordDescType>>> {
    let mut builder = ChartBuilder::on(root);
    if !figure.title.is_empty() {
        let width = figure.size.0.saturating_sub(2 * 14 + 28);
        let size = fitting_size(&figure.title, 24, width);
        builder.caption(&figure.title, (FONT, size));
    }
    builder
        .margin(14)
        .margin_right(28)
        .x_label_area_size(52)
        .y_label_area_size(76)
        .build_cartesian_2d(x_range, y_range)
}

/// Draws the mesh, the reference lines (under the curves), the curves and the legend.
fn draw_curves<'b, 'a: 'b, Y>(
    chart: &mut ChartContext<'b, Canvas<'a>, Cartesian2d<RangedCoordf64, Y>>,
    figure: &LineFigure,
) -> DrawResult<()>
where
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    chart
        .configure_mesh()
        .x_desc(&figure.x_label)
        .y_desc(&figure.y_label)
        .x_label_formatter(&tick_label)
        .y_label_formatter(&tick_label)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 18))
        .bold_line_style(RGBColor(215, 215, 215))
        .light_line_style(RGBColor(240, 240, 240))
        .draw()?;
    let (x_range, y_range) = (chart.x_range(), chart.y_range());
    let styled = |line: &ReferenceLine| line.colour.to_rgb().stroke_width(2);
    for line in &figure.references {
        let ends = [(x_range.start, line.y), (x_range.end, line.y)];
        chart.draw_series(DashedLineSeries::new(ends, 10, 6, styled(line)))?;
    }
    for (index, series) in figure.series.iter().enumerate() {
        let colour = series
            .colour
            .unwrap_or(Colour::PALETTE[index % Colour::PALETTE.len()]);
        let style = colour.to_rgb().stroke_width(2);
        // Points beyond a fixed y range sit on its edge: plotters would map them to pixel rows
        // near ±2³¹ and walk every pixel in between.
        let (low, high) = (y_range.start, y_range.end);
        let points = series
            .points
            .iter()
            .map(move |&(x, y)| (x, y.clamp(low, high)));
        match series.style {
            LineStyle::Solid => chart
                .draw_series(LineSeries::new(points, style))?
                .label(&series.name)
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 28, y)], style)),
            LineStyle::Dashed => chart
                .draw_series(DashedLineSeries::new(points, 8, 5, style))?
                .label(&series.name)
                .legend(move |(x, y)| DashedPathElement::new([(x, y), (x + 28, y)], 8, 4, style)),
        };
    }
    // The reference lines' legend entries come after the curves'.
    for line in &figure.references {
        let style = styled(line);
        chart
            .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())?
            .label(format!("{} = {:.3}", line.label, line.y))
            .legend(move |(x, y)| DashedPathElement::new([(x, y), (x + 28, y)], 8, 4, style));
    }
    let corner = match figure.legend {
        LegendPosition::Best => emptiest_corner(fractions_of_plot(chart, figure)),
        chosen => chosen,
    };
    chart
        .configure_series_labels()
        .position(series_label_position(corner))
        .label_font((FONT, 16))
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(160, 160, 160))
        .legend_area_size(36)
        .margin(12)
        .draw()
}

/// Every curve point (densified) and reference line, as fractions of the plotting area.
fn fractions_of_plot<'c, Y>(
    chart: &'c ChartContext<'_, Canvas<'_>, Cartesian2d<RangedCoordf64, Y>>,
    figure: &'c LineFigure,
) -> impl Iterator<Item = (f64, f64)> + 'c
where
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let (x_range, y_range) = (chart.x_range(), chart.y_range());
    let scale = move |v: f64| if figure.log_y { v.ln() } else { v };
    let fraction = move |(x, y): (f64, f64)| {
        let fx = (x - x_range.start) / (x_range.end - x_range.start);
        let fy = (scale(y) - scale(y_range.start)) / (scale(y_range.end) - scale(y_range.start));
        (fx, fy)
    };
    let curves = figure
        .series
        .iter()
        .flat_map(|series| densified(&series.points));
    let across = (0..=20).map(|k| f64::from(k) / 20.0);
    let references = figure
        .references
        .iter()
        .flat_map(move |line| across.clone().map(move |fx| (fx, line.y)));
    curves
        .map(fraction)
        .chain(references.map(move |(fx, y)| (fx, fraction((x_range.start, y)).1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::output::render;

    const MAGENTA_LINE: Colour = Colour::rgb(255, 0, 255);

    /// Draws `figure` on a 480 × 360 buffer; returns the buffer, the pixel row the chart maps
    /// y = `y` to, and the plotting area's pixel rows.
    fn drawn(figure: &LineFigure, y: f64) -> (Vec<u8>, i32, Range<i32>) {
        let (x_range, y_range) = axis_ranges(Path::new("test.png"), figure).unwrap();
        let (buffer, (row, rows)) = render((480, 360), |root| {
            root.fill(&WHITE).unwrap();
            if figure.log_y {
                let mut chart = build_chart(root, figure, x_range, y_range.log_scale()).unwrap();
                draw_curves(&mut chart, figure).unwrap();
                (
                    chart.backend_coord(&(0.5, y)).1,
                    chart.plotting_area().get_pixel_range().1,
                )
            } else {
                let mut chart = build_chart(root, figure, x_range, y_range).unwrap();
                draw_curves(&mut chart, figure).unwrap();
                (
                    chart.backend_coord(&(0.5, y)).1,
                    chart.plotting_area().get_pixel_range().1,
                )
            }
        });
        (buffer, row, rows)
    }

    /// The row with the most pixels of `colour`, and how many it has.
    fn fullest_row(buffer: &[u8], colour: Colour) -> (i32, usize) {
        let target = [colour.red, colour.green, colour.blue];
        let per_row = buffer
            .chunks(480 * 3)
            .map(|row| row.chunks(3).filter(|p| *p == target).count());
        let (row, count) = per_row.enumerate().max_by_key(|&(_, count)| count).unwrap();
        (row as i32, count)
    }

    fn figure_with_reference(y: f64) -> LineFigure {
        LineFigure::new("", "x", "y")
            .series(Series::new("s", [(0.0, 1.0), (1.0, 2.0)]))
            .reference(ReferenceLine::new("c", y).colour(MAGENTA_LINE))
            .legend(LegendPosition::LowerRight)
            .size(480, 360)
    }

    #[test]
    fn a_reference_line_is_drawn_on_the_row_its_y_maps_to() {
        let figure = figure_with_reference(1.5).y_range(0.0, 2.0);
        let (buffer, row, rows) = drawn(&figure, 1.5);
        // y = 1.5 on [0, 2] is a quarter of the way down the plotting area.
        let quarter = rows.start + (rows.end - rows.start) / 4;
        assert!((row - quarter).abs() <= 1, "{row} vs {quarter}");
        let (fullest, count) = fullest_row(&buffer, MAGENTA_LINE);
        assert!(
            (fullest - row).abs() <= 1,
            "line at row {fullest}, expected {row}"
        );
        // Dashes of 10 px with 6 px gaps cover 10/16 of the ~370 px wide plot.
        assert!(
            count > 200,
            "only {count} pixels of the line on row {fullest}"
        );
    }

    #[test]
    fn on_a_log_axis_ten_lies_halfway_between_one_and_a_hundred() {
        let figure = figure_with_reference(10.0).y_range(1.0, 100.0).log_y();
        let (buffer, row, rows) = drawn(&figure, 10.0);
        let middle = (rows.start + rows.end) / 2;
        assert!((row - middle).abs() <= 1, "{row} vs {middle}");
        assert!((fullest_row(&buffer, MAGENTA_LINE).0 - row).abs() <= 1);
    }
}
