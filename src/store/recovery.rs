//! Recovery files: while a document has unsaved changes, the app writes it every so
//! often to `DATA/recovery/KEY.ron`, so a crash loses at most those last seconds.
//!
//! `DATA` is `$RAPPORT_DATA_DIR` when set, else the platform's data folder plus
//! `rapport` (Linux: `$XDG_DATA_HOME/rapport` or `~/.local/share/rapport`; macOS:
//! `~/Library/Application Support/rapport`; Windows: `%APPDATA%\rapport`).
//!
//! `KEY` is `doc-` and a stable hash (FNV-1a, 64 bits) of the document's canonical
//! path, or `untitled-` and a random id for a document without a file. A recovery
//! file is itself a valid network file: its first line is a RON comment holding a
//! header — which document, when, which process —
//! `// rapport recovery: (document: Some("/home/ada/network.ron"), saved_at: "…", …)`.
//!
//! The recovery file of an encrypted network keeps that header line (which file,
//! when, which process: nothing of the network) and then the network as an age file,
//! encrypted with the document's passphrase: `tail -n +2 KEY.ron | age -d` reads it
//! without Rapport.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::encryption::{self, Passphrase};
use super::process::{self, Liveness, Owner};
use super::{LoadError, to_string, write_atomic};
use crate::model::Network;

/// The environment variable that moves Rapport's data folder (tests, portable use).
pub const DATA_DIR_VAR: &str = "RAPPORT_DATA_DIR";

const HEADER_PREFIX: &str = "// rapport recovery: ";
/// The header line is short; this bounds how much of a file `list` reads.
const HEADER_MAX_BYTES: u64 = 64 * 1024;

/// Rapport's data folder: `$RAPPORT_DATA_DIR`, else the platform's data folder plus
/// `rapport`. `None` when neither can be found (no home folder).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_VAR).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    platform_data_dir().map(|dir| dir.join("rapport"))
}

#[cfg(target_os = "macos")]
fn platform_data_dir() -> Option<PathBuf> {
    std::env::home_dir().map(|home| home.join("Library").join("Application Support"))
}

#[cfg(windows)]
fn platform_data_dir() -> Option<PathBuf> {
    std::env::var_os("APPDATA").filter(|d| !d.is_empty()).map(PathBuf::from)
}

#[cfg(not(any(target_os = "macos", windows)))]
fn platform_data_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| std::env::home_dir().map(|home| home.join(".local").join("share")))
}

/// Which recovery file a document uses. Stable for a document with a path across
/// sessions; one per session for an untitled document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecoveryKey {
    name: String,
    document: Option<PathBuf>,
}

impl RecoveryKey {
    /// The key of the document at `path` (made canonical when it exists).
    pub fn for_document(path: &Path) -> Self {
        // A document not yet on disk: its folder made canonical, so the key stays the
        // same once the file exists.
        let canonical = fs::canonicalize(path)
            .ok()
            .or_else(|| {
                let folder = fs::canonicalize(path.parent()?).ok()?;
                Some(folder.join(path.file_name()?))
            })
            .or_else(|| std::path::absolute(path).ok())
            .unwrap_or_else(|| path.to_owned());
        Self { name: format!("doc-{:016x}", fnv1a(&path_bytes(&canonical))), document: Some(canonical) }
    }

    /// A fresh key for an untitled document of this session.
    pub fn untitled() -> Self {
        Self { name: format!("untitled-{:016x}", process::random_u64()), document: None }
    }

    /// The file stem: `doc-…` or `untitled-…`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The document's canonical path; `None` when untitled.
    pub fn document(&self) -> Option<&Path> {
        self.document.as_deref()
    }

    fn is_valid_name(name: &str) -> bool {
        let Some(id) = name.strip_prefix("doc-").or_else(|| name.strip_prefix("untitled-")) else {
            return false;
        };
        !id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit())
    }
}

/// A recovery file found by [`RecoveryStore::list`].
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryEntry {
    pub key: RecoveryKey,
    /// The document it recovers; `None` when untitled.
    pub doc_path: Option<PathBuf>,
    /// When it was written.
    pub saved_at: Timestamp,
    /// The recovery file itself (a valid network file).
    pub path: PathBuf,
    /// The process that wrote it: pid and host.
    pub writer_pid: u32,
    pub writer_host: String,
    writer_process_start: Option<u64>,
    /// Whether the network in it is encrypted (restoring it needs the passphrase).
    pub encrypted: bool,
}

/// The header line of a recovery file.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Header {
    document: Option<String>,
    saved_at: Timestamp,
    pid: u32,
    host: String,
    #[serde(default)]
    process_start: Option<u64>,
}

/// The recovery folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    /// Recovery files in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// `DATA/recovery`; `None` when there is no data folder (see [`data_dir`]).
    pub fn at_default_location() -> Option<Self> {
        data_dir().map(|dir| Self::new(dir.join("recovery")))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The recovery file of `key`.
    pub fn path_of(&self, key: &RecoveryKey) -> PathBuf {
        self.dir.join(format!("{}.ron", key.name))
    }

    /// Writes `network` as the recovery of `key`, atomically (no backup). Safe to call
    /// from a background thread; the error says what failed and where.
    pub fn write(&self, key: &RecoveryKey, network: &Network) -> io::Result<()> {
        self.write_text(key, &to_string(network))
    }

    /// [`Self::write`] of a network already written as file text (by [`to_string`] or
    /// [`super::to_string_unless`]).
    pub fn write_text(&self, key: &RecoveryKey, text: &str) -> io::Result<()> {
        self.write_text_with(key, text, None)
    }

    /// [`Self::write_text`], the network encrypted with `passphrase` when there is one
    /// (the recovery of an encrypted network): only the header line is plain.
    pub fn write_text_with(
        &self,
        key: &RecoveryKey,
        text: &str,
        passphrase: Option<&Passphrase>,
    ) -> io::Result<()> {
        let sealed = passphrase.map(|p| encryption::encrypt(text.as_bytes(), p)).transpose()?;
        let body = sealed.as_deref().unwrap_or(text.as_bytes());
        create_private_dir(&self.dir)?;
        let me = process::this_owner();
        let header = Header {
            document: key.document.as_ref().map(|p| p.to_string_lossy().into_owned()),
            saved_at: Timestamp::now(),
            pid: me.pid,
            host: me.host.clone(),
            process_start: me.process_start,
        };
        let header = super::format::one_line(&header).map_err(io::Error::other)?;
        let mut bytes =
            zeroize::Zeroizing::new(Vec::with_capacity(HEADER_PREFIX.len() + header.len() + 1 + body.len()));
        bytes.extend_from_slice(HEADER_PREFIX.as_bytes());
        bytes.extend_from_slice(header.as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(body);
        write_atomic(&self.path_of(key), &bytes, false)?;
        Ok(())
    }

    /// Every recovery file with a readable header, newest first. Files that are not
    /// recovery files are ignored.
    pub fn list(&self) -> Vec<RecoveryEntry> {
        let Ok(dir) = fs::read_dir(&self.dir) else { return Vec::new() };
        let mut entries: Vec<RecoveryEntry> = dir
            .flatten()
            .filter_map(|entry| {
                let path = entry.path();
                let name = path.file_name()?.to_str()?.strip_suffix(".ron")?.to_owned();
                if !RecoveryKey::is_valid_name(&name) || !entry.file_type().ok()?.is_file() {
                    return None;
                }
                let (header, encrypted) = read_header(&path)
                    .inspect_err(|e| log::warn!("{}: not a readable recovery file: {e}", path.display()))
                    .ok()?;
                let doc_path = header.document.map(PathBuf::from);
                Some(RecoveryEntry {
                    key: RecoveryKey { name, document: doc_path.clone() },
                    doc_path,
                    saved_at: header.saved_at,
                    path,
                    writer_pid: header.pid,
                    writer_host: header.host,
                    writer_process_start: header.process_start,
                    encrypted,
                })
            })
            .collect();
        entries.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.key.cmp(&b.key)));
        entries
    }

    /// The recoveries to offer on start: written by a process that is no longer
    /// running (not a second Rapport still editing), for an untitled document, a
    /// document that is gone, or one last modified before the recovery was written.
    pub fn entries_newer_than_their_document(&self) -> Vec<RecoveryEntry> {
        self.list().into_iter().filter(|entry| !writer_is_running(entry) && is_newer(entry)).collect()
    }

    /// Removes the recoveries that are older than their document (a save came after
    /// them) and whose writer is gone; returns how many. For start-up, after the offer.
    pub fn remove_outdated(&self) -> usize {
        self.list()
            .into_iter()
            .filter(|entry| !writer_is_running(entry) && !is_newer(entry))
            .filter(|entry| fs::remove_file(&entry.path).is_ok())
            .count()
    }

    /// Reads, parses and validates the recovered network (an encrypted one:
    /// [`LoadError::NeedsPassphrase`]).
    pub fn load(&self, entry: &RecoveryEntry) -> Result<Network, LoadError> {
        self.load_with(entry, None)
    }

    /// [`Self::load`], decrypting with `passphrase` when the recovery is encrypted.
    pub fn load_with(
        &self,
        entry: &RecoveryEntry,
        passphrase: Option<&Passphrase>,
    ) -> Result<Network, LoadError> {
        let path = &entry.path;
        let (bytes, _) =
            super::read_bounded(path).map_err(|source| LoadError::Read { path: path.clone(), source })?;
        let body_at = bytes.iter().position(|b| *b == b'\n').map_or(0, |n| n + 1);
        match bytes.get(body_at..) {
            Some(body) if encryption::is_encrypted(body) => {
                let plaintext = super::decrypt_file(body, path, passphrase)?;
                super::parse_bytes(&plaintext, path)
            }
            _ => super::parse_bytes(&bytes, path),
        }
    }

    /// Overwrites and removes the recovery of `key` ([`super::shred`]): its document
    /// went on encrypted, and no plaintext of it is to stay behind.
    pub fn shred(&self, key: &RecoveryKey) -> io::Result<()> {
        super::shred(&self.path_of(key))
    }

    /// Removes the recovery of `key` (after a clean save, or when the user discards
    /// it). No recovery file is not an error.
    pub fn remove(&self, key: &RecoveryKey) -> io::Result<()> {
        match fs::remove_file(self.path_of(key)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Whether the process that wrote `entry` still runs (another Rapport editing it).
fn writer_is_running(entry: &RecoveryEntry) -> bool {
    let owner = Owner {
        pid: entry.writer_pid,
        host: entry.writer_host.clone(),
        process_start: entry.writer_process_start,
    };
    process::liveness(&owner) == Liveness::Alive
}

/// Whether `entry` was written after its document last changed (or has none).
fn is_newer(entry: &RecoveryEntry) -> bool {
    let Some(document) = &entry.doc_path else { return true };
    match fs::metadata(document).and_then(|m| m.modified()) {
        Ok(modified) => Timestamp::try_from(modified).is_ok_and(|modified| entry.saved_at > modified),
        Err(_) => true,
    }
}

/// The header of the recovery file at `path`, and whether the network after it is
/// encrypted.
fn read_header(path: &Path) -> io::Result<(Header, bool)> {
    let mut start = Vec::new();
    fs::File::open(path)?.take(HEADER_MAX_BYTES).read_to_end(&mut start)?;
    let mut lines = start.splitn(2, |b| *b == b'\n');
    let line = lines.next().unwrap_or_default();
    let encrypted = lines.next().is_some_and(encryption::is_encrypted);
    let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_owned());
    let line = std::str::from_utf8(line).map_err(|_| invalid("the header is not UTF-8"))?;
    let header = line.strip_prefix(HEADER_PREFIX).ok_or_else(|| invalid("no recovery header"))?;
    let header = ron::Options::default()
        .with_recursion_limit(8)
        .from_str(header)
        .map_err(|e| invalid(&format!("bad recovery header: {e}")))?;
    Ok((header, encrypted))
}

/// FNV-1a, 64 bits: tiny, and the same on every platform and Rust version.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

/// Creates `dir` and its parents; the recovery folder is readable by its owner only.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", dir.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn keys_are_stable_per_path_and_fresh_per_untitled_document() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("n.ron");
        let key = RecoveryKey::for_document(&path);
        assert!(RecoveryKey::is_valid_name(key.name()), "{}", key.name());
        fs::write(&path, "x").expect("write");
        assert_eq!(RecoveryKey::for_document(&path), key, "same key before and after the file exists");
        let dotted = dir.path().join(".").join("n.ron");
        assert_eq!(RecoveryKey::for_document(&dotted).name(), key.name());
        assert_ne!(RecoveryKey::untitled(), RecoveryKey::untitled());
        assert!(RecoveryKey::is_valid_name(RecoveryKey::untitled().name()));
        assert!(!RecoveryKey::is_valid_name("doc-"));
        assert!(!RecoveryKey::is_valid_name("../doc-12"));
    }
}
