//! PNG figures for the notebooks and examples, drawn with plotters and no system library.
//!
//! | function | figure | notebook |
//! |---|---|---|
//! | [`line_plot`] | named curves, legend, dashed reference lines (JS saturating at ln 2, the p_data / p_G / D / D* panel) | `04_js_divergence.md`, `05_minimax_value.md` |
//! | [`loss_curves`] | D and G losses with their equilibrium values (log 4, log 2) | `01_core_idea.md` |
//! | [`scatter_over_heatmap`] | D(x) over the plane as a colour map, generator samples and true modes on top | `06_mode_collapse.md` |
//! | [`image_grid`], [`image_grids`] | grayscale images in a grid (8×8 digits, 28×28 MNIST), several grids side by side | `06_mode_collapse.md` |
//! | [`diagram`] | boxes joined by arrows: values forward (solid), gradients backward (dashed) | `00_autograd.md`, `01_core_idea.md` |
//!
//! Every function checks its input (NaN or ±∞ is an error naming the series and index, never a
//! gap in a curve; data spanning more than an `f64` holds is [`PlotError::SpanTooWide`]; a
//! picture over [`MAX_SIDE`] pixels on a side or [`MAX_PIXELS`] in all is
//! [`PlotError::TooLarge`]), creates missing parent folders, and writes the PNG with
//! [`crate::io::write_atomic`], so an existing plot is never left half-overwritten.
//!
//! Text is set in DejaVu Sans, compiled into the crate from `assets/fonts/DejaVuSans.ttf`
//! (Debian's `fonts-dejavu-core`, Bitstream Vera licence, see `assets/fonts/DejaVuSans-LICENSE.txt`)
//! and handed to plotters' `ab_glyph` renderer: no fontconfig, no FreeType.
//!
//! # Examples
//! ```no_run
//! use adversarial::plot::{line_plot, LineFigure, ReferenceLine, Series};
//!
//! let separation: Vec<f64> = (0..=50).map(|i| f64::from(i) * 0.1).collect();
//! let js = separation.iter().map(|&d| (d, std::f64::consts::LN_2 * (1.0 - (-d * d).exp())));
//! let figure = LineFigure::new("JS divergence vs separation", "separation", "JSD (nats)")
//!     .series(Series::new("JSD(p ‖ q)", js))
//!     .reference(ReferenceLine::new("ln 2", std::f64::consts::LN_2));
//! line_plot("out/js.png", &figure)?;
//! # Ok::<(), adversarial::plot::PlotError>(())
//! ```

mod axes;
mod canvas;
mod diagram;
mod error;
mod figure;
mod heatmap;
mod images;
mod line;
mod output;

pub use diagram::{diagram, Block, BlockId, Diagram, GRADIENT_RED};
pub use error::PlotError;
pub use figure::{LegendPosition, LineFigure, ReferenceLine, Series};
pub use heatmap::{scatter_over_heatmap, Heatmap};
pub use images::{image_grid, image_grids, ImageLayout};
pub use line::{line_plot, loss_curves};

/// The largest width or height of a picture, in pixels.
pub const MAX_SIDE: u64 = 16_384;
/// The largest number of pixels in a picture (64 megapixels, a 192 MB RGB buffer).
pub const MAX_PIXELS: u64 = 64 << 20;

/// An opaque 8-bit RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    /// Red, 0–255.
    pub red: u8,
    /// Green, 0–255.
    pub green: u8,
    /// Blue, 0–255.
    pub blue: u8,
}

impl Colour {
    /// The colour with these red, green and blue levels.
    pub const fn rgb(red: u8, green: u8, blue: u8) -> Self {
        Self { red, green, blue }
    }

    /// Blue, the first colour of [`Colour::PALETTE`].
    pub const BLUE: Self = Self::rgb(31, 119, 180);
    /// Orange.
    pub const ORANGE: Self = Self::rgb(255, 127, 14);
    /// Green.
    pub const GREEN: Self = Self::rgb(44, 160, 44);
    /// Red.
    pub const RED: Self = Self::rgb(214, 39, 40);
    /// Purple.
    pub const PURPLE: Self = Self::rgb(148, 103, 189);
    /// Brown.
    pub const BROWN: Self = Self::rgb(140, 86, 75);
    /// Pink.
    pub const PINK: Self = Self::rgb(227, 119, 194);
    /// Grey, the default colour of a [`ReferenceLine`].
    pub const GREY: Self = Self::rgb(127, 127, 127);
    /// Olive.
    pub const OLIVE: Self = Self::rgb(188, 189, 34);
    /// Cyan.
    pub const CYAN: Self = Self::rgb(23, 190, 207);
    /// Black.
    pub const BLACK: Self = Self::rgb(0, 0, 0);

    /// The colours a series without its own colour gets, in order (matplotlib's "tab10").
    pub const PALETTE: [Self; 10] = [
        Self::BLUE,
        Self::ORANGE,
        Self::GREEN,
        Self::RED,
        Self::PURPLE,
        Self::BROWN,
        Self::PINK,
        Self::GREY,
        Self::OLIVE,
        Self::CYAN,
    ];

    /// The same colour as plotters' type.
    fn to_rgb(self) -> plotters::style::RGBColor {
        plotters::style::RGBColor(self.red, self.green, self.blue)
    }
}
