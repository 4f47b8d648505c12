//! Every built-in objective: its losses against their closed forms at known scores, their
//! gradients against finite differences, their values at equilibrium, what the logged
//! statistics mean, and bit-identical training on one and two threads.

use adversarial::autograd::{gradcheck, Tape};
use adversarial::gan::{Gan, GanConfig, GanLoss, Objective, Score};
use adversarial::nn::Activation;
use adversarial::parallel::{Parallelism, ThreadChoice};
use ndarray::Array2;
use std::f64::consts::LN_2;

/// `ln(1 + eˣ)`.
fn softplus(x: f64) -> f64 {
    x.max(0.0) + (-x.abs()).exp().ln_1p()
}

fn mean(v: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    v.iter().map(|&x| f(x)).sum::<f64>() / v.len() as f64
}

const REAL: [f64; 3] = [1.5, -0.3, 2.2];
// Away from the hinge's kinks at ±1 (a finite difference across a kink is meaningless).
const FAKE: [f64; 3] = [-1.2, 0.4, -2.5];

/// `(L_D, L_G)` of `loss` from the closed forms in `src/gan/objective/`.
fn closed_form(loss: GanLoss) -> (f64, f64) {
    let (r, f) = (&REAL[..], &FAKE[..]);
    let bce_d = mean(r, |s| softplus(-s)) + mean(f, softplus); // −log σ(s_r) − log(1 − σ(s_f))
    match loss {
        GanLoss::Minimax => (bce_d, -mean(f, softplus)), // log(1 − σ(s)) = −softplus(s)
        GanLoss::NonSaturating => (bce_d, mean(f, |s| softplus(-s))), // −log σ(s)
        GanLoss::LeastSquares => (
            0.5 * mean(r, |s| (s - 1.0).powi(2)) + 0.5 * mean(f, |s| (s + 1.0).powi(2)),
            0.5 * mean(f, |s| s * s),
        ),
        GanLoss::Hinge => (
            mean(r, |s| (1.0 - s).max(0.0)) + mean(f, |s| (1.0 + s).max(0.0)),
            -mean(f, |s| s),
        ),
        GanLoss::Wgan | GanLoss::WganGp => (mean(f, |s| s) - mean(r, |s| s), -mean(f, |s| s)),
        GanLoss::MaximumLikelihood => (bce_d, -0.5 * mean(f, f64::exp)), // −½·E exp(σ⁻¹(D))
    }
}

fn column(v: [f64; 3]) -> Array2<f64> {
    Array2::from_shape_vec((3, 1), v.to_vec()).unwrap()
}

#[test]
fn losses_equal_their_closed_forms_and_gradients_their_finite_differences() {
    // Hand values for two of them: hinge L_D = (0 + 1.3 + 0)/3 + (0 + 1.4 + 0)/3 = 0.9,
    // WGAN L_D = mean(s_f) − mean(s_r) = −3.3/3 − 3.4/3 = −6.7/3.
    assert!((closed_form(GanLoss::Hinge).0 - 0.9).abs() < 1e-15);
    assert!((closed_form(GanLoss::Wgan).0 + 6.7 / 3.0).abs() < 1e-15);
    let (real, fake) = (column(REAL), column(FAKE));
    for loss in GanLoss::ALL {
        let tape = Tape::<f64>::new();
        let (r, f) = (tape.constant(&real), tape.constant(&fake));
        let (d, g) = closed_form(loss);
        let d_tape = loss.discriminator_loss(r, f).item();
        let g_tape = loss.generator_loss(f).item();
        assert!((d_tape - d).abs() < 1e-14, "{loss}: L_D {d_tape} vs {d}");
        assert!((g_tape - g).abs() < 1e-14, "{loss}: L_G {g_tape} vs {g}");
        let inputs = [real.clone(), fake.clone()];
        gradcheck(&inputs, |_, v| loss.discriminator_loss(v[0], v[1])).assert_below(1e-8);
        gradcheck(std::slice::from_ref(&fake), |_, v| {
            loss.generator_loss(v[0])
        })
        .assert_below(1e-8);
    }
}

#[test]
fn at_scores_zero_the_losses_are_the_equilibrium_values() {
    // s ≡ 0 is the optimal D when p_G = p_data for every objective here (D = ½ for the
    // sigmoid ones, (a + b)/2 = 0 for LSGAN, any constant for the critics).
    let tape = Tape::<f64>::new();
    let zero = tape.constant(&Array2::zeros((4, 1)));
    let expected = [
        (2.0 * LN_2, Some(-LN_2)),
        (2.0 * LN_2, Some(LN_2)),
        (1.0, Some(0.0)),
        (2.0, None),
        (0.0, None),
        (0.0, None),
        (2.0 * LN_2, Some(-0.5)),
    ];
    for (loss, (d, g)) in GanLoss::ALL.into_iter().zip(expected) {
        let e = loss.equilibrium();
        assert_eq!(e.discriminator_loss, Some(d), "{loss}");
        assert_eq!(e.generator_loss, g, "{loss}");
        assert_eq!(loss.discriminator_loss(zero, zero).item(), d, "{loss}");
        if let Some(g) = g {
            assert_eq!(loss.generator_loss(zero).item(), g, "{loss}");
        }
    }
}

#[test]
fn only_the_sigmoid_objectives_score_probabilities_and_only_wgan_clips() {
    for loss in GanLoss::ALL {
        let sigmoid = matches!(
            loss,
            GanLoss::Minimax | GanLoss::NonSaturating | GanLoss::MaximumLikelihood
        );
        let score = Objective::<f32>::score(&loss);
        assert_eq!(score == Score::Logit, sigmoid, "{loss}");
        let clip = Objective::<f32>::weight_clip(&loss);
        assert_eq!(clip, (loss == GanLoss::Wgan).then_some(0.01), "{loss}");
        let lambda = Objective::<f32>::gradient_penalty(&loss);
        assert_eq!(lambda, (loss == GanLoss::WganGp).then_some(10.0), "{loss}");
    }
}

#[test]
fn the_maximum_likelihood_cost_has_the_closed_form_gradient_minus_half_d_over_one_minus_d() {
    // ℓ(s) = −½·exp(s) per fake, so ∂L_G/∂s_i = −½·exp(s_i)/B = −½·(D/(1 − D))/B with
    // D = σ(s_i): the ratio of the non-saturating and minimax slopes −(1 − D), −D, halved.
    let fake = column(FAKE);
    let tape = Tape::<f64>::new();
    let s = tape.variable(&fake);
    let grads = tape.backward(GanLoss::MaximumLikelihood.generator_loss(s));
    let g = grads.wrt(s).unwrap();
    for (i, &si) in FAKE.iter().enumerate() {
        let d = 1.0 / (1.0 + (-si).exp());
        let closed = -0.5 * si.exp() / 3.0;
        assert!(
            (g[[i, 0]] - closed).abs() < 1e-15,
            "{} vs {closed}",
            g[[i, 0]]
        );
        assert!((g[[i, 0]] + 0.5 * d / (1.0 - d) / 3.0).abs() < 1e-15);
        // Central difference of ℓ̄(s) = −½·mean(exp s) in s_i, h = 10⁻⁵ (error O(h²)).
        let h = 1e-5;
        let at = |delta: f64| {
            let mut v = FAKE;
            v[i] += delta;
            -0.5 * mean(&v, f64::exp)
        };
        let difference = (at(h) - at(-h)) / (2.0 * h);
        assert!(
            (difference - closed).abs() < 1e-10,
            "{difference} vs {closed}"
        );
    }
}

fn ring_data() -> Array2<f32> {
    adversarial::datasets::ring()
        .sample(512, 1)
        .mapv(|x| x as f32)
}

fn small_2d(loss: GanLoss) -> GanConfig {
    GanConfig {
        noise_size: 4,
        generator_hidden: vec![16, 16],
        discriminator_hidden: vec![16, 16],
        generator_activation: Activation::Relu,
        discriminator_activation: Activation::LeakyRelu(0.2),
        batch_size: 32,
        steps: 20,
        seed: 3,
        ..GanConfig::default().with_loss(loss)
    }
}

#[test]
fn wgan_keeps_every_critic_weight_within_the_clip_and_logs_raw_scores() {
    let data = ring_data();
    let mut gan = Gan::<f32>::new(small_2d(GanLoss::Wgan), 2).unwrap();
    let stats = gan.step(&data).unwrap();
    for id in gan.discriminator().params() {
        assert!(gan.params().get(id).iter().all(|w| w.abs() <= 0.01));
    }
    // A critic's score is not a probability; the logged means are raw scores, and the
    // score gap is −L_D (no penalty), averaged over the k = 5 updates alike.
    assert!((stats.score_gap() + stats.d_loss).abs() < 1e-6, "{stats:?}");
}

#[test]
fn every_objective_trains_bit_identically_on_one_and_two_threads() {
    let data = ring_data();
    for loss in GanLoss::ALL {
        let run = |threads, choice| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                let mut gan = Gan::<f32>::new(small_2d(loss), 2).unwrap();
                gan.set_thread_choice(choice);
                let history = gan.train(&data, |_| {}).unwrap();
                let bits: Vec<u32> = gan.sample(64, 9).iter().map(|x| x.to_bits()).collect();
                (bits, history.to_csv())
            })
        };
        let one = run(1, ThreadChoice::new());
        // Every step split, and split or serial as the default choice measures.
        assert_eq!(
            one,
            run(2, ThreadChoice::always(Parallelism::Split)),
            "{loss}"
        );
        assert_eq!(one, run(2, ThreadChoice::new()), "{loss}");
    }
}
