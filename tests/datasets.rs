//! The data sets of `datasets`: the 2-D mixtures' parameters and sampling statistics, the
//! shipped digits, and the IDX loader on small files written here (raw and gzip), with its
//! errors naming the file and the problem.

mod common;

use adversarial::datasets::{
    digits, grid, labelled_images_from_idx, mnist, read_idx_images, read_idx_labels, ring,
    DatasetError, GaussianMixture2d, LabelledImages, MnistSplit, DIGIT_COUNT,
};
use adversarial::gan::RealData;
use flate2::{write::GzEncoder, Compression};
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use std::io::Write;
use std::path::{Path, PathBuf};

#[test]
fn ring_and_grid_have_the_benchmark_parameters() {
    let ring = ring();
    assert_eq!((ring.modes().len(), ring.sigma()), (8, 0.01));
    for (k, &(x, y)) in ring.modes().iter().enumerate() {
        let angle = std::f64::consts::TAU * k as f64 / 8.0;
        assert!((x - angle.cos()).abs() < 1e-15 && (y - angle.sin()).abs() < 1e-15);
        assert!((x.hypot(y) - 1.0).abs() < 1e-15);
    }
    let grid = grid();
    assert_eq!((grid.modes().len(), grid.sigma()), (25, 0.05));
    let ticks = [-4.0, -2.0, 0.0, 2.0, 4.0];
    for x in ticks {
        for y in ticks {
            assert_eq!(grid.modes().iter().filter(|&&m| m == (x, y)).count(), 1);
        }
    }
    assert_eq!(RealData::<f32>::dim(&grid), 2);
    assert_eq!((ring.extent(), grid.extent()), (1.0, 4.0));
    let quarter = grid.scaled(0.25);
    assert_eq!((quarter.extent(), quarter.sigma()), (1.0, 0.0125));
    assert_eq!(
        quarter.modes()[7],
        (grid.modes()[7].0 / 4.0, grid.modes()[7].1 / 4.0)
    );
}

#[test]
fn samples_pick_modes_uniformly_and_spread_by_sigma() {
    // 40,000 ring samples: each mode's share is 1/8 ± 4 binomial standard errors, and the
    // mean squared distance to the nearest mode is E‖σε‖² = 2σ² (±4 standard errors: the
    // variance of ‖σε‖² is 4σ⁴ for a χ² with 2 degrees of freedom, times σ⁴).
    let ring = ring();
    let n = 40_000;
    let samples = ring.sample(n, 11);
    let mut counts = [0usize; 8];
    let mut squared = 0.0;
    for row in samples.rows() {
        let (k, d2) = (ring.modes().iter().enumerate())
            .map(|(k, m)| (k, (row[0] - m.0).powi(2) + (row[1] - m.1).powi(2)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        counts[k] += 1;
        squared += d2;
    }
    let share_error = (0.125 * 0.875 / n as f64).sqrt();
    for c in counts {
        assert!(
            (c as f64 / n as f64 - 0.125).abs() < 4.0 * share_error,
            "{counts:?}"
        );
    }
    let sigma2 = ring.sigma().powi(2);
    let mean_squared = squared / n as f64;
    assert!((mean_squared - 2.0 * sigma2).abs() < 4.0 * 2.0 * sigma2 / (n as f64).sqrt());
    // Same seed, same samples; the RealData path draws from the caller's generator.
    assert_eq!(samples, ring.sample(n, 11));
    let mut batch = Array2::<f32>::zeros((4, 2));
    ring.sample_into(&mut StdRng::seed_from_u64(1), &mut batch);
    let mut again = Array2::<f32>::zeros((4, 2));
    ring.sample_into(&mut StdRng::seed_from_u64(1), &mut again);
    assert_eq!(batch, again);
}

#[test]
fn a_mixture_rejects_bad_parameters_by_name() {
    let message = |r: Result<GaussianMixture2d, DatasetError>| r.unwrap_err().to_string();
    assert_eq!(
        message(GaussianMixture2d::new(vec![(0.0, 0.0)], -1.0)),
        "sigma: -1 must be finite and > 0"
    );
    assert_eq!(
        message(GaussianMixture2d::new(vec![], 1.0)),
        "modes: at least one mode is needed"
    );
    assert_eq!(
        message(GaussianMixture2d::new(
            vec![(0.0, 0.0), (f64::NAN, 1.0)],
            1.0
        )),
        "modes: mode 1 is (NaN, 1.0); it must be finite"
    );
}

#[test]
fn the_shipped_digits_are_the_uci_test_set() {
    let digits = digits();
    assert_eq!((digits.len(), DIGIT_COUNT), (1797, 1797));
    assert_eq!((digits.image_shape(), digits.max_level()), ((8, 8), 16));
    // Images per class, as scikit-learn's `load_digits` documents them (np.bincount(target)).
    let mut per_class = [0usize; 10];
    for &label in digits.labels() {
        per_class[usize::from(label)] += 1;
    }
    assert_eq!(
        per_class,
        [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    );
    // The first line of digits.csv: a zero.
    let first_row: Vec<u8> = digits.levels().row(0).to_vec();
    assert_eq!(
        &first_row[..16],
        &[0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]
    );
    assert_eq!(digits.labels()[0], 0);
    // Handed out as v/16 in [0, 1], or in [−1, 1] on request.
    let scaled = digits.to_array::<f64>();
    assert_eq!((scaled[[0, 2]], scaled[[0, 3]]), (5.0 / 16.0, 13.0 / 16.0));
    let tanh_range = digits.clone().with_range(-1.0, 1.0).to_array::<f64>();
    assert_eq!(
        (tanh_range[[0, 0]], tanh_range[[0, 3]]),
        (-1.0, -1.0 + 26.0 / 16.0)
    );
    let mut batch = Array2::<f32>::zeros((8, 64));
    digits.sample_into(&mut StdRng::seed_from_u64(0), &mut batch);
    assert!(batch.iter().all(|&v| (0.0..=1.0).contains(&v)));
    assert!(batch
        .rows()
        .into_iter()
        .all(|r| (0..digits.len()).any(|i| scaled.row(i).mapv(|v| v as f32) == r)));
}

#[test]
fn a_split_partitions_the_images() {
    let digits = digits();
    let (kept, held_out) = digits.split(0.2, 5);
    assert_eq!((kept.len(), held_out.len()), (1438, 359)); // round(0.2 · 1797) = 359
    let total: usize = (0..10u8)
        .map(|c| {
            let count = |d: &adversarial::datasets::LabelledImages| {
                d.labels().iter().filter(|&&l| l == c).count()
            };
            assert_eq!(count(&kept) + count(&held_out), count(&digits));
            count(&kept)
        })
        .sum();
    assert_eq!(total, 1438);
}

fn scratch(name: &str) -> PathBuf {
    common::scratch("datasets", name)
}

/// The bytes of an IDX file: magic, sizes, data.
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

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

/// Three 2 × 3 images with levels 0, 10, 20, … and labels 7, 0, 9.
fn small_images() -> (Vec<u8>, Vec<u8>) {
    let levels: Vec<u8> = (0..18).map(|i| i * 10).collect();
    (
        idx_bytes(0x803, &[3, 2, 3], &levels),
        idx_bytes(0x801, &[3], &[7, 0, 9]),
    )
}

#[test]
fn idx_files_round_trip_raw_and_gzip() {
    let (images, labels) = small_images();
    let raw = scratch("raw");
    write(&raw.join("train-images-idx3-ubyte"), &images);
    write(&raw.join("train-labels-idx1-ubyte"), &labels);
    let compressed = scratch("gz");
    write(
        &compressed.join("t10k-images-idx3-ubyte.gz"),
        &gzip(&images),
    );
    write(
        &compressed.join("t10k-labels-idx1-ubyte.gz"),
        &gzip(&labels),
    );
    for (dir, split) in [(&raw, MnistSplit::Train), (&compressed, MnistSplit::Test)] {
        let data = mnist(dir, split).unwrap();
        assert_eq!(
            (data.len(), data.image_shape(), data.max_level()),
            (3, (2, 3), 255)
        );
        assert_eq!(data.labels(), &[7, 0, 9]);
        let expected: Vec<u8> = (0..18).map(|i| i * 10).collect();
        assert_eq!(data.levels().iter().copied().collect::<Vec<_>>(), expected);
        assert_eq!(data.to_array::<f64>()[[1, 0]], 60.0 / 255.0);
    }
    let _ = std::fs::remove_dir_all(raw);
    let _ = std::fs::remove_dir_all(compressed);
}

#[test]
fn bad_idx_files_are_named_with_the_problem() {
    let dir = scratch("bad");
    let (images, labels) = small_images();
    let (images_path, labels_path) = (dir.join("images"), dir.join("labels"));
    write(&labels_path, &labels);
    let error_for = |bytes: &[u8]| {
        write(&images_path, bytes);
        labelled_images_from_idx(&images_path, &labels_path)
            .unwrap_err()
            .to_string()
    };
    let name = images_path.display().to_string();
    assert_eq!(
        error_for(&images[..images.len() - 5]),
        format!("{name}: truncated: the data needs 34 bytes, the file has 29")
    );
    assert_eq!(
        error_for(&images[..6]),
        format!("{name}: truncated: the header needs 16 bytes, the file has 6")
    );
    assert_eq!(
        error_for(&labels),
        format!("{name}: wrong magic number 0x00000801, expected 0x00000803 (IDX images: unsigned bytes, 3 dimensions)")
    );
    assert_eq!(
        error_for(&[&images[..], &[1, 2]].concat()),
        format!("{name}: 36 bytes, but the header announces 34")
    );
    let compressed = gzip(&images);
    let gzip_error = error_for(&compressed[..compressed.len() / 2]);
    assert!(
        gzip_error.starts_with(&format!("{name}: not a valid gzip stream")),
        "{gzip_error}"
    );
    // Four images against three labels.
    let four = idx_bytes(0x803, &[4, 2, 3], &[0; 24]);
    assert_eq!(
        error_for(&four),
        format!(
            "{name} holds 4 images but {} holds 3 labels",
            labels_path.display()
        )
    );
    write(&images_path, &images);
    write(&labels_path, &idx_bytes(0x801, &[3], &[1, 12, 3]));
    assert_eq!(
        labelled_images_from_idx(&images_path, &labels_path)
            .unwrap_err()
            .to_string(),
        format!(
            "{}: label 12 at index 1 is not a digit 0–9",
            labels_path.display()
        )
    );
    let missing = mnist(&dir, MnistSplit::Train).unwrap_err().to_string();
    assert_eq!(
        missing,
        format!(
            "no MNIST training images file in {}: looked for train-images-idx3-ubyte, train-images-idx3-ubyte.gz, train-images.idx3-ubyte",
            dir.display()
        )
    );
    let absent = read_idx_images(&dir.join("nothing-here")).unwrap_err();
    assert!(matches!(absent, DatasetError::Io { .. }), "{absent}");
    assert!(absent
        .to_string()
        .contains("nothing-here: cannot read the file"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn idx_labels_are_read_raw_and_gzip_and_checked() {
    let dir = scratch("labels");
    let (images, labels) = small_images();
    write(&dir.join("labels"), &labels);
    write(&dir.join("labels.gz"), &gzip(&labels));
    assert_eq!(read_idx_labels(&dir.join("labels")).unwrap(), [7, 0, 9]);
    assert_eq!(read_idx_labels(&dir.join("labels.gz")).unwrap(), [7, 0, 9]);
    write(&dir.join("images"), &images);
    assert_eq!(
        read_idx_labels(&dir.join("images")).unwrap_err().to_string(),
        format!(
            "{}: wrong magic number 0x00000803, expected 0x00000801 (IDX labels: unsigned bytes, 1 dimension)",
            dir.join("images").display()
        )
    );
    let absent = read_idx_labels(&dir.join("absent")).unwrap_err();
    assert!(matches!(&absent, DatasetError::Io { .. }), "{absent}");
}

/// The scatter plots' frame: the means' range widened by a quarter of it on each side, or
/// by 10σ if that is more. Ring: [−1, 1] → [−1.5, 1.5]; grid: [−4, 4] → [−6, 6]; one mode at
/// (2, 3) with σ = 0.1 spans [2, 3], widened by max(0.25, 1) = 1: [1, 4].
#[test]
fn the_frame_holds_every_mode_with_its_margin() {
    assert_eq!(ring().frame(), (-1.5, 1.5));
    assert_eq!(grid().frame(), (-6.0, 6.0));
    let one = GaussianMixture2d::new(vec![(2.0, 3.0)], 0.1).unwrap();
    assert_eq!(one.frame(), (1.0, 4.0));
}

fn two_images(levels: Vec<u8>, labels: Vec<u8>, max_level: u8) -> LabelledImages {
    LabelledImages::new(
        Array2::from_shape_vec((2, levels.len() / 2), levels).unwrap(),
        labels,
        (1, 2),
        max_level,
    )
}

#[test]
fn labelled_images_hand_out_scaled_levels() {
    let images = two_images(vec![0, 3, 6, 2], vec![4, 9], 6);
    assert_eq!(
        (images.len(), images.image_shape(), images.max_level()),
        (2, (1, 2), 6)
    );
    assert_eq!(
        images.to_array::<f64>(),
        ndarray::array![[0.0, 0.5], [1.0, 2.0 / 6.0]]
    );
}

#[test]
#[should_panic(
    expected = "LabelledImages::new: levels are (2, 3), expected 2 × 2 (= 1·2) for 2 labels"
)]
fn labelled_images_panic_on_a_wrong_image_size() {
    two_images(vec![0; 6], vec![1, 2], 6);
}

#[test]
#[should_panic(
    expected = "LabelledImages::new: levels are (2, 2), expected 3 × 2 (= 1·2) for 3 labels"
)]
fn labelled_images_panic_on_a_wrong_label_count() {
    two_images(vec![0; 4], vec![1, 2, 3], 6);
}

#[test]
#[should_panic(expected = "LabelledImages::new: levels must lie in 0..=6 with max_level > 0")]
fn labelled_images_panic_on_a_level_above_the_maximum() {
    two_images(vec![0, 7, 1, 2], vec![1, 2], 6);
}

#[test]
#[should_panic(expected = "LabelledImages::new: levels must lie in 0..=0 with max_level > 0")]
fn labelled_images_panic_on_a_zero_maximum() {
    two_images(vec![0; 4], vec![1, 2], 0);
}

#[test]
#[should_panic(expected = "LabelledImages::new: labels must be digits 0–9")]
fn labelled_images_panic_on_a_label_above_nine() {
    two_images(vec![0; 4], vec![1, 10], 6);
}
