//! Networks in PyTorch's layout: an [`Mlp`] saved as the `nn.Sequential` of `nn.Linear` layers
//! and activations PyTorch would build for it, so that `load_state_dict` takes the tensors as
//! they are and the metadata says how to build the `Sequential`.
//!
//! ```text
//! crate (Dense):       h_l = act_l(h_{l−1}·W_l + b_l),    W_l: in × out,   b_l: 1 × out
//! PyTorch (nn.Linear): h_l = act_l(h_{l−1}·Aᵀ + c),       A = W_lᵀ: [out, in],   c = b_l: [out]
//! ```
//! Layer `l` (0, 1, 2, …) of the network called `name` is stored as `{name}.{2l}.weight`
//! (`[out, in]`) and `{name}.{2l}.bias` (`[out]`): `2l` is the index of that `Linear` in a
//! `Sequential` that puts each activation right after its layer (`Linear, act, Linear, act, …,
//! Linear, output act`; an identity output may be left out, the indices do not change).
//!
//! The metadata key `adversarial.{name}` holds a JSON object ([`MlpSpec`]):
//! - `"sizes"`: `[in, h₁, …, out]`, the `in_features` of each `Linear` and the last
//!   `out_features`;
//! - `"hidden"`: the activation after every hidden layer, `"relu"`, `"leaky_relu:0.2"` (the
//!   slope after the colon), `"tanh"`, `"sigmoid"` or `"identity"`. When the hidden layers'
//!   activations differ ([`MlpBuilder::activations`](super::MlpBuilder::activations)), or there
//!   is no hidden layer, it is instead a list of them, one per hidden layer: a reader that
//!   expects one name then fails loudly rather than build another network;
//! - `"output"`: the activation after the last layer;
//! - `"classes"` (optional): `K` for a conditional generator, whose input is
//!   `[z (sizes[0] − K values), one-hot(label) (K values)]`;
//! - `"packing"` (optional): PacGAN's `m` for a discriminator that judges `m` samples
//!   concatenated: then `sizes[0]` is `m ·` the data's dimension.
//!
//! Other fields belong to the caller (a generator's prior and data units,
//! [`crate::gan::save_checkpoint`]) and are ignored here. The file is the safetensors file of
//! `checkpoint.rs`, with its order and CRC-32 digest and its atomic, durable write; a file
//! PyTorch wrote (no digest) loads unchecked.

use super::checkpoint::{read_tensors, write_tensors};
use super::checkpoint_file::{mismatch, to_bytes};
use super::{CheckpointError, Init, Mlp, MlpSpec, ParamStore};
use crate::Float;
use ndarray::ArrayView2;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;

/// A network read back from a checkpoint in PyTorch's layout: the [`Mlp`], its parameters
/// (under the crate's names, `{name}.{l}.weight`, `l` = 0, 1, 2, …) and its spec.
#[derive(Clone, Debug)]
pub struct TorchMlp<T: Float = f32> {
    /// The network.
    pub mlp: Mlp,
    /// Its parameters, in the crate's layout (`W_l`: in × out).
    pub params: ParamStore<T>,
    /// Its shape, as the file's metadata gives it.
    pub spec: MlpSpec,
}

/// The metadata key of the network `name`.
fn key(name: &str) -> String {
    format!("adversarial.{name}")
}

/// Saves the networks of `store` named in `networks` (`(name, network, spec)`; the spec adds
/// `classes` or `packing` to [`MlpSpec::of`] the network) to `path` in PyTorch's layout
/// (module docs), atomically, with the CRC-32 digest.
///
/// # Errors
/// [`CheckpointError::Io`] if the file cannot be written; the previous file is kept.
///
/// # Panics
/// At the caller, for a bug there: a spec that is not its network's or not consistent, a
/// network whose parameters are not in `store`, an empty, repeated or reserved (`order`,
/// `crc32`) name.
#[track_caller]
pub fn save_torch<T: Float>(
    path: impl AsRef<Path>,
    store: &ParamStore<T>,
    networks: &[(&str, &Mlp, &MlpSpec)],
) -> Result<(), CheckpointError> {
    let networks: Vec<_> = (networks.iter())
        .map(|&(name, mlp, spec)| (name, mlp, spec_json(name, mlp, spec)))
        .collect();
    write_networks(path.as_ref(), store, &networks)
}

/// The JSON object of `spec`, which must be [`MlpSpec::of`] the network `name` but for
/// `classes` and `packing`, and consistent.
///
/// # Panics
/// Otherwise, at the caller.
#[track_caller]
pub(crate) fn spec_json(name: &str, mlp: &Mlp, spec: &MlpSpec) -> Map<String, Value> {
    let own = MlpSpec {
        classes: spec.classes,
        packing: spec.packing,
        ..MlpSpec::of(mlp)
    };
    assert!(
        own == *spec,
        "save_torch: the spec of `{name}` is {spec:?}, its Mlp's is {own:?}"
    );
    if let Err(reason) = spec.check() {
        panic!("save_torch: the spec of `{name}`: {reason}");
    }
    spec.to_json()
}

/// [`save_torch`] with each network's JSON object given whole (its spec's fields and the
/// caller's).
#[track_caller]
pub(crate) fn write_networks<T: Float>(
    path: &Path,
    store: &ParamStore<T>,
    networks: &[(&str, &Mlp, Map<String, Value>)],
) -> Result<(), CheckpointError> {
    let mut tensors = Vec::new();
    let mut metadata = HashMap::new();
    for (name, mlp, object) in networks {
        assert!(
            !name.is_empty() && !name.chars().any(char::is_control) && !["order", "crc32"].contains(name),
            "save_torch: {name:?} cannot name a network (empty, a control character, or a key the file reserves)"
        );
        for (l, layer) in mlp.layers().iter().enumerate() {
            let (inputs, outputs) = layer.shape();
            let (weight, bias) = (store.get(layer.weight()), store.get(layer.bias()));
            assert!(
                weight.dim() == (inputs, outputs) && bias.dim() == (1, outputs),
                "save_torch: layer {l} of `{name}` is {inputs} → {outputs}, but the store holds {:?} and {:?} for it: the Mlp is not from this store",
                weight.dim(),
                bias.dim()
            );
            let prefix = format!("{name}.{}", 2 * l);
            tensors.push((
                format!("{prefix}.weight"),
                vec![outputs, inputs],
                to_bytes(weight.t()),
            ));
            tensors.push((
                format!("{prefix}.bias"),
                vec![outputs],
                to_bytes(bias.view()),
            ));
        }
        let previous = metadata.insert(key(name), Value::Object(object.clone()).to_string());
        assert!(
            previous.is_none(),
            "save_torch: two networks are named `{name}`"
        );
    }
    write_tensors::<T>(path, tensors, metadata)
}

/// Loads the network `name` of a checkpoint in PyTorch's layout (module docs), written by
/// [`save_torch`] or by PyTorch, the digest checked when the file has one.
///
/// # Errors
/// Those of [`ParamStore::load`] for the file itself (unreadable, not safetensors, damaged,
/// another element type than `T`), and: [`CheckpointError::Metadata`] if `adversarial.{name}`
/// is missing, is not JSON or does not describe a network, or the file holds a tensor under
/// `{name}.` that the description has no place for; [`CheckpointError::Missing`] for a
/// layer's absent weight or bias; [`CheckpointError::Mismatch`] for one of another shape.
pub fn load_torch<T: Float>(
    path: impl AsRef<Path>,
    name: &str,
) -> Result<TorchMlp<T>, CheckpointError> {
    read_network(path.as_ref(), name).map(|(network, _)| network)
}

/// [`load_torch`], and the network's whole JSON object (the caller's fields too).
pub(crate) fn read_network<T: Float>(
    path: &Path,
    name: &str,
) -> Result<(TorchMlp<T>, Map<String, Value>), CheckpointError> {
    let (metadata, tensors) = read_tensors::<T>(path)?;
    let bad = |reason: String| CheckpointError::Metadata {
        path: path.to_owned(),
        key: key(name),
        reason,
    };
    let text = metadata.get(&key(name)).ok_or_else(|| {
        bad(format!(
            "missing: a checkpoint in PyTorch's layout describes the network `{name}` there"
        ))
    })?;
    let object = match serde_json::from_str(text) {
        Ok(Value::Object(object)) => object,
        Ok(other) => return Err(bad(format!("{other} is not a JSON object"))),
        Err(error) => return Err(bad(format!("not JSON ({error})"))),
    };
    let spec = MlpSpec::from_json(&object).map_err(bad)?;
    let layers = spec.sizes.len() - 1;
    let expected: Vec<String> = (0..layers)
        .flat_map(|l| ["weight", "bias"].map(|p| format!("{name}.{}.{p}", 2 * l)))
        .collect();
    let prefix = format!("{name}.");
    if let Some(extra) = tensors
        .iter()
        .find(|t| t.name.starts_with(&prefix) && !expected.contains(&t.name))
    {
        return Err(bad(format!(
            "describes {layers} layers ({} … {}), but the file also holds `{}`",
            expected[0],
            expected[expected.len() - 1],
            extra.name
        )));
    }
    let mut params = ParamStore::new();
    let mlp = Mlp::builder(&spec.sizes)
        .activations(&spec.activations())
        .init(Init::Xavier)
        .build(&mut params, name, &mut StdRng::seed_from_u64(0));
    for (l, layer) in mlp.layers().iter().enumerate() {
        let (inputs, outputs) = layer.shape();
        let find = |part: &str, shape: &[usize]| {
            let tensor_name = format!("{name}.{}.{part}", 2 * l);
            let tensor = (tensors.iter().find(|t| t.name == tensor_name)).ok_or_else(|| {
                CheckpointError::Missing {
                    path: path.to_owned(),
                    name: tensor_name.clone(),
                }
            })?;
            if tensor.shape != shape {
                let expected = format!(
                    "{shape:?} (nn.Linear({inputs}, {outputs}), layer {l} of sizes {:?})",
                    spec.sizes
                );
                return Err(mismatch(
                    path,
                    &tensor_name,
                    &expected,
                    &format!("{:?}", tensor.shape),
                ));
            }
            Ok(&tensor.values)
        };
        let weight = find("weight", &[outputs, inputs])?;
        let bias = find("bias", &[outputs])?;
        let weight = ArrayView2::from_shape((outputs, inputs), weight).expect("shape checked");
        params.get_mut(layer.weight()).assign(&weight.t());
        let bias = ArrayView2::from_shape((1, outputs), bias).expect("shape checked");
        params.get_mut(layer.bias()).assign(&bias);
    }
    Ok((TorchMlp { mlp, params, spec }, object))
}
