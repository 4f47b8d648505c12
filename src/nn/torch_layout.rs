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

use super::checkpoint::{mismatch, read_tensors, to_bytes, write_tensors};
use super::{Activation, CheckpointError, Init, Mlp, ParamStore};
use crate::Float;
use ndarray::ArrayView2;
use ndarray_rand::rand::{rngs::StdRng, SeedableRng};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;

/// An [`Mlp`]'s shape as the metadata describes it (module docs).
#[derive(Clone, Debug, PartialEq)]
pub struct MlpSpec {
    /// `[in, h₁, …, out]`.
    pub sizes: Vec<usize>,
    /// The activation after each hidden layer (`sizes.len() − 2` of them).
    pub hidden: Vec<Activation>,
    /// The activation after the last layer.
    pub output: Activation,
    /// `K` for a conditional generator: its last `K` inputs are the label, one-hot.
    pub classes: Option<usize>,
    /// PacGAN's `m` for a discriminator of packs: `sizes[0]` is `m ·` the data's dimension.
    pub packing: Option<usize>,
}

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

impl MlpSpec {
    /// The shape of `mlp` (no classes, no packing).
    pub fn of(mlp: &Mlp) -> MlpSpec {
        let layers = mlp.layers();
        let sizes = std::iter::once(layers[0].shape().0)
            .chain(layers.iter().map(|d| d.shape().1))
            .collect();
        let (last, hidden) = mlp.activations().split_last().expect("an Mlp has a layer");
        MlpSpec {
            sizes,
            hidden: hidden.to_vec(),
            output: *last,
            classes: None,
            packing: None,
        }
    }

    /// The activation after each layer, the output's last.
    pub fn activations(&self) -> Vec<Activation> {
        let mut all = self.hidden.clone();
        all.push(self.output);
        all
    }

    /// A sentence saying what is inconsistent, if anything: fewer than two sizes or a size
    /// 0, a hidden activation per hidden layer, valid activations, `1 ≤ classes < sizes[0]`,
    /// packing ≥ 1 dividing `sizes[0]`.
    fn check(&self) -> Result<(), String> {
        if self.sizes.len() < 2 || self.sizes.contains(&0) {
            return Err(format!(
                "`sizes` must list at least two whole numbers ≥ 1 (input first), got {:?}",
                self.sizes
            ));
        }
        let hidden_layers = self.sizes.len() - 2;
        if self.hidden.len() != hidden_layers {
            return Err(format!(
                "`hidden` gives {} activations for the {hidden_layers} hidden layers of sizes {:?}",
                self.hidden.len(),
                self.sizes
            ));
        }
        for activation in self.activations() {
            activation.validate()?;
        }
        let input = self.sizes[0];
        if let Some(k) = self.classes.filter(|&k| k == 0 || k >= input) {
            return Err(format!(
                "`classes` = {k} must be from 1 to sizes[0] − 1 = {} (the input is noise, then the one-hot label)",
                input - 1
            ));
        }
        if let Some(m) = self.packing.filter(|&m| m == 0 || !input.is_multiple_of(m)) {
            return Err(format!(
                "`packing` = {m} must be at least 1 and divide sizes[0] = {input}"
            ));
        }
        Ok(())
    }

    /// The JSON object of the module docs.
    pub(crate) fn to_json(&self) -> Map<String, Value> {
        let mut object = Map::new();
        object.insert("sizes".into(), self.sizes.clone().into());
        let hidden = match self.hidden.split_first() {
            Some((first, rest)) if rest.iter().all(|a| a == first) => {
                activation_name(*first).into()
            }
            _ => Value::Array(
                self.hidden
                    .iter()
                    .map(|&a| activation_name(a).into())
                    .collect(),
            ),
        };
        object.insert("hidden".into(), hidden);
        object.insert("output".into(), activation_name(self.output).into());
        if let Some(k) = self.classes {
            object.insert("classes".into(), k.into());
        }
        if let Some(m) = self.packing {
            object.insert("packing".into(), m.into());
        }
        object
    }

    /// The spec a JSON object describes.
    ///
    /// # Errors
    /// A sentence naming the field that is missing or wrong.
    fn from_json(object: &Map<String, Value>) -> Result<MlpSpec, String> {
        let sizes_error = || {
            format!(
                "`sizes` must list at least two whole numbers ≥ 1 (input first), got {}",
                object.get("sizes").unwrap_or(&Value::Null)
            )
        };
        let sizes: Vec<usize> = match object.get("sizes") {
            Some(Value::Array(values)) => values
                .iter()
                .map(|v| v.as_u64().and_then(|s| usize::try_from(s).ok()))
                .collect::<Option<_>>()
                .ok_or_else(sizes_error)?,
            _ => return Err(sizes_error()),
        };
        if sizes.len() < 2 {
            return Err(sizes_error());
        }
        let hidden = match object.get("hidden") {
            Some(Value::String(name)) => vec![parse_activation("hidden", name)?; sizes.len() - 2],
            Some(Value::Array(names)) => names
                .iter()
                .map(|name| match name {
                    Value::String(name) => parse_activation("hidden", name),
                    other => Err(format!("`hidden` lists {other}, not an activation's name")),
                })
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(format!(
                    "`hidden` must be an activation's name or a list of them, got {other}"
                ))
            }
            None => return Err("has no `hidden` (the hidden layers' activation)".into()),
        };
        let output = match object.get("output") {
            Some(Value::String(name)) => parse_activation("output", name)?,
            Some(other) => {
                return Err(format!(
                    "`output` must be an activation's name, got {other}"
                ))
            }
            None => return Err("has no `output` (the last layer's activation)".into()),
        };
        let spec = MlpSpec {
            sizes,
            hidden,
            output,
            classes: whole_number(object, "classes")?,
            packing: whole_number(object, "packing")?,
        };
        spec.check()?;
        Ok(spec)
    }
}

/// The optional whole number `object[field]`.
fn whole_number(object: &Map<String, Value>, field: &str) -> Result<Option<usize>, String> {
    match object.get(field) {
        None => Ok(None),
        Some(value) => (value.as_u64().and_then(|v| usize::try_from(v).ok()))
            .map(Some)
            .ok_or_else(|| format!("`{field}` must be a whole number, got {value}")),
    }
}

/// `relu`, `leaky_relu:<slope>`, `tanh`, `sigmoid`, `identity`.
fn activation_name(activation: Activation) -> String {
    match activation {
        Activation::Identity => "identity".into(),
        Activation::Relu => "relu".into(),
        Activation::LeakyRelu(slope) => format!("leaky_relu:{slope}"),
        Activation::Sigmoid => "sigmoid".into(),
        Activation::Tanh => "tanh".into(),
    }
}

/// The activation [`activation_name`] names; `field` is for the error.
fn parse_activation(field: &str, name: &str) -> Result<Activation, String> {
    let unknown = || {
        format!("`{field}`: {name:?} is not an activation (relu, leaky_relu:<slope>, tanh, sigmoid, identity)")
    };
    let activation = match name {
        "identity" => Activation::Identity,
        "relu" => Activation::Relu,
        "sigmoid" => Activation::Sigmoid,
        "tanh" => Activation::Tanh,
        _ => {
            let slope = name.strip_prefix("leaky_relu:").ok_or_else(unknown)?;
            Activation::LeakyRelu(slope.parse().map_err(|_| unknown())?)
        }
    };
    activation
        .validate()
        .map(|()| activation)
        .map_err(|reason| format!("`{field}`: {reason}"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activation_name_reads_back_as_itself() {
        for activation in [
            Activation::Identity,
            Activation::Relu,
            Activation::LeakyRelu(0.2),
            Activation::LeakyRelu(0.01),
            Activation::Sigmoid,
            Activation::Tanh,
        ] {
            let name = activation_name(activation);
            assert_eq!(parse_activation("hidden", &name), Ok(activation), "{name}");
        }
        assert_eq!(
            activation_name(Activation::LeakyRelu(0.2)),
            "leaky_relu:0.2"
        );
        for bad in [
            "gelu",
            "leaky_relu",
            "leaky_relu:x",
            "leaky_relu:NaN",
            "Relu",
        ] {
            assert!(parse_activation("hidden", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hidden_is_one_name_when_the_layers_agree_and_a_list_otherwise() {
        let spec = |hidden: Vec<Activation>| MlpSpec {
            sizes: vec![2; hidden.len() + 2],
            hidden,
            output: Activation::Tanh,
            classes: None,
            packing: None,
        };
        let same = spec(vec![Activation::Relu; 2]);
        assert_eq!(
            Value::Object(same.to_json()).to_string(),
            r#"{"hidden":"relu","output":"tanh","sizes":[2,2,2,2]}"#
        );
        let mixed = spec(vec![Activation::Relu, Activation::Sigmoid]);
        assert_eq!(
            Value::Object(mixed.to_json()).to_string(),
            r#"{"hidden":["relu","sigmoid"],"output":"tanh","sizes":[2,2,2,2]}"#
        );
        let none = spec(vec![]);
        assert_eq!(
            Value::Object(none.to_json()).to_string(),
            r#"{"hidden":[],"output":"tanh","sizes":[2,2]}"#
        );
        for s in [same, mixed, none] {
            assert_eq!(MlpSpec::from_json(&s.to_json()), Ok(s));
        }
    }
}
