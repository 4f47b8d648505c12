//! After warm-up, a training step on a reused tape allocates nothing on the heap: nodes and
//! gradients reuse the buffers of the previous step. Counted by a global allocator, in all
//! (`ALLOCATIONS`) and per thread (`THREAD_ALLOCATIONS`): a step on a one-thread pool runs on
//! that pool's worker alone, so its own count cannot see another thread's allocation (a
//! dropped pool's threads still exiting, measured under load: 0.2 per step counted globally).

mod common;

use adversarial::autograd::{Gradients, Tape};
use adversarial::nn::{Activation, Mlp, Mode, ParamStore};
use adversarial::optim::{Adam, AdamParams, Optimizer};
use ndarray::Array2;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
thread_local! {
    static THREAD_ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

/// Counts one allocation, globally and on the calling thread (`try_with`: a thread being torn
/// down has no counter left, and its allocation is only counted globally).
fn count() {
    ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    let _ = THREAD_ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

/// Allocations made so far by the calling thread.
fn on_this_thread() -> usize {
    THREAD_ALLOCATIONS.with(Cell::get)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The counter is global, so this binary holds a single test: with two, the harness's main
/// thread allocates (recording the first result) while the second is counting.
#[test]
fn warm_steps_allocate_nothing() {
    a_warm_tape_step_allocates_nothing();
    a_warm_gan_step_allocates_nothing();
    a_warm_step_of_every_objective_allocates_nothing();
    a_warm_step_with_a_maxout_critic_allocates_nothing();
}

fn a_warm_tape_step_allocates_nothing() {
    let mut store = ParamStore::<f32>::new();
    let mut rng = StdRng::seed_from_u64(0);
    let mlp = Mlp::builder(&[8, 16, 16, 1])
        .hidden(Activation::LeakyRelu(0.2))
        .build(&mut store, "d", &mut rng);
    let ids = mlp.params();
    let x = Array2::from_shape_fn((32, 8), |(i, j)| ((i * 8 + j) % 7) as f32 / 7.0 - 0.5);
    let mut tape = Tape::new();
    let mut grads = Gradients::new();
    let mut adam = Adam::new(AdamParams::default());
    let mut step =
        |tape: &mut Tape<f32>, grads: &mut Gradients<f32>, store: &mut ParamStore<f32>| {
            tape.reset();
            let logits = mlp.forward(store, tape.constant(&x), Mode::Trainable);
            let loss = logits.bce_with_logits(1.0);
            tape.backward_into(loss, grads);
            tape.reset(); // the tape shares the parameters: release them before the update
            adam.step(store, grads, &ids);
        };
    for _ in 0..3 {
        step(&mut tape, &mut grads, &mut store);
    }
    // Counted on this thread, where the whole step runs (its products and updates are too
    // small to split). The global count, which also sees every other thread, once read 0.4
    // per step here in a full `cargo test --release` on a loaded machine.
    let before = on_this_thread();
    for _ in 0..10 {
        step(&mut tape, &mut grads, &mut store);
    }
    let per_step = (on_this_thread() - before) as f64 / 10.0;
    println!("heap allocations per step after warm-up: {per_step}");
    assert_eq!(per_step, 0.0);
}

fn a_warm_gan_step_allocates_nothing() {
    use adversarial::gan::{Gan, GanConfig};
    // STEP-2D's networks (../shared/bench/WORKLOADS.md) on a fixed 2-D data set.
    let config = GanConfig {
        noise_size: 16,
        generator_hidden: vec![128, 128],
        discriminator_hidden: vec![128, 128],
        generator_activation: Activation::Relu,
        discriminator_activation: Activation::Relu,
        batch_size: 256,
        discriminator_steps: 1,
        ..GanConfig::default()
    };
    let data = Array2::from_shape_fn((1024, 2), |(i, j)| ((i * 3 + j) % 11) as f32 / 11.0);
    // The steps run inside a rayon pool, as a training loop does: a product called from
    // outside any pool hands rayon a job through its global queue, which allocates a block
    // of slots every 63 jobs (measured: 0.5 allocations per step).
    // Allocations per step in each of three windows of 50 warm steps.
    let per_step = |threads| {
        let mut gan = Gan::<f32>::new(config.clone(), 2).unwrap();
        common::on_threads(threads, || {
            for _ in 0..3 {
                gan.step(&data).unwrap();
            }
            // One thread: the worker's own count; two: every thread's.
            let counted = || match threads {
                1 => on_this_thread(),
                _ => ALLOCATIONS.load(Ordering::Relaxed),
            };
            [0; 3].map(|_| {
                let before = counted();
                for _ in 0..50 {
                    gan.step(&data).unwrap();
                }
                (counted() - before) as f64 / 50.0
            })
        })
    };
    // The crate's own code allocates nothing: one thread, so nothing is stolen.
    let one = per_step(1);
    println!("heap allocations per GAN step after warm-up, 1 thread: {one:?}");
    assert_eq!(one, [0.0; 3]);
    // With two threads, rayon's work stealing now and then grows a queue (measured 0 to 0.15
    // per step, varying from run to run with the scheduler); the products themselves still
    // allocate nothing (before they reused their lists and buffers: 315 per step). A burst of
    // stealing can hit one window, so the bound is on the quietest of the three, which only a
    // per-step allocation in the crate's parallel path could lift above 1.
    let two = per_step(2);
    println!("heap allocations per GAN step after warm-up, 2 threads: {two:?}");
    let quietest = two.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(quietest < 1.0, "{two:?}");
}

fn a_warm_step_of_every_objective_allocates_nothing() {
    use adversarial::gan::{Gan, GanConfig, GanLoss};
    // Each objective with its paper's set-up (`with_loss`: RMSProp and clipping for WGAN,
    // k = 5 and the gradient penalty recorded on the tape for WGAN-GP), one thread.
    let data = Array2::from_shape_fn((512, 2), |(i, j)| ((i * 5 + j) % 13) as f32 / 13.0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    for loss in GanLoss::ALL {
        let config = GanConfig {
            noise_size: 4,
            generator_hidden: vec![32, 32],
            discriminator_hidden: vec![32, 32],
            batch_size: 64,
            generator_average: Some(0.999), // θ̄_G is updated in place
            ..GanConfig::default().with_loss(loss)
        };
        let mut gan = Gan::<f32>::new(config, 2).unwrap();
        let per_step = pool.install(|| per_warm_step(&mut gan, &data));
        println!("heap allocations per warm {loss} step: {per_step}");
        assert_eq!(per_step, 0.0, "{loss}");
    }
}

fn a_warm_step_with_a_maxout_critic_allocates_nothing() {
    use adversarial::gan::{Gan, GanConfig, GanLoss};
    use adversarial::nn::{Init, Maxout};
    // PacGAN's maxout discriminator (smaller), plain and under the gradient penalty, whose
    // recorded backward of `row_max` builds its argmax mask on the tape.
    let data = Array2::from_shape_fn((512, 2), |(i, j)| ((i * 5 + j) % 13) as f32 / 13.0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    for loss in [GanLoss::NonSaturating, GanLoss::WganGp] {
        let config = GanConfig {
            noise_size: 4,
            batch_size: 64,
            ..GanConfig::default().with_loss(loss)
        };
        let mut store = ParamStore::<f32>::new();
        let mut rng = StdRng::seed_from_u64(1);
        let generator = Mlp::builder(&[4, 32, 2]).build(&mut store, "generator", &mut rng);
        let critic = Maxout::new(
            &mut store,
            "discriminator",
            &[2, 16, 16, 1],
            5,
            Init::Xavier,
            &mut rng,
        );
        let mut gan = Gan::from_networks(config, store, generator, critic).unwrap();
        let per_step = pool.install(|| per_warm_step(&mut gan, &data));
        println!("heap allocations per warm {loss} step, maxout critic: {per_step}");
        assert_eq!(per_step, 0.0, "{loss}, maxout critic");
    }
}

/// Allocations per step made by the calling thread over 10 steps, after 3 warm-up steps.
fn per_warm_step<G, D>(gan: &mut adversarial::gan::Gan<f32, G, D>, data: &Array2<f32>) -> f64
where
    G: adversarial::nn::Network<f32>,
    D: adversarial::nn::Network<f32>,
{
    for _ in 0..3 {
        gan.step(data).unwrap();
    }
    let before = on_this_thread();
    for _ in 0..10 {
        gan.step(data).unwrap();
    }
    (on_this_thread() - before) as f64 / 10.0
}
