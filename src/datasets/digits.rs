//! The 1,797 8 × 8 handwritten digits of the UCI "Optical Recognition of Handwritten Digits"
//! data set (Alpaydin & Kaynak 1998; the test part, as scikit-learn ships it), compiled into the
//! crate from `data/digits.csv.gz` — provenance and licences in `data/README.md`.
//!
//! Each line of the file is 64 pixel levels `0 … 16` (row-major: 32 × 32 bitmaps with the
//! number of set pixels counted in each 4 × 4 block) followed by the label 0–9.

use super::labelled_csv::parse_labelled_csv;
use super::{gunzip, LabelledImages};
use std::path::Path;

/// The compressed CSV, as scikit-learn 1.9.1 ships it (`sklearn/datasets/data/digits.csv.gz`).
const DIGITS_CSV_GZ: &[u8] = include_bytes!("../../data/digits.csv.gz");

/// Number of images in the file.
pub const DIGIT_COUNT: usize = 1797;

/// The 1,797 UCI digits, 8 × 8, levels `0 … 16`, handed out in `[0, 1]` (`v/16`).
///
/// # Panics
/// Never with the file the crate ships (the tests parse it); the message would name
/// `data/digits.csv.gz` and the bad line.
pub fn digits() -> LabelledImages {
    let name = Path::new("data/digits.csv.gz");
    let text = gunzip(name, DIGITS_CSV_GZ).expect("data/digits.csv.gz is valid gzip");
    parse_labelled_csv(name, &text, (8, 8), 16).unwrap_or_else(|e| panic!("{e}"))
}
