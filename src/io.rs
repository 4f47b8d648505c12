//! Writing files so that nothing already saved is lost: write a temporary file beside the
//! target, flush it to disk, then rename it over the target (a rename within one directory
//! is atomic on POSIX file systems). An interrupted write leaves the old file whole.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` atomically, creating missing parent directories.
///
/// # Errors
/// Any I/O error, from creating the directory, writing the temporary file or renaming it;
/// the temporary file is removed and an existing `path` is left as it was.
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

/// Where [`write_atomic`] writes before the rename: `.{name}.{process}-{thread}.tmp` beside
/// `path`, distinct for every process and thread, so concurrent writers never share one.
pub fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    path.with_file_name(format!(".{name}.{}-{thread}.tmp", std::process::id()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fresh, empty folder `<target>/tmp/unit/<name>` for a unit test: cargo gives unit
    /// tests no `CARGO_TARGET_TMPDIR`, so it is found from the test binary,
    /// `<target>/<profile>/deps/<binary>` (never the system's temporary folder).
    pub(crate) fn scratch(name: &str) -> PathBuf {
        let binary = std::env::current_exe().unwrap();
        let target = binary
            .ancestors()
            .nth(3)
            .expect("<target>/<profile>/deps/<binary>");
        let dir = target.join("tmp").join("unit").join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = scratch("io-replace");
        let path = dir.join("nested").join("file.txt");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = scratch("io-fail");
        let path = dir.join("file.txt");
        write_atomic(&path, b"kept").unwrap();
        // A directory where the temporary file should go makes the write fail.
        fs::create_dir_all(temporary_path(&path)).unwrap();
        assert!(write_atomic(&path, b"lost").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"kept");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn threads_get_distinct_temporaries() {
        let path = Path::new("out/x.csv");
        let here = temporary_path(path);
        let there = std::thread::spawn(move || temporary_path(path))
            .join()
            .unwrap();
        assert_ne!(here, there);
        assert_eq!(here.parent(), path.parent());
    }
}
