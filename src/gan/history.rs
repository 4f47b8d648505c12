//! [`History`]: the logged losses of a run, written as `history.csv`.

use super::Equilibrium;
use crate::plot::{loss_curves, PlotError};
use std::fmt::Write as _;
use std::path::Path;

/// One logged step: the means over the steps since the previous row (the columns of
/// [`StepStats`](super::StepStats), which says what `d_real`, `d_fake` hold per objective).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HistoryRow {
    /// The generator update this row ends at (from 1).
    pub step: usize,
    /// The objective's `L_D` (BCE: `−E log D(x) − E log(1 − D(G(z)))`, ln 4 ≈ 1.386 at
    /// equilibrium; a Wasserstein critic: `−Ŵ₁` plus its penalty).
    pub d_loss: f64,
    /// The objective's `L_G` (non-saturating: ln 2 ≈ 0.693 at equilibrium; minimax: −ln 2).
    pub g_loss: f64,
    /// Mean `D(x)` on real batches (→ ½ at equilibrium) for the sigmoid objectives; a
    /// critic's mean raw score otherwise.
    pub d_real: f64,
    /// Mean `D(G(z))` on fake batches, likewise (`d_real − d_fake` is a critic's W₁ estimate).
    pub d_fake: f64,
}

/// The rows of a run in step order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// The logged rows.
    pub rows: Vec<HistoryRow>,
}

impl History {
    /// The CSV text: header `step,d_loss,g_loss,d_real,d_fake`, one row per logged step,
    /// numbers in Rust's shortest round-trip form (so equal runs give equal bytes).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("step,d_loss,g_loss,d_real,d_fake\n");
        for r in &self.rows {
            let _ = writeln!(
                out,
                "{},{},{},{},{}",
                r.step, r.d_loss, r.g_loss, r.d_real, r.d_fake
            );
        }
        out
    }

    /// Writes [`to_csv`](History::to_csv) to `path` atomically.
    ///
    /// # Errors
    /// Any I/O error; an existing file is kept whole.
    pub fn write_csv(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        crate::io::write_atomic(path.as_ref(), self.to_csv().as_bytes())
    }

    /// The last row, if any.
    pub fn last(&self) -> Option<&HistoryRow> {
        self.rows.last()
    }

    /// Plots both losses against the step (`plot::loss_curves`), each with a dashed line at
    /// its equilibrium value where the objective has one ([`Equilibrium`]: pass the
    /// [`GanLoss`](super::GanLoss) the run trained with, or the
    /// [`equilibrium`](super::Objective::equilibrium) of an objective of one's own), e.g. `ln 4` for D and `ln 2` for G
    /// under the non-saturating loss, none for a WGAN generator.
    ///
    /// # Errors
    /// Those of `plot::loss_curves`; a NaN loss names its series ("D loss" or "G loss") and
    /// its row.
    pub fn write_loss_curves(
        &self,
        path: impl AsRef<Path>,
        equilibrium: impl Into<Equilibrium>,
    ) -> Result<(), PlotError> {
        let equilibrium = equilibrium.into();
        let steps: Vec<usize> = self.rows.iter().map(|r| r.step).collect();
        let d_loss: Vec<f64> = self.rows.iter().map(|r| r.d_loss).collect();
        let g_loss: Vec<f64> = self.rows.iter().map(|r| r.g_loss).collect();
        loss_curves(
            path,
            &steps,
            &d_loss,
            &g_loss,
            equilibrium.discriminator_loss,
            equilibrium.generator_loss,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gan::GanLoss;

    fn row(step: usize, d_loss: f64) -> HistoryRow {
        HistoryRow {
            step,
            d_loss,
            g_loss: 0.7,
            d_real: 0.5,
            d_fake: 0.5,
        }
    }

    #[test]
    fn loss_curves_are_a_png_and_a_nan_loss_is_named() {
        let folder = std::env::temp_dir().join(format!("history-{}", std::process::id()));
        let good = History {
            rows: vec![row(1, 1.5), row(2, 1.4), row(3, 1.39)],
        };
        let path = folder.join("loss_curves.png");
        good.write_loss_curves(&path, GanLoss::NonSaturating)
            .unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let bad = History {
            rows: vec![row(1, 1.5), row(2, f64::NAN)],
        };
        let error = bad
            .write_loss_curves(folder.join("bad.png"), GanLoss::Minimax)
            .unwrap_err()
            .to_string();
        assert!(error.contains("point 1 of series \"D loss\""), "{error}");
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
