//! Sync conflict copies as the window shows them: the copies found next to the open
//! file, the review of a merge before it is applied, and the choice of a base when
//! the history holds no common ancestor.

use std::path::PathBuf;

use crate::analysis::merge::ConflictKey;

/// A conflict copy found next to the open file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncCopy {
    pub path: PathBuf,
    pub name: String,
    /// "Syncthing", "Dropbox", "Nextcloud".
    pub tool: &'static str,
}

/// A merge of a conflict copy into the open document, before it is applied.
#[derive(Debug)]
pub struct SyncReview {
    pub copy: SyncCopy,
    /// Which version both descend from: "the version kept on 2026-12-01 10:02 UTC".
    pub base: String,
    /// What the merge changes in the open document: "3 records added, 1 changed".
    pub changes: String,
    pub rows: Vec<ConflictRow>,
    /// A switch is being merged again.
    pub working: bool,
}

/// One conflict: where it is, the value kept and the other one.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictRow {
    pub key: ConflictKey,
    /// "Contact 3 (Cy Young) · notes".
    pub place: String,
    /// The value the merge keeps, and the other side's (RON, as in the file).
    pub kept: String,
    pub other: String,
    /// Switched from the default (mine, or the changed record) to the other side.
    pub switched: bool,
}

/// No common ancestor in the history: which kept version to merge against.
#[derive(Debug)]
pub struct ChooseBase {
    pub copy: SyncCopy,
    /// Kept versions of the document, newest first: when each was kept.
    pub versions: Vec<String>,
}
