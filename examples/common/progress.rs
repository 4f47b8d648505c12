//! The training progress bar: step, losses, steps per second and the time left, on stderr,
//! and drawn only when stderr is a terminal (a redirected or piped run stays clean).

use adversarial::gan::StepStats;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;

/// The losses are shown every this many steps (formatting them every step would cost more
/// than drawing).
const MESSAGE_EVERY: usize = 25;

/// A bar over `steps` generator steps (a clone of it updates the same bar, from any thread).
#[derive(Clone)]
pub struct Progress {
    bar: ProgressBar,
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
        Progress { bar }
    }

    /// Counts one generator step and, every few steps, shows its losses (and D's mean output
    /// on real and fake batches), with `label` before them (e.g. "seed 3: ", or "").
    pub fn step(&self, label: &str, s: &StepStats) {
        self.bar.inc(1);
        if s.step.is_multiple_of(MESSAGE_EVERY) {
            self.bar.set_message(format!(
                "{label}D loss {:.3}  G loss {:.3}  D(x) {:.2}  D(G(z)) {:.2}",
                s.d_loss, s.g_loss, s.d_real, s.d_fake
            ));
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
