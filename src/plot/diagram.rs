//! Block diagrams drawn by code: labelled boxes joined by labelled arrows, for the pictures
//! that are not plots of data — the tape of `00_autograd.md` and the seed's three pictures in
//! `01_core_idea.md` (the z → G → D pipeline, D's step, G's step through a frozen D).
//!
//! Positions are pixels from the picture's top-left corner. An arrow runs between two boxes,
//! from the edge of the first to the edge of the second along the line joining their centres;
//! a solid arrow is a forward pass (a value), a dashed one a backward pass (a gradient).

use std::path::Path;

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::canvas::{fitting_size, text_width, FONT};
use super::output::{write_png, Area, DrawResult};
use super::{Colour, PlotError};

/// Which box of a [`Diagram`] an arrow starts or ends at (made by [`Diagram::block`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockId(usize);

/// A box: its text (lines split at `\n`), centre and size in pixels, fill, and whether its
/// border is dashed (a frozen network: its weights enter the step as constants).
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    label: String,
    centre: (i32, i32),
    size: (u32, u32),
    fill: Colour,
    dashed: bool,
}

impl Block {
    /// A white box with a solid border, `size` = (width, height) pixels, centred at `centre`.
    pub fn new(label: impl Into<String>, centre: (i32, i32), size: (u32, u32)) -> Self {
        Self {
            label: label.into(),
            centre,
            size,
            fill: Colour::rgb(255, 255, 255),
            dashed: false,
        }
    }

    /// This box filled with `colour`.
    #[must_use]
    pub fn fill(mut self, colour: Colour) -> Self {
        self.fill = colour;
        self
    }

    /// This box with a dashed border.
    #[must_use]
    pub fn dashed(mut self) -> Self {
        self.dashed = true;
        self
    }

    /// Where the ray from the centre towards `target` leaves the box:
    /// ```text
    /// c + t·d,   d = target − c,   t = min(½w/|d_x|, ½h/|d_y|)
    /// ```
    /// (the centre itself when `target` is the centre).
    fn edge_towards(&self, target: (f64, f64)) -> (f64, f64) {
        let (cx, cy) = (f64::from(self.centre.0), f64::from(self.centre.1));
        let (dx, dy) = (target.0 - cx, target.1 - cy);
        let half = (f64::from(self.size.0) / 2.0, f64::from(self.size.1) / 2.0);
        let t = match (dx == 0.0, dy == 0.0) {
            (true, true) => 0.0,
            (true, false) => half.1 / dy.abs(),
            (false, true) => half.0 / dx.abs(),
            (false, false) => (half.0 / dx.abs()).min(half.1 / dy.abs()),
        };
        (cx + t * dx, cy + t * dy)
    }

    fn centre(&self) -> (f64, f64) {
        (f64::from(self.centre.0), f64::from(self.centre.1))
    }
}

/// An arrow from one box to another, with an optional label beside its middle.
#[derive(Debug, Clone, PartialEq)]
struct Arrow {
    from: BlockId,
    to: BlockId,
    label: String,
    colour: Colour,
    dashed: bool,
}

/// A picture of boxes and arrows, built with [`Diagram::block`], [`Diagram::arrow`] and
/// [`Diagram::gradient`], drawn with [`diagram`].
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    title: String,
    size: (u32, u32),
    blocks: Vec<Block>,
    arrows: Vec<Arrow>,
    notes: Vec<(String, (i32, i32), Colour)>,
}

/// The colour of a backward (gradient) arrow.
pub const GRADIENT_RED: Colour = Colour::rgb(200, 30, 30);

impl Diagram {
    /// An empty `width` × `height` diagram under `title` (may be empty).
    pub fn new(title: impl Into<String>, width: u32, height: u32) -> Self {
        Self {
            title: title.into(),
            size: (width, height),
            blocks: Vec::new(),
            arrows: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Adds a box; its id joins arrows to it.
    pub fn block(&mut self, block: Block) -> BlockId {
        self.blocks.push(block);
        BlockId(self.blocks.len() - 1)
    }

    /// Adds a solid black arrow (a value flowing forward) from `from` to `to`.
    pub fn arrow(&mut self, from: BlockId, to: BlockId, label: impl Into<String>) {
        self.arrows.push(Arrow {
            from,
            to,
            label: label.into(),
            colour: Colour::BLACK,
            dashed: false,
        });
    }

    /// Adds a dashed red arrow (a gradient flowing backward) from `from` to `to`.
    pub fn gradient(&mut self, from: BlockId, to: BlockId, label: impl Into<String>) {
        self.arrows.push(Arrow {
            from,
            to,
            label: label.into(),
            colour: GRADIENT_RED,
            dashed: true,
        });
    }

    /// Adds free text (lines split at `\n`) centred at `position`.
    pub fn note(&mut self, text: impl Into<String>, position: (i32, i32), colour: Colour) {
        self.notes.push((text.into(), position, colour));
    }
}

/// Font sizes of the title, the boxes and the arrow labels and notes.
const TITLE_SIZE: u32 = 24;
const BLOCK_SIZE: u32 = 18;
const LABEL_SIZE: u32 = 16;
/// Length and half-width of an arrowhead, and the gap left between an arrow and a box.
const HEAD_LENGTH: f64 = 14.0;
const HEAD_HALF_WIDTH: f64 = 6.0;
const GAP: f64 = 4.0;
/// How far a gradient arrow runs beside the line between the boxes' centres, in pixels.
const GRADIENT_SHIFT: f64 = 10.0;

/// Draws `diagram` into the PNG file `path`: the boxes, then the arrows between their edges
/// (with an arrowhead at the second box), the labels and the notes.
///
/// # Errors
/// [`PlotError::OutOfRange`] for an arrow whose [`BlockId`] is not a box of this diagram (one
/// made by another diagram), [`PlotError::Empty`] for a diagram without boxes, and the file
/// errors of every plot.
pub fn diagram(path: impl AsRef<Path>, diagram: &Diagram) -> Result<(), PlotError> {
    let path = path.as_ref();
    if diagram.blocks.is_empty() {
        let what = "the diagram's boxes".into();
        return Err(PlotError::Empty {
            path: path.to_owned(),
            what,
        });
    }
    let last = diagram.blocks.len() - 1;
    for (index, arrow) in diagram.arrows.iter().enumerate() {
        for (end, id) in [("start", arrow.from), ("end", arrow.to)] {
            if id.0 > last {
                return Err(PlotError::OutOfRange {
                    path: path.to_owned(),
                    what: format!("the {end} box of arrow {index}"),
                    value: id.0 as f64,
                    low: 0.0,
                    high: last as f64,
                });
            }
        }
    }
    write_png(path, diagram.size, |root| draw_diagram(root, diagram))
}

fn draw_diagram(root: &Area<'_>, diagram: &Diagram) -> DrawResult<()> {
    root.fill(&WHITE)?;
    if !diagram.title.is_empty() {
        let width = diagram.size.0.saturating_sub(28);
        let size = fitting_size(&diagram.title, TITLE_SIZE, width);
        let style = (FONT, size).into_font().color(&BLACK).pos(centred());
        root.draw_text(&diagram.title, &style, (diagram.size.0 as i32 / 2, 24))?;
    }
    for block in &diagram.blocks {
        draw_block(root, block)?;
    }
    for arrow in &diagram.arrows {
        let (from, to) = (&diagram.blocks[arrow.from.0], &diagram.blocks[arrow.to.0]);
        draw_arrow(root, arrow, from, to)?;
    }
    for (text, position, colour) in &diagram.notes {
        draw_lines(root, text, *position, LABEL_SIZE, colour.to_rgb())?;
    }
    Ok(())
}

fn centred() -> Pos {
    Pos::new(HPos::Center, VPos::Center)
}

fn draw_block(root: &Area<'_>, block: &Block) -> DrawResult<()> {
    let (cx, cy) = block.centre;
    let (half_w, half_h) = (block.size.0 as i32 / 2, block.size.1 as i32 / 2);
    let (left, top, right, bottom) = (cx - half_w, cy - half_h, cx + half_w, cy + half_h);
    root.draw(&Rectangle::new(
        [(left, top), (right, bottom)],
        block.fill.to_rgb().filled(),
    ))?;
    let border = BLACK.stroke_width(2);
    let corners = [
        (left, top),
        (right, top),
        (right, bottom),
        (left, bottom),
        (left, top),
    ];
    if block.dashed {
        root.draw(&DashedPathElement::new(corners, 8, 5, border))?;
    } else {
        root.draw(&PathElement::new(corners, border))?;
    }
    draw_lines(root, &block.label, block.centre, BLOCK_SIZE, BLACK)
}

/// `text`'s lines, centred as a whole at `centre`, each at most as wide as the picture allows.
fn draw_lines(
    root: &Area<'_>,
    text: &str,
    centre: (i32, i32),
    size: u32,
    colour: RGBColor,
) -> DrawResult<()> {
    let lines: Vec<&str> = text.lines().collect();
    let spacing = (size as f64 * 1.3).round() as i32;
    let top = centre.1 - spacing * (lines.len() as i32 - 1) / 2;
    for (k, line) in lines.iter().enumerate() {
        let style = (FONT, size).into_font().color(&colour).pos(centred());
        root.draw_text(line, &style, (centre.0, top + spacing * k as i32))?;
    }
    Ok(())
}

fn draw_arrow(root: &Area<'_>, arrow: &Arrow, from: &Block, to: &Block) -> DrawResult<()> {
    let start = from.edge_towards(to.centre());
    let end = to.edge_towards(from.centre());
    let (dx, dy) = (end.0 - start.0, end.1 - start.1);
    let length = dx.hypot(dy);
    if length <= 2.0 * GAP + HEAD_LENGTH {
        return Ok(()); // the boxes touch: no room for an arrow
    }
    let (ux, uy) = (dx / length, dy / length);
    // The side of the line that points up on the page (left for a vertical line): a forward
    // arrow's label goes there; a gradient is drawn beside the line on the other side, so
    // that it stays apart from a forward arrow between the same boxes, with its label below.
    let (nx, ny) = (-uy, ux);
    let up = if ny < 0.0 || (ny == 0.0 && nx < 0.0) {
        (nx, ny)
    } else {
        (-nx, -ny)
    };
    let (side, shift) = if arrow.dashed {
        ((-up.0, -up.1), GRADIENT_SHIFT)
    } else {
        (up, 0.0)
    };
    let moved = |(x, y): (f64, f64), along: f64| {
        (
            x + along * ux + shift * side.0,
            y + along * uy + shift * side.1,
        )
    };
    let start = moved(start, GAP);
    let tip = moved(end, -GAP);
    let base = (tip.0 - HEAD_LENGTH * ux, tip.1 - HEAD_LENGTH * uy);
    let pixel = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
    let colour = arrow.colour.to_rgb();
    let shaft = [pixel(start), pixel(base)];
    if arrow.dashed {
        root.draw(&DashedPathElement::new(shaft, 9, 6, colour.stroke_width(3)))?;
    } else {
        root.draw(&PathElement::new(shaft, colour.stroke_width(3)))?;
    }
    let head = vec![
        pixel(tip),
        pixel((base.0 + HEAD_HALF_WIDTH * nx, base.1 + HEAD_HALF_WIDTH * ny)),
        pixel((base.0 - HEAD_HALF_WIDTH * nx, base.1 - HEAD_HALF_WIDTH * ny)),
    ];
    root.draw(&Polygon::new(head, colour.filled()))?;
    if !arrow.label.is_empty() {
        // Clear of the line by 10 px: half the text's height across a horizontal arrow, half
        // its width beside a vertical one.
        let lines = arrow.label.lines().count() as f64;
        let widest = arrow.label.lines().map(|line| text_width(line, LABEL_SIZE));
        let half_width = 0.5 * f64::from(widest.fold(0.0, f32::max));
        let half_height = 0.65 * f64::from(LABEL_SIZE) * lines;
        let offset = 10.0 + side.0.abs() * half_width + side.1.abs() * half_height;
        let middle = ((start.0 + tip.0) / 2.0, (start.1 + tip.1) / 2.0);
        let at = pixel((middle.0 + offset * side.0, middle.1 + offset * side.1));
        draw_lines(root, &arrow.label, at, LABEL_SIZE, colour)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::output::render;

    #[test]
    fn an_arrow_leaves_a_box_where_the_line_between_centres_crosses_its_edge() {
        let block = Block::new("", (100, 50), (80, 40));
        // Straight right: the right edge, x = 100 + 40.
        assert_eq!(block.edge_towards((300.0, 50.0)), (140.0, 50.0));
        // Steeply down: the bottom edge, y = 50 + 20, at x = 100 + 20·(10/100).
        let (x, y) = block.edge_towards((110.0, 150.0));
        assert!(
            (x - 102.0).abs() < 1e-12 && (y - 70.0).abs() < 1e-12,
            "{x} {y}"
        );
        // Along the diagonal of the box: its corner.
        assert_eq!(block.edge_towards((180.0, 90.0)), (140.0, 70.0));
        assert_eq!(block.edge_towards((100.0, 50.0)), (100.0, 50.0));
    }

    /// The colour at pixel (x, y) of a 400 × 200 RGB buffer.
    fn pixel(buffer: &[u8], (x, y): (i32, i32)) -> RGBColor {
        let start = (y as usize * 400 + x as usize) * 3;
        RGBColor(buffer[start], buffer[start + 1], buffer[start + 2])
    }

    #[test]
    fn boxes_are_filled_and_arrows_drawn_between_their_edges() {
        let fill = Colour::rgb(200, 220, 255);
        let mut picture = Diagram::new("", 400, 200);
        let left = picture.block(Block::new("", (60, 100), (80, 60)).fill(fill));
        let right = picture.block(Block::new("", (340, 100), (80, 60)));
        picture.arrow(left, right, "");
        let (buffer, drawn) = render((400, 200), |root| draw_diagram(root, &picture));
        drawn.unwrap();
        assert_eq!(pixel(&buffer, (60, 100)), fill.to_rgb(), "the box's inside");
        // The shaft runs on row 100 from x = 100 + 4 to the head's base at 300 − 4 − 14.
        for x in [110, 200, 270] {
            assert_eq!(pixel(&buffer, (x, 100)), BLACK, "shaft at x = {x}");
        }
        // The head is a triangle: filled at its axis near the tip, white beyond its corners.
        assert_eq!(pixel(&buffer, (290, 100)), BLACK);
        assert_eq!(pixel(&buffer, (290, 110)), WHITE);
        assert_eq!(pixel(&buffer, (200, 120)), WHITE, "nothing off the line");
    }

    #[test]
    fn a_box_of_another_diagram_is_refused_with_the_arrow_named() {
        let mut other = Diagram::new("", 100, 100);
        other.block(Block::new("a", (20, 20), (10, 10)));
        let far = other.block(Block::new("b", (60, 60), (10, 10)));
        let mut picture = Diagram::new("", 100, 100);
        let only = picture.block(Block::new("c", (50, 50), (10, 10)));
        picture.gradient(only, far, "");
        let error = diagram("never.png", &picture).unwrap_err();
        assert_eq!(
            error.to_string(),
            "plot never.png: the end box of arrow 0 is 1; it must lie in [0, 0]"
        );
        let empty = diagram("never.png", &Diagram::new("", 10, 10)).unwrap_err();
        assert!(matches!(empty, PlotError::Empty { .. }), "{empty}");
    }
}
