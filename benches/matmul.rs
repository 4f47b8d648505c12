//! MM workloads of `WORKLOADS.md` (f32): our `gemm` beside the Rust sgemms of this machine,
//! in a rayon pool of 1 and of 2 threads, plus the FMA peak of this CPU.
//!
//! Contenders, each writing a preallocated C with `β = 0` (as the PyTorch peer does with
//! `torch.matmul(a, b, out=c)`), transposed operands passed as strides, never copied:
//! - `ours`: `adversarial::linalg::gemm`, run in the rayon pool (`pool.install`).
//! - `ndarray`: ndarray's `general_mat_mul` (the kernel behind `dot`), which calls
//!   `matrixmultiply::sgemm`. Cargo builds one `matrixmultiply` for the whole bench, so it gets
//!   the dev-dependency's features below: this column is the next one plus ndarray's layout
//!   checks, no longer `matrixmultiply` with ndarray's default features (no AVX-512, no threads).
//! - `matrixmultiply`: `matrixmultiply::sgemm` (0.3.11) with features `std` (runtime feature
//!   detection), `avx512` and `threading`. On an AVX-512F CPU its `sgemm_kernel::detect` picks
//!   `KernelAvx512` (16 × 16 micro-kernel, built when the `avx512` feature is on and rustc ≥ 1.89),
//!   else `KernelFmaAvx2` (8 × 8), else `KernelAvx`. With `threading` it runs on its own
//!   `thread-tree` pool, sized once per process (a `Lazy` static) from `MATMUL_NUM_THREADS`
//!   (unset: physical cores; clamped to 1..=4), splitting rows or columns of C when
//!   `(m·k + k·n) / 2¹⁴ ≥ 2` — true for every shape here.
//! - `gemm`: sarah-ek's `gemm::gemm` (0.19) with feature `x86-v4`, whose dispatch picks its
//!   `avx512f` kernels (64 × 6 micro-kernel) on an AVX-512F CPU, else `fma` (16 × 6). It runs
//!   `Parallelism::None` at 1 thread and `Parallelism::Rayon(2)` inside the 2-thread pool.
//!
//! Since the thread count of `matrixmultiply` (hence of `ndarray`) is fixed once per process,
//! a run has two processes. Without `MATMUL_NUM_THREADS`, the bench sets it to 1 before any
//! product, measures every contender (ndarray and matrixmultiply in the 1-thread rows only),
//! then runs itself again with the same arguments and `MATMUL_NUM_THREADS=2`. With
//! `MATMUL_NUM_THREADS=N` set, it measures only ndarray and matrixmultiply, in the N-thread rows.
//!
//! Before timing, every shape checks that each contender's C equals ours to within
//! `10⁻⁴ · max |C|`, and that ours is bit-identical at 1 and 2 threads. Throughput is set to
//! the flop count `2·m·k·n`, so criterion's "elem/s" reads as flop/s (`Gelem/s` = GFLOP/s).
//! Run: `cargo bench --bench matmul`; filter as usual, e.g. `-- 'AT\*B|64x784'`.

use adversarial::linalg::gemm;
use criterion::{BenchmarkId, Criterion, Throughput};
use gemm::Parallelism;
use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2};
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};
use rayon::{ThreadPool, ThreadPoolBuilder};
use std::hint::black_box;
use std::process::Command;
use std::time::Duration;

/// `(label, m, k, n, form)`: the labels of `torch_peer.py`; form "nn" is A·B, "tn" Aᵀ·B with
/// A stored k × m, "nt" A·Bᵀ with B stored n × k (both used as transposed views).
const SHAPES: [(&str, usize, usize, usize, &str); 10] = [
    ("sq64", 64, 64, 64, "nn"),
    ("sq128", 128, 128, 128, "nn"),
    ("sq256", 256, 256, 256, "nn"),
    ("sq512", 512, 512, 512, "nn"),
    ("sq1024", 1024, 1024, 1024, "nn"),
    ("64x784*784x512", 64, 784, 512, "nn"),
    ("64x1024*1024x784", 64, 1024, 784, "nn"),
    ("256x128*128x128", 256, 128, 128, "nn"),
    ("AT*B n512", 512, 512, 512, "tn"),
    ("A*BT n512", 512, 512, 512, "nt"),
];

const THREADS: [usize; 2] = [1, 2];

/// Read once by `matrixmultiply` at its first product: the size of its own thread pool.
const MATMUL_NUM_THREADS: &str = "MATMUL_NUM_THREADS";

/// `C ← A·B` (β = 0) by one contender; the `usize` is the thread count of the row.
type Product = fn(ArrayView2<f32>, ArrayView2<f32>, &mut Array2<f32>, usize);

/// Who sets a contender's thread count: the enclosing rayon pool, or `MATMUL_NUM_THREADS`.
#[derive(Clone, Copy, PartialEq)]
enum Threads {
    Rayon,
    MatmulEnv,
}

const CONTENDERS: [(&str, Product, Threads); 4] = [
    ("ours", ours, Threads::Rayon),
    ("ndarray", ndarray_general_mat_mul, Threads::MatmulEnv),
    ("matrixmultiply", matrixmultiply_sgemm, Threads::MatmulEnv),
    ("gemm", gemm_crate, Threads::Rayon),
];

/// Our product; its threads are those of the rayon pool it runs in.
fn ours(a: ArrayView2<f32>, b: ArrayView2<f32>, c: &mut Array2<f32>, _threads: usize) {
    gemm(1.0, a, b, 0.0, c.view_mut());
}

fn ndarray_general_mat_mul(
    a: ArrayView2<f32>,
    b: ArrayView2<f32>,
    c: &mut Array2<f32>,
    _threads: usize,
) {
    general_mat_mul(1.0, &a, &b, 0.0, c);
}

/// `matrixmultiply::sgemm(m, k, n, α, a, rsa, csa, b, rsb, csb, β, c, rsc, csc)`.
fn matrixmultiply_sgemm(a: ArrayView2<f32>, b: ArrayView2<f32>, c: &mut Array2<f32>, _: usize) {
    let ((m, k), n) = (a.dim(), b.ncols());
    let [(rsa, csa), (rsb, csb), (rsc, csc)] =
        [a.strides(), b.strides(), c.strides()].map(|s| (s[0], s[1]));
    // SAFETY: each pointer and its (row, column) strides address exactly the elements of its
    // view, A is m × k, B is k × n, C is m × n, and C (borrowed mutably) overlaps neither.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            rsa,
            csa,
            b.as_ptr(),
            rsb,
            csb,
            0.0,
            c.as_mut_ptr(),
            rsc,
            csc,
        );
    }
}

/// `gemm::gemm` computes `dst ← α·dst + β·lhs·rhs` (α and β swapped from BLAS), strides given
/// column first; `read_dst = false` overwrites C as `β = 0` does elsewhere.
fn gemm_crate(a: ArrayView2<f32>, b: ArrayView2<f32>, c: &mut Array2<f32>, threads: usize) {
    let ((m, k), n) = (a.dim(), b.ncols());
    let [(rsa, csa), (rsb, csb), (rsc, csc)] =
        [a.strides(), b.strides(), c.strides()].map(|s| (s[0], s[1]));
    let parallelism = if threads == 1 {
        Parallelism::None
    } else {
        Parallelism::Rayon(threads)
    };
    // SAFETY: as in `matrixmultiply_sgemm`; `read_dst = false` never reads C.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c.as_mut_ptr(),
            csc,
            rsc,
            false,
            a.as_ptr(),
            csa,
            rsa,
            b.as_ptr(),
            csb,
            rsb,
            0.0,
            1.0,
            false,
            false,
            false,
            parallelism,
        );
    }
}

fn uniform(rows: usize, cols: usize, rng: &mut StdRng) -> Array2<f32> {
    Array2::from_shape_fn((rows, cols), |_| rng.random_range(-1.0..1.0))
}

fn pool(threads: usize) -> ThreadPool {
    ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("rayon pool")
}

/// `MATMUL_NUM_THREADS`, one of [`THREADS`]; `None` if unset or empty (as `matrixmultiply`).
fn matmul_env_threads() -> Option<usize> {
    let value = std::env::var(MATMUL_NUM_THREADS)
        .ok()
        .filter(|v| !v.is_empty())?;
    let threads: usize = value
        .parse()
        .unwrap_or_else(|_| panic!("{MATMUL_NUM_THREADS}={value:?} is not a thread count"));
    assert!(
        THREADS.contains(&threads),
        "{MATMUL_NUM_THREADS}={threads}: this bench has rows for {THREADS:?} threads only"
    );
    Some(threads)
}

/// The `(threads, contender)` rows this process measures (see the module doc).
fn rows(matmul_threads: usize, every_contender: bool) -> Vec<(usize, &'static str, Product)> {
    let mut rows = Vec::new();
    for threads in THREADS {
        for (name, product, set_by) in CONTENDERS {
            let wanted = match set_by {
                Threads::Rayon => every_contender,
                Threads::MatmulEnv => threads == matmul_threads,
            };
            if wanted {
                rows.push((threads, name, product));
            }
        }
    }
    rows
}

/// Panics unless `c` equals `reference` to within `10⁻⁴ · max |reference|`, naming the case.
#[track_caller]
fn assert_close(c: &Array2<f32>, reference: &Array2<f32>, name: &str, label: &str) {
    let scale = reference.iter().fold(0.0f32, |max, x| max.max(x.abs()));
    let error = c
        .iter()
        .zip(reference)
        .fold(0.0f32, |max, (x, y)| max.max((x - y).abs()));
    assert!(
        error <= 1e-4 * scale,
        "mm {label}: {name} differs from ours by {error} (max |C| = {scale})"
    );
}

fn matmul_workloads(criterion: &mut Criterion, matmul_threads: usize, every_contender: bool) {
    let pools: Vec<(usize, ThreadPool)> = THREADS.iter().map(|&t| (t, pool(t))).collect();
    let pool_of = |threads: usize| &pools.iter().find(|(t, _)| *t == threads).unwrap().1;
    let rows = rows(matmul_threads, every_contender);
    let mut rng = StdRng::seed_from_u64(0);
    for (label, m, k, n, form) in SHAPES {
        // Stored operands; `a_view`/`b_view` are m × k and k × n, transposed views for tn/nt.
        let (a, b) = match form {
            "tn" => (uniform(k, m, &mut rng), uniform(k, n, &mut rng)),
            "nt" => (uniform(m, k, &mut rng), uniform(n, k, &mut rng)),
            _ => (uniform(m, k, &mut rng), uniform(k, n, &mut rng)),
        };
        let a_view: ArrayView2<f32> = if form == "tn" { a.t() } else { a.view() };
        let b_view: ArrayView2<f32> = if form == "nt" { b.t() } else { b.view() };
        let mut reference = Array2::<f32>::zeros((m, n));
        pool_of(1).install(|| ours(a_view, b_view, &mut reference, 1));
        let mut c = Array2::<f32>::from_elem((m, n), f32::NAN);
        for &(threads, name, product) in &rows {
            c.fill(f32::NAN);
            pool_of(threads).install(|| product(a_view, b_view, &mut c, threads));
            if name == "ours" {
                assert_eq!(
                    c, reference,
                    "mm {label}: ours at {threads} threads vs 1 thread"
                );
            }
            assert_close(&c, &reference, name, label);
        }
        let mut group = criterion.benchmark_group(format!("mm {label}"));
        group.throughput(Throughput::Elements(2 * (m * k * n) as u64));
        for &(threads, name, product) in &rows {
            let id = BenchmarkId::new(name, format!("{threads}t"));
            group.bench_function(id, |bencher| {
                pool_of(threads).install(|| {
                    bencher.iter(|| product(black_box(a_view), black_box(b_view), &mut c, threads))
                })
            });
        }
        group.finish();
    }
}

/// Independent FMA chains (more than latency × pipes) per thread, nothing else: the most
/// flop/s this CPU's vector units give, the ceiling for any product.
mod peak {
    #[cfg(target_arch = "x86_64")]
    use std::arch::x86_64::*;

    /// The widest FMA tier of this CPU: its name and the flops of one loop trip.
    pub fn tier() -> Option<(&'static str, u64)> {
        #[cfg(target_arch = "x86_64")]
        {
            if is_x86_feature_detected!("avx512f") {
                // 16 chains of one 512-bit register: 16 × 16 f32 lanes × 2 (multiply + add).
                return Some(("avx512f", 16 * 16 * 2));
            }
            if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
                // 12 chains of one 256-bit register (of 16): 12 × 8 lanes × 2.
                return Some(("avx2+fma", 12 * 8 * 2));
            }
        }
        None
    }

    /// `trips` rounds of independent `x ← x·s + t` chains on the widest vectors ([`tier`]);
    /// returns a lane sum so nothing is optimised away. `None` without AVX2 + FMA.
    pub fn fma_chains(trips: usize, scale: f32, shift: f32) -> Option<f32> {
        #[cfg(target_arch = "x86_64")]
        match tier() {
            // SAFETY: the tier's features were detected on this CPU by `tier`.
            Some(("avx512f", _)) => return Some(unsafe { chains_avx512(trips, scale, shift) }),
            Some(_) => return Some(unsafe { chains_avx2(trips, scale, shift) }),
            None => {}
        }
        let _ = (trips, scale, shift);
        None
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn chains_avx512(trips: usize, scale: f32, shift: f32) -> f32 {
        let (scale, shift) = (_mm512_set1_ps(scale), _mm512_set1_ps(shift));
        // Distinct starting values: with identical chains LLVM merged and spilled them.
        let mut chains: [__m512; 16] = std::array::from_fn(|i| _mm512_set1_ps(1.0 + i as f32));
        for _ in 0..trips {
            for chain in chains.iter_mut() {
                *chain = _mm512_fmadd_ps(*chain, scale, shift);
            }
        }
        chains
            .iter()
            .map(|&chain| _mm512_reduce_add_ps(chain))
            .sum()
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn chains_avx2(trips: usize, scale: f32, shift: f32) -> f32 {
        let (scale, shift) = (_mm256_set1_ps(scale), _mm256_set1_ps(shift));
        let mut chains: [__m256; 12] = std::array::from_fn(|i| _mm256_set1_ps(1.0 + i as f32));
        for _ in 0..trips {
            for chain in chains.iter_mut() {
                *chain = _mm256_fmadd_ps(*chain, scale, shift);
            }
        }
        let mut lanes = [0.0_f32; 8];
        let mut sum = 0.0;
        for chain in chains {
            // SAFETY: `lanes` holds 8 f32, the width of one __m256; unaligned store.
            unsafe { _mm256_storeu_ps(lanes.as_mut_ptr(), chain) };
            sum += lanes.iter().sum::<f32>();
        }
        sum
    }
}

fn fma_peak(criterion: &mut Criterion) {
    const TRIPS: usize = 100_000;
    let Some((tier, flops_per_trip)) = peak::tier() else {
        return;
    };
    let mut group = criterion.benchmark_group(format!("fma_peak {tier}"));
    for threads in THREADS {
        let pool = pool(threads);
        group.throughput(Throughput::Elements(
            flops_per_trip * (TRIPS * threads) as u64,
        ));
        group.bench_function(
            BenchmarkId::new("chains", format!("{threads}t")),
            |bencher| {
                pool.install(|| {
                    bencher.iter(|| {
                        // One copy of the loop per thread of the pool, at the same time.
                        let run = || peak::fma_chains(TRIPS, black_box(0.999_999), black_box(1e-6));
                        if threads == 1 {
                            run()
                        } else {
                            let (x, y) = rayon::join(run, run);
                            x.zip(y).map(|(x, y)| x + y)
                        }
                    })
                })
            },
        );
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

fn main() {
    let every_contender = matmul_env_threads().is_none();
    if every_contender {
        // Before any product, hence before matrixmultiply reads it; no other thread exists yet.
        std::env::set_var(MATMUL_NUM_THREADS, "1");
    }
    let matmul_threads = matmul_env_threads().expect("MATMUL_NUM_THREADS is set");
    let mut criterion = config().configure_from_args();
    if every_contender {
        fma_peak(&mut criterion);
    }
    matmul_workloads(&mut criterion, matmul_threads, every_contender);
    criterion.final_summary();
    if every_contender {
        // The 2-thread rows of ndarray and matrixmultiply need a fresh process.
        let status = Command::new(std::env::current_exe().expect("path of this bench"))
            .args(std::env::args_os().skip(1))
            .env(MATMUL_NUM_THREADS, "2")
            .status()
            .expect("run the bench again with MATMUL_NUM_THREADS=2");
        assert!(
            status.success(),
            "MATMUL_NUM_THREADS=2 run failed: {status}"
        );
    }
}
