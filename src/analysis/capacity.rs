//! Capacity: hours of giving per month against the monthly budget of the profile.
//!
//! One definition (DESIGN "Capacity for a month"), used by the dashboard's snapshot,
//! the report and the ledger's warning: for a month and an as-of date `t`, the hours
//! of `Gave` exchanges dated in the month (and on or before `t`), plus the hours of
//! the `Gave` commitments open on `t` that count against the month (due in it; with
//! no due date, made in it). A commitment is open on `t` when it was made by then
//! and not kept by then (`done` is `None` or later than `t`).

use std::ops::RangeInclusive;

use jiff::civil::Date;

use super::days::month_index;
use super::flow::MonthFlow;
use crate::model::{Commitment, Direction, Id, Network};

/// How many months [`capacity_months`] covers, ending with the as-of month.
pub const CAPACITY_MONTHS: i32 = 12;

/// One month of giving against the budget (DESIGN "Capacity for a month").
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CapacityMonth {
    /// The month, as [`super::days::month_index`].
    pub month: i32,
    /// Hours of `Gave` exchanges dated in the month (on or before the as-of date).
    pub gave_hours: f64,
    /// Hours of open `Gave` commitments due in the month (no due date: the month made).
    pub promised_hours: f64,
    /// `gave_hours + promised_hours`.
    pub hours: f64,
    /// The profile's `capacity_hours_per_month`.
    pub capacity: f64,
    /// `hours / capacity`; `None` when the capacity is 0 (or not a positive number):
    /// no budget is set, so the month is never over budget.
    pub ratio: Option<f64>,
}

impl CapacityMonth {
    /// More hours than the budget (`ratio > 1.0`).
    pub fn is_over_budget(&self) -> bool {
        self.ratio.is_some_and(|r| r > 1.0)
    }
}

/// The as-of month, with the open promises that count against it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CurrentCapacity {
    pub month: CapacityMonth,
    /// Ids of the open `Gave` commitments counted in `month.promised_hours`, by due
    /// date (or made date) then id.
    pub promises: Vec<Id>,
}

/// Whether a commitment (of either direction) is open on `as_of`: made by then and
/// not kept by then (`done` is `None`, or dated after `as_of`).
pub fn is_open_on(c: &Commitment, as_of: Date) -> bool {
    c.made <= as_of && c.done.is_none_or(|done| done > as_of)
}

/// The date a commitment counts against capacity on `as_of`, if it does: one I
/// promised, open on `as_of`; its due date, or the date made when it has none.
fn counts_on(c: &Commitment, as_of: Date) -> Option<Date> {
    (c.direction == Direction::Gave && is_open_on(c, as_of)).then(|| c.due.unwrap_or(c.made))
}

/// Capacity of each month of `months` (month indexes, [`month_index`]) on `as_of`,
/// oldest first: the one definition of capacity. One pass over the exchanges and
/// one over the commitments; empty when the range is.
pub fn capacity_for_months(
    network: &Network,
    as_of: Date,
    months: RangeInclusive<i32>,
) -> Vec<CapacityMonth> {
    let (first, count) = span(&months);
    let mut gave = vec![0.0; count];
    for e in &network.exchanges {
        if e.direction == Direction::Gave
            && e.date <= as_of
            && let Some(hours) = slot(first, count, month_index(e.date)).and_then(|i| gave.get_mut(i))
        {
            *hours += e.hours;
        }
    }
    with_promises(network, as_of, first, gave)
}

/// Capacity of one month on `as_of` (what the ledger's warning shows): the same
/// numbers as [`capacity_for_months`] over that month alone, without allocating.
pub fn capacity_for_month(network: &Network, as_of: Date, month: i32) -> CapacityMonth {
    let in_month = |date: Date| date <= as_of && month_index(date) == month;
    let gave_hours = network
        .exchanges
        .iter()
        .filter(|e| e.direction == Direction::Gave && in_month(e.date))
        .map(|e| e.hours)
        .sum();
    let promised_hours = network
        .commitments
        .iter()
        .filter(|c| counts_on(c, as_of).is_some_and(|d| month_index(d) == month))
        .map(|c| c.hours)
        .sum();
    finish(CapacityMonth { month, gave_hours, promised_hours, ..CapacityMonth::default() }, network)
}

/// The last [`CAPACITY_MONTHS`] months up to and including the as-of month, oldest first.
pub fn capacity_months(network: &Network, as_of: Date) -> Vec<CapacityMonth> {
    capacity_for_months(network, as_of, last_months(as_of))
}

/// The as-of month's capacity with its open promises listed.
pub fn current_capacity(network: &Network, as_of: Date) -> CurrentCapacity {
    let month = month_index(as_of);
    CurrentCapacity {
        month: capacity_for_month(network, as_of, month),
        promises: promises_counted(network, as_of, month),
    }
}

/// The months of [`capacity_months`]: the as-of month and the eleven before it.
pub(crate) fn last_months(as_of: Date) -> RangeInclusive<i32> {
    let last = month_index(as_of);
    (last - (CAPACITY_MONTHS - 1))..=last
}

/// [`capacity_for_months`] with the `Gave` hours of each month read from a
/// [`super::monthly_flow`] already computed for `as_of` (the same sums: `Gave`
/// exchanges dated in the month, on or before `as_of`), for the snapshot.
pub(crate) fn capacity_from_flow(
    network: &Network,
    as_of: Date,
    months: RangeInclusive<i32>,
    flow: &[MonthFlow],
) -> Vec<CapacityMonth> {
    let (first, count) = span(&months);
    let mut gave = vec![0.0; count];
    for f in flow {
        if let Some(hours) = slot(first, count, f.month).and_then(|i| gave.get_mut(i)) {
            *hours += f.given.hours;
        }
    }
    with_promises(network, as_of, first, gave)
}

/// Ids of the commitments counted against `month` on `as_of`, by the date they
/// count on, then id.
pub(crate) fn promises_counted(network: &Network, as_of: Date, month: i32) -> Vec<Id> {
    let mut promises: Vec<(Date, Id)> = network
        .commitments
        .iter()
        .filter_map(|c| counts_on(c, as_of).filter(|d| month_index(*d) == month).map(|d| (d, c.id)))
        .collect();
    promises.sort_unstable();
    promises.into_iter().map(|(_, id)| id).collect()
}

/// First month and number of months of a range (0 when empty).
fn span(months: &RangeInclusive<i32>) -> (i32, usize) {
    let (first, last) = (*months.start(), *months.end());
    let count = usize::try_from(i64::from(last) - i64::from(first) + 1).unwrap_or(0);
    (first, count)
}

fn slot(first: i32, count: usize, month: i32) -> Option<usize> {
    usize::try_from(i64::from(month) - i64::from(first)).ok().filter(|i| *i < count)
}

/// Months from `first`, one per entry of `gave` (their `Gave` exchange hours), with
/// the open promises of `as_of` added and the ratios set.
/// [`capacity_for_months`] from the hours given in each month from `first` on (the
/// exchanges dated by `as_of`, summed in the network's order), for a caller that
/// summed them in a pass of its own.
pub(crate) fn capacity_from_gave(
    network: &Network,
    as_of: Date,
    first: i32,
    gave: Vec<f64>,
) -> Vec<CapacityMonth> {
    with_promises(network, as_of, first, gave)
}

fn with_promises(network: &Network, as_of: Date, first: i32, gave: Vec<f64>) -> Vec<CapacityMonth> {
    let count = gave.len();
    let mut months: Vec<CapacityMonth> = (first..)
        .zip(gave)
        .map(|(month, gave_hours)| CapacityMonth { month, gave_hours, ..CapacityMonth::default() })
        .collect();
    for c in &network.commitments {
        if let Some(m) = counts_on(c, as_of)
            .and_then(|d| slot(first, count, month_index(d)))
            .and_then(|i| months.get_mut(i))
        {
            m.promised_hours += c.hours;
        }
    }
    months.into_iter().map(|m| finish(m, network)).collect()
}

/// Sets `hours`, `capacity` and `ratio` from the two sums.
fn finish(m: CapacityMonth, network: &Network) -> CapacityMonth {
    let capacity = network.profile.capacity_hours_per_month;
    let hours = m.gave_hours + m.promised_hours;
    CapacityMonth { hours, capacity, ratio: (capacity > 0.0).then(|| hours / capacity), ..m }
}
