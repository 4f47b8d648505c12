//! Bad command lines for every example (issue 17, item 14): each must end at once with a
//! non-zero exit status and exactly one line of error text that names the flag (clap's own
//! message, or ours for what goes wrong after parsing), never Rust's `Debug` form
//! (`Error: InvalidConfig {…}`, `Os { code: 2, … }`, a literal `\n`); `--help` prints the
//! usage and exits with 0. No bad command line may start training: a run that lasts longer
//! than `cli::TIME_LIMIT` fails the test (today's `gan_2d --steps 0` silently trained 16,000
//! steps).
//!
//! What a bad command line does to files, data and checkpoints is `bad_input_cli_files.rs`;
//! both run the examples through `common/cli.rs`.

#[path = "common/cli.rs"]
mod cli;

use cli::{run, run_in, scratch, EXAMPLES};
#[test]
fn help_prints_the_usage_and_exits_with_zero() {
    for example in EXAMPLES {
        for flag in ["--help", "-h"] {
            let r = run(example, &[flag]);
            assert_eq!(r.code, Some(0), "`{example} {flag}`: {}", r.stderr);
            assert!(
                r.stdout.contains(&format!("Usage: {example}")),
                "`{example} {flag}` printed no usage:\n{}",
                r.stdout
            );
            assert!(r.stderr.is_empty(), "`{example} {flag}`: {}", r.stderr);
        }
    }
}

#[test]
fn unknown_flags_and_extra_arguments_are_rejected() {
    for example in EXAMPLES {
        run(example, &["--bogus"]).rejected(&["'--bogus'"]);
        run(example, &["extra"]).rejected(&["'extra'"]);
    }
    // A flag the example does not have, and a value after a complete command line.
    run("autograd", &["--seed", "1"]).rejected(&["'--seed'"]);
    run("mle", &["--seed", "1", "extra"]).rejected(&["'extra'"]);
    run("divergences", &["--out", "a", "extra"]).rejected(&["'extra'"]);
    run("gan_1d", &["--steps", "5", "extra"]).rejected(&["'extra'"]);
    run("gan_mnist", &["--data", "nowhere", "extra"]).rejected(&["'extra'"]);
    run("mle", &["--seed", "1", "--seed", "2"]).rejected(&["'--seed <SEED>'", "multiple"]);
}

#[test]
fn a_missing_value_is_reported_as_missing() {
    for (example, flag) in [
        ("mle", "--seed"),
        ("divergences", "--out"),
        ("optimal_discriminator", "--out"),
        ("gan_1d", "--steps"),
        ("gan_2d", "--steps"),
        ("gan_digits", "--loss"),
        ("gan_mnist", "--data"),
        ("generate", "--checkpoint"),
        ("generate", "--noise"),
    ] {
        run(example, &[flag]).rejected(&["a value is required", flag]);
    }
}

#[test]
fn bad_numbers_name_their_flag() {
    let cases: [(&str, &[&str], &str); 15] = [
        ("mle", &["--seed", "abc"], "'--seed <SEED>'"),
        ("mle", &["--seed", "-1"], "'--seed <SEED>'"),
        (
            "mle",
            &["--seed", "99999999999999999999999"],
            "'--seed <SEED>'",
        ),
        ("gan_1d", &["--steps", "abc"], "'--steps <N>'"),
        ("gan_1d", &["--steps", "-1"], "'--steps <N>'"),
        ("gan_1d", &["--seed", "1.5"], "'--seed <SEED>'"),
        ("gan_1d", &["--d-head-start", "abc"], "'--d-head-start <N>'"),
        ("gan_2d", &["--seeds", "abc"], "'--seeds <N>'"),
        ("gan_2d", &["--pack", "abc"], "'--pack <M>'"),
        ("gan_digits", &["--seed", "-1"], "'--seed <SEED>'"),
        (
            "gan_mnist",
            &["--steps", "abc", "--data", "x"],
            "'--steps <N>'",
        ),
        (
            "gan_mnist",
            &["--grid-every", "x", "--data", "x"],
            "'--grid-every <N>'",
        ),
        ("generate", &["--n", "0"], "'--n <N>'"),
        ("generate", &["--seed", "-1"], "'--seed <SEED>'"),
        ("generate", &["--class", "one"], "'--class <K>'"),
    ];
    for (example, args, flag) in cases {
        run(example, args).rejected(&["invalid value", flag]);
    }
}

#[test]
fn choices_list_the_valid_values() {
    for example in ["gan_1d", "gan_2d", "gan_digits", "gan_mnist"] {
        let r = run(example, &["--loss", "wasserstein"]);
        r.rejected(&["'wasserstein'", "'--loss <LOSS>'"]);
        assert!(r.stderr.contains(
            "[possible values: minimax, non-saturating, least-squares, hinge, wgan, wgan-gp, maximum-likelihood]"
        ));
    }
    let r = run("gan_1d", &["--data", "uniform"]);
    r.rejected(&["'--data <DATA>'"]);
    assert!(r.stderr.contains("[possible values: gaussian, mixture]"));
    let r = run("gan_1d", &["--prior", "cauchy"]);
    r.rejected(&["'--prior <PRIOR>'"]);
    assert!(r.stderr.contains("[possible values: normal, uniform]"));
    let r = run("gan_2d", &["--dataset", "spiral"]);
    r.rejected(&["'--dataset <DATASET>'"]);
    assert!(r.stderr.contains("[possible values: ring, grid]"));
}

/// `--steps 0` trained nothing, wrote the CSVs, then failed on the empty loss plot with
/// `Error: Empty { … }` (and `gan_2d --steps 0` silently ran its default 16,000 steps):
/// it is now a bad value, rejected before anything is written.
#[test]
fn zero_steps_are_rejected_before_anything_is_written() {
    for example in ["gan_1d", "gan_2d", "gan_digits", "gan_mnist"] {
        let dir = scratch(&format!("zero-steps-{example}"));
        let out = dir.join("out");
        let out_text = out.to_str().unwrap();
        let mut args = vec!["--steps", "0", "--out", out_text];
        if example == "gan_mnist" {
            args.extend(["--data", "nowhere"]);
        }
        let r = run_in(&dir, example, &args);
        let line = r.rejected(&["'0'", "'--steps <N>'"]);
        assert!(line.contains("must be at least 1"), "{line}");
        assert!(!out.exists(), "`{}` created {}", r.command, out.display());
    }
}

/// `gan_2d --seeds 0` printed "mean ± standard error over 0 seeds: modes NaN ± NaN …" and
/// exited with 0; `--pack 0` and a pack that does not divide the batch reached `GanConfig`
/// and came back as `Error: InvalidConfig { field: "packing", … }`.
#[test]
fn gan_2d_rejects_zero_seeds_and_packs_that_do_not_divide_the_batch() {
    let line = run("gan_2d", &["--seeds", "0"]).rejected(&["'0'", "'--seeds <N>'"]);
    assert!(line.contains("must be at least 1"), "{line}");
    let line = run("gan_2d", &["--pack", "0"]).rejected(&["'0'", "'--pack <M>'"]);
    assert!(line.contains("must be at least 1"), "{line}");
    let line = run("gan_2d", &["--pack", "3"]).rejected(&["'3'", "'--pack <M>'"]);
    assert!(line.contains("must divide the batch size 256"), "{line}");
    // --seed picks one run, --seeds a sweep over 0 … N−1: both at once is a contradiction.
    run("gan_2d", &["--seed", "3", "--seeds", "2"]).rejected(&["'--seed <SEED>'", "'--seeds <N>'"]);
}

/// G's moving-average rate β of `--average` must lie in [0, 1): β = 1 would never move from
/// the start. Every example with the flag says so before any work.
#[test]
fn the_average_rate_must_lie_in_zero_to_one() {
    for example in ["gan_2d", "gan_mnist", "gan_digits"] {
        for beta in ["1", "-0.5", "abc"] {
            let mut args = vec!["--average", beta];
            if example == "gan_mnist" {
                args.extend(["--data", "nowhere"]);
            }
            let line = run(example, &args).rejected(&["'--average <BETA>'"]);
            assert!(line.contains("below 1"), "{line}");
        }
    }
}

/// `gan_digits --categories K` needs K ≥ 2 pieces and a finite scale S > 0, and a scale
/// without `--categories` is a contradiction: each a sentence before any work.
#[test]
fn gan_digits_rejects_bad_latent_pieces() {
    for k in ["1", "0", "ten"] {
        let line = run("gan_digits", &["--categories", k]).rejected(&["'--categories <K>'"]);
        assert!(line.contains("at least 2"), "{line}");
    }
    for scale in ["0", "-1", "inf", "NaN"] {
        let args = ["--categories", "10", "--category-scale", scale];
        let line = run("gan_digits", &args).rejected(&["'--category-scale <S>'"]);
        assert!(line.contains("above 0"), "{line}");
    }
    let r = run("gan_digits", &["--category-scale", "3"]);
    r.rejected(&["required"]);
    assert!(r.stderr.contains("--categories <K>"), "{}", r.stderr);
}
