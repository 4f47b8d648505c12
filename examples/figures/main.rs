//! Every picture the notebooks and the README show, drawn again by one command:
//!
//! ```sh
//! cargo run --release --example figures              # redraw them all, in place
//! cargo run --release --example figures -- --list    # the paths it draws, one per line
//! cargo run --release --example figures -- --only 07 # those whose path contains "07"
//! ```
//!
//! Each group of pictures is a module that lists its [`Figure`]s; a picture's path is relative
//! to the repository's root (`notebooks-md/figures/…` for the notebooks, `docs/figures/…` for
//! the README), and `--root DIR` draws them under another folder instead.

#[path = "../common/mod.rs"]
mod common;
mod figure;

mod course;
mod game;
mod main_job;
mod open_gan;
mod wasserstein;

use clap::Parser;
use figure::Figure;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Draws every picture the notebooks and the README show.
#[derive(Parser)]
struct Flags {
    /// Print the paths of the pictures, one per line, and draw nothing
    #[arg(long)]
    list: bool,
    /// Draw only the pictures whose path contains this text
    #[arg(long, value_name = "TEXT")]
    only: Option<String>,
    /// The folder the paths are relative to
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

/// Every figure, in notebook order.
fn all() -> Vec<Figure> {
    [
        course::figures(),
        wasserstein::figures(),
        game::figures(),
        open_gan::figures(),
        main_job::figures(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn run(flags: Flags) -> common::Result {
    let chosen: Vec<Figure> = all()
        .into_iter()
        .filter(|f| {
            flags
                .only
                .as_ref()
                .is_none_or(|text| f.path.contains(text.as_str()))
        })
        .collect();
    if let Some(text) = &flags.only {
        if chosen.is_empty() {
            return Err(
                format!("no picture's path contains `{text}` (`--list` shows them)").into(),
            );
        }
    }
    for figure in chosen {
        if flags.list {
            println!("{}", figure.path);
            continue;
        }
        let path = flags.root.join(figure.path);
        if let Some(folder) = path.parent() {
            common::output::create_folder(folder)?;
        }
        let started = Instant::now();
        (figure.render)(&path)?;
        let seconds = started.elapsed().as_secs_f64();
        println!("wrote {} ({seconds:.1} s)", path.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    common::exit(run(Flags::parse()))
}
