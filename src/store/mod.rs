//! The only code that touches disk: versioned RON load and save, atomic writes and
//! backups, recovery files, lock files and change detection. Errors name the file,
//! and for parse errors the line and column. An encrypted network ([`encryption`]) is
//! read and written through the same calls given its [`Passphrase`]: every file
//! written for it (the file, its temporary file, recovery files) is encrypted, and the
//! backup and the history versions are links to or copies of those.
//!
//! What the app does with it:
//! - open: [`load_stamped`] (keep the [`FileStamp`]), then [`DocumentLock::acquire`]
//!   (on [`LockError::HeldBy`], open read-only); on failure offer [`backup_path`]
//!   when it exists — a file that failed to load is never written over;
//! - save: [`check_on_disk`] against the stamp (changed: ask reload / overwrite /
//!   save as), then [`save_stamped`]; a [`SaveError`] leaves the file as it was;
//! - while dirty: [`RecoveryStore::write`] off the UI thread; on start,
//!   [`RecoveryStore::entries_newer_than_their_document`].

mod atomic;
pub mod conflicts;
mod diff;
pub mod encryption;
mod format;
mod history;
mod lock;
mod process;
pub mod recovery;
mod save;
mod shred;
mod sink;
mod stamp;

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

pub use atomic::{Written, backup_path, write_atomic, write_atomic_with};
pub use diff::{DiffCounts, ListDiff, diff_counts};
pub use encryption::{DecryptError, Key, Passphrase, Sealer, is_encrypted};
pub use format::{
    Chunking, RECURSION_LIMIT, parse, parse_record_lines, parse_standard, parse_with, parse_with_progress,
    to_string, to_string_as_child, to_string_as_child_unless, to_string_standard, to_string_unless,
    to_string_with, write_in_pieces,
};
pub use history::History;
pub use lock::{DocumentLock, LockError, lock_path};
pub use recovery::{RecoveryEntry, RecoveryKey, RecoveryStore};
pub use save::{
    save, save_stamped, save_stamped_with_key, save_text_sealed, save_text_stamped,
    save_text_stamped_with_key, save_with, save_with_key,
};
pub use shred::shred;
pub use sink::{FailAt, RealFs, SaveSink};
pub use stamp::{FileStamp, OnDisk, changed_on_disk, check_on_disk};

use crate::model::{Network, Problem};

/// The largest file Rapport opens: far above a million exchanges (about 200 MB), and
/// a bound on the memory a hostile file can make the loader take.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Why a network file could not be opened. Display gives the one-line message.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse { path: PathBuf, line: usize, col: usize, message: String },
    #[error(
        "{}: the file is format version {found}, newer than this Rapport understands (version {known}); update Rapport to open it",
        path.display(),
        known = crate::model::FORMAT_VERSION
    )]
    NewerVersion { path: PathBuf, found: u64 },
    #[error("{}: {}", path.display(), summarize(problems))]
    Invalid { path: PathBuf, problems: Vec<Problem> },
    /// An encrypted file, and no passphrase was given.
    #[error("{}: the file is encrypted: its passphrase is needed to open it", path.display())]
    NeedsPassphrase { path: PathBuf },
    /// An encrypted file that the passphrase given does not open.
    #[error("{}: cannot decrypt the file: {source}", path.display())]
    Decrypt { path: PathBuf, source: DecryptError },
}

fn summarize(problems: &[Problem]) -> String {
    match problems {
        [one] => one.to_string(),
        [first, rest] => format!("{first} (and 1 more problem: {rest})"),
        [first, rest @ ..] => format!("{first} (and {} more problems)", rest.len()),
        [] => "invalid network".to_owned(),
    }
}

impl LoadError {
    /// One line per problem, `FILE:LINE:COL: message` or `FILE: message`.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::Invalid { path, problems } => {
                problems.iter().map(|p| format!("{}: {p}", path.display())).collect()
            }
            other => vec![other.to_string()],
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            Self::Read { path, .. }
            | Self::Parse { path, .. }
            | Self::NewerVersion { path, .. }
            | Self::Invalid { path, .. }
            | Self::NeedsPassphrase { path }
            | Self::Decrypt { path, .. } => path,
        }
    }

    /// Whether asking for the passphrase (again) may open the file: none was given, or
    /// the one given is wrong.
    pub fn wants_passphrase(&self) -> bool {
        matches!(
            self,
            Self::NeedsPassphrase { .. } | Self::Decrypt { source: DecryptError::WrongPassphrase, .. }
        )
    }
}

/// A network read from its file ([`load_stamped_with_key`]).
#[derive(Debug)]
pub struct LoadedFile {
    pub network: Network,
    /// The stamp of the bytes on disk (encrypted ones, for an encrypted file).
    pub stamp: FileStamp,
    /// Whether the file was encrypted (and so is to be saved encrypted again).
    pub encrypted: bool,
}

/// Why a save failed. The file on disk is left as it was.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {}", path.display(), self.describe())]
pub struct SaveError {
    /// The file that was being saved.
    pub path: PathBuf,
    /// The step that failed, with the file or folder it concerned.
    pub step: SaveStep,
    pub source: io::Error,
}

/// The steps of a save, as named in a [`SaveError`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStep {
    /// The path names no file.
    Target,
    /// The file is marked read-only; Rapport does not replace it.
    ReadOnlyFile,
    CreateTemp {
        folder: PathBuf,
    },
    WriteTemp {
        temp: PathBuf,
    },
    SyncTemp {
        temp: PathBuf,
    },
    /// Keeping the previous file as `NAME.bak`.
    Backup {
        backup: PathBuf,
    },
    /// Renaming the temporary file over the file.
    Replace {
        temp: PathBuf,
    },
    /// Encrypting the network before anything is written.
    Encrypt,
}

impl SaveError {
    /// The cause in plain words, when it is a common one: "the disk is full"…
    pub fn reason(&self) -> Option<&'static str> {
        use io::ErrorKind as K;
        Some(match self.source.kind() {
            K::StorageFull => "the disk is full",
            K::QuotaExceeded => "the disk quota is used up",
            K::ReadOnlyFilesystem => "the disk is read-only",
            K::PermissionDenied if self.step == SaveStep::ReadOnlyFile => "the file is marked read-only",
            K::PermissionDenied => "permission denied",
            K::NotFound if matches!(self.step, SaveStep::CreateTemp { .. }) => "the folder does not exist",
            K::NotFound => "the folder was removed while saving",
            K::IsADirectory => "a folder has that name",
            K::NotADirectory => "part of the path is a file, not a folder",
            K::FileTooLarge => "the file is too large for the disk",
            _ => return None,
        })
    }

    fn describe(&self) -> String {
        let step = match &self.step {
            SaveStep::Target => String::new(),
            SaveStep::ReadOnlyFile => "the file is read-only".to_owned(),
            SaveStep::CreateTemp { folder } => {
                format!("cannot create a temporary file in {}", folder.display())
            }
            SaveStep::WriteTemp { temp } => format!("cannot write {}", temp.display()),
            SaveStep::SyncTemp { temp } => format!("cannot flush {} to the disk", temp.display()),
            SaveStep::Backup { backup } => {
                format!("cannot keep the previous version as {}", backup.display())
            }
            SaveStep::Replace { temp } => format!("cannot rename {} over the file", temp.display()),
            SaveStep::Encrypt => "cannot encrypt the network".to_owned(),
        };
        let detail =
            if step.is_empty() { self.source.to_string() } else { format!("{step}: {}", self.source) };
        match self.reason() {
            Some(reason) => format!("{reason} ({detail})"),
            None => detail,
        }
    }
}

impl From<SaveError> for io::Error {
    fn from(error: SaveError) -> Self {
        io::Error::new(error.source.kind(), error)
    }
}

/// Reads, parses and validates the network in `path`.
pub fn load(path: &Path) -> Result<Network, LoadError> {
    let (bytes, _) =
        read_bounded(path).map_err(|source| LoadError::Read { path: path.to_owned(), source })?;
    parse_bytes(&bytes, path)
}

/// [`load`], also returning the stamp of the bytes read, to check before saving
/// whether the file changed on disk in the meantime ([`check_on_disk`]). A document
/// opened to edit descends from those bytes: set its `parent` to the stamp's
/// [`lineage`](FileStamp::lineage) before its next save.
pub fn load_stamped(path: &Path) -> Result<(Network, FileStamp), LoadError> {
    load_stamped_with_progress(path, &AtomicU64::new(0))
}

/// [`load_stamped`], adding to `progress` the bytes parsed so far: it goes from 0 to
/// the file's length (its metadata's `len()`), for a progress bar.
pub fn load_stamped_with_progress(
    path: &Path,
    progress: &AtomicU64,
) -> Result<(Network, FileStamp), LoadError> {
    load_stamped_with_key(path, None, progress).map(|loaded| (loaded.network, loaded.stamp))
}

/// [`load_stamped_with_progress`] of a file that may be encrypted: decrypted with
/// `key` when it is (without one: [`LoadError::NeedsPassphrase`]); a plain file is
/// read as it is, whatever `key`. `progress` counts the plaintext parsed.
pub fn load_stamped_with_key(
    path: &Path,
    key: Option<&Passphrase>,
    progress: &AtomicU64,
) -> Result<LoadedFile, LoadError> {
    let read_error = |source| LoadError::Read { path: path.to_owned(), source };
    let (bytes, modified) = read_bounded(path).map_err(read_error)?;
    if !is_encrypted(&bytes) {
        // The stamp's hash on a thread of its own: the parser leaves a core free now
        // and then (its UTF-8 check, validation), and the hash fills those gaps.
        let (network, stamp) = std::thread::scope(|scope| {
            let hashing = std::thread::Builder::new()
                .spawn_scoped(scope, || FileStamp::of_bytes(&bytes, modified))
                .ok();
            let network = parse_bytes_with_progress(&bytes, path, progress);
            let stamp = match hashing.map(std::thread::ScopedJoinHandle::join) {
                Some(Ok(stamp)) => stamp,
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => FileStamp::of_bytes(&bytes, modified),
            };
            (network, stamp)
        });
        return Ok(LoadedFile { network: network?, stamp, encrypted: false });
    }
    // The stamp's hash (~0.1 s at a million exchanges) while the key is derived.
    let (stamp, plaintext) = std::thread::scope(|scope| {
        let hashing =
            std::thread::Builder::new().spawn_scoped(scope, || FileStamp::of_bytes(&bytes, modified)).ok();
        let plaintext = decrypt_file(&bytes, path, key);
        let stamp = match hashing.map(std::thread::ScopedJoinHandle::join) {
            Some(Ok(stamp)) => stamp,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => FileStamp::of_bytes(&bytes, modified),
        };
        (stamp, plaintext)
    });
    drop(bytes);
    let network = parse_bytes_with_progress(&plaintext?, path, progress)?;
    Ok(LoadedFile { network, stamp, encrypted: true })
}

/// [`load`] of a file that may be encrypted (see [`load_stamped_with_key`]), without
/// the stamp: for a copy that is only read, such as a merge's base and theirs, whose
/// hash would be a tenth of a second spent for nothing at a million exchanges.
pub fn load_with_key(path: &Path, key: Option<&Passphrase>) -> Result<Network, LoadError> {
    let (bytes, _) =
        read_bounded(path).map_err(|source| LoadError::Read { path: path.to_owned(), source })?;
    if !is_encrypted(&bytes) {
        return parse_bytes(&bytes, path);
    }
    let plaintext = decrypt_file(&bytes, path, key);
    drop(bytes);
    parse_bytes(&plaintext?, path)
}

/// The plaintext of the encrypted file contents `bytes` (of `path`, for messages).
pub fn decrypt_file(
    bytes: &[u8],
    path: &Path,
    key: Option<&Passphrase>,
) -> Result<zeroize::Zeroizing<Vec<u8>>, LoadError> {
    let key = key.ok_or_else(|| LoadError::NeedsPassphrase { path: path.to_owned() })?;
    encryption::decrypt(bytes, key).map_err(|source| LoadError::Decrypt { path: path.to_owned(), source })
}

/// The bytes of `path` (at most [`MAX_FILE_BYTES`]) and its modification time, both
/// from the same open file.
fn read_bounded(path: &Path) -> io::Result<(Vec<u8>, Option<std::time::SystemTime>)> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, "it is a folder, not a file"));
    }
    let too_large = || {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("the file is larger than {} MiB, the most Rapport opens", MAX_FILE_BYTES >> 20),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok((bytes, meta.modified().ok()))
}

/// Parses and validates file contents; `path` is only used in messages.
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Network, LoadError> {
    parse_bytes_with_progress(bytes, path, &AtomicU64::new(0))
}

/// [`parse_bytes`], adding to `progress` the bytes parsed so far ([`parse_with_progress`]).
pub fn parse_bytes_with_progress(
    bytes: &[u8],
    path: &Path,
    progress: &AtomicU64,
) -> Result<Network, LoadError> {
    if is_encrypted(bytes) {
        return Err(LoadError::NeedsPassphrase { path: path.to_owned() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = format::line_col(bytes, e.valid_up_to());
        LoadError::Parse {
            path: path.to_owned(),
            line,
            col,
            message: "the file is not valid UTF-8 text".to_owned(),
        }
    })?;
    let network = parse_with_progress(text, path, progress)?;
    let problems = crate::model::validate(&network);
    if problems.is_empty() {
        Ok(network)
    } else {
        Err(LoadError::Invalid { path: path.to_owned(), problems })
    }
}
