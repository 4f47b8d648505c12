//! How a training step uses rayon's workers: kept awake through a step split across them
//! ([`with_workers_awake`]), or not used at all ([`serially`]), and which of the two the next
//! step takes, chosen by measuring both ([`ThreadChoice`]).
//!
//! Neither choice changes a bit of any result. Every parallel routine of the crate computes
//! each output element in one task, in an order fixed by the shapes alone (`linalg`, the
//! optimizers' elementwise updates), so a step gives the same bits split or serial, on any
//! number of threads. The choice changes only the time a step takes.

mod awake;
mod choice;

pub use awake::with_workers_awake;
pub use choice::{Parallelism, ThreadChoice};

use std::cell::Cell;

thread_local! {
    /// Set while [`serially`] runs on this thread.
    static SERIAL: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` on the calling thread with every parallel routine of the crate computing
/// serially (on this thread), whatever the size of the rayon pool; returns `f`'s result.
///
/// The results are the same bits as in parallel (module doc). A nested call is harmless, and
/// the previous setting comes back when `f` returns or panics.
///
/// # Examples
/// ```
/// use adversarial::linalg::matmul;
/// use adversarial::parallel::serially;
/// use ndarray::Array2;
///
/// let a = Array2::<f32>::from_shape_fn((256, 128), |(i, j)| (i as f32 - j as f32) / 64.0);
/// let b = Array2::<f32>::from_shape_fn((128, 64), |(i, j)| ((i * j) % 7) as f32);
/// let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// let split = pool.install(|| matmul(a.view(), b.view()));
/// let serial = pool.install(|| serially(|| matmul(a.view(), b.view())));
/// assert_eq!(split, serial);
/// ```
pub fn serially<R>(f: impl FnOnce() -> R) -> R {
    let previous = SERIAL.with(|serial| serial.replace(true));
    let _restore = Restore(previous);
    f()
}

/// Whether a parallel routine called here may split its work: the rayon pool has more than
/// one thread and no [`serially`] is running on this thread.
pub(crate) fn may_split() -> bool {
    rayon::current_num_threads() > 1 && !SERIAL.with(Cell::get)
}

/// Puts [`SERIAL`] back as it was, on return or unwinding.
struct Restore(bool);

impl Drop for Restore {
    fn drop(&mut self) {
        SERIAL.with(|serial| serial.set(self.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serially_holds_inside_and_restores_after_a_panic() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        pool.install(|| {
            assert!(may_split());
            serially(|| {
                assert!(!may_split());
                serially(|| assert!(!may_split()));
                assert!(!may_split(), "a nested call restores the outer setting");
            });
            assert!(may_split());
            let unwound = std::panic::catch_unwind(|| serially(|| panic!("inside serially")));
            assert!(unwound.is_err());
            assert!(may_split(), "a panic restores the setting");
        });
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert!(!one.install(may_split));
    }
}
