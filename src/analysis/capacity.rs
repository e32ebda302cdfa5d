//! Capacity: hours of giving per month against the monthly budget of the profile.

use jiff::civil::Date;

use super::days::month_index;
use super::flow::{MonthFlow, monthly_flow};
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

/// Whether a commitment counts against capacity on `as_of`: one I promised, made
/// by then and not kept by then (`done` is `None`, or dated after `as_of`).
fn is_open_promise(c: &Commitment, as_of: Date) -> bool {
    c.direction == Direction::Gave && c.made <= as_of && c.done.is_none_or(|done| done > as_of)
}

/// The last [`CAPACITY_MONTHS`] months up to and including the as-of month, oldest first.
pub fn capacity_months(network: &Network, as_of: Date) -> Vec<CapacityMonth> {
    capacity_from_flow(network, as_of, &monthly_flow(network, as_of)).0
}

/// The as-of month's capacity with its open promises listed.
pub fn current_capacity(network: &Network, as_of: Date) -> CurrentCapacity {
    capacity_from_flow(network, as_of, &monthly_flow(network, as_of)).1
}

/// Capacity months from an already computed [`monthly_flow`] (its given hours are
/// the `Gave` exchange hours of each month).
pub(crate) fn capacity_from_flow(
    network: &Network,
    as_of: Date,
    flow: &[MonthFlow],
) -> (Vec<CapacityMonth>, CurrentCapacity) {
    let capacity = network.profile.capacity_hours_per_month;
    let last = month_index(as_of);
    let first = last - (CAPACITY_MONTHS - 1);
    let mut months: Vec<CapacityMonth> =
        (first..=last).map(|month| CapacityMonth { month, capacity, ..CapacityMonth::default() }).collect();
    let slot = |month: i32| usize::try_from(month - first).ok();

    for f in flow.iter().filter(|f| (first..=last).contains(&f.month)) {
        if let Some(m) = slot(f.month).and_then(|i| months.get_mut(i)) {
            m.gave_hours += f.given.hours;
        }
    }
    let mut promises: Vec<(Date, Id)> = Vec::new();
    for c in network.commitments.iter().filter(|c| is_open_promise(c, as_of)) {
        let counted_on = c.due.unwrap_or(c.made);
        let Some(m) = slot(month_index(counted_on)).and_then(|i| months.get_mut(i)) else { continue };
        m.promised_hours += c.hours;
        if m.month == last {
            promises.push((counted_on, c.id));
        }
    }
    for m in &mut months {
        m.hours = m.gave_hours + m.promised_hours;
        m.ratio = (capacity > 0.0).then(|| m.hours / capacity);
    }
    promises.sort_unstable();
    let current = CurrentCapacity {
        month: months.last().copied().unwrap_or_default(),
        promises: promises.into_iter().map(|(_, id)| id).collect(),
    };
    (months, current)
}
