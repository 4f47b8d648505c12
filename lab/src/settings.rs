//! [`Settings`]: what defines a run of the lab, parsed from the page's (or a hand-made)
//! request, every value checked here so that a bad one is a 400 with a sentence, never a
//! panic further in. Which objectives and priors exist is asked of [`crate::session`], the
//! one module that knows the crate's `Gan` API.

use crate::session;
use std::fmt;

/// The data sets of each dimension.
pub const DATASETS_1D: &[&str] = &["gaussian", "mixture"];
/// The 2-D data sets; `drawn` takes its points from [`Settings::points`].
pub const DATASETS_2D: &[&str] = &["gaussian", "mixture", "ring", "grid", "drawn"];
/// The 2-D view's square `[−VIEW_2D, VIEW_2D]²`: every 2-D data set lies inside it.
pub const VIEW_2D: f64 = 1.5;
/// At most this many drawn points.
pub const MAX_POINTS: usize = 4000;

/// A request the lab cannot carry out: the page shows `message` as it is (HTTP 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct BadRequest {
    /// One sentence naming the setting and the value.
    pub message: String,
}

impl BadRequest {
    /// A `BadRequest` with this message.
    pub fn new(message: impl Into<String>) -> Self {
        BadRequest {
            message: message.into(),
        }
    }
}

/// Everything that defines a run: changing any of these restarts it.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// 1 (the 1-D view: densities) or 2 (the 2-D view: heat-map and samples).
    pub dimension: usize,
    /// One of [`DATASETS_1D`] or [`DATASETS_2D`].
    pub data: String,
    /// The points of the `drawn` data set, inside the 2-D view.
    pub points: Vec<(f64, f64)>,
    /// A name of [`session::OBJECTIVES`].
    pub objective: String,
    /// Adam's learning rate for D.
    pub lr_d: f64,
    /// Adam's learning rate for G.
    pub lr_g: f64,
    /// `k`: D updates per G update.
    pub k: usize,
    /// PacGAN's `m`.
    pub packing: usize,
    /// Neurons per hidden layer, of G and D alike.
    pub width: usize,
    /// Hidden layers, of G and D alike.
    pub depth: usize,
    /// A name of [`session::PRIORS`].
    pub prior: String,
    /// Dimension of `z` (2 draws G's manifold in the 2-D view).
    pub noise: usize,
    /// Samples per batch.
    pub batch: usize,
    /// Seed of every random draw of the run.
    pub seed: u64,
}

impl Settings {
    /// The defaults of a dimension: the ring in 2-D, `N(4, 1.25²)` in 1-D.
    pub fn defaults(dimension: usize) -> Settings {
        let two = dimension == 2;
        Settings {
            dimension,
            data: if two { "ring" } else { "gaussian" }.into(),
            points: Vec::new(),
            objective: session::objective_name(session::OBJECTIVES[1]).into(),
            lr_d: 1e-3,
            lr_g: if two { 1e-3 } else { 2e-4 },
            k: 1,
            packing: 1,
            width: if two { 64 } else { 32 },
            depth: if two { 3 } else { 2 },
            prior: "normal".into(),
            noise: dimension,
            batch: if two { 256 } else { 128 },
            seed: 0,
        }
    }

    /// Settings from `name=value` pairs (a query string); names not given take the defaults
    /// of the given `dimension` (itself 2 unless given).
    ///
    /// # Errors
    /// A [`BadRequest`] naming the first unknown name, unparsable or out-of-range value.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Settings, BadRequest> {
        let dimension = match pairs.iter().find(|(name, _)| name == "dimension") {
            Some((_, value)) => match value.as_str() {
                "1" => 1,
                "2" => 2,
                other => {
                    return Err(BadRequest::new(format!(
                        "dimension = {other:?}: must be 1 or 2"
                    )))
                }
            },
            None => 2,
        };
        let mut s = Settings::defaults(dimension);
        for (name, value) in pairs {
            let v = value.as_str();
            match name.as_str() {
                "dimension" => {}
                "data" => s.data = v.into(),
                "points" => s.points = parse_points(v)?,
                "objective" => s.objective = v.into(),
                "lr_d" => s.lr_d = rate(name, v)?,
                "lr_g" => s.lr_g = rate(name, v)?,
                "k" => s.k = whole(name, v, 1, 50)?,
                "packing" => s.packing = whole(name, v, 1, 8)?,
                "width" => s.width = whole(name, v, 1, 512)?,
                "depth" => s.depth = whole(name, v, 1, 6)?,
                "prior" => s.prior = v.into(),
                "noise" => s.noise = whole(name, v, 1, 16)?,
                "batch" => s.batch = whole(name, v, 1, 4096)?,
                "seed" => {
                    s.seed = v.parse().map_err(|_| {
                        BadRequest::new(format!("seed = {v:?}: not a whole number ≥ 0"))
                    })?
                }
                other => {
                    return Err(BadRequest::new(format!(
                        "unknown setting {other:?} (known: {})",
                        KNOWN.join(", ")
                    )))
                }
            }
        }
        s.check_choices()?;
        Ok(s)
    }

    /// Checks the named choices against the lists and the batch against the packing.
    fn check_choices(&self) -> Result<(), BadRequest> {
        let datasets = if self.dimension == 1 {
            DATASETS_1D
        } else {
            DATASETS_2D
        };
        let one_of = |what: &str, value: &str, list: &[&str]| {
            if list.contains(&value) {
                Ok(())
            } else {
                Err(BadRequest::new(format!(
                    "{what} = {value:?}: unknown, choose one of {}",
                    list.join(", ")
                )))
            }
        };
        one_of("data", &self.data, datasets)?;
        let objectives: Vec<&str> = session::OBJECTIVES
            .iter()
            .map(|&o| session::objective_name(o))
            .collect();
        one_of("objective", &self.objective, &objectives)?;
        one_of("prior", &self.prior, session::PRIORS)?;
        if self.data == "drawn" && self.points.is_empty() {
            return Err(BadRequest::new(
                "data = \"drawn\": draw some points on the 2-D view first",
            ));
        }
        if !self.batch.is_multiple_of(self.packing) {
            return Err(BadRequest::new(format!(
                "batch = {} must be a multiple of packing = {}",
                self.batch, self.packing
            )));
        }
        Ok(())
    }
}

const KNOWN: &[&str] = &[
    "dimension",
    "data",
    "points",
    "objective",
    "lr_d",
    "lr_g",
    "k",
    "packing",
    "width",
    "depth",
    "prior",
    "noise",
    "batch",
    "seed",
];

/// A learning rate: a number in `(0, 10]`.
fn rate(name: &str, v: &str) -> Result<f64, BadRequest> {
    match v.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 10.0 => Ok(x),
        _ => Err(BadRequest::new(format!(
            "{name} = {v:?}: a learning rate must be a number in (0, 10]"
        ))),
    }
}

/// A whole number in `[low, high]`.
fn whole(name: &str, v: &str, low: usize, high: usize) -> Result<usize, BadRequest> {
    match v.parse::<usize>() {
        Ok(n) if (low..=high).contains(&n) => Ok(n),
        _ => Err(BadRequest::new(format!(
            "{name} = {v:?}: must be a whole number from {low} to {high}"
        ))),
    }
}

/// `x,y;x,y;…` with every coordinate inside the 2-D view.
fn parse_points(v: &str) -> Result<Vec<(f64, f64)>, BadRequest> {
    let bad = |i: usize, p: &str| {
        BadRequest::new(format!(
            "points: point {i} ({p:?}) must be \"x,y\" with both in [−{VIEW_2D}, {VIEW_2D}]"
        ))
    };
    let mut points = Vec::new();
    for (i, p) in v.split(';').filter(|p| !p.is_empty()).enumerate() {
        if i == MAX_POINTS {
            return Err(BadRequest::new(format!(
                "points: at most {MAX_POINTS} points"
            )));
        }
        let (x, y) = p.split_once(',').ok_or_else(|| bad(i, p))?;
        let inside = |c: &str| c.trim().parse::<f64>().ok().filter(|c| c.abs() <= VIEW_2D);
        match (inside(x), inside(y)) {
            (Some(x), Some(y)) => points.push((x, y)),
            _ => return Err(bad(i, p)),
        }
    }
    Ok(points)
}

impl fmt::Display for Settings {
    /// The settings as the query string [`Settings::from_pairs`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "dimension={}&data={}&objective={}&lr_d={}&lr_g={}&k={}&packing={}&width={}&depth={}&prior={}&noise={}&batch={}&seed={}",
            self.dimension, self.data, self.objective, self.lr_d, self.lr_g, self.k, self.packing,
            self.width, self.depth, self.prior, self.noise, self.batch, self.seed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        text.split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect()
    }

    #[test]
    fn defaults_round_trip_through_the_query_string() {
        for dimension in [1, 2] {
            let s = Settings::defaults(dimension);
            assert_eq!(Settings::from_pairs(&pairs(&s.to_string())).unwrap(), s);
        }
    }

    #[test]
    fn each_bad_value_names_its_setting() {
        let cases = [
            (
                "lr_g=abc",
                "lr_g = \"abc\": a learning rate must be a number in (0, 10]",
            ),
            (
                "lr_d=0",
                "lr_d = \"0\": a learning rate must be a number in (0, 10]",
            ),
            ("k=0", "k = \"0\": must be a whole number from 1 to 50"),
            ("objective=x", "objective = \"x\": unknown, choose one of "),
            (
                "data=ring&dimension=1",
                "data = \"ring\": unknown, choose one of gaussian, mixture",
            ),
            ("data=drawn", "data = \"drawn\": draw some points"),
            (
                "packing=3&batch=256",
                "batch = 256 must be a multiple of packing = 3",
            ),
            ("points=0.1,9", "points: point 0 (\"0.1,9\") must be"),
            ("colour=red", "unknown setting \"colour\""),
            ("dimension=3", "dimension = \"3\": must be 1 or 2"),
        ];
        for (query, expected) in cases {
            let message = Settings::from_pairs(&pairs(query)).unwrap_err().message;
            assert!(message.starts_with(expected), "{query}: {message}");
        }
        let drawn = Settings::from_pairs(&pairs("data=drawn&points=0.5,-0.25;1,1")).unwrap();
        assert_eq!(drawn.points, vec![(0.5, -0.25), (1.0, 1.0)]);
    }
}
