//! Split or serial: which is faster for the next training step, measured as training goes.
//!
//! On an idle machine the larger steps run faster split across two threads; beside one
//! competing CPU-bound process the same split step ran at 0.23–0.41 of the serial step's
//! speed (`docs/BENCHMARKS.md`, "Contention"). A step is some thirty matrix products of tens
//! of microseconds, each finished only when its last tile is; once the operating system
//! deschedules a worker that holds a tile, the product waits a whole time slice
//! (milliseconds) for it. Which of the two is faster depends on the machine's load, which
//! no program can know in advance and which changes while it trains, so [`ThreadChoice`]
//! measures both:
//!
//! ```text
//! probe:  split, then serial: 1 untimed step (the mode settles), then timed steps until
//!         there are at least W of them and they took at least T_min
//! keep:   the mode with the shorter mean step, for at least K steps and R × the probes' time;
//!         a kept split is probed again as soon as a block of W steps (and T_min) runs
//!         S × slower than its probe                 W = 4, T_min = 10 ms, K = 512, R = 50, S = 1.5
//! ```
//!
//! On a steady machine the cost is the slower mode's probe, at most 1/R = 2 % of the time
//! spent keeping the faster one. A competitor that slows a kept split step is noticed within
//! a block. A kept serial step is not probed early when it slows: more load slows a split
//! step more, so only the periodic probe asks whether the load has gone.
//!
//! Bits: the choice changes no result (`parallel`'s module doc), so training stays
//! bit-identical for any seed whatever this chooses.

use super::{may_split, serially, with_workers_awake};
use std::time::{Duration, Instant};

/// Timed steps at least, per probe of one mode and per block a kept split is checked over.
const PROBE_STEPS: u32 = 4;
/// Wall time at least, per probe and per block: steps of a millisecond are too noisy to
/// judge four at a time.
const PROBE_TIME: Duration = Duration::from_millis(10);
/// Untimed steps at the start of each probe, while the new mode settles (a sleeping worker
/// wakes, caches refill).
const SETTLE_STEPS: u32 = 1;
/// Steps a choice is kept, at least, before both modes are probed again.
const KEEP_STEPS: u32 = 512;
/// Time a choice is kept, at least, as a multiple of what the last two probes took.
const KEEP_RATIO: u32 = 50;
/// A kept split is probed again when a block runs this many times slower per step than its
/// probe.
const SLOWDOWN: f64 = 1.5;

/// How a step uses the rayon pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parallelism {
    /// The work split across the pool's threads, kept awake for the step
    /// ([`with_workers_awake`]).
    Split,
    /// Everything on the calling thread ([`serially`]).
    Serial,
}

/// Where the choice stands: probing a mode, keeping one, or fixed by the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Probe(Parallelism),
    Keep(Parallelism),
    Always(Parallelism),
}

/// Chooses, step after step, whether a step runs split or serial, by timing both (module
/// doc). [`Gan::step`](crate::gan::Gan::step) runs every step through one.
///
/// # Examples
/// ```
/// use adversarial::linalg::matmul;
/// use adversarial::parallel::ThreadChoice;
/// use ndarray::Array2;
///
/// let a = Array2::<f32>::ones((256, 256));
/// let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// let mut choice = ThreadChoice::new();
/// let expected = matmul(a.view(), a.view());
/// for _ in 0..20 {
///     // Split or serial, whichever was faster: the same bits either way.
///     let c = pool.install(|| choice.run(|| matmul(a.view(), a.view())));
///     assert_eq!(c, expected);
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThreadChoice {
    stage: Stage,
    /// Steps recorded in the current stage, and their wall time.
    steps: u32,
    elapsed: Duration,
    /// Timed steps of the current probe or block, and their wall time.
    timed_steps: u32,
    timed: Duration,
    /// The last probe of each mode, `[split, serial]`: seconds per timed step.
    seconds_per_step: [f64; 2],
    /// Wall time of the last two probes, settling steps included.
    probes_took: Duration,
}

impl Default for ThreadChoice {
    fn default() -> Self {
        Self::new()
    }
}

impl ThreadChoice {
    /// A choice that starts by probing both modes.
    pub fn new() -> Self {
        ThreadChoice {
            stage: Stage::Probe(Parallelism::Split),
            steps: 0,
            elapsed: Duration::ZERO,
            timed_steps: 0,
            timed: Duration::ZERO,
            seconds_per_step: [0.0; 2],
            probes_took: Duration::ZERO,
        }
    }

    /// A choice fixed to `mode`, never timed: `always(Split)` is how the benchmarks measure
    /// the split step on a busy machine, and how the tests make sure every step of a run
    /// splits.
    pub fn always(mode: Parallelism) -> Self {
        ThreadChoice {
            stage: Stage::Always(mode),
            ..Self::new()
        }
    }

    /// The mode the next step will use.
    pub fn next_step(&self) -> Parallelism {
        match self.stage {
            Stage::Probe(mode) | Stage::Keep(mode) | Stage::Always(mode) => mode,
        }
    }

    /// Runs `f` as [`next_step`](Self::next_step) says, times it, and updates the choice;
    /// returns `f`'s result. Where nothing can split (a one-thread pool, or inside
    /// [`serially`]) `f` simply runs, untimed.
    pub fn run<R: Send>(&mut self, f: impl FnOnce() -> R + Send) -> R {
        if !may_split() {
            return f();
        }
        let mode = self.next_step();
        let start = Instant::now();
        let result = match mode {
            Parallelism::Split => with_workers_awake(f),
            Parallelism::Serial => serially(f),
        };
        if !matches!(self.stage, Stage::Always(_)) {
            self.record(start.elapsed());
        }
        result
    }

    /// Counts one step of the current stage that took `elapsed`.
    fn record(&mut self, elapsed: Duration) {
        self.steps += 1;
        self.elapsed += elapsed;
        let settling = matches!(self.stage, Stage::Probe(_)) && self.steps <= SETTLE_STEPS;
        if !settling {
            self.timed_steps += 1;
            self.timed += elapsed;
        }
        let timed_enough = self.timed_steps >= PROBE_STEPS && self.timed >= PROBE_TIME;
        match self.stage {
            Stage::Always(_) => {}
            Stage::Probe(mode) if timed_enough => {
                self.seconds_per_step[index(mode)] = self.seconds_per_timed_step();
                match mode {
                    Parallelism::Split => {
                        self.probes_took = self.elapsed;
                        self.enter(Stage::Probe(Parallelism::Serial));
                    }
                    Parallelism::Serial => {
                        self.probes_took += self.elapsed;
                        self.enter(Stage::Keep(self.faster()));
                    }
                }
            }
            Stage::Probe(_) => {}
            Stage::Keep(mode) => {
                let slowed = mode == Parallelism::Split
                    && timed_enough
                    && self.seconds_per_timed_step()
                        > SLOWDOWN * self.seconds_per_step[index(mode)];
                let kept_long_enough =
                    self.steps >= KEEP_STEPS && self.elapsed >= self.probes_took * KEEP_RATIO;
                if slowed || kept_long_enough {
                    self.enter(Stage::Probe(Parallelism::Split));
                } else if timed_enough {
                    (self.timed_steps, self.timed) = (0, Duration::ZERO);
                }
            }
        }
    }

    fn seconds_per_timed_step(&self) -> f64 {
        self.timed.as_secs_f64() / f64::from(self.timed_steps)
    }

    /// The probed mode with the shorter step (serial on a tie: it leaves a core free).
    fn faster(&self) -> Parallelism {
        let [split, serial] = self.seconds_per_step;
        if split < serial {
            Parallelism::Split
        } else {
            Parallelism::Serial
        }
    }

    fn enter(&mut self, stage: Stage) {
        self.stage = stage;
        (self.steps, self.elapsed) = (0, Duration::ZERO);
        (self.timed_steps, self.timed) = (0, Duration::ZERO);
    }
}

fn index(mode: Parallelism) -> usize {
    match mode {
        Parallelism::Split => 0,
        Parallelism::Serial => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Parallelism::{Serial, Split};

    /// Feeds `choice` steps whose time (µs) depends on the mode, as a machine would; returns
    /// the modes used, one per step.
    fn drive(
        choice: &mut ThreadChoice,
        steps: usize,
        mut micros: impl FnMut(Parallelism) -> u64,
    ) -> Vec<Parallelism> {
        (0..steps)
            .map(|_| {
                let mode = choice.next_step();
                choice.record(Duration::from_micros(micros(mode)));
                mode
            })
            .collect()
    }

    fn count(modes: &[Parallelism], mode: Parallelism) -> usize {
        modes.iter().filter(|&&m| m == mode).count()
    }

    /// Steps of one probe when its steps take `micros` each.
    fn probe_steps(micros: u64) -> usize {
        let time_bound = PROBE_TIME.as_micros().div_ceil(u128::from(micros)) as u32;
        (SETTLE_STEPS + PROBE_STEPS.max(time_bound)) as usize
    }

    #[test]
    fn probes_split_then_serial_then_keeps_the_faster() {
        // Steps of 3 and 5 ms: each probe is the settling step and 4 timed steps.
        let mut choice = ThreadChoice::new();
        let time = |m| if m == Split { 3000 } else { 5000 };
        let (split, serial) = (probe_steps(3000), probe_steps(5000));
        assert_eq!((split, serial), (5, 5));
        let modes = drive(&mut choice, split + serial + 10, time);
        assert!(modes[..split].iter().all(|&m| m == Split));
        assert!(modes[split..split + serial].iter().all(|&m| m == Serial));
        assert!(modes[split + serial..].iter().all(|&m| m == Split));
        assert_eq!(choice.seconds_per_step, [0.003, 0.005]);

        let mut busy = ThreadChoice::new();
        let modes = drive(&mut busy, 30, |m| if m == Split { 9000 } else { 3000 });
        assert!(modes[10..].iter().all(|&m| m == Serial));
    }

    #[test]
    fn short_steps_are_probed_for_at_least_probe_time() {
        // 1 ms steps: 10 timed steps make the 10 ms.
        let mut choice = ThreadChoice::new();
        let modes = drive(&mut choice, 30, |m| if m == Split { 1000 } else { 1500 });
        assert_eq!(probe_steps(1000), 11);
        assert!(modes[..11].iter().all(|&m| m == Split));
        assert_eq!(modes[11], Serial);
        assert_eq!(count(&modes[11..], Serial), probe_steps(1500));
        assert!(modes[11 + probe_steps(1500)..].iter().all(|&m| m == Split));
    }

    #[test]
    fn the_settling_step_is_not_timed() {
        // A first split step that pays for waking the worker does not decide the probe.
        let mut choice = ThreadChoice::new();
        let mut first = true;
        let modes = drive(&mut choice, 11, |m| match m {
            Split if std::mem::take(&mut first) => 100_000,
            Split => 3000,
            Serial => 5000,
        });
        assert_eq!(modes[10], Split);
    }

    #[test]
    fn probing_costs_at_most_one_over_keep_ratio() {
        // Split at a third of serial's speed, as beside a competitor: over several cycles
        // the split probes add under 2 % to the time all-serial steps would take.
        let mut choice = ThreadChoice::new();
        let modes = drive(
            &mut choice,
            20_000,
            |m| if m == Split { 3000 } else { 1000 },
        );
        let split_probes = count(&modes, Split) / probe_steps(3000);
        assert!(split_probes >= 3, "{split_probes} probes");
        assert_eq!(count(&modes, Split), split_probes * probe_steps(3000));
        let time = 3000 * count(&modes, Split) + 1000 * count(&modes, Serial);
        let overhead = time as f64 / (1000 * modes.len()) as f64 - 1.0;
        assert!(
            overhead < 1.0 / f64::from(KEEP_RATIO),
            "the slow probes cost {overhead}"
        );
    }

    #[test]
    fn a_competitor_slowing_a_kept_split_is_noticed_within_a_block() {
        let mut choice = ThreadChoice::new();
        drive(&mut choice, 30, |m| if m == Split { 3000 } else { 5000 });
        assert_eq!(
            choice.next_step(),
            Split,
            "a steady machine keeps its choice"
        );
        // Now split steps take 3× as long: the next block triggers a probe, which picks
        // serial.
        let modes = drive(&mut choice, 4 + 10 + 5, |m| {
            if m == Split {
                9000
            } else {
                5000
            }
        });
        assert!(modes[..4 + 5].iter().all(|&m| m == Split));
        assert!(modes[4 + 5..].iter().all(|&m| m == Serial));
    }

    #[test]
    fn a_slower_kept_serial_step_waits_for_the_periodic_probe() {
        let mut choice = ThreadChoice::new();
        drive(&mut choice, 30, |m| if m == Split { 9000 } else { 3000 });
        assert_eq!(choice.next_step(), Serial);
        let modes = drive(&mut choice, 400, |m| if m == Split { 27000 } else { 6000 });
        assert!(modes.iter().all(|&m| m == Serial));
    }

    #[test]
    fn nothing_is_timed_where_nothing_can_split() {
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let mut choice = ThreadChoice::new();
        for _ in 0..3 {
            assert_eq!(one.install(|| choice.run(|| 7)), 7);
        }
        assert_eq!(choice, ThreadChoice::new());
    }

    #[test]
    fn a_fixed_choice_never_changes() {
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let mut choice = ThreadChoice::always(Split);
        for _ in 0..20 {
            two.install(|| choice.run(|| assert!(super::super::may_split())));
        }
        assert_eq!(choice, ThreadChoice::always(Split));
        let mut serial = ThreadChoice::always(Serial);
        two.install(|| serial.run(|| assert!(!super::super::may_split())));
    }
}
