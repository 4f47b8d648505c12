//! A warm WGAN-GP critic step (a gradient recorded on the tape with `Tape::gradient`, then
//! differentiated by `backward`) allocates nothing, like a first-order step
//! (`tests/allocations.rs`). Counted by a global allocator; one test in this binary.

use adversarial::autograd::{Gradients, Tape};
use adversarial::nn::{Activation, Mlp, Mode, ParamStore};
use adversarial::optim::{Adam, AdamParams, Optimizer};
use ndarray::{array, Array2};
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn a_warm_gradient_penalty_step_allocates_nothing() {
    let mut store = ParamStore::<f32>::new();
    let mut rng = StdRng::seed_from_u64(0);
    let critic = Mlp::builder(&[2, 16, 16, 1])
        .hidden(Activation::LeakyRelu(0.2))
        .build(&mut store, "d", &mut rng);
    let ids = critic.params();
    let real = Array2::from_shape_fn((32, 2), |(i, j)| ((i * 2 + j) % 7) as f32 / 7.0 - 0.5);
    let fake = Array2::from_shape_fn((32, 2), |(i, j)| ((i * 3 + j) % 5) as f32 / 5.0 - 0.5);
    let x_hat = (&real + &fake) * 0.5;
    let (one, eps) = (array![[1.0f32]], array![[1e-12f32]]);
    let mut tape = Tape::new();
    let mut grads = Gradients::new();
    let mut adam = Adam::new(AdamParams::default());
    let mut step =
        |tape: &mut Tape<f32>, grads: &mut Gradients<f32>, store: &mut ParamStore<f32>| {
            tape.reset();
            let d_real = critic
                .forward(store, tape.constant(&real), Mode::Trainable)
                .mean();
            let d_fake = critic
                .forward(store, tape.constant(&fake), Mode::Trainable)
                .mean();
            let x = tape.constant(&x_hat);
            let scores = critic.forward(store, x, Mode::Trainable);
            let g = tape.gradient(scores.sum(), x);
            let norm = (g.square().row_sums() + tape.constant(&eps)).sqrt();
            let penalty = (norm - tape.constant(&one)).square().mean().scale(10.0);
            let loss = d_fake - d_real + penalty;
            tape.backward_into(loss, grads);
            tape.reset();
            adam.step(store, grads, &ids);
        };
    for _ in 0..3 {
        step(&mut tape, &mut grads, &mut store);
    }
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..10 {
        step(&mut tape, &mut grads, &mut store);
    }
    let per_step = (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / 10.0;
    println!("heap allocations per WGAN-GP critic step after warm-up: {per_step}");
    assert_eq!(per_step, 0.0);
}
