//! The `eframe::App`: the open document, undo/redo, the dirty flag, commands and the
//! flows around files (open, save, unsaved-changes prompt). Views only *ask* for
//! changes; they are applied here, in one place, at the end of the frame.

mod command;
mod dialogs;
mod document;
mod history;
mod jobs;
mod prefs;
mod recovery;

pub use command::Command;
pub use dialogs::{BuiltinDialogs, FileDialogs, FileRequest, NativeDialogs};
pub use document::Document;
pub use history::History;
pub use jobs::{BACKGROUND_OPEN_BYTES, BACKGROUND_SAVE_EXCHANGES, OpenJob, SaveJob, SaveOutcome};
pub use prefs::{Prefs, SortBy};
pub use recovery::{RECOVERY_INTERVAL, RecoveryWriter};

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use jiff::civil::Date;

use crate::analysis::{Snapshot, days};
use crate::model::{Contact, Direction, Edit, Exchange, Kind, Network};
use crate::store;
use crate::ui::{self, Action, EditRequest, Modal, ModalAction, PathPrompt, ViewState};

/// The bundled sample network, opened as an untitled copy.
pub const SAMPLE: &str = include_str!("../../assets/sample.ron");

/// What the window shows first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Startup {
    /// The bundled sample, as an untitled copy.
    Sample,
    /// An empty untitled network.
    Empty,
    /// A file; a failure is shown in the window.
    File(PathBuf),
}

/// Where to go once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    New,
    Open,
    OpenPath(PathBuf),
    OpenSample,
    Quit,
}

/// Why a path is being asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    Open,
    /// Save As, then go on to `then`.
    SaveAs {
        then: Option<Next>,
    },
    /// Contacts to import (preview first).
    Import,
    /// Write these bytes (an export or a report) where the user says.
    Export {
        bytes: Vec<u8>,
        what: String,
    },
}

pub struct App {
    doc: Document,
    history: History,
    prefs: Prefs,
    view: ViewState,
    snapshot: Snapshot,
    snapshot_revision: Option<u64>,
    dialogs: Box<dyn FileDialogs>,
    modal: Option<Modal>,
    file_job: Option<(Receiver<Option<PathBuf>>, FilePurpose)>,
    allow_close: bool,
    title: String,
    as_of: Date,
    /// Whether `as_of` is today and moves on at midnight (until the user picks a date).
    as_of_is_today: bool,
    /// A fixed "today" instead of the system clock (tests, screenshots).
    pinned_today: Option<Date>,
    open_job: Option<OpenJob>,
    save_job: Option<SaveJob>,
    ctx: egui::Context,
    /// The last thing done that the status bar reports ("Wrote contacts.vcf to …").
    status: Option<String>,
    recovery: Option<RecoveryWriter>,
    /// Whether recoveries from an earlier session were looked for.
    recovery_checked: bool,
}

impl App {
    /// Builds the app; preferences come from eframe's storage when there is one.
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup, dialogs: Box<dyn FileDialogs>) -> Self {
        let prefs = cc.storage.and_then(|s| eframe::get_value::<Prefs>(s, Prefs::KEY)).unwrap_or_default();
        let mut app = Self {
            doc: Document::new(Network::default(), None),
            history: History::default(),
            prefs,
            view: ViewState::default(),
            snapshot: Snapshot::default(),
            snapshot_revision: None,
            dialogs,
            modal: None,
            file_job: None,
            allow_close: false,
            title: String::new(),
            as_of: days::today(),
            as_of_is_today: true,
            pinned_today: None,
            open_job: None,
            save_job: None,
            ctx: cc.egui_ctx.clone(),
            status: None,
            recovery: store::RecoveryStore::at_default_location().map(RecoveryWriter::new),
            recovery_checked: false,
        };
        match startup {
            Startup::Sample => app.open_sample(),
            Startup::Empty => {}
            Startup::File(path) => app.open_file(&path),
        }
        app
    }

    pub fn network(&self) -> &Network {
        &self.doc.network
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn view(&self) -> &ViewState {
        &self.view
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// The window title: file name, a mark for unsaved changes, the app.
    pub fn window_title(&self) -> String {
        let mark = if self.doc.is_dirty() { "● " } else { "" };
        format!("{mark}{} — Rapport", self.doc.name())
    }

    /// The date the numbers are computed for.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// Computes the numbers for another date. Today's date follows the clock past
    /// midnight; any other date stays put.
    pub fn set_as_of(&mut self, date: Date) {
        self.as_of_is_today = date == self.today();
        if date != self.as_of {
            self.as_of = date;
            self.snapshot_revision = None;
        }
    }

    /// Today by the system clock, or the date pinned by [`Self::pin_today`].
    pub fn today(&self) -> Date {
        self.pinned_today.unwrap_or_else(days::today)
    }

    /// Makes "today" a fixed date, so that what the window shows does not depend on
    /// the day it runs (tests, screenshots).
    pub fn pin_today(&mut self, date: Date) {
        self.pinned_today = Some(date);
        self.view.today = date;
    }

    /// Once a frame: the views learn today's date, and an "as of" of today moves on
    /// with the clock.
    fn follow_clock(&mut self) {
        let today = self.today();
        self.view.today = today;
        if self.as_of_is_today && self.as_of != today {
            self.as_of = today;
            self.snapshot_revision = None;
        }
    }

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
            Command::Undo => self.change_network(|history, doc| {
                let current = doc.content();
                if let Some(content) = history.undo(doc.network_mut(), current) {
                    doc.went_back_to(content);
                }
            }),
            Command::Redo => self.change_network(|history, doc| {
                let current = doc.content();
                if let Some(content) = history.redo(doc.network_mut(), current) {
                    doc.went_back_to(content);
                }
            }),
            Command::NewContact => self.new_contact(),
            Command::NewExchange => self.new_exchange(),
            Command::Find => self.view.focus_search = true,
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
            Command::CheckIn => {
                if let Some(id) = self.view.selected {
                    self.open_check_in(id);
                }
            }
        }
    }

    /// Applies one edit as an undoable step (refused while the document is read-only).
    pub fn apply(&mut self, request: EditRequest) {
        if self.doc.read_only.is_some() {
            self.status = Some("Read-only: this network is open in another Rapport".to_owned());
            return;
        }
        self.change_network(|history, doc| {
            let current = doc.content();
            history.apply(doc.network_mut(), current, request.label, request.edit, request.merge_key);
            doc.mark_changed();
        });
    }

    /// Every change of the network goes through here: background writers let go of it
    /// first (so the change does not copy it), and a save that let go writes the
    /// changed network after.
    fn change_network(&mut self, change: impl FnOnce(&mut History, &mut Document)) {
        self.reclaim_network();
        change(&mut self.history, &mut self.doc);
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
        self.apply(EditRequest::new("Add contact", Edit::Contacts(crate::model::Change::Put(contact))));
        self.view.select_contact(Some(id));
        self.view.focus_name = true;
        self.history.seal();
    }

    /// Opens the check-in form for `contact`.
    pub fn open_check_in(&mut self, contact: crate::model::Id) {
        if let Some(c) = self.doc.network.contact(contact) {
            self.modal = Some(Modal::CheckIn(ui::CheckInForm::new(contact, c.name.clone(), self.as_of)));
        }
    }

    fn new_exchange(&mut self) {
        let Some(contact) = self.view.selected.filter(|id| self.doc.network.contact(*id).is_some()) else {
            return;
        };
        let id = Network::next_id(&self.doc.network.exchanges);
        let exchange = Exchange {
            id,
            contact,
            date: self.today(),
            direction: Direction::Gave,
            kind: Kind::Other,
            hours: 1.0,
            value: 3,
            summary: String::new(),
            outcome: String::new(),
            thanked: false,
        };
        self.apply(EditRequest::new("Log exchange", Edit::Exchanges(crate::model::Change::Put(exchange))));
        self.view.selected_exchange = Some(id);
        self.view.focus_summary = true;
        self.history.seal();
    }

    /// Goes to `next`, first asking about unsaved changes.
    fn request(&mut self, ctx: &egui::Context, next: Next) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved { then: next });
        } else {
            self.proceed(ctx, next);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, next: Next) {
        match next {
            Next::New => self.replace_document(Document::new(Network::default(), None)),
            Next::Open => self.ask_path(ctx, FilePurpose::Open),
            Next::OpenPath(path) => self.open_file(&path),
            Next::OpenSample => self.open_sample(),
            Next::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.history = History::default();
        self.view = ViewState::default();
        self.snapshot_revision = None;
    }

    fn open_sample(&mut self) {
        match store::parse_bytes(SAMPLE.as_bytes(), Path::new("sample.ron")) {
            Ok(network) => self.replace_document(Document::new(network, None)),
            Err(e) => self.show_error("The sample network could not be read", e.to_string(), None),
        }
    }

    /// Opens `path`; on failure keeps the current document and says why.
    pub fn open_file(&mut self, path: &Path) {
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes >= BACKGROUND_OPEN_BYTES {
            match OpenJob::start(&self.ctx, path.to_owned(), bytes) {
                Ok(job) => self.open_job = Some(job),
                Err(e) => self.show_error("Could not start opening the network", e.to_string(), None),
            }
            return;
        }
        self.opened(path, store::load_stamped(path));
    }

    /// Uses `store` for recovery files (None: keep none). Tests point it at a temporary
    /// folder; the recovery offer is made on the next frame.
    pub fn set_recovery_store(&mut self, store: Option<store::RecoveryStore>) {
        self.recovery = store.map(RecoveryWriter::new);
        self.recovery_checked = false;
    }

    /// Writes the recovery file of the current document now (tests).
    pub fn write_recovery_now(&mut self) {
        if let Some(recovery) = &mut self.recovery {
            recovery.write_now(&self.doc.recovery_key, &self.doc.network, self.doc.revision);
        }
    }

    /// Waits (at most 5 s) until the recovery writes and removes asked for so far are on
    /// disk.
    pub fn flush_recovery(&self) -> bool {
        self.recovery.as_ref().is_none_or(|r| r.flush(std::time::Duration::from_secs(5)))
    }

    fn forget_recovery(&mut self) {
        if let Some(recovery) = &mut self.recovery {
            recovery.remove(&self.doc.recovery_key);
        }
    }

    /// Offers recoveries of earlier sessions that are newer than their documents.
    fn offer_recovery(&mut self) {
        if self.recovery_checked || self.modal.is_some() {
            return;
        }
        self.recovery_checked = true;
        let Some(recovery) = &self.recovery else { return };
        let entries = recovery.store().entries_newer_than_their_document();
        recovery.store().remove_outdated();
        if !entries.is_empty() {
            self.modal = Some(Modal::Recovery(ui::RecoveryOffer::new(entries)));
        }
    }

    fn restore(&mut self, offer: ui::RecoveryOffer, index: usize) {
        let Some(entry) = offer.entries.get(index) else { return };
        let Some(recovery) = &self.recovery else { return };
        match recovery.store().load(entry) {
            Ok(network) => {
                let mut doc = Document::new(network, entry.doc_path.clone());
                doc.recovery_key = entry.key.clone();
                if let Some(path) = &entry.doc_path {
                    doc.stamp = store::FileStamp::read(path).ok();
                    doc.lock = store::DocumentLock::acquire(path).ok();
                }
                doc.mark_changed();
                self.replace_document(doc);
                self.status = Some("Restored unsaved work: save it to keep it".to_owned());
            }
            Err(error) => self.show_error("Could not restore", error.to_string(), None),
        }
    }

    /// Writes the recovery file when due; asks for a frame when the next one will be.
    fn tick_recovery(&mut self, ctx: &egui::Context) {
        let Some(recovery) = &mut self.recovery else { return };
        if self.doc.read_only.is_some() {
            return;
        }
        let again =
            recovery.tick(&self.doc.recovery_key, &self.doc.network, self.doc.revision, self.doc.is_dirty());
        if let Some(delay) = again {
            ctx.request_repaint_after(delay);
        }
    }

    /// Makes `network` the document, untitled (benchmarks and tests).
    pub fn load_network(&mut self, network: Network) {
        self.replace_document(Document::new(network, None));
    }

    /// Shows `page`, with `contact` selected (benchmarks and tests).
    pub fn show(&mut self, page: ui::Page, contact: Option<crate::model::Id>) {
        self.view.page = page;
        self.view.select_contact(contact);
    }

    /// Whether a large file is being opened in the background.
    pub fn is_opening(&self) -> bool {
        self.open_job.is_some()
    }

    fn poll_open_job(&mut self) {
        let Some(job) = &self.open_job else { return };
        if let Some(result) = job.poll() {
            let path = job.path.clone();
            self.open_job = None;
            self.opened(&path, result);
        }
    }

    fn opened(&mut self, path: &Path, result: Result<(Network, store::FileStamp), store::LoadError>) {
        match result {
            Ok((network, stamp)) => {
                self.prefs.remember(path);
                let mut doc = Document::new(network, Some(path.to_owned()));
                doc.stamp = Some(stamp);
                // Keep our own lock when reopening the same file.
                let own = self.doc.lock.take().filter(|lock| lock.document() == path);
                match own.map_or_else(|| store::DocumentLock::acquire(path), Ok) {
                    Ok(lock) => doc.lock = Some(lock),
                    Err(error @ store::LockError::HeldBy { .. }) => doc.read_only = Some(error.to_string()),
                    Err(error) => log::warn!("{error}"),
                }
                self.replace_document(doc);
            }
            Err(error) => {
                if matches!(error, store::LoadError::Read { .. }) {
                    self.prefs.forget(path);
                }
                let backup = store::backup_path(path);
                let backup = backup.is_file().then_some(backup);
                self.show_error("Could not open the network", error.lines().join("\n"), backup);
            }
        }
    }

    fn show_error(&mut self, title: &str, message: String, backup: Option<PathBuf>) {
        log::warn!("{title}: {message}");
        self.modal = Some(Modal::Error { title: title.to_owned(), message, backup, offer_save_as: false });
    }

    /// Saves to the document's file (or asks where), then goes on to `then`.
    fn save(&mut self, ctx: &egui::Context, then: Option<Next>) {
        match self.doc.path.clone() {
            Some(path) => {
                if self.save_to_then(&path, then.clone())
                    && let Some(next) = then
                {
                    self.proceed(ctx, next);
                }
            }
            None => self.ask_path(ctx, FilePurpose::SaveAs { then }),
        }
    }

    /// Writes the document to `path`, first making sure the file was not changed
    /// elsewhere since it was loaded (then asks); returns whether it was written.
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.save_to_then(path, None)
    }

    fn save_to_then(&mut self, path: &Path, then: Option<Next>) -> bool {
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

    /// Writes the document to `path` (after checking `stamp`, when given). Large
    /// networks are written in the background over a shared snapshot, then go on to
    /// `then`; returns true only when written here and now.
    fn write_document(&mut self, path: &Path, stamp: Option<store::FileStamp>, then: Option<Next>) -> bool {
        if self.save_job.is_some() {
            self.status = Some("Still saving: try again in a moment".to_owned());
            return false;
        }
        if self.doc.network.exchanges.len() >= BACKGROUND_SAVE_EXCHANGES {
            let network = std::sync::Arc::clone(&self.doc.network);
            match SaveJob::start(
                &self.ctx,
                path.to_owned(),
                self.doc.serial,
                network,
                self.doc.content(),
                stamp,
                then,
            ) {
                Ok(job) => self.save_job = Some(job),
                Err(error) => {
                    self.save_failed(&format!("could not start saving {}: {error}", path.display()))
                }
            }
            return false;
        }
        if let Some(stamp) = stamp
            && matches!(store::check_on_disk(path, &stamp), Ok(store::OnDisk::Changed))
        {
            self.modal = Some(Modal::ChangedOnDisk { then });
            return false;
        }
        match store::save_stamped(path, &self.doc.network) {
            Ok(stamp) => {
                self.saved(path, stamp, self.doc.content());
                true
            }
            Err(error) => {
                self.save_failed(&error.to_string());
                false
            }
        }
    }

    fn saved(&mut self, path: &Path, stamp: store::FileStamp, content: u64) {
        let old_key = self.doc.recovery_key.clone();
        if self.doc.path.as_deref() != Some(path) {
            self.doc.lock = store::DocumentLock::acquire(path).ok();
            self.doc.read_only = None;
        }
        self.doc.mark_saved_at(path, stamp, content);
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
        self.prefs.remember(path);
        self.history.seal();
        self.status = Some(format!("Saved {}", path.display()));
    }

    fn save_failed(&mut self, message: &str) {
        self.modal = Some(Modal::Error {
            title: "Could not save the network".to_owned(),
            message: format!("{message}\nYour changes are still here, unsaved."),
            backup: None,
            offer_save_as: true,
        });
    }

    /// Whether a save is running in the background.
    pub fn is_saving(&self) -> bool {
        self.save_job.is_some()
    }

    fn poll_save_job(&mut self, ctx: &egui::Context) {
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
                SaveOutcome::Saved(..) => {
                    self.prefs.remember(&job.path);
                    self.status = Some(format!("Saved {}", job.path.display()));
                }
                SaveOutcome::ChangedOnDisk => {
                    self.status = Some(format!("{} changed on disk: it was not saved", job.path.display()));
                }
                SaveOutcome::Failed(message) => {
                    self.show_error("The earlier network was not saved", message, None);
                }
            }
            return;
        }
        match outcome {
            SaveOutcome::Saved(stamp, content) => {
                self.saved(&job.path, stamp, content);
                if let Some(next) = then {
                    self.proceed(ctx, next);
                }
            }
            SaveOutcome::ChangedOnDisk => self.modal = Some(Modal::ChangedOnDisk { then }),
            SaveOutcome::Failed(message) => self.save_failed(&message),
        }
    }

    fn ask_path(&mut self, ctx: &egui::Context, purpose: FilePurpose) {
        let request = match &purpose {
            FilePurpose::Open => FileRequest::open_network(),
            FilePurpose::SaveAs { .. } => FileRequest::save_network(self.doc.suggested_file_name()),
            FilePurpose::Import => FileRequest::open(
                "Import contacts",
                "vCard, LinkedIn or CSV",
                &["vcf", "vcard", "csv", "txt"],
            ),
            FilePurpose::Export { what, .. } => {
                let extension = what.rsplit('.').next().unwrap_or("txt");
                FileRequest::save(&format!("Export {what}"), what, &[extension], what.clone())
            }
        };
        let folder = self.start_folder();
        match self.dialogs.start(ctx, &request, folder.as_deref()) {
            Some(receiver) => self.file_job = Some((receiver, purpose)),
            None => self.modal = Some(Modal::PathPrompt(PathPrompt::new(purpose, request, folder))),
        }
    }

    fn start_folder(&self) -> Option<PathBuf> {
        let from = self.doc.path.as_ref().or(self.prefs.recent.first())?;
        from.parent().map(Path::to_owned)
    }

    fn path_chosen(&mut self, ctx: &egui::Context, purpose: FilePurpose, path: PathBuf) {
        match purpose {
            FilePurpose::Open => self.open_file(&path),
            FilePurpose::SaveAs { then } => {
                if self.save_to_then(&path, then.clone())
                    && let Some(next) = then
                {
                    self.proceed(ctx, next);
                }
            }
            FilePurpose::Import => self.start_import(path),
            FilePurpose::Export { bytes, what } => match store::write_atomic(&path, &bytes, false) {
                Ok(()) => self.status = Some(format!("Wrote {what} to {}", path.display())),
                Err(error) => {
                    self.show_error(&format!("Could not write {what}"), error.to_string(), None);
                }
            },
        }
    }

    /// Reads a file to import and shows its preview; nothing changes until confirmed.
    pub fn start_import(&mut self, path: PathBuf) {
        let limit = crate::interop::MAX_FILE_BYTES as u64;
        let read = std::fs::metadata(&path).and_then(|m| {
            if m.len() > limit {
                Err(std::io::Error::other(format!("the file is larger than {} MB", limit / 1_048_576)))
            } else {
                std::fs::read(&path)
            }
        });
        match read {
            Ok(bytes) => {
                let dialog = ui::ImportDialog::new(&self.doc.network, path, bytes, self.today());
                self.modal = Some(Modal::Import(Box::new(dialog)));
            }
            Err(error) => self.show_error("Could not import", format!("{}: {error}", path.display()), None),
        }
    }

    /// Asks where to write `bytes` (an export named like `what`, e.g. "contacts.vcf").
    pub fn export(&mut self, ctx: &egui::Context, what: String, bytes: Vec<u8>) {
        self.ask_path(ctx, FilePurpose::Export { bytes, what });
    }

    fn poll_file_job(&mut self, ctx: &egui::Context) {
        let Some((receiver, _)) = &self.file_job else { return };
        let answer = match receiver.try_recv() {
            Ok(answer) => answer,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
        };
        if let Some((_, purpose)) = self.file_job.take()
            && let Some(path) = answer
        {
            self.path_chosen(ctx, purpose, path);
        }
    }

    fn handle_modal_action(&mut self, ctx: &egui::Context, action: ModalAction) {
        let modal = self.modal.take();
        match (action, modal) {
            (ModalAction::Save, Some(Modal::Unsaved { then })) => self.save(ctx, Some(then)),
            (ModalAction::Discard, Some(Modal::Unsaved { then })) => {
                self.forget_recovery();
                self.proceed(ctx, then);
            }
            (ModalAction::Restore(index), Some(Modal::Recovery(offer))) => self.restore(offer, index),
            (ModalAction::DiscardRecovery(index), Some(Modal::Recovery(mut offer))) => {
                if let (Some(recovery), Some(entry)) = (&mut self.recovery, offer.entries.get(index)) {
                    recovery.remove(&entry.key);
                }
                if index < offer.entries.len() {
                    offer.entries.remove(index);
                    offer.details.remove(index);
                }
                if !offer.entries.is_empty() {
                    self.modal = Some(Modal::Recovery(offer));
                }
            }
            (ModalAction::ShowDifferences(index), Some(Modal::Recovery(mut offer))) => {
                offer.explain(index);
                self.modal = Some(Modal::Recovery(offer));
            }
            (ModalAction::Reload, Some(Modal::ChangedOnDisk { .. })) => {
                if let Some(path) = self.doc.path.clone() {
                    self.forget_recovery();
                    self.doc.lock = None;
                    self.open_file(&path);
                }
            }
            (ModalAction::Overwrite, Some(Modal::ChangedOnDisk { then })) => {
                if let Some(path) = self.doc.path.clone()
                    && self.write_document(&path, None, then.clone())
                    && let Some(next) = then
                {
                    self.proceed(ctx, next);
                }
            }
            (ModalAction::OpenBackup(path), _) => self.open_file(&path),
            (ModalAction::OpenOther, _) => self.ask_path(ctx, FilePurpose::Open),
            (ModalAction::OpenSample, _) => self.open_sample(),
            (ModalAction::SaveAs, _) => self.ask_path(ctx, FilePurpose::SaveAs { then: None }),
            (ModalAction::PathChosen(path), Some(Modal::PathPrompt(prompt))) => {
                self.path_chosen(ctx, prompt.purpose, path);
            }
            (ModalAction::LogCheckIn, Some(Modal::CheckIn(form))) => {
                let touch = crate::model::Touch {
                    id: Network::next_id(&self.doc.network.touches),
                    contact: form.contact,
                    date: form.date,
                    channel: form.channel,
                    notes: form.notes(),
                };
                let edit = Edit::Touches(crate::model::Change::Put(touch));
                self.apply(EditRequest::new("Log check-in", edit));
            }
            (ModalAction::Import, Some(Modal::Import(dialog))) => {
                if let Ok(preview) = &dialog.preview {
                    let plan = crate::interop::plan_import(&self.doc.network, preview, &dialog.choices);
                    let label = format!("Import {} contacts", plan.added.len() + plan.merged.len());
                    self.apply(EditRequest::new(label, plan.into_edit()));
                    self.status = Some(format!("Imported from {}", dialog.file_name));
                }
            }
            (ModalAction::Cancel | ModalAction::Close, _) => {}
            (_, other) => self.modal = other,
        }
    }

    fn handle_input(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
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
        ui::page_shortcuts(ctx, &mut self.view.page);
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
    }

    fn refresh_snapshot(&mut self) {
        if self.snapshot_revision != Some(self.doc.revision) {
            self.snapshot = Snapshot::compute(&self.doc.network, self.as_of);
            self.snapshot_revision = Some(self.doc.revision);
        }
    }

    fn run_actions(&mut self, ctx: &egui::Context, actions: Vec<Action>) {
        for action in actions {
            match action {
                Action::Edit(request) => self.apply(*request),
                Action::EditAnyway => {
                    if let Some(path) = self.doc.path.clone() {
                        match store::DocumentLock::take_over(&path) {
                            Ok(lock) => {
                                self.doc.lock = Some(lock);
                                self.doc.read_only = None;
                            }
                            Err(error) => {
                                self.show_error("Could not take over the file", error.to_string(), None)
                            }
                        }
                    }
                }
                Action::Command(command) => self.perform(ctx, command),
                Action::OpenPath(path) => self.request(ctx, Next::OpenPath(path)),
                Action::Modal(modal_action) => self.handle_modal_action(ctx, modal_action),
                Action::SealHistory => self.history.seal(),
                Action::SetAsOf(date) => self.set_as_of(date),
                Action::CheckIn(contact) => self.open_check_in(contact),
                Action::Export(what, bytes) => self.export(ctx, what, bytes),
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        self.poll_file_job(&ctx);
        self.poll_open_job();
        self.poll_save_job(&ctx);
        self.offer_recovery();
        self.handle_input(&ctx, &mut actions);
        self.follow_clock();
        self.refresh_snapshot();

        let menu = ui::MenuState {
            recent: &self.prefs.recent,
            undo: self.history.undo_label(),
            redo: self.history.redo_label(),
            has_selection: self.view.selected.is_some(),
        };
        egui::Panel::top("menu_bar")
            .show(ui, |ui| ui::menu_bar_ui(ui, &menu, &mut self.view.page, &mut actions));
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            let status = if self.save_job.is_some() { Some("Saving…") } else { self.status.as_deref() };
            ui::status_bar_ui(ui, &self.doc, self.file_job.is_some(), status, &mut actions);
        });
        egui::Panel::left("contacts").resizable(true).default_size(450.0).min_size(260.0).show(ui, |ui| {
            ui::contact_list_ui(ui, &self.doc, &self.snapshot, &mut self.prefs, &mut self.view, &mut actions);
        });
        egui::CentralPanel::default().show(ui, |ui| match self.view.page {
            ui::Page::Contacts => ui::contact_ui(ui, &self.doc, &self.snapshot, &mut self.view, &mut actions),
            ui::Page::Dashboard => {
                ui::dashboard_ui(ui, &self.doc, &self.snapshot, &mut self.view, &mut actions)
            }
            ui::Page::Introductions => {
                ui::introductions_ui(ui, &self.doc.network, self.as_of, &mut self.view, &mut actions)
            }
            ui::Page::Gaps => ui::gaps_ui(
                ui,
                &self.doc.network,
                self.doc.revision,
                self.as_of,
                &mut self.view,
                &mut actions,
            ),
            ui::Page::Promises => {
                ui::promises_ui(ui, &self.doc.network, self.as_of, &mut self.view, &mut actions)
            }
            ui::Page::Wins => {
                ui::wins_ui(ui, &self.doc.network, self.doc.revision, &mut self.view, &mut actions)
            }
            ui::Page::Report => ui::report_ui(
                ui,
                &self.doc.network,
                self.doc.revision,
                self.as_of,
                &mut self.view,
                &mut actions,
            ),
            ui::Page::Profile => ui::profile_ui(ui, &self.doc.network.profile, &mut actions),
        });
        if let Some(job) = &self.open_job
            && jobs::open_job_ui(&ctx, job)
        {
            self.open_job = None;
        }
        if let Some(modal) = &mut self.modal
            && let Some(action) = ui::modal_ui(&ctx, modal, &self.doc.network)
        {
            actions.push(Action::Modal(action));
        }
        self.run_actions(&ctx, actions);

        self.tick_recovery(&ctx);
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Prefs::KEY, &self.prefs);
    }

    /// The recovery worker finishes what it was given: a remove after Discard must land,
    /// or the next start would offer work the user threw away.
    fn on_exit(&mut self) {
        if !self.flush_recovery() {
            log::warn!("recovery folder: writes still pending on exit");
        }
    }
}
