//! Checkpoints: a [`ParamStore`] saved as a safetensors file (one tensor per parameter,
//! keyed by its name; `f32` or `f64` as stored), written atomically (temporary file, then
//! rename), so an interrupted save never destroys the previous checkpoint.

use super::ParamStore;
use crate::Float;
use ndarray::Array2;
use safetensors::tensor::{Dtype, TensorView};
use safetensors::SafeTensors;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Metadata key holding the parameter names in store order (`ParamId` order).
const ORDER_KEY: &str = "adversarial.order";

/// Why a checkpoint could not be saved or loaded; every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    /// Reading or writing the file failed.
    #[error("checkpoint {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The bytes are not a valid safetensors file (truncated, corrupt header, …).
    #[error("checkpoint {path}: not a valid safetensors file: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    /// A parameter of the store is absent from the file.
    #[error("checkpoint {path}: no tensor named `{name}`")]
    Missing { path: PathBuf, name: String },
    /// A tensor has another shape or element type than the parameter it should fill.
    #[error("checkpoint {path}: tensor `{name}` is {found}, expected {expected}")]
    Mismatch {
        path: PathBuf,
        name: String,
        expected: String,
        found: String,
    },
}

fn dtype_of<T: Float>() -> Dtype {
    if std::mem::size_of::<T>() == 4 {
        Dtype::F32
    } else {
        Dtype::F64
    }
}

/// Little-endian bytes of `values` in the file's element type (exact for `f32` and `f64`).
fn to_bytes<T: Float>(values: &Array2<T>) -> Vec<u8> {
    let standard = values.as_standard_layout();
    match dtype_of::<T>() {
        Dtype::F32 => standard
            .iter()
            .flat_map(|x| (x.as_f64() as f32).to_le_bytes())
            .collect(),
        _ => standard
            .iter()
            .flat_map(|x| x.as_f64().to_le_bytes())
            .collect(),
    }
}

fn from_bytes<T: Float>(bytes: &[u8]) -> Vec<T> {
    match dtype_of::<T>() {
        Dtype::F32 => bytes
            .chunks_exact(4)
            .map(|c| {
                T::lit(f64::from(f32::from_le_bytes(
                    c.try_into().expect("4 bytes"),
                )))
            })
            .collect(),
        _ => bytes
            .chunks_exact(8)
            .map(|c| T::lit(f64::from_le_bytes(c.try_into().expect("8 bytes"))))
            .collect(),
    }
}

impl<T: Float> ParamStore<T> {
    /// Saves every parameter to `path` (safetensors), atomically.
    ///
    /// # Errors
    /// [`CheckpointError::Io`] if the file cannot be written; the previous file is kept.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), CheckpointError> {
        let path = path.as_ref();
        let bytes: Vec<(String, Vec<u8>)> = self
            .iter()
            .map(|(_, name, v)| (name.to_owned(), to_bytes(v)))
            .collect();
        let views = self.iter().zip(&bytes).map(|((_, _, v), (name, data))| {
            let view = TensorView::new(dtype_of::<T>(), vec![v.nrows(), v.ncols()], data)
                .expect("shape × element size = data length");
            (name.clone(), view)
        });
        let order = self
            .iter()
            .map(|(_, n, _)| n)
            .collect::<Vec<_>>()
            .join("\n");
        let metadata = HashMap::from([(ORDER_KEY.to_owned(), order)]);
        let corrupt = |e: safetensors::SafeTensorError| CheckpointError::Corrupt {
            path: path.to_owned(),
            reason: e.to_string(),
        };
        let file = safetensors::serialize(views, Some(metadata)).map_err(corrupt)?;
        crate::io::write_atomic(path, &file).map_err(|source| CheckpointError::Io {
            path: path.to_owned(),
            source,
        })
    }

    /// Loads a store saved by [`ParamStore::save`], parameters in their saved order.
    ///
    /// # Errors
    /// If the file cannot be read, is not valid safetensors, or holds another element type.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, CheckpointError> {
        let path = path.as_ref();
        let bytes = read(path)?;
        let file = parse(path, &bytes)?;
        let names: Vec<String> = match file.1.as_ref().and_then(|m| m.get(ORDER_KEY)) {
            Some(order) if !order.is_empty() => order.split('\n').map(str::to_owned).collect(),
            Some(_) => Vec::new(),
            None => {
                let mut names: Vec<_> = file.0.names().into_iter().map(str::to_owned).collect();
                names.sort();
                names
            }
        };
        let mut store = ParamStore::new();
        for name in names {
            let view = tensor(path, &file.0, &name)?;
            let shape = match *view.shape() {
                [r, c] => (r, c),
                _ => {
                    return Err(mismatch(
                        path,
                        &name,
                        "a 2-D tensor",
                        &format!("{:?}", view.shape()),
                    ))
                }
            };
            check_dtype::<T>(path, &name, &view)?;
            let values = Array2::from_shape_vec(shape, from_bytes(view.data())).expect("checked");
            store.add(name, values);
        }
        Ok(store)
    }

    /// Overwrites every parameter of this store with the tensor of the same name in `path`.
    /// Nothing is changed unless every parameter is found with the right shape and type.
    ///
    /// # Errors
    /// As [`ParamStore::load`], plus a missing tensor or a shape/type mismatch.
    pub fn load_into(&mut self, path: impl AsRef<Path>) -> Result<(), CheckpointError> {
        let loaded = Self::load(path.as_ref())?;
        let path = path.as_ref();
        for (_, name, value) in self.iter() {
            let Some(id) = loaded.find(name) else {
                return Err(CheckpointError::Missing {
                    path: path.to_owned(),
                    name: name.to_owned(),
                });
            };
            if loaded.get(id).dim() != value.dim() {
                let (e, f) = (value.dim(), loaded.get(id).dim());
                return Err(mismatch(
                    path,
                    name,
                    &format!("{}×{}", e.0, e.1),
                    &format!("{}×{}", f.0, f.1),
                ));
            }
        }
        for id in (0..self.len()).map(super::ParamId) {
            let source = loaded.find(self.name(id)).expect("checked above");
            self.get_mut(id).assign(loaded.get(source));
        }
        Ok(())
    }
}

fn read(path: &Path) -> Result<Vec<u8>, CheckpointError> {
    std::fs::read(path).map_err(|source| CheckpointError::Io {
        path: path.to_owned(),
        source,
    })
}

type Parsed<'a> = (SafeTensors<'a>, Option<HashMap<String, String>>);

fn parse<'a>(path: &Path, bytes: &'a [u8]) -> Result<Parsed<'a>, CheckpointError> {
    let corrupt = |e: safetensors::SafeTensorError| CheckpointError::Corrupt {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let (_, metadata) = SafeTensors::read_metadata(bytes).map_err(corrupt)?;
    let tensors = SafeTensors::deserialize(bytes).map_err(corrupt)?;
    Ok((tensors, metadata.metadata().clone()))
}

fn tensor<'a>(
    path: &Path,
    file: &SafeTensors<'a>,
    name: &str,
) -> Result<TensorView<'a>, CheckpointError> {
    file.tensor(name).map_err(|_| CheckpointError::Missing {
        path: path.to_owned(),
        name: name.to_owned(),
    })
}

fn check_dtype<T: Float>(
    path: &Path,
    name: &str,
    view: &TensorView,
) -> Result<(), CheckpointError> {
    if view.dtype() == dtype_of::<T>() {
        Ok(())
    } else {
        let (e, f) = (
            format!("{:?}", dtype_of::<T>()),
            format!("{:?}", view.dtype()),
        );
        Err(mismatch(path, name, &e, &f))
    }
}

fn mismatch(path: &Path, name: &str, expected: &str, found: &str) -> CheckpointError {
    CheckpointError::Mismatch {
        path: path.to_owned(),
        name: name.to_owned(),
        expected: expected.to_owned(),
        found: found.to_owned(),
    }
}
