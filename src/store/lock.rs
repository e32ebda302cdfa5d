//! One editor per document: `NAME.ron.lock` beside the file names the Rapport process
//! that has it open (pid, host, since when). A second Rapport opens the file read-only.
//! A lock whose process is gone is stale and taken over: on Linux that is known
//! through `/proc`; elsewhere a lock of this host counts as alive for a day.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::atomic::temp_name;
use super::process::{self, Liveness, Owner};

/// A lock of another host, or on a platform without `/proc`, counts as alive until it
/// is this old.
const UNKNOWN_OWNER_STALE_AFTER: SignedDuration = SignedDuration::from_hours(24);
/// How many times [`DocumentLock::acquire`] tries again after finding a stale lock or
/// another process taking it over (10 ms apart).
const TAKEOVER_ROUNDS: usize = 50;
/// A lock file that cannot be read as one (a writer killed between creating and
/// filling it, on file systems without hard links) is stale once this old.
const UNREADABLE_STALE_AFTER: SignedDuration = SignedDuration::from_secs(10);

/// Why a document could not be locked for editing.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another live Rapport has the document open: open it read-only.
    #[error(
        "{} is open in another Rapport (process {pid} on {host}{}); it is opened read-only",
        path.display(),
        since.map(|s| format!(", since {}", s.strftime("%Y-%m-%d %H:%M UTC"))).unwrap_or_default()
    )]
    HeldBy { path: PathBuf, pid: u32, host: String, since: Option<Timestamp> },
    /// The lock file could not be written or read (a read-only folder, say): the
    /// document can still be opened, without protection against a second editor.
    #[error("{}: cannot use the lock file {}: {source}", path.display(), lock.display())]
    Io { path: PathBuf, lock: PathBuf, source: io::Error },
}

/// The contents of a lock file (one line of RON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct LockFile {
    pid: u32,
    host: String,
    #[serde(default)]
    process_start: Option<u64>,
    #[serde(default)]
    since: Option<Timestamp>,
    /// Tells this lock from a later one of the same process on the same file.
    #[serde(default)]
    token: u64,
}

/// A held lock on a document; dropping it removes the lock file (if it is still ours).
#[derive(Debug)]
pub struct DocumentLock {
    document: PathBuf,
    lock: PathBuf,
    token: u64,
}

/// `NAME.ron` → `NAME.ron.lock`.
pub fn lock_path(document: &Path) -> PathBuf {
    let mut name = document.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl DocumentLock {
    /// Locks `document` for this process, taking over a stale lock; fails with
    /// [`LockError::HeldBy`] when another live Rapport holds it.
    ///
    /// A lock held by this same process (another `DocumentLock` on the same path) is
    /// `HeldBy` too: when reopening the current document, keep its lock instead
    /// (compare [`DocumentLock::document`]).
    pub fn acquire(document: &Path) -> Result<Self, LockError> {
        let lock = lock_path(document);
        let io_error = |source| LockError::Io { path: document.to_owned(), lock: lock.clone(), source };
        let mut last_holder = None;
        // A stale lock is removed and creation tried again; a few rounds settle races
        // with other processes doing the same.
        for _ in 0..TAKEOVER_ROUNDS {
            let mine = LockFile::new();
            match create_exclusive(&lock, &mine.to_line()) {
                Ok(()) => return Ok(Self { document: document.to_owned(), lock, token: mine.token }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_error(e)),
            }
            let Some(seen) = read_lock(&lock) else { continue }; // Removed meanwhile.
            match &seen.holder {
                Some(holder) if !is_stale(holder) => return Err(held_by(document, holder)),
                Some(holder) => {
                    log::warn!("taking over the stale lock {} of process {}", lock.display(), holder.pid);
                    last_holder = Some(holder.clone());
                }
                None if seen.age < UNREADABLE_STALE_AFTER => {
                    return Err(LockError::HeldBy {
                        path: document.to_owned(),
                        pid: 0,
                        host: "an unknown host".to_owned(),
                        since: None,
                    });
                }
                None => log::warn!("taking over the unreadable lock {}", lock.display()),
            }
            remove_stale(&lock, &seen.bytes).map_err(io_error)?;
        }
        Err(match last_holder {
            Some(holder) => held_by(document, &holder),
            None => io_error(io::Error::other("the lock file keeps changing")),
        })
    }

    /// Locks `document` even though another process holds it ("Edit anyway"): the
    /// other process's lock is replaced, and that process will no longer remove it.
    pub fn take_over(document: &Path) -> Result<Self, LockError> {
        let lock = lock_path(document);
        let mine = LockFile::new();
        super::write_atomic(&lock, mine.to_line().as_bytes(), false).map_err(|e| LockError::Io {
            path: document.to_owned(),
            lock: lock.clone(),
            source: e.source,
        })?;
        Ok(Self { document: document.to_owned(), lock, token: mine.token })
    }

    /// The locked document.
    pub fn document(&self) -> &Path {
        &self.document
    }

    /// The lock file, `NAME.ron.lock`.
    pub fn lock_file(&self) -> &Path {
        &self.lock
    }

    /// Whether the lock file is still this lock (false once another Rapport took it
    /// over, or it was deleted).
    pub fn is_held(&self) -> bool {
        read_lock(&self.lock).and_then(|seen| seen.holder).is_some_and(|holder| self.is_mine(&holder))
    }

    fn is_mine(&self, holder: &LockFile) -> bool {
        holder.token == self.token && holder.pid == std::process::id()
    }
}

impl Drop for DocumentLock {
    fn drop(&mut self) {
        if let Some(seen) = read_lock(&self.lock)
            && seen.holder.as_ref().is_some_and(|holder| self.is_mine(holder))
        {
            let _ = remove_if_unchanged(&self.lock, &seen.bytes);
        }
    }
}

impl LockFile {
    fn new() -> Self {
        let me = process::this_owner();
        Self {
            pid: me.pid,
            host: me.host.clone(),
            process_start: me.process_start,
            since: Some(Timestamp::now()),
            token: process::random_u64(),
        }
    }

    fn to_line(&self) -> String {
        // Plain structs of numbers and strings always serialize.
        let mut line = super::format::one_line(self).unwrap_or_default();
        line.push('\n');
        line
    }

    fn owner(&self) -> Owner {
        Owner { pid: self.pid, host: self.host.clone(), process_start: self.process_start }
    }
}

fn held_by(document: &Path, holder: &LockFile) -> LockError {
    LockError::HeldBy {
        path: document.to_owned(),
        pid: holder.pid,
        host: holder.host.clone(),
        since: holder.since,
    }
}

fn is_stale(holder: &LockFile) -> bool {
    match process::liveness(&holder.owner()) {
        Liveness::Dead => true,
        Liveness::Alive => false,
        // Another host cannot be asked; its lock stands until taken over by hand.
        Liveness::Unknown if holder.host != process::this_owner().host => false,
        Liveness::Unknown => holder
            .since
            .is_none_or(|since| Timestamp::now().duration_since(since) > UNKNOWN_OWNER_STALE_AFTER),
    }
}

/// A lock file as read: its bytes, what they say (`None`: not a lock file, perhaps
/// half-written), and how old the file is.
struct SeenLock {
    bytes: Vec<u8>,
    holder: Option<LockFile>,
    age: SignedDuration,
}

/// Reads the lock file; `None` when there is none.
fn read_lock(lock: &Path) -> Option<SeenLock> {
    let mut file = match fs::File::open(lock) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(_) => return Some(SeenLock { bytes: Vec::new(), holder: None, age: SignedDuration::ZERO }),
    };
    let modified = file.metadata().and_then(|m| m.modified()).ok().and_then(|t| Timestamp::try_from(t).ok());
    let age = modified.map_or(SignedDuration::MAX, |t| Timestamp::now().duration_since(t));
    // A lock file is one short line; anything longer is not one.
    let mut bytes = Vec::new();
    let holder = match (&mut file).take(4096).read_to_end(&mut bytes) {
        Ok(_) => std::str::from_utf8(&bytes)
            .ok()
            .and_then(|text| ron::Options::default().with_recursion_limit(8).from_str::<LockFile>(text).ok()),
        Err(_) => None,
    };
    Some(SeenLock { bytes, holder, age })
}

/// Removes the stale `lock` if it still holds `seen`. Processes taking over the
/// same stale lock take turns through `NAME.ron.lock.takeover` (created exclusively):
/// only the one holding it checks and removes the lock, so none can remove a fresh
/// lock another just created. The others wait and look again. Creating the new lock
/// stays exclusive, so however they interleave, one process gets it.
fn remove_stale(lock: &Path, seen: &[u8]) -> io::Result<()> {
    let guard = {
        let mut name = lock.as_os_str().to_owned();
        name.push(".takeover");
        PathBuf::from(name)
    };
    match OpenOptions::new().write(true).create_new(true).open(&guard) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            // Another process is taking over; a guard this old is from one that died.
            let age = fs::metadata(&guard).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
            if age.is_some_and(|age| age > UNREADABLE_STALE_AFTER.unsigned_abs()) {
                let _ = fs::remove_file(&guard);
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            return Ok(());
        }
        Err(e) => return Err(e),
    }
    let removed = match read_lock(lock) {
        Some(now) if now.bytes == seen => match fs::remove_file(lock) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        },
        _ => Ok(()), // Gone or changed: look again.
    };
    let _ = fs::remove_file(&guard);
    removed
}

/// Removes `lock` if it still holds `seen` (this process's own lock, on drop). It is
/// renamed away first, then compared: a lock another process put there in the
/// meantime ("Edit anyway") is put back.
fn remove_if_unchanged(lock: &Path, seen: &[u8]) -> io::Result<()> {
    let folder = match lock.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let moved = folder.join(temp_name(lock.file_name().unwrap_or_default()));
    match fs::rename(lock, &moved) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let mut now = Vec::new();
    let same = fs::File::open(&moved).and_then(|f| f.take(4096).read_to_end(&mut now)).is_ok() && now == seen;
    if !same {
        // Put it back, unless yet another lock appeared (then that one stands).
        let _ = fs::hard_link(&moved, lock);
    }
    fs::remove_file(&moved)
}

/// Creates `lock` holding `line`, failing with `AlreadyExists` if it exists. The line
/// is written to a temporary file first and hard-linked into place, so no reader ever
/// sees a half-written lock; where hard links are not supported, `create_new` is used.
fn create_exclusive(lock: &Path, line: &str) -> io::Result<()> {
    let folder = match lock.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let staged = folder.join(temp_name(lock.file_name().unwrap_or_default()));
    if write_new(&staged, line).is_ok() {
        let linked = fs::hard_link(&staged, lock);
        let _ = fs::remove_file(&staged);
        match linked {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
            Err(_) => {} // No hard links here: fall back to create_new.
        }
    }
    write_new(lock, line)
}

/// Creates the new file `path` holding `line`; removes it again if writing fails.
fn write_new(path: &Path, line: &str) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(line.as_bytes()).and_then(|()| file.sync_all()).inspect_err(|_| {
        let _ = fs::remove_file(path);
    })
}
