//! Bad command lines that involve files (issue 17, item 14; the flags themselves are
//! `bad_input_cli.rs`): an output folder that cannot be made, MNIST files that are missing or
//! too small, conditional and stacked runs, and `generate` given a bad checkpoint, noise file
//! or class. Each must end at once with a non-zero exit status and one sentence naming the
//! file or flag, before any work.

#[path = "common/cli.rs"]
mod cli;

use cli::{run, run_in, scratch, EXAMPLES};
use std::path::{Path, PathBuf};

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
/// `stacked_mnist` must divide their batch of 64 (`gan_digits`' its 128), `--conditional` is a switch that takes no
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
    let line = run("gan_digits", &["--pack", "3"]).rejected(&["'3'", "'--pack <M>'"]);
    assert!(line.contains("must divide the batch size 128"), "{line}");
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
