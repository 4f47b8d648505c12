//! Helpers shared by the integration tests (`mod common;` at the top of each): a scratch
//! folder under cargo's per-target temporary directory, a seeded random matrix, the normal
//! density, a PNG decoder, rayon pools of one and two threads, and the fixed-seed proptest configuration.

// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use adversarial::Float;
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};
use proptest::test_runner::{Config, RngSeed};
use std::path::{Path, PathBuf};

/// A fresh, empty folder `<CARGO_TARGET_TMPDIR>/<group>/<test>` (never the system's temporary
/// folder, so nothing is left outside `target/`).
pub fn scratch(group: &str, test: &str) -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(test);
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// A `rows × cols` matrix of independent uniform draws in `[−1, 1)`, seeded.
pub fn uniform<T: Float>(rows: usize, cols: usize, seed: u64) -> Array2<T> {
    let mut rng = StdRng::seed_from_u64(seed);
    Array2::from_shape_fn((rows, cols), |_| T::lit(rng.random_range(-1.0..1.0)))
}

/// `N(x; μ, σ²) = exp(−(x − μ)²/2σ²) / (σ·√(2π))`.
pub fn normal_pdf(mean: f64, std_dev: f64, x: f64) -> f64 {
    let z = (x - mean) / std_dev;
    (-0.5 * z * z).exp() / (std_dev * (2.0 * std::f64::consts::PI).sqrt())
}

/// Width, height, colour type and pixel bytes of the PNG file `path` (a failure names the file).
pub fn decode_png(path: &Path) -> (u32, u32, png::ColorType, Vec<u8>) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap_or_else(|e| panic!("{} is not a PNG: {e}", path.display()));
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader
        .next_frame(&mut pixels)
        .unwrap_or_else(|e| panic!("{} does not decode: {e}", path.display()));
    assert_eq!(frame.bit_depth, png::BitDepth::Eight, "{}", path.display());
    pixels.truncate(frame.buffer_size());
    (frame.width, frame.height, frame.color_type, pixels)
}

/// `f` run inside a fresh rayon pool of `threads` threads.
pub fn on_threads<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("rayon pool")
        .install(f)
}

/// `f` on a pool of one thread and on a pool of two: `(one, two)`.
pub fn on_one_and_two_threads<R: Send>(f: impl Fn() -> R + Sync) -> (R, R) {
    (on_threads(1, &f), on_threads(2, &f))
}

/// Proptest with a fixed seed (the same cases on every run, the crate's rule for anything
/// random) and no regressions file written into `tests/`.
pub fn proptest_config(cases: u32) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(0x6a7e_2024),
        failure_persistence: None,
        ..Config::default()
    }
}
