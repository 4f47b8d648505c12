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

    /// Pixels of `colour` in the decoded RGB PNG at `path`.
    fn count_pixels(path: &std::path::Path, colour: crate::plot::Colour) -> usize {
        let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
        let mut reader = decoder.read_info().unwrap();
        let mut buffer = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buffer).unwrap();
        buffer[..info.buffer_size()]
            .chunks(3)
            .filter(|p| p == &[colour.red, colour.green, colour.blue])
            .count()
    }

    #[test]
    fn loss_curves_draw_both_losses_and_a_nan_loss_is_named() {
        use crate::plot::Colour;
        let folder = crate::io::tests::scratch("history-loss-curves");
        let good = History {
            rows: (1..=50).map(|s| row(s, 1.5 - 0.002 * s as f64)).collect(),
        };
        let path = folder.join("loss_curves.png");
        good.write_loss_curves(&path, GanLoss::NonSaturating)
            .unwrap();
        // D's loss in blue and G's in orange, each a 2-px curve across the plot plus its dashed
        // equilibrium line; with no rows at all, neither colour would be drawn.
        assert!(count_pixels(&path, Colour::BLUE) > 1500);
        assert!(count_pixels(&path, Colour::ORANGE) > 1500);
        let bad = History {
            rows: vec![row(1, 1.5), row(2, f64::NAN)],
        };
        let error = bad
            .write_loss_curves(folder.join("bad.png"), GanLoss::Minimax)
            .unwrap_err()
            .to_string();
        assert!(error.contains("point 1 of series \"D loss\""), "{error}");
        assert!(!folder.join("bad.png").exists());
        std::fs::remove_dir_all(&folder).unwrap();
    }

    /// The CSV format: the header, then one line per row in step order with the numbers in
    /// shortest round-trip form (parsing them back gives the same bits); `write_csv` writes
    /// exactly those bytes and replaces an earlier file whole.
    #[test]
    fn csv_is_the_header_and_one_round_trip_line_per_row() {
        let history = History {
            rows: vec![
                HistoryRow {
                    step: 10,
                    d_loss: 1.25,
                    g_loss: 0.1 + 0.2,
                    d_real: 0.5,
                    d_fake: 2.5e-5,
                },
                row(20, -0.0),
            ],
        };
        let csv = history.to_csv();
        assert_eq!(
            csv,
            "step,d_loss,g_loss,d_real,d_fake\n\
             10,1.25,0.30000000000000004,0.5,0.000025\n\
             20,-0,0.7,0.5,0.5\n"
        );
        for (line, r) in csv.lines().skip(1).zip(&history.rows) {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields[0].parse::<usize>().unwrap(), r.step);
            let parsed: Vec<u64> = fields[1..]
                .iter()
                .map(|f| f.parse::<f64>().unwrap().to_bits())
                .collect();
            let expected: Vec<u64> = [r.d_loss, r.g_loss, r.d_real, r.d_fake]
                .iter()
                .map(|x| x.to_bits())
                .collect();
            assert_eq!(parsed, expected, "{line}");
        }
        assert_eq!(
            History::default().to_csv(),
            "step,d_loss,g_loss,d_real,d_fake\n"
        );
        let folder = crate::io::tests::scratch("history-csv");
        let path = folder.join("history.csv");
        History::default().write_csv(&path).unwrap();
        history.write_csv(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), csv);
        assert_eq!(
            std::fs::read_dir(&folder).unwrap().count(),
            1,
            "a temporary file is left"
        );
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
