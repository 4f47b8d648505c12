//! [`OptimizerParams`]: an optimizer named with its hyper-parameters, so a configuration
//! can choose one ([`GanConfig`](crate::gan::GanConfig)'s two optimizer fields).

use super::{Adam, AdamParams, Optimizer, RmsProp, RmsPropParams, Sgd, SgdParams};
use crate::Float;

/// Which optimizer, with its hyper-parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptimizerParams {
    /// [`Sgd`] with momentum.
    Sgd(SgdParams),
    /// [`Adam`].
    Adam(AdamParams),
    /// [`RmsProp`].
    RmsProp(RmsPropParams),
}

impl From<AdamParams> for OptimizerParams {
    fn from(params: AdamParams) -> Self {
        OptimizerParams::Adam(params)
    }
}

impl From<SgdParams> for OptimizerParams {
    fn from(params: SgdParams) -> Self {
        OptimizerParams::Sgd(params)
    }
}

impl From<RmsPropParams> for OptimizerParams {
    fn from(params: RmsPropParams) -> Self {
        OptimizerParams::RmsProp(params)
    }
}

impl OptimizerParams {
    /// The optimizer, with no state yet.
    pub fn build<T: Float>(self) -> Box<dyn Optimizer<T> + Send> {
        match self {
            OptimizerParams::Sgd(p) => Box::new(Sgd::new(p)),
            OptimizerParams::Adam(p) => Box::new(Adam::new(p)),
            OptimizerParams::RmsProp(p) => Box::new(RmsProp::new(p)),
        }
    }

    /// `η`.
    pub fn learning_rate(&self) -> f64 {
        match self {
            OptimizerParams::Sgd(p) => p.learning_rate,
            OptimizerParams::Adam(p) => p.learning_rate,
            OptimizerParams::RmsProp(p) => p.learning_rate,
        }
    }

    /// Checks the hyper-parameters *as the optimizer will hold them*, in `T`: `η` finite and
    /// positive, each decay (`β₁`, `β₂`, `α`, `μ`) in `[0, 1)` and `ε` finite and positive
    /// after rounding to `T`. (`β₁ = 1 − 10⁻¹⁰` is below 1 in `f64` but rounds to 1 in
    /// `f32`, where Adam's first moment would then never move.)
    ///
    /// # Errors
    /// A sentence naming the first bad hyper-parameter and its value.
    pub fn validate<T: Float>(&self) -> Result<(), String> {
        let positive = |name: &str, x: f64| {
            let t = T::lit(x);
            if t.is_finite() && t > T::zero() {
                Ok(())
            } else {
                Err(format!(
                    "{name} must be finite and > 0, got {x:e} ({t:e} in the training type)"
                ))
            }
        };
        let decay = |name: &str, x: f64| {
            let t = T::lit(x);
            if t >= T::zero() && t < T::one() {
                Ok(())
            } else {
                Err(format!(
                    "{name} must be in [0, 1), got {x} ({t} in the training type)"
                ))
            }
        };
        match *self {
            OptimizerParams::Sgd(p) => {
                positive("learning_rate", p.learning_rate)?;
                decay("momentum", p.momentum)
            }
            OptimizerParams::Adam(p) => {
                positive("learning_rate", p.learning_rate)?;
                decay("beta1", p.beta1)?;
                decay("beta2", p.beta2)?;
                positive("epsilon", p.epsilon)
            }
            OptimizerParams::RmsProp(p) => {
                positive("learning_rate", p.learning_rate)?;
                decay("alpha", p.alpha)?;
                positive("epsilon", p.epsilon)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decay_that_rounds_to_one_in_f32_is_rejected_in_f32_only() {
        let adam = OptimizerParams::from(AdamParams {
            beta1: 1.0 - 1e-10,
            ..AdamParams::default()
        });
        assert!(adam.validate::<f64>().is_ok());
        let error = adam.validate::<f32>().unwrap_err();
        assert!(error.starts_with("beta1 must be in [0, 1)"), "{error}");
    }

    #[test]
    fn the_built_optimizer_carries_the_learning_rate() {
        let params = OptimizerParams::RmsProp(RmsPropParams {
            learning_rate: 5e-5,
            ..RmsPropParams::default()
        });
        assert_eq!(params.build::<f32>().learning_rate(), 5e-5);
        assert_eq!(params.learning_rate(), 5e-5);
    }
}
