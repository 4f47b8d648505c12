//! Keeping rayon's workers awake through a training step.
//!
//! A GAN step of the small workloads (STEP-2D, STEP-DIGITS of `docs/BENCHMARKS.md`) is some
//! thirty parallel matrix products of 10–40 µs each, with short serial elementwise passes
//! between them. An idle rayon worker spins briefly, then sleeps; waking it again costs the
//! operating system tens of microseconds, about as long as the product it was woken for,
//! so on two threads such a step ran no faster than on one. OpenMP, which PyTorch uses,
//! avoids this by spin-waiting between parallel regions; [`with_workers_awake`] does the
//! same for one step, and it is the one place this crate burns a core on purpose.
//!
//! Results do not depend on it: which thread computes a tile never changes the tile's
//! arithmetic (`linalg`), so a step is bit-identical with or without it, on any thread count.

use rayon::Yield;
use std::sync::atomic::{AtomicBool, Ordering};

/// Runs `f` on the calling thread while the other workers of the current rayon pool
/// poll for work instead of sleeping; returns `f`'s result.
///
/// How: `f` is joined (`rayon::join`) with a helper task. A worker that steals the helper
/// loops `rayon::yield_now()` (which runs any job waiting in the pool) until `f` returns.
/// If no worker was free to steal it, the calling thread runs it after `f`, sees `f` done,
/// and returns at once. On a one-thread pool `f` simply runs. Costs: the awake workers use
/// their cores fully while `f` runs, like OpenMP's spin-wait.
///
/// # Panics
/// If `f` panics, with `f`'s panic. "`f` is done" is signalled by a guard's `Drop`, which
/// runs on return and on unwinding alike, so a panicking `f` releases the helper and
/// `rayon::join` re-raises the panic instead of waiting forever for a helper that spins.
///
/// # Examples
/// ```
/// use adversarial::linalg::matmul;
/// use adversarial::parallel::with_workers_awake;
/// use ndarray::Array2;
///
/// let a = Array2::<f32>::ones((256, 128));
/// let b = Array2::<f32>::ones((128, 128));
/// let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// let c = pool.install(|| with_workers_awake(|| matmul(a.view(), b.view())));
/// assert!(c.iter().all(|&x| x == 128.0));
/// ```
pub fn with_workers_awake<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    if rayon::current_num_threads() < 2 {
        return f();
    }
    let done = AtomicBool::new(false);
    // `join` keeps both tasks on the stack: no allocation (a warm step allocates nothing).
    let (result, ()) = rayon::join(
        || {
            let _release_the_helper = SetOnDrop(&done);
            f()
        },
        || {
            while !done.load(Ordering::Acquire) {
                if rayon::yield_now() != Some(Yield::Executed) {
                    std::hint::spin_loop();
                }
            }
        },
    );
    result
}

/// Sets its flag when dropped: when the scope holding it ends, by return or by a panic.
struct SetOnDrop<'a>(&'a AtomicBool);

impl Drop for SetOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::matmul;
    use ndarray::Array2;
    use rayon::prelude::*;
    use std::collections::BTreeSet;
    use std::sync::Mutex;

    fn operands() -> (Array2<f32>, Array2<f32>) {
        let a = Array2::from_shape_fn((256, 128), |(i, j)| ((i * 31 + j * 7) % 13) as f32 - 6.0);
        let b = Array2::from_shape_fn((128, 128), |(i, j)| ((i * 5 + j * 11) % 17) as f32 / 8.0);
        (a, b)
    }

    #[test]
    fn results_are_the_same_bits_awake_or_not() {
        let (a, b) = operands();
        let serial = matmul(a.view(), b.view());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        for _ in 0..20 {
            let awake = pool.install(|| with_workers_awake(|| matmul(a.view(), b.view())));
            assert_eq!(awake, serial);
        }
    }

    #[test]
    fn the_awake_worker_still_takes_work() {
        // The helper is the oldest job in the caller's queue, so the other worker steals it
        // first; were it only to spin, every job below would run on the caller's thread.
        // Each job waits until both threads have taken one, so the outcome does not depend on
        // how fast the scheduler runs them: a helper that never takes work leaves the first
        // job waiting, and the deadline (far above any scheduling delay) turns that into a
        // failure instead of a hang.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let threads = Mutex::new(BTreeSet::new());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        pool.install(|| {
            with_workers_awake(|| {
                (0..200).into_par_iter().for_each(|_| {
                    let index = rayon::current_thread_index().expect("in the pool");
                    threads.lock().unwrap().insert(index);
                    while threads.lock().unwrap().len() < 2 && std::time::Instant::now() < deadline
                    {
                        std::thread::yield_now();
                    }
                });
            })
        });
        assert_eq!(threads.into_inner().unwrap(), BTreeSet::from([0, 1]));
    }

    #[test]
    fn returns_at_once_when_no_worker_is_free() {
        // Two steps at once on a two-thread pool: each worker is busy with its own step, so
        // each helper task is run, finished, by the thread that spawned it.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let (a, b) = operands();
        let serial = matmul(a.view(), b.view());
        let results: Vec<_> = pool.install(|| {
            (0..8)
                .into_par_iter()
                .map(|_| with_workers_awake(|| matmul(a.view(), b.view())))
                .collect()
        });
        assert!(results.iter().all(|c| *c == serial));
    }

    #[test]
    fn one_thread_runs_f_directly() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert_eq!(pool.install(|| with_workers_awake(|| 7)), 7);
    }
}
