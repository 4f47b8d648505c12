//! Criterion benchmark of one full GAN step (D update + G update) for the STEP workloads of
//! `../shared/bench/WORKLOADS.md`, at 1 and 2 rayon threads.
//!
//! ```sh
//! cargo bench --bench step
//! ```

#[path = "workloads.rs"]
mod workloads;

use adversarial::gan::Gan;
use criterion::{criterion_group, criterion_main, Criterion};

fn steps(c: &mut Criterion) {
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        for (name, config, dim) in workloads::workloads() {
            let data = workloads::real_data(config.batch_size, dim);
            let mut gan = Gan::<f32>::new(config, dim).expect("valid workload");
            let mut group = c.benchmark_group(format!("{name}/threads={threads}"));
            group.sample_size(20);
            group.bench_function("step", |b| {
                pool.install(|| b.iter(|| gan.step(&data).expect("finite losses")));
            });
            group.finish();
        }
    }
}

criterion_group!(benches, steps);
criterion_main!(benches);
