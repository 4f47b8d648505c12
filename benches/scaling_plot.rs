//! The picture of `benches/scaling.sh`: GFLOP/s of the crate, PyTorch and JAX on the STEP-2D
//! networks at growing batch and width (issue 15 item 4), one point per size in the table's
//! order, with the one-core FMA peak as a reference line. Drawn with the crate's own `plot`.
//!
//! ```sh
//! cargo bench --bench scaling_plot -- SUMMARY.tsv PEAK_GFLOPS OUT.png   # benches/scaling.sh calls it
//! ```
//! `SUMMARY.tsv` has the header `name mflop crate torch jax` (GFLOP/s, one row per size).
//! Without arguments (as under a plain `cargo bench`) it says what it needs and draws nothing.

use adversarial::plot::{line_plot, Colour, LegendPosition, LineFigure, ReferenceLine, Series};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [summary, peak, out] = args.as_slice() else {
        eprintln!(
            "scaling_plot: needs SUMMARY.tsv PEAK_GFLOPS OUT.png (benches/scaling.sh passes them)"
        );
        return ExitCode::SUCCESS;
    };
    let text = match std::fs::read_to_string(summary) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("scaling_plot: cannot read {summary}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut rows: Vec<(String, f64, [f64; 3])> = Vec::new();
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let number = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
        match (number(1), number(2), number(3), number(4)) {
            (Some(mflop), Some(c), Some(t), Some(j)) => {
                rows.push((fields[0].to_owned(), mflop, [c, t, j]))
            }
            _ => {
                eprintln!("scaling_plot: {summary}: not `name mflop crate torch jax`: {line}");
                return ExitCode::FAILURE;
            }
        }
    }
    let sizes: Vec<String> = rows
        .iter()
        .map(|(name, _, _)| name.trim_start_matches("SCALE-B").replace("-W", "×"))
        .collect();
    let mut figure = LineFigure::new(
        "GFLOP/s on one core, STEP-2D networks at batch B, width W",
        format!("B × W, in the table's order: {}", sizes.join(" | ")),
        "GFLOP/s",
    )
    .legend(LegendPosition::UpperLeft);
    for (index, (peer, colour)) in [
        ("crate", Colour::BLUE),
        ("PyTorch eager", Colour::ORANGE),
        ("JAX jit", Colour::GREEN),
    ]
    .into_iter()
    .enumerate()
    {
        let points = (rows.iter().enumerate()).map(|(i, (_, _, g))| ((i + 1) as f64, g[index]));
        figure = figure.series(Series::new(peer, points).colour(colour));
    }
    if let Ok(peak) = peak.parse::<f64>() {
        if peak > 0.0 {
            figure = figure.reference(ReferenceLine::new("one-core FMA peak", peak));
        }
    }
    match line_plot(out, &figure) {
        Ok(()) => {
            println!("wrote {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("scaling_plot: {e}");
            ExitCode::FAILURE
        }
    }
}
