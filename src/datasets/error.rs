//! What can be wrong with a data set's parameters or with the files a user points to.

use std::path::PathBuf;

/// Why a data set could not be built or loaded. Every file error names the file.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    /// A parameter of a synthetic data set that training cannot use.
    #[error("{argument}: {reason}")]
    InvalidArgument {
        /// The argument's name.
        argument: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The file could not be opened or read.
    #[error("{}: cannot read the file: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The file starts like gzip (bytes `1f 8b`) but does not decompress.
    #[error("{}: not a valid gzip stream (truncated or corrupt): {source}", path.display())]
    Gzip {
        /// The file.
        path: PathBuf,
        /// The decoder's error.
        source: std::io::Error,
    },
    /// The IDX magic number is not the one of the expected kind of file.
    #[error("{}: wrong magic number 0x{found:08x}, expected 0x{expected:08x} ({what})", path.display())]
    WrongMagic {
        /// The file.
        path: PathBuf,
        /// What the file should hold, e.g. "IDX images: unsigned bytes, 3 dimensions".
        what: &'static str,
        /// The magic number expected.
        expected: u32,
        /// The first four bytes, big-endian.
        found: u32,
    },
    /// The file is shorter than its header says.
    #[error("{}: truncated: the {part} needs {expected} bytes, the file has {found}", path.display())]
    Truncated {
        /// The file.
        path: PathBuf,
        /// "header" or "data".
        part: &'static str,
        /// Bytes the header announces (header included).
        expected: usize,
        /// Bytes found (after decompression).
        found: usize,
    },
    /// The IDX header's sizes multiply to more elements than a `usize` can count.
    #[error("{}: the header announces {} elements, more than this machine can address", path.display(), join_sizes(sizes))]
    SizeOverflow {
        /// The file.
        path: PathBuf,
        /// The sizes the header announces.
        sizes: Vec<usize>,
    },
    /// Bytes follow the end of the gzip stream that are not another gzip member.
    #[error("{}: {count} bytes after the end of the gzip stream at byte {offset}: the file is damaged or has something appended", path.display())]
    GzipTrailing {
        /// The file.
        path: PathBuf,
        /// Where the stray bytes start (in the compressed file).
        offset: usize,
        /// How many there are.
        count: usize,
    },
    /// Images of another size than the caller needs (`LabelledImages::expect_image_shape`).
    #[error("the images are {} × {} pixels, expected {} × {}", found.0, found.1, expected.0, expected.1)]
    ImageShape {
        /// `(height, width)` needed.
        expected: (usize, usize),
        /// `(height, width)` of the images.
        found: (usize, usize),
    },
    /// The file is longer than its header says.
    #[error("{}: {found} bytes, but the header announces {expected}", path.display())]
    TrailingBytes {
        /// The file.
        path: PathBuf,
        /// Bytes the header announces (header included).
        expected: usize,
        /// Bytes found.
        found: usize,
    },
    /// An image file and its label file hold different numbers of items.
    #[error("{} holds {image_count} images but {} holds {label_count} labels", images.display(), labels.display())]
    CountMismatch {
        /// The image file.
        images: PathBuf,
        /// Its number of images.
        image_count: usize,
        /// The label file.
        labels: PathBuf,
        /// Its number of labels.
        label_count: usize,
    },
    /// A label that is not a digit 0–9.
    #[error("{}: label {label} at index {index} is not a digit 0–9", path.display())]
    InvalidLabel {
        /// The file.
        path: PathBuf,
        /// Position of the label.
        index: usize,
        /// The value found.
        label: u8,
    },
    /// None of the usual names of a file was found in the folder.
    #[error("no {what} file in {}: looked for {tried}", dir.display())]
    MissingFile {
        /// The folder given with `--data`.
        dir: PathBuf,
        /// Which file, e.g. "training images".
        what: &'static str,
        /// The names tried, comma separated.
        tried: String,
    },
    /// A line of a text data file that does not parse.
    #[error("{}: line {line}: {reason}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// `a × b × c`.
fn join_sizes(sizes: &[usize]) -> String {
    sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(" × ")
}
