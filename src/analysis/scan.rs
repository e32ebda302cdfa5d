//! The one pass over the exchanges that feeds every per-revision number: reading a
//! million 80-byte records costs more than the arithmetic, so it is done once.

use std::collections::{HashMap, VecDeque};

use jiff::civil::Date;

use super::days::{day_number, month_index};
use super::flow::MonthFlow;
use super::index::{Decay, IdIndex};
use crate::model::{Direction, Id, Network};

/// Days in the window of the "mostly giving" fatigue check, ending at the as-of date.
pub const SHARE_WINDOW_DAYS: usize = 90;

/// A position in `network.exchanges`, with the id to check it still matches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ExchangeRef {
    /// Index into `network.exchanges` of the revision the snapshot was computed for.
    pub index: usize,
    /// The exchange's id.
    pub id: Id,
}

/// Network-wide decayed giving and receiving of non-communal contacts, for the
/// day-by-day share of the fatigue check.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ShareWindow {
    /// Decayed given / received on the window's first day, `as_of − 89` (records up
    /// to that day).
    pub base: [f64; 2],
    /// Value given / received on each later day of the window (index 0 unused).
    pub daily: Vec<[f64; 2]>,
}

/// What one pass over the exchanges (dated on or before `as_of`) yields.
pub(crate) struct ExchangeScan {
    /// Contact id → position in `network.contacts`.
    pub index: IdIndex,
    /// Decayed value given / received per contact, in network order.
    pub given: Vec<f64>,
    pub received: Vec<f64>,
    /// Latest exchange day per contact.
    pub last: Vec<Option<i32>>,
    /// Months that have exchanges, oldest first.
    pub flow: Vec<MonthFlow>,
    /// `Received` exchanges not yet thanked, newest first.
    pub unthanked: Vec<ExchangeRef>,
    pub window: ShareWindow,
    /// With [`ExchangeScan::run_indexed`]: the positions (ascending) of the exchanges
    /// dated on or before `as_of`, per contact id (also ids that are no contact).
    pub positions: Option<HashMap<Id, Vec<u32>>>,
    /// With [`ExchangeScan::run_indexed`]: the day of each entry of `unthanked`.
    pub unthanked_days: Option<Vec<i32>>,
    /// With [`ExchangeScan::run_indexed`]: each scored contact's part of `window.base`.
    pub base_by_contact: Option<HashMap<Id, [f64; 2]>>,
    /// How many exchanges are dated after `as_of` (not in `positions`).
    pub later: usize,
    /// One more than the largest exchange id (1 when there is none).
    pub next_id: Id,
}

/// Per-month totals grown at either end as months appear, so the pass needs no
/// map lookup and no pre-pass for the range.
#[derive(Default)]
struct MonthTable {
    slots: VecDeque<MonthFlow>,
}

impl MonthTable {
    fn slot(&mut self, month: i32) -> Option<&mut MonthFlow> {
        let first = match self.slots.front() {
            Some(front) => front.month,
            None => {
                self.slots.push_back(MonthFlow { month, ..MonthFlow::default() });
                month
            }
        };
        for m in (month..first).rev() {
            self.slots.push_front(MonthFlow { month: m, ..MonthFlow::default() });
        }
        let first = first.min(month);
        let offset = usize::try_from(month - first).ok()?;
        while self.slots.len() <= offset {
            let next = self.slots.back().map_or(month, |s| s.month + 1);
            self.slots.push_back(MonthFlow { month: next, ..MonthFlow::default() });
        }
        self.slots.get_mut(offset)
    }

    fn into_months(self) -> Vec<MonthFlow> {
        self.slots.into_iter().filter(|m| m.given.count + m.received.count > 0).collect()
    }
}

impl ExchangeScan {
    pub(crate) fn run(network: &Network, as_of: Date) -> Self {
        Self::run_with(network, as_of, false)
    }

    /// [`Self::run`], also listing the positions of each contact's exchanges.
    pub(crate) fn run_indexed(network: &Network, as_of: Date) -> Self {
        Self::run_with(network, as_of, true)
    }

    fn run_with(network: &Network, as_of: Date, indexed: bool) -> Self {
        let t = day_number(as_of);
        let index = IdIndex::new(network.contacts.iter().map(|c| c.id));
        let communal: Vec<bool> = network.contacts.iter().map(|c| c.communal).collect();
        let n = network.contacts.len();
        let (mut given, mut received, mut last) = (vec![0.0; n], vec![0.0; n], vec![None; n]);
        let mut decay = Decay::new(network.profile.half_life_days);
        let mut months = MonthTable::default();
        let mut unthanked = Vec::new();
        let first_day = t.saturating_sub(SHARE_WINDOW_DAYS as i32 - 1);
        let mut window = ShareWindow { base: [0.0; 2], daily: vec![[0.0; 2]; SHARE_WINDOW_DAYS] };
        // Positions per contact (by position in `network.contacts`), and of exchanges
        // whose contact is none of them; `None` when not asked for, or too many.
        let indexed = indexed && u32::try_from(network.exchanges.len()).is_ok();
        let mut slots: Vec<Vec<u32>> = if indexed { vec![Vec::new(); n] } else { Vec::new() };
        let mut orphans: HashMap<Id, Vec<u32>> = HashMap::new();
        let mut bases: Vec<[f64; 2]> = if indexed { vec![[0.0; 2]; n] } else { Vec::new() };

        let mut later = 0;
        let mut largest = 0;
        for (position, e) in network.exchanges.iter().enumerate() {
            largest = largest.max(e.id);
            let day = day_number(e.date);
            if day > t {
                later += 1;
                continue;
            }
            let gave = e.direction == Direction::Gave;
            if let Some(month) = months.slot(month_index(e.date)) {
                let totals = if gave { &mut month.given } else { &mut month.received };
                totals.add(e.value, e.hours);
            }
            if !gave && !e.thanked {
                unthanked.push((day, ExchangeRef { index: position, id: e.id }));
            }
            let contact = index.get(e.contact);
            if indexed && let Ok(at) = u32::try_from(position) {
                match contact.and_then(|i| slots.get_mut(i)) {
                    Some(slot) => slot.push(at),
                    None => orphans.entry(e.contact).or_default().push(at),
                }
            }
            let Some(i) = contact else { continue };
            let weight = f64::from(e.value) * decay.factor(t - day);
            let (Some(g), Some(r), Some(l)) = (given.get_mut(i), received.get_mut(i), last.get_mut(i)) else {
                continue;
            };
            *(if gave { g } else { r }) += weight;
            *l = Some(l.map_or(day, |d: i32| d.max(day)));
            if communal.get(i).copied().unwrap_or(true) {
                continue;
            }
            let side = usize::from(!gave); // [given, received]
            if day <= first_day {
                let part = f64::from(e.value) * decay.factor(first_day - day);
                if let Some(base) = window.base.get_mut(side) {
                    *base += part;
                }
                if let Some(base) = bases.get_mut(i).and_then(|b| b.get_mut(side)) {
                    *base += part;
                }
            } else if let Some(slot) =
                usize::try_from(day - first_day).ok().and_then(|k| window.daily.get_mut(k))
                && let Some(v) = slot.get_mut(side)
            {
                *v += f64::from(e.value);
            }
        }
        let (unthanked, unthanked_days) = newest_first_dated(unthanked);
        let mut base_by_contact = HashMap::new();
        let positions = indexed.then(|| {
            for (i, c) in network.contacts.iter().enumerate() {
                if index.get(c.id) == Some(i)
                    && let Some(slot) = slots.get_mut(i)
                {
                    orphans.insert(c.id, std::mem::take(slot));
                    if !c.communal {
                        base_by_contact.insert(c.id, bases.get(i).copied().unwrap_or_default());
                    }
                }
            }
            orphans
        });
        Self {
            positions,
            base_by_contact: indexed.then_some(base_by_contact),
            index,
            given,
            received,
            last,
            flow: months.into_months(),
            unthanked,
            unthanked_days: indexed.then_some(unthanked_days),
            window,
            later,
            next_id: largest.saturating_add(1),
        }
    }
}

/// Dated references (in file order) sorted newest first; on the same day, later in
/// the file first. A counting sort by day when the days span a range not much wider
/// than the list (the usual case): a quarter of a million unthanked exchanges then
/// sort in a few milliseconds instead of a dozen.
#[cfg(test)]
fn newest_first(dated: Vec<(i32, ExchangeRef)>) -> Vec<ExchangeRef> {
    newest_first_dated(dated).0
}

/// [`newest_first`], with the day of each reference (same order).
fn newest_first_dated(mut dated: Vec<(i32, ExchangeRef)>) -> (Vec<ExchangeRef>, Vec<i32>) {
    let newest = dated.iter().map(|(day, _)| *day).max().unwrap_or(0);
    let oldest = dated.iter().map(|(day, _)| *day).min().unwrap_or(0);
    let span = usize::try_from(i64::from(newest) - i64::from(oldest)).unwrap_or(usize::MAX);
    if span > dated.len().saturating_mul(4).saturating_add(1024) {
        dated.sort_unstable_by_key(|(day, r)| std::cmp::Reverse((*day, r.index)));
        return dated.into_iter().map(|(day, r)| (r, day)).unzip();
    }
    let age = |day: i32| usize::try_from(newest - day).unwrap_or(0);
    // next[a] = where the next record `a` days older than the newest goes.
    let mut next = vec![0_usize; span + 1];
    for (day, _) in &dated {
        if let Some(count) = next.get_mut(age(*day)) {
            *count += 1;
        }
    }
    let mut start = 0;
    for slot in &mut next {
        (*slot, start) = (start, start + *slot);
    }
    let mut sorted = vec![ExchangeRef::default(); dated.len()];
    let mut days = vec![0; dated.len()];
    for (day, r) in dated.iter().rev() {
        if let Some(at) = next.get_mut(age(*day)) {
            if let (Some(out), Some(d)) = (sorted.get_mut(*at), days.get_mut(*at)) {
                *out = *r;
                *d = *day;
            }
            *at += 1;
        }
    }
    (sorted, days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_by_counting_or_comparing() {
        let r = |index: usize| ExchangeRef { index, id: index as u64 + 100 };
        let dated = vec![(5, r(0)), (9, r(1)), (5, r(2)), (7, r(3))];
        let expected = vec![r(1), r(3), r(2), r(0)];
        assert_eq!(newest_first(dated.clone()), expected, "counting sort");
        // Days spread far apart: the comparison sort, same order.
        let spread: Vec<_> = dated.into_iter().map(|(day, r)| (day * 1_000_000, r)).collect();
        assert_eq!(newest_first(spread), expected);
        assert_eq!(newest_first(Vec::new()), Vec::new());
    }

    #[test]
    fn month_table_grows_both_ways() {
        let mut table = MonthTable::default();
        for month in [10, 7, 12, 7] {
            if let Some(slot) = table.slot(month) {
                slot.given.add(1, 1.0);
            }
        }
        let months: Vec<(i32, u64)> = table.into_months().iter().map(|m| (m.month, m.given.count)).collect();
        assert_eq!(months, vec![(7, 2), (10, 1), (12, 1)]);
    }
}
