//! What the examples share: command-line values (clap), the output folder and the files every
//! GAN example writes there (`samples.csv`, `history.csv`, `loss_curves.png`), the Adam
//! settings of the GAN papers, the progress bar, and how an error reaches the user (one
//! sentence on stderr, exit status 1).
//!
//! Each example includes it with `mod common;` and uses the part it needs.
#![allow(dead_code)] // each example uses part of this module

pub mod cli;
pub mod critic_map;
pub mod image_report;
pub mod image_run;
pub mod main_job;
pub mod normal_fit;
pub mod output;
pub mod progress;
pub mod statistics;

use adversarial::optim::AdamParams;
use std::error::Error;
use std::process::ExitCode;

/// What an example's `run` returns: any error, shown to the user by its `Display`.
pub type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

/// Adam as the GAN papers since Radford et al. (2016) set it, `β₁ = ½` (a shorter memory of
/// the gradient, which the moving game needs), `β₂ = 0.999`, `ε = 10⁻⁸`.
pub fn adam(learning_rate: f64) -> AdamParams {
    AdamParams {
        learning_rate,
        beta1: 0.5,
        beta2: 0.999,
        epsilon: 1e-8,
    }
}

/// The exit status of `result`: success, or the error as one line `error: …` on stderr
/// (its `Display`, with the sources it wraps after `: `) and status 1.
pub fn exit(result: Result) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", one_line(error.as_ref()));
            ExitCode::FAILURE
        }
    }
}

/// `error: source: source of the source…` on one line; a source whose text the message
/// already holds is not repeated.
pub fn one_line(error: &dyn Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        source = cause.source();
    }
    text.replace('\n', " ")
}
