//! Reading a [`Gan`]: samples of G, D's verdicts on data, and the parts it is made of. Building
//! one and the training loop are in `trainer.rs`.

use super::{Gan, GanConfig, Objective, Score};
use crate::autograd::{ops::logistic, Tape};
use crate::nn::{Mode, Network, ParamStore};
use crate::Float;
use ndarray::{Array2, ArrayView2};
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};

impl<T: Float, G: Network<T>, D: Network<T>> Gan<T, G, D> {
    /// `n` samples `G(z)`, `z ~ p_z` drawn from `seed` (n × [`dim`](Gan::dim)).
    pub fn sample(&self, n: usize, seed: u64) -> Array2<T> {
        self.generate(self.noise(n, seed).view())
    }

    /// The `n` noise rows `z ~ p_z` (n × noise size) that [`sample`](Gan::sample) draws from
    /// `seed`.
    pub fn noise(&self, n: usize, seed: u64) -> Array2<T> {
        let mut noise = Array2::zeros((n, self.config.noise_size));
        self.config
            .prior
            .fill(&mut StdRng::seed_from_u64(seed), &mut noise);
        noise
    }

    /// `G(z)` for the given noise rows.
    ///
    /// # Panics
    /// If `noise` does not have `noise_size` columns (reported at the caller).
    #[track_caller]
    pub fn generate(&self, noise: ArrayView2<T>) -> Array2<T> {
        let (rows, cols) = noise.dim();
        assert!(
            cols == self.config.noise_size,
            "Gan::generate: the noise is {rows} × {cols}, G takes noise_size = {} columns",
            self.config.noise_size
        );
        let tape = Tape::new();
        let params = self.sampling_params();
        let out = self
            .generator
            .forward(&params, tape.constant(noise), Mode::Frozen);
        let value = out.value().clone();
        value
    }

    /// D's verdict on each row of `x` (n × 1): the probability `D(x) = σ(s)` for an
    /// objective whose scores are logits, the raw critic score `s` otherwise ([`Score`]).
    /// With packing `m > 1`, D scores the pack `(x, x, …, x)` of `m` copies
    /// ([`tile_columns`](super::tile_columns)).
    ///
    /// # Panics
    /// If `x` does not have [`dim`](Gan::dim) columns (reported at the caller).
    #[track_caller]
    pub fn discriminate(&self, x: ArrayView2<T>) -> Array2<T> {
        let (rows, cols) = x.dim();
        assert!(
            cols == self.dim(),
            "Gan::discriminate: x is {rows} × {cols}, the GAN's data has {} columns",
            self.dim()
        );
        let tape = Tape::new();
        let tiled = super::tile_columns(tape.constant(x), self.config.packing);
        let scores = self
            .discriminator
            .forward(&self.params, tiled, Mode::Frozen);
        let value = match self.objective.score() {
            Score::Logit => scores.value().mapv(logistic),
            Score::Raw => scores.value().clone(),
        };
        value
    }

    /// The configuration.
    pub fn config(&self) -> &GanConfig {
        &self.config
    }

    /// The objective it trains with.
    pub fn objective(&self) -> &dyn Objective<T> {
        &*self.objective
    }

    /// The dimension of the data (G's output size).
    pub fn dim(&self) -> usize {
        self.generator.output_size()
    }

    /// Every parameter of G and D.
    pub fn params(&self) -> &ParamStore<T> {
        &self.params
    }

    /// Every parameter, mutable (to load a checkpoint with [`ParamStore::load_into`]).
    pub fn params_mut(&mut self) -> &mut ParamStore<T> {
        &mut self.params
    }

    /// The generator network.
    pub fn generator(&self) -> &G {
        &self.generator
    }

    /// The discriminator network.
    pub fn discriminator(&self) -> &D {
        &self.discriminator
    }
    /// Generator updates done.
    pub fn steps_done(&self) -> usize {
        self.steps_done
    }
}
