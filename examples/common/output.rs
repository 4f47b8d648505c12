//! The output folder (`out/<example>/`, or `--out DIR`) and the files the GAN examples write in
//! it, in the formats of DESIGN.md: `samples.csv` (header `x`, `x,y` or `p0,p1,…`, one sample
//! a row), `history.csv` (`step,d_loss,g_loss,d_real,d_fake`) and `loss_curves.png`. Every
//! failure names the file it concerns.

use adversarial::gan::{GanLoss, History};
use ndarray::ArrayView2;
use std::fmt::{self, Display, Write as _};
use std::path::{Path, PathBuf};

/// An I/O failure and the path it happened on (`std::io::Error` alone does not say which).
#[derive(Debug)]
pub struct FileError {
    /// What was being done, e.g. "write" or "create the output folder".
    pub action: &'static str,
    /// The file or folder.
    pub path: PathBuf,
    /// The operating system's error.
    pub source: std::io::Error,
}

impl Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for FileError {}

/// Creates `folder` (and its parents) before any work, so that an unusable `--out` is
/// reported at once rather than after training.
///
/// # Errors
/// [`FileError`] naming the folder.
pub fn create_folder(folder: &Path) -> Result<(), FileError> {
    std::fs::create_dir_all(folder).map_err(|source| FileError {
        action: "create the output folder",
        path: folder.to_owned(),
        source,
    })
}

/// Writes `contents` to `path` atomically (a temporary file renamed over it).
///
/// # Errors
/// [`FileError`] naming `path`.
pub fn write(path: &Path, contents: &[u8]) -> Result<(), FileError> {
    adversarial::io::write_atomic(path, contents).map_err(|source| FileError {
        action: "write",
        path: path.to_owned(),
        source,
    })
}

/// Copies `from` to `to` (the last snapshot grid as `samples_grid.png`).
///
/// # Errors
/// [`FileError`] naming `to`.
pub fn copy(from: &Path, to: &Path) -> Result<(), FileError> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|source| FileError {
            action: "copy to",
            path: to.to_owned(),
            source,
        })
}

/// What the columns of `samples.csv` are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Columns {
    /// Coordinates of points: header `x` (1-D) or `x,y` (2-D).
    Points,
    /// Pixels of flattened images: header `p0,p1,…`.
    Pixels,
}

/// The CSV text of `samples` (one sample a row, numbers in Rust's shortest round-trip form).
///
/// # Panics
/// `Columns::Points` with other than 1 or 2 columns.
pub fn samples_csv<T: Display>(samples: ArrayView2<T>, columns: Columns) -> String {
    let header: Vec<String> = match columns {
        Columns::Points => match samples.ncols() {
            1 => vec!["x".into()],
            2 => vec!["x".into(), "y".into()],
            n => panic!("samples.csv of points has 1 or 2 columns, got {n}"),
        },
        Columns::Pixels => (0..samples.ncols()).map(|j| format!("p{j}")).collect(),
    };
    let mut csv = header.join(",") + "\n";
    for row in samples.rows() {
        let values: Vec<String> = row.iter().map(ToString::to_string).collect();
        let _ = writeln!(csv, "{}", values.join(","));
    }
    csv
}

/// Writes [`samples_csv`] to `path`.
///
/// # Errors
/// [`FileError`] naming `path`.
pub fn write_samples<T: Display>(
    path: &Path,
    samples: ArrayView2<T>,
    columns: Columns,
) -> Result<(), FileError> {
    write(path, samples_csv(samples, columns).as_bytes())
}

/// Writes `folder/history.csv` and `folder/loss_curves.png` (each loss with its equilibrium
/// value for `loss` as a dashed line).
///
/// # Errors
/// [`FileError`] naming `history.csv`, or the plot's error (which names its file).
pub fn write_history(folder: &Path, history: &History, loss: GanLoss) -> super::Result {
    let csv = folder.join("history.csv");
    history.write_csv(&csv).map_err(|source| FileError {
        action: "write",
        path: csv,
        source,
    })?;
    history.write_loss_curves(folder.join("loss_curves.png"), loss)?;
    Ok(())
}
