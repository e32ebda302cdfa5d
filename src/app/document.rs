//! The open document: the network, where it lives, and whether it has unsaved work.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::Network;
use crate::store::{DocumentLock, FileStamp, RecoveryKey};

pub struct Document {
    /// Shared, so that a save or a recovery write in the background holds a snapshot
    /// for free; an edit during such a write copies (see [`Document::network_mut`]).
    pub network: Arc<Network>,
    /// `None` for an untitled network (new, or the sample copy).
    pub path: Option<PathBuf>,
    /// Bumped by every change; caches compare against it.
    pub revision: u64,
    saved_revision: u64,
    /// Where unsaved work of this document is kept in case of a crash.
    pub recovery_key: RecoveryKey,
    /// The file as loaded or last saved, to notice changes made elsewhere.
    pub stamp: Option<FileStamp>,
    /// Held while this window edits the file.
    pub lock: Option<DocumentLock>,
    /// Why the document cannot be edited here (another Rapport has it open).
    pub read_only: Option<String>,
}

impl Document {
    pub fn new(network: Network, path: Option<PathBuf>) -> Self {
        let recovery_key = path.as_deref().map_or_else(RecoveryKey::untitled, RecoveryKey::for_document);
        Self {
            network: Arc::new(network),
            path,
            revision: 0,
            saved_revision: 0,
            recovery_key,
            stamp: None,
            lock: None,
            read_only: None,
        }
    }

    /// The network to change: copied first only if a background writer still holds it.
    pub fn network_mut(&mut self) -> &mut Network {
        Arc::make_mut(&mut self.network)
    }

    /// The revision that was last saved.
    pub fn saved_revision(&self) -> u64 {
        self.saved_revision
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    pub fn mark_changed(&mut self) {
        self.revision += 1;
    }

    pub fn mark_saved(&mut self, path: &Path, stamp: FileStamp) {
        self.mark_saved_at(path, stamp, self.revision);
    }

    /// Marks `revision` as saved (a background save of an earlier snapshot leaves the
    /// document dirty when it changed since).
    pub fn mark_saved_at(&mut self, path: &Path, stamp: FileStamp, revision: u64) {
        if self.path.as_deref() != Some(path) {
            self.recovery_key = RecoveryKey::for_document(path);
        }
        self.path = Some(path.to_owned());
        self.saved_revision = revision;
        self.stamp = Some(stamp);
    }

    /// The file name, or "Untitled".
    pub fn name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(|| "Untitled".to_owned(), |n| n.to_string_lossy().into_owned())
    }

    /// A file name to suggest in Save As.
    pub fn suggested_file_name(&self) -> String {
        match &self.path {
            Some(_) => self.name(),
            None => "network.ron".to_owned(),
        }
    }
}
