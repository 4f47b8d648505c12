//! The shipped image files' format: one image a line, its pixel levels `0 … max_level`
//! (row-major) and then its label `0 … 9`, comma separated (`data/digits.csv.gz`,
//! `data/mnist_5k.csv.gz`; see `data/README.md`).

use super::{DatasetError, LabelledImages};
use ndarray::Array2;
use std::path::Path;

/// Parses lines of `rows · cols` levels `0 … max_level` and a label `0 … 9`; blank lines are
/// skipped.
///
/// # Errors
/// [`DatasetError::Malformed`] naming `path`, the line and what is wrong: not UTF-8, the
/// wrong number of fields (checked first), or a field that is not an integer in its range.
pub(super) fn parse_labelled_csv(
    path: &Path,
    bytes: &[u8],
    (rows, cols): (usize, usize),
    max_level: u8,
) -> Result<LabelledImages, DatasetError> {
    let pixels = rows * cols;
    let malformed = |line, reason: String| DatasetError::Malformed {
        path: path.to_owned(),
        line,
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| malformed(0, format!("not UTF-8: {e}")))?;
    let mut levels = Vec::new();
    let mut labels = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let line_number = index + 1;
        let fields = line.split(',').count();
        if fields != pixels + 1 {
            let reason = format!("{fields} fields, expected {pixels} pixels and a label");
            return Err(malformed(line_number, reason));
        }
        for (column, field) in line.split(',').enumerate() {
            let limit = if column == pixels { 9 } else { max_level };
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
            if column == pixels {
                labels.push(value);
            } else {
                levels.push(value);
            }
        }
    }
    let levels =
        Array2::from_shape_vec((labels.len(), pixels), levels).expect("whole lines of levels");
    Ok(LabelledImages::new(levels, labels, (rows, cols), max_level))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_named_with_its_number_and_field() {
        let parse =
            |text: &str| parse_labelled_csv(Path::new("d.csv"), text.as_bytes(), (2, 2), 16);
        let good = "0,1,2,16,3\n";
        let error = parse(&format!("{good}\n0,17,0,0,3\n")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "d.csv: line 3: field 2 = `17` is not an integer 0–16"
        );
        let label = parse("0,0,0,0,10\n").unwrap_err();
        assert_eq!(
            label.to_string(),
            "d.csv: line 1: field 5 = `10` is not an integer 0–9"
        );
        for (text, fields) in [("1,2,3\n", 3), ("0,0,0,0,3,4\n", 6), ("99,0,0,0,0,3\n", 6)] {
            assert_eq!(
                parse(text).unwrap_err().to_string(),
                format!("d.csv: line 1: {fields} fields, expected 4 pixels and a label")
            );
        }
        let invalid = parse_labelled_csv(Path::new("d.csv"), &[0xff, b'\n'], (2, 2), 16);
        assert!(invalid.unwrap_err().to_string().contains("not UTF-8"));
        let parsed = parse(good).unwrap();
        assert_eq!((parsed.len(), parsed.labels()), (1, &[3u8][..]));
        assert_eq!(parsed.levels().row(0).to_vec(), [0, 1, 2, 16]);
        assert_eq!((parsed.image_shape(), parsed.max_level()), ((2, 2), 16));
    }
}
