//! Checkpoints: a [`ParamStore`] saved as a safetensors file (one tensor per parameter,
//! keyed by its name; `f32` or `f64` as stored), written atomically (temporary file, then
//! rename), so an interrupted save never destroys the previous checkpoint.
//!
//! The file's metadata holds two entries besides the tensors:
//! - `adversarial.order`: the names in store order ([`ParamId`](super::ParamId) order), one
//!   per line (hence no control character in a name, [`ParamStore::add`]);
//! - `adversarial.crc32`: a digest, 8 hexadecimal digits, of every tensor in that order —
//!   its name, a line feed, its shape as one little-endian `u64` per dimension (two for a
//!   store's matrices, one for a bias in the PyTorch layout), then its bytes.
//!   safetensors checks the header's structure (offsets, sizes) but not the data, so without
//!   it a changed data byte would load as another, silently wrong, network.
//!
//! The digest is CRC-32 (IEEE, the check of gzip, PNG and zip), by the `crc32fast` crate,
//! already in the dependency tree through `flate2`: it catches every change of up to 32
//! consecutive bits and any other accidental damage but for a chance of 2⁻³², which is what a
//! file on disk needs; it is not meant to resist someone forging a file (a keyed signature
//! would be). A file without `adversarial.crc32` (written by another tool, or before the
//! digest existed) still loads, with the data unchecked; without `adversarial.order` the
//! parameters load in name order.
//!
//! The same file format, order and digest carry networks in PyTorch's layout
//! ([`save_torch`](super::save_torch), `nn/torch_layout.rs`), which a store's
//! [`load`](ParamStore::load) does not read (its biases are 1-D).
//!
//! Durability, links and permissions are those of [`crate::io::write_atomic`]: when
//! [`ParamStore::save`] returns `Ok`, the checkpoint is on disk (file and directory synced);
//! a symbolic link is followed and kept; a read-only checkpoint is refused, not replaced; a
//! save killed midway leaves a temporary file that the next save of the same path removes.

use super::checkpoint_file::{
    check_digest, check_dtype, digest, dtype_of, from_bytes, mismatch, order, parse, read, tensor,
    to_bytes,
};
use super::{ParamNameError, ParamStore};
use crate::Float;
use ndarray::Array2;
use safetensors::tensor::TensorView;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Metadata key holding the parameter names in store order (`ParamId` order).
pub(super) const ORDER_KEY: &str = "adversarial.order";
/// Metadata key holding the CRC-32 of the tensors (module docs).
pub(super) const DIGEST_KEY: &str = "adversarial.crc32";

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
    /// A tensor's name is not one a [`ParamStore`] can hold.
    #[error("checkpoint {path}: {source}")]
    InvalidName {
        path: PathBuf,
        source: ParamNameError,
    },
    /// The tensors do not match the digest the file records: the data is damaged.
    #[error("checkpoint {path}: the tensors' CRC-32 is {computed:08x} but the file records {stored:08x}: the data is damaged")]
    DigestMismatch {
        path: PathBuf,
        stored: u32,
        computed: u32,
    },
    /// The JSON a network's metadata key should hold (PyTorch layout, [`super::load_torch`])
    /// is missing or does not describe a network: `reason` says which key and what is wrong.
    #[error("checkpoint {path}: metadata `{key}`: {reason}")]
    Metadata {
        path: PathBuf,
        key: String,
        reason: String,
    },
    /// A tensor has another shape or element type than the parameter it should fill.
    #[error("checkpoint {path}: tensor `{name}` is {found}, expected {expected}")]
    Mismatch {
        path: PathBuf,
        name: String,
        expected: String,
        found: String,
    },
}

impl<T: Float> ParamStore<T> {
    /// Saves every parameter to `path` (safetensors, with the order and the digest of the
    /// module docs), atomically.
    ///
    /// # Errors
    /// [`CheckpointError::Io`] if the file cannot be written (or is read-only); the previous
    /// file is kept.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), CheckpointError> {
        let tensors = self
            .iter()
            .map(|(_, name, v)| {
                (
                    name.to_owned(),
                    vec![v.nrows(), v.ncols()],
                    to_bytes(v.view()),
                )
            })
            .collect();
        write_tensors::<T>(path.as_ref(), tensors, HashMap::new())
    }

    /// Loads a store saved by [`ParamStore::save`], parameters in their saved order, the
    /// digest checked when the file has one.
    ///
    /// # Errors
    /// A typed [`CheckpointError`], never a panic, whatever the bytes: the file cannot be
    /// read ([`Io`](CheckpointError::Io)); is not valid safetensors, or its order lists a
    /// name twice or leaves a tensor out, or its digest is not 8 hexadecimal digits
    /// ([`Corrupt`](CheckpointError::Corrupt)); the order names an absent tensor
    /// ([`Missing`](CheckpointError::Missing)); a name a store cannot hold
    /// ([`InvalidName`](CheckpointError::InvalidName)); a tensor is not 2-D or holds
    /// another element type ([`Mismatch`](CheckpointError::Mismatch)); the data does not
    /// match the digest ([`DigestMismatch`](CheckpointError::DigestMismatch)).
    pub fn load(path: impl AsRef<Path>) -> Result<Self, CheckpointError> {
        let path = path.as_ref();
        let bytes = read(path)?;
        let (file, metadata) = parse(path, &bytes)?;
        let names = order(path, &file, metadata.as_ref())?;
        let mut store = ParamStore::new();
        let mut views = Vec::with_capacity(names.len());
        for name in names {
            let view = tensor(path, &file, &name)?;
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
            // safetensors checked that the data holds r·c elements of the type.
            let values = Array2::from_shape_vec(shape, from_bytes(view.data())).expect("checked");
            store
                .try_add(name, values)
                .map_err(|source| CheckpointError::InvalidName {
                    path: path.to_owned(),
                    source,
                })?;
            views.push(view);
        }
        if let Some(stored) = metadata.as_ref().and_then(|m| m.get(DIGEST_KEY)) {
            let tensors = (store.iter().zip(&views))
                .map(|((_, name, _), view)| (name, view.shape(), view.data()));
            check_digest(path, stored, tensors)?;
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

/// Writes `tensors` (name, shape, the little-endian bytes of `T`) in this order, with
/// `metadata` and the order and digest of the module docs, to `path` atomically.
pub(super) fn write_tensors<T: Float>(
    path: &Path,
    tensors: Vec<(String, Vec<usize>, Vec<u8>)>,
    mut metadata: HashMap<String, String>,
) -> Result<(), CheckpointError> {
    let order = (tensors.iter().map(|(name, _, _)| name.as_str()))
        .collect::<Vec<_>>()
        .join("\n");
    let crc =
        digest((tensors.iter()).map(|(name, shape, data)| (name.as_str(), &shape[..], &data[..])));
    metadata.insert(ORDER_KEY.to_owned(), order);
    metadata.insert(DIGEST_KEY.to_owned(), format!("{crc:08x}"));
    let views = tensors.iter().map(|(name, shape, data)| {
        let view = TensorView::new(dtype_of::<T>(), shape.clone(), data)
            .expect("shape × element size = data length");
        (name.clone(), view)
    });
    let sorted = serde_json::to_vec(&metadata.iter().collect::<BTreeMap<_, _>>())
        .expect("a map of strings is JSON");
    let mut file =
        safetensors::serialize(views, Some(metadata)).map_err(|e| CheckpointError::Corrupt {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
    sort_metadata(&mut file, &sorted);
    crate::io::write_atomic(path, &file).map_err(|source| CheckpointError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes the header's `__metadata__` object with its keys in sorted order (`sorted`, the
/// same entries as JSON), so that the same tensors and metadata always give the same bytes:
/// safetensors writes the object first, in the order of a `HashMap`, which changes from map
/// to map. The object's length does not depend on the order, so it is overwritten in place;
/// a header laid out otherwise is left as it is (valid, only not canonical).
fn sort_metadata(file: &mut [u8], sorted: &[u8]) {
    const PREFIX: &[u8] = b"{\"__metadata__\":";
    let start = 8 + PREFIX.len();
    let Some(object) = file.get(start..start + sorted.len()) else {
        return;
    };
    let same_entries = serde_json::from_slice::<BTreeMap<String, String>>(object).ok()
        == serde_json::from_slice::<BTreeMap<String, String>>(sorted).ok();
    if file.get(8..start) == Some(PREFIX) && same_entries {
        file[start..start + sorted.len()].copy_from_slice(sorted);
    }
}

/// A tensor read by [`read_tensors`]: its name, shape (any rank) and values.
pub(super) struct Tensor<T> {
    pub name: String,
    pub shape: Vec<usize>,
    pub values: Vec<T>,
}

/// A file's metadata and tensors, as [`read_tensors`] gives them.
pub(super) type Contents<T> = (HashMap<String, String>, Vec<Tensor<T>>);

/// Every tensor of the safetensors file `path` (of element type `T`, in the file's order or
/// else by name), the digest checked when the file has one, and the file's metadata.
///
/// # Errors
/// As [`ParamStore::load`], without its 2-D requirement.
pub(super) fn read_tensors<T: Float>(path: &Path) -> Result<Contents<T>, CheckpointError> {
    let bytes = read(path)?;
    let (file, metadata) = parse(path, &bytes)?;
    let names = order(path, &file, metadata.as_ref())?;
    let mut views = Vec::with_capacity(names.len());
    for name in &names {
        let view = tensor(path, &file, name)?;
        check_dtype::<T>(path, name, &view)?;
        views.push(view);
    }
    if let Some(stored) = metadata.as_ref().and_then(|m| m.get(DIGEST_KEY)) {
        let tensors = (names.iter().zip(&views))
            .map(|(name, view)| (name.as_str(), view.shape(), view.data()));
        check_digest(path, stored, tensors)?;
    }
    let tensors = (names.into_iter().zip(views))
        .map(|(name, view)| Tensor {
            name,
            shape: view.shape().to_vec(),
            values: from_bytes(view.data()),
        })
        .collect();
    Ok((metadata.unwrap_or_default(), tensors))
}
