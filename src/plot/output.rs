//! Writing a figure: render into memory, encode the PNG, and hand the bytes to
//! [`crate::io::write_atomic`] (temporary file beside the target, then rename).

use std::fs;
use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::canvas::{register_bundled_font, Canvas};
use super::{PlotError, MAX_PIXELS, MAX_SIDE};

pub(super) type Area<'a> = DrawingArea<Canvas<'a>, Shift>;

pub(super) type DrawResult<T> =
    Result<T, DrawingAreaErrorKind<<Canvas<'static> as DrawingBackend>::ErrorType>>;

/// Draws a `size` figure with `draw` and writes it to `path` as a PNG, atomically: a failed
/// drawing or write leaves an existing file as it was.
pub(super) fn write_png(
    path: &Path,
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> DrawResult<()>,
) -> Result<(), PlotError> {
    check_size(path, (u64::from(size.0), u64::from(size.1)))?;
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(folder).map_err(|source| PlotError::CreateFolder {
            path: path.to_owned(),
            source,
        })?;
    }
    let (rgb, drawn) = render(size, draw);
    drawn.map_err(|error| PlotError::Draw {
        path: path.to_owned(),
        message: error.to_string(),
    })?;
    let png = encode(&rgb, size).map_err(|error| PlotError::Draw {
        path: path.to_owned(),
        message: error.to_string(),
    })?;
    crate::io::write_atomic(path, &png).map_err(|source| PlotError::Write {
        path: path.to_owned(),
        source,
    })
}

/// `Ok` for a picture of 1 to [`MAX_SIDE`] pixels on each side and at most [`MAX_PIXELS`] in
/// all; [`PlotError::TooLarge`] otherwise (a side of 0 too: there is nothing to draw on).
pub(super) fn check_size(path: &Path, (width, height): (u64, u64)) -> Result<(), PlotError> {
    let sides = (1..=MAX_SIDE).contains(&width) && (1..=MAX_SIDE).contains(&height);
    if sides && width * height <= MAX_PIXELS {
        Ok(())
    } else {
        Err(PlotError::TooLarge {
            path: path.to_owned(),
            width,
            height,
        })
    }
}

/// The figure as 8-bit RGB pixels, row by row, and what `draw` returned.
pub(super) fn render<T>(size: (u32, u32), draw: impl FnOnce(&Area<'_>) -> T) -> (Vec<u8>, T) {
    register_bundled_font();
    let mut buffer = vec![0; size.0 as usize * size.1 as usize * 3];
    let result = {
        let root = Canvas::new(BitMapBackend::with_buffer(&mut buffer, size)).into_drawing_area();
        let result = draw(&root);
        // Presenting an in-memory bitmap only flushes into `buffer`; it cannot fail.
        let _ = root.present();
        result
    };
    (buffer, result)
}

/// PNG bytes of an RGB image.
fn encode(rgb: &[u8], (width, height): (u32, u32)) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_drawing_leaves_the_old_plot_and_no_temporary_file() {
        let folder = crate::io::tests::scratch("plot-failed-drawing");
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
}
