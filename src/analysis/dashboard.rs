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
    let mut due: Vec<(CheckIn, &Contact)> = stats
        .iter()
        .zip(&network.contacts)
        .filter(|(s, c)| s.overdue_days > 0 && !c.archived && !c.busy_on(as_of))
        .map(|(s, c)| {
            let check_in = CheckIn {
                id: s.id,
                overdue_days: s.overdue_days,
                cadence_days: s.cadence_days,
                band: s.band,
                urgency: s.overdue_days as f64 / f64::from(s.cadence_days.max(1)),
            };
            (check_in, c)
        })
        .collect();
    due.sort_by(|(a, ca), (b, cb)| b.urgency.total_cmp(&a.urgency).then_with(|| by_name(ca, cb)));
    due.into_iter().map(|(check_in, _)| check_in).collect()
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
    let mut leaning: Vec<(Imbalance, &Contact)> = stats
        .iter()
        .zip(&network.contacts)
        .filter(|(s, c)| matches!(s.band, Band::Giving | Band::Receiving) && !c.archived && !c.communal)
        .filter_map(|(s, c)| {
            let share = s.share?;
            Some((Imbalance { id: s.id, band: s.band, share, gap: (share - 0.5).abs() }, c))
        })
        .collect();
    leaning.sort_by(|(a, ca), (b, cb)| b.gap.total_cmp(&a.gap).then_with(|| by_name(ca, cb)));
    leaning.into_iter().map(|(imbalance, _)| imbalance).collect()
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
