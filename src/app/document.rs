//! The open document: the network, where it lives, and whether it has unsaved work.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{FORMAT_VERSION, Network};
use crate::store::{DocumentLock, FileStamp, RecoveryKey};

/// Tells documents apart: a background save reports to the document it was started
/// for, not to one opened since.
static NEXT_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

pub struct Document {
    /// This document among all opened in this run (see [`NEXT_SERIAL`]).
    pub serial: u64,
    /// Shared, so that a save or a recovery write in the background holds a snapshot
    /// for free; an edit during such a write copies (see [`Document::network_mut`]).
    pub network: Arc<Network>,
    /// `None` for an untitled network (new, or the sample copy).
    pub path: Option<PathBuf>,
    /// Bumped by every change, undo and redo included; caches compare against it.
    pub revision: u64,
    /// Which state the network is in: a new id for every edit, and the id of an earlier
    /// state when undo or redo goes back to it.
    content: u64,
    /// The content id last saved.
    saved_content: u64,
    /// Where unsaved work of this document is kept in case of a crash.
    pub recovery_key: RecoveryKey,
    /// The file as loaded or last saved, to notice changes made elsewhere.
    pub stamp: Option<FileStamp>,
    /// Held while this window edits the file.
    pub lock: Option<DocumentLock>,
    /// Why the document cannot be edited here (another Rapport has it open).
    pub read_only: Option<String>,
    /// The file name this untitled document is a copy of (a backup opened as a copy).
    pub copy_of: Option<String>,
    /// The passphrase of an encrypted network: every file written for it is encrypted
    /// with it. Dropped (and wiped, once no save holds it) with the document.
    pub key: Option<crate::store::Key>,
    /// The days the sample network's dates were moved by, while this untitled
    /// document is the sample as opened ("Sample" in the title); `None` otherwise,
    /// and once it is saved as a file (the user's own file then).
    pub sample_shift: Option<i64>,
}

impl Document {
    pub fn new(network: Network, path: Option<PathBuf>) -> Self {
        let recovery_key = path.as_deref().map_or_else(RecoveryKey::untitled, RecoveryKey::for_document);
        Self {
            serial: NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            network: Arc::new(network),
            path,
            revision: 0,
            content: 0,
            saved_content: 0,
            recovery_key,
            stamp: None,
            lock: None,
            read_only: None,
            copy_of: None,
            key: None,
            sample_shift: None,
        }
    }

    /// The network to change: copied first only if a background writer still holds it.
    pub fn network_mut(&mut self) -> &mut Network {
        Arc::make_mut(&mut self.network)
    }

    /// Which state the network is in (see [`Self::mark_changed`], [`Self::went_back_to`]).
    pub fn content(&self) -> u64 {
        self.content
    }

    /// Whether the network differs from what was last saved (or loaded): undoing back
    /// to that state makes the document clean again.
    pub fn is_dirty(&self) -> bool {
        self.content != self.saved_content
    }

    /// The network changed to a state it was never in.
    pub fn mark_changed(&mut self) {
        self.revision += 1;
        self.content = self.revision;
    }

    /// Undo or redo brought the network back to the state `content`.
    pub fn went_back_to(&mut self, content: u64) {
        self.revision += 1;
        self.content = content;
    }

    /// Marks the state `content` as saved (a background save of an earlier snapshot
    /// leaves the document dirty when it changed since).
    ///
    /// The network is now what the file holds: written with `parent`, in the current
    /// format. Returns the version it was in before when this save upgraded it.
    pub fn mark_saved_at(
        &mut self,
        path: &Path,
        stamp: FileStamp,
        parent: Option<String>,
        content: u64,
    ) -> Option<u32> {
        if self.path.as_deref() != Some(path) {
            self.recovery_key = RecoveryKey::for_document(path);
        }
        self.path = Some(path.to_owned());
        self.sample_shift = None;
        self.saved_content = content;
        self.stamp = Some(stamp);
        let upgraded = (self.network.version < FORMAT_VERSION).then_some(self.network.version);
        if self.network.parent != parent || upgraded.is_some() {
            // Not an edit: the file's head, as written.
            let network = self.network_mut();
            network.parent = parent;
            network.version = FORMAT_VERSION;
        }
        upgraded
    }

    /// The file name, or "Sample" for the sample, or "Untitled".
    pub fn name(&self) -> String {
        match (self.path.as_deref().and_then(Path::file_name), &self.copy_of) {
            (Some(name), _) => name.to_string_lossy().into_owned(),
            (None, Some(original)) => format!("Copy of {original}"),
            (None, None) if self.sample_shift.is_some() => "Sample".to_owned(),
            (None, None) => "Untitled".to_owned(),
        }
    }

    /// What the views show of the document besides its network.
    pub fn status(&self) -> crate::state::DocStatus {
        crate::state::DocStatus {
            path: self.path.clone(),
            dirty: self.is_dirty(),
            read_only: self.read_only.clone(),
            encrypted: self.key.is_some(),
            sample: self.sample_shift.is_some(),
        }
    }

    /// A file name to suggest in Save As.
    pub fn suggested_file_name(&self) -> String {
        match &self.path {
            Some(_) => self.name(),
            None if self.key.is_some() => "network.ron.age".to_owned(),
            None => "network.ron".to_owned(),
        }
    }
}
