//! The lists the views draw, in the order they draw them: contacts as searched and
//! sorted, a contact's ledger and promises, wins, open promises, and the words
//! suggested while typing tags and topics.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analysis::{Snapshot, normalize_topic};
use crate::model::{Contact, ExchangeStep, Id, Network, Stage};

/// How the contact list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContactOrder {
    #[default]
    Name,
    LastTouch,
    Overdue,
    Band,
    /// Share of giving, most giving first.
    Share,
    /// `mutual`, the volume that flows both ways: most first.
    Mutual,
}

impl ContactOrder {
    pub const ALL: [Self; 6] =
        [Self::Name, Self::LastTouch, Self::Overdue, Self::Band, Self::Share, Self::Mutual];

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::LastTouch => "Last touch",
            Self::Overdue => "Overdue",
            Self::Band => "Band",
            Self::Share => "Share of giving",
            Self::Mutual => "Mutual",
        }
    }
}

/// What the contact list shows: a search, filters and an order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ContactQuery {
    pub search: String,
    pub order: ContactOrder,
    pub show_archived: bool,
    /// Only contacts in this band on the as-of date.
    pub band: Option<crate::analysis::Band>,
    /// Only contacts overdue for a check-in on the as-of date.
    pub overdue_only: bool,
}

/// Indices into `network.contacts` of the contacts matching the query's search (name,
/// organization, role, tags, emails), in its order.
pub fn contact_rows(network: &Network, snapshot: &Snapshot, query: &ContactQuery) -> Vec<usize> {
    let needle = query.search.trim().to_lowercase();
    let mut rows: Vec<usize> = network
        .contacts
        .iter()
        .enumerate()
        .filter(|(i, c)| shows(query, &needle, c, snapshot.contacts.get(*i)))
        .map(|(i, _)| i)
        .collect();
    rows.sort_by_cached_key(|&i| row_key(network, snapshot, query.order, i));
    rows
}

/// [`contact_rows`] after edits that changed only the contacts `touched` (ids), in
/// place (none came, went or moved) and their numbers: each is taken out and put back
/// where its key now goes, instead of sorting ten thousand rows again.
pub fn follow_contact_rows(
    rows: &mut Vec<usize>,
    network: &Network,
    snapshot: &Snapshot,
    query: &ContactQuery,
    touched: &std::collections::BTreeSet<Id>,
) {
    let needle = query.search.trim().to_lowercase();
    let positions: Vec<usize> = network
        .contacts
        .iter()
        .enumerate()
        .filter(|(_, c)| touched.contains(&c.id))
        .map(|(i, _)| i)
        .collect();
    rows.retain(|r| !positions.contains(r));
    for i in positions {
        if network.contacts.get(i).is_some_and(|c| shows(query, &needle, c, snapshot.contacts.get(i))) {
            let key = row_key(network, snapshot, query.order, i);
            let at = rows.partition_point(|&r| row_key(network, snapshot, query.order, r) < key);
            rows.insert(at, i);
        }
    }
}

/// Whether the contact list shows `c` (with its numbers `stats`) for `query`
/// (`needle`: its search, lower case).
fn shows(
    query: &ContactQuery,
    needle: &str,
    c: &Contact,
    stats: Option<&crate::analysis::ContactStats>,
) -> bool {
    let band = query.band.is_none_or(|band| stats.is_some_and(|s| s.band == band));
    let overdue = !query.overdue_only || stats.is_some_and(|s| s.overdue_days > 0);
    if !(band && overdue) {
        return false;
    }
    let matches = needle.is_empty()
        || [&c.name, &c.organization, &c.role]
            .into_iter()
            .chain(c.tags.iter())
            .chain(c.emails.iter())
            .any(|s| s.to_lowercase().contains(needle));
    (query.show_archived || !c.archived) && matches
}

/// Where the contact at position `i` goes in the list's order: by the order's number,
/// then by name, then by position.
fn row_key(
    network: &Network,
    snapshot: &Snapshot,
    order: ContactOrder,
    i: usize,
) -> (RowNumber, String, usize) {
    let name = network.contacts.get(i).map(|c| c.name.to_lowercase()).unwrap_or_default();
    let stats = snapshot.contacts.get(i);
    let number = match order {
        ContactOrder::Name => RowNumber::None,
        ContactOrder::LastTouch => RowNumber::Latest(std::cmp::Reverse(stats.map(|s| s.last_touch))),
        ContactOrder::Overdue => RowNumber::Most(std::cmp::Reverse(stats.map_or(0, |s| s.overdue_days))),
        ContactOrder::Band => RowNumber::Band(stats.map(|s| s.band)),
        // Most giving first; contacts with nothing to weigh last.
        ContactOrder::Share => RowNumber::Most(std::cmp::Reverse(
            stats.and_then(|s| s.share).map_or(i64::MIN, |s| (s * 1e6) as i64),
        )),
        ContactOrder::Mutual => {
            RowNumber::Most(std::cmp::Reverse(stats.map_or(0, |s| (s.mutual * 1e6) as i64)))
        }
    };
    (number, name, i)
}

/// The first part of a contact list row's key, by the order chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum RowNumber {
    None,
    Latest(std::cmp::Reverse<Option<jiff::civil::Date>>),
    Most(std::cmp::Reverse<i64>),
    Band(Option<crate::analysis::Band>),
}

/// Existing tags and topics (offers, needs, the profile's offers and seeking),
/// distinct ignoring case and spaces, for suggestions while typing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vocabulary {
    pub tags: Arc<Vec<String>>,
    pub topics: Arc<Vec<String>>,
}

impl Vocabulary {
    pub fn compute(network: &Network) -> Self {
        let distinct = |words: &mut dyn Iterator<Item = &String>| {
            let mut seen = BTreeMap::new();
            for word in words {
                let key = normalize_topic(word);
                if !key.is_empty() {
                    seen.entry(key).or_insert_with(|| word.trim().to_owned());
                }
            }
            Arc::new(seen.into_values().collect::<Vec<_>>())
        };
        Self {
            tags: distinct(&mut network.contacts.iter().flat_map(|c| c.tags.iter())),
            topics: distinct(
                &mut network
                    .contacts
                    .iter()
                    .flat_map(|c| c.offers.iter().chain(c.needs.iter().map(|n| &n.topic)))
                    .chain(network.profile.offers.iter())
                    .chain(network.profile.seeking.iter()),
            ),
        }
    }
}

/// Indices into `network.exchanges` of one contact's exchanges, newest first.
///
/// `known`: the positions of all the contact's exchanges when the caller has them
/// (the snapshot's index): then only those are read, not a million exchanges.
pub fn ledger_rows(network: &Network, contact: Id, known: Option<&[u32]>) -> Vec<usize> {
    let exchanges = &network.exchanges;
    let mut rows: Vec<usize> = match known {
        Some(known) => known.iter().map(|&p| p as usize).collect(),
        None => exchanges.iter().enumerate().filter(|(_, e)| e.contact == contact).map(|(i, _)| i).collect(),
    };
    // Newest day first by a counting sort (the busiest contact has a hundred thousand
    // exchanges), then each day's few by id, highest first, in file order for equal ids.
    rows.retain(|&i| i < exchanges.len());
    // Copied out first, dated after: see `contact_timeline_at`.
    let gathered: Vec<(jiff::civil::Date, u64, usize)> =
        rows.iter().filter_map(|&i| exchanges.get(i).map(|e| (e.date, e.id, i))).collect();
    let mut keyed: Vec<(i32, (u64, usize))> = gathered
        .into_iter()
        .map(|(date, id, i)| (-crate::analysis::days::day_number(date), (id, i)))
        .collect();
    crate::analysis::index::sort_by_day(&mut keyed);
    for day in keyed.chunk_by_mut(|a, b| a.0 == b.0) {
        day.sort_by_key(|(_, (id, i))| (std::cmp::Reverse(*id), *i));
    }
    keyed.into_iter().map(|(_, (_, i))| i).collect()
}

/// Indices into `network.commitments` of one contact's promises: open first, soonest
/// due first.
pub fn contact_promise_rows(network: &Network, contact: Id) -> Vec<usize> {
    let all = &network.commitments;
    let mut rows: Vec<usize> =
        all.iter().enumerate().filter(|(_, c)| c.contact == contact).map(|(i, _)| i).collect();
    rows.sort_by_cached_key(|&i| all.get(i).map(|c| (c.done.is_some(), c.due.is_none(), c.due, c.id)));
    rows
}

/// Indices into `network.touches` of the check-ins with `contact`, latest first.
pub fn contact_touch_rows(network: &Network, contact: Id) -> Vec<usize> {
    let all = &network.touches;
    let mut rows: Vec<usize> =
        all.iter().enumerate().filter(|(_, t)| t.contact == contact).map(|(i, _)| i).collect();
    rows.sort_by_cached_key(|&i| all.get(i).map(|t| std::cmp::Reverse((t.date, t.id))));
    rows
}

/// Indices into `network.commitments` of every open promise, soonest due first (no
/// due date last).
pub fn open_promise_rows(network: &Network) -> Vec<usize> {
    let all = &network.commitments;
    let mut rows: Vec<usize> =
        all.iter().enumerate().filter(|(_, c)| c.done.is_none()).map(|(i, _)| i).collect();
    rows.sort_by_cached_key(|&i| all.get(i).map(|c| (c.due.is_none(), c.due, c.made, c.id)));
    rows
}

/// Wins in the order the page lists them: not yet celebrated first, then newest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WinsOrder {
    /// Indices into `network.wins`.
    pub order: Vec<usize>,
    /// How many are not yet celebrated.
    pub waiting: usize,
}

impl WinsOrder {
    pub fn compute(network: &Network) -> Self {
        let wins = &network.wins;
        let mut order: Vec<usize> = (0..wins.len()).collect();
        order.sort_by_cached_key(|&i| wins.get(i).map(|w| (w.celebrated, std::cmp::Reverse(w.date), w.id)));
        Self { order, waiting: wins.iter().filter(|w| !w.celebrated).count() }
    }
}

/// Introductions by stage, in the stages' order, each the longest waiting first
/// (indices into `network.introductions`); stages without any are left out.
pub fn introduction_stages(network: &Network) -> Vec<(Stage, Vec<usize>)> {
    let all = &network.introductions;
    Stage::ALL
        .into_iter()
        .map(|stage| {
            let mut rows: Vec<usize> =
                all.iter().enumerate().filter(|(_, i)| i.stage() == stage).map(|(i, _)| i).collect();
            rows.sort_by_cached_key(|&i| all.get(i).map(|intro| (intro.stage_since(), intro.id)));
            (stage, rows)
        })
        .filter(|(_, rows)| !rows.is_empty())
        .collect()
}

/// Contacts that can be picked for something new (not archived), by name ignoring
/// case: indices into `network.contacts`.
pub fn pickable_contacts(network: &Network) -> Vec<usize> {
    let contacts = &network.contacts;
    let mut rows: Vec<usize> =
        contacts.iter().enumerate().filter(|(_, c)| !c.archived).map(|(i, _)| i).collect();
    rows.sort_by_cached_key(|&i| contacts.get(i).map(|c| (c.name.to_lowercase(), c.id)));
    rows
}

/// Brings one contact's ledger (positions, newest first) along edits that added or
/// replaced exchanges in place: each of its exchanges that went or came is taken out or
/// put in its place, instead of the ledger being built again from a million exchanges.
pub(super) fn follow_ledger(
    ledger: &mut super::keyed::Keyed<(u64, Id), Vec<usize>>,
    network: &Network,
    from: u64,
    to: u64,
    steps: &[ExchangeStep],
) {
    let Some((revision, contact)) = ledger.key else { return };
    if revision != from {
        return;
    }
    let order = |position: usize| {
        network.exchanges.get(position).map(|e| (std::cmp::Reverse(e.date), std::cmp::Reverse(e.id)))
    };
    let rows = &mut ledger.value;
    for step in steps {
        let (at, old, new) = match step {
            ExchangeStep::Replaced { at, old, new } => (*at, Some(old), new),
            ExchangeStep::Added { at, new } => (*at, None, new),
            ExchangeStep::Removed(_) | ExchangeStep::Restored(_) => return,
        };
        if old.is_some_and(|old| old.contact == contact) {
            rows.retain(|&p| p != at);
        }
        if new.contact == contact {
            let key = order(at);
            let place = rows.partition_point(|&p| order(p) < key);
            rows.insert(place, at);
        }
    }
    ledger.key = Some((to, contact));
}
