//! Writing a figure: the folder, and the temporary-file-then-rename dance.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use plotters::coord::Shift;
use plotters::prelude::*;

use super::canvas::{register_bundled_font, Canvas};
use super::PlotError;

/// The drawing area every figure is drawn on: a bitmap, in pixel coordinates.
pub(super) type Area<'a> = DrawingArea<Canvas<'a>, Shift>;

/// What a drawing step returns: plotters' error for the bitmap backend.
pub(super) type DrawResult<T> =
    Result<T, DrawingAreaErrorKind<<Canvas<'static> as DrawingBackend>::ErrorType>>;

/// Draws a `size` = (width, height) pixel PNG with `draw` and puts it at `path`.
///
/// The image is encoded into a temporary file beside `path` and renamed over it, so a reader
/// never sees a half-written figure and a failed draw leaves an existing plot untouched.
/// Missing parent folders are created.
pub(super) fn write_png(
    path: &Path,
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> DrawResult<()>,
) -> Result<(), PlotError> {
    register_bundled_font();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::create_dir_all(folder).map_err(|source| PlotError::CreateFolder {
        path: path.to_owned(),
        source,
    })?;
    let temporary = temporary_path(folder, path);
    let drawn = {
        let root = Canvas::new(BitMapBackend::new(&temporary, size)).into_drawing_area();
        draw(&root).and_then(|()| root.present())
        // `root` drops here, before the temporary file is removed below.
    };
    let result = match drawn {
        Err(error) => Err(PlotError::Draw {
            path: path.to_owned(),
            message: error.to_string(),
        }),
        Ok(()) => fs::rename(&temporary, path).map_err(|source| PlotError::Write {
            path: path.to_owned(),
            source,
        }),
    };
    if result.is_err() {
        // The temporary may not exist (the encoder failed first); nothing else to clean up.
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// `folder/.<file name>.<process id>.<counter>.tmp.png`: unique per process and call, and ending
/// in `.png` because plotters picks the encoder from the extension.
fn temporary_path(folder: &Path, path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map_or_else(|| "figure".into(), |n| n.to_string_lossy());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    folder.join(format!(".{name}.{}.{count}.tmp.png", std::process::id()))
}

/// Draws with `draw` into an in-memory RGB buffer of `size` and returns the buffer with what
/// `draw` returned, for tests that check pixels against the chart's own coordinate mapping.
#[cfg(test)]
pub(super) fn render<T>(size: (u32, u32), draw: impl FnOnce(&Area<'_>) -> T) -> (Vec<u8>, T) {
    register_bundled_font();
    let mut buffer = vec![0; size.0 as usize * size.1 as usize * 3];
    let result = {
        let root = Canvas::new(BitMapBackend::with_buffer(&mut buffer, size)).into_drawing_area();
        let result = draw(&root);
        root.present().unwrap();
        result
    };
    (buffer, result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_drawing_leaves_the_old_plot_and_no_temporary_file() {
        let name = format!("adversarial-plot-failed-drawing-{}", std::process::id());
        let folder = std::env::temp_dir().join(name);
        let _ = fs::remove_dir_all(&folder);
        let path = folder.join("figure.png");
        write_png(&path, (40, 30), |root| root.fill(&RED)).unwrap();
        let before = fs::read(&path).unwrap();
        let error = write_png(&path, (40, 30), |root| {
            root.fill(&BLUE)?;
            Err(DrawingAreaErrorKind::LayoutError)
        })
        .unwrap_err();
        assert!(
            matches!(&error, PlotError::Draw { path: p, .. } if p == &path),
            "{error}"
        );
        assert_eq!(fs::read(&path).unwrap(), before);
        assert_eq!(
            fs::read_dir(&folder).unwrap().count(),
            1,
            "temporary file left behind"
        );
        fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn temporary_files_sit_beside_the_target_and_end_in_png() {
        let folder = Path::new("out/figures");
        let first = temporary_path(folder, &folder.join("loss.png"));
        let second = temporary_path(folder, &folder.join("loss.png"));
        assert_eq!(first.parent(), Some(folder));
        assert_ne!(first, second);
        let name = first.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(".loss.png.") && name.ends_with(".tmp.png"),
            "{name}"
        );
    }
}
