//! `gan_2d --seeds N`: seeds `0 … N−1`, two at a time, each run's final scatter, samples and
//! checkpoint under `seed_<s>/`, every score in `runs.csv`, and the mean ± standard error of
//! each score (the rows of `docs/RESULTS.md`).

use super::common::statistics::last_statistics;
use super::{
    common, config, kl_text, metrics_header, metrics_row, scatter, score, unit_extent,
    write_samples, Flags,
};
use adversarial::datasets::GaussianMixture2d;
use adversarial::gan::{Gan, HistoryRow, Objective};
use adversarial::metrics::ModeCoverage;
use common::output;
use common::progress::Progress;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// Seeds `0 … seeds−1`, two at a time, and the mean ± standard error of the scores.
pub(super) fn seed_sweep(
    f: &Flags,
    data: &GaussianMixture2d,
    seeds: u64,
    out: &Path,
) -> common::Result {
    output::create_folder(out)?;
    let steps = f.steps();
    println!(
        "{} modes, {} loss, {steps} steps, seeds 0..{seeds}",
        f.dataset_name(),
        f.loss.name(),
    );
    let started = Instant::now();
    let progress = Progress::new(seeds as usize * steps, &format!("seeds 0..{seeds}"))
        .scores(Objective::<f32>::score(&f.loss));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    let runs: Vec<Result<Run, String>> = pool.install(|| {
        (0..seeds)
            .into_par_iter()
            .map(|seed| {
                one_seed(f, data, seed, out, &progress)
                    .map_err(|e| format!("seed {seed}: {}", common::one_line(e.as_ref())))
            })
            .collect()
    });
    progress.finish();
    let mut csv = metrics_header() + ",d_real,d_fake\n";
    let mut scores = Vec::new();
    for (seed, run) in (0..seeds).zip(runs) {
        let Run {
            score,
            seconds,
            last,
        } = run?;
        let _ = writeln!(
            csv,
            "{},{},{}",
            metrics_row(seed, &score, seconds),
            last.d_real,
            last.d_fake
        );
        println!(
            "seed {seed}: {} modes, {:.1}% high quality, reverse KL {}  ({seconds:.0} s)\n  {}",
            score.modes_covered,
            100.0 * score.high_quality_fraction,
            kl_text(score.reverse_kl),
            last_statistics(f.loss, &last, data.extent())
        );
        scores.push(score);
    }
    output::write(&out.join("runs.csv"), csv.as_bytes())?;
    let column =
        |value: fn(&ModeCoverage) -> f64| mean_and_standard_error(scores.iter().map(value));
    let (modes, modes_se) = column(|s| s.modes_covered as f64);
    let (strict, strict_se) = column(|s| s.modes_above_one_percent as f64);
    let (quality, quality_se) = column(|s| 100.0 * s.high_quality_fraction);
    let (kl, kl_se) = column(|s| s.reverse_kl.unwrap_or(f64::NAN));
    println!(
        "mean ± standard error over {seeds} seeds: modes {modes:.1} ± {modes_se:.1} (≥ 1%: {strict:.1} ± {strict_se:.1}), \
         high quality {quality:.1} ± {quality_se:.1}%, reverse KL {kl:.3} ± {kl_se:.3}"
    );
    println!("wall time {:.0} s", started.elapsed().as_secs_f64());
    println!("wrote {}", out.join("runs.csv").display());
    Ok(())
}

/// One seed's result: its score, training time and last logged row.
struct Run {
    score: ModeCoverage,
    seconds: f64,
    last: HistoryRow,
}

/// Trains seed `seed`, writes its final scatter and samples, returns its score, run time and
/// last logged statistics.
fn one_seed(
    f: &Flags,
    data: &GaussianMixture2d,
    seed: u64,
    out: &Path,
    progress: &Progress,
) -> common::Result<Run> {
    let started = Instant::now();
    let mut gan = Gan::<f32>::new(config(f, seed), 2)?;
    let label = format!("seed {seed}: ");
    let history = gan.train(&unit_extent(data), |s| progress.step(&label, s))?;
    let last = *history.last().ok_or("training logged no row")?;
    let seconds = started.elapsed().as_secs_f64();
    let score = score(&gan, data)?;
    let dir = out.join(format!("seed_{seed}"));
    let title = format!(
        "seed {seed}: {} of {} modes, {:.1}% of samples within 3σ",
        score.modes_covered,
        data.modes().len(),
        100.0 * score.high_quality_fraction
    );
    scatter(&gan, data, &dir.join("scatter_final.png"), &title)?;
    write_samples(&gan, data, &dir.join("samples.csv"))?;
    gan.save_checkpoint_in_units(dir.join("checkpoint.safetensors"), data.extent(), 0.0)?;
    Ok(Run {
        score,
        seconds,
        last,
    })
}

/// `(mean, standard error = sample standard deviation / √n)`.
fn mean_and_standard_error(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let values: Vec<f64> = values.collect();
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, (variance / n).sqrt())
}
