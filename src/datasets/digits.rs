//! The 1,797 8 × 8 handwritten digits of the UCI "Optical Recognition of Handwritten Digits"
//! data set (Alpaydin & Kaynak 1998; the test part, as scikit-learn ships it), compiled into the
//! crate from `data/digits.csv.gz` — provenance and licences in `data/README.md`.
//!
//! Each line of the file is 64 pixel levels `0 … 16` (row-major: 32 × 32 bitmaps with the
//! number of set pixels counted in each 4 × 4 block) followed by the label 0–9.

use super::{gunzip, DatasetError, LabelledImages};
use ndarray::Array2;
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
    parse_digits_csv(name, &text).unwrap_or_else(|e| panic!("{e}"))
}

/// Parses lines of 64 levels `0 … 16` and a label `0 … 9`, comma separated.
///
/// # Errors
/// [`DatasetError::Malformed`] naming `path`, the line and what is wrong.
fn parse_digits_csv(path: &Path, bytes: &[u8]) -> Result<LabelledImages, DatasetError> {
    let malformed = |line, reason: String| DatasetError::Malformed {
        path: path.to_owned(),
        line,
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| malformed(0, format!("not UTF-8: {e}")))?;
    let mut levels = Vec::new();
    let mut labels = Vec::new();
    for (index, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let line_number = index + 1;
        let fields: Vec<&str> = line.trim().split(',').collect();
        if fields.len() != 65 {
            let reason = format!("{} fields, expected 64 pixels and a label", fields.len());
            return Err(malformed(line_number, reason));
        }
        for (column, field) in fields.iter().enumerate() {
            let limit = if column == 64 { 9 } else { 16 };
            let value = field
                .parse::<u8>()
                .ok()
                .filter(|&v| v <= limit)
                .ok_or_else(|| {
                    let reason = format!(
                        "field {} = `{field}` is not an integer 0–{limit}",
                        column + 1
                    );
                    malformed(line_number, reason)
                })?;
            if column == 64 {
                labels.push(value);
            } else {
                levels.push(value);
            }
        }
    }
    let levels = Array2::from_shape_vec((labels.len(), 64), levels).expect("64 levels per label");
    Ok(LabelledImages::new(levels, labels, (8, 8), 16))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_named_with_its_number_and_field() {
        let good = format!("{},3\n", ["0"; 64].join(","));
        let bad = format!("{good}{},3\n", ["17"; 64].join(","));
        let error = parse_digits_csv(Path::new("d.csv"), bad.as_bytes()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "d.csv: line 2: field 1 = `17` is not an integer 0–16"
        );
        let short = parse_digits_csv(Path::new("d.csv"), b"1,2,3\n").unwrap_err();
        assert_eq!(
            short.to_string(),
            "d.csv: line 1: 3 fields, expected 64 pixels and a label"
        );
        let parsed = parse_digits_csv(Path::new("d.csv"), good.as_bytes()).unwrap();
        assert_eq!((parsed.len(), parsed.labels()), (1, &[3u8][..]));
    }
}
