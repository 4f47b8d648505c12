//! The bytes of a checkpoint file (`checkpoint.rs` documents the format): element types, the
//! CRC-32 digest, the stored order of the names, and reading and parsing a safetensors file,
//! each failure a [`CheckpointError`] naming the file.

use super::checkpoint::{CheckpointError, DIGEST_KEY, ORDER_KEY};
use super::params::check_name;
use crate::Float;
use ndarray::ArrayView2;
use safetensors::tensor::{Dtype, TensorView};
use safetensors::SafeTensors;
use std::collections::HashMap;
use std::path::Path;

pub(super) fn dtype_of<T: Float>() -> Dtype {
    if std::mem::size_of::<T>() == 4 {
        Dtype::F32
    } else {
        Dtype::F64
    }
}

/// Little-endian bytes of `values` in the file's element type (exact for `f32` and `f64`).
pub(super) fn to_bytes<T: Float>(values: ArrayView2<T>) -> Vec<u8> {
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

pub(super) fn from_bytes<T: Float>(bytes: &[u8]) -> Vec<T> {
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

/// [`CheckpointError::DigestMismatch`] unless `tensors` have the digest `stored` (8
/// hexadecimal digits, else [`CheckpointError::Corrupt`]).
pub(super) fn check_digest<'a>(
    path: &Path,
    stored: &str,
    tensors: impl Iterator<Item = (&'a str, &'a [usize], &'a [u8])>,
) -> Result<(), CheckpointError> {
    let stored = parse_digest(stored).ok_or_else(|| CheckpointError::Corrupt {
        path: path.to_owned(),
        reason: format!("{DIGEST_KEY} = {stored:?} is not 8 hexadecimal digits"),
    })?;
    let computed = digest(tensors);
    if computed == stored {
        Ok(())
    } else {
        Err(CheckpointError::DigestMismatch {
            path: path.to_owned(),
            stored,
            computed,
        })
    }
}

pub(super) fn read(path: &Path) -> Result<Vec<u8>, CheckpointError> {
    std::fs::read(path).map_err(|source| CheckpointError::Io {
        path: path.to_owned(),
        source,
    })
}

pub(super) type Parsed<'a> = (SafeTensors<'a>, Option<HashMap<String, String>>);

pub(super) fn parse<'a>(path: &Path, bytes: &'a [u8]) -> Result<Parsed<'a>, CheckpointError> {
    let corrupt = |e: safetensors::SafeTensorError| CheckpointError::Corrupt {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let (_, metadata) = SafeTensors::read_metadata(bytes).map_err(corrupt)?;
    let tensors = SafeTensors::deserialize(bytes).map_err(corrupt)?;
    Ok((tensors, metadata.metadata().clone()))
}

/// The parameter names in store order: the file's `adversarial.order`, which must list every
/// tensor once, or else the tensors' names sorted. Every name is checked first.
pub(super) fn order(
    path: &Path,
    file: &SafeTensors<'_>,
    metadata: Option<&HashMap<String, String>>,
) -> Result<Vec<String>, CheckpointError> {
    let mut in_file: Vec<String> = file.names().into_iter().map(str::to_owned).collect();
    in_file.sort();
    for name in &in_file {
        check_name(name).map_err(|source| CheckpointError::InvalidName {
            path: path.to_owned(),
            source,
        })?;
    }
    let Some(order) = metadata.and_then(|m| m.get(ORDER_KEY)) else {
        return Ok(in_file);
    };
    let names: Vec<String> = match order.as_str() {
        "" => Vec::new(),
        order => order.split('\n').map(str::to_owned).collect(),
    };
    let corrupt = |reason: String| CheckpointError::Corrupt {
        path: path.to_owned(),
        reason,
    };
    let mut sorted = names.clone();
    sorted.sort();
    if let Some(pair) = sorted.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(corrupt(format!("{ORDER_KEY} lists `{}` twice", pair[0])));
    }
    if let Some(left_out) = in_file.iter().find(|n| sorted.binary_search(n).is_err()) {
        return Err(corrupt(format!(
            "tensor `{left_out}` is not in the order ({ORDER_KEY})"
        )));
    }
    Ok(names)
}

/// CRC-32 of each tensor in turn: its name, `\n`, its shape as one little-endian `u64` per
/// dimension (two for a [`ParamStore`]'s matrices), and its data bytes.
pub(super) fn digest<'a>(tensors: impl Iterator<Item = (&'a str, &'a [usize], &'a [u8])>) -> u32 {
    let mut crc = crc32fast::Hasher::new();
    for (name, shape, data) in tensors {
        crc.update(name.as_bytes());
        crc.update(b"\n");
        for &size in shape {
            crc.update(&(size as u64).to_le_bytes());
        }
        crc.update(data);
    }
    crc.finalize()
}

/// The digest written as 8 hexadecimal digits, or `None`.
pub(super) fn parse_digest(text: &str) -> Option<u32> {
    let hex = text.len() == 8 && text.bytes().all(|b| b.is_ascii_hexdigit());
    hex.then(|| u32::from_str_radix(text, 16).ok()).flatten()
}

pub(super) fn tensor<'a>(
    path: &Path,
    file: &SafeTensors<'a>,
    name: &str,
) -> Result<TensorView<'a>, CheckpointError> {
    file.tensor(name).map_err(|_| CheckpointError::Missing {
        path: path.to_owned(),
        name: name.to_owned(),
    })
}

pub(super) fn check_dtype<T: Float>(
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

pub(super) fn mismatch(path: &Path, name: &str, expected: &str, found: &str) -> CheckpointError {
    CheckpointError::Mismatch {
        path: path.to_owned(),
        name: name.to_owned(),
        expected: expected.to_owned(),
        found: found.to_owned(),
    }
}
