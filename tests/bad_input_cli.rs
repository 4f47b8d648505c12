//! Bad command lines for every example (issue 17, item 14): each must end at once with a
//! non-zero exit status and exactly one line of error text that names the flag (clap's own
//! message, or ours for what goes wrong after parsing), never Rust's `Debug` form
//! (`Error: InvalidConfig {…}`, `Os { code: 2, … }`, a literal `\n`); `--help` prints the
//! usage and exits with 0. No bad command line may start training: a run that lasts longer
//! than [`TIME_LIMIT`] fails the test (today's `gan_2d --steps 0` silently trained 16,000
//! steps).
//!
//! The examples are binaries, built by `cargo test` into `target/<profile>/examples/`; so
//! that `cargo test --test bad_input_cli` alone also tests today's code (not a stale or
//! missing binary), the first test to need them runs `cargo build --examples` with the same
//! profile and target folder (a no-op when they are up to date).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Longer than any bad command line needs (they end before any work), far shorter than a
/// training run on a loaded machine.
const TIME_LIMIT: Duration = Duration::from_secs(60);

const EXAMPLES: [&str; 9] = [
    "autograd",
    "mle",
    "divergences",
    "optimal_discriminator",
    "gan_1d",
    "gan_2d",
    "gan_digits",
    "gan_mnist",
    "generate",
];

/// `target/<profile>/examples/`, with every example built from the current sources.
fn examples_folder() -> &'static Path {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        // This test runs as target/<profile>/deps/bad_input_cli-<hash>.
        let exe = std::env::current_exe().expect("the test binary's path");
        let profile_folder = exe
            .parent()
            .and_then(Path::parent)
            .expect("target/<profile>/deps/<test>");
        let target = profile_folder.parent().expect("target/<profile>");
        let profile = profile_folder
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a profile folder name");
        let profile = if profile == "debug" { "dev" } else { profile };
        let built = Command::new(option_env!("CARGO").unwrap_or("cargo"))
            .args(["build", "--examples", "--profile", profile, "--target-dir"])
            .arg(target)
            .arg("--manifest-path")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .output()
            .expect("cargo runs");
        assert!(
            built.status.success(),
            "`cargo build --examples --profile {profile}` failed; build the examples with \
             `cargo build --release --examples` or run the whole `cargo test --release`:\n{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let folder = profile_folder.join("examples");
        for name in EXAMPLES {
            assert!(
                folder.join(name).exists() || folder.join(format!("{name}.exe")).exists(),
                "example binary {name} missing in {} after cargo build --examples",
                folder.display()
            );
        }
        folder
    })
}

/// A scratch folder under `CARGO_TARGET_TMPDIR`, run from (so nothing lands in the repository).
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bad_input_cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// What one run of an example printed and how it ended.
struct Run {
    command: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `example args…` in `dir`; fails if it is still running after [`TIME_LIMIT`].
fn run_in(dir: &Path, example: &str, args: &[&str]) -> Run {
    let command = format!("{example} {}", args.join(" "));
    let mut child = Command::new(examples_folder().join(example))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command}: {e}"));
    // Read both pipes while the child runs, so that a full pipe never blocks it.
    let stdout = read_all(child.stdout.take().expect("piped stdout"));
    let stderr = read_all(child.stderr.take().expect("piped stderr"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the example") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`{command}` was still running after {TIME_LIMIT:?}: it started work instead of rejecting its command line");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        command,
        code: status.code(),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

/// All of `pipe`, as text, read on a thread of its own.
fn read_all(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    })
}

/// Runs `example args…` in a scratch folder of its own.
fn run(example: &str, args: &[&str]) -> Run {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, Ordering::Relaxed);
    run_in(&scratch(&format!("run-{n}-{example}")), example, args)
}

impl Run {
    /// The lines of stderr that begin with `error:`.
    fn error_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .collect()
    }

    /// A rejected command line: a non-zero status, one `error:` line containing each of
    /// `named`, no `Debug` form, nothing done (stdout empty). Returns the error line.
    fn rejected(&self, named: &[&str]) -> String {
        let c = &self.command;
        assert!(
            matches!(self.code, Some(code) if code != 0),
            "`{c}` exited with {:?}, expected a non-zero status\nstdout: {}\nstderr: {}",
            self.code,
            self.stdout,
            self.stderr
        );
        let lines = self.error_lines();
        assert_eq!(
            lines.len(),
            1,
            "`{c}`: expected exactly one `error:` line, stderr was:\n{}",
            self.stderr
        );
        let line = lines[0];
        for word in named {
            assert!(line.contains(word), "`{c}`: `{line}` does not name {word}");
        }
        for debug in ["{", "Os {", "\\n", "Error: "] {
            assert!(
                !self.stderr.contains(debug),
                "`{c}`: Rust Debug form ({debug:?}) in stderr:\n{}",
                self.stderr
            );
        }
        assert!(
            self.stdout.is_empty(),
            "`{c}` printed results though its command line is bad:\n{}",
            self.stdout
        );
        line.to_owned()
    }
}

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
    for example in ["gan_2d", "gan_mnist"] {
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

/// An output folder that cannot be created was `Error: Os { code: 20, kind: NotADirectory, … }`
/// (no path) after training, or a `CreateFolder { … }` Debug form: now one sentence naming
/// the folder, exit status 1, before any work.
#[test]
fn an_unusable_output_folder_is_named_before_any_work() {
    let dir = scratch("unusable-out");
    let file = dir.join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let data = tiny_mnist(&dir.join("mnist"), 28);
    let out = file.join("out");
    let out = out.to_str().unwrap();
    for example in &EXAMPLES[2..8] {
        let mut args = vec!["--out", out];
        if *example == "gan_mnist" {
            args.extend(["--data", data.to_str().unwrap()]);
        }
        let r = run_in(&dir, example, &args);
        assert_eq!(r.code, Some(1), "`{}`: {}", r.command, r.stderr);
        let line = r.error_lines().join("\n");
        assert_eq!(
            line,
            format!("error: cannot create the output folder {out}: Not a directory (os error 20)"),
            "`{}`",
            r.command
        );
        assert_eq!(r.stderr.lines().count(), 1, "`{}`: {}", r.command, r.stderr);
        assert!(
            !r.stdout.contains("trained"),
            "`{}` trained first",
            r.command
        );
    }
}

/// Without `--data`, or with a folder that lacks the files, gan_mnist says so in one `error:`
/// line (naming the flag or the folder) and then where to get MNIST; status 2.
#[test]
fn gan_mnist_names_the_missing_data() {
    // Without --data it trains on the shipped digits; a folder of 2 × 2 images is not MNIST.
    let dir = scratch("mnist-missing");
    let small = tiny_mnist(&dir.join("small"), 2);
    let r = run_in(&dir, "gan_mnist", &["--data", small.to_str().unwrap()]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.error_lines().len(), 1, "{}", r.stderr);
    assert!(
        r.error_lines()[0].contains("2×2") || r.error_lines()[0].contains("2 × 2"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("train-images-idx3-ubyte.gz"));

    let missing = dir.join("no-such-folder");
    let r = run_in(&dir, "gan_mnist", &["--data", missing.to_str().unwrap()]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.error_lines().len(), 1, "{}", r.stderr);
    assert!(
        r.error_lines()[0].contains(missing.to_str().unwrap()),
        "the error does not name {}: {}",
        missing.display(),
        r.stderr
    );
    assert!(!r.stderr.contains("Os {") && !r.stderr.contains("Error: "));
}

/// Two `side × side` images and their labels as IDX files in `dir` (enough to load; nothing
/// trains).
fn tiny_mnist(dir: &Path, side: u32) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let header = |magic: u32, sizes: &[u32]| -> Vec<u8> {
        let mut bytes = magic.to_be_bytes().to_vec();
        sizes.iter().for_each(|s| bytes.extend(s.to_be_bytes()));
        bytes
    };
    let mut images = header(0x803, &[2, side, side]);
    images.extend(vec![128u8; 2 * (side * side) as usize]);
    let mut labels = header(0x801, &[2]);
    labels.extend([3u8, 7]);
    std::fs::write(dir.join("train-images-idx3-ubyte"), images).unwrap();
    std::fs::write(dir.join("train-labels-idx1-ubyte"), labels).unwrap();
    dir.to_owned()
}

/// The flags of the conditional and stacked runs (issue 13): `--pack` of `gan_mnist` and
/// `stacked_mnist` must divide their batch of 64, `--conditional` is a switch that takes no
/// value, and `stacked_mnist` answers `--help` and refuses zero steps or samples before any
/// work (an unusable `--out` is named before the classifier trains).
#[test]
fn conditional_and_stacked_flags_are_checked_before_any_work() {
    for example in ["gan_mnist", "stacked_mnist"] {
        let line = run(example, &["--pack", "0"]).rejected(&["'0'", "'--pack <M>'"]);
        assert!(line.contains("must be at least 1"), "{line}");
        let line = run(example, &["--pack", "3"]).rejected(&["'3'", "'--pack <M>'"]);
        assert!(line.contains("must divide the batch size 64"), "{line}");
    }
    run("gan_mnist", &["--conditional", "yes"]).rejected(&["'yes'"]);
    run("gan_digits", &["--conditional=1"]).rejected(&["'--conditional'"]);
    let r = run("stacked_mnist", &["--help"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("Usage: stacked_mnist"), "{}", r.stdout);
    run("stacked_mnist", &["--steps", "0"]).rejected(&["'0'", "'--steps <N>'"]);
    run("stacked_mnist", &["--samples", "0"]).rejected(&["'0'", "'--samples <N>'"]);
    let dir = scratch("stacked-unusable-out");
    let file = dir.join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let out = file.join("out");
    let r = run_in(&dir, "stacked_mnist", &["--out", out.to_str().unwrap()]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(
        r.error_lines(),
        [format!(
            "error: cannot create the output folder {}: Not a directory (os error 20)",
            out.display()
        )]
    );
}

/// `generate` needs a checkpoint, noise rows (read or drawn, not both) and a class exactly when
/// its generator is conditional; each mistake is one sentence naming the flag or the file, and
/// nothing is written.
#[test]
fn generate_names_a_bad_checkpoint_noise_file_or_class() {
    use adversarial::gan::{save_checkpoint, Gan, GanConfig, Sampling};
    use adversarial::nn::{Mlp, MlpSpec, ParamStore};
    use ndarray_rand::rand::{rngs::StdRng, SeedableRng};

    let dir = scratch("generate");
    let plain = dir.join("plain.safetensors");
    let config = GanConfig {
        noise_size: 2,
        ..GanConfig::default()
    };
    Gan::<f32>::new(config, 1)
        .unwrap()
        .save_checkpoint(&plain)
        .unwrap();
    let conditional = dir.join("conditional.safetensors");
    let mut store = ParamStore::<f32>::new();
    let mut rng = StdRng::seed_from_u64(0);
    let g = Mlp::builder(&[5, 4, 1]).build(&mut store, "g", &mut rng);
    let d = Mlp::builder(&[1, 4, 1]).build(&mut store, "d", &mut rng);
    let g_spec = MlpSpec {
        classes: Some(3),
        ..MlpSpec::of(&g)
    };
    let d_spec = MlpSpec::of(&d);
    save_checkpoint(
        &conditional,
        &store,
        (&g, &g_spec),
        (&d, &d_spec),
        Sampling::default(),
    )
    .unwrap();
    let not_safetensors = dir.join("not.safetensors");
    std::fs::write(&not_safetensors, "hello").unwrap();
    let store_only = dir.join("store.safetensors");
    store.save(&store_only).unwrap();
    let noise = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let three_columns = noise("three.csv", "z0,z1\n0.5,1\n1,2,3\n");
    let not_a_number = noise("abc.csv", "0.5,abc\n");
    let nan = noise("nan.csv", "0.5,NaN\n");
    let header_only = noise("header.csv", "z0,z1\n");
    let (three_columns, not_a_number) = (three_columns.as_str(), not_a_number.as_str());
    let (nan, header_only) = (nan.as_str(), header_only.as_str());
    let (plain, conditional) = (plain.to_str().unwrap(), conditional.to_str().unwrap());
    let out = dir.join("x.csv");
    let x = out.to_str().unwrap();
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (
            vec!["--checkpoint", plain, "--out", x],
            vec!["required arguments"],
        ),
        (
            vec![
                "--checkpoint",
                plain,
                "--n",
                "3",
                "--noise",
                nan,
                "--out",
                x,
            ],
            vec!["'--noise <Z.csv>'", "'--n <N>'"],
        ),
        (
            vec![
                "--checkpoint",
                plain,
                "--seed",
                "3",
                "--noise",
                nan,
                "--out",
                x,
            ],
            vec!["'--seed <SEED>'", "'--noise <Z.csv>'"],
        ),
        (
            vec![
                "--checkpoint",
                "nowhere.safetensors",
                "--n",
                "3",
                "--out",
                x,
            ],
            vec!["nowhere.safetensors", "No such file"],
        ),
        (
            vec![
                "--checkpoint",
                not_safetensors.to_str().unwrap(),
                "--n",
                "3",
                "--out",
                x,
            ],
            vec!["not.safetensors", "not a valid safetensors file"],
        ),
        (
            vec![
                "--checkpoint",
                store_only.to_str().unwrap(),
                "--n",
                "3",
                "--out",
                x,
            ],
            vec!["store.safetensors", "`adversarial.generator`: missing"],
        ),
        (
            vec![
                "--checkpoint",
                plain,
                "--n",
                "3",
                "--class",
                "1",
                "--out",
                x,
            ],
            vec!["--class", "not conditional"],
        ),
        (
            vec!["--checkpoint", conditional, "--n", "3", "--out", x],
            vec!["--class", "conditional on 3 classes"],
        ),
        (
            vec![
                "--checkpoint",
                conditional,
                "--n",
                "3",
                "--class",
                "3",
                "--out",
                x,
            ],
            vec!["--class", "class 3 is out of range", "0 to 2"],
        ),
        (
            vec!["--checkpoint", plain, "--noise", three_columns, "--out", x],
            vec!["three.csv line 3", "3 values", "2 noise values"],
        ),
        (
            vec!["--checkpoint", plain, "--noise", not_a_number, "--out", x],
            vec!["abc.csv line 1", "`abc` is not a finite number"],
        ),
        (
            vec!["--checkpoint", plain, "--noise", nan, "--out", x],
            vec!["nan.csv line 1", "`NaN` is not a finite number"],
        ),
        (
            vec!["--checkpoint", plain, "--noise", header_only, "--out", x],
            vec!["header.csv", "no noise rows"],
        ),
        (
            vec!["--checkpoint", plain, "--noise", "missing.csv", "--out", x],
            vec!["cannot read missing.csv"],
        ),
    ];
    for (args, named) in cases {
        run_in(&dir, "generate", &args).rejected(&named);
        assert!(!out.exists(), "generate {} wrote {x}", args.join(" "));
    }
}
