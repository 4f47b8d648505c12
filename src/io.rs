//! Writing files so that nothing already saved is lost: write a temporary file beside the
//! target, flush it to disk, then rename it over the target (a rename within one directory
//! is atomic on POSIX file systems). An interrupted write leaves the old file whole.
//!
//! # Durability
//! When [`write_atomic`] returns `Ok`, the new contents *and* the new name are on stable
//! storage, as far as the operating system and the disk honour `fsync`: the temporary file
//! is synced before the rename and, on Unix, the directory after it (without that, a power
//! cut soon after the rename may bring back the old file, or none). If the process or the
//! machine stops earlier, `path` holds the old contents or the new ones, whole, never a mix;
//! a killed writer may leave its temporary file behind, and the next write to the same
//! `path` removes it.
//!
//! # Links and permissions
//! A symbolic link is followed: its target is replaced and the link kept. The replacement
//! keeps the permissions of the file it replaces (not its owner: it belongs to the writer).
//! A read-only file is refused rather than replaced, since its owner marked it not to change.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Writes `contents` to `path` atomically, creating missing parent directories; see the
/// module docs for what survives a crash, links and permissions.
///
/// Before writing, removes the temporaries of earlier writes to the same `path` whose
/// writer died (each writer holds a lock on its own temporary while it writes, so a
/// temporary nobody holds, unchanged for a second, is stale; a live writer's is kept).
///
/// # Errors
/// Any I/O error, from following a link, creating the directory, writing the temporary
/// file, renaming it, or syncing the directory after the rename (file systems that cannot
/// sync a directory are not an error); `PermissionDenied` if `path` is a read-only file.
/// Before the rename, the temporary file is removed and an existing `path` is left as it was.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = follow_links(path)?;
    let directory = match target.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => {
            fs::create_dir_all(parent)?;
            parent.to_owned()
        }
        None => PathBuf::from("."),
    };
    let permissions = match fs::metadata(&target) {
        Ok(existing) if existing.permissions().readonly() => {
            let message = format!("{} is read-only: not replacing it", target.display());
            return Err(io::Error::new(io::ErrorKind::PermissionDenied, message));
        }
        Ok(existing) => Some(existing.permissions()),
        Err(_) => None,
    };
    let temporary = temporary_path(&target);
    remove_stale_temporaries(&target, &temporary);
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.lock()?; // released when `file` closes, or when this process dies
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?; // before the contents are in it
        }
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, &target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result?;
    sync_directory(&directory)
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

/// `path` with every symbolic link of its last component followed (at most 40, as Linux).
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_owned();
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = fs::read_link(&path)?;
                // A relative link is relative to the link's folder; `join` keeps an absolute one.
                path = path
                    .parent()
                    .map_or(link.clone(), |parent| parent.join(&link));
            }
            _ => return Ok(path),
        }
    }
    let message = format!("{}: too many levels of symbolic links", path.display());
    Err(io::Error::other(message))
}

/// A temporary unchanged this long and locked by nobody is stale. (A writer locks its
/// temporary microseconds after creating it; the wait keeps a cleaner from taking one in
/// that instant.)
const STALE_AFTER: Duration = Duration::from_secs(1);

/// Removes the files `.{name}.{digits}-{digits}.tmp` beside `target` that no writer holds
/// locked and that have not changed for [`STALE_AFTER`], `own` (this write's temporary)
/// excepted. Best effort: a file that cannot be opened, locked or removed is left.
fn remove_stale_temporaries(target: &Path, own: &Path) {
    let (Some(name), Some(directory)) = (target.file_name(), target.parent()) else {
        return;
    };
    let directory = if directory.as_os_str().is_empty() {
        Path::new(".")
    } else {
        directory
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let is_temporary = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split_once('-'))
            .is_some_and(|(process, thread)| all_digits(process) && all_digits(thread));
        let path = entry.path();
        if !is_temporary || path.file_name() == own.file_name() {
            continue;
        }
        let unchanged_for = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|modified| modified.elapsed().ok());
        if unchanged_for.is_none_or(|age| age < STALE_AFTER) {
            continue;
        }
        let Ok(file) = fs::OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = fs::remove_file(&path); // nobody writes it: its writer died mid-save
        }
    }
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Syncs `directory`, so that a rename in it is on disk (Unix; elsewhere a no-op).
fn sync_directory(directory: &Path) -> io::Result<()> {
    #[cfg(unix)]
    match fs::File::open(directory).and_then(|d| d.sync_all()) {
        // Some file systems cannot sync a directory: nothing more can be done there.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) => {}
        other => return other,
    }
    #[cfg(not(unix))]
    let _ = directory;
    Ok(())
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
