//! Bad input to the plots (issue 17, class "plots"): finite but extreme data must draw or come
//! back as a [`PlotError`], never hang inside plotters, panic, or write a picture of the wrong
//! size. Every hostile call runs on its own thread and fails the test if it has not returned
//! within [`TIMEOUT`], so a regression fails instead of hanging CI.
//!
//! Note for the issue (measured with `cargo test --release --test bad_input_plots`):
//! `every_hostile_plot_returns_in_time_without_panicking` tries 914 inputs (line figures over
//! 15 extreme point sets × linear/log y × 5 y ranges × 5 reference lines, dashed curves far
//! outside a fixed range; 144 heatmap range/point combinations; 16 image layouts). Run against
//! the code before the fixes with a 2 s timeout, the sweep reached only 114 of its cases in
//! 270 s (each hang stays spinning on a thread, so they pile up): 35 of those 114 hung (data
//! or reference lines at ±MAX, a fixed y range (−MAX, MAX), a log range 1e-300…1e300,
//! y in ±1e308) and 0 panicked; the issue's other cases hang or panic as reported there.
//! After: 0 hangs, 0 panics, 0 pictures of the wrong size over all 914, in 9 s.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use adversarial::plot::{
    image_grid, line_plot, scatter_over_heatmap, Heatmap, ImageLayout, LineFigure, PlotError,
    ReferenceLine, Series,
};
use ndarray::Array2;

/// How long one plot may take. A normal figure takes well under a second in release mode even
/// on a loaded machine; a hang never returns.
const TIMEOUT: Duration = Duration::from_secs(20);

const MAX: f64 = f64::MAX;

/// A fresh, empty folder for one test under cargo's per-target scratch directory.
fn scratch(test: &str) -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bad_input_plots")
        .join(test);
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).unwrap();
    folder
}

/// What a hostile call did.
#[derive(Debug)]
enum Outcome<T> {
    Returned(T),
    Panicked(String),
    Hung,
}

/// Runs `call` on its own thread; [`Outcome::Hung`] if it has not finished within [`TIMEOUT`]
/// (the thread is then left behind and dies with the test process).
fn run_with_timeout<T: Send + 'static>(call: impl FnOnce() -> T + Send + 'static) -> Outcome<T> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(call));
        let _ = sender.send(result);
    });
    match receiver.recv_timeout(TIMEOUT) {
        Ok(Ok(value)) => Outcome::Returned(value),
        Ok(Err(payload)) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Outcome::Panicked(message)
        }
        Err(_) => Outcome::Hung,
    }
}

/// Width and height of a PNG file.
fn png_size(path: &Path) -> (u32, u32) {
    let (width, height, _, _) = common::decode_png(path);
    (width, height)
}

/// Runs one plot under the timeout and returns it, panicking with `case` if it hung or panicked.
#[track_caller]
fn plot(
    case: &str,
    call: impl FnOnce() -> Result<(), PlotError> + Send + 'static,
) -> Result<(), PlotError> {
    match run_with_timeout(call) {
        Outcome::Returned(result) => result,
        Outcome::Panicked(message) => panic!("{case}: panicked: {message}"),
        Outcome::Hung => panic!("{case}: still drawing after {TIMEOUT:?}"),
    }
}

fn line(points: &[(f64, f64)]) -> LineFigure {
    LineFigure::new("extreme", "x", "y")
        .series(Series::new("data", points.iter().copied()))
        .size(320, 240)
}

#[test]
fn y_over_the_whole_f64_range_is_drawn_or_named_not_a_hang() {
    let folder = scratch("y_whole_range");
    let path = folder.join("y.png");
    let figure = line(&[(0.0, -1e308), (1.0, 1e308)]);
    let result = plot("y in [-1e308, 1e308]", move || line_plot(path, &figure));
    // The span 2e308 does not fit in an f64: the error names the axis and both series ends.
    match result {
        Err(PlotError::SpanTooWide {
            axis,
            low,
            high,
            low_series,
            high_series,
            ..
        }) => {
            assert_eq!((axis, low, high), ("y", -1e308, 1e308));
            assert_eq!(
                (low_series.as_str(), high_series.as_str()),
                ("data", "data")
            );
        }
        other => panic!("expected SpanTooWide, got {other:?}"),
    }
}

#[test]
fn x_over_the_whole_f64_range_is_an_error_naming_the_series() {
    let folder = scratch("x_whole_range");
    let path = folder.join("x.png");
    let figure = LineFigure::new("", "x", "y")
        .series(Series::new("left", [(-1e308, 0.0), (0.0, 1.0)]))
        .series(Series::new("right", [(0.0, 0.0), (1e308, 1.0)]))
        .size(320, 240);
    let error = plot("x in [-1e308, 1e308]", move || line_plot(path, &figure)).unwrap_err();
    assert!(
        error.to_string().contains("x values run from -100000000")
            && error.to_string().contains("series \"left\"")
            && error.to_string().contains("series \"right\""),
        "{error}"
    );
}

#[test]
fn all_max_values_draw_a_picture_of_the_requested_size() {
    let folder = scratch("all_max");
    let path = folder.join("max.png");
    let figure = line(&[(0.0, MAX), (1.0, MAX), (2.0, MAX)]);
    let target = path.clone();
    plot("all f64::MAX", move || line_plot(target, &figure)).unwrap();
    assert_eq!(png_size(&path), (320, 240));
    // Data spanning exactly f64::MAX (the widest span that fits) draws too.
    let path = folder.join("half.png");
    let figure = line(&[(-MAX / 2.0, -MAX / 2.0), (MAX / 2.0, MAX / 2.0)]);
    let target = path.clone();
    plot("±MAX/2", move || line_plot(target, &figure)).unwrap();
    assert_eq!(png_size(&path), (320, 240));
}

#[test]
fn a_log_axis_over_more_decades_than_f64_spans_is_an_error_and_a_wide_one_draws() {
    let folder = scratch("log_decades");
    let path = folder.join("log.png");
    let figure = line(&[(0.0, 5e-324), (1.0, 1e308)]).log_y();
    let error = plot("log y over 5e-324…1e308", move || {
        line_plot(path, &figure)
    })
    .unwrap_err();
    assert!(
        matches!(
            error,
            PlotError::SpanTooWide {
                axis: "log10 y",
                ..
            }
        ),
        "{error}"
    );
    // 290 decades fit: the picture is drawn at its size.
    let path = folder.join("wide.png");
    let figure = line(&[(0.0, 1e-300), (1.0, 1e-10)]).log_y();
    let target = path.clone();
    plot("log y over 1e-300…1e-10", move || {
        line_plot(target, &figure)
    })
    .unwrap();
    assert_eq!(png_size(&path), (320, 240));
}

#[test]
fn a_heatmap_over_minus_max_to_max_is_an_invalid_range() {
    let folder = scratch("heatmap_max");
    let path = folder.join("heatmap.png");
    let values = Array2::from_elem((2, 2), 0.5);
    let heatmap = Heatmap::new((-MAX, MAX), (-1.0, 1.0), values.view());
    let error = plot("heatmap x in (-MAX, MAX)", move || {
        scatter_over_heatmap(path, &heatmap, &[(0.0, 0.0)], &[], "")
    })
    .unwrap_err();
    assert!(
        matches!(&error, PlotError::InvalidRange { what, low, high, .. }
            if what == "heatmap x_range" && *low == -MAX && *high == MAX),
        "{error}"
    );
}

#[test]
fn modes_far_outside_the_heatmap_are_not_drawn_and_do_not_panic() {
    let folder = scratch("far_modes");
    let path = folder.join("modes.png");
    let values = Array2::from_elem((2, 2), 0.5);
    let heatmap = Heatmap::new((-1.0, 1.0), (-1.0, 1.0), values.view());
    let target = path.clone();
    plot("modes at ±1e300", move || {
        scatter_over_heatmap(
            target,
            &heatmap,
            &[(1e300, -1e300)],
            &[(1e300, 1e300), (-MAX, 0.0)],
            "",
        )
    })
    .unwrap();
    assert_eq!(png_size(&path), (820, 700));
}

#[test]
fn an_image_layout_whose_size_overflows_u32_is_refused() {
    let folder = scratch("layout_overflow");
    let path = folder.join("images.png");
    // 1 × 65536 images at 65536 screen pixels per image pixel: 2^32 pixels wide.
    let layout = ImageLayout {
        height: 1,
        width: 1 << 16,
        columns: 1,
        pixel_scale: 1 << 16,
    };
    let images = Array2::<f64>::zeros((1, 1 << 16));
    let target = path.clone();
    let error = plot("width 2^16 × pixel_scale 2^16", move || {
        image_grid(target, images.view(), &layout, "")
    })
    .unwrap_err();
    assert!(matches!(error, PlotError::TooLarge { .. }), "{error}");
    assert!(!path.exists(), "a picture was written");
}

#[test]
fn a_figure_of_zero_or_huge_size_is_refused_and_a_tiny_one_fails_cleanly() {
    let folder = scratch("sizes");
    for (width, height) in [(0, 240), (320, 0), (u32::MAX, u32::MAX), (100_000, 10)] {
        let path = folder.join(format!("{width}x{height}.png"));
        let figure = line(&[(0.0, 0.0), (1.0, 1.0)]).size(width, height);
        let target = path.clone();
        let error = plot("size", move || line_plot(target, &figure)).unwrap_err();
        assert!(
            matches!(error, PlotError::TooLarge { .. } | PlotError::Empty { .. }),
            "{error}"
        );
        assert!(!path.exists());
    }
}

/// Every input of the sweep, as a named closure.
type Case = (String, Box<dyn FnOnce() -> Result<(), PlotError> + Send>);

/// Extreme but finite point sets (and a few ordinary ones).
fn point_sets() -> Vec<(&'static str, Vec<(f64, f64)>)> {
    let tiny = f64::from_bits(1); // 5e-324
    vec![
        ("ordinary", vec![(0.0, 1.0), (1.0, 2.0), (2.0, 1.5)]),
        ("one point", vec![(3.0, 4.0)]),
        ("y ±1e308", vec![(0.0, -1e308), (1.0, 1e308)]),
        ("x ±1e308", vec![(-1e308, 0.0), (1e308, 1.0)]),
        ("all MAX", vec![(MAX, MAX), (MAX, MAX)]),
        ("all -MAX", vec![(-MAX, -MAX)]),
        ("0 and MAX", vec![(0.0, 0.0), (MAX, MAX)]),
        (
            "±MAX/2",
            vec![(-MAX / 2.0, -MAX / 2.0), (MAX / 2.0, MAX / 2.0)],
        ),
        ("subnormal", vec![(0.0, tiny), (tiny, 2.0 * tiny)]),
        ("5e-324…1e308", vec![(0.0, tiny), (1.0, 1e308)]),
        ("1e-300…1e-10", vec![(0.0, 1e-300), (1.0, 1e-10)]),
        (
            "1e300 + ulp",
            vec![(0.0, 1e300), (1.0, 1e300 * (1.0 + f64::EPSILON))],
        ),
        ("near 1 by 1e-15", vec![(0.0, 1.0), (1.0, 1.0 + 1e-15)]),
        ("negative", vec![(0.0, -1.0), (1.0, -1e300)]),
        ("zeros", vec![(0.0, 0.0), (0.0, 0.0)]),
    ]
}

fn line_cases(folder: &Path) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let y_ranges = [
        None,
        Some((0.0, 1.0)),
        Some((-MAX, MAX)),
        Some((1e-300, 1e300)),
        Some((1.0, 1.0 + 1e-15)),
    ];
    for (name, points) in point_sets() {
        for log_y in [false, true] {
            for y_range in y_ranges {
                for reference in [None, Some(0.5), Some(MAX), Some(-MAX), Some(1e-300)] {
                    let mut figure = line(&points);
                    if log_y {
                        figure = figure.log_y();
                    }
                    if let Some((low, high)) = y_range {
                        figure = figure.y_range(low, high);
                    }
                    if let Some(y) = reference {
                        figure = figure.reference(ReferenceLine::new("r", y));
                    }
                    let path = folder.join(format!("line-{}.png", cases.len()));
                    let label = format!(
                        "line {name}, log_y {log_y}, y_range {y_range:?}, reference {reference:?}"
                    );
                    cases.push((label, Box::new(move || line_plot(path, &figure))));
                }
            }
        }
    }
    // Dashed series far outside a fixed range.
    for y in [1e6, 1e300, MAX, -MAX] {
        let figure = LineFigure::new("", "", "")
            .series(Series::new("d", [(0.0, 0.0), (1.0, y)]).dashed())
            .y_range(0.0, 1.0)
            .size(320, 240);
        let path = folder.join(format!("line-{}.png", cases.len()));
        cases.push((
            format!("dashed to y = {y:e} on [0, 1]"),
            Box::new(move || line_plot(path, &figure)),
        ));
    }
    cases
}

fn heatmap_cases(folder: &Path) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let ranges = [
        (-1.0, 1.0),
        (-MAX, MAX),
        (0.0, MAX),
        (-1e-300, 1e-300),
        (1e300, 1e300 * (1.0 + 4.0 * f64::EPSILON)),
        (0.0, f64::from_bits(1)),
    ];
    let points = [(0.0, 0.0), (1e300, 1e300), (MAX, -MAX), (1e-310, 0.0)];
    for x_range in ranges {
        for y_range in ranges {
            for &point in &points {
                let values = Array2::from_elem((3, 2), 0.25);
                let heatmap = Heatmap::new(x_range, y_range, values.view());
                let path = folder.join(format!("heatmap-{}.png", cases.len()));
                let label = format!("heatmap {x_range:?} × {y_range:?}, point {point:?}");
                cases.push((
                    label,
                    Box::new(move || scatter_over_heatmap(path, &heatmap, &[point], &[point], "t")),
                ));
            }
        }
    }
    cases
}

fn image_cases(folder: &Path) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let layouts = [
        (1, 1, 1, 1),
        (8, 8, 10, 8),
        (1, 1 << 16, 1, 1 << 16),
        (1 << 16, 1, 1, 1 << 16),
        (1, 1, 1, u32::MAX),
        (1, 1, usize::MAX, 1),
        (1, 3, 1, 1 << 31),
        (2, 2, 1, 20_000),
    ];
    for (height, width, columns, pixel_scale) in layouts {
        for count in [1, 3] {
            let layout = ImageLayout {
                height,
                width,
                columns,
                pixel_scale,
            };
            let images = Array2::<f64>::from_elem((count, height * width), 0.5);
            let path = folder.join(format!("images-{}.png", cases.len()));
            let label = format!("images {layout:?} × {count}");
            let expected = expected_image_size(&layout, count);
            cases.push((
                label,
                Box::new(move || {
                    image_grid(&path, images.view(), &layout, "")?;
                    // A picture that was written must have the size its layout asks for.
                    let size = png_size(&path);
                    assert_eq!(Some(size), expected, "picture of the wrong size");
                    Ok(())
                }),
            ));
        }
    }
    cases
}

/// The size `image_grid` promises (16 px margins, 4 px gaps, no title), when it fits in u32.
fn expected_image_size(layout: &ImageLayout, count: usize) -> Option<(u32, u32)> {
    let columns = count.min(layout.columns) as u64;
    let lines = count.div_ceil(layout.columns) as u64;
    let tile_w = (layout.width as u64).checked_mul(u64::from(layout.pixel_scale))?;
    let tile_h = (layout.height as u64).checked_mul(u64::from(layout.pixel_scale))?;
    let width = columns * tile_w + (columns - 1) * 4 + 32;
    let height = lines * tile_h + (lines - 1) * 4 + 32;
    Some((u32::try_from(width).ok()?, u32::try_from(height).ok()?))
}

#[test]
fn every_hostile_plot_returns_in_time_without_panicking() {
    let folder = scratch("sweep");
    let mut cases = line_cases(&folder);
    cases.extend(heatmap_cases(&folder));
    cases.extend(image_cases(&folder));
    let tried = cases.len();
    let (mut hangs, mut panics) = (Vec::new(), Vec::new());
    for (label, call) in cases {
        match run_with_timeout(call) {
            Outcome::Returned(_) => {}
            Outcome::Panicked(message) => panics.push(format!("{label}: {message}")),
            Outcome::Hung => hangs.push(label),
        }
    }
    assert!(
        hangs.is_empty() && panics.is_empty(),
        "{tried} inputs: {} hangs, {} panics\nhangs: {hangs:#?}\npanics: {panics:#?}",
        hangs.len(),
        panics.len()
    );
    let _ = fs::remove_dir_all(&folder);
}
