//! Writing files so that nothing already saved is lost: write a temporary file beside the
//! target, flush it to disk, then rename it over the target (a rename within one directory
//! is atomic on POSIX file systems). An interrupted write leaves the old file whole.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` atomically, creating missing parent directories.
///
/// # Errors
/// Any I/O error, from creating the directory, writing the temporary file or renaming it.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let temporary = temporary_path(path);
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// `dir/.name.tmp-<pid>` beside `path`.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("adversarial-io-{}", std::process::id()));
        let path = dir.join("nested").join("file.txt");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let entries: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(entries.len(), 1);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = std::env::temp_dir().join(format!("adversarial-io-fail-{}", std::process::id()));
        let path = dir.join("file.txt");
        write_atomic(&path, b"kept").unwrap();
        // A directory where the temporary file should go makes the write fail.
        fs::create_dir_all(temporary_path(&path)).unwrap();
        assert!(write_atomic(&path, b"lost").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"kept");
        fs::remove_dir_all(dir).unwrap();
    }
}
