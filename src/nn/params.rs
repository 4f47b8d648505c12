//! [`ParamStore`]: the named parameters of every network, outside any tape.

use super::ParamId;
use crate::autograd::{Tape, Var};
use crate::Float;
use ndarray::Array2;
use std::sync::Arc;

/// How a forward pass puts parameters on the tape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// As trainable leaves ([`Tape::param`]): the backward pass computes their gradients.
    Trainable,
    /// As constants ([`Tape::constant`]): gradients pass *through* the layer to its input
    /// but not into its weights (the discriminator during the generator's step).
    Frozen,
}

/// Why a string cannot name a parameter ([`ParamStore::add`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParamNameError {
    /// `""`: a checkpoint would give back no name to match.
    #[error("the empty string cannot name a parameter")]
    Empty,
    /// A control character such as `\n`.
    #[error("the parameter name {0:?} holds a control character (names are listed one per line in the checkpoint)")]
    ControlCharacter(String),
    /// The key safetensors keeps for its own metadata.
    #[error("`__metadata__` cannot name a parameter: safetensors reserves it")]
    Reserved,
    /// Another parameter of the store has this name.
    #[error("the name `{0}` is taken")]
    Taken(String),
}

/// `Ok` if `name` can name a parameter of some store (whether it is taken is the store's
/// business).
pub(super) fn check_name(name: &str) -> Result<(), ParamNameError> {
    if name.is_empty() {
        Err(ParamNameError::Empty)
    } else if name.chars().any(char::is_control) {
        Err(ParamNameError::ControlCharacter(name.to_owned()))
    } else if name == "__metadata__" {
        Err(ParamNameError::Reserved)
    } else {
        Ok(())
    }
}

/// Named parameter arrays, addressed by [`ParamId`] (its index, in order of creation).
///
/// Each array is reference-counted so that [`on_tape`](ParamStore::on_tape) puts it on a
/// tape without copying it; [`get_mut`](ParamStore::get_mut) copies only if a tape (or a
/// clone of the store) still shares it, so reset the tape before an optimizer step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParamStore<T: Float> {
    names: Vec<String>,
    values: Vec<Arc<Array2<T>>>,
}

impl<T: Float> ParamStore<T> {
    /// An empty store.
    pub fn new() -> Self {
        ParamStore {
            names: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Adds a parameter and returns its id.
    ///
    /// Names key the checkpoint file ([`ParamStore::save`]), so a name must be one the file
    /// can hold and give back: not empty, no control character (the file lists the names one
    /// per line), not safetensors' reserved `__metadata__`, and not already taken.
    ///
    /// # Panics
    /// If `name` is not such a name, with the reason ([`ParamNameError`]), at the caller: the
    /// names come from the code that builds the networks (`"generator.0.weight"`), so a bad
    /// one is a bug to fix there, as a shape mismatch is. Use [`try_add`](ParamStore::try_add)
    /// for names read from outside (a file, a user).
    #[track_caller]
    pub fn add(&mut self, name: impl Into<String>, value: Array2<T>) -> ParamId {
        match self.try_add(name, value) {
            Ok(id) => id,
            Err(error) => panic!("ParamStore::add: {error}"),
        }
    }

    /// [`add`](ParamStore::add), returning the reason a name is refused instead of panicking
    /// (nothing is added then).
    ///
    /// # Errors
    /// [`ParamNameError`] saying what is wrong with `name`.
    pub fn try_add(
        &mut self,
        name: impl Into<String>,
        value: Array2<T>,
    ) -> Result<ParamId, ParamNameError> {
        let name = name.into();
        check_name(&name)?;
        if self.names.contains(&name) {
            return Err(ParamNameError::Taken(name));
        }
        self.names.push(name);
        self.values.push(Arc::new(value));
        Ok(ParamId(self.values.len() - 1))
    }

    /// The value of parameter `id`.
    ///
    /// # Panics
    /// If `id` is not from this store.
    #[track_caller]
    pub fn get(&self, id: ParamId) -> &Array2<T> {
        &self.values[id.0]
    }

    /// The value of parameter `id`, to update in place.
    ///
    /// # Panics
    /// If `id` is not from this store.
    #[track_caller]
    pub fn get_mut(&mut self, id: ParamId) -> &mut Array2<T> {
        Arc::make_mut(&mut self.values[id.0])
    }

    /// The name parameter `id` was added under.
    pub fn name(&self, id: ParamId) -> &str {
        &self.names[id.0]
    }

    /// The id of the parameter called `name`.
    pub fn find(&self, name: &str) -> Option<ParamId> {
        self.names.iter().position(|n| n == name).map(ParamId)
    }

    /// Number of parameter arrays.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// `true` when the store holds nothing.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Total number of scalars over all parameters.
    pub fn scalar_count(&self) -> usize {
        self.values.iter().map(|v| v.len()).sum()
    }

    /// `(id, name, value)` of every parameter in order.
    pub fn iter(&self) -> impl Iterator<Item = (ParamId, &str, &Array2<T>)> + '_ {
        (self.names.iter().zip(&self.values))
            .enumerate()
            .map(|(i, (n, v))| (ParamId(i), n.as_str(), &**v))
    }

    /// Parameter `id` on `tape`, trainable or frozen according to `mode`, shared with the
    /// store rather than copied (the tape holds it until [`Tape::reset`]).
    ///
    /// # Panics
    /// If `id` is not from this store.
    #[track_caller]
    pub fn on_tape<'t>(&self, tape: &'t Tape<T>, id: ParamId, mode: Mode) -> Var<'t, T> {
        let value = &self.values[id.0];
        match mode {
            Mode::Trainable => tape.shared_param(Some(id), value),
            Mode::Frozen => tape.shared_param(None, value),
        }
    }
}
