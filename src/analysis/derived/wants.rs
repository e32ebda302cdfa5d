//! What the page on screen asks the derived data for.

use jiff::civil::Date;

use super::ContactQuery;
use crate::analysis::period::Period;
use crate::model::Id;

/// What the page on screen needs, besides the snapshot and the contact list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Wants {
    /// The contact list's search and order.
    pub contacts: ContactQuery,
    /// The contact shown: its ledger, promises and timeline.
    pub contact: Option<Id>,
    /// The exchange being edited: the load of its month, for the capacity warning.
    pub exchange: Option<Id>,
    /// Suggestions for tags and topics (the contact page).
    pub vocabulary: bool,
    /// Needs matched with offers, and ask nudges.
    pub gaps: bool,
    pub wins: bool,
    pub open_promises: bool,
    /// What is coming up in the next [`AGENDA_DAYS`](super::AGENDA_DAYS) days (the dashboard).
    pub agenda: bool,
    /// Introductions by stage, and the contacts the pickers offer.
    pub introductions: bool,
    /// The contribution report of a period.
    pub report: Option<Period>,
    /// The network map, and what the Network page's filters keep of it.
    pub map: Option<crate::analysis::MapQuery>,
    /// "Why this balance?" of the contact shown.
    pub why: bool,
    /// The ledger and timeline of a contact with many exchanges are left to a
    /// [`ContactJob`](super::ContactJob) (the window's), not built by the refresh.
    pub lists_off_thread: bool,
}

impl Wants {
    /// What the pages read on `as_of` when they open as they start (the report of the
    /// last full quarter), besides a contact's own lists.
    pub fn every_page(as_of: Date) -> Self {
        Self {
            vocabulary: true,
            gaps: true,
            wins: true,
            open_promises: true,
            agenda: true,
            introductions: true,
            report: Some(Period::last_full_quarter(as_of)),
            map: Some(crate::analysis::MapQuery::default()),
            ..Self::default()
        }
    }
}
