//! The one place that acts: the views' messages, the commands of menus and
//! shortcuts, and the answers of dialogs, applied at the start of a frame.

use std::path::PathBuf;

use super::{App, Document, History, Next};
use crate::model::{Contact, Id, Network, Touched, check_in_as};
use crate::state::{Action, Command, EditRequest, FilePurpose, FocusField, Modal, ModalAction, RecoveryItem};
use crate::store;

/// Small disk work that finished in the background.
pub(super) enum Done {
    /// The folder Rapport's own path dialog shows, listed.
    Listed { folder: PathBuf, entries: Vec<(String, bool)> },
    /// What a recovery changes against its document on disk.
    Explained { index: usize, lines: Vec<String> },
    /// Recoveries of an earlier session that are newer than their documents.
    RecoveriesFound(Vec<store::RecoveryEntry>),
    /// A file to import, read (or why not).
    ReadForImport { path: PathBuf, bytes: Result<Vec<u8>, String> },
    /// A recovery read to be restored, with the stamp and lock of its document's file.
    Restored {
        entry: store::RecoveryEntry,
        network: Result<(Box<crate::model::Network>, Option<store::Key>), store::LoadError>,
        on_disk: Option<Box<(Option<store::FileStamp>, Option<store::DocumentLock>)>>,
    },
    /// An export or report written (or why not).
    Wrote { what: String, path: PathBuf, result: Result<(), String> },
    /// What a path typed in Rapport's own dialog names: a folder, a file, nothing.
    Looked { path: PathBuf, kind: super::paths::PathKind },
    /// A version kept in the lineage history (or why not).
    Kept { path: PathBuf, result: Result<(), String> },
    /// Sync conflict copies found next to `document`.
    ConflictCopiesFound { document: PathBuf, copies: Vec<store::conflicts::ConflictCopy> },
    /// A conflict copy read, with its base (for the document `serial`).
    CopyRead { copy: crate::state::SyncCopy, serial: u64, result: Result<Box<super::sync::CopyRead>, String> },
    /// The base the user chose, read.
    BaseRead { serial: u64, result: Result<Box<(crate::model::Network, String)>, String> },
    /// A conflict copy merged into the document at `revision`.
    CopyMerged { serial: u64, revision: u64, merged: Box<crate::analysis::merge::Merged>, changes: String },
    /// A merged copy moved to the archive (or why not).
    Archived { name: String, conflicts: usize, result: Result<PathBuf, String> },
}

impl App {
    /// Runs a command as if chosen from the menu.
    pub fn perform(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.request(ctx, Next::New),
            Command::Open => self.request(ctx, Next::Open),
            Command::OpenSample => self.request(ctx, Next::OpenSample),
            Command::Save => self.save(ctx, None),
            Command::SaveAs => self.ask_path(ctx, FilePurpose::SaveAs { then: None }),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo | Command::Redo if self.doc.read_only.is_some() => {}
            Command::Undo => self.change_network(|history, doc, touched| {
                let current = doc.content();
                if let Some(content) = history.undo(doc.network_mut(), current, touched) {
                    doc.went_back_to(content);
                }
            }),
            Command::Redo => self.change_network(|history, doc, touched| {
                let current = doc.content();
                if let Some(content) = history.redo(doc.network_mut(), current, touched) {
                    doc.went_back_to(content);
                }
            }),
            Command::NewContact => self.new_contact(),
            Command::NewExchange => self.new_exchange(),
            Command::Find => self.view.focus = Some(FocusField::Search),
            Command::Import => self.ask_path(ctx, FilePurpose::Import),
            Command::ExportVcard => {
                let bytes = crate::interop::export_vcard(&self.doc.network.contacts);
                self.export(ctx, "contacts.vcf".into(), bytes);
            }
            Command::ExportLedger => {
                let bytes = crate::interop::export_ledger_csv(&self.doc.network);
                self.export(ctx, "ledger.csv".into(), bytes);
            }
            Command::ExportJson => {
                let bytes = crate::interop::export_json(&self.doc.network);
                self.export(ctx, "network.json".into(), bytes);
            }
            Command::Encrypt => self.ask_encryption(true),
            Command::RemoveEncryption => self.ask_encryption(false),
            Command::ExportMap => {
                let bytes = self.map_svg();
                self.export(ctx, "network-map.svg".into(), bytes);
            }
            Command::CheckIn => {
                if let Some(id) = self.view.selected {
                    self.open_check_in(id);
                }
            }
            Command::ExportReport => self.view.page = crate::state::Page::Report,
            Command::Palette => {
                self.view.palette = match self.view.palette {
                    Some(_) => None,
                    None => Some(crate::state::PaletteState::new()),
                };
            }
        }
    }

    /// Applies one edit as an undoable step (refused while the document is read-only).
    pub fn apply(&mut self, request: EditRequest) {
        if self.doc.read_only.is_some() {
            self.say("Read-only: this network is open in another Rapport".to_owned());
            return;
        }
        self.change_network(|history, doc, touched| {
            let current = doc.content();
            history.apply(
                doc.network_mut(),
                current,
                (request.label, request.edit, request.merge_key),
                touched,
            );
            doc.mark_changed();
        });
    }

    /// Every change of the network goes through here: background writers let go of it
    /// first (so the change does not copy it), a save that let go writes the changed
    /// network after, and what the change touched is kept for the derived data to
    /// follow at the next refresh.
    pub(super) fn change_network(&mut self, change: impl FnOnce(&mut History, &mut Document, &mut Touched)) {
        self.reclaim_network();
        change(&mut self.history, &mut self.doc, &mut self.touched);
        self.resume_save();
    }

    /// Before a change: a background save or recovery write that still holds the
    /// network lets go of it (within a few milliseconds), so that the change does not
    /// copy the whole network on this thread.
    fn reclaim_network(&mut self) {
        use std::sync::Arc;
        use std::time::{Duration, Instant};
        if Arc::strong_count(&self.doc.network) == 1 {
            return;
        }
        let mut asked = false;
        if let Some(job) = self.save_job.as_mut().filter(|job| job.serial == self.doc.serial) {
            asked |= job.let_go();
        }
        if let Some(recovery) = &mut self.recovery {
            asked |= recovery.let_go();
        }
        if !asked {
            return;
        }
        let deadline = Instant::now() + Duration::from_millis(100);
        while Arc::strong_count(&self.doc.network) > 1 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// After a change: a background save that let go of the network for it writes the
    /// changed network instead.
    fn resume_save(&self) {
        if let Some(job) = self.save_job.as_ref().filter(|job| job.serial == self.doc.serial) {
            job.resume(&self.doc.network, self.doc.content());
        }
    }

    fn new_contact(&mut self) {
        let id = Network::next_id(&self.doc.network.contacts);
        let contact = Contact::new(id, "", self.today());
        let request =
            EditRequest::new("Add contact", crate::model::Edit::Contacts(crate::model::Change::Put(contact)));
        if self.add_to_fill(request, FocusField::ContactName) {
            self.view.select_contact(Some(id));
        }
    }

    /// Adds a record to fill in, as an undo step of its own, and gives the keyboard to
    /// `focus`; returns whether it was added (not while read-only).
    fn add_to_fill(&mut self, request: EditRequest, focus: FocusField) -> bool {
        let before = self.doc.content();
        self.history.seal();
        self.apply(request);
        self.history.seal();
        let added = self.doc.content() != before;
        if added {
            self.view.focus = Some(focus);
            self.fresh = Some(self.doc.content());
        }
        added
    }

    /// Esc in a form on a page: a record just added and left untouched is taken back
    /// (an undo, which Redo brings back); what was typed stays, as one undo step.
    fn leave_form(&mut self, ctx: &egui::Context) {
        if self.fresh.take() == Some(self.doc.content()) {
            let label = self.history.undo_label().unwrap_or("the new record").to_owned();
            self.perform(ctx, Command::Undo);
            self.say(format!("Nothing was typed: “{label}” is taken back (Redo brings it back)"));
        }
        self.history.seal();
    }

    /// Opens the check-in form for `contact`.
    pub fn open_check_in(&mut self, contact: Id) {
        if self.doc.network.contact(contact).is_some() {
            // Told apart from others of the same name, as the lists name it.
            let name = self.derived.name(&self.doc.network, contact).to_owned();
            self.modal = Some(Modal::CheckIn(crate::state::CheckInForm::new(contact, name, self.as_of)));
        }
    }

    pub(super) fn handle_modal_action(&mut self, ctx: &egui::Context, action: ModalAction) {
        let modal = self.modal.take();
        match (action, modal) {
            (ModalAction::Save, Some(Modal::Unsaved { then })) => self.save(ctx, Some(then)),
            (ModalAction::Discard, Some(Modal::Unsaved { then })) => {
                self.forget_recovery();
                self.proceed(ctx, then);
            }
            (ModalAction::Restore(index), Some(Modal::Recovery(_))) => self.restore(ctx, index),
            (ModalAction::DiscardRecovery(index), Some(Modal::Recovery(offer))) => {
                self.discard_recovery(index, offer);
            }
            (ModalAction::ShowDifferences(index), Some(Modal::Recovery(offer))) => {
                self.explain_recovery(ctx, index, offer);
            }
            (ModalAction::Reload, Some(Modal::ChangedOnDisk { .. })) => {
                if let Some(path) = self.doc.path.clone() {
                    self.forget_recovery();
                    self.doc.lock = None;
                    // An encrypted file reopens with the passphrase it has.
                    self.open_file_with_key(&path, self.doc.key.clone());
                }
            }
            (ModalAction::Overwrite, Some(Modal::ChangedOnDisk { then })) => {
                if let Some(path) = self.doc.path.clone() {
                    self.write_document(&path, None, then);
                }
            }
            // Unsaved changes of the document on screen are asked about first.
            (ModalAction::OpenBackup(path), _) => self.request(ctx, Next::OpenCopy(path)),
            (ModalAction::OpenOther, _) => self.request(ctx, Next::Open),
            (ModalAction::OpenSample, _) => self.request(ctx, Next::OpenSample),
            (ModalAction::SaveAs, _) => self.ask_path(ctx, FilePurpose::SaveAs { then: None }),
            (ModalAction::PathChosen(path), Some(Modal::PathPrompt(prompt))) => {
                self.path_typed(ctx, prompt, path);
            }
            (ModalAction::ListFolder(folder), Some(Modal::PathPrompt(prompt))) => {
                self.list_folder(ctx, prompt, folder);
            }
            (ModalAction::LogCheckIn, Some(Modal::CheckIn(form))) => {
                let next = self.derived.next_touch_id(&self.doc.network, self.doc.revision);
                let edit = check_in_as(next, form.contact, form.date, form.channel, &form.heard());
                self.apply(edit.into());
            }
            (ModalAction::SaveDraft, Some(Modal::Draft(form))) => self.save_draft(form.record),
            (ModalAction::Import, Some(Modal::Import(dialog))) => {
                if let Ok(preview) = &dialog.preview {
                    let plan = crate::interop::plan_import(&self.doc.network, preview, &dialog.choices);
                    let label = format!("Import {} contacts", plan.added.len() + plan.merged.len());
                    self.apply(EditRequest::new(label, plan.into_edit()));
                    self.say(format!("Imported from {}", dialog.file_name));
                }
            }
            (ModalAction::SwitchConflict(index), Some(Modal::SyncReview(review))) => {
                self.switch_conflict(review, index);
            }
            (ModalAction::MergeCopy, Some(Modal::SyncReview(review))) if !review.working => self.merge_copy(),
            (ModalAction::UseBase(index), Some(Modal::ChooseBase(_))) => self.use_base(index),
            (ModalAction::Cancel | ModalAction::Close, Some(Modal::SyncReview(_) | Modal::ChooseBase(_))) => {
                self.sync_merge = None;
            }
            (ModalAction::Unlock, Some(Modal::Passphrase(prompt))) => self.unlock(ctx, prompt),
            (ModalAction::ChangeEncryption, Some(Modal::Encryption(form))) => {
                self.change_encryption(ctx, form)
            }
            (ModalAction::Cancel | ModalAction::Close, _) => {}
            (_, other) => self.modal = other,
        }
    }

    /// What the views asked for, in order.
    pub(super) fn run_actions(&mut self, ctx: &egui::Context, actions: Vec<Action>) {
        for action in actions {
            match action {
                Action::Edit(request) => self.apply(*request),
                Action::EditAnyway => self.edit_anyway(),
                Action::Command(command) => self.perform(ctx, command),
                Action::OpenPath(path) => self.request(ctx, Next::OpenPath(path)),
                Action::Modal(modal_action) => self.handle_modal_action(ctx, modal_action),
                Action::SealHistory => self.history.seal(),
                Action::SetTheme(theme) => {
                    self.prefs.theme = theme;
                    apply_theme(ctx, theme);
                }
                Action::SetAsOf(date) => self.set_as_of(date),
                Action::CheckIn(contact) => self.open_check_in(contact),
                Action::ExportReport(format) => self.export_report(ctx, format),
                Action::CancelOpen => self.open_job = None,
                Action::AddToFill { request, focus } => {
                    self.add_to_fill(*request, focus);
                }
                Action::LeaveForm => self.leave_form(ctx),
                Action::OpenDraft(draft) => self.open_draft(*draft),
                Action::OneClick { request, toast } => self.one_click(ctx, *request, toast),
                Action::UndoToast(toast) => self.undo_toast(ctx, toast),
                Action::ShowOpenError => {
                    if let Some(failed) = &self.failed_open {
                        self.modal = Some(failed.modal());
                    }
                }
                Action::DismissOpenError => self.failed_open = None,
                Action::ReviewConflictCopy(path) => self.review_conflict_copy(&path),
                Action::LookForConflictCopies => self.look_for_conflict_copies(),
            }
        }
    }

    fn edit_anyway(&mut self) {
        let Some(path) = self.doc.path.clone() else { return };
        match store::DocumentLock::take_over(&path) {
            Ok(lock) => {
                self.doc.lock = Some(lock);
                self.doc.read_only = None;
            }
            Err(error) => self.show_error("Could not take over the file", error.to_string(), None),
        }
    }

    /// Keyboard shortcuts, dropped files and the window's close button.
    pub(super) fn handle_input(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved { then: Next::Quit });
        }
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).collect());
        if let Some(path) = dropped.into_iter().next() {
            actions.push(Action::OpenPath(path));
        }
        if self.modal.is_some() || self.open_job.is_some() {
            return;
        }
        crate::ui::page_shortcuts(ctx, &mut self.view.page);
        ctx.input_mut(|input| {
            for command in Command::WITH_SHORTCUTS {
                let pressed = [command.shortcut(), command.alternate_shortcut()]
                    .into_iter()
                    .flatten()
                    .any(|s| input.consume_shortcut(&s));
                if pressed {
                    actions.push(Action::Command(command));
                }
            }
        });
        self.list_keys(ctx);
    }

    /// Results of small disk work.
    pub(super) fn poll_tasks(&mut self, ctx: &egui::Context) {
        let mut done = Vec::new();
        self.tasks.retain(|task| match task.poll() {
            None => true,
            Some(Ok(result)) => {
                done.push(result);
                false
            }
            Some(Err(())) => false,
        });
        for result in done {
            self.finished(ctx, result);
        }
    }

    fn finished(&mut self, ctx: &egui::Context, done: Done) {
        match done {
            Done::Looked { path, kind } => {
                // Only for the dialog it was asked for, still open.
                if matches!(&self.modal, Some(Modal::PathPrompt(_)))
                    && let Some(Modal::PathPrompt(prompt)) = self.modal.take()
                {
                    self.path_looked(ctx, prompt, path, kind);
                }
            }
            Done::Listed { folder, entries } => {
                if let Some(Modal::PathPrompt(prompt)) = &mut self.modal
                    && prompt.folder == folder
                {
                    prompt.entries = entries;
                    prompt.listed = Some(folder);
                }
            }
            Done::Explained { index, lines } => {
                if let Some(Modal::Recovery(offer)) = &mut self.modal
                    && let Some(item) = offer.items.get_mut(index)
                {
                    item.details = Some(lines);
                    item.explaining = false;
                }
            }
            Done::RecoveriesFound(entries) => self.recoveries_found(entries),
            Done::Restored { entry, network, on_disk } => self.restored(entry, network, on_disk),
            Done::ReadForImport { path, bytes } => match bytes {
                Ok(bytes) => {
                    let dialog =
                        crate::state::ImportDialog::new(&self.doc.network, path, bytes, self.today());
                    self.modal = Some(Modal::Import(Box::new(dialog)));
                }
                Err(error) => self.show_error("Could not import", error, None),
            },
            Done::Kept { path, result } => {
                if let Err(error) = result {
                    log::warn!("{}: not kept in the history of versions: {error}", path.display());
                }
            }
            Done::ConflictCopiesFound { document, copies } => self.conflict_copies_found(&document, copies),
            Done::CopyRead { copy, serial, result } => self.copy_read(copy, serial, result),
            Done::BaseRead { serial, result } => self.base_read(serial, result),
            Done::CopyMerged { serial, revision, merged, changes } => {
                self.copy_merged(serial, revision, merged, changes);
            }
            Done::Archived { name, conflicts, result } => self.archived(&name, conflicts, result),
            Done::Wrote { what, path, result } => match result {
                Ok(()) => self.say(format!("Wrote {what} to {}", path.display())),
                Err(error) => self.show_error(&format!("Could not write {what}"), error, None),
            },
        }
        ctx.request_repaint();
    }
}

/// A recovery as the dialog shows it.
pub(super) fn recovery_item(entry: &store::RecoveryEntry) -> RecoveryItem {
    RecoveryItem {
        what: entry
            .doc_path
            .as_ref()
            .map_or_else(|| "An untitled network".to_owned(), |p| p.display().to_string()),
        kept_at: entry.saved_at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        details: None,
        explaining: false,
    }
}

/// Shows `theme` from the next frame on.
pub(super) fn apply_theme(ctx: &egui::Context, theme: crate::state::Theme) {
    ctx.set_theme(match theme {
        crate::state::Theme::System => egui::ThemePreference::System,
        crate::state::Theme::Light => egui::ThemePreference::Light,
        crate::state::Theme::Dark => egui::ThemePreference::Dark,
    });
}
