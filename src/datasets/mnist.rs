//! MNIST (LeCun, Cortes & Burges) from the IDX files a user has downloaded, raw or gzip.
//! Nothing is fetched: the user points to a folder (`--data DIR` in `examples/gan_mnist.rs`).
//!
//! IDX format (big-endian):
//! ```text
//! bytes 0–1  0x0000
//! byte  2    element type (0x08 = unsigned byte)
//! byte  3    number of dimensions d
//! then       d sizes as u32, then Π sizes elements, row-major
//! images: magic 0x00000803, sizes (n, 28, 28)      labels: magic 0x00000801, size (n)
//! ```

use super::{read_maybe_gzip, DatasetError, LabelledImages};
use ndarray::Array2;
use std::path::{Path, PathBuf};

/// Magic number of an IDX file of unsigned bytes with 3 dimensions (images).
pub const IDX_IMAGES_MAGIC: u32 = 0x0000_0803;
/// Magic number of an IDX file of unsigned bytes with 1 dimension (labels).
pub const IDX_LABELS_MAGIC: u32 = 0x0000_0801;

/// `(height, width)` of an MNIST image; [`mnist`] loads any size the files hold, so a caller
/// that needs MNIST's checks it with [`LabelledImages::expect_image_shape`].
pub const MNIST_IMAGE_SHAPE: (usize, usize) = (28, 28);

/// Which half of MNIST to load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MnistSplit {
    /// The 60,000 training images (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`).
    Train,
    /// The 10,000 test images (`t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`).
    Test,
}

/// The images and labels of `split` from the folder `dir`, levels `0 … 255` handed out in
/// `[0, 1]`. Each file is looked for under its usual names: `train-images-idx3-ubyte`,
/// the same with `.gz`, and `train-images.idx3-ubyte` (and likewise for the others).
/// The images have the size the files say (Fashion-MNIST and small test files share the
/// format); chain [`LabelledImages::expect_image_shape`]`(`[`MNIST_IMAGE_SHAPE`]`)` where
/// 28 × 28 is needed.
///
/// # Errors
/// [`DatasetError::MissingFile`] listing the names tried, and the errors of
/// [`read_idx_images`], [`read_idx_labels`] and [`labelled_images_from_idx`].
pub fn mnist(dir: impl AsRef<Path>, split: MnistSplit) -> Result<LabelledImages, DatasetError> {
    let dir = dir.as_ref();
    let (prefix, images_what, labels_what) = match split {
        MnistSplit::Train => ("train", "MNIST training images", "MNIST training labels"),
        MnistSplit::Test => ("t10k", "MNIST test images", "MNIST test labels"),
    };
    let images = find_file(dir, prefix, "images", "idx3", images_what)?;
    let labels = find_file(dir, prefix, "labels", "idx1", labels_what)?;
    labelled_images_from_idx(&images, &labels)
}

/// Images from `images_path` with labels from `labels_path`, levels `0 … 255`.
///
/// # Errors
/// The errors of [`read_idx_images`] and [`read_idx_labels`];
/// [`DatasetError::CountMismatch`] naming both files if their counts differ;
/// [`DatasetError::InvalidLabel`] for a label above 9.
pub fn labelled_images_from_idx(
    images_path: &Path,
    labels_path: &Path,
) -> Result<LabelledImages, DatasetError> {
    let (levels, shape) = read_idx_images(images_path)?;
    let labels = read_idx_labels(labels_path)?;
    if labels.len() != levels.nrows() {
        return Err(DatasetError::CountMismatch {
            images: images_path.to_owned(),
            image_count: levels.nrows(),
            labels: labels_path.to_owned(),
            label_count: labels.len(),
        });
    }
    if let Some(index) = labels.iter().position(|&l| l > 9) {
        return Err(DatasetError::InvalidLabel {
            path: labels_path.to_owned(),
            index,
            label: labels[index],
        });
    }
    Ok(LabelledImages::new(levels, labels, shape, 255))
}

/// The images of an IDX image file (raw or gzip): `(n × rows·columns levels, (rows, columns))`.
///
/// # Errors
/// [`DatasetError::Io`], [`DatasetError::Gzip`]; [`DatasetError::WrongMagic`] if the file
/// does not start with `0x00000803`; [`DatasetError::SizeOverflow`] if its sizes multiply past
/// `usize`; [`DatasetError::Truncated`] if it ends before its header or its data;
/// [`DatasetError::TrailingBytes`] if it goes on after them.
pub fn read_idx_images(path: &Path) -> Result<(Array2<u8>, (usize, usize)), DatasetError> {
    let what = "IDX images: unsigned bytes, 3 dimensions";
    let (sizes, data) = read_idx(path, IDX_IMAGES_MAGIC, what)?;
    let (n, rows, columns) = (sizes[0], sizes[1], sizes[2]);
    // rows·columns divides n·rows·columns when n > 0; for n = 0 it is checked here.
    let pixels = rows
        .checked_mul(columns)
        .filter(|&p| isize::try_from(p).is_ok())
        .ok_or_else(|| DatasetError::SizeOverflow {
            path: path.to_owned(),
            sizes: sizes.clone(),
        })?;
    let levels = Array2::from_shape_vec((n, pixels), data).expect("n·pixels elements, checked");
    Ok((levels, (rows, columns)))
}

/// The labels of an IDX label file (raw or gzip).
///
/// # Errors
/// As [`read_idx_images`], with the magic number `0x00000801`.
pub fn read_idx_labels(path: &Path) -> Result<Vec<u8>, DatasetError> {
    let what = "IDX labels: unsigned bytes, 1 dimension";
    Ok(read_idx(path, IDX_LABELS_MAGIC, what)?.1)
}

/// The sizes and the elements of an IDX file of unsigned bytes with the given magic number.
fn read_idx(
    path: &Path,
    magic: u32,
    what: &'static str,
) -> Result<(Vec<usize>, Vec<u8>), DatasetError> {
    let bytes = read_maybe_gzip(path)?;
    let truncated = |part, expected| DatasetError::Truncated {
        path: path.to_owned(),
        part,
        expected,
        found: bytes.len(),
    };
    let word = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    if bytes.len() < 4 {
        return Err(truncated("header", 4));
    }
    if word(0) != magic {
        return Err(DatasetError::WrongMagic {
            path: path.to_owned(),
            what,
            expected: magic,
            found: word(0),
        });
    }
    let dimensions = (magic & 0xff) as usize;
    let header = 4 + 4 * dimensions;
    if bytes.len() < header {
        return Err(truncated("header", header));
    }
    let sizes: Vec<usize> = (0..dimensions).map(|d| word(4 + 4 * d) as usize).collect();
    // Checked: (2^31, 2^31, 4) would wrap to 0 elements and pass for an empty file.
    let expected = (sizes.iter().try_fold(1usize, |n, &s| n.checked_mul(s)))
        .and_then(|elements| elements.checked_add(header))
        .ok_or_else(|| DatasetError::SizeOverflow {
            path: path.to_owned(),
            sizes: sizes.clone(),
        })?;
    if bytes.len() < expected {
        return Err(truncated("data", expected));
    }
    if bytes.len() > expected {
        return Err(DatasetError::TrailingBytes {
            path: path.to_owned(),
            expected,
            found: bytes.len(),
        });
    }
    Ok((sizes, bytes[header..].to_vec()))
}

/// The first of `{prefix}-{kind}-{idx}-ubyte`, the same with `.gz`, `{prefix}-{kind}.{idx}-ubyte`
/// that exists in `dir`.
fn find_file(
    dir: &Path,
    prefix: &str,
    kind: &str,
    idx: &str,
    what: &'static str,
) -> Result<PathBuf, DatasetError> {
    let names = [
        format!("{prefix}-{kind}-{idx}-ubyte"),
        format!("{prefix}-{kind}-{idx}-ubyte.gz"),
        format!("{prefix}-{kind}.{idx}-ubyte"),
    ];
    names
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())
        .ok_or_else(|| DatasetError::MissingFile {
            dir: dir.to_owned(),
            what,
            tried: names.join(", "),
        })
}
