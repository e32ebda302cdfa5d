//! Views: one file per view or panel. They read the document and the analysis
//! snapshot and *ask* for changes through [`Action`]s; they never do I/O.

mod colors;
mod contact;
mod contact_list;
mod dashboard;
mod fields;
mod gaps;
mod import;
mod introductions;
mod ledger;
mod menu;
mod modals;
mod profile;
mod promises;
mod report;
mod timeline;
mod wins;

pub use contact::contact_ui;
pub use contact_list::contact_list_ui;
pub use dashboard::{FlowRange, dashboard_ui, log_check_in};
pub use gaps::gaps_ui;
pub use import::ImportDialog;
pub use introductions::{IntroState, introductions_ui};
pub use menu::{MenuState, menu_bar_ui, page_shortcuts, status_bar_ui};
pub use modals::{CheckInForm, Modal, ModalAction, PathPrompt, RecoveryOffer, modal_ui};
pub use profile::profile_ui;
pub use promises::{complete_promise, promises_ui};
pub use report::{ReportFormat, ReportState, report_ui};
pub use wins::wins_ui;

use std::path::PathBuf;

use crate::app::Command;
use crate::model::{Edit, Id};

/// A change a view asks for: applied by the app as one undoable step.
#[derive(Clone, Debug, PartialEq)]
pub struct EditRequest {
    /// Shown in the Edit menu: "Undo Rename contact".
    pub label: String,
    pub edit: Edit,
    /// Consecutive requests with the same key merge into one undo step.
    pub merge_key: Option<String>,
}

impl EditRequest {
    pub fn new(label: impl Into<String>, edit: Edit) -> Self {
        Self { label: label.into(), edit, merge_key: None }
    }

    pub fn merging(mut self, key: String) -> Self {
        self.merge_key = Some(key);
        self
    }
}

/// What a view asks the app to do at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Edit(Box<EditRequest>),
    Command(Command),
    OpenPath(PathBuf),
    Modal(ModalAction),
    /// Start a new undo step for the next edit (focus moved elsewhere).
    SealHistory,
    /// Compute the numbers for another date.
    SetAsOf(jiff::civil::Date),
    /// Open the check-in form for a contact.
    CheckIn(Id),
    /// Ask where to write these bytes, named like the first field ("report.md").
    Export(String, Vec<u8>),
    /// Take over a file another Rapport has open.
    EditAnyway,
}

impl Action {
    pub fn edit(request: EditRequest) -> Self {
        Self::Edit(Box::new(request))
    }
}

/// The main views, one click apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Contacts,
    Dashboard,
    Introductions,
    Gaps,
    Promises,
    Wins,
    Report,
    Profile,
}

impl Page {
    pub const ALL: [Self; 8] = [
        Self::Contacts,
        Self::Dashboard,
        Self::Introductions,
        Self::Gaps,
        Self::Promises,
        Self::Wins,
        Self::Report,
        Self::Profile,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Contacts => "Contacts",
            Self::Dashboard => "Dashboard",
            Self::Introductions => "Introductions",
            Self::Gaps => "Needs & Offers",
            Self::Promises => "Promises",
            Self::Wins => "Wins & Playbook",
            Self::Report => "Report",
            Self::Profile => "You",
        }
    }
}

/// What is selected and typed in the window: not part of the document.
#[derive(Default)]
pub struct ViewState {
    pub page: Page,
    pub selected: Option<Id>,
    pub selected_exchange: Option<Id>,
    pub search: String,
    /// Give the name field keyboard focus next frame (after "New contact").
    pub focus_name: bool,
    pub focus_search: bool,
    pub focus_summary: bool,
    pub flow_range: FlowRange,
    pub intro: IntroState,
    pub report: ReportState,
    /// The promise whose "Done" asks whether to record the exchange.
    pub completing: Option<Id>,
    /// Today's date, set by the app once a frame (a pinned date in tests).
    pub today: jiff::civil::Date,
    gaps: gaps::GapsCache,
    vocabulary: contact::Vocabulary,
    contact_rows: contact_list::RowCache,
    ledger_rows: ledger::RowCache,
    timeline: timeline::TimelineCache,
    wins: wins::WinsCache,
    contact_promises: promises::ContactPromises,
    /// Where each contact's point of the dashboard scatter was drawn last frame.
    scatter_screen: Vec<(Id, egui::Pos2)>,
}

impl ViewState {
    /// Selects a contact and shows it.
    pub fn open_contact(&mut self, id: Id) {
        self.select_contact(Some(id));
        self.page = Page::Contacts;
    }

    pub fn select_contact(&mut self, id: Option<Id>) {
        if self.selected != id {
            self.selected = id;
            self.selected_exchange = None;
        }
    }

    /// Where the dashboard scatter drew each contact's point (screen coordinates).
    pub fn scatter_positions(&self) -> &[(Id, egui::Pos2)] {
        &self.scatter_screen
    }

    /// Indices into `network.contacts` of the rows the list shows, in order.
    pub fn visible_contacts(&self) -> &[usize] {
        self.contact_rows.rows()
    }
}
