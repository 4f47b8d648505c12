//! Command-line values the examples share, for clap's derive: the GAN objective and the noise
//! prior as `--loss` / `--prior` choices, and counts that must be at least 1 (`--steps 0` would
//! train nothing and leave nothing to plot, `--seeds 0` nothing to average).
//!
//! A bad value is reported by clap as one sentence naming the flag, then the usage, with
//! exit status 2; `--help` prints the usage and exits with 0. Every example's parser sets
//! `allow_negative_numbers`, so that `--seed -1` is a bad value of `--seed` rather than an
//! unknown flag `-1`.

use adversarial::gan::{GanLoss, Prior};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::ValueEnum;

/// `--loss`: the GAN objective, by the names of [`GanLoss`]'s `Display`/`FromStr`
/// (`minimax`, `non-saturating`, `least-squares`, `hinge`, `wgan`, `wgan-gp`), as a clap
/// `value_parser` whose possible values (listed by `--help` and by a bad value's error) come
/// from [`GanLoss::ALL`].
pub fn loss() -> impl TypedValueParser<Value = GanLoss> {
    PossibleValuesParser::new(GanLoss::ALL.map(GanLoss::name))
        .map(|name| name.parse::<GanLoss>().expect("a name of GanLoss::ALL"))
}

/// `--prior`: the distribution of G's input noise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PriorArg {
    /// z ~ N(0, I)
    Normal,
    /// z ~ U(−1, 1) in each coordinate
    Uniform,
}

impl From<PriorArg> for Prior {
    fn from(prior: PriorArg) -> Prior {
        match prior {
            PriorArg::Normal => Prior::Normal,
            PriorArg::Uniform => Prior::Uniform,
        }
    }
}

/// A seed: a whole number from 0 to 2⁶⁴ − 1, as a clap `value_parser`.
///
/// # Errors
/// A sentence saying what was wrong with `text`; clap puts the flag before it.
pub fn seed(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("must be a whole number from 0 to {}", u64::MAX))
}

/// A count that may be 0 (`--d-head-start`), as a clap `value_parser`.
///
/// # Errors
/// A sentence saying what was wrong with `text`; clap puts the flag before it.
pub fn whole_number(text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| "must be a whole number (0, 1, 2, …)".to_owned())
}

/// A whole number ≥ 1 (`--steps`, `--seeds`, `--pack`, `--grid-every`), as a clap
/// `value_parser`.
///
/// # Errors
/// A sentence saying what was wrong with `text`; clap puts the flag before it.
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err("must be a whole number of at least 1".into()),
    }
}

/// `--pack M`: PacGAN's pack size, at least 1 and a divisor of the batch size `BATCH` (a batch
/// is cut into whole packs), as a clap `value_parser` (`value_parser = common::cli::pack::<64>`).
///
/// # Errors
/// A sentence saying what was wrong with `text`; clap puts the flag before it.
#[allow(dead_code)] // not every example that shares this module packs D's input
pub fn pack<const BATCH: usize>(text: &str) -> Result<usize, String> {
    let m = at_least_one(text)?;
    if BATCH.is_multiple_of(m) {
        Ok(m)
    } else {
        let examples = if BATCH.is_power_of_two() {
            format!(" (1, 2, 4, 8, … {BATCH})")
        } else {
            String::new()
        };
        Err(format!("must divide the batch size {BATCH}{examples}"))
    }
}

/// `--average BETA`: G's moving-average rate `β ∈ [0, 1)` (`GanConfig::generator_average`).
#[allow(dead_code)] // not every example that shares this module averages G
pub fn average_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(beta) if (0.0..1.0).contains(&beta) => Ok(beta),
        Ok(_) => Err("must be at least 0 and below 1, e.g. 0.999".to_owned()),
        Err(_) => Err("must be a number at least 0 and below 1, e.g. 0.999".to_owned()),
    }
}

/// `--categories K`: the pieces of a categorical latent, a whole number of at least 2, as a
/// clap `value_parser`.
///
/// # Errors
/// A sentence saying what was wrong with `text`; clap puts the flag before it.
pub fn categories(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(k) if k >= 2 => Ok(k),
        _ => Err("must be a whole number of at least 2 (the latent's pieces)".into()),
    }
}

/// A finite number above 0, as a clap `value_parser` (e.g. `--category-scale`).
///
/// # Errors
/// A sentence saying what was wrong with `text`; clap puts the flag before it.
pub fn positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err("must be a finite number above 0, e.g. 5".into()),
    }
}
