//! [`MlpSpec`]: an [`Mlp`](super::Mlp)'s shape as the JSON object of a checkpoint in PyTorch's
//! layout (`adversarial.{name}`; the fields are listed in `torch_layout.rs`'s docs), written
//! and read with `serde_json` (each bad field gets a sentence of its own).

use super::{Activation, Mlp};
use serde_json::{Map, Value};

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
    pub(super) fn check(&self) -> Result<(), String> {
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
    pub(super) fn from_json(object: &Map<String, Value>) -> Result<MlpSpec, String> {
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
