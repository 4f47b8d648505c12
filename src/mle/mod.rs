//! Maximum likelihood estimation (the seed's 最大似然估计), and why it is the same thing as
//! minimising the KL divergence and the cross-entropy (the seed's KL散度).
//!
//! ```text
//! θ_ML = argmax_θ Π_{i=1}^m p_model(x_i; θ)               the likelihood L(θ): underflows to 0
//!      = argmax_θ Σ_{i=1}^m log p_model(x_i; θ)            the log-likelihood: stays finite
//!      = argmax_θ E_{x∼p̂_data} log p_model(x; θ)           rescaling by 1/m keeps the argmax
//!      = argmin_θ KL(p̂_data ‖ p_model(·; θ))               KL = cross-entropy − H(p̂_data)
//! ```
//! where `x_1 … x_m` are the samples, `θ` the model's parameters and `p̂_data` the empirical
//! distribution of the samples.
//!
//! | idea | functions |
//! |---|---|
//! | likelihood and log-likelihood | [`likelihood_product`], [`log_likelihood`], [`gaussian_log_likelihood`], [`first_underflow`] |
//! | Gaussian MLE, closed form and on the tape | [`gaussian_mle`], [`gaussian_mle_by_gradient_ascent`] |
//! | MLE = argmin KL on a grid of μ | [`Bins`], [`empirical_distribution`], [`discretized_gaussian`], [`likelihood_and_kl_over_grid`] |
//! | mean squared error = Gaussian negative log-likelihood | [`mean_squared_error`], [`gaussian_negative_log_likelihood_via_squared_error`] |
//!
//! Notebook: `notebooks-md/02_maximum_likelihood.md`.
//!
//! ```
//! use adversarial::mle::{gaussian_log_likelihood, gaussian_mle};
//!
//! let samples = [1.0, 2.0, 3.0, 6.0];
//! let fit = gaussian_mle(&samples)?;
//! assert_eq!((fit.mu, fit.variance()), (3.0, 3.5)); // mean 3, (4 + 1 + 0 + 9) / 4
//! // The MLE beats any other μ or σ.
//! let best = gaussian_log_likelihood(&samples, fit.mu, fit.sigma)?;
//! assert!(best > gaussian_log_likelihood(&samples, 2.9, fit.sigma)?);
//! assert!(best > gaussian_log_likelihood(&samples, fit.mu, 1.1 * fit.sigma)?);
//! # Ok::<(), adversarial::mle::MleError>(())
//! ```

mod error;
mod gaussian;
mod gradient_ascent;
mod kl_link;
mod likelihood;
mod squared_error;

pub use error::MleError;
pub use gaussian::{gaussian_mle, GaussianFit};
pub use gradient_ascent::{gaussian_mle_by_gradient_ascent, GradientAscentFit, GRADIENT_TOLERANCE};
pub use kl_link::{
    discretized_gaussian, empirical_distribution, likelihood_and_kl_over_grid, Bins, GridPoint,
    LikelihoodKlScan,
};
pub use likelihood::{
    first_underflow, gaussian_log_likelihood, likelihood_product, log_likelihood,
};
pub use squared_error::{gaussian_negative_log_likelihood_via_squared_error, mean_squared_error};
