//! Every picture the notebooks (`notebooks-md/*.md`) and the README show is a committed file,
//! and the one figures command (`cargo run --release --example figures`) draws it — except the
//! few that another command makes, listed in [`MADE_ELSEWHERE`] with that command. The cheap
//! pictures (closed forms, quadratures, diagrams, the 1-D GAN's few seconds of training) are
//! drawn again into `CARGO_TARGET_TMPDIR` and compared with the committed ones: the same
//! pixels where nothing random is involved, the same size where a GAN is trained (a trained
//! network's last bits may differ from one CPU to another).
//!
//! Like `tests/bad_input_cli.rs`, the test builds the `figures` example first with its own
//! profile and target folder (a no-op when it is up to date), so that it runs today's code.

#[path = "common/cli.rs"]
mod cli;
mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Pictures another command makes, each with that command: a screenshot is not redrawn by
/// the figures command.
const MADE_ELSEWHERE: [(&str, &str); 1] = [(
    "docs/figures/lab.png",
    "the lab's browser test, `cargo test --release -p adversarial-lab --test browser`, \
     writes the screenshot to out/lab.png (lab/tests/browser.rs), copied here by hand",
)];

/// The groups of pictures drawn again here (substrings of their paths, as `--only` takes
/// them), and whether a GAN is trained for them (then only the size is compared).
const REDRAWN: [(&str, bool); 8] = [
    ("notebooks-md/figures/00_", false),
    ("notebooks-md/figures/01_pipeline", false),
    ("notebooks-md/figures/01_training", false),
    ("notebooks-md/figures/01_loss_curves", true),
    ("notebooks-md/figures/02_", false),
    ("notebooks-md/figures/03_", false),
    ("notebooks-md/figures/04_", false),
    ("notebooks-md/figures/05", false),
];

/// The repository's root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `target/<profile>/examples/figures`, built from the current sources.
fn figures_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| cli::build_examples(&["--example", "figures"]).join("figures"))
}

/// Runs the figures command with `args`; its standard output, or a failure with its stderr.
fn figures(args: &[&str]) -> String {
    let output = Command::new(figures_binary())
        .args(args)
        .current_dir(root())
        .output()
        .expect("the figures command starts");
    assert!(
        output.status.success(),
        "`figures {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The paths `figures --list` prints.
fn listed() -> BTreeSet<String> {
    figures(&["--list"]).lines().map(str::to_owned).collect()
}

/// The targets of the Markdown images `![alt](target)` in `text`, in order.
fn image_targets(text: &str) -> Vec<&str> {
    let mut targets = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("![") {
        rest = &rest[start + 2..];
        let Some(close) = rest.find("](") else { break };
        let after = &rest[close + 2..];
        let Some(end) = after.find(')') else { break };
        targets.push(&after[..end]);
        rest = &after[end..];
    }
    targets
}

/// `path` with `.` and `..` resolved, as a path from the repository's root with `/`.
fn normalised(folder: &Path, target: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in folder.join(target).components() {
        match part {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(name) => parts.push(name.to_string_lossy().into()),
            _ => {}
        }
    }
    parts.join("/")
}

/// Every (document, image path from the root) the notebooks and the README reference.
fn referenced_images() -> Vec<(String, String)> {
    let mut documents = vec![PathBuf::from("README.md")];
    let mut notebooks: Vec<PathBuf> = std::fs::read_dir(root().join("notebooks-md"))
        .expect("notebooks-md/")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| Path::new("notebooks-md").join(path.file_name().expect("a file name")))
        .collect();
    notebooks.sort();
    documents.extend(notebooks);
    let mut images = Vec::new();
    for document in documents {
        let text = std::fs::read_to_string(root().join(&document)).expect("a readable document");
        let folder = document.parent().unwrap_or(Path::new(""));
        for target in image_targets(&text) {
            assert!(
                !target.contains("://"),
                "{}: the image {target} is on the network; nothing may need it at run time",
                document.display()
            );
            images.push((document.display().to_string(), normalised(folder, target)));
        }
    }
    images
}

#[test]
fn markdown_images_are_found_with_their_relative_paths() {
    let text = "a ![one](figures/a.png) b ![two, [x]](../docs/figures/b.png) c ![no close](x";
    assert_eq!(
        image_targets(text),
        ["figures/a.png", "../docs/figures/b.png"]
    );
    let folder = Path::new("notebooks-md");
    assert_eq!(
        normalised(folder, "../docs/figures/b.png"),
        "docs/figures/b.png"
    );
    assert_eq!(
        normalised(folder, "figures/a.png"),
        "notebooks-md/figures/a.png"
    );
}

#[test]
fn every_picture_a_notebook_or_the_readme_shows_exists_and_has_a_command_that_draws_it() {
    let listed = listed();
    let images = referenced_images();
    for (document, image) in &images {
        assert!(
            root().join(image).is_file(),
            "{document} shows {image}, which is not in the repository"
        );
        let elsewhere = MADE_ELSEWHERE.iter().any(|(path, _)| path == image);
        assert!(
            listed.contains(image) || elsewhere,
            "{document} shows {image}, which `cargo run --release --example figures -- --list` \
             does not draw (add it to a module of examples/figures/, or to MADE_ELSEWHERE with \
             the command that makes it)"
        );
    }
    // Every notebook shows a picture, and every picture the command draws is committed.
    for notebook in std::fs::read_dir(root().join("notebooks-md")).expect("notebooks-md/") {
        let name = notebook.expect("an entry").file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".md") {
            let document = format!("notebooks-md/{name}");
            assert!(
                images.iter().any(|(d, _)| *d == document),
                "{document} shows no picture"
            );
        }
    }
    for path in &listed {
        assert!(
            root().join(path).is_file(),
            "the figures command draws {path}, which is not committed: run it and commit the picture"
        );
    }
    for (path, _) in MADE_ELSEWHERE {
        assert!(
            images.iter().any(|(_, image)| image == path),
            "{path} is listed as made elsewhere but no document shows it"
        );
    }
}

/// Width, height and RGB(A) bytes of the PNG file `path`.
fn decoded(path: &Path) -> (u32, u32, Vec<u8>) {
    let (width, height, _, pixels) = common::decode_png(path);
    (width, height, pixels)
}

#[test]
fn the_figures_command_draws_the_cheap_pictures_again_as_they_are_committed() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::remove_dir_all(&scratch);
    let listed = listed();
    for (group, trained) in REDRAWN {
        let members: Vec<&String> = listed.iter().filter(|p| p.contains(group)).collect();
        assert!(!members.is_empty(), "no picture's path contains {group}");
        let root_flag = scratch.to_str().expect("a UTF-8 scratch path");
        let printed = figures(&["--only", group, "--root", root_flag]);
        for path in members {
            let (drawn, committed) = (scratch.join(path), root().join(path));
            assert!(
                printed.contains(&drawn.display().to_string()),
                "`figures --only {group}` did not say it wrote {}",
                drawn.display()
            );
            let (width, height, pixels) = decoded(&drawn);
            let (committed_width, committed_height, committed_pixels) = decoded(&committed);
            let redraw = format!(
                "redraw it with `cargo run --release --example figures -- --only {path}` and commit it"
            );
            assert_eq!(
                (width, height),
                (committed_width, committed_height),
                "{path}: the committed picture has another size; {redraw}"
            );
            if !trained {
                assert!(
                    pixels == committed_pixels,
                    "{path}: the committed picture is not what the command draws now; {redraw}"
                );
            }
        }
    }
}
