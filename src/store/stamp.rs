//! Noticing that a file changed on disk since it was loaded or saved (another
//! program, a sync client): its length, modification time and the SHA-256 of its
//! bytes — which is also its lineage, the `parent` the next save writes.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, Read};

use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::SystemTime;

/// What a file was when this process last read or wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// SHA-256 of the bytes.
    pub hash: [u8; 32],
}

/// How a file compares with its [`FileStamp`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDisk {
    /// Same bytes as when stamped (its modification time may differ: a `touch`, or a
    /// sync client writing the same bytes again).
    Unchanged,
    /// Other bytes.
    Changed,
    /// The file is gone (deleted, moved or renamed).
    Missing,
}

impl FileStamp {
    /// The stamp of `bytes`, just read from or written to a file whose modification
    /// time is `modified`.
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Self { len: bytes.len() as u64, modified, hash: hash_bytes(bytes) }
    }

    /// The hash as format 2 writes it in `parent`: 64 lowercase hex digits.
    pub fn lineage(&self) -> String {
        let mut hex = String::with_capacity(64);
        for byte in self.hash {
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }

    /// Reads `path` and stamps it.
    pub fn read(path: &Path) -> io::Result<Self> {
        let mut file = File::open(path)?;
        let modified = file.metadata()?.modified().ok();
        let (len, hash) = hash_reader(&mut file)?;
        Ok(Self { len, modified, hash })
    }
}

/// A [`FileStamp`] taken of bytes as they are written, piece by piece.
#[derive(Default)]
pub(crate) struct StampHasher {
    hasher: Sha256,
    len: u64,
}

impl StampHasher {
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
    }

    pub(crate) fn finish(self, modified: Option<SystemTime>) -> FileStamp {
        FileStamp { len: self.len, modified, hash: self.hasher.finalize().into() }
    }
}

/// Whether `path` holds other bytes than when `stamp` was taken; a missing file counts
/// as changed (use [`check_on_disk`] to tell the two apart).
pub fn changed_on_disk(path: &Path, stamp: &FileStamp) -> io::Result<bool> {
    check_on_disk(path, stamp).map(|state| state != OnDisk::Unchanged)
}

/// How `path` compares with `stamp`. Reads the whole file only when its length is
/// unchanged: modification times are too coarse on some file systems to be trusted
/// alone, and a sync client may rewrite the same bytes with a new time.
pub fn check_on_disk(path: &Path, stamp: &FileStamp) -> io::Result<OnDisk> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(OnDisk::Missing),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() || meta.len() != stamp.len {
        return Ok(OnDisk::Changed);
    }
    let (len, hash) = hash_reader(&mut file)?;
    Ok(if len == stamp.len && hash == stamp.hash { OnDisk::Unchanged } else { OnDisk::Changed })
}

fn hash_bytes(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Length and hash of everything `reader` yields, read in pieces.
fn hash_reader(reader: &mut impl Read) -> io::Result<(u64, [u8; 32])> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 256 * 1024];
    let mut len = 0u64;
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => return Ok((len, hasher.finalize().into())),
            Ok(n) => {
                hasher.update(buffer.get(..n).unwrap_or_default());
                len += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn hashing_in_pieces_equals_hashing_at_once() {
        let bytes: Vec<u8> = (0..700_000u32).map(|i| (i % 251) as u8).collect();
        let (len, hash) = hash_reader(&mut io::Cursor::new(&bytes)).expect("read");
        assert_eq!((len, hash), (bytes.len() as u64, hash_bytes(&bytes)));
    }

    #[test]
    fn the_lineage_is_the_sha256_in_lowercase_hex() {
        let stamp = FileStamp::of_bytes(b"abc", None);
        assert_eq!(stamp.lineage(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn a_stamp_notices_other_bytes_of_the_same_length_and_ignores_a_touch() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("n.ron");
        fs::write(&path, "abc").expect("write");
        let stamp = FileStamp::read(&path).expect("stamp");
        assert_eq!(stamp, FileStamp::of_bytes(b"abc", stamp.modified));
        assert_eq!(check_on_disk(&path, &stamp).expect("check"), OnDisk::Unchanged);
        fs::write(&path, "abc").expect("write the same bytes again");
        assert!(!changed_on_disk(&path, &stamp).expect("check"));
        fs::write(&path, "abd").expect("write other bytes");
        assert_eq!(check_on_disk(&path, &stamp).expect("check"), OnDisk::Changed);
        fs::write(&path, "abcd").expect("write a longer file");
        assert!(changed_on_disk(&path, &stamp).expect("check"));
        fs::remove_file(&path).expect("remove");
        assert_eq!(check_on_disk(&path, &stamp).expect("check"), OnDisk::Missing);
        assert!(changed_on_disk(&path, &stamp).expect("check"));
    }
}
