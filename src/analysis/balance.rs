//! The numbers of DESIGN.md: decayed give/receive balance, band, cadence, capacity.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Serialize;

use super::days::{day_number, from_day_number, month_index};
use crate::model::{Direction, Id, Network};

/// Where a relationship stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Band {
    /// Too little recent exchange to say.
    Quiet,
    Balanced,
    /// You have given clearly more than you received lately.
    Giving,
    /// You have received clearly more than you gave lately.
    Receiving,
    /// Scoring is switched off for this contact.
    Communal,
}

impl Band {
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
    pub id: Id,
    /// Decayed value you gave.
    pub given: f64,
    /// Decayed value you received.
    pub received: f64,
    /// `given / (given + received)`; `None` when both are 0.
    pub share: Option<f64>,
    pub band: Band,
    pub last_touch: Date,
    pub due: Date,
    pub overdue_days: i64,
    pub cadence_days: u32,
}

/// Given, received, band and cadence of every contact on `as_of`, in network order.
/// Records dated after `as_of` are ignored.
pub fn contact_stats(network: &Network, as_of: Date) -> Vec<ContactStats> {
    let profile = &network.profile;
    let t = day_number(as_of);
    let index: HashMap<Id, usize> = network.contacts.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let n = network.contacts.len();
    let mut given = vec![0.0_f64; n];
    let mut received = vec![0.0_f64; n];
    let mut last: Vec<Option<i32>> = vec![None; n];
    let touch = |last: &mut [Option<i32>], i: usize, day: i32| {
        if let Some(slot) = last.get_mut(i) {
            *slot = Some(slot.map_or(day, |d: i32| d.max(day)));
        }
    };

    for e in &network.exchanges {
        let day = day_number(e.date);
        let Some(&i) = index.get(&e.contact) else { continue };
        if day > t {
            continue;
        }
        let weight = f64::from(e.value) * 0.5_f64.powf(f64::from(t - day) / profile.half_life_days);
        match e.direction {
            Direction::Gave => given[i] += weight,
            Direction::Received => received[i] += weight,
        }
        touch(&mut last, i, day);
    }
    for tc in &network.touches {
        let day = day_number(tc.date);
        if let (Some(&i), true) = (index.get(&tc.contact), day <= t) {
            touch(&mut last, i, day);
        }
    }
    for intro in &network.introductions {
        let Some(made) = intro.made else { continue };
        let day = day_number(made);
        if day > t {
            continue;
        }
        for side in [intro.a, intro.b] {
            if let Some(&i) = index.get(&side) {
                touch(&mut last, i, day);
            }
        }
    }

    network
        .contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (g, r) = (given[i], received[i]);
            let total = g + r;
            let share = (total > 0.0).then(|| g / total);
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
            let last_day = last[i].unwrap_or_else(|| day_number(c.created));
            let cadence_days = c.cadence_days.unwrap_or(profile.default_cadence_days);
            let due_day = last_day.saturating_add(i32::try_from(cadence_days).unwrap_or(i32::MAX));
            ContactStats {
                id: c.id,
                given: g,
                received: r,
                share,
                band,
                last_touch: from_day_number(last_day),
                due: from_day_number(due_day),
                overdue_days: i64::from(t).saturating_sub(i64::from(due_day)).max(0),
                cadence_days,
            }
        })
        .collect()
}

/// Hours committed per calendar month (keyed by [`month_index`]): `Gave` exchanges
/// dated in it plus open `Gave` commitments due in it (no due date: the month made).
pub fn capacity_by_month(network: &Network) -> BTreeMap<i32, f64> {
    let mut months = BTreeMap::new();
    for e in network.exchanges.iter().filter(|e| e.direction == Direction::Gave) {
        *months.entry(month_index(e.date)).or_insert(0.0) += e.hours;
    }
    for c in &network.commitments {
        if c.direction == Direction::Gave && c.done.is_none() {
            *months.entry(month_index(c.due.unwrap_or(c.made))).or_insert(0.0) += c.hours;
        }
    }
    months
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
    pub due: Date,
    pub overdue_days: i64,
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
        })
        .collect()
}
