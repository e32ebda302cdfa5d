//! Opening and saving the document, and the unsaved-changes prompt before another
//! document replaces it.

use std::path::{Path, PathBuf};

use super::{App, Document, History, Next, OpenJob, SAMPLE, SaveJob, SaveOutcome};
use crate::model::{FORMAT_VERSION, Network};
use crate::state::{FailedOpen, FilePurpose, Modal, ViewState};
use crate::store;

impl App {
    /// Goes to `next`, first asking about unsaved changes.
    pub(super) fn request(&mut self, ctx: &egui::Context, next: Next) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved { then: next });
        } else {
            self.proceed(ctx, next);
        }
    }

    pub(super) fn proceed(&mut self, ctx: &egui::Context, next: Next) {
        match next {
            Next::New => self.replace_document(Document::new(Network::default(), None)),
            Next::Open => self.ask_path(ctx, FilePurpose::Open),
            Next::OpenPath(path) => self.open_file(&path),
            Next::OpenCopy(path) => self.open_copy(&path),
            Next::OpenSample => self.open_sample(),
            Next::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(super) fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.history = History::default();
        let today = self.view.today;
        self.view = ViewState { today, ..ViewState::default() };
        self.derived.clear();
        self.touched = crate::model::Touched::default();
        self.touched_since = None;
        self.status = None;
        self.fresh = None;
        // The toasts' Undo speaks of the steps of the document that was open.
        self.toasts = crate::state::Toasts::default();
        self.failed_open = None;
        self.sync_copies.clear();
        self.sync_merge = None;
    }

    /// Opens the sample network with its dates moved to today (see
    /// [`crate::model::shift_to_today`]), so that it always looks alive.
    pub(super) fn open_sample(&mut self) {
        match sample_for(self.today()) {
            Ok((network, days)) => {
                let mut doc = Document::new(network, None);
                doc.sample_shift = Some(days);
                self.replace_document(doc);
            }
            Err(e) => self.show_error("The sample network could not be read", e.to_string(), None),
        }
    }

    /// After "today" changed: the sample, while untouched, moves to the new today.
    pub(super) fn follow_sample_today(&mut self) {
        let untouched = self.doc.path.is_none()
            && !self.doc.is_dirty()
            && self.history.undo_label().is_none()
            && self.history.redo_label().is_none();
        let Some(shift) = self.doc.sample_shift.filter(|_| untouched) else { return };
        let Ok((network, days)) = sample_for(self.today()) else { return };
        if days == shift {
            return;
        }
        self.doc.network = std::sync::Arc::new(network);
        self.doc.sample_shift = Some(days);
        // Not an edit (nothing to undo, nothing unsaved), but every number is new.
        let content = self.doc.content();
        self.doc.went_back_to(content);
        self.derived.clear();
        self.touched = crate::model::Touched::default();
        self.touched_since = None;
    }

    /// Opens `path` in the background (large files with progress and Cancel); on
    /// failure keeps the current document and says why.
    pub fn open_file(&mut self, path: &Path) {
        self.open_file_with_key(path, None);
    }

    /// [`Self::open_file`], decrypting with `key` when the file is encrypted (without
    /// one, an encrypted file asks for its passphrase).
    pub fn open_file_with_key(&mut self, path: &Path, key: Option<store::Key>) {
        // Reopening the same file keeps our own lock: the job takes none then.
        let take_lock = self.doc.lock.as_ref().is_none_or(|lock| lock.document() != path);
        match OpenJob::start_with_key(&self.ctx, path.to_owned(), self.as_of, take_lock, key) {
            Ok(job) => self.open_job = Some(job),
            Err(e) => self.show_error("Could not start opening the network", e.to_string(), None),
        }
    }

    /// Opens `path` (a backup) as an untitled copy: no lock, not among the recent
    /// files, and Save asks where, so the file itself is left as it is.
    pub fn open_copy(&mut self, path: &Path) {
        match OpenJob::start(&self.ctx, path.to_owned(), self.as_of, false) {
            Ok(mut job) => {
                job.as_copy = true;
                self.open_job = Some(job);
            }
            Err(e) => self.show_error("Could not start opening the backup", e.to_string(), None),
        }
    }

    pub(super) fn poll_open_job(&mut self) {
        let Some(job) = &self.open_job else { return };
        let Some(result) = job.poll() else {
            // Look again soon: the progress shows once the open takes a while.
            self.ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        };
        let (path, as_copy) = (job.path.clone(), job.as_copy);
        self.open_job = None;
        match result {
            Ok(opened) if as_copy => self.opened_copy(&path, opened),
            result => self.opened(&path, result),
        }
    }

    pub(super) fn opened(&mut self, path: &Path, result: Result<super::jobs::Opened, super::jobs::Failed>) {
        match result {
            Ok(super::jobs::Opened { network, stamp, derived, canonical, lock, key }) => {
                self.prefs.remember(canonical);
                let mut doc = Document::new(network, Some(path.to_owned()));
                doc.stamp = Some(stamp);
                doc.key = key;
                // Our own lock, when reopening the same file (the job took none then).
                let own = self.doc.lock.take().filter(|lock| lock.document() == path).map(Ok);
                // (The document changed while the job ran, so it took none: taken here.)
                match own.or(lock).unwrap_or_else(|| store::DocumentLock::acquire(path)) {
                    Ok(lock) => doc.lock = Some(lock),
                    Err(error @ store::LockError::HeldBy { .. }) => doc.read_only = Some(error.to_string()),
                    Err(error) => log::warn!("{error}"),
                }
                self.replace_document(doc);
                // Built for revision 0 on the as-of date the open began with; anything
                // else is built again when read.
                self.derived = *derived;
                self.keep_version(path, &stamp);
                self.look_for_conflict_copies();
            }
            Err(super::jobs::Failed { error, .. }) if error.wants_passphrase() => {
                let name = path
                    .file_name()
                    .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
                self.ask_passphrase(crate::state::Unlock::Open(path.to_owned()), name, &error);
            }
            Err(super::jobs::Failed { error, backup }) => {
                if matches!(error, store::LoadError::Read { .. }) {
                    self.prefs.forget(path);
                }
                let failed = FailedOpen {
                    file_name: path
                        .file_name()
                        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
                    title: "Could not open the network".to_owned(),
                    message: error.lines().join("\n"),
                    backup,
                };
                log::warn!("{}: {}", failed.title, failed.message);
                self.modal = Some(failed.modal());
                // Once the dialog is closed, the status bar keeps saying it.
                self.failed_open = Some(failed);
            }
        }
    }

    fn opened_copy(&mut self, path: &Path, opened: super::jobs::Opened) {
        let mut doc = Document::new(opened.network, None);
        let name =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        doc.copy_of = Some(name.clone());
        self.replace_document(doc);
        self.derived = *opened.derived;
        self.say(format!(
            "Opened a copy of {name}: Save As to keep it under a new name; {name} itself is left as it is."
        ));
    }

    pub(super) fn show_error(&mut self, title: &str, message: String, backup: Option<PathBuf>) {
        log::warn!("{title}: {message}");
        self.modal = Some(Modal::Error { title: title.to_owned(), message, backup, offer_save_as: false });
    }

    /// Saves to the document's file (or asks where), then goes on to `then`.
    pub(super) fn save(&mut self, ctx: &egui::Context, then: Option<Next>) {
        match self.doc.path.clone() {
            Some(path) => {
                self.save_to_then(&path, then);
            }
            None => self.ask_path(ctx, FilePurpose::SaveAs { then }),
        }
    }

    /// Starts writing the document to `path` in the background, first making sure the
    /// file was not changed elsewhere since it was loaded (then asks); returns whether
    /// the save was started ([`App::is_saving`] until it ends).
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.save_to_then(path, None)
    }

    pub(super) fn save_to_then(&mut self, path: &Path, then: Option<Next>) -> bool {
        // An encrypted network is saved under a name that says so.
        let named = self.doc.key.as_ref().map(|_| super::encryption_flow::with_age(path));
        let path = named.as_deref().unwrap_or(path);
        let same_file = self.doc.path.as_deref() == Some(path);
        if same_file && self.doc.read_only.is_some() {
            self.modal = Some(Modal::Error {
                title: "This network is open in another Rapport".to_owned(),
                message: "Save a copy elsewhere with Save As, or close it in the other window first."
                    .to_owned(),
                backup: None,
                offer_save_as: true,
            });
            return false;
        }
        // The file as loaded, to notice changes made elsewhere (not when saving as).
        let stamp = if same_file { self.doc.stamp } else { None };
        self.write_document(path, stamp, then)
    }

    /// Writes the document to `path` in the background over a shared snapshot (after
    /// checking `stamp`, when given), then goes on to `then`; returns whether the save
    /// was started. A frame never waits on the disk.
    pub(super) fn write_document(
        &mut self,
        path: &Path,
        stamp: Option<store::FileStamp>,
        then: Option<Next>,
    ) -> bool {
        self.write_document_retiring(path, stamp, then, None)
    }

    /// [`Self::write_document`]; once written, `retire` (the file the network was kept
    /// in until now) is overwritten and removed.
    pub(super) fn write_document_retiring(
        &mut self,
        path: &Path,
        stamp: Option<store::FileStamp>,
        then: Option<Next>,
        retire: Option<super::jobs::Retire>,
    ) -> bool {
        if self.save_job.is_some() {
            self.say("Still saving: try again in a moment".to_owned());
            return false;
        }
        let network = std::sync::Arc::clone(&self.doc.network);
        // A file saved as is locked (by the job, once written) like a file opened.
        let lock = self.doc.path.as_deref() != Some(path);
        let parent = self.doc.stamp.map(|stamp| stamp.lineage());
        let key = self.doc.key.clone();
        let target = super::jobs::SaveTarget { path: path.to_owned(), stamp, parent, lock, key, retire };
        match SaveJob::start(&self.ctx, target, self.doc.serial, network, self.doc.content(), then) {
            Ok(job) => {
                self.save_job = Some(job);
                true
            }
            Err(error) => {
                self.save_failed(&format!("could not start saving {}: {error}", path.display()));
                false
            }
        }
    }

    pub(super) fn saved(&mut self, path: &Path, outcome: Saved) {
        let Saved { stamp, parent, content, canonical, lock, retire_failed } = outcome;
        if self.key_change.take().is_some()
            && let Some(retired) = self.doc.path.clone().filter(|old| old != path)
        {
            // Encrypt… or Remove encryption: the file it was kept in is gone.
            self.prefs.forget(&retired);
        }
        let old_key = self.doc.recovery_key.clone();
        if self.doc.path.as_deref() != Some(path) {
            // Saved as: the job locked the new file (it was not the document's then).
            self.doc.lock = lock.and_then(Result::ok);
            self.doc.read_only = None;
        }
        let upgraded = self.doc.mark_saved_at(path, stamp, parent, content);
        self.keep_version(path, &stamp);
        self.look_for_conflict_copies();
        if let Some(recovery) = &mut self.recovery {
            // Edits made since the state saved stay in a recovery file, written anew
            // without waiting for the interval.
            let newer_edits = content != self.doc.content();
            if !newer_edits || old_key != self.doc.recovery_key {
                recovery.remove(&old_key);
            }
            if newer_edits {
                recovery.rewrite_soon();
            }
        }
        self.prefs.remember(canonical);
        self.history.seal();
        let saved = match upgraded {
            Some(old) => format!(
                "Saved {} in file format version {FORMAT_VERSION}: Rapport releases that read only version {old} \
                 cannot open it now; {}.bak keeps the version-{old} file",
                path.display(),
                path.display()
            ),
            None => format!("Saved {}", path.display()),
        };
        self.status = Some((saved, content));
        if let Some(failed) = retire_failed {
            self.show_error(
                "The earlier copy was not removed completely",
                format!("The network is saved as {}, but Rapport could not remove: {failed}", path.display()),
                None,
            );
        }
    }

    /// Keeps the document's file, just opened or saved, in the history of its versions
    /// (by hash, next to the recovery files), in the background: the ancestor a merge
    /// of two copies looks for. Only with a recovery folder (none in most tests).
    fn keep_version(&mut self, path: &Path, stamp: &store::FileStamp) {
        let Some(recovery) = &self.recovery else { return };
        let history = store::History::next_to(recovery.store());
        let key = self.doc.recovery_key.clone();
        let (path, lineage) = (path.to_owned(), stamp.lineage());
        let task = super::jobs::Task::spawn(&self.ctx, "keep-version", move || {
            let result = history.keep(&key, &path, &lineage).map_err(|e| e.to_string());
            super::messages::Done::Kept { path, result }
        });
        self.tasks.push(task);
    }

    pub(super) fn save_failed(&mut self, message: &str) {
        self.modal = Some(Modal::Error {
            title: "Could not save the network".to_owned(),
            message: format!("{message}\nYour changes are still here, unsaved."),
            backup: None,
            offer_save_as: true,
        });
    }

    pub(super) fn poll_save_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.save_job else { return };
        let Some(outcome) = job.poll() else {
            // Keep the status bar's spinner moving while the save runs.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        };
        let Some(mut job) = self.save_job.take() else { return };
        let then = job.then.take();
        if job.serial != self.doc.serial {
            // The document was replaced while its save ran: report, touch nothing else.
            match outcome {
                SaveOutcome::Saved { canonical, .. } => {
                    self.prefs.remember(canonical);
                    self.say(format!("Saved {}", job.path.display()));
                }
                SaveOutcome::ChangedOnDisk => {
                    self.say(format!("{} changed on disk: it was not saved", job.path.display()));
                }
                SaveOutcome::Failed(message) => {
                    self.show_error("The earlier network was not saved", message, None);
                }
            }
            return;
        }
        if !matches!(outcome, SaveOutcome::Saved { .. }) {
            self.key_change_failed();
        }
        match outcome {
            SaveOutcome::Saved { stamp, parent, content, canonical, lock, retire_failed } => {
                self.saved(&job.path, Saved { stamp, parent, content, canonical, lock, retire_failed });
                if let Some(next) = then {
                    self.proceed(ctx, next);
                }
            }
            SaveOutcome::ChangedOnDisk => self.modal = Some(Modal::ChangedOnDisk { then }),
            SaveOutcome::Failed(message) => self.save_failed(&message),
        }
    }
}

/// What a finished save hands back (see [`SaveOutcome::Saved`]).
pub(super) struct Saved {
    stamp: store::FileStamp,
    parent: Option<String>,
    content: u64,
    canonical: PathBuf,
    lock: Option<Result<store::DocumentLock, store::LockError>>,
    retire_failed: Option<String>,
}

/// The sample network shifted to `today`, and the days it was shifted by.
fn sample_for(today: jiff::civil::Date) -> Result<(Network, i64), store::LoadError> {
    let mut network = store::parse_bytes(SAMPLE.as_bytes(), Path::new("sample.ron"))?;
    let days = crate::model::shift_to_today(&network, today);
    crate::model::shift_dates(&mut network, days);
    Ok((network, days))
}
