//! Reading a data file whole, gzip-compressed or not (told apart by the gzip magic bytes
//! `1f 8b`, not by the file name).

use super::DatasetError;
use flate2::read::GzDecoder;
use std::io::Read;
use std::path::Path;

/// The bytes of `path`, decompressed if they start with the gzip magic `1f 8b`.
///
/// # Errors
/// [`DatasetError::Io`] if the file cannot be read, [`DatasetError::Gzip`] if it looks like
/// gzip but does not decompress (a truncated download).
pub(super) fn read_maybe_gzip(path: &Path) -> Result<Vec<u8>, DatasetError> {
    let bytes = std::fs::read(path).map_err(|source| DatasetError::Io {
        path: path.to_owned(),
        source,
    })?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        gunzip(path, &bytes)
    } else {
        Ok(bytes)
    }
}

/// The decompressed `bytes` of the gzip file `path` (named in the error).
///
/// # Errors
/// [`DatasetError::Gzip`] if `bytes` is not a whole gzip stream.
pub(super) fn gunzip(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, DatasetError> {
    let mut out = Vec::new();
    GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|source| DatasetError::Gzip {
            path: path.to_owned(),
            source,
        })?;
    Ok(out)
}
