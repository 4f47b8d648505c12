//! The training progress bar: step, losses, steps per second and the time left, on stderr,
//! and drawn only when stderr is a terminal (a redirected or piped run stays clean).

use adversarial::gan::{Score, StepStats};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;

/// The losses are shown every this many steps (formatting them every step would cost more
/// than drawing).
const MESSAGE_EVERY: usize = 25;

/// A bar over `steps` generator steps (a clone of it updates the same bar, from any thread).
#[derive(Clone)]
pub struct Progress {
    bar: ProgressBar,
    score: Score,
}

impl Progress {
    /// A bar of `total` steps titled `what` (e.g. "training", "seeds 0..10").
    pub fn new(total: usize, what: &str) -> Progress {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        // `wide_msg` takes the width left and cuts the losses rather than wrap the line.
        let style = ProgressStyle::with_template(
            "{prefix} {bar:20} {pos}/{len} steps, {rate}, {eta} left  {wide_msg}",
        )
        .expect("a valid template")
        .with_key(
            "rate",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} steps/s", state.per_sec());
            },
        );
        let bar = ProgressBar::with_draw_target(Some(total as u64), target).with_style(style);
        bar.set_prefix(what.to_owned());
        Progress {
            bar,
            score: Score::Logit,
        }
    }

    /// This bar showing D's outputs as the objective means them ([`Score`]): mean
    /// probabilities `D(x)`, `D(G(z))` for logits (the default), a critic's mean raw scores
    /// and their gap otherwise.
    pub fn scores(mut self, score: Score) -> Progress {
        self.score = score;
        self
    }

    /// Counts one generator step and, every few steps, shows its losses (and D's mean output
    /// on real and fake batches), with `label` before them (e.g. "seed 3: ", or "").
    pub fn step(&self, label: &str, s: &StepStats) {
        self.bar.inc(1);
        if s.step.is_multiple_of(MESSAGE_EVERY) {
            let (d, g) = (s.d_loss, s.g_loss);
            self.bar.set_message(match self.score {
                Score::Logit => format!(
                    "{label}D loss {d:.3}  G loss {g:.3}  D(x) {:.2}  D(G(z)) {:.2}",
                    s.d_real, s.d_fake
                ),
                Score::Raw => format!(
                    "{label}critic loss {d:.3}  G loss {g:.3}  s(x) {:.3}  s(G(z)) {:.3}  gap {:.3}",
                    s.d_real,
                    s.d_fake,
                    s.score_gap()
                ),
            });
        }
    }

    /// Counts one step that has no statistics to show (D's head start in `gan_1d`).
    pub fn tick(&self) {
        self.bar.inc(1);
    }

    /// Removes the bar, so the results printed next start on a clean line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
