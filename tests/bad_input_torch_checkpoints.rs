//! Checkpoints in PyTorch's layout that are not what they should be: missing or bad metadata,
//! a missing, misshapen or unexpected tensor, a damaged byte. Each error names the file and
//! the metadata key or the tensor.

mod common;

use adversarial::gan::{Gan, GanConfig, SavedGenerator};
use adversarial::nn::CheckpointError;
use safetensors::tensor::TensorView;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    common::scratch("bad_input_torch_checkpoints", name)
}

/// Writes `tensors` (f32) and `metadata` as a safetensors file, as another tool would.
fn write_raw(path: &Path, tensors: &[(&str, Vec<usize>)], metadata: &[(&str, &str)]) {
    let data: Vec<Vec<u8>> = (tensors.iter())
        .map(|(_, shape)| vec![0u8; 4 * shape.iter().product::<usize>()])
        .collect();
    let views = (tensors.iter().zip(&data)).map(|((name, shape), bytes)| {
        let view = TensorView::new(safetensors::tensor::Dtype::F32, shape.clone(), bytes).unwrap();
        (name.to_string(), view)
    });
    let metadata: HashMap<String, String> = (metadata.iter())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    std::fs::write(path, safetensors::serialize(views, Some(metadata)).unwrap()).unwrap();
}

const G_JSON: &str = r#"{"sizes": [2, 3], "hidden": [], "output": "identity"}"#;

#[test]
fn bad_metadata_is_named_with_the_file_and_the_key() {
    let dir = scratch("bad-metadata");
    let tensors = [
        ("generator.0.weight", vec![3, 2]),
        ("generator.0.bias", vec![3]),
    ];
    let cases: [(&str, Option<&str>, &str); 9] = [
        ("none", None, "missing"),
        ("not-json", Some("{sizes"), "not JSON"),
        ("not-object", Some("[2, 3]"), "not a JSON object"),
        (
            "no-sizes",
            Some(r#"{"hidden": [], "output": "tanh"}"#),
            "`sizes`",
        ),
        (
            "bad-size",
            Some(r#"{"sizes": [2, 0], "hidden": [], "output": "tanh"}"#),
            "`sizes`",
        ),
        (
            "gelu",
            Some(r#"{"sizes": [2, 3], "hidden": "relu", "output": "gelu"}"#),
            "\"gelu\" is not an activation",
        ),
        (
            "hidden-count",
            Some(r#"{"sizes": [2, 3], "hidden": ["relu"], "output": "tanh"}"#),
            "1 activations for the 0 hidden layers",
        ),
        (
            "classes",
            Some(r#"{"sizes": [2, 3], "hidden": [], "output": "tanh", "classes": 2}"#),
            "`classes` = 2",
        ),
        (
            "prior",
            Some(r#"{"sizes": [2, 3], "hidden": [], "output": "tanh", "prior": "cauchy"}"#),
            "`prior`",
        ),
    ];
    for (name, json, says) in cases {
        let path = dir.join(format!("{name}.safetensors"));
        let metadata: Vec<_> = json
            .map(|j| ("adversarial.generator", j))
            .into_iter()
            .collect();
        write_raw(&path, &tensors, &metadata);
        let error = SavedGenerator::<f32>::load(&path).unwrap_err();
        assert!(
            matches!(error, CheckpointError::Metadata { .. }),
            "{name}: {error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains(path.to_str().unwrap())
                && message.contains("adversarial.generator")
                && message.contains(says),
            "{name}: {message}"
        );
    }
}

#[test]
fn a_missing_misshapen_or_unexpected_tensor_is_named() {
    let dir = scratch("bad-tensors");
    let metadata = [("adversarial.generator", G_JSON)];
    let path = dir.join("missing.safetensors");
    write_raw(&path, &[("generator.0.weight", vec![3, 2])], &metadata);
    let error = SavedGenerator::<f32>::load(&path).unwrap_err();
    assert!(
        matches!(&error, CheckpointError::Missing { name, .. } if name == "generator.0.bias"),
        "{error:?}"
    );
    // The crate's own [in, out] where PyTorch's [out, in] belongs.
    let path = dir.join("transposed.safetensors");
    write_raw(
        &path,
        &[
            ("generator.0.weight", vec![2, 3]),
            ("generator.0.bias", vec![3]),
        ],
        &metadata,
    );
    let message = SavedGenerator::<f32>::load(&path).unwrap_err().to_string();
    assert_eq!(
        message,
        format!(
            "checkpoint {}: tensor `generator.0.weight` is [2, 3], expected [3, 2] (nn.Linear(2, 3), layer 0 of sizes [2, 3])",
            path.display()
        )
    );
    let path = dir.join("extra.safetensors");
    let tensors = [
        ("generator.0.weight", vec![3, 2]),
        ("generator.0.bias", vec![3]),
        ("generator.2.weight", vec![3, 3]),
    ];
    write_raw(&path, &tensors, &metadata);
    let message = SavedGenerator::<f32>::load(&path).unwrap_err().to_string();
    assert!(
        message.contains("also holds `generator.2.weight`"),
        "{message}"
    );
}

#[test]
fn a_damaged_byte_of_the_crates_checkpoint_is_caught_by_the_digest() {
    let config = GanConfig {
        noise_size: 2,
        ..GanConfig::default()
    };
    let gan = Gan::<f32>::new(config, 3).unwrap();
    let path = scratch("damaged").join("checkpoint.safetensors");
    gan.save_checkpoint(&path).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(&path, &bytes).unwrap();
    let error = SavedGenerator::<f32>::load(&path).unwrap_err();
    assert!(
        matches!(error, CheckpointError::DigestMismatch { .. }),
        "{error}"
    );
}
