//! Dashboard lists: check-ins due, imbalances, unthanked help, and advice in plain words.

use std::cmp::Ordering;

use jiff::civil::Date;

use super::balance::{Band, ContactStats};
use super::scan::{ExchangeRef, ExchangeScan};
use crate::model::{Contact, Id, Network};

/// A contact whose check-in is overdue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CheckIn {
    pub id: Id,
    pub overdue_days: i64,
    /// The contact's cadence, or the profile's default.
    pub cadence_days: u32,
    pub band: Band,
    /// `overdue_days / cadence_days` (a cadence of 0 counts as 1): how many whole
    /// cadences late. The list is ranked by it.
    pub urgency: f64,
}

/// Overdue contacts (`overdue_days > 0`, not archived, not busy on `as_of`), most
/// overdue relative to their cadence first, ties by name then id. `stats` is
/// [`super::contact_stats`] of the same network on `as_of` (one entry per contact,
/// in network order).
pub fn check_ins(network: &Network, stats: &[ContactStats], as_of: Date) -> Vec<CheckIn> {
    let mut due: Vec<(CheckIn, &Contact)> =
        stats.iter().zip(&network.contacts).filter_map(|(s, c)| Some((check_in(s, c, as_of)?, c))).collect();
    due.sort_by(|(a, ca), (b, cb)| check_in_order(a, ca, b, cb));
    due.into_iter().map(|(check_in, _)| check_in).collect()
}

/// The check-in of one contact when it is due.
fn check_in(s: &ContactStats, c: &Contact, as_of: Date) -> Option<CheckIn> {
    (s.overdue_days > 0 && !c.archived && !c.busy_on(as_of)).then(|| CheckIn {
        id: s.id,
        overdue_days: s.overdue_days,
        cadence_days: s.cadence_days,
        band: s.band,
        urgency: s.overdue_days as f64 / f64::from(s.cadence_days.max(1)),
    })
}

fn check_in_order(a: &CheckIn, ca: &Contact, b: &CheckIn, cb: &Contact) -> Ordering {
    b.urgency.total_cmp(&a.urgency).then_with(|| by_name(ca, cb))
}

/// A scored contact whose balance leans clearly one way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Imbalance {
    pub id: Id,
    /// `Giving` or `Receiving`.
    pub band: Band,
    pub share: f64,
    /// `|share − 0.5|`: how far from even. The list is ranked by it.
    pub gap: f64,
}

/// Contacts (not archived, not communal) in the `Giving` or `Receiving` band, the
/// farthest from an even share first, ties by name then id.
pub fn imbalances(network: &Network, stats: &[ContactStats]) -> Vec<Imbalance> {
    let mut leaning: Vec<(Imbalance, &Contact)> =
        stats.iter().zip(&network.contacts).filter_map(|(s, c)| Some((imbalance(s, c)?, c))).collect();
    leaning.sort_by(|(a, ca), (b, cb)| imbalance_order(a, ca, b, cb));
    leaning.into_iter().map(|(imbalance, _)| imbalance).collect()
}

/// The imbalance of one contact when it leans one way.
fn imbalance(s: &ContactStats, c: &Contact) -> Option<Imbalance> {
    if !matches!(s.band, Band::Giving | Band::Receiving) || c.archived || c.communal {
        return None;
    }
    let share = s.share?;
    Some(Imbalance { id: s.id, band: s.band, share, gap: (share - 0.5).abs() })
}

fn imbalance_order(a: &Imbalance, ca: &Contact, b: &Imbalance, cb: &Contact) -> Ordering {
    b.gap.total_cmp(&a.gap).then_with(|| by_name(ca, cb))
}

/// Brings [`check_ins`] and [`imbalances`] along a change of the contacts `touched`
/// (their numbers or their records; the list of contacts itself the same): their rows
/// are taken out and put back where the order puts them, as a sort of the whole list
/// would. `index` finds a contact's position (in `network.contacts` and `stats`) by id.
/// False when a contact cannot be found: then compute the lists anew.
pub(super) fn follow_lists(
    lists: (&mut Vec<CheckIn>, &mut Vec<Imbalance>),
    network: &Network,
    stats: &[ContactStats],
    index: &std::collections::HashMap<Id, usize>,
    touched: &std::collections::BTreeSet<Id>,
    as_of: Date,
) -> bool {
    let contact = |id: Id| index.get(&id).and_then(|&i| Some((stats.get(i)?, network.contacts.get(i)?)));
    if touched.iter().any(|&id| contact(id).is_none()) {
        return false;
    }
    let (due, leaning) = lists;
    follow_rows(
        due,
        touched,
        |r| r.id,
        |id| contact(id).and_then(|(s, c)| check_in(s, c, as_of)),
        |a, b| {
            let (ca, cb) = (contact(a.id).map(|x| x.1), contact(b.id).map(|x| x.1));
            ca.zip(cb).map_or(Ordering::Equal, |(ca, cb)| check_in_order(a, ca, b, cb))
        },
    );
    follow_rows(
        leaning,
        touched,
        |r| r.id,
        |id| contact(id).and_then(|(s, c)| imbalance(s, c)),
        |a, b| {
            let (ca, cb) = (contact(a.id).map(|x| x.1), contact(b.id).map(|x| x.1));
            ca.zip(cb).map_or(Ordering::Equal, |(ca, cb)| imbalance_order(a, ca, b, cb))
        },
    );
    true
}

/// Takes the rows of `touched` out of `rows` (sorted by `order`) and puts back those
/// `row_of` still gives, each where `order` places it.
fn follow_rows<T>(
    rows: &mut Vec<T>,
    touched: &std::collections::BTreeSet<Id>,
    id_of: impl Fn(&T) -> Id,
    row_of: impl Fn(Id) -> Option<T>,
    order: impl Fn(&T, &T) -> Ordering,
) {
    rows.retain(|r| !touched.contains(&id_of(r)));
    for &id in touched {
        if let Some(row) = row_of(id) {
            let at = rows.partition_point(|r| order(r, &row) == Ordering::Less);
            rows.insert(at, row);
        }
    }
}

fn by_name(a: &Contact, b: &Contact) -> Ordering {
    a.name.cmp(&b.name).then(a.id.cmp(&b.id))
}

/// `Received` exchanges still marked `thanked: false`, dated on or before `as_of`,
/// newest first (same date: later in the file first).
pub fn unthanked(network: &Network, as_of: Date) -> Vec<ExchangeRef> {
    ExchangeScan::run(network, as_of).unthanked
}

/// One line of advice for a contact's band, about what *you* can do next.
/// `stats` refines it: whether any help was exchanged yet, whether a check-in is due.
pub fn advice(band: Band, stats: &ContactStats) -> &'static str {
    let overdue = stats.overdue_days > 0;
    match band {
        Band::Giving => "You've given a lot lately — there may be something to ask for.",
        Band::Receiving => "They've helped you often — say thanks, or look for a way to give back.",
        Band::Balanced if overdue => "Give and take are in a good rhythm — a check-in would keep it going.",
        Band::Balanced => "Give and take are in a good rhythm — keep it going.",
        Band::Quiet if stats.share.is_none() => {
            "No help exchanged yet — a small offer or a good question is an easy start."
        }
        Band::Quiet if overdue => "It's been quiet for a while — a short check-in could warm things up.",
        Band::Quiet => "Things are quiet — ask what they are working on, or share something useful.",
        Band::Communal => "Scoring is off for this relationship — just keep showing up for each other.",
    }
}
