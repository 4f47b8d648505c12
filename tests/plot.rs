//! The plotting functions end to end: each writes a PNG that decodes to the promised size and
//! pixels. How bad input comes back (an error naming the file and the offending value) is
//! `plot_errors.rs`.

mod common;

use std::f64::consts::LN_2;
use std::path::{Path, PathBuf};

use adversarial::divergence::{js_divergence_density, Grid};
use adversarial::plot::{
    image_grid, image_grids, line_plot, loss_curves, scatter_over_heatmap, Colour, Heatmap,
    ImageLayout, LineFigure, ReferenceLine, Series,
};
use ndarray::Array2;

fn scratch(test: &str) -> PathBuf {
    common::scratch("plot", test)
}

/// Decodes an 8-bit RGB PNG into (width, height, pixels).
fn decode(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let (width, height, colour_type, bytes) = common::decode_png(path);
    assert_eq!(colour_type, png::ColorType::Rgb);
    let pixels = bytes.chunks(3).map(|p| [p[0], p[1], p[2]]).collect();
    (width, height, pixels)
}

fn count(pixels: &[[u8; 3]], colour: [u8; 3]) -> usize {
    pixels.iter().filter(|&&p| p == colour).count()
}

fn rgb(colour: Colour) -> [u8; 3] {
    [colour.red, colour.green, colour.blue]
}

/// The 1-D GAN's losses drifting to their equilibrium values log 4 and log 2.
fn losses(steps: usize) -> (Vec<usize>, Vec<f64>, Vec<f64>) {
    let steps: Vec<usize> = (0..steps).map(|s| s * 10).collect();
    let decay = |s: usize| (-(s as f64) / 300.0).exp();
    let d = steps
        .iter()
        .map(|&s| 4f64.ln() - 0.9 * decay(s) + 0.03 * (s as f64).sin())
        .collect();
    let g = steps
        .iter()
        .map(|&s| 2f64.ln() + 1.5 * decay(s) + 0.03 * (s as f64).cos())
        .collect();
    (steps, d, g)
}

#[test]
fn loss_curves_draw_both_losses_in_their_colours_at_the_default_size() {
    let path = scratch("loss_curves").join("loss_curves.png");
    let (steps, d, g) = losses(200);
    loss_curves(&path, &steps, &d, &g, Some(4f64.ln()), Some(2f64.ln())).unwrap();
    let (width, height, pixels) = decode(&path);
    assert_eq!((width, height), (960, 600));
    // Two 2-px curves across ~800 px of plot, plus their dashed equilibrium lines.
    assert!(
        count(&pixels, rgb(Colour::BLUE)) > 1500,
        "D loss curve (blue) missing"
    );
    assert!(
        count(&pixels, rgb(Colour::ORANGE)) > 1500,
        "G loss curve (orange) missing"
    );
}

/// JSD(N(0, 1) ‖ N(d, 1)) in nats by the crate's quadrature (`js_divergence_density`).
fn js_between_unit_gaussians(d: f64) -> f64 {
    let grid = Grid::new(-12.0, d + 12.0, 4001).unwrap();
    let p = grid.evaluate(|x| common::normal_pdf(0.0, 1.0, x));
    let q = grid.evaluate(|x| common::normal_pdf(d, 1.0, x));
    js_divergence_density(&grid, &p, &q).unwrap()
}

/// For each picture column holding pixels of `colour`, the mean row of those pixels.
fn mean_rows(width: u32, pixels: &[[u8; 3]], colour: [u8; 3]) -> Vec<(usize, f64)> {
    let width = width as usize;
    (0..width)
        .filter_map(|column| {
            let rows: Vec<usize> = (0..pixels.len() / width)
                .filter(|&row| pixels[row * width + column] == colour)
                .collect();
            (!rows.is_empty()).then(|| {
                (
                    column,
                    rows.iter().sum::<usize>() as f64 / rows.len() as f64,
                )
            })
        })
        .collect()
}

/// Columns whose curve row is more than 3 px from the chord between the first and the last
/// column of the curve.
fn columns_off_the_chord(curve: &[(usize, f64)]) -> usize {
    let (first, last) = (curve[0], curve[curve.len() - 1]);
    let slope = (last.1 - first.1) / (last.0 - first.0) as f64;
    curve
        .iter()
        .filter(|(column, row)| (row - (first.1 + slope * (*column - first.0) as f64)).abs() > 3.0)
        .count()
}

#[test]
fn line_plot_respects_the_requested_size_and_log_axis() {
    let folder = scratch("line_plot");
    // JSD(N(0,1) ‖ N(d,1)): 0 at d = 0, rising towards its bound ln 2 (04_js_divergence.md).
    let js: Vec<(f64, f64)> = (0..=60)
        .map(|i| 0.1 * f64::from(i))
        .map(|d| (d, js_between_unit_gaussians(d)))
        .collect();
    assert!(js[0].1.abs() < 1e-12 && js.windows(2).all(|w| w[1].1 > w[0].1));
    assert!(js[60].1 < LN_2 && js[60].1 > 0.95 * LN_2, "{}", js[60].1);
    let figure = LineFigure::new("JS divergence vs separation", "separation d", "JSD (nats)")
        .series(Series::new("JSD(N(0,1) ‖ N(d,1))", js.clone()))
        .reference(ReferenceLine::new("ln 2", LN_2))
        .size(640, 400);
    line_plot(folder.join("js.png"), &figure).unwrap();
    let (width, height, pixels) = decode(&folder.join("js.png"));
    assert_eq!((width, height), (640, 400));
    assert!(
        count(&pixels, rgb(Colour::BLUE)) > 500,
        "the curve is missing"
    );

    // y = 10^x on [0, 3] is a straight line on a log axis and far from one on a linear axis.
    // Only the legend's 28-px sample of the colour may leave the chord on the log axis.
    let exponential: Vec<(f64, f64)> = (0..=300)
        .map(|i| f64::from(i) / 100.0)
        .map(|x| (x, 10f64.powf(x)))
        .collect();
    let figure = LineFigure::new("log scale", "x", "10^x").series(Series::new("10^x", exponential));
    let off_the_chord = |figure: &LineFigure, name: &str| {
        line_plot(folder.join(name), figure).unwrap();
        let (width, _, pixels) = decode(&folder.join(name));
        assert_eq!(width, 960);
        let curve = mean_rows(width, &pixels, rgb(Colour::BLUE));
        assert!(
            curve.len() > 700,
            "{name}: the curve spans {} columns",
            curve.len()
        );
        columns_off_the_chord(&curve)
    };
    let log = off_the_chord(&figure.clone().log_y(), "log.png");
    let linear = off_the_chord(&figure, "linear.png");
    assert!(
        log <= 40,
        "{log} columns off the straight line on the log axis"
    );
    assert!(
        linear > 400,
        "only {linear} columns off the chord on the linear axis"
    );
}

#[test]
fn density_panel_draws_all_four_curves() {
    let path = scratch("density_panel").join("panel.png");
    let gaussian = |x: f64, mean: f64, sd: f64| common::normal_pdf(mean, sd, x);
    let xs: Vec<f64> = (0..=400).map(|i| -4.0 + 0.025 * f64::from(i)).collect();
    let data = |x| gaussian(x, 1.0, 0.5);
    let generator = |x| gaussian(x, -0.5, 0.8);
    // D*(x) = p_data / (p_data + p_G) (05_minimax_value.md).
    let optimal = |x| data(x) / (data(x) + generator(x));
    let figure = LineFigure::new(
        "Densities, D and D* (synthetic test data)",
        "x",
        "density / D(x)",
    )
    .series(Series::new("p_data", xs.iter().map(|&x| (x, data(x)))))
    .series(Series::new("p_G", xs.iter().map(|&x| (x, generator(x)))))
    .series(Series::new(
        "D(x)",
        xs.iter().map(|&x| (x, 0.9 * optimal(x) + 0.05)),
    ))
    .series(Series::new("D*(x)", xs.iter().map(|&x| (x, optimal(x)))).dashed())
    .reference(ReferenceLine::new("D = ½", 0.5));
    line_plot(&path, &figure).unwrap();
    let (_, _, pixels) = decode(&path);
    for colour in &Colour::PALETTE[..4] {
        assert!(
            count(&pixels, rgb(*colour)) > 300,
            "curve in {colour:?} missing"
        );
    }
}

#[test]
fn heatmap_of_ones_is_the_top_colour_and_of_zeros_the_bottom_colour() {
    let folder = scratch("heatmap_constant");
    for (value, expected) in [(1.0, [254, 232, 37]), (0.0, [68, 1, 84])] {
        let heatmap = Heatmap::from_fn((-2.0, 2.0), (-2.0, 2.0), 20, 20, |_, _| value);
        let path = folder.join(format!("constant_{value}.png"));
        scatter_over_heatmap(&path, &heatmap, &[], &[], "constant D").unwrap();
        let (width, height, pixels) = decode(&path);
        assert_eq!((width, height), (820, 700));
        // The middle of the plane's plotting area (the left 700 px hold the plane).
        assert_eq!(
            pixels[(height as usize / 2) * width as usize + 350],
            expected
        );
    }
}

#[test]
fn each_sample_is_one_red_dot_and_samples_outside_are_left_out() {
    let folder = scratch("heatmap_samples");
    let heatmap = Heatmap::from_fn((-3.0, 3.0), (-3.0, 3.0), 60, 60, |x, _| (x + 3.0) / 6.0);
    // A 5 × 5 lattice, 1.2 apart (≈ 100 px): the dots cannot touch one another.
    let lattice: Vec<(f64, f64)> = (0..25)
        .map(|k| (-2.4 + 1.2 * f64::from(k % 5), -2.4 + 1.2 * f64::from(k / 5)))
        .collect();
    let red = |name: &str, samples: &[(f64, f64)]| {
        let path = folder.join(name);
        scatter_over_heatmap(&path, &heatmap, samples, &[], "lattice").unwrap();
        count(&decode(&path).2, [220, 30, 30])
    };
    let one = red("one.png", &lattice[12..13]);
    // A filled disc of radius 3 px covers 25 to 37 pixels (π·3² ≈ 28), and the legend shows one more.
    assert!((2 * 25..=2 * 37).contains(&one), "{one}");
    let all = red("all.png", &lattice);
    assert_eq!(
        all - one,
        24 * (one / 2),
        "every further sample adds one disc"
    );
    let with_outside: Vec<(f64, f64)> = lattice
        .iter()
        .copied()
        .chain([(3.5, 0.0), (0.0, -9.0)])
        .collect();
    assert_eq!(
        red("outside.png", &with_outside),
        all,
        "samples off the plane are not drawn on its border"
    );
}

#[test]
fn ring_of_modes_with_collapsed_samples() {
    let path = scratch("heatmap_ring").join("ring.png");
    let modes: Vec<(f64, f64)> = (0..8)
        .map(|k| f64::from(k) * std::f64::consts::FRAC_PI_4)
        .map(|a| (2.0 * a.cos(), 2.0 * a.sin()))
        .collect();
    // D is high on the modes the generator misses (all but the first two).
    let missed = &modes[2..];
    let heatmap = Heatmap::from_fn((-3.0, 3.0), (-3.0, 3.0), 120, 120, |x, y| {
        let bump: f64 = missed
            .iter()
            .map(|(a, b)| (-((x - a).powi(2) + (y - b).powi(2)) / 0.1).exp())
            .sum();
        0.2 + 0.75 * bump.min(1.0)
    });
    // Samples spread on a golden-angle spiral of radius 0.35 around the two covered modes.
    let samples: Vec<(f64, f64)> = (0..200)
        .map(|i| {
            let (a, b) = modes[i % 2];
            let (radius, angle) = (0.35 * (i as f64 / 200.0).sqrt(), 2.399_963 * i as f64);
            (a + radius * angle.cos(), b + radius * angle.sin())
        })
        .collect();
    scatter_over_heatmap(
        &path,
        &heatmap,
        &samples,
        &modes,
        "Synthetic collapse onto 2 of 8 modes",
    )
    .unwrap();
    let (width, height, pixels) = decode(&path);
    assert_eq!((width, height), (820, 700));
    // The plane's background is D = 0.2 away from the modes: its colour fills most of the picture.
    let colour = plotters::prelude::ViridisRGB::get_color(0.2);
    let background = [colour.0, colour.1, colour.2];
    assert!(count(&pixels, background) > 820 * 700 / 3);
    // The plane [−3, 3]² is the bounding box of that background in the left 700 px (its
    // corners are far from every mode); it maps data to pixels.
    let at = |row: usize, column: usize| pixels[row * width as usize + column];
    let plane: Vec<(usize, usize)> = (0..height as usize)
        .flat_map(|row| (0..700).map(move |column| (row, column)))
        .filter(|&(row, column)| at(row, column) == background)
        .collect();
    let (top, bottom) = (
        plane.iter().map(|p| p.0).min().unwrap(),
        plane.iter().map(|p| p.0).max().unwrap(),
    );
    let (left, right) = (
        plane.iter().map(|p| p.1).min().unwrap(),
        plane.iter().map(|p| p.1).max().unwrap(),
    );
    let to_pixel = |(x, y): (f64, f64)| {
        (
            bottom as f64 - (y + 3.0) / 6.0 * (bottom - top) as f64,
            left as f64 + (x + 3.0) / 6.0 * (right - left) as f64,
        )
    };
    // Pixels of `colour` within `radius` px of the data point `centre`.
    let near = |centre: (f64, f64), radius: f64, colour: [u8; 3]| {
        let (row, column) = to_pixel(centre);
        (0..height as usize)
            .flat_map(|r| (0..width as usize).map(move |c| (r, c)))
            .filter(|&(r, c)| (r as f64 - row).hypot(c as f64 - column) <= radius)
            .filter(|&(r, c)| at(r, c) == colour)
            .count()
    };
    let red = [220, 30, 30];
    let pixels_per_unit = (right - left) as f64 / 6.0;
    let cloud = 0.35 * pixels_per_unit + 4.0;
    let on_covered: usize = modes[..2].iter().map(|&m| near(m, cloud, red)).sum();
    for &mode in &modes[..2] {
        // 100 overlapping dots of radius 3 px on a disc of radius 0.35: most of the disc is red.
        assert!(
            near(mode, cloud, red) > 500,
            "no samples drawn around {mode:?}"
        );
    }
    // Red anywhere else is the legend's one dot (25 to 37 px).
    let elsewhere = count(&pixels, red) - on_covered;
    assert!(
        (25..=37).contains(&elsewhere),
        "{elsewhere} red pixels away from the samples"
    );
    // Every mode gets a black-outlined cross (arms 10 px, outline 4 px wide), drawn under the
    // samples: on the six missed modes it shows whole, on the two covered ones the samples
    // are on top of it; the ring's mid angles, 0.77 away from two modes, get none.
    for &mode in &modes[2..] {
        assert!(near(mode, 10.0, [0; 3]) > 40, "no marker on mode {mode:?}");
    }
    for &mode in &modes[..2] {
        assert!(
            near(mode, 1.5, red) > 0,
            "the samples are not on top at {mode:?}"
        );
    }
    for k in 0..8 {
        let angle = std::f64::consts::FRAC_PI_8 * f64::from(2 * k + 1);
        let between = (2.0 * angle.cos(), 2.0 * angle.sin());
        assert_eq!(near(between, 10.0, [0; 3]), 0, "a marker at {between:?}");
        assert_eq!(near(between, 10.0, red), 0, "a sample at {between:?}");
    }
}

#[test]
fn image_grid_pixels_have_the_grey_of_their_values_scaled_up() {
    let path = scratch("image_grid").join("digits.png");
    // 13 constant 8×8 images with distinct values (k+1)/20, and one of −3 (clamped to black).
    let mut images = Array2::<f32>::from_shape_fn((14, 64), |(k, _)| (k as f32 + 1.0) / 20.0);
    images.row_mut(13).fill(-3.0);
    image_grid(&path, images.view(), &ImageLayout::DIGITS, "").unwrap();
    let (_, _, pixels) = decode(&path);
    // Each image covers 8·8 pixels of 8×8 screen pixels; no text, so nothing else is grey.
    for k in 0..13 {
        let level = (255.0 * (f64::from(k) + 1.0) / 20.0).round() as u8;
        assert_eq!(
            count(&pixels, [level; 3]),
            64 * 64,
            "image {k}, grey {level}"
        );
    }
    assert_eq!(count(&pixels, [0; 3]), 64 * 64, "the clamped image");
}

#[test]
fn generated_and_real_side_by_side() {
    let path = scratch("image_grids").join("mnist.png");
    // Rings of grey `ring` on grey `rest`: the generated panel 0.8 on 0.2, the real one 0.6 on
    // 0.4, four greys (204, 51, 153, 102) that no text or background has.
    let digit = |shift: usize, ring: f64, rest: f64| {
        Array2::<f64>::from_shape_fn((30, 784), move |(k, p)| {
            let (row, column) = ((p / 28) as f64 - 13.5, (p % 28) as f64 - 13.5);
            let radius = (row * row + column * column).sqrt();
            if (radius - 6.0 - ((k + shift) % 5) as f64).abs() < 1.5 {
                ring
            } else {
                rest
            }
        })
    };
    let (generated, real) = (digit(0, 0.8, 0.2), digit(2, 0.6, 0.4));
    image_grids(
        &path,
        &[("generated", generated.view()), ("real", real.view())],
        &ImageLayout::MNIST,
        "Generated | real",
    )
    .unwrap();
    let (width, _, pixels) = decode(&path);
    assert!(width > 2 * 10 * 84, "two panels of ten 84-px digits");
    // Every image pixel is a 3×3 square of its grey; the generated panel is the left half.
    // Rows of text (title, panel names) hold a few antialiased pixels of any grey: only rows
    // with at least 60 pixels of the four greys (a row through ten 84-px images) are counted.
    let greys = [0.8f64, 0.2, 0.6, 0.4].map(|v| [(255.0 * v).round() as u8; 3]);
    let image_rows: Vec<&[[u8; 3]]> = pixels
        .chunks(width as usize)
        .filter(|row| row.iter().filter(|p| greys.contains(p)).count() >= 60)
        .collect();
    let in_images = |grey: [u8; 3], half: bool| {
        let columns = if half {
            width as usize / 2
        } else {
            width as usize
        };
        image_rows
            .iter()
            .map(|row| count(&row[..columns], grey))
            .sum::<usize>()
    };
    for (images, panel, levels) in [
        (&generated, "generated", [0.8f64, 0.2]),
        (&real, "real", [0.6, 0.4]),
    ] {
        for value in levels {
            let grey = [(255.0 * value).round() as u8; 3];
            let drawn = images.iter().filter(|&&v| v == value).count();
            assert_eq!(in_images(grey, false), 9 * drawn, "{panel}, grey {value}");
            let expected_left = if panel == "generated" { 9 * drawn } else { 0 };
            assert_eq!(
                in_images(grey, true),
                expected_left,
                "{panel} panel on the wrong side"
            );
        }
    }
}
