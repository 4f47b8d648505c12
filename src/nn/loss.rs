//! The generator loss by [`GanLoss`], for the saturation study (`gan/study.rs`); the
//! objectives themselves are in [`crate::gan::objective`].

use crate::autograd::Var;
use crate::gan::{GanLoss, Objective};
use crate::Float;

/// `L_G` of `kind` on the scores D gives the fakes (1 × 1).
pub(crate) fn generator_loss<'t, T: Float>(fake_logits: Var<'t, T>, kind: GanLoss) -> Var<'t, T> {
    kind.generator_loss(fake_logits)
}
