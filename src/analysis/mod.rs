//! Pure functions over `&Network` and a date: balance, cadence, capacity, fatigue,
//! dashboard lists and timelines. The app computes a [`Snapshot`] once per document
//! revision, never per frame; [`contact_timeline`] on demand for one contact.

pub(crate) mod agenda;
mod balance;
mod boundaries;
mod capacity;
mod contributions;
mod dashboard;
pub mod days;
mod derived;
mod fatigue;
pub mod find;
mod flow;
mod gaps;
mod incremental;
mod index;
pub mod map;
pub mod merge;
mod names;
pub mod period;
pub mod report;
mod report_pass;
mod scan;
mod timeline;

pub use agenda::{AgendaItem, AgendaKind, agenda, heard_summary, latest_heard};
pub use balance::{BalanceRow, Band, ContactStats, balance_rows, contact_stats};
pub use boundaries::limits_touched;
pub use capacity::{
    CAPACITY_MONTHS, CapacityMonth, CurrentCapacity, capacity_for_month, capacity_for_months,
    capacity_months, current_capacity, is_open_on,
};
pub use contributions::{Contribution, Contributions, Side, WHY_TOP, contributions};
pub use dashboard::{CheckIn, Imbalance, advice, check_ins, imbalances, unthanked};
pub use derived::{
    AGENDA_DAYS, CONTACT_OFF_THREAD_FROM, ContactJob, ContactLists, ContactOrder, ContactQuery, Derived,
    Gaps, MAX_SINGLE_BARS, TimelineBar, TimelineSeries, Vocabulary, Wants, WinsOrder, check_in_hover,
    contact_promise_rows, contact_rows, day_label, introduction_stages, ledger_rows, open_promise_rows,
    pickable_contacts,
};
pub use fatigue::{FATIGUE_SHARE, Fatigue, FatigueReason, GivingShare, fatigue, giving_share};
pub use flow::{MonthFlow, Totals, monthly_flow};
pub use gaps::{AskNudge, NUDGE_DAYS, NeedMatch, ask_nudges, normalize_topic, value_gaps};
pub use map::{MAP_LIMIT, MapLayout, MapNode, MapQuery, MapView, NetworkMap, map_radius, node_scale};
pub use names::NameLabels;
pub use scan::{ExchangeRef, SHARE_WINDOW_DAYS};
pub use timeline::{
    BALANCE_STEP_DAYS, ContactTimeline, MAX_BALANCE_POINTS, TimelineExchange, TimelineMarker,
    contact_timeline, contact_timeline_at,
};

use std::collections::HashMap;

use jiff::civil::Date;

use crate::model::{Id, Network};

/// Everything the views need about a network on one date, computed in one pass
/// over the exchanges (plus one over touches, introductions and commitments).
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub as_of: Option<Date>,
    /// One entry per contact, in the network's order.
    pub contacts: Vec<ContactStats>,
    /// Given and received per calendar month with data, oldest first ([`monthly_flow`]).
    pub flow: Vec<MonthFlow>,
    /// The last [`CAPACITY_MONTHS`] months up to the as-of month, oldest first.
    pub capacity: Vec<CapacityMonth>,
    /// The as-of month's capacity and the open promises counted in it.
    pub current: CurrentCapacity,
    /// Network-wide share of giving over the last [`SHARE_WINDOW_DAYS`] days.
    pub giving_share: GivingShare,
    /// A warning before fatigue sets in, with its numbers.
    pub fatigue: Option<Fatigue>,
    /// Overdue check-ins, most overdue (relative to cadence) first.
    pub check_ins: Vec<CheckIn>,
    /// Scored contacts leaning clearly one way, farthest from even first.
    pub imbalances: Vec<Imbalance>,
    /// Unthanked `Received` exchanges, newest first.
    pub unthanked: Vec<ExchangeRef>,
    index: HashMap<Id, usize>,
    /// What [`Snapshot::update`] needs to follow edits; `None` when it cannot.
    state: Option<Box<incremental::State>>,
}

impl Snapshot {
    /// All the numbers of `network` on `as_of`.
    pub fn compute(network: &Network, as_of: Date) -> Self {
        Self::compute_with(network, as_of, false)
    }

    /// [`Self::compute`], keeping (when `indexed`) what [`Self::update`] needs to
    /// follow edits: the positions of each contact's exchanges and the month sums.
    /// That costs about half as much again as the numbers, so `compute` leaves it out
    /// and the first `update` builds it.
    pub(crate) fn compute_with(network: &Network, as_of: Date, indexed: bool) -> Self {
        let mut scan = if indexed {
            scan::ExchangeScan::run_indexed(network, as_of)
        } else {
            scan::ExchangeScan::run(network, as_of)
        };
        let (contacts, other_last) = balance::stats_and_other_last(network, as_of, &scan);
        let state = incremental::State::new(network, &mut scan, &other_last);
        let index = contacts.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        let capacity = capacity::capacity_from_flow(network, as_of, capacity::last_months(as_of), &scan.flow);
        let current = CurrentCapacity {
            month: capacity.last().copied().unwrap_or_default(),
            promises: capacity::promises_counted(network, as_of, days::month_index(as_of)),
        };
        let giving_share = GivingShare::from_window(&scan.window, network.profile.half_life_days);
        Self {
            as_of: Some(as_of),
            fatigue: fatigue(&capacity, &giving_share, as_of),
            check_ins: check_ins(network, &contacts, as_of),
            imbalances: imbalances(network, &contacts),
            flow: scan.flow,
            unthanked: scan.unthanked,
            capacity,
            current,
            giving_share,
            contacts,
            index,
            state,
        }
    }

    /// The stats of contact `id`.
    pub fn stats(&self, id: Id) -> Option<&ContactStats> {
        self.index.get(&id).and_then(|i| self.contacts.get(*i))
    }

    /// An id no exchange has, above every exchange's, when this snapshot follows edits;
    /// `None` otherwise (then look through the exchanges: `Network::next_id`).
    pub fn next_exchange_id(&self) -> Option<Id> {
        self.state.as_ref().map(|s| s.next_exchange_id())
    }

    /// Whether this snapshot follows edits and was last brought to a network with as
    /// many exchanges as `network` (a check that it is of that network).
    pub(crate) fn follows(&self, network: &Network) -> bool {
        self.state.as_ref().is_some_and(|s| s.exchange_count() == network.exchanges.len())
    }

    /// Positions (ascending) in `network.exchanges` of every exchange of `contact`,
    /// when this snapshot follows edits and no exchange is dated after its as-of
    /// date; `None` otherwise (then look through the exchanges).
    pub fn exchanges_of(&self, contact: Id) -> Option<&[u32]> {
        self.state.as_ref()?.exchanges_of(contact)
    }
}
