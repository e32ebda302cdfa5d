//! The numbers of DESIGN.md: decayed give/receive balance, band, cadence, capacity.

use jiff::civil::Date;
use serde::Serialize;

use super::days::{day_number, from_day_number};
use super::scan::ExchangeScan;
use crate::model::{Contact, Id, Network, Profile};

/// Where a relationship stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Band {
    /// Too little recent exchange to say.
    Quiet,
    /// Give and take within the tolerance of even.
    Balanced,
    /// You have given clearly more than you received lately.
    Giving,
    /// You have received clearly more than you gave lately.
    Receiving,
    /// Scoring is switched off for this contact.
    Communal,
}

impl Band {
    /// Every band, in the order the filters list them.
    pub const ALL: [Self; 5] = [Self::Giving, Self::Receiving, Self::Balanced, Self::Quiet, Self::Communal];

    /// The band's name, as shown and as written by `rapport balance`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Quiet => "Quiet",
            Self::Balanced => "Balanced",
            Self::Giving => "Giving",
            Self::Receiving => "Receiving",
            Self::Communal => "Communal",
        }
    }
}

/// One contact's numbers on the as-of date.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactStats {
    /// The contact's id.
    pub id: Id,
    /// Decayed value you gave.
    pub given: f64,
    /// Decayed value you received.
    pub received: f64,
    /// `given / (given + received)`; `None` when both are 0.
    pub share: Option<f64>,
    /// `min(given, received)`: the volume that flows both ways (DESIGN "The numbers").
    pub mutual: f64,
    pub band: Band,
    /// Latest exchange, touch or made introduction; the `created` date if none.
    pub last_touch: Date,
    /// `last_touch + cadence_days`: when a check-in is due. `None` for a contact not
    /// in rhythm yet: no exchange, touch or made introduction on or before the as-of
    /// date and no cadence of its own (an imported address book is not a to-do list).
    pub due: Option<Date>,
    /// Days past `due` on the as-of date; 0 when not yet due (or not in rhythm).
    pub overdue_days: i64,
    /// The contact's cadence, or the profile's default.
    pub cadence_days: u32,
}

/// Given, received, band and cadence of every contact on `as_of`, in network order.
/// Records dated after `as_of` are ignored.
pub fn contact_stats(network: &Network, as_of: Date) -> Vec<ContactStats> {
    stats_from_scan(network, as_of, &ExchangeScan::run(network, as_of))
}

/// [`contact_stats`] from an exchange pass already made for `as_of`.
pub(crate) fn stats_from_scan(network: &Network, as_of: Date, scan: &ExchangeScan) -> Vec<ContactStats> {
    stats_and_other_last(network, as_of, scan).0
}

/// [`stats_from_scan`], with the latest touch or made introduction (dated on or
/// before `as_of`) of each contact, in network order.
pub(crate) fn stats_and_other_last(
    network: &Network,
    as_of: Date,
    scan: &ExchangeScan,
) -> (Vec<ContactStats>, Vec<Option<i32>>) {
    let t = day_number(as_of);
    let mut other: Vec<Option<i32>> = vec![None; network.contacts.len()];
    let mut touch = |contact: Id, day: i32| {
        if let Some(slot) = scan.index.get(contact).and_then(|i| other.get_mut(i)) {
            *slot = Some(slot.map_or(day, |d: i32| d.max(day)));
        }
    };
    for tc in &network.touches {
        let day = day_number(tc.date);
        if day <= t {
            touch(tc.contact, day);
        }
    }
    for intro in &network.introductions {
        let Some(made) = intro.made else { continue };
        let day = day_number(made);
        if day <= t {
            touch(intro.a, day);
            touch(intro.b, day);
        }
    }
    let stats = network
        .contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (g, r) =
                (scan.given.get(i).copied().unwrap_or(0.0), scan.received.get(i).copied().unwrap_or(0.0));
            let last = latest(scan.last.get(i).copied().flatten(), other.get(i).copied().flatten());
            contact_numbers(c, &network.profile, t, g, r, last)
        })
        .collect();
    (stats, other)
}

/// The later of two optional days.
pub(crate) fn latest(a: Option<i32>, b: Option<i32>) -> Option<i32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// One contact's numbers on day `t` from its decayed given and received value and
/// the day of its latest exchange, touch or made introduction.
pub(crate) fn contact_numbers(
    c: &Contact,
    profile: &Profile,
    t: i32,
    given: f64,
    received: f64,
    last: Option<i32>,
) -> ContactStats {
    let total = given + received;
    let share = (total > 0.0).then(|| given / total);
    let band = if c.communal {
        Band::Communal
    } else if total < 2.0 {
        Band::Quiet
    } else {
        let s = share.unwrap_or(0.5);
        if s > 0.5 + profile.balance_tolerance {
            Band::Giving
        } else if s < 0.5 - profile.balance_tolerance {
            Band::Receiving
        } else {
            Band::Balanced
        }
    };
    let last_day = last.unwrap_or_else(|| day_number(c.created));
    let cadence_days = c.cadence_days.unwrap_or(profile.default_cadence_days);
    let in_rhythm = last.is_some() || c.cadence_days.is_some();
    let due_day = in_rhythm.then(|| last_day.saturating_add(i32::try_from(cadence_days).unwrap_or(i32::MAX)));
    ContactStats {
        id: c.id,
        given,
        received,
        share,
        mutual: given.min(received),
        band,
        last_touch: from_day_number(last_day),
        due: due_day.map(from_day_number),
        overdue_days: due_day.map_or(0, |due| i64::from(t).saturating_sub(i64::from(due)).max(0)),
        cadence_days,
    }
}

/// One line of `rapport balance`: the keys are part of the command-line contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BalanceRow {
    pub id: Id,
    pub name: String,
    pub given: f64,
    pub received: f64,
    pub share: Option<f64>,
    pub band: Band,
    pub last_touch: Date,
    /// `null` for a contact not in rhythm yet (see [`ContactStats::due`]).
    pub due: Option<Date>,
    pub overdue_days: i64,
    /// `min(given, received)`.
    pub mutual: f64,
}

impl BalanceRow {
    /// The keys of a row, in order: JSON object keys and the CSV header.
    pub const KEYS: [&'static str; 10] =
        ["id", "name", "given", "received", "share", "band", "last_touch", "due", "overdue_days", "mutual"];
}

/// The balance of every contact on `as_of`, in file order.
pub fn balance_rows(network: &Network, as_of: Date) -> Vec<BalanceRow> {
    contact_stats(network, as_of)
        .into_iter()
        .zip(&network.contacts)
        .map(|(s, c)| BalanceRow {
            id: s.id,
            name: c.name.clone(),
            given: s.given,
            received: s.received,
            share: s.share,
            band: s.band,
            last_touch: s.last_touch,
            due: s.due,
            overdue_days: s.overdue_days,
            mutual: s.mutual,
        })
        .collect()
}
