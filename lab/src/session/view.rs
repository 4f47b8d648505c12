//! What the page draws, computed from a [`Snapshot`] (a copy of the parameters) off the
//! training thread: D's heat-map, real and fake samples, G's gradient arrows, G's manifold
//! (2-D); `p_data`, `p_G` by KDE, the trained D and `D* = p_data / (p_data + p_G)` (1-D);
//! the losses and the estimates of [`crate::estimates`].
//!
//! The samples drawn are always the same ones within a run (reals drawn once, fakes
//! `G(z)` of one fixed noise batch, both from the run's seed), so the page shows G moving,
//! not the noise; and the same seed gives the same frame at the same step.

use super::LabData;
use crate::estimates::{js_by_histograms, sliced_wasserstein_2d, wasserstein_1d, SLICES};
use crate::settings::{Settings, VIEW_2D};
use adversarial::autograd::{ops::logistic, Tape};
use adversarial::density::kde;
use adversarial::gan::{pack_rows, tile_columns, Gan, GanLoss, Objective, RealData, Score};
use adversarial::minimax::optimal_discriminator;
use adversarial::nn::{Mlp, Mode, ParamStore};
use ndarray::{Array2, ArrayView2};
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use serde::Serialize;
use std::sync::Arc;

/// Real and fake samples per frame (drawn and used by the estimates).
const SHOWN: usize = 1000;
/// Fakes that get a gradient arrow (rounded down to a multiple of the packing).
const ARROWS: usize = 64;
/// D's heat-map is `HEAT × HEAT` cells over the 2-D view.
const HEAT: usize = 48;
/// G's manifold is the image of a `MANIFOLD × MANIFOLD` grid of `z`.
const MANIFOLD: usize = 21;
/// Points of the 1-D view's curves.
const CURVE: usize = 200;
/// Histogram bins per coordinate of the JS estimate (1-D, 2-D).
const BINS: [usize; 2] = [50, 30];
/// Seeds of the shown reals and the fixed noise, apart from the training draws.
const SHOWN_SEED: u64 = 0x1ab;

/// The losses of a frame: means over the updates since the previous frame.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Losses {
    /// `L_D` (NaN → `null` before the first D update).
    pub d_loss: f64,
    /// `L_G`.
    pub g_loss: f64,
    /// Mean `D(x)` on real batches.
    pub d_real: f64,
    /// Mean `D(G(z))` on fake batches.
    pub d_fake: f64,
}

impl Losses {
    /// Nothing measured yet.
    pub fn unknown() -> Losses {
        Losses {
            d_loss: f64::NAN,
            g_loss: f64::NAN,
            d_real: f64::NAN,
            d_fake: f64::NAN,
        }
    }
}

/// What stays fixed through a run: the networks' shapes, the shown reals, the fixed noise,
/// the grids.
pub(super) struct ViewModel {
    generator: Mlp,
    discriminator: Mlp,
    packing: usize,
    loss: GanLoss,
    dimension: usize,
    noise: Array2<f32>,
    real: Array2<f32>,
    /// 2-D: the heat-map's cell centres; 1-D: the curves' points (one column).
    grid: Array2<f32>,
    manifold_noise: Option<Array2<f32>>,
    p_data: Vec<f64>,
    range_1d: (f64, f64),
}

impl ViewModel {
    pub(super) fn new(gan: &Gan<f32>, data: &LabData, settings: &Settings) -> ViewModel {
        let mut rng = StdRng::seed_from_u64(settings.seed ^ SHOWN_SEED);
        let mut real = Array2::zeros((SHOWN, settings.dimension));
        data.sample_into(&mut rng, &mut real);
        let noise_seed = settings.seed ^ SHOWN_SEED.rotate_left(32);
        let noise = shown_noise(gan, noise_seed);
        let range_1d = data.range_1d();
        let grid = if settings.dimension == 2 {
            let centre =
                |i: usize| (-VIEW_2D + (i as f64 + 0.5) * 2.0 * VIEW_2D / HEAT as f64) as f32;
            // Row-major from the top row (largest y), as ImageData is laid out.
            Array2::from_shape_fn((HEAT * HEAT, 2), |(p, c)| {
                let (row, column) = (p / HEAT, p % HEAT);
                if c == 0 {
                    centre(column)
                } else {
                    centre(HEAT - 1 - row)
                }
            })
        } else {
            let (a, b) = range_1d;
            Array2::from_shape_fn((CURVE, 1), |(i, _)| {
                (a + (b - a) * i as f64 / (CURVE - 1) as f64) as f32
            })
        };
        let p_data = grid
            .iter()
            .filter_map(|&x| data.pdf(f64::from(x)))
            .collect();
        let manifold_noise = (settings.dimension == 2 && settings.noise == 2).then(|| {
            let half = if settings.prior == "uniform" {
                1.0
            } else {
                2.0
            };
            let tick = |i: usize| (-half + 2.0 * half * i as f64 / (MANIFOLD - 1) as f64) as f32;
            Array2::from_shape_fn((MANIFOLD * MANIFOLD, 2), |(p, c)| {
                tick(if c == 0 { p % MANIFOLD } else { p / MANIFOLD })
            })
        });
        ViewModel {
            generator: gan.generator().clone(),
            discriminator: gan.discriminator().clone(),
            packing: settings.packing,
            loss: gan.config().loss,
            dimension: settings.dimension,
            noise,
            real,
            grid,
            manifold_noise,
            p_data,
            range_1d,
        }
    }
}

/// `SHOWN` draws of the run's prior `p_z` from `seed` (one fixed batch per run).
fn shown_noise(gan: &Gan<f32>, seed: u64) -> Array2<f32> {
    use adversarial::density::{Density, Gaussian, Uniform};
    let n = SHOWN * gan.config().noise_size;
    let draws = match gan.config().prior {
        adversarial::gan::Prior::Normal => Gaussian::new(0.0, 1.0).expect("σ > 0").sample(n, seed),
        adversarial::gan::Prior::Uniform => Uniform::new(-1.0, 1.0).expect("a < b").sample(n, seed),
        adversarial::gan::Prior::CategoricalNormal { .. } => return gan.noise(SHOWN, seed),
    };
    let flat = draws.into_iter().map(|z| z as f32).collect();
    Array2::from_shape_vec((SHOWN, gan.config().noise_size), flat).expect("SHOWN × noise")
}

/// A moment of a run, cheap to take: the parameters, the counters, the losses.
pub struct Snapshot {
    pub(super) view: Arc<ViewModel>,
    pub(super) params: ParamStore<f32>,
    /// Generator updates done.
    pub step: usize,
    /// Discriminator updates done.
    pub discriminator_steps: usize,
    /// Mean losses since the previous snapshot.
    pub losses: Losses,
}

/// The 2-D view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View2d {
    /// The view is `[−extent, extent]²`.
    pub extent: f64,
    /// `D(x)` on `cells × cells` cell centres, row-major from the top row.
    pub cells: usize,
    pub heat: Vec<f32>,
    /// `[x, y]` of the shown reals and fakes.
    pub real: Vec<[f32; 2]>,
    pub fake: Vec<[f32; 2]>,
    /// `[x, y, dx, dy]`: a fake and `−∂ℓ/∂x` of its pack's generator loss `ℓ`.
    pub arrows: Vec<[f32; 4]>,
    /// `G(z)` on the `manifold_size²` grid of `z` (row-major), if `z` is 2-D.
    pub manifold_size: usize,
    pub manifold: Vec<[f32; 2]>,
}

/// The 1-D view, every curve on `xs`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View1d {
    pub xs: Vec<f32>,
    pub p_data: Vec<f64>,
    /// KDE of the fakes (`null` if they are all equal: no bandwidth).
    pub p_g: Option<Vec<f64>>,
    pub d: Vec<f32>,
    pub d_star: Option<Vec<f64>>,
    pub real: Vec<f32>,
    pub fake: Vec<f32>,
}

/// One frame of the stream (serialised as JSON for the page).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Frame {
    /// Counts restarts: the page clears its curves when it changes.
    pub run: u64,
    /// The run's settings as a query string.
    pub settings: String,
    pub step: usize,
    pub discriminator_steps: usize,
    pub playing: bool,
    pub steps_per_second: f64,
    /// The speed limit in steps/s, if any.
    pub speed: Option<f64>,
    /// Why training stopped, if it diverged.
    pub error: Option<String>,
    pub losses: Losses,
    /// `L_D` and `L_G` at the objective's equilibrium (`None` where it fixes no value, as
    /// for a critic's losses).
    pub equilibrium: [Option<f64>; 2],
    /// JSD estimate from grid histograms (nats).
    pub js: Option<f64>,
    /// `W₁` estimate: exact 1-D of the samples, or sliced in 2-D (see `w1_kind`).
    pub w1: Option<f64>,
    pub w1_kind: String,
    /// `V(G, D) = −L_D` and `−log 4 + 2·JS`, its value at `D*`.
    pub value: f64,
    pub value_at_optimum: Option<f64>,
    pub view2d: Option<View2d>,
    pub view1d: Option<View1d>,
}

impl Snapshot {
    /// The frame of this snapshot; the run-level fields (`run`, `playing`, …) are the
    /// runner's to fill.
    pub fn frame(&self) -> Frame {
        let v = &*self.view;
        let fake = self.generate(v.noise.view());
        let real64: Vec<f64> = v.real.iter().map(|&x| f64::from(x)).collect();
        let fake64: Vec<f64> = fake.iter().map(|&x| f64::from(x)).collect();
        let (range, bins) = if v.dimension == 2 {
            ((-VIEW_2D, VIEW_2D), BINS[1])
        } else {
            (v.range_1d, BINS[0])
        };
        let js = js_by_histograms(&real64, &fake64, v.dimension, range, bins);
        let (w1, w1_kind, view2d, view1d) = if v.dimension == 2 {
            let pairs = |s: &[f64]| s.chunks(2).map(|p| (p[0], p[1])).collect::<Vec<_>>();
            let w1 = sliced_wasserstein_2d(&pairs(&real64), &pairs(&fake64));
            let kind = format!("sliced W₁ (mean 1-D W₁ over {SLICES} directions, ≤ W₁)");
            (w1, kind, Some(self.view_2d(fake.view())), None)
        } else {
            let w1 = wasserstein_1d(&real64, &fake64);
            (
                w1,
                "W₁ (exact, 1-D samples)".into(),
                None,
                Some(self.view_1d(&fake64)),
            )
        };
        Frame {
            run: 0,
            settings: String::new(),
            step: self.step,
            discriminator_steps: self.discriminator_steps,
            playing: false,
            steps_per_second: 0.0,
            speed: None,
            error: None,
            losses: self.losses,
            equilibrium: {
                let at = v.loss.equilibrium();
                [at.discriminator_loss, at.generator_loss]
            },
            js,
            w1,
            w1_kind,
            value: -self.losses.d_loss,
            value_at_optimum: js.map(|js| -(4f64.ln()) + 2.0 * js),
            view2d,
            view1d,
        }
    }

    /// `G(z)` with these parameters.
    fn generate(&self, noise: ArrayView2<f32>) -> Array2<f32> {
        let tape = Tape::new();
        let out = self
            .view
            .generator
            .forward(&self.params, tape.constant(noise), Mode::Frozen);
        let value = out.value().clone();
        value
    }

    /// `D(x)` on each row of `x`, a packed D scoring `(x, …, x)` as `Gan::discriminate`: the
    /// probability `σ(s)` for an objective whose scores are logits; a critic's raw scores
    /// rescaled to `[0, 1]` over the rows given (the page draws both on one colour scale).
    pub(super) fn discriminate(&self, x: ArrayView2<f32>) -> Vec<f32> {
        let tape = Tape::new();
        let tiled = tile_columns(tape.constant(x), self.view.packing);
        let scores = self
            .view
            .discriminator
            .forward(&self.params, tiled, Mode::Frozen);
        let scores: Vec<f32> = scores.value().iter().copied().collect();
        match Objective::<f32>::score(&self.view.loss) {
            Score::Logit => scores.into_iter().map(logistic).collect(),
            Score::Raw => {
                let lo = scores.iter().copied().fold(f32::INFINITY, f32::min);
                let hi = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let span = hi - lo;
                let unit = |s: f32| if span > 0.0 { (s - lo) / span } else { 0.5 };
                scores.into_iter().map(unit).collect()
            }
        }
    }

    /// `−∂ℓ/∂x` for the first fakes: `x` a variable of the tape, packed, through the frozen
    /// D, into the run's generator loss; scaled by the number of packs so each arrow is the
    /// gradient of its own pack's loss.
    fn arrows(&self, fake: ArrayView2<f32>) -> Vec<[f32; 4]> {
        let m = self.view.packing;
        let n = (ARROWS / m).max(1) * m;
        let subset = fake.slice(ndarray::s![..n, ..]);
        let tape = Tape::new();
        let x = tape.variable(subset);
        let logits = self
            .view
            .discriminator
            .forward(&self.params, pack_rows(x, m), Mode::Frozen);
        let grads = tape.backward(Objective::<f32>::generator_loss(&self.view.loss, logits));
        let packs = (n / m) as f32;
        let g = grads.wrt(x).expect("x is a variable of the loss");
        subset
            .rows()
            .into_iter()
            .zip(g.rows())
            .map(|(p, g)| [p[0], p[1], -g[0] * packs, -g[1] * packs])
            .collect()
    }

    fn view_2d(&self, fake: ArrayView2<f32>) -> View2d {
        let v = &*self.view;
        let pairs = |a: ArrayView2<f32>| a.rows().into_iter().map(|r| [r[0], r[1]]).collect();
        let manifold = v
            .manifold_noise
            .as_ref()
            .map_or(Vec::new(), |z| pairs(self.generate(z.view()).view()));
        View2d {
            extent: VIEW_2D,
            cells: HEAT,
            heat: self.discriminate(v.grid.view()),
            real: pairs(v.real.view()),
            fake: pairs(fake),
            arrows: self.arrows(fake),
            manifold_size: if manifold.is_empty() { 0 } else { MANIFOLD },
            manifold,
        }
    }

    fn view_1d(&self, fake: &[f64]) -> View1d {
        let v = &*self.view;
        let xs: Vec<f64> = v.grid.iter().map(|&x| f64::from(x)).collect();
        let p_g = kde(fake, &xs).ok();
        let d_star = p_g.as_ref().map(|p_g| {
            v.p_data
                .iter()
                .zip(p_g)
                .map(|(&p, &q)| optimal_discriminator(p, q))
                .collect()
        });
        View1d {
            xs: v.grid.iter().copied().collect(),
            p_data: v.p_data.clone(),
            p_g,
            d: self.discriminate(v.grid.view()),
            d_star,
            real: v.real.iter().copied().collect(),
            fake: fake.iter().map(|&x| x as f32).collect(),
        }
    }
}
