//! Running the examples as a user does, for the bad-command-line tests (`bad_input_cli.rs`,
//! `bad_input_cli_files.rs`): the examples are binaries, built by `cargo test` into
//! `target/<profile>/examples/`; so that `cargo test --test bad_input_cli` alone also tests
//! today's code (not a stale or missing binary), the first test to need them runs
//! `cargo build --examples` with the same profile and target folder (a no-op when they are
//! up to date). Each run is bounded by [`TIME_LIMIT`].

// Each test binary uses only some of it.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Longer than any bad command line needs (they end before any work), far shorter than a
/// training run on a loaded machine.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

pub const EXAMPLES: [&str; 9] = [
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
pub fn examples_folder() -> &'static Path {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let folder = build_examples(&["--examples"]);
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

/// Runs `cargo build <selection>` (`--examples`, or `--example NAME`) with this test's profile
/// and target folder, and returns `target/<profile>/examples/`.
pub fn build_examples(selection: &[&str]) -> PathBuf {
    // The test runs as target/<profile>/deps/<test>-<hash>.
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
        .arg("build")
        .args(selection)
        .args(["--profile", profile, "--target-dir"])
        .arg(target)
        .arg("--manifest-path")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .output()
        .expect("cargo runs");
    assert!(
        built.status.success(),
        "`cargo build {} --profile {profile}` failed; build the examples with \
         `cargo build --release --examples` or run the whole `cargo test --release`:\n{}",
        selection.join(" "),
        String::from_utf8_lossy(&built.stderr)
    );
    profile_folder.join("examples")
}

/// A scratch folder under `CARGO_TARGET_TMPDIR`, run from (so nothing lands in the repository).
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(env!("CARGO_CRATE_NAME"))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// What one run of an example printed and how it ended.
pub struct Run {
    pub command: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `example args…` in `dir`; fails if it is still running after [`TIME_LIMIT`].
pub fn run_in(dir: &Path, example: &str, args: &[&str]) -> Run {
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
pub fn run(example: &str, args: &[&str]) -> Run {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, Ordering::Relaxed);
    run_in(&scratch(&format!("run-{n}-{example}")), example, args)
}

impl Run {
    /// The lines of stderr that begin with `error:`.
    pub fn error_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .collect()
    }

    /// A rejected command line: a non-zero status, one `error:` line containing each of
    /// `named`, no `Debug` form, nothing done (stdout empty). Returns the error line.
    pub fn rejected(&self, named: &[&str]) -> String {
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
