//! Atomic replacement of a file: write a temporary file in the same folder, fsync,
//! keep the old file as a backup, rename over the target, fsync the folder.
//!
//! The rename is the commit point: a crash or an error before it leaves the old file
//! byte-identical (and removes the temporary file, unless the process was killed);
//! after it, the new file is in place. Temporary files left by a killed writer are
//! removed by the next save of the same file (see [`remove_stale_temps`]).

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use super::process::{self, Liveness};
use super::sink::{RealFs, SaveSink};
use super::{SaveError, SaveStep};

/// `NAME.ron` → `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Replaces `path` with `bytes` so that a crash leaves either the old or the new file.
/// With `keep_backup`, the previous file stays as `NAME.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    write_atomic_with(&mut RealFs, path, bytes, keep_backup).map(|_| ())
}

/// What a successful atomic write left on disk.
#[derive(Clone, Copy, Debug)]
pub struct Written {
    /// The new file's modification time, read from the file before it was renamed into
    /// place (so another program writing right after cannot be mistaken for us).
    pub modified: Option<SystemTime>,
}

/// [`write_atomic`] through `sink`, which performs (or fails) each step.
pub fn write_atomic_with(
    sink: &mut dyn SaveSink,
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
) -> Result<Written, SaveError> {
    write_atomic_filled(sink, path, keep_backup, &mut |sink, file| write_all(sink, file, bytes))
}

/// [`write_atomic_with`] of the bytes that `fill` writes into the temporary file
/// (with [`write_all`] through the sink), for a text written as it is made.
pub(crate) fn write_atomic_filled(
    sink: &mut dyn SaveSink,
    path: &Path,
    keep_backup: bool,
    fill: &mut dyn FnMut(&mut dyn SaveSink, &mut fs::File) -> io::Result<()>,
) -> Result<Written, SaveError> {
    let fail = |step: SaveStep| move |source: io::Error| SaveError { path: path.to_owned(), step, source };
    // Saving through a symbolic link replaces the file it points to, not the link.
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    };
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let Some(file_name) = target.file_name() else {
        return Err(fail(SaveStep::Target)(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path names no file",
        )));
    };
    if fs::metadata(&target).is_ok_and(|meta| meta.is_file() && meta.permissions().readonly()) {
        return Err(fail(SaveStep::ReadOnlyFile)(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is marked read-only",
        )));
    }
    remove_stale_temps(&folder, file_name);

    let temp = folder.join(temp_name(file_name));
    let mut file = sink.create_new(&temp).map_err(fail(SaveStep::CreateTemp { folder: folder.clone() }))?;
    let written = fill(sink, &mut file)
        .map_err(fail(SaveStep::WriteTemp { temp: temp.clone() }))
        .and_then(|()| sink.sync_file(&file).map_err(fail(SaveStep::SyncTemp { temp: temp.clone() })))
        .map(|()| Written { modified: file.metadata().and_then(|m| m.modified()).ok() });
    drop(file);
    let result = written.and_then(|written| {
        let original = fs::symlink_metadata(&target).ok();
        if let Some(original) = &original {
            // A private file stays private: the temporary file was created with the
            // default permissions.
            if let Err(e) = fs::set_permissions(&temp, original.permissions()) {
                log::warn!("could not copy the permissions of {} to the new file: {e}", target.display());
            }
            if keep_backup {
                let backup = backup_path(&target);
                keep_as_backup(sink, &target, &backup).map_err(fail(SaveStep::Backup { backup }))?;
            }
        }
        sink.rename(&temp, &target).map_err(fail(SaveStep::Replace { temp: temp.clone() }))?;
        Ok(written)
    });
    match result {
        Ok(written) => {
            // Committed: the new file is in place. A folder that cannot be synced (some
            // network file systems refuse) cannot undo that, so it is not an error.
            if let Err(e) = sink.sync_folder(&folder) {
                log::warn!("could not flush the folder {} to the disk: {e}", folder.display());
            }
            Ok(written)
        }
        Err(error) => {
            let _ = sink.remove_file(&temp);
            Err(error)
        }
    }
}

/// Writes all of `bytes` to `file` through `sink`.
pub(crate) fn write_all(sink: &mut dyn SaveSink, file: &mut fs::File, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        match sink.write(file, bytes) {
            Ok(0) => return Err(io::Error::new(io::ErrorKind::WriteZero, "the disk accepted no more bytes")),
            Ok(n) => bytes = bytes.get(n..).unwrap_or_default(),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// `.NAME.PID-N.tmp`: hidden, unique per process and save, and recognisable by
/// [`remove_stale_temps`].
pub(crate) fn temp_name(file_name: &OsStr) -> OsString {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut name = OsString::from(".");
    name.push(file_name);
    name.push(format!(".{}-{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    name
}

/// Makes `backup` the current `path`: a hard link where the filesystem allows, else a
/// copy; staged under a temporary name and renamed, so the backup is always whole.
fn keep_as_backup(sink: &mut dyn SaveSink, path: &Path, backup: &Path) -> io::Result<()> {
    let folder = backup.parent().unwrap_or(Path::new("."));
    let staged = folder.join(temp_name(backup.file_name().unwrap_or_default()));
    if sink.hard_link(path, &staged).is_err() {
        let _ = fs::remove_file(&staged);
        sink.copy(path, &staged).inspect_err(|_| {
            let _ = fs::remove_file(&staged);
        })?;
    }
    sink.rename(&staged, backup).inspect_err(|_| {
        let _ = fs::remove_file(&staged);
    })?;
    // When the backup already was a link to the same file (a save killed between
    // keeping the backup and replacing the file), rename does nothing and the staged
    // name would stay behind: remove it.
    let _ = fs::remove_file(&staged);
    Ok(())
}

/// Removes the temporary files that saves of `file_name` in `folder` left when their
/// process was killed: `.NAME.PID-N.tmp`, `.NAME.bak.PID-N.tmp` and
/// `.NAME.lock.PID-N.tmp` whose process is
/// gone (Linux, through `/proc`) or, where that cannot be known, that are older than
/// this process's first use of the store. Best effort: errors are ignored.
pub(crate) fn remove_stale_temps(folder: &Path, file_name: &OsStr) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    let Some(file_name) = file_name.to_str() else { return };
    let prefix = format!(".{file_name}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| temp_writer(n, &prefix)) else { continue };
        if pid == std::process::id() {
            continue;
        }
        let stale = match process::pid_liveness(pid, None) {
            Liveness::Dead => true,
            Liveness::Alive => false,
            Liveness::Unknown => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|modified| modified < process::this_started()),
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The writer's pid of a temporary file name `PREFIX[EXT.]PID-N.tmp` (`EXT`: `bak`,
/// `lock`), else `None`.
fn temp_writer(name: &str, prefix: &str) -> Option<u32> {
    let middle = name.strip_prefix(prefix)?.strip_suffix(".tmp")?;
    let middle = middle.rsplit_once('.').map_or(middle, |(_, last)| last);
    let (pid, counter) = middle.split_once('-')?;
    counter.parse::<u64>().ok()?;
    pid.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_and_nothing_else() {
        let prefix = ".net.ron.";
        assert_eq!(temp_writer(".net.ron.123-4.tmp", prefix), Some(123));
        assert_eq!(temp_writer(".net.ron.bak.123-4.tmp", prefix), Some(123));
        assert_eq!(temp_writer(".net.ron.lock.123-4.tmp", prefix), Some(123));
        assert_eq!(temp_writer(".net.ron.x-4.tmp", prefix), None);
        assert_eq!(temp_writer(".net.ron.123.tmp", prefix), None);
        assert_eq!(temp_writer(".net.ronx.123-4.tmp", prefix), None);
        assert_eq!(temp_writer(".other.ron.123-4.tmp", prefix), None);
        let made = temp_name(OsStr::new("net.ron"));
        assert_eq!(made.to_str().and_then(|n| temp_writer(n, prefix)), Some(std::process::id()));
    }
}
