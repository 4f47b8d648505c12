//! Steps per second of the STEP workloads, in the protocol of the PyTorch peer
//! (`../shared/bench/torch_peer.py`): for each round, each thread count and each workload,
//! 20 warm-up steps then `--steps` timed steps. Prints one TSV line per sample
//! (`crate  step  WORKLOAD  THREADS  STEPS_PER_S`), the format of the peer's `--tsv`.
//!
//! ```sh
//! cargo bench --bench step_timing -- --threads 1,2 --runs 5 --steps 200
//! cargo bench --bench step_timing -- --threads 2 --split always   # every step split
//! ```
//! By default each GAN chooses split or serial per step as it does in training
//! (`parallel::ThreadChoice`); `--split always` fixes every step to split.
//! `benches/compare.sh` runs it interleaved with the peer.

#[path = "workloads.rs"]
mod workloads;

use adversarial::gan::Gan;
use adversarial::parallel::{Parallelism, ThreadChoice};
use std::time::Instant;

fn main() {
    let mut threads = vec![1, 2];
    let (mut runs, mut steps, mut warmup) = (5usize, 200usize, 20usize);
    let mut only: Option<String> = None;
    let mut always_split = false;
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).expect("every flag takes a value");
        match pair[0].as_str() {
            "--threads" => {
                threads = value
                    .split(',')
                    .map(|t| t.parse().expect("thread count"))
                    .collect()
            }
            "--runs" => runs = value.parse().expect("--runs N"),
            "--steps" => steps = value.parse().expect("--steps N"),
            "--warmup" => warmup = value.parse().expect("--warmup N"),
            "--workloads" => only = Some(value.clone()),
            "--split" => match value.as_str() {
                "always" => always_split = true,
                "choose" => always_split = false,
                other => panic!("--split always|choose, not {other}"),
            },
            flag => panic!("unknown flag {flag}"),
        }
    }
    let mut selected: Vec<(String, _, _)> = workloads::workloads()
        .into_iter()
        .filter(|(name, _, _)| {
            only.as_ref()
                .is_none_or(|o| o.split(',').any(|w| w == *name))
        })
        .map(|(name, config, dim)| (name.to_owned(), config, dim))
        .collect();
    // The scaling sizes (`SCALE-B256-W512`, benches/scaling.sh) are named, not listed.
    for name in only.iter().flat_map(|o| o.split(',')) {
        if let Some((config, dim)) = workloads::scaled_2d(name) {
            selected.push((name.to_owned(), config, dim));
        }
    }
    let pools: Vec<_> = threads
        .iter()
        .map(|&t| {
            (
                t,
                rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build()
                    .expect("pool"),
            )
        })
        .collect();
    let mut gans: Vec<_> = pools
        .iter()
        .flat_map(|(t, _)| {
            selected.iter().map(move |(name, config, dim)| {
                let mut gan = Gan::<f32>::new(config.clone(), *dim).expect("valid workload");
                if always_split {
                    gan.set_thread_choice(ThreadChoice::always(Parallelism::Split));
                }
                (name.as_str(), *t, gan, *dim, config.batch_size)
            })
        })
        .collect();
    for _ in 0..runs {
        for (name, t, gan, dim, batch) in gans.iter_mut() {
            let data = workloads::real_data(*batch, *dim);
            let pool = &pools.iter().find(|(n, _)| n == t).expect("pool").1;
            pool.install(|| {
                for _ in 0..warmup {
                    gan.step(&data).expect("finite losses");
                }
                let started = Instant::now();
                for _ in 0..steps {
                    gan.step(&data).expect("finite losses");
                }
                let per_second = steps as f64 / started.elapsed().as_secs_f64();
                println!("crate\tstep\t{name}\t{t}\t{per_second}");
            });
        }
    }
}
