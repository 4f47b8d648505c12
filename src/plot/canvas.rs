//! The surface every figure is drawn on: plotters' bitmap, with text set by our own glyph
//! placement from the bundled font.
//!
//! plotters 0.3.7's `ab_glyph` renderer drops each glyph's left side bearing (letters drift
//! apart and together: "gen erator") and puts the baseline so that labels sit about 0.2 em above
//! the point they are anchored on. [`Canvas`] delegates all drawing to [`BitMapBackend`] except
//! text, which it rasterises with `ab_glyph` directly: each glyph at caret + kerning, at its own
//! pixel bounds, with capitals centred vertically in the box plotters lays the text out in.

use std::sync::{Once, OnceLock};

use ab_glyph::{point, Font, FontRef, PxScaleFont, ScaleFont};
use plotters::prelude::BitMapBackend;
use plotters::style::{register_font, FontStyle};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// The font family every text element asks for; [`register_bundled_font`] binds it to DejaVu Sans.
pub(super) const FONT: &str = "sans-serif";

/// DejaVu Sans 2.37, from Debian's `fonts-dejavu-core` (licence: `assets/fonts/DejaVuSans-LICENSE.txt`).
static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The bundled font, parsed once.
///
/// # Panics
/// If the bundled font file does not parse (a broken build, not a user error).
fn bundled_font() -> &'static FontRef<'static> {
    static FONT_REF: OnceLock<FontRef<'static>> = OnceLock::new();
    FONT_REF.get_or_init(|| {
        FontRef::try_from_slice(DEJAVU_SANS).expect("assets/fonts/DejaVuSans.ttf parses")
    })
}

/// Registers the bundled font with plotters under [`FONT`] once per process (plotters measures
/// text with it to lay out charts), so that no system font library is needed.
///
/// # Panics
/// If the bundled font file does not parse (a broken build, not a user error).
pub(super) fn register_bundled_font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        if register_font(FONT, FontStyle::Normal, DEJAVU_SANS).is_err() {
            panic!("the bundled font assets/fonts/DejaVuSans.ttf does not parse");
        }
    });
}

/// A [`BitMapBackend`] whose text is set by [`set_text`].
pub(super) struct Canvas<'a> {
    bitmap: BitMapBackend<'a>,
}

impl<'a> Canvas<'a> {
    pub(super) fn new(bitmap: BitMapBackend<'a>) -> Self {
        Self { bitmap }
    }
}

type CanvasResult =
    Result<(), DrawingErrorKind<<BitMapBackend<'static> as DrawingBackend>::ErrorType>>;

impl DrawingBackend for Canvas<'_> {
    type ErrorType = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.bitmap.get_size()
    }
    fn ensure_prepared(&mut self) -> CanvasResult {
        self.bitmap.ensure_prepared()
    }
    fn present(&mut self) -> CanvasResult {
        self.bitmap.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, colour: BackendColor) -> CanvasResult {
        self.bitmap.draw_pixel(point, colour)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> CanvasResult {
        self.bitmap.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> CanvasResult {
        self.bitmap.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), source: &[u8]) -> CanvasResult {
        self.bitmap.blit_bitmap(pos, size, source)
    }

    /// As plotters' default `draw_text` (anchor, rotation, clipping to the image), with the
    /// glyphs placed by [`set_text`].
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> CanvasResult {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let layout = style
            .layout_box(text)
            .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let ((min_x, min_y), (max_x, max_y)) = layout;
        let (width, height) = (max_x - min_x, max_y - min_y);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let transform = style.transform();
        let (image_width, image_height) = self.get_size();
        let mut result = Ok(());
        set_text(
            text,
            style.size() as f32,
            height as f32,
            |x, y, coverage| {
                let (x, y) = transform.transform(x + dx - min_x, y + dy - min_y);
                let (x, y) = (pos.0 + x, pos.1 + y);
                let inside =
                    (0..image_width as i32).contains(&x) && (0..image_height as i32).contains(&y);
                if inside && result.is_ok() {
                    let ink = BackendColor {
                        alpha: colour.alpha * f64::from(coverage),
                        rgb: colour.rgb,
                    };
                    result = self.bitmap.draw_pixel((x, y), ink);
                }
            },
        );
        result
    }
}

/// Rasterises `text` at `size` px (the font's ascent − descent, as plotters scales it) in a box
/// `box_height` px tall whose top-left corner is (0, 0): glyph i starts at the caret
/// Σ_{j<i} (advance_j + kern_{j,j+1}) plus its own bearing, and the baseline lies where
/// capitals are centred in the box. Calls `plot(x, y, coverage)` for every inked pixel.
fn set_text(text: &str, size: f32, box_height: f32, mut plot: impl FnMut(i32, i32, f32)) {
    let font: PxScaleFont<&FontRef<'static>> = bundled_font().as_scaled(size);
    let baseline = (box_height + cap_height(&font)) / 2.0;
    let mut caret = 0.0f32;
    let mut previous = None;
    for character in text.chars() {
        let id = font.glyph_id(character);
        if let Some(previous) = previous {
            caret += font.kern(previous, id);
        }
        let glyph = id.with_scale_and_position(font.scale(), point(caret, baseline));
        if let Some(outline) = font.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
            outline.draw(|x, y, coverage| plot(left + x as i32, top + y as i32, coverage));
        }
        caret += font.h_advance(id);
        previous = Some(id);
    }
}

/// The width in pixels of `text` set at `size` px: Σ (advance + kerning) over its glyphs.
pub(super) fn text_width(text: &str, size: u32) -> f32 {
    let font: PxScaleFont<&FontRef<'static>> = bundled_font().as_scaled(size as f32);
    let mut width = 0.0f32;
    let mut previous = None;
    for character in text.chars() {
        let id = font.glyph_id(character);
        if let Some(previous) = previous {
            width += font.kern(previous, id);
        }
        width += font.h_advance(id);
        previous = Some(id);
    }
    width
}

/// The largest font size up to `preferred` (and at least [`SMALLEST_TITLE`]) at which `text`
/// fits in `width` pixels: a long title is set smaller instead of running off the picture.
pub(super) fn fitting_size(text: &str, preferred: u32, width: u32) -> u32 {
    let at_preferred = text_width(text, preferred);
    if at_preferred <= width as f32 {
        return preferred;
    }
    // Widths scale with the size: shrink in proportion, then step down past rounding.
    let mut size = ((preferred as f32 * width as f32 / at_preferred).floor() as u32).max(1);
    while size > SMALLEST_TITLE && text_width(text, size) > width as f32 {
        size -= 1;
    }
    size.clamp(SMALLEST_TITLE, preferred)
}

/// The smallest size [`fitting_size`] sets a title at.
pub(super) const SMALLEST_TITLE: u32 = 12;

/// The height of a capital H above the baseline, in pixels.
fn cap_height(font: &PxScaleFont<&FontRef<'static>>) -> f32 {
    let glyph = font.scaled_glyph('H');
    font.outline_glyph(glyph)
        .map_or(0.0, |outline| -outline.px_bounds().min.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The columns that hold ink when `text` is set at 40 px.
    fn inked_columns(text: &str) -> Vec<i32> {
        let mut columns = Vec::new();
        set_text(text, 40.0, 32.0, |x, _, coverage| {
            if coverage > 0.5 {
                columns.push(x);
            }
        });
        columns.sort_unstable();
        columns.dedup();
        columns
    }

    #[test]
    fn each_glyph_starts_at_the_caret_plus_its_bearing() {
        let font = bundled_font().as_scaled(40.0);
        let (n, o) = (font.glyph_id('n'), font.glyph_id('o'));
        // 'o' after 'n': its ink begins after n's advance (+ kerning) and o's left bearing.
        let o_starts = font.h_advance(n) + font.kern(n, o) + font.h_side_bearing(o);
        let alone = inked_columns("n");
        let pair = inked_columns("no");
        let first_of_o = pair.iter().copied().find(|x| !alone.contains(x)).unwrap();
        assert!(
            (first_of_o as f32 - o_starts).abs() <= 1.5,
            "{first_of_o} vs {o_starts}"
        );
        // plotters 0.3.7 would start it one bearing (≈ 2 px here) further left.
        assert!(font.h_side_bearing(o) > 1.5);
    }

    #[test]
    fn a_long_title_is_set_smaller_so_that_it_fits() {
        let title = "step 16000: 6 of 8 modes, 96.8% of samples within 3σ (under the crosses)";
        assert!(
            text_width(title, 24) > 672.0,
            "the title overflows at 24 px"
        );
        let size = fitting_size(title, 24, 672);
        assert!(size < 24 && text_width(title, size) <= 672.0);
        assert!(
            text_width(title, size + 1) > 672.0,
            "{size} is the largest that fits"
        );
        assert_eq!(fitting_size("short", 24, 672), 24);
        // Widths are additive: "ab" is as wide as "a" and "b" side by side, with their kerning.
        let font = bundled_font().as_scaled(24.0);
        let (a, b) = (font.glyph_id('a'), font.glyph_id('b'));
        let by_hand = font.h_advance(a) + font.kern(a, b) + font.h_advance(b);
        assert!((text_width("ab", 24) - by_hand).abs() < 1e-4);
    }

    #[test]
    fn capitals_are_centred_in_the_layout_box() {
        let mut rows = Vec::new();
        set_text("H", 40.0, 32.0, |_, y, coverage| {
            if coverage > 0.5 {
                rows.push(y);
            }
        });
        let (top, bottom) = (*rows.iter().min().unwrap(), *rows.iter().max().unwrap());
        let centre = f64::from(top + bottom + 1) / 2.0;
        assert!(
            (centre - 16.0).abs() <= 1.0,
            "H spans rows {top}..={bottom}"
        );
    }
}
