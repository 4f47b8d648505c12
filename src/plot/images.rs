//! Grayscale images in a grid: the generator's digits next to real ones (`06_mode_collapse.md`).

use std::path::Path;

use ndarray::ArrayView2;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::canvas::{register_bundled_font, FONT};
use super::output::{write_png, Area, DrawResult};
use super::PlotError;
use crate::Float;

/// The shape of the images (`height` × `width` pixels, each a row-major row of the images array),
/// how many go on a line (`columns`), and how many screen pixels show one image pixel
/// (`pixel_scale`, in each direction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageLayout {
    /// Image height in pixels.
    pub height: usize,
    /// Image width in pixels.
    pub width: usize,
    /// Images per line of the grid.
    pub columns: usize,
    /// Screen pixels per image pixel, in each direction.
    pub pixel_scale: u32,
}

impl ImageLayout {
    /// The 8 × 8 UCI digits, 10 to a line, each pixel an 8 × 8 square (64 × 64 per digit).
    pub const DIGITS: Self = Self {
        height: 8,
        width: 8,
        columns: 10,
        pixel_scale: 8,
    };
    /// 28 × 28 MNIST digits, 10 to a line, each pixel a 3 × 3 square (84 × 84 per digit).
    pub const MNIST: Self = Self {
        height: 28,
        width: 28,
        columns: 10,
        pixel_scale: 3,
    };
}

/// Space around everything, between images, and between panels, in pixels.
const MARGIN: u32 = 16;
const GAP: u32 = 4;
const PANEL_GAP: u32 = 40;
/// Heights of the title and panel-label bands, and their font sizes.
const TITLE_BAND: u32 = 44;
const TITLE_SIZE: u32 = 24;
const LABEL_BAND: u32 = 30;
const LABEL_SIZE: u32 = 18;

/// Draws `images` (one image per row, `layout.height · layout.width` values each, 0 = black,
/// 1 = white, clamped to \[0, 1\]) as a grid under `title` into the PNG file `path`.
///
/// The grey level of a pixel with value v is round(255 · clamp(v, 0, 1)).
///
/// # Errors
/// As [`image_grids`] with the single unlabelled panel `images`.
pub fn image_grid<T: Float>(
    path: impl AsRef<Path>,
    images: ArrayView2<'_, T>,
    layout: &ImageLayout,
    title: &str,
) -> Result<(), PlotError> {
    image_grids(path, &[("", images)], layout, title)
}

/// Draws several labelled grids side by side, e.g. `[("generated", fake), ("real", real)]`,
/// under `title` into the PNG file `path`; each grid is drawn as [`image_grid`] draws one.
///
/// # Errors
/// [`PlotError::Empty`] if there is no panel, a panel has no image, or a field of `layout` is 0;
/// [`PlotError::LengthMismatch`] if a panel's rows are not `height · width` long;
/// [`PlotError::NonFiniteValue`] naming the panel, image and pixel of a NaN or infinite value;
/// [`PlotError::TooLarge`] if the picture the layout asks for exceeds
/// [`MAX_SIDE`](super::MAX_SIDE) pixels on a side or [`MAX_PIXELS`](super::MAX_PIXELS) in all
/// (`width: 1 << 16, pixel_scale: 1 << 16` would be 2³² pixels wide); and the file errors of
/// every plot.
pub fn image_grids<T: Float>(
    path: impl AsRef<Path>,
    panels: &[(&str, ArrayView2<'_, T>)],
    layout: &ImageLayout,
    title: &str,
) -> Result<(), PlotError> {
    let path = path.as_ref();
    check_input(path, panels, layout)?;
    register_bundled_font();
    let title_width = (FONT, TITLE_SIZE)
        .into_font()
        .box_size(title)
        .map_err(|error| {
            let message = format!("measuring the title: {error}");
            PlotError::Draw {
                path: path.to_owned(),
                message,
            }
        })?;
    let counts: Vec<usize> = panels.iter().map(|(_, images)| images.nrows()).collect();
    let labelled = panels.iter().any(|(label, _)| !label.is_empty());
    let geometry = Geometry::new(layout, &counts, !title.is_empty(), labelled, title_width.0);
    write_png(path, geometry.size, |root| {
        draw_grids(root, &geometry, panels, layout, title)
    })
}

/// Where everything goes, in pixels from the top-left corner of the picture.
#[derive(Debug, Clone, PartialEq)]
struct Geometry {
    /// Picture width and height.
    size: (u32, u32),
    /// Left edge of each panel.
    panel_left: Vec<u32>,
    /// Width of each panel.
    panel_width: Vec<u32>,
    /// Top of the first line of images (below the title and the labels).
    images_top: u32,
    /// Images per line in each panel: `layout.columns`, or fewer when the panel has fewer images.
    columns: Vec<usize>,
    /// Width and height of one image on screen.
    tile: (u32, u32),
}

impl Geometry {
    fn new(
        layout: &ImageLayout,
        counts: &[usize],
        titled: bool,
        labelled: bool,
        title_width: u32,
    ) -> Self {
        // In u64 with saturation, so no layout can wrap around: a picture that does not fit
        // in u32 saturates to u32::MAX on that side, which `write_png` refuses as too large.
        let long = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        let scale = u64::from(layout.pixel_scale);
        let tile64 = (
            long(layout.width).saturating_mul(scale),
            long(layout.height).saturating_mul(scale),
        );
        let columns: Vec<usize> = counts.iter().map(|&n| n.min(layout.columns)).collect();
        let lines = |n: usize, c: usize| long(n.div_ceil(c));
        let span = |count: u64, length: u64| {
            count
                .saturating_mul(length)
                .saturating_add(count.saturating_sub(1).saturating_mul(u64::from(GAP)))
        };
        let widths: Vec<u64> = columns.iter().map(|&c| span(long(c), tile64.0)).collect();
        let panels = long(widths.len());
        let content64 = widths
            .iter()
            .fold(0u64, |sum, &w| sum.saturating_add(w))
            .saturating_add(
                panels
                    .saturating_sub(1)
                    .saturating_mul(u64::from(PANEL_GAP)),
            );
        let width64 = content64
            .max(u64::from(title_width))
            .saturating_add(u64::from(2 * MARGIN));
        let images_top =
            MARGIN + if titled { TITLE_BAND } else { 0 } + if labelled { LABEL_BAND } else { 0 };
        let tallest = counts
            .iter()
            .zip(&columns)
            .map(|(&n, &c)| span(lines(n, c), tile64.1))
            .max();
        let height64 = u64::from(images_top)
            .saturating_add(tallest.unwrap_or(0))
            .saturating_add(u64::from(MARGIN));
        let narrow = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        let tile = (narrow(tile64.0), narrow(tile64.1));
        let panel_width: Vec<u32> = widths.iter().map(|&w| narrow(w)).collect();
        let (width, height, content) = (narrow(width64), narrow(height64), narrow(content64));
        let mut left = width.saturating_sub(content) / 2;
        let panel_left = panel_width
            .iter()
            .map(|&w| {
                let this = left;
                left = left.saturating_add(w).saturating_add(PANEL_GAP);
                this
            })
            .collect();
        Self {
            size: (width, height),
            panel_left,
            panel_width,
            images_top,
            columns,
            tile,
        }
    }

    /// Top-left pixel of image `index` of panel `panel`.
    fn image_origin(&self, panel: usize, index: usize) -> (i32, i32) {
        let (line, column) = (index / self.columns[panel], index % self.columns[panel]);
        let x = self.panel_left[panel] + column as u32 * (self.tile.0 + GAP);
        let y = self.images_top + line as u32 * (self.tile.1 + GAP);
        (x as i32, y as i32)
    }
}

fn panel_name(label: &str) -> String {
    if label.is_empty() {
        "the images".into()
    } else {
        format!("panel \"{label}\"")
    }
}

fn check_input<T: Float>(
    path: &Path,
    panels: &[(&str, ArrayView2<'_, T>)],
    layout: &ImageLayout,
) -> Result<(), PlotError> {
    let empty = |what: String| {
        Err(PlotError::Empty {
            path: path.to_owned(),
            what,
        })
    };
    if panels.is_empty() {
        return empty("the list of panels".into());
    }
    let sizes = [
        ("layout.height", layout.height),
        ("layout.width", layout.width),
        ("layout.columns", layout.columns),
        ("layout.pixel_scale", layout.pixel_scale as usize),
    ];
    if let Some((name, _)) = sizes.iter().find(|(_, size)| *size == 0) {
        return empty(format!("{name} (it is 0)"));
    }
    let pixels = layout.height.saturating_mul(layout.width);
    for (label, images) in panels {
        if images.nrows() == 0 {
            return empty(format!("{} (no image)", panel_name(label)));
        }
        if images.ncols() != pixels {
            return Err(PlotError::LengthMismatch {
                path: path.to_owned(),
                what: format!(
                    "each image of {} (a {}×{} image)",
                    panel_name(label),
                    layout.height,
                    layout.width
                ),
                expected: pixels,
                found: images.ncols(),
            });
        }
        if let Some(((image, pixel), value)) = images.indexed_iter().find(|(_, v)| !v.is_finite()) {
            let what = format!(
                "pixel {pixel} (row {}, column {}) of image {image} in {}",
                pixel / layout.width,
                pixel % layout.width,
                panel_name(label)
            );
            return Err(PlotError::NonFiniteValue {
                path: path.to_owned(),
                what,
                value: value.as_f64(),
            });
        }
    }
    Ok(())
}

/// The grey of value `v`: round(255 · clamp(v, 0, 1)) in all three channels.
fn grey(value: f64) -> RGBColor {
    let level = (255.0 * value.clamp(0.0, 1.0)).round() as u8;
    RGBColor(level, level, level)
}

fn draw_grids<T: Float>(
    root: &Area<'_>,
    geometry: &Geometry,
    panels: &[(&str, ArrayView2<'_, T>)],
    layout: &ImageLayout,
    title: &str,
) -> DrawResult<()> {
    root.fill(&WHITE)?;
    let centred = Pos::new(HPos::Center, VPos::Center);
    let centre_x = geometry.size.0 as i32 / 2;
    if !title.is_empty() {
        let style = (FONT, TITLE_SIZE).into_font().color(&BLACK).pos(centred);
        root.draw_text(title, &style, (centre_x, (MARGIN + TITLE_BAND / 2) as i32))?;
    }
    let label_y = geometry.images_top as i32 - (LABEL_BAND / 2) as i32;
    let scale = layout.pixel_scale as i32;
    for (panel, (label, images)) in panels.iter().enumerate() {
        if !label.is_empty() {
            let x = (geometry.panel_left[panel] + geometry.panel_width[panel] / 2) as i32;
            let style = (FONT, LABEL_SIZE).into_font().color(&BLACK).pos(centred);
            root.draw_text(label, &style, (x, label_y))?;
        }
        for (index, image) in images.rows().into_iter().enumerate() {
            let (left, top) = geometry.image_origin(panel, index);
            for (pixel, value) in image.iter().enumerate() {
                let x = left + (pixel % layout.width) as i32 * scale;
                let y = top + (pixel / layout.width) as i32 * scale;
                let square = [(x, y), (x + scale, y + scale)]; // filled: right and bottom edges excluded
                root.draw(&Rectangle::new(square, grey(value.as_f64()).filled()))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::output::render;
    use ndarray::Array2;

    #[test]
    fn a_pixel_of_an_image_lands_in_its_square_with_its_grey() {
        // 13 black 8 × 8 images; image 11 (line 1, column 1) has pixel (row 3, column 5) = 0.6.
        let mut images = Array2::<f64>::zeros((13, 64));
        images[[11, 3 * 8 + 5]] = 0.6;
        let layout = ImageLayout::DIGITS;
        let geometry = Geometry::new(&layout, &[13], false, false, 0);
        // 10 columns of 64 px with 4 px gaps, 2 lines, 16 px margins.
        assert_eq!(
            geometry.size,
            (16 + 10 * 64 + 9 * 4 + 16, 16 + 2 * 64 + 4 + 16)
        );
        let origin = geometry.image_origin(0, 11);
        assert_eq!(origin, (16 + 68, 16 + 68));
        let (width, _) = geometry.size;
        let (buffer, ()) = render(geometry.size, |root| {
            draw_grids(root, &geometry, &[("", images.view())], &layout, "").unwrap();
        });
        let grey = |x: i32, y: i32| buffer[(y as usize * width as usize + x as usize) * 3];
        let (left, top) = (origin.0 + 5 * 8, origin.1 + 3 * 8);
        // round(255 · 0.6) = 153 on the whole 8 × 8 square, black right outside it.
        for (x, y) in [
            (left, top),
            (left + 7, top),
            (left, top + 7),
            (left + 7, top + 7),
        ] {
            assert_eq!(grey(x, y), 153, "({x}, {y})");
        }
        for (x, y) in [
            (left - 1, top),
            (left + 8, top),
            (left, top - 1),
            (left, top + 8),
        ] {
            assert_eq!(grey(x, y), 0, "({x}, {y})");
        }
        // The gap between images is white background.
        assert_eq!(grey(origin.0 - 1, origin.1), 255);
    }

    #[test]
    fn grey_levels_are_clamped_and_rounded() {
        assert_eq!(grey(-0.5), RGBColor(0, 0, 0));
        assert_eq!(grey(0.5), RGBColor(128, 128, 128));
        assert_eq!(grey(1.0 / 255.0 * 10.4), RGBColor(10, 10, 10));
        assert_eq!(grey(7.0), RGBColor(255, 255, 255));
    }

    #[test]
    fn a_title_wider_than_the_grid_widens_the_picture_and_centres_the_grid() {
        let geometry = Geometry::new(&ImageLayout::DIGITS, &[2], true, false, 400);
        assert_eq!(geometry.size.0, 400 + 2 * MARGIN);
        let grid = 2 * 64 + GAP;
        assert_eq!(geometry.panel_left, [(geometry.size.0 - grid) / 2]);
        assert_eq!(geometry.image_origin(0, 1).1, (MARGIN + TITLE_BAND) as i32);
    }
}
