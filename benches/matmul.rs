//! MM workloads of `WORKLOADS.md` (f32): our `gemm` beside ndarray's `general_mat_mul` (the
//! kernel behind `dot`, i.e. `matrixmultiply` with its default features), each in a rayon
//! pool of 1 and of 2 threads, plus the FMA peak of this CPU.
//!
//! Both products write into a preallocated C with `β = 0`, as the PyTorch peer does with
//! `torch.matmul(a, b, out=c)`. Throughput is set to the flop count `2·m·k·n`, so criterion's
//! "elem/s" reads as flop/s (`Gelem/s` = GFLOP/s). Run: `cargo bench --bench matmul`.

use adversarial::linalg::gemm;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2};
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};
use rayon::{ThreadPool, ThreadPoolBuilder};
use std::hint::black_box;
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

fn uniform(rows: usize, cols: usize, rng: &mut StdRng) -> Array2<f32> {
    Array2::from_shape_fn((rows, cols), |_| rng.random_range(-1.0..1.0))
}

fn pool(threads: usize) -> ThreadPool {
    ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("rayon pool")
}

fn matmul_workloads(criterion: &mut Criterion) {
    let pools: Vec<(usize, ThreadPool)> = THREADS.iter().map(|&t| (t, pool(t))).collect();
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
        let mut c = Array2::<f32>::zeros((m, n));
        let mut group = criterion.benchmark_group(format!("mm {label}"));
        group.throughput(Throughput::Elements(2 * (m * k * n) as u64));
        for (threads, pool) in &pools {
            group.bench_function(BenchmarkId::new("ours", format!("{threads}t")), |bencher| {
                pool.install(|| {
                    bencher
                        .iter(|| gemm(1.0, black_box(a_view), black_box(b_view), 0.0, c.view_mut()))
                })
            });
            group.bench_function(
                BenchmarkId::new("ndarray", format!("{threads}t")),
                |bencher| {
                    pool.install(|| {
                        bencher.iter(|| {
                            general_mat_mul(
                                1.0,
                                &black_box(a_view),
                                &black_box(b_view),
                                0.0,
                                &mut c,
                            )
                        })
                    })
                },
            );
        }
        group.finish();
    }
}

/// Independent FMA chains (more than latency × pipes) per thread, nothing else: the most
/// flop/s this CPU's vector units give, the ceiling for any product.
mod peak {
    #[cfg(target_arch = "x86_64")]
    use std::arch::x86_64::*;

    /// FMAs per loop trip and per chain set: 16 chains of one 512-bit register each.
    pub const CHAINS: usize = 16;
    /// Flops of one trip: 16 chains × 16 f32 lanes × 2 (multiply + add).
    pub const FLOPS_PER_TRIP: u64 = (CHAINS * 16 * 2) as u64;

    /// `trips` rounds of 16 independent `x ← x·s + t` on 16-lane vectors; returns a lane sum
    /// so nothing is optimised away. `None` without AVX-512F.
    pub fn fma_chains(trips: usize, scale: f32, shift: f32) -> Option<f32> {
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("avx512f") {
            // SAFETY: avx512f was detected on this CPU just above.
            return Some(unsafe { chains_avx512(trips, scale, shift) });
        }
        let _ = (trips, scale, shift);
        None
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn chains_avx512(trips: usize, scale: f32, shift: f32) -> f32 {
        let (scale, shift) = (_mm512_set1_ps(scale), _mm512_set1_ps(shift));
        // Distinct starting values: with identical chains LLVM merged and spilled them.
        let mut chains: [__m512; CHAINS] = std::array::from_fn(|i| _mm512_set1_ps(1.0 + i as f32));
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
}

fn fma_peak(criterion: &mut Criterion) {
    const TRIPS: usize = 100_000;
    if peak::fma_chains(1, 1.0, 0.0).is_none() {
        return;
    }
    let mut group = criterion.benchmark_group("fma_peak avx512f");
    for threads in THREADS {
        let pool = pool(threads);
        group.throughput(Throughput::Elements(
            peak::FLOPS_PER_TRIP * (TRIPS * threads) as u64,
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

criterion_group! { name = benches; config = config(); targets = fma_peak, matmul_workloads }
criterion_main!(benches);
