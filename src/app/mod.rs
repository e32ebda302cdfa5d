//! The `eframe::App`: the open document, undo/redo, the dirty flag, and the flows
//! around files. `logic()` applies what the views asked for and refreshes the derived
//! data; `ui()` only draws. Each flow has a file of its own:
//! - [`messages`]: the views' messages and commands, applied in one place;
//! - [`files`]: open, save, the unsaved-changes prompt;
//! - [`paths`]: file dialogs, import and export;
//! - [`recovery_flow`]: recovery files, written and offered;
//! - [`jobs`]: work off the UI thread.

mod access;
mod background;
mod contact_lists;
mod dialogs;
mod document;
mod drafts;
mod encryption_flow;
mod files;
mod history;
mod input;
mod jobs;
mod keys;
mod messages;
mod one_click;
mod palette_search;
mod paths;
mod recovery;
mod recovery_flow;
mod sync;

pub use dialogs::{BuiltinDialogs, FileDialogs, NativeDialogs};
pub use document::Document;
pub use history::History;
pub use jobs::{BACKGROUND_OPEN_BYTES, OpenJob, PROGRESS_AFTER, SaveJob, SaveOutcome, Task};
pub use recovery::{RECOVERY_INTERVAL, RecoveryWriter};

pub use crate::state::{Command, FilePurpose, FileRequest, Next, Prefs, SortBy};

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use jiff::civil::Date;

use crate::analysis::{ContactQuery, Derived, Wants, days};
use crate::model::{Network, Touched};
use crate::state::{Action, FailedOpen, Modal, Page, ViewState};
use crate::store;
use crate::ui;

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

pub struct App {
    doc: Document,
    history: History,
    prefs: Prefs,
    view: ViewState,
    /// Everything the views draw that is computed from the network.
    derived: Derived,
    /// What the edits since the derived data was last refreshed touched, and the
    /// revision it was refreshed at: the derived data follows them instead of starting
    /// over.
    touched: Touched,
    touched_since: Option<u64>,
    dialogs: Box<dyn FileDialogs>,
    modal: Option<Modal>,
    file_job: Option<(Receiver<Option<PathBuf>>, FilePurpose)>,
    /// Small disk work under way, each reported back as a message.
    tasks: Vec<Task<messages::Done>>,
    /// What the views asked for this frame, applied once they are drawn.
    pending: Vec<Action>,
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
    /// The last thing done that the status bar reports ("Wrote contacts.vcf to …"), and
    /// the state of the network it speaks of: shown only while the network is in that
    /// state, so "Saved" never stands beside unsaved changes.
    status: Option<(String, u64)>,
    recovery: Option<RecoveryWriter>,
    /// Recoveries offered in the dialog, in its order.
    recovery_entries: Vec<store::RecoveryEntry>,
    /// Whether recoveries from an earlier session were looked for.
    recovery_checked: bool,
    /// Recoveries were found and wait for the dialog on screen to close.
    recovery_waiting: bool,
    /// The state of the network right after a record to fill in was added: Esc while it
    /// is still in that state takes the record back.
    fresh: Option<u64>,
    /// The file that could not be opened, reported in the status bar until another
    /// document is opened or created.
    failed_open: Option<FailedOpen>,
    /// Which kind of dialog was drawn last frame, to notice one opening.
    shown_modal: Option<std::mem::Discriminant<Modal>>,
    /// Sync conflict copies next to the open file, offered to merge.
    sync_copies: Vec<crate::state::SyncCopy>,
    /// A merge of one of them, under review.
    sync_merge: Option<sync::SyncMerge>,
    /// Events held back for the next frames (see `input`).
    held_input: Vec<egui::Event>,
    /// Encrypt… or Remove encryption under way: the document (serial) and the
    /// passphrase it had, given back if the save in the new form fails.
    key_change: Option<(u64, Option<store::Key>)>,
    /// The toasts on screen after one-click actions.
    toasts: crate::state::Toasts,
    /// The welcome card of the first run is on screen.
    welcome: bool,
    /// The palette's search under way in a large network.
    palette_search: palette_search::PaletteSearch,
    /// A busy contact's ledger and timeline being built.
    contact_lists: contact_lists::ListBuilder,
}

impl App {
    /// Builds the app; preferences come from eframe's storage when there is one.
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup, dialogs: Box<dyn FileDialogs>) -> Self {
        let prefs = cc.storage.and_then(|s| eframe::get_value::<Prefs>(s, Prefs::KEY)).unwrap_or_default();
        Self::with_prefs(cc, startup, dialogs, prefs)
    }

    /// [`Self::new`] with these preferences rather than the stored ones (a second
    /// start, in tests).
    pub fn with_prefs(
        cc: &eframe::CreationContext<'_>,
        startup: Startup,
        dialogs: Box<dyn FileDialogs>,
        prefs: Prefs,
    ) -> Self {
        background::keep_freed_memory();
        messages::apply_theme(&cc.egui_ctx, prefs.theme);
        // Scroll bars beside the content, not floating over its right edge: a field or
        // button there would be half under the bar.
        cc.egui_ctx.all_styles_mut(|style| style.spacing.scroll = egui::style::ScrollStyle::solid());
        let mut app = Self {
            doc: Document::new(Network::default(), None),
            history: History::default(),
            prefs,
            view: ViewState::default(),
            derived: Derived::default(),
            touched: Touched::default(),
            touched_since: None,
            dialogs,
            modal: None,
            file_job: None,
            tasks: Vec::new(),
            pending: Vec::new(),
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
            recovery_entries: Vec::new(),
            recovery_checked: false,
            recovery_waiting: false,
            fresh: None,
            failed_open: None,
            shown_modal: None,
            sync_copies: Vec::new(),
            sync_merge: None,
            held_input: Vec::new(),
            key_change: None,
            toasts: crate::state::Toasts::default(),
            welcome: false,
            palette_search: palette_search::PaletteSearch::default(),
            contact_lists: contact_lists::ListBuilder::default(),
        };
        // The first run, over the sample: the welcome card.
        app.welcome = matches!(startup, Startup::Sample) && !app.prefs.welcomed;
        match startup {
            Startup::Sample => app.open_sample(),
            Startup::Empty => {}
            Startup::File(path) => app.open_file(&path),
        }
        app
    }

    /// What the page on screen reads from the derived data.
    fn wants(&self) -> Wants {
        let page = self.view.page;
        let contact = self.view.selected.filter(|_| page == Page::Contacts);
        Wants {
            contacts: ContactQuery {
                search: self.view.search.clone(),
                order: self.prefs.sort,
                show_archived: self.prefs.show_archived,
                band: self.view.band_filter,
                overdue_only: self.view.overdue_only,
            },
            contact,
            exchange: self.view.selected_exchange.filter(|_| contact.is_some()),
            vocabulary: contact.is_some(),
            gaps: page == Page::Gaps,
            wins: page == Page::Wins,
            open_promises: page == Page::Promises,
            agenda: page == Page::Dashboard,
            introductions: page == Page::Introductions,
            report: (page == Page::Report).then(|| self.view.report.chosen(self.as_of)),
            map: (page == Page::Network).then(|| self.view.map.query.clone()),
            why: self.view.why_balance,
            lists_off_thread: true,
        }
    }

    /// Brings the derived data up to what the page on screen reads.
    fn refresh_derived(&mut self) {
        let wants = self.wants();
        let touched = self.touched_since.map(|since| (since, &self.touched));
        self.derived.refresh(&self.doc.network, self.doc.revision, self.as_of, &wants, touched);
        self.touched = Touched::default();
        self.touched_since = Some(self.doc.revision);
        let ctx = self.ctx.clone();
        self.contact_lists.follow(&ctx, &mut self.derived, &self.doc.network, wants.contact);
    }

    /// Draws every panel; what the views ask for is kept in `pending`.
    fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        ui::clear_scroll_viewports(&ctx);
        let mut actions = Vec::new();
        let network = &*self.doc.network;
        let derived = &self.derived;
        let menu = ui::MenuState {
            recent: &self.prefs.recent,
            theme: self.prefs.theme,
            undo: self.history.undo_label(),
            redo: self.history.redo_label(),
            has_selection: self.view.selected.is_some(),
            encrypted: self.doc.key.is_some(),
        };
        egui::Panel::top("menu_bar")
            .show(ui, |ui| ui::menu_bar_ui(ui, &menu, &mut self.view.page, &mut actions));
        let doc_status = self.doc.status();
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            let status = if self.save_job.is_some() { Some("Saving…") } else { self.status_text() };
            let bar = ui::StatusBar {
                doc: &doc_status,
                waiting_for_dialog: self.file_job.is_some(),
                status,
                // Not while a dialog is on screen (the error itself, or the one it led to).
                failed_open: self.failed_open.as_ref().filter(|_| self.modal.is_none()),
                sync_copies: &self.sync_copies,
            };
            ui::status_bar_ui(ui, network, &bar, &mut actions);
        });
        // The list takes at most 40 % of the window: at 800 px the page keeps room.
        let width = ctx.content_rect().width();
        // A wide window gives the list room for all its columns (about 480 px), even
        // after the window grew from a narrow one, whose width a panel keeps.
        let min_list = (width * 0.25).clamp(220.0, 480.0);
        let max_list = (width * 0.4).max(min_list);
        let list = egui::Panel::left("contacts").resizable(true).size_range(min_list..=max_list);
        list.default_size((width * 0.35).clamp(min_list, 480.0)).show(ui, |ui| {
            ui::contact_list_ui(ui, network, derived, &mut self.prefs, &mut self.view, &mut actions);
        });
        let view = &mut self.view;
        let report = derived.report(view.report.period(self.as_of));
        egui::CentralPanel::default().show(ui, |ui| match view.page {
            Page::Contacts => ui::contact_ui(ui, network, derived, view, &mut actions),
            Page::Dashboard => ui::dashboard_ui(ui, network, derived, view, &mut actions),
            Page::Introductions => ui::introductions_ui(ui, network, derived, view, &mut actions),
            Page::Gaps => ui::gaps_ui(ui, network, derived, view, &mut actions),
            Page::Promises => ui::promises_ui(ui, network, derived, view, &mut actions),
            Page::Wins => ui::wins_ui(ui, network, derived, view, &mut actions),
            Page::Report => ui::report_ui(ui, report, self.as_of, view, &mut actions),
            Page::Profile => ui::profile_ui(ui, &network.profile, view, &mut actions),
            Page::Network => ui::network_ui(ui, network, derived, view, &mut actions),
        });
        if let Some(job) = self
            .open_job
            .as_ref()
            .filter(|job| job.bytes() >= BACKGROUND_OPEN_BYTES || job.started.elapsed() >= PROGRESS_AFTER)
        {
            let name = job
                .path
                .file_name()
                .map_or_else(|| job.path.display().to_string(), |n| n.to_string_lossy().into());
            if ui::open_progress_ui(&ctx, &name, job.bytes(), job.started.elapsed()) {
                actions.push(Action::CancelOpen);
            }
        }
        if self.modal.is_none() {
            ui::palette_ui(&ctx, network, derived, view, &mut actions);
        }
        let shown_modal = self.modal.as_ref().map(std::mem::discriminant);
        if shown_modal.is_some() && shown_modal != self.shown_modal {
            // A dialog opens: the field behind it lets go of the keyboard, so that what
            // is typed and Enter go to the dialog.
            ctx.memory_mut(|memory| memory.stop_text_input());
        }
        self.shown_modal = shown_modal;
        if self.welcome
            && self.modal.is_none()
            && let Some(choice) = ui::welcome_ui(&ctx)
        {
            // Closed by any of its buttons, for good.
            self.welcome = false;
            self.prefs.welcomed = true;
            if let ui::WelcomeChoice::Run(command) = choice {
                actions.push(Action::Command(command));
            }
        }
        if let Some(action) = ui::toasts_ui(&ctx, &self.toasts) {
            actions.push(action);
        }
        if let Some(modal) = &mut self.modal
            && let Some(action) = ui::modal_ui(&ctx, modal, network, derived)
        {
            actions.push(Action::Modal(action));
        }
        self.pending.extend(actions);
    }
}

impl App {
    /// The palette's list follows what is typed: before the frame, at once for a key
    /// that acts on the list (`before_keys`); after it, in a large network, by a search
    /// started on a thread of its own as soon as a key is typed, whose list a later
    /// frame shows.
    fn follow_palette(&mut self, ctx: &egui::Context, before_keys: bool) {
        let Some(palette) = &mut self.view.palette else {
            self.palette_search.forget();
            return;
        };
        let acts = [egui::Key::Enter, egui::Key::ArrowUp, egui::Key::ArrowDown];
        let settle = before_keys && ctx.input(|i| acts.iter().any(|key| i.key_pressed(*key)));
        self.palette_search.follow(ctx, palette, &self.doc.network, self.doc.revision, settle);
    }
}

impl eframe::App for App {
    /// Before drawing: results of work in the background, input and shortcuts, then the
    /// derived data the page reads.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_file_job(ctx);
        self.poll_open_job();
        self.poll_save_job(ctx);
        self.offer_recovery(ctx);
        self.poll_tasks(ctx);
        let mut actions = Vec::new();
        self.handle_input(ctx, &mut actions);
        self.run_actions(ctx, actions);
        self.follow_clock();
        self.follow_page();
        self.refresh_derived();
        self.follow_palette(ctx, true);
        for picker in [&mut self.view.intro.find_a, &mut self.view.intro.find_b] {
            picker.refresh(&self.doc.network, self.doc.revision);
        }
        self.tick_recovery(ctx);
        self.tick_toasts(ctx);
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Draws, then applies what the views asked for; the next frame shows the result.
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.draw(ui);
        let actions = std::mem::take(&mut self.pending);
        self.run_actions(&ctx, actions);
        self.follow_palette(&ctx, false);
        let revision = self.doc.revision;
        let intro = &self.view.intro;
        let palette_behind = self.view.palette.as_ref().is_some_and(|p| p.is_behind(revision))
            || intro.find_a.is_behind(revision)
            || intro.find_b.is_behind(revision);
        if palette_behind || self.derived.is_behind(self.doc.revision, self.as_of, &self.wants()) {
            // A change, or a view that now shows something else (a click selected
            // another contact): the next frame draws it from fresh derived data.
            ctx.request_repaint();
        }
    }

    /// Typing and focus changes that came in one batch go to separate frames, in order,
    /// so that no key lands in the wrong field (see `input`).
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        let mut events = std::mem::take(&mut self.held_input);
        events.append(&mut raw_input.events);
        let (now, later) = input::split_for_frame(events);
        raw_input.events = now;
        self.held_input = later;
        if !self.held_input.is_empty() {
            ctx.request_repaint();
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
