//! What the window shows and what is typed in it, apart from the document: the page,
//! the selection, each page's own choices.

use crate::interop::Period;
use crate::model::Id;

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
    /// The whole network as a map around you.
    Network,
}

impl Page {
    pub const ALL: [Self; 9] = [
        Self::Contacts,
        Self::Dashboard,
        Self::Introductions,
        Self::Gaps,
        Self::Promises,
        Self::Wins,
        Self::Report,
        Self::Profile,
        Self::Network,
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
            Self::Network => "Network",
        }
    }

    /// Ctrl+1, Ctrl+2… in the order of [`Self::ALL`].
    pub fn shortcut(self) -> Option<egui::KeyboardShortcut> {
        use egui::Key;
        const KEYS: [Key; 9] = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        let at = Self::ALL.iter().position(|p| *p == self)?;
        KEYS.get(at).map(|key| egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, *key))
    }
}

/// What is selected and typed in the window: not part of the document.
#[derive(Default)]
pub struct ViewState {
    pub page: Page,
    pub selected: Option<Id>,
    pub selected_exchange: Option<Id>,
    pub search: String,
    /// The field that takes the keyboard when next drawn: the first field of a form
    /// just opened ("New contact", "Add need", "Add a win"…).
    pub focus: Option<FocusField>,
    /// The page drawn last frame, to notice a page being opened.
    pub shown_page: Option<Page>,
    pub flow_range: FlowRange,
    pub intro: IntroState,
    pub report: ReportState,
    /// The promise whose "Done" asks whether to record the exchange.
    pub completing: Option<Id>,
    /// The check-in open for editing in the contact's conversations.
    pub editing_touch: Option<Id>,
    /// Today's date, set by the app once a frame (a pinned date in tests).
    pub today: jiff::civil::Date,
    /// Where each contact's point of the dashboard scatter was drawn last frame.
    pub scatter: ScatterDrawn,
    /// The Network page's filters, search and zoom.
    pub map: super::MapState,
    /// "Why this balance?" is open on the contact page.
    pub why_balance: bool,
    /// The contact list shows only this band (on the as-of date).
    pub band_filter: Option<crate::analysis::Band>,
    /// The contact list shows only contacts overdue for a check-in.
    pub overdue_only: bool,
    /// The contact list scrolls to the selected row when next drawn (Up/Down moved it).
    pub scroll_to_selected: bool,
    /// The promise Up/Down moved to on the Promises page (Enter opens its contact).
    pub promise_highlight: Option<Id>,
    /// The Promises page scrolls to the highlighted promise when next drawn.
    pub scroll_to_promise: bool,
    /// The command palette, while it is open.
    pub palette: Option<super::PaletteState>,
    /// A list whose rows stay where they were after a one-click action.
    pub held: Option<HeldRows>,
    /// The dashboard's agenda as it was when a one-click action was clicked in it: its
    /// items stay in place (one done greyed) until the pointer leaves it.
    pub held_agenda: Option<Vec<crate::analysis::AgendaItem>>,
}

/// The rows of a list as they were when a one-click action was clicked in it: drawn in
/// that order (a row done greyed, in place) until the pointer leaves the list or the
/// page changes, so that the next row does not jump under the pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldRows {
    /// Which list: "promises", "unthanked".
    pub list: &'static str,
    /// The ids of its records, in the order drawn.
    pub rows: Vec<Id>,
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
            self.editing_touch = None;
        }
    }

    /// Whether `field` should take the keyboard now; true once per request.
    pub fn take_focus(&mut self, field: FocusField) -> bool {
        let wanted = self.focus == Some(field);
        if wanted {
            self.focus = None;
        }
        wanted
    }

    /// Whether the page on screen differs from the one drawn last time (then
    /// remembers it): the page was just opened.
    pub fn page_opened(&mut self) -> bool {
        let opened = self.shown_page != Some(self.page);
        self.shown_page = Some(self.page);
        opened
    }

    /// The rows `list` holds in place, if it holds any.
    pub fn held_rows(&self, list: &str) -> Option<&[Id]> {
        self.held.as_ref().filter(|held| held.list == list).map(|held| held.rows.as_slice())
    }

    /// `list` keeps `rows` in place (unless it already holds rows: those stay).
    pub fn hold_rows(&mut self, list: &'static str, rows: impl FnOnce() -> Vec<Id>) {
        if self.held_rows(list).is_none() {
            self.held = Some(HeldRows { list, rows: rows() });
        }
    }

    /// Where the dashboard scatter drew each contact's point (screen coordinates).
    pub fn scatter_positions(&self) -> Vec<(Id, egui::Pos2)> {
        self.scatter.points.iter().map(|&(id, p)| (id, self.scatter.screen(p))).collect()
    }
}

/// A field of a form on a page, to give the keyboard to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FocusField {
    /// The contact list's search box (Ctrl+F).
    Search,
    /// The selected contact's name.
    ContactName,
    /// The topic of the selected contact's need at this index.
    NeedTopic(usize),
    /// The summary of the selected exchange.
    ExchangeSummary,
    /// The summary of this promise.
    Promise(Id),
    /// The text of this win.
    Win(Id),
    /// The lesson at this index of the playbook.
    Lesson(usize),
    /// "Why it matters" of this introduction.
    IntroWhy(Id),
    /// Your name, on the You page.
    ProfileName,
}

/// How many months the flow chart shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FlowRange {
    #[default]
    Year,
    TwoYears,
    All,
}

impl FlowRange {
    pub const ALL: [Self; 3] = [Self::Year, Self::TwoYears, Self::All];

    pub fn label(self) -> &'static str {
        match self {
            Self::Year => "12 months",
            Self::TwoYears => "24 months",
            Self::All => "All time",
        }
    }

    pub fn months(self) -> Option<i32> {
        match self {
            Self::Year => Some(12),
            Self::TwoYears => Some(24),
            Self::All => None,
        }
    }
}

/// The introductions page's own state.
#[derive(Default)]
pub struct IntroState {
    pub selected: Option<Id>,
    /// Why the last step was refused, shown until the next action.
    pub refusal: Option<String>,
    pub value_a: u8,
    pub value_b: u8,
    pub new_a: Option<Id>,
    pub new_b: Option<Id>,
    /// What is typed in each of the two pickers, and whom it finds.
    pub find_a: super::PickerSearch,
    pub find_b: super::PickerSearch,
    /// Stages folded or unfolded against their default (made and declined start
    /// folded, the others open).
    pub toggled: Vec<crate::model::Stage>,
}

impl IntroState {
    /// Whether the pipeline shows the introductions of `stage`.
    pub fn is_open(&self, stage: crate::model::Stage) -> bool {
        use crate::model::Stage;
        let by_default = !matches!(stage, Stage::Made | Stage::Declined);
        by_default != self.toggled.contains(&stage)
    }

    pub fn toggle(&mut self, stage: crate::model::Stage) {
        match self.toggled.iter().position(|s| *s == stage) {
            Some(at) => {
                self.toggled.remove(at);
            }
            None => self.toggled.push(stage),
        }
    }
}

/// Which period the report covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PeriodChoice {
    /// The last full calendar quarter before the as-of date.
    #[default]
    LastQuarter,
    /// A quarter this many before the last full one.
    EarlierQuarter(u8),
    ThisYear,
    LastYear,
    Custom,
}

/// The report page's own state: which period it covers.
#[derive(Default)]
pub struct ReportState {
    pub choice: PeriodChoice,
    pub custom_from: Option<jiff::civil::Date>,
    pub custom_to: Option<jiff::civil::Date>,
}

impl ReportState {
    /// The period chosen, on `as_of`. A custom period starts as the last full quarter.
    pub fn period(&mut self, as_of: jiff::civil::Date) -> Period {
        if self.choice == PeriodChoice::Custom {
            let last = Period::last_full_quarter(as_of);
            self.custom_from.get_or_insert(last.from);
            self.custom_to.get_or_insert(last.to_exclusive);
        }
        self.chosen(as_of)
    }

    /// [`Self::period`], without filling in a custom period's dates.
    pub fn chosen(&self, as_of: jiff::civil::Date) -> Period {
        let last = Period::last_full_quarter(as_of);
        match self.choice {
            PeriodChoice::LastQuarter => last,
            PeriodChoice::EarlierQuarter(n) => {
                let mut period = last;
                for _ in 0..n {
                    period = Period::last_full_quarter(period.from);
                }
                period
            }
            PeriodChoice::ThisYear => Period::year(as_of.year()),
            PeriodChoice::LastYear => Period::year(as_of.year() - 1),
            PeriodChoice::Custom => {
                let from = self.custom_from.unwrap_or(last.from);
                let to = self.custom_to.unwrap_or(last.to_exclusive);
                Period::new(from, to).unwrap_or(last)
            }
        }
    }
}

/// What the dashboard scatter drew: each contact's point in plot coordinates, and the
/// plot's map to the screen (per axis a scale and an offset), so that a click finds
/// its point without every point being placed on the screen each frame.
#[derive(Clone, Debug, Default)]
pub struct ScatterDrawn {
    pub points: Vec<(Id, [f64; 2])>,
    pub scale: [f64; 2],
    pub offset: [f64; 2],
    /// The points the plot draws, by band, and what they were made for (the derived
    /// data's revision and as-of date, and the plot's cell size): kept while these are.
    pub by_band: Vec<(crate::analysis::Band, Vec<[f64; 2]>)>,
    /// The largest coordinate of any point (at least 1).
    pub top: f64,
    pub made_for: Option<(u64, Option<jiff::civil::Date>, u64)>,
}

impl ScatterDrawn {
    /// Where the plot point `p` is on the screen.
    pub fn screen(&self, p: [f64; 2]) -> egui::Pos2 {
        let at = |axis: usize| (p[axis] * self.scale[axis] + self.offset[axis]) as f32;
        egui::pos2(at(0), at(1))
    }
}
