//! Recovery files in the window: written while there is unsaved work, looked for on
//! start (in the background), and offered: restore, discard, or see what differs.

use super::messages::{Done, recovery_item};
use super::{App, Document, RecoveryWriter, Task};
use crate::state::{Modal, RecoveryOffer};
use crate::store;

impl App {
    /// Uses `store` for recovery files (None: keep none). Tests point it at a temporary
    /// folder; the recovery offer is made on the next frame.
    pub fn set_recovery_store(&mut self, store: Option<store::RecoveryStore>) {
        self.recovery = store.map(RecoveryWriter::new);
        self.recovery_checked = false;
    }

    /// Writes the recovery file of the current document now (tests).
    pub fn write_recovery_now(&mut self) {
        if let Some(recovery) = &mut self.recovery {
            recovery.set_passphrase(self.doc.key.clone());
            recovery.write_now(&self.doc.recovery_key, &self.doc.network, self.doc.revision);
        }
    }

    /// Waits (at most 5 s) until the recovery writes and removes asked for so far are on
    /// disk.
    pub fn flush_recovery(&self) -> bool {
        self.recovery.as_ref().is_none_or(|r| r.flush(std::time::Duration::from_secs(5)))
    }

    /// The user discarded the unsaved work: no recovery of it stays on disk, and none
    /// is written while the window goes on to close, or to the next document.
    pub(super) fn forget_recovery(&mut self) {
        if let Some(recovery) = &mut self.recovery {
            recovery.discard(&self.doc.recovery_key, self.doc.revision);
        }
    }

    /// How long changes must pause before a recovery write, and the least time between
    /// two (tests make them short).
    pub fn set_recovery_timing(&mut self, pause: std::time::Duration, interval: std::time::Duration) {
        if let Some(recovery) = &mut self.recovery {
            recovery.set_timing(pause, interval);
        }
    }

    /// Looks, once and in the background, for recoveries of earlier sessions that are
    /// newer than their documents.
    pub(super) fn offer_recovery(&mut self, ctx: &egui::Context) {
        if self.recovery_waiting && self.modal.is_none() {
            self.recovery_waiting = false;
            let offer = RecoveryOffer { items: self.recovery_entries.iter().map(recovery_item).collect() };
            self.modal = Some(Modal::Recovery(offer));
        }
        if self.recovery_checked {
            return;
        }
        self.recovery_checked = true;
        let Some(recovery) = &self.recovery else { return };
        let store = recovery.store().clone();
        let task = Task::spawn(ctx, "recovery-scan", move || {
            let entries = store.entries_newer_than_their_document();
            store.remove_outdated();
            Done::RecoveriesFound(entries)
        });
        self.tasks.push(task);
    }

    /// Shows what the scan found, once no other dialog is open.
    pub(super) fn recoveries_found(&mut self, entries: Vec<store::RecoveryEntry>) {
        if entries.is_empty() {
            return;
        }
        // Offered as soon as no other dialog is open.
        self.recovery_entries = entries;
        self.recovery_waiting = true;
    }

    /// Reads the recovery in the background; [`Self::restored`] makes it the document.
    pub(super) fn restore(&mut self, ctx: &egui::Context, index: usize) {
        self.restore_with_key(ctx, index, None);
    }

    /// [`Self::restore`], decrypting with `key` an encrypted recovery (without one, the
    /// passphrase is asked for).
    pub(super) fn restore_with_key(&mut self, ctx: &egui::Context, index: usize, key: Option<store::Key>) {
        let Some(entry) = self.recovery_entries.get(index).cloned() else { return };
        let Some(recovery) = &self.recovery else { return };
        let store = recovery.store().clone();
        let task = Task::spawn(ctx, "restore", move || {
            let network = match store.load_with(&entry, key.as_deref()) {
                Ok(network) => Ok((Box::new(network), key.filter(|_| entry.encrypted))),
                Err(error) => Err(error),
            };
            let on_disk = entry.doc_path.as_deref().map(|path| {
                Box::new((store::FileStamp::read(path).ok(), store::DocumentLock::acquire(path).ok()))
            });
            Done::Restored { entry, network, on_disk }
        });
        self.tasks.push(task);
    }

    /// The recovery read: it becomes the document, unsaved until saved.
    pub(super) fn restored(
        &mut self,
        entry: store::RecoveryEntry,
        network: Result<(Box<crate::model::Network>, Option<store::Key>), store::LoadError>,
        on_disk: Option<Box<(Option<store::FileStamp>, Option<store::DocumentLock>)>>,
    ) {
        match network {
            Err(error) if error.wants_passphrase() => {
                if let Some(index) = self.recovery_entries.iter().position(|e| *e == entry) {
                    let name = entry.doc_path.as_deref().and_then(|p| p.file_name());
                    let name = name
                        .map_or_else(|| "The unsaved work".to_owned(), |n| n.to_string_lossy().into_owned());
                    self.ask_passphrase(crate::state::Unlock::Restore(index), name, &error);
                }
            }
            Ok((network, key)) => {
                let mut doc = Document::new(*network, entry.doc_path.clone());
                doc.key = key;
                doc.recovery_key = entry.key.clone();
                if let Some((stamp, lock)) = on_disk.map(|on_disk| *on_disk) {
                    doc.stamp = stamp;
                    doc.lock = lock;
                }
                doc.mark_changed();
                self.replace_document(doc);
                self.recovery_entries.clear();
                self.say("Restored unsaved work: save it to keep it".to_owned());
            }
            Err(error) => self.show_error("Could not restore", error.to_string(), None),
        }
    }

    pub(super) fn discard_recovery(&mut self, index: usize, mut offer: RecoveryOffer) {
        if index >= self.recovery_entries.len() {
            self.modal = Some(Modal::Recovery(offer));
            return;
        }
        let entry = self.recovery_entries.remove(index);
        if let Some(recovery) = &mut self.recovery {
            recovery.remove(&entry.key);
        }
        if index < offer.items.len() {
            offer.items.remove(index);
        }
        if !offer.items.is_empty() {
            self.modal = Some(Modal::Recovery(offer));
        }
    }

    /// Works out, in the background, what the recovery changes against its document.
    pub(super) fn explain_recovery(&mut self, ctx: &egui::Context, index: usize, mut offer: RecoveryOffer) {
        if let (Some(entry), Some(item)) = (self.recovery_entries.get(index), offer.items.get_mut(index))
            && item.details.is_none()
            && !item.explaining
        {
            item.explaining = true;
            let entry = entry.clone();
            let task = Task::spawn(ctx, "recovery-diff", move || Done::Explained {
                index,
                lines: differences(&entry),
            });
            self.tasks.push(task);
        }
        self.modal = Some(Modal::Recovery(offer));
    }

    /// Writes the recovery file when due; asks for a frame when the next one will be.
    pub(super) fn tick_recovery(&mut self, ctx: &egui::Context) {
        let Some(recovery) = &mut self.recovery else { return };
        // The writer holds the passphrase of the document on screen only.
        recovery.set_passphrase(self.doc.key.clone());
        if self.doc.read_only.is_some() {
            return;
        }
        let again =
            recovery.tick(&self.doc.recovery_key, &self.doc.network, self.doc.revision, self.doc.is_dirty());
        if let Some(delay) = again {
            ctx.request_repaint_after(delay);
        }
    }
}

/// Counts of records added, changed and removed against the document on disk.
fn differences(entry: &store::RecoveryEntry) -> Vec<String> {
    if entry.encrypted {
        return vec!["It is encrypted: restore it, with its passphrase, to see it.".to_owned()];
    }
    let recovered = store::load(&entry.path);
    let on_disk = entry.doc_path.as_deref().and_then(|p| store::load(p).ok()).unwrap_or_default();
    match recovered {
        Ok(recovered) => {
            let diff = store::diff_counts(&on_disk, &recovered);
            if diff.is_empty() { vec!["No differences.".to_owned()] } else { diff.lines() }
        }
        Err(error) => vec![error.to_string()],
    }
}
