//! Checkpoints: bit-identical round trips, and errors that name the file and the problem.

mod common;

use adversarial::nn::{Activation, CheckpointError, Mlp, ParamStore};
use ndarray::array;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use std::fs;
use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    common::scratch("checkpoint", name)
}

fn network<T: adversarial::Float>() -> ParamStore<T> {
    let mut store = ParamStore::new();
    let mut rng = StdRng::seed_from_u64(11);
    Mlp::builder(&[3, 7, 2])
        .hidden(Activation::Tanh)
        .build(&mut store, "g", &mut rng);
    store
}

#[test]
fn round_trip_is_bit_identical_in_f32_and_f64() {
    let dir = scratch("roundtrip");
    let s32 = network::<f32>();
    s32.save(dir.join("a.safetensors")).unwrap();
    assert_eq!(
        ParamStore::<f32>::load(dir.join("a.safetensors")).unwrap(),
        s32
    );
    let s64 = network::<f64>();
    s64.save(dir.join("b.safetensors")).unwrap();
    let back = ParamStore::<f64>::load(dir.join("b.safetensors")).unwrap();
    for ((_, n1, v1), (_, n2, v2)) in s64.iter().zip(back.iter()) {
        assert_eq!(n1, n2);
        assert!(v1.iter().zip(v2).all(|(a, b)| a.to_bits() == b.to_bits()));
    }
    let mut target = network::<f64>();
    target.get_mut(adversarial::autograd::ParamId(0)).fill(0.0);
    target.load_into(dir.join("b.safetensors")).unwrap();
    assert_eq!(target, s64);
}

#[test]
fn truncated_and_corrupt_files_name_the_file_and_the_problem() {
    let dir = scratch("corrupt");
    let path = dir.join("model.safetensors");
    network::<f32>().save(&path).unwrap();
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() - 10]).unwrap();
    let err = ParamStore::<f32>::load(&path).unwrap_err();
    assert!(matches!(err, CheckpointError::Corrupt { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("model.safetensors") && message.contains("not a valid safetensors"),
        "{message}"
    );
    fs::write(&path, b"\x05\x00").unwrap();
    let err = ParamStore::<f32>::load(&path).unwrap_err().to_string();
    assert!(err.contains("model.safetensors"), "{err}");
    let err = ParamStore::<f32>::load(dir.join("absent.safetensors")).unwrap_err();
    assert!(
        matches!(&err, CheckpointError::Io { path, source }
            if path.ends_with("absent.safetensors") && source.kind() == std::io::ErrorKind::NotFound),
        "{err}"
    );
    assert!(err.to_string().contains("absent.safetensors"), "{err}");
}

#[test]
fn wrong_type_shape_or_name_is_an_error_and_changes_nothing() {
    let dir = scratch("mismatch");
    let path = dir.join("m.safetensors");
    network::<f32>().save(&path).unwrap();
    let err = ParamStore::<f64>::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("g.0.weight") && err.contains("F32") && err.contains("F64"),
        "{err}"
    );
    let mut other = ParamStore::<f32>::new();
    other.add("g.0.weight", array![[1.0f32]]);
    let err = other.load_into(&path).unwrap_err().to_string();
    assert!(err.contains("`g.0.weight` is 3×7, expected 1×1"), "{err}");
    assert_eq!(
        other.get(adversarial::autograd::ParamId(0)),
        &array![[1.0f32]]
    );
    let mut unknown = ParamStore::<f32>::new();
    unknown.add("d.0.weight", array![[1.0f32]]);
    let err = unknown.load_into(&path).unwrap_err().to_string();
    assert!(err.contains("no tensor named `d.0.weight`"), "{err}");
}

#[test]
fn a_failed_save_keeps_the_previous_checkpoint() {
    let dir = scratch("atomic");
    let path = dir.join("keep.safetensors");
    let first = network::<f32>();
    first.save(&path).unwrap();
    // Block the temporary file's name so the second save fails before the rename.
    fs::create_dir_all(adversarial::io::temporary_path(&path)).unwrap();
    let mut second = network::<f32>();
    second.get_mut(adversarial::autograd::ParamId(0)).fill(9.0);
    assert!(second.save(&path).is_err());
    assert_eq!(ParamStore::<f32>::load(&path).unwrap(), first);
}

/// The same store saved again is the same file, byte for byte: the metadata's keys are
/// written in sorted order, not in the order of a `HashMap`, which changes from map to map.
#[test]
fn saving_the_same_store_twice_writes_the_same_bytes() {
    let dir = scratch("same-bytes");
    let store = network::<f32>();
    let first = dir.join("first.safetensors");
    store.save(&first).unwrap();
    let bytes = fs::read(&first).unwrap();
    for i in 0..10 {
        let again = dir.join(format!("again-{i}.safetensors"));
        store.save(&again).unwrap();
        assert!(
            fs::read(&again).unwrap() == bytes,
            "save {i} wrote other bytes"
        );
    }
    let header = String::from_utf8_lossy(&bytes[8..200]).into_owned();
    let crc = header.find("adversarial.crc32").unwrap();
    let order = header.find("adversarial.order").unwrap();
    assert!(crc < order, "{header}");
}
