//! Lineage history (format 2's `parent`): the last [`KEEP`] versions of each document
//! this Rapport saved or opened, named by the SHA-256 of their bytes, so that the
//! common ancestor of two copies of a network can be found later (a sync conflict to
//! merge). `DATA/history/KEY/HASH.ron`, `KEY` as the document's recovery file is
//! named ([`RecoveryKey`]), next to `DATA/recovery`.
//!
//! A version is a hard link to the file just written or read when the file system
//! allows it (Rapport replaces a file by renaming a new one over it, so the linked
//! bytes stay as they were), else a copy. A version whose bytes no longer hash to its
//! name (a program that rewrote the document in place) is never handed out. The
//! versions of an encrypted network are its encrypted files: a link or a copy of one
//! is as encrypted as it (see [`super::load_stamped_with_key`] to read one).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::recovery::{RecoveryKey, RecoveryStore, data_dir};
use super::stamp::FileStamp;

/// How many versions of one document are kept.
pub const KEEP: usize = 20;

/// The history folder of every document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    dir: PathBuf,
}

impl History {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// `DATA/history`; `None` without a data folder.
    pub fn at_default_location() -> Option<Self> {
        data_dir().map(|dir| Self::new(dir.join("history")))
    }

    /// Next to the recovery files of `recovery`: `DATA/history` for `DATA/recovery`,
    /// else a `history` folder inside the recovery folder (tests give their own).
    pub fn next_to(recovery: &RecoveryStore) -> Self {
        let dir = recovery.dir();
        match (dir.file_name(), dir.parent()) {
            (Some(name), Some(parent)) if name == "recovery" => Self::new(parent.join("history")),
            _ => Self::new(dir.join("history")),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn folder(&self, key: &RecoveryKey) -> PathBuf {
        self.dir.join(key.name())
    }

    /// Keeps the file at `path` — just saved or opened, its bytes hashing to
    /// `lineage` — as a version of the document `key`, then only the newest [`KEEP`]
    /// (by when they were written).
    pub fn keep(&self, key: &RecoveryKey, path: &Path, lineage: &str) -> io::Result<()> {
        if !crate::model::is_sha256_hex(lineage) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a SHA-256"));
        }
        let folder = self.folder(key);
        fs::create_dir_all(&folder)?;
        let version = folder.join(format!("{lineage}.ron"));
        // A version kept already stays as it is: touching it would touch the document
        // it is linked to (and make a sync client send it again).
        if !version.is_file() && fs::hard_link(path, &version).is_err() {
            let partial = folder.join(format!(".{lineage}.partial"));
            fs::copy(path, &partial)?;
            fs::rename(&partial, &version)?;
        }
        self.prune(key)
    }

    /// The kept versions of `key`, newest first: `(lineage, when kept)`.
    pub fn versions(&self, key: &RecoveryKey) -> Vec<(String, SystemTime)> {
        let Ok(entries) = fs::read_dir(self.folder(key)) else { return Vec::new() };
        let mut versions: Vec<(String, SystemTime)> = entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_str()?.strip_suffix(".ron")?.to_owned();
                let modified = entry.metadata().ok()?.modified().ok()?;
                crate::model::is_sha256_hex(&name).then_some((name, modified))
            })
            .collect();
        versions.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        versions
    }

    /// The kept version of `key` whose bytes hash to `lineage`, if there is one and
    /// its bytes still do.
    pub fn find(&self, key: &RecoveryKey, lineage: &str) -> Option<PathBuf> {
        if !crate::model::is_sha256_hex(lineage) {
            return None;
        }
        let version = self.folder(key).join(format!("{lineage}.ron"));
        let stamp = FileStamp::read(&version).ok()?;
        (stamp.lineage() == lineage).then_some(version)
    }

    /// Overwrites and removes every kept version of `key` ([`super::shred`]): the
    /// network went on in another file (encrypted, or no longer), and the versions of
    /// this one are not to stay behind.
    pub fn forget(&self, key: &RecoveryKey) -> io::Result<()> {
        super::shred::shred_folder(&self.folder(key))
    }

    fn prune(&self, key: &RecoveryKey) -> io::Result<()> {
        for (lineage, _) in self.versions(key).into_iter().skip(KEEP) {
            let path = self.folder(key).join(format!("{lineage}.ron"));
            if let Err(error) = fs::remove_file(&path)
                && error.kind() != io::ErrorKind::NotFound
            {
                return Err(error);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_versions_by_hash_and_never_a_rewritten_one() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let history = History::new(dir.path().join("history"));
        let doc = dir.path().join("network.ron");
        let key = RecoveryKey::for_document(&doc);
        let mut kept = Vec::new();
        for i in 0..KEEP + 3 {
            // As a save does: a new file renamed over the old one.
            let next = dir.path().join("network.ron.next");
            fs::write(&next, format!("(version: 2, profile: (name: \"v{i}\"))\n")).expect("write");
            fs::rename(&next, &doc).expect("rename");
            let lineage = FileStamp::read(&doc).expect("stamp").lineage();
            history.keep(&key, &doc, &lineage).expect("kept");
            kept.push(lineage);
            // Distinct modification times, even on coarse clocks.
            let when = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000 + i as u64);
            let version = history.folder(&key).join(format!("{}.ron", kept[i]));
            fs::File::options().write(true).open(&version).expect("open").set_modified(when).expect("time");
        }
        // keep() prunes before the times above are set: prune once more as the next keep would.
        history.prune(&key).expect("pruned");
        let versions: Vec<String> = history.versions(&key).into_iter().map(|(l, _)| l).collect();
        let newest: Vec<String> = kept.iter().rev().take(KEEP).cloned().collect();
        assert_eq!(versions, newest);
        // Each still holds the bytes of its version, though the document moved on.
        let oldest_kept = newest.last().expect("a version");
        assert!(history.find(&key, oldest_kept).is_some());
        assert!(history.find(&key, &kept[0]).is_none(), "pruned");
        // Rewritten in place: not handed out as that version.
        let path = history.find(&key, &newest[0]).expect("the newest");
        fs::write(&path, "tampered").expect("write");
        assert!(history.find(&key, &newest[0]).is_none());
        assert!(history.keep(&key, &doc, "not a hash").is_err());
    }

    #[test]
    fn lives_next_to_the_recovery_files() {
        let data = Path::new("/data");
        assert_eq!(History::next_to(&RecoveryStore::new(data.join("recovery"))).dir(), data.join("history"));
        assert_eq!(History::next_to(&RecoveryStore::new("/tmp/x")).dir(), Path::new("/tmp/x/history"));
    }
}
