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
use clap::{error::ErrorKind, CommandFactory, Parser};
use std::time::Instant;

/// Steps per second of the STEP workloads, interleaved with the peers by `benches/compare.sh`.
#[derive(Parser)]
#[command(name = "step_timing")]
struct Args {
    /// Thread counts, comma-separated: one rayon pool each
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    threads: Vec<usize>,
    /// Rounds over every thread count and workload
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Timed steps per sample
    #[arg(long, default_value_t = 200)]
    steps: usize,
    /// Untimed steps before each sample
    #[arg(long, default_value_t = 20)]
    warmup: usize,
    /// Workloads, comma-separated (STEP-2D, …, or a scaling size such as SCALE-B256-W512); all STEP workloads by default
    #[arg(long)]
    workloads: Option<String>,
    /// `choose` (split or serial per step, as in training) or `always` (every step split)
    #[arg(long, default_value = "choose", value_parser = ["choose", "always"])]
    split: String,
    /// Passed by `cargo bench`; ignored
    #[arg(long, hide = true)]
    bench: bool,
}

fn main() {
    let args = Args::parse();
    let (threads, runs, steps, warmup) = (args.threads, args.runs, args.steps, args.warmup);
    if threads.contains(&0) {
        Args::command()
            .error(
                ErrorKind::InvalidValue,
                "--threads: a thread count is at least 1",
            )
            .exit();
    }
    let only = args.workloads;
    let always_split = args.split == "always";
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
        } else if !selected.iter().any(|(known, _, _)| known == name) {
            Args::command()
                .error(
                    ErrorKind::InvalidValue,
                    format!("--workloads: {name} is neither a STEP workload of benches/workloads.rs nor SCALE-B<batch>-W<width>"),
                )
                .exit();
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
