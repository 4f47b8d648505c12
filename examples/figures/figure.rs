//! One picture a notebook or the README shows: where it lives and how to draw it.

use crate::common;
use std::path::Path;

/// A picture: its path from the repository's root, and the function that draws it.
pub struct Figure {
    /// E.g. `notebooks-md/figures/07_sliding_supports.png`.
    pub path: &'static str,
    /// Draws the picture into the file at the given path (overwriting it).
    pub render: fn(&Path) -> common::Result,
}
