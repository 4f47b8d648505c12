//! Maximum likelihood in numbers (the seed's 最大似然估计; notebook
//! `notebooks-md/02_maximum_likelihood.md`):
//!
//! 1. the product `Π p(x_i)` of standard-normal densities underflows to 0 after a few
//!    hundred samples, while `Σ log p(x_i)` stays finite;
//! 2. the Gaussian MLE in closed form beside gradient ascent on the autograd tape;
//! 3. on a grid of μ, the maximum-likelihood μ is the minimum-KL μ.
//!
//! Run: `cargo run --release --example mle [-- --seed N]`.

mod common;

use adversarial::mle::{
    first_underflow, gaussian_mle, gaussian_mle_by_gradient_ascent, likelihood_and_kl_over_grid,
    likelihood_product, log_likelihood, Bins, MleError,
};
use clap::Parser;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use rand_distr::{Distribution, Normal};
use std::f64::consts::PI;
use std::process::ExitCode;

/// Maximum likelihood in numbers: underflowing products, the Gaussian MLE two ways, and
/// maximum likelihood = minimum KL on a grid of μ.
#[derive(Parser)]
#[command(allow_negative_numbers = true)]
struct Flags {
    /// Seed of the samples
    #[arg(long, default_value_t = 2014, value_parser = common::cli::seed)]
    seed: u64,
}

fn main() -> ExitCode {
    let Flags { seed } = Flags::parse();
    common::exit(run(seed))
}

fn run(seed: u64) -> common::Result {
    underflow(seed);
    closed_form_against_gradient_ascent(seed)?;
    likelihood_against_kl(seed)?;
    Ok(())
}

fn normal_samples(count: usize, mu: f64, sigma: f64, seed: u64) -> Vec<f64> {
    let mut rng = StdRng::seed_from_u64(seed);
    let normal = Normal::new(mu, sigma).expect("sigma > 0");
    (0..count).map(|_| normal.sample(&mut rng)).collect()
}

fn underflow(seed: u64) {
    let samples = normal_samples(5000, 0.0, 1.0, seed);
    let pdf = |x: f64| (-0.5 * x * x).exp() / (2.0 * PI).sqrt();
    let log_pdf = |x: f64| -0.5 * x * x - 0.5 * (2.0 * PI).ln();
    println!(
        "1. Likelihood of {} N(0, 1) samples (seed {seed})",
        samples.len()
    );
    println!("{:>8}  {:>14}  {:>14}", "m", "Π p(x_i)", "Σ log p(x_i)");
    let first_zero = first_underflow(&samples, pdf);
    let mut counts = vec![10, 100, 500, 1000, 5000];
    if let Some(k) = first_zero {
        counts.extend([k - 1, k]);
        counts.sort_unstable();
    }
    for m in counts {
        let product = likelihood_product(&samples[..m], pdf);
        let sum = log_likelihood(&samples[..m], log_pdf);
        println!("{m:>8}  {product:>14.6e}  {sum:>14.4}");
    }
    match first_zero {
        Some(k) => println!(
            "   the product is exactly 0.0 from m = {k} on; ln(smallest f64 > 0) = {:.2}\n",
            -1074.0 * 2f64.ln()
        ),
        None => println!("   the product never reached 0.0\n"),
    }
}

fn closed_form_against_gradient_ascent(seed: u64) -> Result<(), MleError> {
    let samples = normal_samples(1000, 1.5, 0.8, seed);
    let closed = gaussian_mle(&samples)?;
    let ascent = gaussian_mle_by_gradient_ascent(&samples, 20_000, 0.2)?;
    println!("2. Gaussian MLE of 1000 samples of N(1.5, 0.8²)");
    println!("{:>22}  {:>18}  {:>18}", "", "μ", "σ");
    println!(
        "{:>22}  {:>18.12}  {:>18.12}",
        "closed form", closed.mu, closed.sigma
    );
    println!(
        "{:>22}  {:>18.12}  {:>18.12}",
        "gradient ascent (tape)", ascent.fit.mu, ascent.fit.sigma
    );
    println!(
        "{:>22}  {:>18.3e}  {:>18.3e}",
        "|difference|",
        (ascent.fit.mu - closed.mu).abs(),
        (ascent.fit.sigma - closed.sigma).abs()
    );
    println!(
        "   {} steps at learning rate 0.2, converged: {}, final max |∂J| = {:.2e}\n",
        ascent.steps_taken, ascent.converged, ascent.gradient_max_abs
    );
    Ok(())
}

fn likelihood_against_kl(seed: u64) -> Result<(), MleError> {
    let samples = normal_samples(2000, 1.3, 1.0, seed);
    let bins = Bins::new(-6.0, 8.0, 70)?;
    let grid: Vec<f64> = (0..=16).map(|i| 0.5 + 0.1 * f64::from(i)).collect();
    let scan = likelihood_and_kl_over_grid(&samples, 1.0, &bins, &grid)?;
    println!(
        "3. 2000 samples of N(1.3, 1), binned into {} bins; model N(μ, 1) on the bins",
        bins.count()
    );
    println!("   H(p̂) = {:.6} nats", scan.entropy);
    println!(
        "{:>6}  {:>14}  {:>14}  {:>14}",
        "μ", "(1/m) Σ log q", "H(p̂, q)", "KL(p̂ ‖ q)"
    );
    for point in &scan.points {
        println!(
            "{:>6.2}  {:>14.6}  {:>14.6}  {:>14.6}",
            point.mu, point.mean_log_likelihood, point.cross_entropy, point.kl_divergence
        );
    }
    println!(
        "   argmax likelihood: μ = {:.2};  argmin KL: μ = {:.2};  sample mean {:.4}",
        scan.argmax_likelihood().mu,
        scan.argmin_kl().mu,
        gaussian_mle(&samples)?.mu
    );
    Ok(())
}
