//! Sync conflict copies of the open file: found after each open and save, merged
//! against their common ancestor from the lineage history (or a version the user
//! picks), reviewed, applied as one undoable edit, then moved to an archive folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::App;
use super::jobs::Task;
use super::messages::Done;
use crate::analysis::merge::{self, Flips, List, Merged, What};
use crate::model::Network;
use crate::state::{ChooseBase, ConflictRow, EditRequest, Modal, SyncCopy, SyncReview};
use crate::store::{self, conflicts};

/// A merge under review: its inputs, kept so that a switched conflict merges again.
pub(super) struct SyncMerge {
    copy: SyncCopy,
    /// The document it was started for, and its state then.
    serial: u64,
    base: Arc<Network>,
    base_label: String,
    theirs: Arc<Network>,
    flips: Flips,
    merged: Option<Box<Merged>>,
    /// Kept versions offered as a base, when the history had no common ancestor.
    versions: Vec<String>,
}

/// A conflict copy read, with the base found for it (or the versions to choose from).
pub(super) struct CopyRead {
    theirs: Network,
    base: Option<(Network, String)>,
    versions: Vec<(String, String)>,
}

impl App {
    /// Looks for conflict copies next to the open file, in the background.
    pub(super) fn look_for_conflict_copies(&mut self) {
        let Some(document) = self.doc.path.clone() else {
            self.sync_copies.clear();
            return;
        };
        let task = Task::spawn(&self.ctx, "find-conflicts", move || {
            let copies = conflicts::find_conflict_copies(&document);
            Done::ConflictCopiesFound { document, copies }
        });
        self.tasks.push(task);
    }

    pub(super) fn conflict_copies_found(&mut self, document: &Path, copies: Vec<conflicts::ConflictCopy>) {
        if self.doc.path.as_deref() != Some(document) {
            return;
        }
        self.sync_copies = copies
            .into_iter()
            .map(|copy| SyncCopy {
                name: copy.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                path: copy.path,
                tool: copy.tool.label(),
            })
            .collect();
    }

    /// Reads a conflict copy and finds its base, in the background; the review follows.
    pub(super) fn review_conflict_copy(&mut self, path: &Path) {
        let Some(copy) = self.sync_copies.iter().find(|c| c.path == path).cloned() else { return };
        let (Some(recovery), Some(stamp)) = (&self.recovery, self.doc.stamp) else {
            self.show_error(
                "Cannot merge the conflict copy",
                "Rapport keeps no history of versions here (no data folder), so it cannot find the version both copies come from.".to_owned(),
                None,
            );
            return;
        };
        let history = store::History::next_to(recovery.store());
        let key = self.doc.recovery_key.clone();
        let mine = (stamp.lineage(), self.doc.network.parent.clone());
        let serial = self.doc.serial;
        let task = Task::spawn(&self.ctx, "read-conflict-copy", move || {
            let result = read_copy(&history, &key, &copy.path, mine).map(Box::new);
            Done::CopyRead { copy, serial, result }
        });
        self.tasks.push(task);
    }

    pub(super) fn copy_read(&mut self, copy: SyncCopy, serial: u64, result: Result<Box<CopyRead>, String>) {
        if serial != self.doc.serial {
            return;
        }
        let read = match result {
            Ok(read) => *read,
            Err(error) => return self.show_error(&format!("Could not read {}", copy.name), error, None),
        };
        let versions: Vec<String> = read.versions.iter().map(|(_, when)| when.clone()).collect();
        let lineages: Vec<String> = read.versions.into_iter().map(|(lineage, _)| lineage).collect();
        let theirs = Arc::new(read.theirs);
        match read.base {
            Some((base, base_label)) => {
                self.sync_merge = Some(SyncMerge {
                    copy,
                    serial,
                    base: Arc::new(base),
                    base_label,
                    theirs,
                    flips: Flips::new(),
                    merged: None,
                    versions: lineages,
                });
                self.merge_again();
            }
            None => {
                self.sync_merge = Some(SyncMerge {
                    copy: copy.clone(),
                    serial,
                    base: Arc::new(Network::default()),
                    base_label: String::new(),
                    theirs,
                    flips: Flips::new(),
                    merged: None,
                    versions: lineages,
                });
                self.modal = Some(Modal::ChooseBase(Box::new(ChooseBase { copy, versions })));
            }
        }
    }

    /// The user picked the kept version at `index` as the base.
    pub(super) fn use_base(&mut self, index: usize) {
        let (Some(sync), Some(recovery)) = (&self.sync_merge, &self.recovery) else { return };
        let Some(lineage) = sync.versions.get(index).cloned() else { return };
        let history = store::History::next_to(recovery.store());
        let key = self.doc.recovery_key.clone();
        let serial = self.doc.serial;
        let task = Task::spawn(&self.ctx, "read-base", move || {
            let result = history
                .find(&key, &lineage)
                .ok_or_else(|| "that version is no longer kept".to_owned())
                .and_then(|path| store::load(&path).map_err(|e| e.to_string()))
                .map(|network| Box::new((network, "the version you chose".to_owned())));
            Done::BaseRead { serial, result }
        });
        self.tasks.push(task);
    }

    pub(super) fn base_read(&mut self, serial: u64, result: Result<Box<(Network, String)>, String>) {
        if serial != self.doc.serial {
            return;
        }
        match (result, &mut self.sync_merge) {
            (Ok(read), Some(sync)) => {
                let (base, label) = *read;
                sync.base = Arc::new(base);
                sync.base_label = label;
                self.merge_again();
            }
            (Err(error), _) => self.show_error("Could not read that version", error, None),
            (Ok(_), None) => {}
        }
    }

    /// Merges the copy into the document as it is now, with the switches made so far.
    fn merge_again(&mut self) {
        let Some(sync) = &mut self.sync_merge else { return };
        if let Some(Modal::SyncReview(review)) = &mut self.modal {
            review.working = true;
        }
        let (base, mine, theirs) = (sync.base.clone(), self.doc.network.clone(), sync.theirs.clone());
        let (flips, serial, revision) = (sync.flips.clone(), sync.serial, self.doc.revision);
        let task = Task::spawn(&self.ctx, "merge-copy", move || {
            let merged = Box::new(merge::merge(&base, &mine, &theirs, &flips));
            let changes = describe_changes(&mine, &merged.network);
            Done::CopyMerged { serial, revision, merged, changes }
        });
        self.tasks.push(task);
    }

    pub(super) fn copy_merged(&mut self, serial: u64, revision: u64, merged: Box<Merged>, changes: String) {
        let Some(sync) = &mut self.sync_merge else { return };
        if serial != sync.serial || serial != self.doc.serial {
            return;
        }
        if revision != self.doc.revision {
            // The document changed meanwhile: merge into what it is now.
            return self.merge_again();
        }
        let network = &self.doc.network;
        let review = SyncReview {
            copy: sync.copy.clone(),
            base: sync.base_label.clone(),
            changes,
            rows: merged.conflicts.iter().map(|c| row(network, &sync.theirs, c)).collect(),
            working: false,
        };
        sync.merged = Some(merged);
        self.modal = Some(Modal::SyncReview(Box::new(review)));
    }

    pub(super) fn switch_conflict(&mut self, review: Box<SyncReview>, index: usize) {
        if let Some(sync) = &mut self.sync_merge
            && let Some(row) = review.rows.get(index)
            && !sync.flips.remove(&row.key)
        {
            sync.flips.insert(row.key);
        }
        self.modal = Some(Modal::SyncReview(review));
        self.merge_again();
    }

    /// Applies the reviewed merge as one undoable edit, then archives the copy.
    pub(super) fn merge_copy(&mut self) {
        let Some(sync) = self.sync_merge.take() else { return };
        let Some(merged) = sync.merged.filter(|_| sync.serial == self.doc.serial) else { return };
        let edit = merge::edit_to(&self.doc.network, &merged.network);
        let conflicts = merged.conflicts.len();
        self.apply(EditRequest::new(format!("Merge {}", sync.copy.name), edit));
        self.history.seal();
        let archive = self.recovery.as_ref().map(|recovery| {
            conflicts::archive_dir(&store::History::next_to(recovery.store()), &self.doc.recovery_key)
        });
        let archive = archive.unwrap_or_else(|| sync.copy.path.with_extension("merged"));
        let SyncCopy { path, name, .. } = sync.copy;
        self.sync_copies.retain(|c| c.path != path);
        let task = Task::spawn(&self.ctx, "archive-copy", move || {
            let result = conflicts::archive(&path, &archive).map_err(|e| e.to_string());
            Done::Archived { name, conflicts, result }
        });
        self.tasks.push(task);
    }

    pub(super) fn archived(&mut self, name: &str, conflicts: usize, result: Result<PathBuf, String>) {
        match result {
            Ok(to) => {
                let kept = match conflicts {
                    0 => "no conflicts".to_owned(),
                    1 => "1 conflict settled as you chose".to_owned(),
                    n => format!("{n} conflicts settled as you chose"),
                };
                log::info!("{name}: merged, moved to {}", to.display());
                self.say(format!(
                    "Merged {name} ({kept}); Undo takes it back. The copy is archived, not deleted."
                ));
            }
            Err(error) => self.show_error(
                &format!("Merged {name}, but could not move it away"),
                format!(
                    "{error}\nThe copy is still next to the file; it is merged, and can be removed by hand."
                ),
                None,
            ),
        }
    }
}

/// Reads the copy at `path` and finds the version it and the document (`mine`: the
/// lineage of its bytes, its parent) both descend from.
fn read_copy(
    history: &store::History,
    key: &store::RecoveryKey,
    path: &Path,
    mine: (String, Option<String>),
) -> Result<CopyRead, String> {
    let (theirs, stamp) = store::load_stamped(path).map_err(|e| e.to_string())?;
    let theirs_line = (stamp.lineage(), theirs.parent.clone());
    let ancestor = conflicts::common_ancestor(
        history,
        key,
        (&mine.0, mine.1.as_deref()),
        (&theirs_line.0, theirs_line.1.as_deref()),
    );
    let when = |time: std::time::SystemTime| {
        jiff::Timestamp::try_from(time)
            .map_or_else(|_| "an unknown time".to_owned(), |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
    };
    let versions: Vec<(String, String)> = history
        .versions(key)
        .into_iter()
        .map(|(lineage, kept)| {
            let this = if lineage == mine.0 { " (this file as it was opened)" } else { "" };
            let label = format!("kept {}{this}", when(kept));
            (lineage, label)
        })
        .collect();
    let base = match ancestor {
        Some(base_path) => {
            let label = std::fs::metadata(&base_path).and_then(|m| m.modified()).map_or_else(
                |_| "their common version".to_owned(),
                |t| format!("the version kept {}", when(t)),
            );
            Some((store::load(&base_path).map_err(|e| e.to_string())?, label))
        }
        None => None,
    };
    Ok(CopyRead { theirs, base, versions })
}

/// "Contact 3 (Cy Young) · notes", the value kept, the other.
fn row(mine: &Network, theirs: &Network, conflict: &merge::Conflict) -> ConflictRow {
    let who = |id| {
        let name = mine.contact(id).or_else(|| theirs.contact(id)).map(|c| c.name.as_str()).unwrap_or("");
        if name.is_empty() { format!("{id}") } else { format!("{id} ({name})") }
    };
    let record = match (conflict.list, conflict.id) {
        (List::Profile, _) | (_, None) => "Your profile".to_owned(),
        (List::Contacts, Some(id)) => format!("Contact {}", who(id)),
        (list, Some(id)) => format!("{} {id}", singular(list)),
    };
    let (place, mine_value, theirs_value) = match &conflict.what {
        What::Field(clash) => {
            (format!("{record} · {}", clash.field), clash.mine.clone(), clash.theirs.clone())
        }
        What::DeletedChanged { deleted_by, fields } => {
            let changed = format!("changed: {}", fields.join(", "));
            let (mine_value, theirs_value) = match deleted_by {
                merge::Side::Mine => ("deleted here".to_owned(), changed),
                merge::Side::Theirs => (changed, "deleted in the copy".to_owned()),
            };
            (record, mine_value, theirs_value)
        }
    };
    // The default keeps mine (a field) or the changed record (a deletion against a change).
    let (kept, other) = match (&conflict.what, conflict.switched) {
        (What::Field(_), false) => (mine_value, theirs_value),
        (What::Field(_), true) => (theirs_value, mine_value),
        (What::DeletedChanged { deleted_by, .. }, switched) => {
            let changed_is_mine = *deleted_by == merge::Side::Theirs;
            if changed_is_mine != switched { (mine_value, theirs_value) } else { (theirs_value, mine_value) }
        }
    };
    ConflictRow { key: conflict.key(), place, kept, other, switched: conflict.switched }
}

fn singular(list: List) -> &'static str {
    match list {
        List::Profile => "Profile",
        List::Contacts => "Contact",
        List::Exchanges => "Exchange",
        List::Touches => "Check-in",
        List::Commitments => "Promise",
        List::Introductions => "Introduction",
        List::Wins => "Win",
    }
}

/// "exchanges: 3 added; contacts: 1 changed", against the document as it is.
fn describe_changes(mine: &Network, merged: &Network) -> String {
    let counts = store::diff_counts(mine, merged);
    if counts.is_empty() {
        return "Nothing changes here: this file already holds everything in the copy.".to_owned();
    }
    format!("What the merge changes here: {}.", counts.lines().join("; "))
}
