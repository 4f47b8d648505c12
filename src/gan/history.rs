//! [`History`]: the logged losses of a run, written as `history.csv`.

use std::fmt::Write as _;
use std::path::Path;

/// One logged step: the means over the steps since the previous row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HistoryRow {
    /// The generator update this row ends at (from 1).
    pub step: usize,
    /// Discriminator loss `−E log D(x) − E log(1 − D(G(z)))` (ln 4 ≈ 1.386 at equilibrium).
    pub d_loss: f64,
    /// Generator loss (non-saturating: ln 2 ≈ 0.693 at equilibrium; minimax: −ln 2).
    pub g_loss: f64,
    /// Mean `D(x)` on real batches (→ ½ at equilibrium).
    pub d_real: f64,
    /// Mean `D(G(z))` on fake batches (→ ½ at equilibrium).
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
}
