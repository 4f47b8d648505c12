//! Bad data files: IDX headers whose sizes overflow, gzip with several members or with bytes
//! after its end, images of the wrong size, and every one-byte change and truncation of small
//! IDX files (raw and gzip). Each gives the right data or a typed error, never a panic.
//!
//! Tally (issue 17, class "data files"; `cargo test --release --test bad_input_data_files`):
//! 5,250 inputs tried — 3 overflowing headers, 1 multi-member gzip, 3 tails after a gzip
//! stream, 2 image sizes, 1 file of 0 images; 1,240 one-byte changes and truncations (raw
//! images 340, raw labels 110, their gzip 480 and 310); 4,000 seeded random corruptions of a
//! gzip file. Before the fixes: 2 panics (sizes wrapping to 0 elements), 1 wrong error (sizes
//! `u32::MAX³` reported as "truncated: needs 12884901903 bytes"), 1 valid file rejected
//! (multi-member gzip), 3 silent acceptances of bytes after the stream, 2 × 2 images accepted
//! as MNIST with no way to check; 0 hangs, 0 silent NaNs, and no panic or wrong decode among
//! the changed files. After: 0 panics, 0 hangs, 0 wrong results; every changed `.gz` is
//! rejected or decodes to the original. Not a defect: raw IDX has no checksum, so a changed
//! pixel or label, or sizes changed with the same product, is another valid file (162 of the
//! raw image changes and 27 of the label changes load; nothing can tell them from the original).

use adversarial::datasets::{
    labelled_images_from_idx, mnist, read_idx_images, read_idx_labels, DatasetError,
    LabelledImages, MnistSplit, MNIST_IMAGE_SHAPE,
};
use flate2::{write::GzEncoder, Compression};
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bad-input-data-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn idx_bytes(magic: u32, sizes: &[u32], data: &[u8]) -> Vec<u8> {
    let mut bytes = magic.to_be_bytes().to_vec();
    for s in sizes {
        bytes.extend(s.to_be_bytes());
    }
    bytes.extend(data);
    bytes
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Three 2 × 3 images with levels 0, 10, 20, …
fn small_images() -> Vec<u8> {
    idx_bytes(
        0x803,
        &[3, 2, 3],
        &(0..18).map(|i| i * 10).collect::<Vec<u8>>(),
    )
}

#[test]
fn header_sizes_whose_product_overflows_are_a_typed_error() {
    let dir = scratch("overflow");
    let path = dir.join("images");
    let huge: [[u32; 3]; 3] = [
        [1 << 31, 1 << 31, 4],       // 2^64 elements: wraps to 0 in usize
        [1 << 16, 1 << 24, 1 << 24], // 2^64 again, by another factorisation
        [u32::MAX, u32::MAX, u32::MAX],
    ];
    for sizes in huge {
        std::fs::write(&path, idx_bytes(0x803, &sizes, &[])).unwrap();
        let outcome = catch_unwind(|| read_idx_images(&path));
        let error = outcome
            .unwrap_or_else(|_| panic!("sizes {sizes:?}: panicked"))
            .expect_err("no such file can be read");
        match &error {
            DatasetError::SizeOverflow { sizes: found, .. } => {
                assert_eq!(found, &sizes.map(|s| s as usize).to_vec());
            }
            other => panic!("sizes {sizes:?}: {other}"),
        }
        assert_eq!(
            error.to_string(),
            format!(
                "{}: the header announces {} × {} × {} elements, more than this machine can address",
                path.display(),
                sizes[0],
                sizes[1],
                sizes[2]
            )
        );
    }
}

#[test]
fn a_gzip_file_of_several_members_reads_whole() {
    let dir = scratch("members");
    let images = small_images();
    let path = dir.join("images.gz");
    // `cat a.gz b.gz > c.gz` is one valid gzip file (RFC 1952 §2.2): c decompresses to a ‖ b.
    let (first, second) = images.split_at(11);
    let members = [gzip(first), gzip(second), gzip(&[])].concat();
    std::fs::write(&path, &members).unwrap();
    let (levels, shape) = read_idx_images(&path).unwrap();
    assert_eq!(shape, (2, 3));
    assert_eq!(levels.as_slice().unwrap(), &images[16..]);
}

#[test]
fn bytes_after_the_gzip_stream_are_rejected() {
    let dir = scratch("trailing");
    let path = dir.join("images.gz");
    let compressed = gzip(&small_images());
    for tail in [&b"garbage"[..], &[0u8; 4][..], &[0x1f][..]] {
        std::fs::write(&path, [&compressed[..], tail].concat()).unwrap();
        let error = read_idx_images(&path).expect_err("trailing bytes");
        match &error {
            DatasetError::GzipTrailing { offset, count, .. } => {
                assert_eq!((*offset, *count), (compressed.len(), tail.len()));
            }
            other => panic!("{other}"),
        }
        assert_eq!(
            error.to_string(),
            format!(
                "{}: {} bytes after the end of the gzip stream at byte {}: the file is damaged or has something appended",
                path.display(),
                tail.len(),
                compressed.len()
            )
        );
    }
}

#[test]
fn images_of_another_size_than_expected_are_a_typed_error() {
    let dir = scratch("size");
    std::fs::write(
        dir.join("train-images-idx3-ubyte"),
        idx_bytes(0x803, &[2, 2, 2], &[0; 8]),
    )
    .unwrap();
    std::fs::write(
        dir.join("train-labels-idx1-ubyte"),
        idx_bytes(0x801, &[2], &[3, 4]),
    )
    .unwrap();
    let tiny = mnist(&dir, MnistSplit::Train).unwrap();
    assert_eq!(MNIST_IMAGE_SHAPE, (28, 28));
    let error = tiny.expect_image_shape(MNIST_IMAGE_SHAPE).unwrap_err();
    assert!(matches!(
        error,
        DatasetError::ImageShape {
            expected: (28, 28),
            found: (2, 2)
        }
    ));
    assert_eq!(
        error.to_string(),
        "the images are 2 × 2 pixels, expected 28 × 28"
    );
    let right = LabelledImages::new(ndarray::Array2::zeros((1, 784)), vec![0], (28, 28), 255);
    assert_eq!(
        right.clone().expect_image_shape(MNIST_IMAGE_SHAPE).unwrap(),
        right
    );
}

#[test]
fn valid_files_with_no_images_load_as_an_empty_set() {
    // Valid IDX files; the empty set they give is refused by training, before the first step
    // (`gan::check_has_samples`, tested in bad_input_training.rs).
    let dir = scratch("empty");
    let (images, labels) = (dir.join("images"), dir.join("labels"));
    std::fs::write(&images, idx_bytes(0x803, &[0, 28, 28], &[])).unwrap();
    std::fs::write(&labels, idx_bytes(0x801, &[0], &[])).unwrap();
    let empty = labelled_images_from_idx(&images, &labels).unwrap();
    assert_eq!((empty.len(), empty.image_shape()), (0, (28, 28)));
    assert!(adversarial::gan::check_has_samples::<f32>(&empty).is_err());
}

/// Every file that a change of `original` can give, each read by `read`: the count of
/// panics, of errors, and of reads that returned something other than `expected`.
struct Tally {
    panics: usize,
    errors: usize,
    different: usize,
    tried: usize,
}

fn tally<T: PartialEq>(
    path: &Path,
    variants: impl Iterator<Item = Vec<u8>>,
    read: impl Fn(&Path) -> Result<T, DatasetError>,
    expected: &T,
) -> Tally {
    let mut t = Tally {
        panics: 0,
        errors: 0,
        different: 0,
        tried: 0,
    };
    for bytes in variants {
        // A new file each time: rewriting one in place makes ext4 flush it on close.
        let _ = std::fs::remove_file(path);
        std::fs::write(path, &bytes).unwrap();
        t.tried += 1;
        match catch_unwind(AssertUnwindSafe(|| read(path))) {
            Err(_) => t.panics += 1,
            Ok(Err(_)) => t.errors += 1,
            Ok(Ok(value)) if value != *expected => t.different += 1,
            Ok(Ok(_)) => {}
        }
    }
    t
}

/// Each byte XOR-ed with 1, 2, 4, …, 128 and with 0xff, then each proper prefix.
fn one_byte_changes_and_truncations(original: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    let changes = (0..original.len()).flat_map(move |i| {
        [1u8, 2, 4, 8, 16, 32, 64, 128, 0xff].map(move |mask| {
            let mut bytes = original.to_vec();
            bytes[i] ^= mask;
            bytes
        })
    });
    changes.chain((0..original.len()).map(|n| original[..n].to_vec()))
}

#[test]
fn every_one_byte_change_or_truncation_is_read_or_rejected_without_a_panic() {
    let dir = scratch("flips");
    let images = small_images();
    let labels = idx_bytes(0x801, &[3], &[7, 0, 9]);
    let image_value = read_idx_images(&{
        let p = dir.join("original");
        std::fs::write(&p, &images).unwrap();
        p
    })
    .unwrap();
    let path = dir.join("changed");
    // Raw IDX has no checksum: a changed pixel is another valid file (counted, not a defect).
    let raw = tally(
        &path,
        one_byte_changes_and_truncations(&images),
        read_idx_images,
        &image_value,
    );
    assert_eq!((raw.tried, raw.panics), (10 * 34, 0));
    let labels_raw = tally(
        &path,
        one_byte_changes_and_truncations(&labels),
        read_idx_labels,
        &vec![7, 0, 9],
    );
    assert_eq!((labels_raw.tried, labels_raw.panics), (10 * 11, 0));
    // gzip carries a CRC-32 and the length: every change either fails or decodes the same.
    let gz = gzip(&images);
    let compressed = tally(
        &path,
        one_byte_changes_and_truncations(&gz),
        read_idx_images,
        &image_value,
    );
    assert_eq!((compressed.panics, compressed.different), (0, 0));
    assert!(compressed.errors > 0 && compressed.tried == 10 * gz.len());
    let gz_labels = gzip(&labels);
    let compressed_labels = tally(
        &path,
        one_byte_changes_and_truncations(&gz_labels),
        read_idx_labels,
        &vec![7, 0, 9],
    );
    assert_eq!(
        (compressed_labels.panics, compressed_labels.different),
        (0, 0)
    );
    eprintln!(
        "raw images {}/{} rejected, raw labels {}/{}, gzip images {}/{}, gzip labels {}/{}",
        raw.errors,
        raw.tried,
        labels_raw.errors,
        labels_raw.tried,
        compressed.errors,
        compressed.tried,
        compressed_labels.errors,
        compressed_labels.tried
    );
}

#[test]
fn random_corruptions_of_a_gzip_file_never_panic_or_decode_wrong() {
    let dir = scratch("random");
    let images = idx_bytes(
        0x803,
        &[20, 28, 28],
        &(0..20 * 784)
            .map(|i| (i * 7 % 251) as u8)
            .collect::<Vec<_>>(),
    );
    let gz = gzip(&images);
    let original = dir.join("original.gz");
    std::fs::write(&original, &gz).unwrap();
    let expected = read_idx_images(&original).unwrap();
    let mut rng = StdRng::seed_from_u64(17);
    let variants = (0..4_000).map(|_| {
        let mut bytes = gz.clone();
        for _ in 0..rng.random_range(1..=4) {
            let i = rng.random_range(0..bytes.len());
            bytes[i] = rng.random();
        }
        bytes
    });
    let t = tally(
        &dir.join("changed.gz"),
        variants,
        read_idx_images,
        &expected,
    );
    assert_eq!((t.tried, t.panics, t.different), (4_000, 0, 0));
}
