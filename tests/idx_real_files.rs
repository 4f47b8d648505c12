//! The IDX loader on real files: Fashion-MNIST (Xiao, Rasul & Vollgraf 2017) as Debian's
//! `dataset-fashion-mnist` package installs it (`apt-get install -y dataset-fashion-mnist`).
//! Without the package the test prints why it checked nothing and passes.

use adversarial::datasets::{mnist, read_idx_images, read_idx_labels, MnistSplit};
use std::path::Path;

/// Where `dpkg -L dataset-fashion-mnist` lists the four gzip IDX files.
const FASHION_MNIST: &str = "/usr/share/datasets/fashion-mnist";

#[test]
fn fashion_mnist_idx_files_read_with_their_sizes_labels_and_known_pixels() {
    let dir = Path::new(FASHION_MNIST);
    if !dir.join("train-images-idx3-ubyte.gz").is_file() {
        eprintln!(
            "\n*** skipped: no Fashion-MNIST IDX files in {FASHION_MNIST}; \
             install dataset-fashion-mnist (apt-get install -y dataset-fashion-mnist) ***\n"
        );
        return;
    }
    let train = mnist(dir, MnistSplit::Train).unwrap();
    let test = mnist(dir, MnistSplit::Test).unwrap();
    assert_eq!((train.len(), train.image_shape()), (60_000, (28, 28)));
    assert_eq!((test.len(), test.image_shape()), (10_000, (28, 28)));
    let counts = |labels: &[u8]| {
        let mut counts = [0usize; 10];
        labels.iter().for_each(|&l| counts[usize::from(l)] += 1);
        counts
    };
    assert_eq!(counts(train.labels()), [6000; 10]);
    assert_eq!(counts(test.labels()), [1000; 10]);
    // Computed once with python's gzip module, independently of this crate:
    // python3 -c "import gzip; d='/usr/share/datasets/fashion-mnist/'; [print(s, list(gzip.open(d+s+'-labels-idx1-ubyte.gz').read()[8:18]), sum(gzip.open(d+s+'-images-idx3-ubyte.gz').read()[16:800])) for s in ('train', 't10k')]"
    // → train [9, 0, 0, 3, 0, 2, 7, 2, 5, 5] 76247
    //   t10k [9, 2, 1, 1, 6, 1, 4, 6, 5, 7] 33456
    assert_eq!(&train.labels()[..10], &[9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    assert_eq!(&test.labels()[..10], &[9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    let first_sum = |data: &adversarial::datasets::LabelledImages| {
        data.levels()
            .row(0)
            .iter()
            .map(|&v| u32::from(v))
            .sum::<u32>()
    };
    assert_eq!((first_sum(&train), first_sum(&test)), (76_247, 33_456));
    // The lower-level readers agree with the loader.
    let (levels, shape) = read_idx_images(&dir.join("t10k-images-idx3-ubyte.gz")).unwrap();
    assert_eq!((levels, shape), (test.levels().to_owned(), (28, 28)));
    let labels = read_idx_labels(&dir.join("t10k-labels-idx1-ubyte.gz")).unwrap();
    assert_eq!(labels, test.labels());
    // Pixels are handed out in [0, 1] as v/255.
    let pixels = test.to_array::<f64>();
    assert!((pixels.row(0).sum() - 33_456.0 / 255.0).abs() < 1e-9);
}
