//! The 2-D panel of `06_mode_collapse.md`: the discriminator's output D(x) over the plane as a
//! colour map (viridis, 0 dark purple → 1 yellow) with a colour bar, the true modes as thin
//! white crosses and the generator's samples as red dots over them (so that 2,500 samples on
//! a mode still show).

use std::ops::Range;
use std::path::Path;

use ndarray::{Array2, ArrayView2};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::axes::{emptiest_corner, series_label_position, tick_label};
use super::canvas::{fitting_size, Canvas, FONT};
use super::output::{write_png, Area, DrawResult};
use super::PlotError;
use crate::Float;

/// Values on a regular grid of cells over the rectangle `x_range` × `y_range`.
///
/// `values[[row, column]]` belongs to the cell whose centre is
/// ```text
/// (x_low + (column + ½)·Δx,  y_low + (row + ½)·Δy),   Δx = (x_high − x_low)/columns, Δy = (y_high − y_low)/rows
/// ```
/// so row 0 is the bottom of the picture. [`Heatmap::grid_points`] lists those centres in the
/// same row-major order, ready to be fed to a discriminator as one batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    x_range: (f64, f64),
    y_range: (f64, f64),
    values: Array2<f64>,
    label: String,
}

impl Heatmap {
    /// The heatmap of `values` (rows × columns, see the type's doc) over `x_range` × `y_range`,
    /// its colour bar labelled "D(x)".
    pub fn new<T: Float>(
        x_range: (f64, f64),
        y_range: (f64, f64),
        values: ArrayView2<'_, T>,
    ) -> Self {
        Self {
            x_range,
            y_range,
            values: values.mapv(Float::as_f64),
            label: "D(x)".into(),
        }
    }

    /// The heatmap of `value(x, y)` evaluated at the centre of each of `rows` × `columns` cells.
    pub fn from_fn(
        x_range: (f64, f64),
        y_range: (f64, f64),
        columns: usize,
        rows: usize,
        mut value: impl FnMut(f64, f64) -> f64,
    ) -> Self {
        let points = Self::grid_points::<f64>(x_range, y_range, columns, rows);
        let values = Array2::from_shape_fn((rows, columns), |(row, column)| {
            let point = points.row(row * columns + column);
            value(point[0], point[1])
        });
        Self::new(x_range, y_range, values.view())
    }

    /// The centres of the `rows` × `columns` cells, one (x, y) per row of a (rows·columns) × 2
    /// array, row-major: cell (row, column) is line `row·columns + column`. A discriminator's
    /// (rows·columns) × 1 output reshaped to rows × columns is the `values` of [`Heatmap::new`].
    pub fn grid_points<T: Float>(
        x_range: (f64, f64),
        y_range: (f64, f64),
        columns: usize,
        rows: usize,
    ) -> Array2<T> {
        let dx = (x_range.1 - x_range.0) / columns as f64;
        let dy = (y_range.1 - y_range.0) / rows as f64;
        Array2::from_shape_fn((rows * columns, 2), |(line, axis)| {
            let (row, column) = (line / columns, line % columns);
            T::lit(match axis {
                0 => x_range.0 + (column as f64 + 0.5) * dx,
                _ => y_range.0 + (row as f64 + 0.5) * dy,
            })
        })
    }

    /// This heatmap with its colour bar labelled `label` instead of "D(x)".
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
}

/// The colour of the generator's samples.
const SAMPLE_RED: RGBColor = RGBColor(220, 30, 30);
/// Half the width of a mode's cross, and the width of its white stroke, in pixels.
const MODE_ARM: u32 = 9;
const MODE_STROKE: u32 = 2;
/// The size of the title, unless it must be smaller to fit (`fitting_size`).
const TITLE_SIZE: u32 = 24;

/// The colour of `value` ∈ \[0, 1\] on the colour map (viridis).
fn colour_of(value: f64) -> RGBColor {
    ViridisRGB::get_color(value)
}

/// Draws `heatmap` as a colour map (value 0 → dark purple, 1 → yellow) with a colour bar, the
/// true `modes` (may be empty) as thin white crosses and the generator's `samples` as red dots
/// over them, into the 820 × 700 PNG file `path`. A title too wide for the picture is set
/// smaller.
///
/// With D(x) as the heatmap this is the picture of `06_mode_collapse.md`: where the samples
/// cluster on a few of the modes, D stays high (yellow) on the modes they miss. Samples outside
/// the heatmap's rectangle are not drawn (the legend says how many), nor are modes outside it.
///
/// # Errors
/// [`PlotError::InvalidRange`] if a range of the heatmap is not finite with low < high and a
/// finite width high − low (`(−f64::MAX, f64::MAX)` is refused: plotters cannot divide it);
/// [`PlotError::Empty`] if it has no cell; [`PlotError::NonFiniteValue`] or
/// [`PlotError::OutOfRange`] for a cell value that is not in \[0, 1\] (naming its row and
/// column); [`PlotError::NonFinitePoint`] naming "generator samples" or "true modes" and the
/// index; and the file errors of every plot.
pub fn scatter_over_heatmap(
    path: impl AsRef<Path>,
    heatmap: &Heatmap,
    samples: &[(f64, f64)],
    modes: &[(f64, f64)],
    title: &str,
) -> Result<(), PlotError> {
    let path = path.as_ref();
    check_heatmap(path, heatmap)?;
    check_points(path, "generator samples", samples)?;
    check_points(path, "true modes", modes)?;
    write_png(path, (820, 700), |root| {
        draw_heatmap_figure(root, heatmap, samples, modes, title)
    })
}

fn check_heatmap(path: &Path, heatmap: &Heatmap) -> Result<(), PlotError> {
    for (what, (low, high)) in [
        ("heatmap x_range", heatmap.x_range),
        ("heatmap y_range", heatmap.y_range),
    ] {
        if !(low.is_finite() && high.is_finite() && low < high && (high - low).is_finite()) {
            let what = what.into();
            return Err(PlotError::InvalidRange {
                path: path.to_owned(),
                what,
                low,
                high,
            });
        }
    }
    if heatmap.values.is_empty() {
        let what = "the heatmap's values (no cell)".into();
        return Err(PlotError::Empty {
            path: path.to_owned(),
            what,
        });
    }
    for ((row, column), &value) in heatmap.values.indexed_iter() {
        let what = format!("heatmap value at row {row}, column {column}");
        if !value.is_finite() {
            return Err(PlotError::NonFiniteValue {
                path: path.to_owned(),
                what,
                value,
            });
        }
        if !(0.0..=1.0).contains(&value) {
            let (low, high) = (0.0, 1.0);
            return Err(PlotError::OutOfRange {
                path: path.to_owned(),
                what,
                value,
                low,
                high,
            });
        }
    }
    Ok(())
}

fn check_points(path: &Path, series: &str, points: &[(f64, f64)]) -> Result<(), PlotError> {
    match points
        .iter()
        .position(|(x, y)| !(x.is_finite() && y.is_finite()))
    {
        None => Ok(()),
        Some(index) => Err(PlotError::NonFinitePoint {
            path: path.to_owned(),
            series: series.into(),
            index,
            x: points[index].0,
            y: points[index].1,
        }),
    }
}

/// The main chart: the heatmap's rectangle with its title and axes, nothing drawn yet.
type PlaneChart<'b, 'a> = ChartContext<'b, Canvas<'a>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

fn build_plane_chart<'b, 'a: 'b>(
    area: &'b Area<'a>,
    heatmap: &Heatmap,
    title: &str,
) -> DrawResult<PlaneChart<'b, 'a>> {
    let mut builder = ChartBuilder::on(area);
    let width = area.dim_in_pixel().0.saturating_sub(2 * 14);
    builder
        .caption(title, (FONT, fitting_size(title, TITLE_SIZE, width)))
        .margin(14)
        .x_label_area_size(50)
        .y_label_area_size(60);
    let (x, y) = (heatmap.x_range, heatmap.y_range);
    builder.build_cartesian_2d(x.0..x.1, y.0..y.1)
}

fn draw_heatmap_figure(
    root: &Area<'_>,
    heatmap: &Heatmap,
    samples: &[(f64, f64)],
    modes: &[(f64, f64)],
    title: &str,
) -> DrawResult<()> {
    root.fill(&WHITE)?;
    let (plane, bar) = root.split_horizontally(root.dim_in_pixel().0 - 120);
    let mut chart = build_plane_chart(&plane, heatmap, title)?;
    draw_cells(&mut chart, heatmap)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc("x₁")
        .y_desc("x₂")
        .x_label_formatter(&tick_label)
        .y_label_formatter(&tick_label)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 18))
        .draw()?;
    let (x_shown, y_shown) = (chart.x_range(), chart.y_range());
    let inside = |&&(x, y): &&(f64, f64)| x_shown.contains(&x) && y_shown.contains(&y);
    let shown: Vec<(f64, f64)> = samples.iter().filter(inside).copied().collect();
    // Modes outside the rectangle are not drawn either (far ones would map to pixels near ±2³¹).
    let modes: Vec<(f64, f64)> = modes.iter().filter(inside).copied().collect();
    let outside = samples.len() - shown.len();
    let sample_label = match outside {
        0 => format!("generator samples ({})", samples.len()),
        _ => format!("generator samples ({}, {outside} outside)", samples.len()),
    };
    // The modes first, thin crosses whose arms reach past a cluster of samples on the mode, so
    // that the samples drawn over them stay visible. Each marker is drawn twice, a wider
    // outline first, so it stands out on any colour.
    if !modes.is_empty() {
        chart
            .draw_series(modes.iter().map(|&point| {
                Cross::new(point, MODE_ARM + 1, BLACK.stroke_width(MODE_STROKE + 2))
            }))?
            .label("true modes")
            .legend(|(x, y)| {
                EmptyElement::at((x + 12, y))
                    + Cross::new((0, 0), MODE_ARM + 1, BLACK.stroke_width(MODE_STROKE + 2))
                    + Cross::new((0, 0), MODE_ARM, WHITE.stroke_width(MODE_STROKE))
            });
        chart.draw_series(
            modes
                .iter()
                .map(|&point| Cross::new(point, MODE_ARM, WHITE.stroke_width(MODE_STROKE))),
        )?;
    }
    chart.draw_series(
        shown
            .iter()
            .map(|&point| Circle::new(point, 4, WHITE.filled())),
    )?;
    chart
        .draw_series(
            shown
                .iter()
                .map(|&point| Circle::new(point, 3, SAMPLE_RED.filled())),
        )?
        .label(sample_label)
        .legend(|(x, y)| {
            EmptyElement::at((x + 12, y))
                + Circle::new((0, 0), 4, WHITE.filled())
                + Circle::new((0, 0), 3, SAMPLE_RED.filled())
        });
    let (x, y) = (heatmap.x_range, heatmap.y_range);
    let fraction = |&(px, py): &(f64, f64)| ((px - x.0) / (x.1 - x.0), (py - y.0) / (y.1 - y.0));
    let corner = emptiest_corner(shown.iter().chain(&modes).map(fraction));
    chart
        .configure_series_labels()
        .position(series_label_position(corner))
        .label_font((FONT, 15))
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(160, 160, 160))
        .margin(10)
        .draw()?;
    // The bar spans the same pixel rows as the plane's plotting area.
    let rows = chart.plotting_area().get_pixel_range().1;
    draw_colour_bar(&bar, &heatmap.label, rows)
}

/// Fills every cell of the heatmap with the colour of its value.
fn draw_cells(chart: &mut PlaneChart<'_, '_>, heatmap: &Heatmap) -> DrawResult<()> {
    let (rows, columns) = heatmap.values.dim();
    let (x, y) = (heatmap.x_range, heatmap.y_range);
    let dx = (x.1 - x.0) / columns as f64;
    let dy = (y.1 - y.0) / rows as f64;
    let cells = heatmap
        .values
        .indexed_iter()
        .map(|((row, column), &value)| {
            let corner = |r: usize, c: usize| (x.0 + c as f64 * dx, y.0 + r as f64 * dy);
            let corners = [corner(row, column), corner(row + 1, column + 1)];
            Rectangle::new(corners, colour_of(value).filled())
        });
    chart.draw_series(cells)?;
    Ok(())
}

/// The colour bar: the colour map from 0 (bottom) to 1 (top) with ticks, labelled `label`,
/// over the pixel `rows` of `area`.
fn draw_colour_bar(area: &Area<'_>, label: &str, rows: Range<i32>) -> DrawResult<()> {
    let height = area.dim_in_pixel().1 as i32;
    let mut bar = ChartBuilder::on(area)
        .margin_top(rows.start)
        .margin_bottom(height - rows.end)
        .margin_left(10)
        .margin_right(10)
        .y_label_area_size(0)
        .right_y_label_area_size(64)
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
    bar.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(6)
        .y_label_formatter(&tick_label)
        .y_desc(label)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 18))
        .draw()?;
    let steps = 256;
    bar.draw_series((0..steps).map(|k| {
        let (low, high) = (k as f64 / steps as f64, (k + 1) as f64 / steps as f64);
        Rectangle::new(
            [(0.0, low), (1.0, high)],
            colour_of((low + high) / 2.0).filled(),
        )
    }))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::output::render;
    use ndarray::array;

    #[test]
    fn samples_on_a_mode_are_drawn_over_its_cross_whose_arms_still_show() {
        let heatmap = Heatmap::from_fn((-1.0, 1.0), (-1.0, 1.0), 4, 4, |_, _| 0.0);
        let mode = (0.25, -0.25);
        let samples = vec![mode; 2500];
        let title =
            "a title far too long to fit across the plane at twenty-four pixels, cut at the left";
        let (buffer, centre) = render((820, 700), |root| {
            draw_heatmap_figure(root, &heatmap, &samples, &[mode], title).unwrap();
            let (plane, _) = root.split_horizontally(root.dim_in_pixel().0 - 120);
            let centre = build_plane_chart(&plane, &heatmap, title)
                .unwrap()
                .backend_coord(&mode);
            centre
        });
        let pixel = |(x, y): (i32, i32)| {
            let start = (y as usize * 820 + x as usize) * 3;
            RGBColor(buffer[start], buffer[start + 1], buffer[start + 2])
        };
        assert_eq!(pixel(centre), SAMPLE_RED, "the samples are on top");
        // The dots' radius is 4 px (white rim included); the cross's arms reach 9 px along
        // the diagonals, so (6, 6) px away the cross shows beside the samples.
        assert_eq!(
            pixel((centre.0 + 6, centre.1 + 6)),
            WHITE,
            "the cross's arm"
        );
        assert_eq!(
            pixel((centre.0 + 6, centre.1 - 6)),
            WHITE,
            "the cross's arm"
        );
        // The title fits: its first ink is right of the picture's left edge.
        let title_rows = &buffer[..40 * 820 * 3];
        let inked = |x: usize| (0..40).any(|y| title_rows[(y * 820 + x) * 3] < 128);
        assert!(
            !inked(0) && !inked(1),
            "the title starts inside the picture"
        );
    }

    #[test]
    fn grid_points_are_cell_centres_in_row_major_order_from_the_bottom() {
        let points = Heatmap::grid_points::<f64>((0.0, 4.0), (-1.0, 1.0), 4, 2);
        assert_eq!(points.dim(), (8, 2));
        // Cell (row 1, column 2): x = 0 + 2.5·1, y = −1 + 1.5·1.
        assert_eq!(points.row(6).to_vec(), [2.5, 0.5]);
        assert_eq!(points.row(0).to_vec(), [0.5, -0.5]);
        let heatmap = Heatmap::from_fn((0.0, 4.0), (-1.0, 1.0), 4, 2, |x, y| x / 4.0 + y / 4.0);
        assert_eq!(heatmap.values[[1, 2]], 2.5 / 4.0 + 0.5 / 4.0);
    }

    #[test]
    fn each_cell_is_painted_with_the_colour_of_its_value_where_the_chart_maps_it() {
        // Row 0 is the bottom: value 1 (top of the colour map) sits at the top right.
        let values = array![[0.0, 0.25], [0.5, 1.0]];
        let heatmap = Heatmap::new((-1.0, 1.0), (-1.0, 1.0), values.view());
        let (buffer, centres) = render((300, 300), |root| {
            let mut chart = build_plane_chart(root, &heatmap, "").unwrap();
            draw_cells(&mut chart, &heatmap).unwrap();
            let centres = [(-0.5, -0.5), (0.5, -0.5), (-0.5, 0.5), (0.5, 0.5)];
            centres.map(|centre| chart.backend_coord(&centre))
        });
        let pixel = |(x, y): (i32, i32)| {
            let start = (y as usize * 300 + x as usize) * 3;
            RGBColor(buffer[start], buffer[start + 1], buffer[start + 2])
        };
        for (centre, value) in centres.into_iter().zip([0.0, 0.25, 0.5, 1.0]) {
            assert_eq!(pixel(centre), ViridisRGB::get_color(value), "value {value}");
        }
        assert_eq!(
            pixel(centres[3]),
            RGBColor(254, 232, 37),
            "viridis' top colour"
        );
        assert!(centres[3].1 < centres[1].1, "row 1 is above row 0");
    }
}
