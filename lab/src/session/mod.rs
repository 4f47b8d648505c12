//! A run of the lab: the crate's own [`Gan`] (the one the examples train), its data, and
//! snapshots of it for the page. This module is the only place the lab touches the crate's
//! `Gan` API (objectives, networks, the tape through a frozen D), so a change of that API is
//! adapted here without touching the server or the page.
//!
//! What each update is: notebook `notebooks-md/01_core_idea.md` (the alternating game, `k` D
//! updates per G update); `05_minimax_value.md` (D*, the equilibrium losses); PacGAN packing in
//! `06_mode_collapse.md`.

mod data;
mod view;

pub use data::LabData;
pub use view::{Frame, Losses, Snapshot, View1d, View2d};

use crate::settings::{BadRequest, Settings};
use adversarial::gan::{Gan, GanConfig, GanLoss, Prior, Schedule};
use adversarial::nn::Activation;
use adversarial::optim::AdamParams;
use std::sync::Arc;

/// Every objective the crate has, in the page's order (the crate's own list).
pub const OBJECTIVES: &[GanLoss] = &GanLoss::ALL;

/// The name of an objective on the page and in requests (its `Display` name).
pub fn objective_name(loss: GanLoss) -> &'static str {
    loss.name()
}

/// The noise distributions, by name.
pub const PRIORS: &[&str] = &["normal", "uniform"];

/// Which update a single step makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// One discriminator update (G frozen).
    Discriminator,
    /// One generator update (D frozen).
    Generator,
    /// `k` discriminator updates then one generator update: [`Gan::step`].
    Full,
}

/// A GAN in training, with the counters and the losses the page shows.
pub struct Session {
    settings: Settings,
    gan: Gan<f32>,
    data: LabData,
    view: Arc<view::ViewModel>,
    generator_updates: usize,
    discriminator_updates: usize,
    /// Sums of `(L_D, L_G, D(x), D(G(z)))` over the updates since the last snapshot, and
    /// how many of each were summed (D's three share a count).
    sums: [f64; 4],
    counts: [usize; 2],
    last: Losses,
}

impl Session {
    /// A new run: the `Gan` of `settings`, weights and every draw from `settings.seed`.
    ///
    /// # Errors
    /// A [`BadRequest`] if the crate refuses the configuration.
    pub fn new(settings: &Settings) -> Result<Session, BadRequest> {
        let data = LabData::new(settings)?;
        let config = config(settings);
        let gan = Gan::<f32>::new(config, settings.dimension)
            .map_err(|e| BadRequest::new(e.to_string()))?;
        let view = Arc::new(view::ViewModel::new(&gan, &data, settings));
        Ok(Session {
            settings: settings.clone(),
            gan,
            data,
            view,
            generator_updates: 0,
            discriminator_updates: 0,
            sums: [0.0; 4],
            counts: [0; 2],
            last: Losses::unknown(),
        })
    }

    /// The settings of this run.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Generator updates so far: the page's step counter.
    pub fn step_count(&self) -> usize {
        self.generator_updates
    }

    /// One update of `kind`.
    ///
    /// # Errors
    /// The sentence the page shows when a loss is NaN or infinite ("training stopped at step
    /// N: the generator loss is NaN"); nothing is updated then.
    pub fn step(&mut self, kind: StepKind) -> Result<(), String> {
        let next = self.generator_updates + 1;
        let diverged = |e: adversarial::gan::GanError| match e {
            adversarial::gan::GanError::NonFiniteLoss { loss, value, .. } => {
                format!("training stopped at step {next}: the {loss} loss is {value}")
            }
            other => other.to_string(),
        };
        match kind {
            StepKind::Discriminator => {
                let d = self.gan.discriminator_step(&self.data).map_err(diverged)?;
                self.add_discriminator(d.loss, d.d_real, d.d_fake, 1);
            }
            StepKind::Generator => {
                let g_loss = self.gan.generator_step().map_err(diverged)?;
                self.add_generator(g_loss);
            }
            StepKind::Full => {
                let s = self.gan.step(&self.data).map_err(diverged)?;
                self.add_discriminator(s.d_loss, s.d_real, s.d_fake, self.settings.k);
                self.add_generator(s.g_loss);
            }
        }
        Ok(())
    }

    fn add_discriminator(&mut self, d_loss: f64, d_real: f64, d_fake: f64, updates: usize) {
        self.discriminator_updates += updates;
        self.sums[0] += d_loss;
        self.sums[2] += d_real;
        self.sums[3] += d_fake;
        self.counts[0] += 1;
    }

    fn add_generator(&mut self, g_loss: f64) {
        self.generator_updates += 1;
        self.sums[1] += g_loss;
        self.counts[1] += 1;
    }

    /// The state to draw: a copy of the parameters and the mean losses since the last
    /// snapshot (or the last known ones). Cheap: the frame is computed from it elsewhere
    /// ([`Snapshot::frame`]), so training does not wait for drawing.
    pub fn snapshot(&mut self) -> Snapshot {
        let [d, g] = self.counts;
        if d > 0 {
            self.last.d_loss = self.sums[0] / d as f64;
            self.last.d_real = self.sums[2] / d as f64;
            self.last.d_fake = self.sums[3] / d as f64;
        }
        if g > 0 {
            self.last.g_loss = self.sums[1] / g as f64;
        }
        (self.sums, self.counts) = ([0.0; 4], [0; 2]);
        Snapshot {
            view: Arc::clone(&self.view),
            params: self.gan.params().clone(),
            step: self.generator_updates,
            discriminator_steps: self.discriminator_updates,
            losses: self.last,
        }
    }
}

/// The crate's configuration for the lab's settings: G and D of `depth` hidden layers of
/// `width` leaky-ReLU units, Adam with β₁ = ½ (as the examples), a constant rate (the lab
/// has no last step to decay towards).
pub fn config(s: &Settings) -> GanConfig {
    let adam = |learning_rate| AdamParams {
        learning_rate,
        beta1: 0.5,
        beta2: 0.999,
        epsilon: 1e-8,
    };
    GanConfig {
        prior: if s.prior == "uniform" {
            Prior::Uniform
        } else {
            Prior::Normal
        },
        noise_size: s.noise,
        generator_hidden: vec![s.width; s.depth],
        generator_activation: Activation::LeakyRelu(0.2),
        generator_output: Activation::Identity,
        discriminator_hidden: vec![s.width; s.depth],
        discriminator_activation: Activation::LeakyRelu(0.2),
        packing: s.packing,
        batch_size: s.batch,
        generator_optimizer: adam(s.lr_g).into(),
        discriminator_optimizer: adam(s.lr_d).into(),
        schedule: Schedule::Constant,
        discriminator_steps: s.k,
        loss: objective(&s.objective),
        steps: usize::MAX,
        seed: s.seed,
        log_every: usize::MAX,
        generator_average: None,
    }
}

/// The objective named `name` (checked by [`Settings`]; the default if unknown).
fn objective(name: &str) -> GanLoss {
    OBJECTIVES
        .iter()
        .copied()
        .find(|&o| objective_name(o) == name)
        .unwrap_or(GanLoss::NonSaturating)
}

/// The figures of the headless trainer for the same settings: `Gan::step` in a loop on the
/// calling thread, for the speed comparison of `docs/BENCHMARKS.md`. Returns steps done.
pub fn headless_steps(settings: &Settings, seconds: f64) -> Result<usize, BadRequest> {
    let data = LabData::new(settings)?;
    let mut gan = Gan::<f32>::new(config(settings), settings.dimension)
        .map_err(|e| BadRequest::new(e.to_string()))?;
    let started = std::time::Instant::now();
    let mut steps = 0;
    while started.elapsed().as_secs_f64() < seconds {
        gan.step(&data)
            .map_err(|e| BadRequest::new(e.to_string()))?;
        steps += 1;
    }
    Ok(steps)
}

#[cfg(test)]
mod tests;
