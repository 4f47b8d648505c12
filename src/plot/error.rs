//! The one error type of the plotting functions: every message names the PNG file it was for.

use std::path::PathBuf;

/// Why a figure could not be written. Every variant names the file (`path`) the figure was
/// meant for and says what, in the input or on disk, went wrong.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// A point of a series (or of the scatter points) is NaN or infinite.
    #[error("plot {path}: point {index} of series \"{series}\" is ({x}, {y}); coordinates must be finite")]
    NonFinitePoint {
        /// The figure's file.
        path: PathBuf,
        /// The series' name.
        series: String,
        /// The point's index in the series.
        index: usize,
        /// The point's x.
        x: f64,
        /// The point's y.
        y: f64,
    },
    /// A single value (reference line, heatmap cell, image pixel) is NaN or infinite.
    #[error("plot {path}: {what} is {value}; it must be finite")]
    NonFiniteValue {
        /// The figure's file.
        path: PathBuf,
        /// Which value, e.g. `image 3, pixel 17 of panel "generated"`.
        what: String,
        /// The value found.
        value: f64,
    },
    /// A series point has y ≤ 0 on a logarithmic y axis.
    #[error("plot {path}: point {index} of series \"{series}\" has y = {y}; a log-scale y axis needs y > 0")]
    NonPositiveOnLogAxis {
        /// The figure's file.
        path: PathBuf,
        /// The series (or reference line) name.
        series: String,
        /// The point's index in the series.
        index: usize,
        /// The offending y.
        y: f64,
    },
    /// A value lies outside the interval the figure can show (heatmap values must be in \[0, 1\]).
    #[error("plot {path}: {what} is {value}; it must lie in [{low}, {high}]")]
    OutOfRange {
        /// The figure's file.
        path: PathBuf,
        /// Which value.
        what: String,
        /// The value found.
        value: f64,
        /// Lower bound.
        low: f64,
        /// Upper bound.
        high: f64,
    },
    /// An axis range is not a finite interval with `low < high`.
    #[error("plot {path}: {what} [{low}, {high}] is not a finite interval with low < high")]
    InvalidRange {
        /// The figure's file.
        path: PathBuf,
        /// Which range, e.g. `heatmap x_range`.
        what: String,
        /// Lower end given.
        low: f64,
        /// Upper end given.
        high: f64,
    },
    /// The values of one axis span more than an `f64` holds (or, on a log axis, more decades
    /// than plotters can divide): the figure cannot map them to pixels.
    #[error(
        "plot {path}: the {axis} values run from {low} (series \"{low_series}\") to {high} \
         (series \"{high_series}\"), a span too wide to draw; rescale the data"
    )]
    SpanTooWide {
        /// The figure's file.
        path: PathBuf,
        /// `"x"`, `"y"` or `"log10 y"`.
        axis: &'static str,
        /// The smallest value (its log10 on a log axis).
        low: f64,
        /// The series holding it.
        low_series: String,
        /// The largest value (its log10 on a log axis).
        high: f64,
        /// The series holding it.
        high_series: String,
    },
    /// The picture would be larger than [`MAX_SIDE`](super::MAX_SIDE) pixels on a side or
    /// [`MAX_PIXELS`](super::MAX_PIXELS) in all (or its size overflows `u32`).
    #[error(
        "plot {path}: the picture would be {width} × {height} pixels; the limit is 1 to 16384 \
         on a side and 64 megapixels in all"
    )]
    TooLarge {
        /// The figure's file.
        path: PathBuf,
        /// Width asked for, in pixels (saturated at `u64::MAX`).
        width: u64,
        /// Height asked for, in pixels.
        height: u64,
    },
    /// Two inputs that must have matching lengths do not.
    #[error("plot {path}: {what} has length {found}, expected {expected}")]
    LengthMismatch {
        /// The figure's file.
        path: PathBuf,
        /// Which input.
        what: String,
        /// Length required.
        expected: usize,
        /// Length found.
        found: usize,
    },
    /// Nothing to draw, or a size that must be at least 1 is 0.
    #[error("plot {path}: {what} is empty")]
    Empty {
        /// The figure's file.
        path: PathBuf,
        /// What is empty, e.g. `the figure's series` or `layout.columns`.
        what: String,
    },
    /// The folder that should hold the PNG could not be created.
    #[error("plot {path}: could not create its folder: {source}")]
    CreateFolder {
        /// The figure's file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// plotters failed while drawing or encoding the PNG.
    #[error("plot {path}: drawing failed: {message}")]
    Draw {
        /// The figure's file.
        path: PathBuf,
        /// plotters' description of the failure.
        message: String,
    },
    /// The finished PNG could not be written (or moved into place).
    #[error("plot {path}: could not write the image: {source}")]
    Write {
        /// The figure's file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
}
