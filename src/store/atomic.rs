//! Atomic replacement of a file: write a temporary file in the same folder, fsync,
//! keep the old file as a backup, rename over the target, fsync the folder.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// `NAME.ron` → `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Replaces `path` with `bytes` so that a crash leaves either the old or the new file.
/// With `keep_backup`, the previous file stays as `NAME.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let temp = folder.join(temp_name(file_name));
    let result = write_temp(&temp, bytes).and_then(|()| {
        if keep_backup && path.exists() {
            keep_as_backup(path)?;
        }
        fs::rename(&temp, path)?;
        sync_folder(&folder)
    });
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn temp_name(file_name: &std::ffi::OsStr) -> std::ffi::OsString {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut name = std::ffi::OsString::from(".");
    name.push(file_name);
    name.push(format!(".{}-{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    name
}

fn write_temp(temp: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes `NAME.bak` the current `NAME`: a hard link where the filesystem allows,
/// else a copy (itself written atomically).
fn keep_as_backup(path: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    let folder = backup.parent().unwrap_or(Path::new("."));
    let staged = folder.join(temp_name(backup.file_name().unwrap_or_default()));
    if fs::hard_link(path, &staged).is_err() {
        let copied = fs::copy(path, &staged).and_then(|_| File::open(&staged)?.sync_all());
        if let Err(e) = copied {
            let _ = fs::remove_file(&staged);
            return Err(e);
        }
    }
    fs::rename(&staged, &backup).inspect_err(|_| {
        let _ = fs::remove_file(&staged);
    })
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}
