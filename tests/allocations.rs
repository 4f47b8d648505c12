//! After warm-up, a training step on a reused tape allocates nothing on the heap: nodes and
//! gradients reuse the buffers of the previous step. Counted by a global allocator.

use adversarial::autograd::{Gradients, Tape};
use adversarial::nn::{Activation, Mlp, Mode, ParamStore};
use adversarial::optim::{Adam, AdamParams, Optimizer};
use ndarray::Array2;
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
    println!("heap allocations per step after warm-up: {per_step}");
    assert_eq!(per_step, 0.0);
}
