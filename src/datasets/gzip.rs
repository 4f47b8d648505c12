//! Reading a data file whole, gzip-compressed or not (told apart by the gzip magic bytes
//! `1f 8b`, not by the file name). A gzip file is read whole — every member, nothing after
//! the last — or not at all.

use super::DatasetError;
use flate2::bufread::GzDecoder;
use std::io::Read;
use std::path::Path;

/// The first two bytes of every gzip member.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The bytes of `path`, decompressed if they start with the gzip magic `1f 8b`.
///
/// # Errors
/// [`DatasetError::Io`] if the file cannot be read, and the errors of [`gunzip`] if it looks
/// like gzip (a truncated download, a damaged file, bytes appended after the stream).
pub(super) fn read_maybe_gzip(path: &Path) -> Result<Vec<u8>, DatasetError> {
    let bytes = std::fs::read(path).map_err(|source| DatasetError::Io {
        path: path.to_owned(),
        source,
    })?;
    if bytes.starts_with(&GZIP_MAGIC) {
        gunzip(path, &bytes)
    } else {
        Ok(bytes)
    }
}

/// The decompressed `bytes` of the gzip file `path` (named in the error): every member in
/// turn, as `gunzip` and flate2's `MultiGzDecoder` read them (`cat a.gz b.gz` is one valid
/// gzip file, RFC 1952 §2.2), each checked against its CRC-32 and length. Decoding member by
/// member here, rather than with `MultiGzDecoder`, tells stray bytes after the last member
/// (rejected) from a damaged member.
///
/// # Errors
/// [`DatasetError::Gzip`] if a member does not decompress; [`DatasetError::GzipTrailing`] if
/// bytes that do not start another member follow the last one.
pub(super) fn gunzip(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, DatasetError> {
    let mut out = Vec::new();
    let mut rest = bytes;
    loop {
        let mut member = GzDecoder::new(rest);
        member
            .read_to_end(&mut out)
            .map_err(|source| DatasetError::Gzip {
                path: path.to_owned(),
                source,
            })?;
        rest = member.into_inner();
        if rest.is_empty() {
            return Ok(out);
        }
        if !rest.starts_with(&GZIP_MAGIC) {
            return Err(DatasetError::GzipTrailing {
                path: path.to_owned(),
                offset: bytes.len() - rest.len(),
                count: rest.len(),
            });
        }
    }
}
