//! Bad checkpoints: names a file cannot hold, every one-byte change and truncation of a small
//! file, random damage to a real one, a save killed midway, saving through a symbolic link or
//! over a read-only file, and a changed data byte, which only the stored digest can reveal.
//!
//! Tally (issue 17, class "checkpoints"; `cargo test --release --test bad_input_checkpoints`):
//! 2,804 inputs tried — 5 bad and 5 good names added; 5 hand-made files with bad names or
//! orders; 2,480 one-byte changes (each byte XOR-ed with 1, 2, …, 128 and 0xff) and
//! truncations of a 248-byte checkpoint; 300 seeded random damages (1–3 bytes) of a 138 kB
//! STEP-2D-sized one; 3 digest cases; a save killed by SIGKILL (plus a live, a young and
//! another target's temporary); a save through a link and over a read-only file.
//! Before the fixes (the checkpoint was then 216 bytes: 2,160 changes): 1 panic (a name twice
//! in the order, in `ParamStore::add`), 0 hangs, 0 NaNs, and silent corruptions: 4 bad names
//! accepted (`""`, `"a\nb"`, `"tab\there"`, `__metadata__`), 3 bad files loaded as another
//! store (a tensor left out of the order dropped, a control character, `""` as an empty
//! store), 334 of 2,160 one-byte changes and 293 of 300 random damages loaded as different
//! values, the flipped data bit loaded, the killed save's 16 MB temporary left for ever, the
//! link replaced by a file, the read-only file replaced. After: 0 panics, 0 hangs, 0 silent
//! corruptions (2,361 of 2,480 changes and all 300 damages are typed errors; the other 119
//! changes load the original exactly: 115 alter the digest's key name, so the check is
//! skipped with the data intact, and 4 the case of a hexadecimal digit of the digest).

use adversarial::nn::{Activation, CheckpointError, Mlp, ParamNameError, ParamStore};
use ndarray::{array, Array2};
use ndarray_rand::rand::{rngs::StdRng, Rng, SeedableRng};
use std::collections::HashMap;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bad-input-ckpt-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

/// A safetensors file written directly (not by `ParamStore::save`), with `metadata`.
fn raw_file(tensors: &[(&str, Vec<f32>, [usize; 2])], metadata: &[(&str, &str)]) -> Vec<u8> {
    let bytes: Vec<Vec<u8>> = tensors
        .iter()
        .map(|(_, v, _)| v.iter().flat_map(|x| x.to_le_bytes()).collect())
        .collect();
    let views = tensors.iter().zip(&bytes).map(|((name, _, shape), data)| {
        let view =
            safetensors::tensor::TensorView::new(safetensors::Dtype::F32, shape.to_vec(), data)
                .unwrap();
        (name.to_string(), view)
    });
    let metadata: HashMap<String, String> = metadata
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    safetensors::serialize(views, Some(metadata)).unwrap()
}

#[test]
fn names_a_checkpoint_cannot_hold_are_refused_when_added() {
    let cases: [(&str, ParamNameError); 5] = [
        ("", ParamNameError::Empty),
        ("a\nb", ParamNameError::ControlCharacter("a\nb".into())),
        (
            "tab\there",
            ParamNameError::ControlCharacter("tab\there".into()),
        ),
        ("__metadata__", ParamNameError::Reserved),
        ("w", ParamNameError::Taken("w".into())),
    ];
    for (name, expected) in cases {
        let mut store = ParamStore::<f32>::new();
        store.add("w", array![[1.0]]);
        assert_eq!(store.try_add(name, array![[2.0]]), Err(expected.clone()));
        assert_eq!(store.len(), 1, "{name:?}: nothing is added");
        let payload = catch_unwind(AssertUnwindSafe(|| store.add(name, array![[2.0]])))
            .expect_err("add panics on a bad name");
        assert_eq!(
            panic_message(&*payload),
            format!("ParamStore::add: {expected}")
        );
    }
    assert_eq!(
        ParamNameError::ControlCharacter("a\nb".into()).to_string(),
        "the parameter name \"a\\nb\" holds a control character (names are listed one per line in the checkpoint)"
    );
    // Any other text is a name, Unicode and spaces included.
    let mut store = ParamStore::<f32>::new();
    for name in ["generator.0.weight", "θ_G", "with space", "__metadata", "é"] {
        store.add(name, array![[0.5]]);
    }
    let dir = scratch("names");
    store.save(dir.join("ok.safetensors")).unwrap();
    assert_eq!(
        ParamStore::<f32>::load(dir.join("ok.safetensors")).unwrap(),
        store
    );
}

#[test]
fn files_with_names_a_store_cannot_hold_are_typed_errors() {
    let dir = scratch("bad-names");
    let path = dir.join("m.safetensors");
    let one = |name: &'static str| (name, vec![1.0f32], [1, 1]);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        // The order lists a name twice (4 of 808 one-byte changes reach this).
        (
            raw_file(&[one("w"), one("v")], &[("adversarial.order", "w\nw")]),
            "lists `w` twice",
        ),
        // The order leaves a tensor out.
        (
            raw_file(&[one("w"), one("v")], &[("adversarial.order", "w")]),
            "tensor `v` is not in the order",
        ),
        // A tensor named with a control character, no order: names sorted.
        (
            raw_file(&[one("a\u{1}b")], &[]),
            "holds a control character",
        ),
        // The order names a tensor the file does not have.
        (
            raw_file(&[one("w")], &[("adversarial.order", "w\nu")]),
            "no tensor named `u`",
        ),
        // An empty name.
        (
            raw_file(&[one("")], &[("adversarial.order", "")]),
            "the empty string cannot name a parameter",
        ),
    ];
    for (bytes, expected) in cases {
        fs::write(&path, bytes).unwrap();
        let error = catch_unwind(|| ParamStore::<f32>::load(&path))
            .unwrap_or_else(|p| panic!("{expected}: panicked: {}", panic_message(&*p)))
            .expect_err(expected);
        let message = error.to_string();
        assert!(
            message.contains(expected) && message.contains("m.safetensors"),
            "{message}"
        );
    }
}

/// A small store: two tensors of a 2 → 2 layer.
fn small_store() -> ParamStore<f32> {
    let mut store = ParamStore::new();
    store.add("l.weight", array![[0.5f32, -1.25], [3.0, 0.125]]);
    store.add("l.bias", array![[1.0f32, -2.0]]);
    store
}

/// The STEP-2D discriminator and generator shapes: a real checkpoint.
fn real_store() -> ParamStore<f32> {
    let mut store = ParamStore::new();
    let mut rng = StdRng::seed_from_u64(4);
    Mlp::builder(&[2, 128, 128, 2])
        .hidden(Activation::LeakyRelu(0.2))
        .build(&mut store, "generator", &mut rng);
    Mlp::builder(&[2, 128, 128, 1])
        .hidden(Activation::LeakyRelu(0.2))
        .build(&mut store, "discriminator", &mut rng);
    store
}

/// Of the changed files, how many loads panicked, failed with an error, or returned a store
/// other than `original` (a silent corruption).
#[derive(Debug, Default, PartialEq)]
struct Tally {
    tried: usize,
    panics: usize,
    errors: usize,
    different: usize,
}

fn tally(
    path: &Path,
    original: &ParamStore<f32>,
    variants: impl Iterator<Item = Vec<u8>>,
) -> Tally {
    let mut t = Tally::default();
    for bytes in variants {
        // A new file each time: rewriting one in place makes ext4 flush it on close.
        let _ = fs::remove_file(path);
        fs::write(path, &bytes).unwrap();
        t.tried += 1;
        match catch_unwind(|| ParamStore::<f32>::load(path)) {
            Err(_) => t.panics += 1,
            Ok(Err(_)) => t.errors += 1,
            Ok(Ok(store)) if store != *original => t.different += 1,
            Ok(Ok(_)) => {}
        }
    }
    t
}

#[test]
fn every_one_byte_change_and_truncation_of_a_small_checkpoint_is_caught() {
    let dir = scratch("flips");
    let path = dir.join("small.safetensors");
    let store = small_store();
    store.save(&path).unwrap();
    let bytes = fs::read(&path).unwrap();
    let changes = (0..bytes.len()).flat_map(|i| {
        [1u8, 2, 4, 8, 16, 32, 64, 128, 0xff].map(|mask| {
            let mut changed = bytes.clone();
            changed[i] ^= mask;
            changed
        })
    });
    let truncations = (0..bytes.len()).map(|n| bytes[..n].to_vec());
    let t = tally(
        &dir.join("changed.safetensors"),
        &store,
        changes.chain(truncations),
    );
    eprintln!("small checkpoint of {} bytes: {t:?}", bytes.len());
    assert_eq!(
        (t.tried, t.panics, t.different),
        (10 * bytes.len(), 0, 0),
        "{t:?}"
    );
}

#[test]
fn random_damage_to_a_real_checkpoint_is_caught() {
    let dir = scratch("random");
    let path = dir.join("real.safetensors");
    let store = real_store();
    store.save(&path).unwrap();
    let bytes = fs::read(&path).unwrap();
    let mut rng = StdRng::seed_from_u64(29);
    let variants = (0..300).map(|_| {
        let mut changed = bytes.clone();
        for _ in 0..rng.random_range(1..=3) {
            let i = rng.random_range(0..changed.len());
            changed[i] = changed[i].wrapping_add(rng.random_range(1..=255));
        }
        changed
    });
    let t = tally(&dir.join("changed.safetensors"), &store, variants);
    eprintln!("real checkpoint of {} bytes: {t:?}", bytes.len());
    assert_eq!((t.tried, t.panics, t.different), (300, 0, 0), "{t:?}");
}

#[test]
fn a_changed_data_byte_fails_the_digest_and_a_file_without_one_still_loads() {
    let dir = scratch("digest");
    let path = dir.join("d.safetensors");
    let store = small_store();
    store.save(&path).unwrap();
    let mut bytes = fs::read(&path).unwrap();
    let header = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    // The lowest mantissa bit of the last value: a change no structure check can see.
    let last = bytes.len() - 4;
    bytes[last] ^= 1;
    assert!(last >= 8 + header);
    fs::write(&path, &bytes).unwrap();
    let error = ParamStore::<f32>::load(&path).unwrap_err();
    assert!(
        matches!(error, CheckpointError::DigestMismatch { .. }),
        "{error}"
    );
    let message = error.to_string();
    assert!(
        message.contains("d.safetensors") && message.contains("CRC-32"),
        "{message}"
    );
    // Written without the digest (by another tool, or before it existed): loads, unchecked.
    let plain = raw_file(
        &[
            ("l.weight", vec![0.5, -1.25, 3.0, 0.125], [2, 2]),
            ("l.bias", vec![1.0, -2.0], [1, 2]),
        ],
        &[("adversarial.order", "l.weight\nl.bias")],
    );
    fs::write(&path, plain).unwrap();
    assert_eq!(ParamStore::<f32>::load(&path).unwrap(), store);
    // A digest that is not 8 hexadecimal digits is itself damage.
    let odd = raw_file(
        &[("w", vec![1.0], [1, 1])],
        &[("adversarial.order", "w"), ("adversarial.crc32", "xyz")],
    );
    fs::write(&path, odd).unwrap();
    let message = ParamStore::<f32>::load(&path).unwrap_err().to_string();
    assert!(message.contains("adversarial.crc32"), "{message}");
}

/// The names in `dir` that look like a temporary file of `target`'s saves.
fn temporaries(dir: &Path, target: &str) -> Vec<String> {
    let prefix = format!(".{target}.");
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix) && n.ends_with(".tmp"))
        .collect();
    names.sort();
    names
}

/// With this variable set, the test below is the child: it saves a large store to the path
/// the variable names, over and over, until it is killed.
const CHILD: &str = "ADVERSARIAL_TEST_SAVE_UNTIL_KILLED";

#[test]
fn a_save_killed_midway_leaves_a_temporary_that_the_next_save_removes() {
    if let Some(path) = std::env::var_os(CHILD) {
        let mut store = ParamStore::<f32>::new();
        for i in 0..8 {
            store.add(format!("big.{i}"), Array2::from_elem((512, 1024), i as f32));
        }
        loop {
            store.save(&path).unwrap();
        }
    }
    let dir = scratch("killed");
    let target = dir.join("run.safetensors");
    let mut left_behind = Vec::new();
    for _attempt in 0..5 {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "a_save_killed_midway_leaves_a_temporary_that_the_next_save_removes",
                "--test-threads",
                "1",
            ])
            .env(CHILD, &target)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let own = format!(".run.safetensors.{}-", child.id());
        let started = Instant::now();
        while !temporaries(&dir, "run.safetensors")
            .iter()
            .any(|n| n.starts_with(&own))
        {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the child never saved"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().unwrap(); // SIGKILL: no destructor, no cleanup runs
        child.wait().unwrap();
        left_behind = temporaries(&dir, "run.safetensors");
        if !left_behind.is_empty() {
            break; // killed inside a save, not between two
        }
    }
    assert!(!left_behind.is_empty(), "no kill landed inside a save");
    // A temporary counts as stale once unchanged for a second (see `adversarial::io`).
    std::thread::sleep(Duration::from_millis(1100));
    // A temporary that a live writer holds (locked) is another save in progress: kept.
    let live = dir.join(".run.safetensors.4000000000-1.tmp");
    let held = fs::File::create(&live).unwrap();
    held.lock().unwrap();
    held.set_modified(std::time::SystemTime::now() - Duration::from_secs(60))
        .unwrap();
    let store = small_store();
    store.save(&target).unwrap();
    assert_eq!(
        temporaries(&dir, "run.safetensors"),
        vec![".run.safetensors.4000000000-1.tmp".to_owned()],
        "the killed save's temporaries {left_behind:?} are removed, the live one kept"
    );
    assert_eq!(ParamStore::<f32>::load(&target).unwrap(), store);
    drop(held); // its writer is done (or dead): stale now
    store.save(&target).unwrap();
    assert!(temporaries(&dir, "run.safetensors").is_empty());
    // An unlocked temporary younger than a second may be a writer that has not locked it
    // yet: kept until a later save.
    let young = dir.join(".run.safetensors.4000000001-1.tmp");
    fs::write(&young, b"just created").unwrap();
    store.save(&target).unwrap();
    assert!(young.exists());
    fs::remove_file(&young).unwrap();
    // Another target's temporaries are not this save's business.
    let other = dir.join(".other.safetensors.1-1.tmp");
    fs::write(&other, b"x").unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    store.save(&target).unwrap();
    assert!(other.exists());
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_writes_its_target_and_keeps_the_permissions() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = scratch("link");
    fs::create_dir_all(dir.join("store")).unwrap();
    let real = dir.join("store").join("real.safetensors");
    let link = dir.join("latest.safetensors");
    small_store().save(&real).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    symlink(Path::new("store").join("real.safetensors"), &link).unwrap();
    let mut changed = small_store();
    changed.get_mut(adversarial::autograd::ParamId(0)).fill(7.0);
    changed.save(&link).unwrap();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(ParamStore::<f32>::load(&real).unwrap(), changed);
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(temporaries(&dir, "latest.safetensors").is_empty());
    assert!(temporaries(&dir.join("store"), "real.safetensors").is_empty());
    // A read-only file is refused, not replaced, and stays as it was.
    fs::set_permissions(&real, fs::Permissions::from_mode(0o444)).unwrap();
    let error = small_store().save(&link).unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(&error, CheckpointError::Io { source, .. } if source.kind() == std::io::ErrorKind::PermissionDenied),
        "{message}"
    );
    assert!(message.contains("read-only"), "{message}");
    assert_eq!(ParamStore::<f32>::load(&real).unwrap(), changed);
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o444
    );
}
