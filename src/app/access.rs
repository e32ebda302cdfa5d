//! The app's state as the window's tests and the flows read and set it: the
//! document, the view, the derived numbers, the dates, and what is going on.

use jiff::civil::Date;

use super::{App, Document};
use crate::analysis::days;
use crate::analysis::{Derived, Snapshot};
use crate::model::{Id, Network};
use crate::state::{FailedOpen, FocusField, Modal, Page, Prefs, ViewState};

impl App {
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

    /// The file that could not be opened, while the status bar reports it.
    pub fn failed_open(&self) -> Option<&FailedOpen> {
        self.failed_open.as_ref()
    }

    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The numbers of the network on the as-of date, as the views last drew them.
    pub fn snapshot(&self) -> &Snapshot {
        self.derived.snapshot()
    }

    /// Everything derived from the network that the views read.
    /// What Undo would take back ("Delete Ann and her 3 exchanges"), if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// Indices into `network.contacts` of the rows the contact list shows, in order.
    pub fn visible_contacts(&self) -> &[usize] {
        self.derived.contact_rows()
    }

    /// The window title: file name ("Sample" for the sample), a mark for unsaved
    /// changes, the app.
    pub fn window_title(&self) -> String {
        let mark = if self.doc.is_dirty() { "● " } else { "" };
        format!("{mark}{} — Rapport", self.doc.name())
    }

    /// Whether the welcome card of the first run is on screen.
    pub fn welcome_shown(&self) -> bool {
        self.welcome
    }

    /// Takes the welcome card away without remembering it as seen (tests and
    /// screenshots, which show the window as it is used).
    pub fn skip_welcome(&mut self) {
        self.welcome = false;
    }

    /// The date the numbers are computed for.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// Computes the numbers for another date. Today's date follows the clock past
    /// midnight; any other date stays put.
    pub fn set_as_of(&mut self, date: Date) {
        self.as_of_is_today = date == self.today();
        self.as_of = date;
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
        self.follow_sample_today();
    }

    /// Once a frame: the views learn today's date, and an "as of" of today moves on
    /// with the clock.
    pub(super) fn follow_clock(&mut self) {
        let today = self.today();
        if self.view.today != today {
            // Past midnight: an untouched sample moves on with the clock too.
            self.view.today = today;
            self.follow_sample_today();
        }
        if self.as_of_is_today && self.as_of != today {
            self.as_of = today;
        }
    }

    /// Once a frame: the You page is a form, and opening it gives the keyboard to its
    /// first field; a page opened lets go of rows held in place on the last one.
    pub(super) fn follow_page(&mut self) {
        if self.view.page_opened() {
            // Rows held in place after a one-click action are let go on another page.
            self.view.held = None;
            self.view.held_agenda = None;
            if self.view.page == Page::Profile {
                self.view.focus = Some(FocusField::ProfileName);
            }
        }
    }

    /// Makes `network` the document, untitled (benchmarks and tests), with what its
    /// pages read built as an open builds it (here, on the calling thread).
    pub fn load_network(&mut self, network: Network) {
        let derived = Derived::warm(&network, self.as_of);
        self.replace_document(Document::new(network, None));
        self.derived = derived;
    }

    /// Shows `page`, with `contact` selected (benchmarks and tests).
    pub fn show(&mut self, page: Page, contact: Option<Id>) {
        self.view.page = page;
        self.view.select_contact(contact);
    }

    /// Sets the Network page's filters and search (benchmarks and tests).
    pub fn set_map_query(&mut self, query: crate::analysis::MapQuery) {
        self.view.map.query = query;
    }

    /// Whether a large file is being opened in the background.
    pub fn is_opening(&self) -> bool {
        self.open_job.is_some()
    }

    /// Whether a save is running in the background.
    pub fn is_saving(&self) -> bool {
        self.save_job.is_some()
    }

    /// Reports `text` in the status bar, for the network as it is now.
    pub(super) fn say(&mut self, text: String) {
        self.status = Some((text, self.doc.content()));
    }

    /// What the status bar reports: the last thing done, while the network is still in
    /// the state it speaks of.
    pub fn status_text(&self) -> Option<&str> {
        self.status
            .as_ref()
            .filter(|(_, content)| *content == self.doc.content())
            .map(|(text, _)| text.as_str())
    }

    /// Whether any disk work is still under way in the background (opening, saving,
    /// listing a folder, reading an import, writing an export, looking for recoveries).
    pub fn is_busy(&self) -> bool {
        let listing =
            matches!(&self.modal, Some(Modal::PathPrompt(p)) if p.listed.as_ref() != Some(&p.folder));
        !self.tasks.is_empty() || self.open_job.is_some() || self.save_job.is_some() || listing
    }

    /// Whether input is held back for the next frames (see `raw_input_hook`).
    pub fn holds_input(&self) -> bool {
        !self.held_input.is_empty()
    }
}
