//! The training loop and the closing report that `gan_digits` and `gan_mnist` share: grids of
//! samples at chosen steps, then the history, `metrics.csv` (its last row the training time)
//! and a list of what was written.

use super::output;
use super::progress::Progress;
use super::statistics::last_statistics;
use adversarial::gan::{Gan, GanLoss, History, RealData};
use adversarial::nn::{Mlp, Network};
use adversarial::plot::PlotError;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a run is, as its report names it.
pub struct ImageRun<'a> {
    pub out: &'a Path,
    pub loss: GanLoss,
    pub steps: usize,
    pub pack: usize,
    pub seed: u64,
    pub conditional: bool,
}

impl ImageRun<'_> {
    /// Trains to the last of `snapshots` (increasing), drawing `grid` at each into
    /// `samples_grid_<step>.png` (titled "`what` after `step` steps"), then copies the last
    /// to `samples_grid.png`. Returns the history, the grids written and the training time
    /// in seconds.
    pub fn train_with_grids<G: Network<f32>>(
        &self,
        gan: &mut Gan<f32, G, Mlp>,
        data: &dyn RealData<f32>,
        snapshots: &[usize],
        what: &str,
        grid: impl Fn(&Gan<f32, G, Mlp>, &Path, &str) -> Result<(), PlotError>,
    ) -> super::Result<(History, Vec<PathBuf>, f64)> {
        let progress = Progress::new(self.steps, "training").scores(gan.objective().score());
        let started = Instant::now();
        let mut history = History::default();
        let mut written = Vec::new();
        for &step in snapshots {
            let part = gan.train_until(data, step, |s| progress.step("", s))?;
            history.rows.extend(part.rows);
            let path = self.out.join(format!("samples_grid_{step}.png"));
            grid(gan, &path, &format!("{what} after {step} steps"))?;
            written.push(path);
        }
        progress.finish();
        let seconds = started.elapsed().as_secs_f64();
        let final_grid = self.out.join("samples_grid.png");
        output::copy(written.last().ok_or("no grid was drawn")?, &final_grid)?;
        written.push(final_grid);
        Ok((history, written, seconds))
    }

    /// Writes the history and `metrics.csv` (`metrics`, then the row `seconds,<time>,`) and
    /// says what was done: the run, the last logged statistics, the metrics `table`, and
    /// every file written (`samples` the name of the samples file).
    pub fn finish(
        &self,
        history: &History,
        written: &[PathBuf],
        seconds: f64,
        table: &str,
        metrics: &str,
        samples: &str,
    ) -> super::Result {
        output::write_history(self.out, history, self.loss)?;
        let metrics = format!("{metrics}seconds,{seconds:.1},\n");
        output::write(&self.out.join("metrics.csv"), metrics.as_bytes())?;
        let kind = if self.conditional {
            "conditional, "
        } else {
            ""
        };
        println!(
            "trained {} steps in {seconds:.1} s ({kind}{} loss, pack {}, seed {})",
            self.steps,
            self.loss.name(),
            self.pack,
            self.seed
        );
        if let Some(last) = history.last() {
            println!("{}", last_statistics(self.loss, last, 1.0));
        }
        print!("{table}");
        for path in written {
            println!("wrote {}", path.display());
        }
        for name in [
            "loss_curves.png",
            "history.csv",
            samples,
            "metrics.csv",
            "checkpoint.safetensors",
        ] {
            println!("wrote {}", self.out.join(name).display());
        }
        Ok(())
    }
}
