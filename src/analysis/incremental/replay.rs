//! The state a snapshot keeps to follow edits, and the replay of exchange steps on it:
//! month sums by delta, per-contact positions, the unthanked list, the share window.

use std::collections::{BTreeMap, HashMap};

use crate::analysis::days::{day_number, month_index};
use crate::analysis::flow::Totals;
use crate::analysis::scan::{ExchangeRef, ExchangeScan};
use crate::model::{Direction, Exchange, ExchangeStep, Id, Network};

/// A float sum that can take values out again: Neumaier's compensated sum, so that
/// adding and removing big and small values leaves the sum of what remains.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Sum {
    hi: f64,
    lo: f64,
}

impl Sum {
    fn of(x: f64) -> Self {
        Self { hi: x, lo: 0.0 }
    }

    fn add(&mut self, x: f64) {
        let t = self.hi + x;
        if self.hi.abs() >= x.abs() {
            self.lo += (self.hi - t) + x;
        } else {
            self.lo += (x - t) + self.hi;
        }
        self.hi = t;
    }

    pub(super) fn value(self) -> f64 {
        self.hi + self.lo
    }
}

/// One month of exchanges, either way: count, value (whole numbers, exact) and hours.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Side {
    pub(super) count: u64,
    pub(super) value: f64,
    pub(super) hours: Sum,
}

impl Side {
    fn of(t: &Totals) -> Self {
        Self { count: t.count, value: t.value, hours: Sum::of(t.hours) }
    }

    pub(super) fn totals(&self) -> Totals {
        Totals { count: self.count, value: self.value, hours: self.hours.value() }
    }
}

/// What a snapshot keeps to follow edits.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    /// Positions (ascending) in `network.exchanges` of the exchanges dated on or
    /// before the as-of date, per contact id (also ids that are no contact).
    pub(super) by_contact: HashMap<Id, Vec<u32>>,
    /// Given and received per month, months with exchanges dated by the as-of date.
    pub(super) months: BTreeMap<i32, [Side; 2]>,
    /// The day of each entry of `Snapshot::unthanked`.
    pub(super) unthanked_days: Vec<i32>,
    /// The share window: each scored contact's decayed value given and received up
    /// to the window's first day (summed, the window's base), and the value given
    /// and received on each later day.
    pub(super) base: HashMap<Id, [f64; 2]>,
    pub(super) daily: Vec<[f64; 2]>,
    /// Contact id → counts in the share window (a contact, not communal).
    pub(super) scored: HashMap<Id, bool>,
    /// Contact id → latest touch or made introduction dated by the as-of date.
    pub(super) other_last: HashMap<Id, i32>,
    /// Contact id → latest exchange dated by the as-of date.
    pub(super) exchange_last: HashMap<Id, i32>,
    /// How many exchanges the network had.
    pub(super) exchanges: usize,
    /// How many of them are dated after the as-of date (in no list of `by_contact`).
    pub(super) later: usize,
    /// An id above every exchange's: one more than the largest there has been (an
    /// exchange removed leaves it as it was, which is still free).
    pub(super) next_id: Id,
}

impl State {
    /// The state of a network just computed, from the scan made for it.
    pub(crate) fn new(
        network: &Network,
        scan: &mut ExchangeScan,
        other: &[Option<i32>],
    ) -> Option<Box<Self>> {
        let by_contact = scan.positions.take()?;
        let base = scan.base_by_contact.take()?;
        let months =
            scan.flow.iter().map(|f| (f.month, [Side::of(&f.given), Side::of(&f.received)])).collect();
        let unthanked_days = scan.unthanked_days.take()?;
        let scored: HashMap<Id, bool> = network.contacts.iter().map(|c| (c.id, !c.communal)).collect();
        if scored.len() != network.contacts.len() {
            return None; // Two contacts with one id: not followed.
        }
        let other_last =
            network.contacts.iter().zip(other).filter_map(|(c, d)| Some((c.id, (*d)?))).collect();
        let exchange_last =
            network.contacts.iter().zip(&scan.last).filter_map(|(c, d)| Some((c.id, (*d)?))).collect();
        Some(Box::new(Self {
            by_contact,
            months,
            unthanked_days,
            base,
            daily: scan.window.daily.clone(),
            scored,
            other_last,
            exchange_last,
            exchanges: network.exchanges.len(),
            later: scan.later,
            next_id: scan.next_id,
        }))
    }

    /// Positions (ascending) in `network.exchanges` of every exchange of `contact`,
    /// when none of the network's is dated after the as-of date; `None` otherwise.
    pub(crate) fn next_exchange_id(&self) -> Id {
        self.next_id
    }

    pub(crate) fn exchange_count(&self) -> usize {
        self.exchanges
    }

    pub(crate) fn exchanges_of(&self, contact: Id) -> Option<&[u32]> {
        (self.later == 0).then(|| self.by_contact.get(&contact).map_or(&[][..], Vec::as_slice))
    }
}

/// Replays exchange steps on a snapshot's state; `broken` when what it finds does
/// not match what it was told (the caller missed an edit): then recompute.
pub(super) struct Replay<'a> {
    pub(super) state: &'a mut State,
    pub(super) unthanked: &'a mut Vec<ExchangeRef>,
    pub(super) t: i32,
    pub(super) first_day: i32,
    pub(super) broken: bool,
    /// How each contact's own exchanges changed, for its stats.
    pub(super) changed: HashMap<Id, OwnChange>,
}

/// What happened to one contact's exchanges dated by the as-of date.
pub(super) enum OwnChange {
    /// Only these were added, after all the others in the list: its sums grow by their
    /// weights, in the order a full pass would add them.
    Added(Vec<(i32, Direction, u8)>),
    /// Anything else: its stats are computed again from its exchanges.
    Recompute,
}

impl Replay<'_> {
    fn dated(&self, e: &Exchange) -> Option<i32> {
        let day = day_number(e.date);
        (day <= self.t).then_some(day)
    }

    /// Adds (`sign` 1) or takes out (−1) an exchange at `at` everywhere but the window.
    fn count(&mut self, at: usize, e: &Exchange, sign: f64) {
        let Some(day) = self.dated(e) else {
            match (sign > 0.0, self.state.later.checked_sub(1)) {
                (true, _) => self.state.later += 1,
                (false, Some(n)) => self.state.later = n,
                (false, None) => self.broken = true,
            }
            return;
        };
        let Ok(at32) = u32::try_from(at) else {
            self.broken = true;
            return;
        };
        let month = self.state.months.entry(month_index(e.date)).or_default();
        let side = &mut month[usize::from(e.direction != Direction::Gave)];
        if sign > 0.0 {
            side.count += 1;
        } else if let Some(n) = side.count.checked_sub(1) {
            side.count = n;
        } else {
            self.broken = true;
        }
        side.value += sign * f64::from(e.value);
        side.hours.add(sign * e.hours);
        if side.count == 0 {
            *side = Side::default(); // No exchange left: exactly nothing, whatever the rounding.
        } else if sign < 0.0 && e.hours.abs() > 1e6 * side.hours.value().abs() {
            // Most of the month's hours went out: what remains may be below the
            // rounding of the sum it was part of. Recompute.
            self.broken = true;
        }
        let list = self.state.by_contact.entry(e.contact).or_default();
        match (list.binary_search(&at32), sign > 0.0) {
            (Err(i), true) => list.insert(i, at32),
            (Ok(i), false) => {
                list.remove(i);
            }
            _ => self.broken = true,
        }
        if e.direction == Direction::Received && !e.thanked {
            let key = (day, at);
            let days = &self.state.unthanked_days;
            let refs = &*self.unthanked;
            // Newest first: (day, index) descending.
            let mut lo = 0;
            let mut hi = refs.len();
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                let (Some(d), Some(r)) = (days.get(mid), refs.get(mid)) else { break };
                if (*d, r.index) > key {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            let here = refs.get(lo).is_some_and(|r| r.index == at) && days.get(lo) == Some(&day);
            if sign > 0.0 && !here {
                self.unthanked.insert(lo, ExchangeRef { index: at, id: e.id });
                self.state.unthanked_days.insert(lo, day);
            } else if sign < 0.0 && here {
                self.unthanked.remove(lo);
                self.state.unthanked_days.remove(lo);
            } else {
                self.broken = true;
            }
        }
        self.window(e, sign);
    }

    /// Adds or takes out an exchange's value on its day of the share window (by the
    /// membership of its contact as the state knows it). The base is recomputed per
    /// touched contact instead: a decayed sum does not take values out exactly.
    fn window(&mut self, e: &Exchange, sign: f64) {
        let Some(day) = self.dated(e) else { return };
        if self.state.scored.get(&e.contact).copied().unwrap_or(false) {
            add_daily(&mut self.state.daily, self.first_day, day, e, sign);
        }
    }

    /// Every stored position through `map` (monotone), from the first one `from` on.
    fn remap(&mut self, from: usize, map: impl Fn(usize) -> usize) {
        for list in self.state.by_contact.values_mut() {
            let start = list.partition_point(|&p| (p as usize) < from);
            for p in list.iter_mut().skip(start) {
                *p = u32::try_from(map(*p as usize)).unwrap_or(u32::MAX);
            }
        }
        for r in self.unthanked.iter_mut() {
            if r.index >= from {
                r.index = map(r.index);
            }
        }
    }

    /// Notes how `step` changed the exchanges of each contact it involves.
    fn note_change(&mut self, step: &ExchangeStep) {
        let t = self.t;
        let mut recompute = |contact: Id| {
            self.changed.insert(contact, OwnChange::Recompute);
        };
        match step {
            ExchangeStep::Replaced { old, new, .. } => {
                let same_weight = (old.contact, old.date, old.direction, old.value)
                    == (new.contact, new.date, new.direction, new.value);
                if !same_weight {
                    recompute(old.contact);
                    recompute(new.contact);
                }
            }
            ExchangeStep::Added { at, new } => {
                let last = self.state.by_contact.get(&new.contact).and_then(|l| l.last()).copied();
                let at_end = last.is_none_or(|p| (p as usize) < *at);
                let day = day_number(new.date);
                match self.changed.entry(new.contact).or_insert_with(|| OwnChange::Added(Vec::new())) {
                    OwnChange::Added(added) if at_end => {
                        if day <= t {
                            added.push((day, new.direction, new.value));
                        }
                    }
                    change => *change = OwnChange::Recompute,
                }
            }
            ExchangeStep::Removed(records) | ExchangeStep::Restored(records) => {
                for (_, e) in records {
                    recompute(e.contact);
                }
            }
        }
    }

    pub(super) fn step(&mut self, step: &ExchangeStep) {
        self.note_change(step);
        for e in step.new_versions() {
            self.state.next_id = self.state.next_id.max(e.id.saturating_add(1));
        }
        match step {
            ExchangeStep::Replaced { at, old, new } => {
                self.count(*at, old, -1.0);
                self.count(*at, new, 1.0);
            }
            ExchangeStep::Added { at, new } => self.count(*at, new, 1.0),
            ExchangeStep::Removed(records) => {
                for (at, e) in records {
                    self.count(*at, e, -1.0);
                }
                let removed: Vec<usize> = records.iter().map(|(at, _)| *at).collect();
                if let Some(&first) = removed.first() {
                    self.remap(first, |p| p - removed.partition_point(|&r| r < p));
                }
                self.state.exchanges = self.state.exchanges.saturating_sub(records.len());
            }
            ExchangeStep::Restored(records) => {
                // The k-th insertion (at i_k, ascending) moves what is then at i_k or
                // later: a position p moves by the number of k with i_k − k ≤ p.
                let keys: Vec<usize> =
                    records.iter().enumerate().map(|(k, (at, _))| at - k.min(*at)).collect();
                if let Some(&first) = keys.first() {
                    self.remap(first, |p| p + keys.partition_point(|&key| key <= p));
                }
                for (at, e) in records {
                    self.count(*at, e, 1.0);
                }
                self.state.exchanges += records.len();
            }
        }
        if let ExchangeStep::Added { .. } = step {
            self.state.exchanges += 1;
        }
    }
}

/// Adds (`sign` 1) or takes out (−1) an exchange's value on its day of the window
/// (nothing when it is dated on or before the first day: that is the base).
pub(super) fn add_daily(daily: &mut [[f64; 2]], first_day: i32, day: i32, e: &Exchange, sign: f64) {
    let side = usize::from(e.direction != Direction::Gave);
    if day > first_day
        && let Some(v) = usize::try_from(day - first_day)
            .ok()
            .and_then(|k| daily.get_mut(k))
            .and_then(|slot| slot.get_mut(side))
    {
        *v += sign * f64::from(e.value);
    }
}

#[cfg(test)]
mod tests {
    use super::Sum;

    #[test]
    fn a_compensated_sum_gives_back_what_remains() {
        let mut sum = Sum::default();
        for x in [1e21, 0.1, 0.2, -1e21] {
            sum.add(x);
        }
        assert!((sum.value() - 0.3).abs() < 1e-15, "{}", sum.value());
    }
}
