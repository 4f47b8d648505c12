//! The plotting functions' errors: bad input comes back as an error naming the file and the
//! offending value, and a failed or repeated plot leaves what was saved intact and no temporary
//! file behind. (What they draw is `plot.rs`; extreme and hostile values are `bad_input_plots.rs`.)

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use adversarial::plot::{
    image_grid, image_grids, line_plot, loss_curves, scatter_over_heatmap, Heatmap, ImageLayout,
    LineFigure, PlotError, Series,
};
use ndarray::Array2;

fn scratch(test: &str) -> PathBuf {
    common::scratch("plot_errors", test)
}

fn size(path: &Path) -> (u32, u32) {
    let (width, height, _, _) = common::decode_png(path);
    (width, height)
}

/// Fifty steps of two finite loss series.
fn losses(steps: usize) -> (Vec<usize>, Vec<f64>, Vec<f64>) {
    let steps: Vec<usize> = (0..steps).map(|s| s * 10).collect();
    let d = steps.iter().map(|&s| 1.0 + (s as f64).sin()).collect();
    let g = steps.iter().map(|&s| 2.0 + (s as f64).cos()).collect();
    (steps, d, g)
}

#[test]
fn a_nan_loss_is_an_error_naming_the_series_and_index() {
    let folder = scratch("nan_loss");
    let path = folder.join("loss.png");
    let (steps, d, mut g) = losses(50);
    loss_curves(&path, &steps, &d, &g, None, None).unwrap();
    let before = fs::read(&path).unwrap();
    g[17] = f64::NAN;
    let error = loss_curves(&path, &steps, &d, &g, None, None).unwrap_err();
    assert!(
        matches!(&error, PlotError::NonFinitePoint { series, index: 17, .. } if series == "G loss")
    );
    let message = error.to_string();
    assert!(
        message.contains("loss.png") && message.contains("\"G loss\"") && message.contains("17"),
        "{message}"
    );
    // The earlier plot is untouched and no temporary file is left behind.
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 1);
}

#[test]
fn a_path_under_a_file_is_an_error_naming_the_path() {
    let folder = scratch("parent_is_file");
    fs::write(folder.join("not_a_folder"), b"x").unwrap();
    let path = folder.join("not_a_folder").join("plot.png");
    let figure = LineFigure::new("t", "x", "y").series(Series::new("s", [(0.0, 1.0), (1.0, 2.0)]));
    let error = line_plot(&path, &figure).unwrap_err();
    assert!(matches!(&error, PlotError::CreateFolder { path: p, .. } if p == &path));
    assert!(
        error.to_string().contains(&*path.to_string_lossy()),
        "{error}"
    );
}

#[test]
fn overwriting_replaces_the_plot_and_leaves_no_temporary_file() {
    let folder = scratch("overwrite");
    let path = folder.join("figure.png");
    let figure = LineFigure::new("t", "x", "y").series(Series::new("s", [(0.0, 1.0), (1.0, 2.0)]));
    line_plot(&path, &figure.clone().size(300, 200)).unwrap();
    line_plot(&path, &figure.size(500, 250)).unwrap();
    let (width, height) = size(&path);
    assert_eq!((width, height), (500, 250));
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 1);
}

#[test]
fn bad_input_errors_say_what_and_where() {
    let folder = scratch("bad_input");
    let heatmap = Heatmap::from_fn((0.0, 1.0), (0.0, 1.0), 4, 3, |x, y| x + y);
    let error = scatter_over_heatmap(folder.join("h.png"), &heatmap, &[], &[], "").unwrap_err();
    // Cell centres are x = 0.125, 0.375, 0.625, 0.875 and y = 1/6, 1/2, 5/6; in row-major order
    // the first value above 1 is row 0, column 3: 0.875 + 1/6.
    let first = 0.875 + 1.0 / 6.0;
    assert!(
        matches!(error, PlotError::OutOfRange { ref what, value, .. } if what == "heatmap value at row 0, column 3" && (value - first).abs() < 1e-12),
        "{error}"
    );

    let samples = [(0.0, 0.0), (0.5, f64::INFINITY)];
    let error = scatter_over_heatmap(
        folder.join("h.png"),
        &heatmap.clone().label("p"),
        &samples,
        &[],
        "",
    );
    assert!(
        matches!(error, Err(PlotError::OutOfRange { .. })),
        "cells are checked first"
    );
    let fine = Heatmap::from_fn((0.0, 1.0), (0.0, 1.0), 4, 3, |x, y| x * y);
    let error = scatter_over_heatmap(folder.join("h.png"), &fine, &samples, &[], "").unwrap_err();
    assert!(
        matches!(error, PlotError::NonFinitePoint { ref series, index: 1, .. } if series == "generator samples"),
        "{error}"
    );

    let images = Array2::<f32>::zeros((3, 63));
    let error = image_grid(
        folder.join("i.png"),
        images.view(),
        &ImageLayout::DIGITS,
        "",
    )
    .unwrap_err();
    assert!(
        matches!(
            error,
            PlotError::LengthMismatch {
                expected: 64,
                found: 63,
                ..
            }
        ),
        "{error}"
    );

    let mut images = Array2::<f32>::zeros((3, 64));
    images[[2, 9]] = f32::NAN;
    let error = image_grids(
        folder.join("i.png"),
        &[("generated", images.view())],
        &ImageLayout::DIGITS,
        "",
    )
    .unwrap_err();
    assert_eq!(error.to_string(), format!("plot {}: pixel 9 (row 1, column 1) of image 2 in panel \"generated\" is NaN; it must be finite", folder.join("i.png").display()));

    let error = loss_curves(
        folder.join("l.png"),
        &[0, 1, 2],
        &[1.0, 2.0, 3.0],
        &[1.0, 2.0],
        None,
        None,
    )
    .unwrap_err();
    assert!(
        matches!(
            error,
            PlotError::LengthMismatch {
                expected: 3,
                found: 2,
                ..
            }
        ),
        "{error}"
    );

    let figure = LineFigure::new("t", "x", "y")
        .series(Series::new("s", [(0.0, 1.0), (1.0, 0.0)]))
        .log_y();
    let error = line_plot(folder.join("l.png"), &figure).unwrap_err();
    assert!(
        matches!(error, PlotError::NonPositiveOnLogAxis { index: 1, .. }),
        "{error}"
    );
    assert_eq!(
        fs::read_dir(&folder).unwrap().count(),
        0,
        "no file for rejected input"
    );
}
