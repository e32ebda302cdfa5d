//! Bringing a [`Snapshot`] up to date after edits without recomputing it: the month
//! sums and the share window by delta, the unthanked list and the per-contact index
//! of exchange positions by replaying the steps of [`Touched`], the stats of the
//! touched contacts from their own exchanges, then the short lists from those.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::Snapshot;
use super::balance::{contact_numbers, latest};
use super::capacity::{self, CurrentCapacity};
use super::dashboard::{check_ins, imbalances};
use super::days::{day_number, month_index};
use super::fatigue::{GivingShare, fatigue};
use super::flow::{MonthFlow, Totals};
use super::index::Decay;
use super::scan::{ExchangeRef, ExchangeScan, SHARE_WINDOW_DAYS, ShareWindow};
use crate::model::{Direction, Exchange, ExchangeStep, Id, Network, Touched};

/// Changes of more exchange records than this share of the list (and than
/// [`MIN_LARGE`]) are cheaper to recompute than to follow.
const LARGE_SHARE: usize = 100;
const MIN_LARGE: usize = 1000;

/// A float sum that can take values out again: Neumaier's compensated sum, so that
/// adding and removing big and small values leaves the sum of what remains.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Sum {
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

    fn value(self) -> f64 {
        self.hi + self.lo
    }
}

/// One month of exchanges, either way: count, value (whole numbers, exact) and hours.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Side {
    count: u64,
    value: f64,
    hours: Sum,
}

impl Side {
    fn of(t: &Totals) -> Self {
        Self { count: t.count, value: t.value, hours: Sum::of(t.hours) }
    }

    fn totals(&self) -> Totals {
        Totals { count: self.count, value: self.value, hours: self.hours.value() }
    }
}

/// What a snapshot keeps to follow edits.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    /// Positions (ascending) in `network.exchanges` of the exchanges dated on or
    /// before the as-of date, per contact id (also ids that are no contact).
    by_contact: HashMap<Id, Vec<u32>>,
    /// Given and received per month, months with exchanges dated by the as-of date.
    months: BTreeMap<i32, [Side; 2]>,
    /// The day of each entry of `Snapshot::unthanked`.
    unthanked_days: Vec<i32>,
    /// The share window: each scored contact's decayed value given and received up
    /// to the window's first day (summed, the window's base), and the value given
    /// and received on each later day.
    base: HashMap<Id, [f64; 2]>,
    daily: Vec<[f64; 2]>,
    /// Contact id → counts in the share window (a contact, not communal).
    scored: HashMap<Id, bool>,
    /// Contact id → latest touch or made introduction dated by the as-of date.
    other_last: HashMap<Id, i32>,
    /// Contact id → latest exchange dated by the as-of date.
    exchange_last: HashMap<Id, i32>,
    /// How many exchanges the network had.
    exchanges: usize,
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
        }))
    }
}

/// Replays exchange steps on a snapshot's state; `broken` when what it finds does
/// not match what it was told (the caller missed an edit): then recompute.
struct Replay<'a> {
    state: &'a mut State,
    unthanked: &'a mut Vec<ExchangeRef>,
    t: i32,
    first_day: i32,
    broken: bool,
    /// How each contact's own exchanges changed, for its stats.
    changed: HashMap<Id, OwnChange>,
}

/// What happened to one contact's exchanges dated by the as-of date.
enum OwnChange {
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
        let Some(day) = self.dated(e) else { return };
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

    fn step(&mut self, step: &ExchangeStep) {
        self.note_change(step);
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
fn add_daily(daily: &mut [[f64; 2]], first_day: i32, day: i32, e: &Exchange, sign: f64) {
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

impl Snapshot {
    /// Brings the snapshot to what [`Snapshot::compute`] gives for `network` on the
    /// same as-of date, after the edits recorded in `touched` (applied with
    /// [`crate::model::Edit::apply_tracked`], in order, to the network this snapshot
    /// was computed or last updated for). Only what changed is recomputed; floating
    /// sums may differ from a full compute in the last bits. Recomputes everything
    /// when `touched.everything`, when more than 1% of the exchanges (and more than a
    /// thousand) changed, and when the edits do not match the snapshot (an edit was
    /// left out). The first update after [`Snapshot::compute`] is a full compute
    /// that also builds the index the later ones use (about 1.5 times a compute); a
    /// snapshot without an as-of date (the default one) is left as it is.
    pub fn update(&mut self, network: &Network, touched: &Touched) {
        let Some(as_of) = self.as_of else { return };
        if touched.is_empty() {
            return;
        }
        let large = (network.exchanges.len() / LARGE_SHARE).max(MIN_LARGE);
        if touched.everything || touched.exchange_records() > large || !self.follow(network, as_of, touched) {
            *self = Self::compute_with(network, as_of, true);
        }
    }

    /// The incremental update; `false` when it cannot be done (then recompute).
    fn follow(&mut self, network: &Network, as_of: Date, touched: &Touched) -> bool {
        let Some(mut state) = self.state.take() else { return false };
        let t = day_number(as_of);
        let first_day = t.saturating_sub(SHARE_WINDOW_DAYS as i32 - 1);
        let half_life = network.profile.half_life_days;
        let mut replay = Replay {
            state: &mut state,
            unthanked: &mut self.unthanked,
            t,
            first_day,
            broken: false,
            changed: HashMap::new(),
        };
        for step in &touched.exchanges {
            replay.step(step);
        }
        let broken = replay.broken;
        let changed = std::mem::take(&mut replay.changed);
        let mut decay = Decay::new(half_life);
        if broken || state.exchanges != network.exchanges.len() {
            return false;
        }

        // Contacts that came, went, or changed whether they count in the window.
        if touched.contact_list {
            let scored: HashMap<Id, bool> = network.contacts.iter().map(|c| (c.id, !c.communal)).collect();
            if scored.len() != network.contacts.len() {
                return false;
            }
            for id in &touched.contacts {
                let (was, is) = (state.scored.get(id).copied(), scored.get(id).copied());
                if was.unwrap_or(false) == is.unwrap_or(false) {
                    continue;
                }
                let sign = if is.unwrap_or(false) { 1.0 } else { -1.0 };
                let positions = state.by_contact.get(id).map(Vec::as_slice).unwrap_or_default();
                for e in positions.iter().filter_map(|&p| network.exchanges.get(p as usize)) {
                    add_daily(&mut state.daily, first_day, day_number(e.date), e, sign);
                }
            }
            state.scored = scored;
        }

        // The base of the window of each touched contact that counts: kept when its
        // exchanges did not change, grown by those added at the end, else summed again.
        for id in &touched.contacts {
            if !state.scored.get(id).copied().unwrap_or(false) {
                state.base.remove(id);
                continue;
            }
            match (changed.get(id), state.base.get_mut(id)) {
                (None, Some(_)) => continue,
                (Some(OwnChange::Added(added)), Some(base)) => {
                    for &(day, direction, value) in added {
                        if day <= first_day
                            && let Some(side) = base.get_mut(usize::from(direction != Direction::Gave))
                        {
                            *side += f64::from(value) * decay.factor(first_day - day);
                        }
                    }
                    continue;
                }
                _ => {}
            }
            let mut base = [0.0; 2];
            let positions = state.by_contact.get(id).map(Vec::as_slice).unwrap_or_default();
            for e in positions.iter().filter_map(|&p| network.exchanges.get(p as usize)) {
                let day = day_number(e.date);
                if day <= first_day
                    && let Some(side) = base.get_mut(usize::from(e.direction != Direction::Gave))
                {
                    *side += f64::from(e.value) * decay.factor(first_day - day);
                }
            }
            state.base.insert(*id, base);
        }

        // The latest touch or made introduction of the touched contacts: check-ins only
        // added can only move it later; anything else (a contact put anew may have
        // touches dated before it was, no one's until now) looks for it again.
        if !touched.touches_otherwise {
            for (contact, date) in &touched.touches_added {
                let day = day_number(*date);
                if day <= t {
                    let slot = state.other_last.entry(*contact).or_insert(day);
                    *slot = (*slot).max(day);
                }
            }
        } else {
            let mut other: HashMap<Id, i32> = HashMap::new();
            let mut note = |contact: Id, day: i32| {
                if day <= t && touched.contacts.contains(&contact) {
                    let slot = other.entry(contact).or_insert(day);
                    *slot = (*slot).max(day);
                }
            };
            for tc in &network.touches {
                note(tc.contact, day_number(tc.date));
            }
            for intro in &network.introductions {
                if let Some(made) = intro.made {
                    let day = day_number(made);
                    note(intro.a, day);
                    note(intro.b, day);
                }
            }
            for id in &touched.contacts {
                match other.get(id) {
                    Some(day) => state.other_last.insert(*id, *day),
                    None => state.other_last.remove(id),
                };
            }
        }

        // The stats of the touched contacts, from their own exchanges.
        // Each touched contact's decayed sums and latest exchange: followed when its
        // exchanges only grew at the end (or did not change), else summed again.
        let mut own: HashMap<Id, (f64, f64, Option<i32>)> = HashMap::new();
        for id in &touched.contacts {
            let before = self.index.get(id).and_then(|&i| self.contacts.get(i));
            let kept_last = state.exchange_last.get(id).copied();
            let numbers = match (changed.get(id), before) {
                (None, Some(s)) => (s.given, s.received, kept_last),
                (Some(OwnChange::Added(added)), Some(s)) => {
                    let (mut given, mut received, mut last) = (s.given, s.received, kept_last);
                    for &(day, direction, value) in added {
                        let weight = f64::from(value) * decay.factor(t - day);
                        *(if direction == Direction::Gave { &mut given } else { &mut received }) += weight;
                        last = latest(last, Some(day));
                    }
                    (given, received, last)
                }
                _ => {
                    let (mut given, mut received, mut last) = (0.0, 0.0, None);
                    for e in state
                        .by_contact
                        .get(id)
                        .into_iter()
                        .flatten()
                        .filter_map(|&p| network.exchanges.get(p as usize))
                    {
                        let day = day_number(e.date);
                        let weight = f64::from(e.value) * decay.factor(t - day);
                        *(if e.direction == Direction::Gave { &mut given } else { &mut received }) += weight;
                        last = latest(last, Some(day));
                    }
                    (given, received, last)
                }
            };
            match numbers.2 {
                Some(day) => state.exchange_last.insert(*id, day),
                None => state.exchange_last.remove(id),
            };
            own.insert(*id, numbers);
        }
        let stats_of = |i: usize, _decay: &mut Decay| {
            let c = network.contacts.get(i)?;
            let (given, received, last) = own.get(&c.id).copied().unwrap_or_default();
            let last = latest(last, state.other_last.get(&c.id).copied());
            Some(contact_numbers(c, &network.profile, t, given, received, last))
        };
        if touched.contact_list {
            let old: HashMap<Id, usize> = std::mem::take(&mut self.index);
            let mut contacts = Vec::with_capacity(network.contacts.len());
            for (i, c) in network.contacts.iter().enumerate() {
                let kept = old
                    .get(&c.id)
                    .and_then(|&j| self.contacts.get(j))
                    .filter(|_| !touched.contacts.contains(&c.id));
                match kept.cloned().or_else(|| stats_of(i, &mut decay)) {
                    Some(s) => contacts.push(s),
                    None => return false,
                }
            }
            self.index = contacts.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
            self.contacts = contacts;
        } else {
            for id in &touched.contacts {
                let Some(&i) = self.index.get(id) else { continue };
                match (stats_of(i, &mut decay), self.contacts.get_mut(i)) {
                    (Some(s), Some(slot)) => *slot = s,
                    _ => return false,
                }
            }
        }

        // The month sums, the window, capacity and the short lists.
        state.months.retain(|_, [g, r]| g.count + r.count > 0);
        self.flow = state
            .months
            .iter()
            .map(|(month, [g, r])| MonthFlow { month: *month, given: g.totals(), received: r.totals() })
            .collect();
        let finite = |x: f64| x.is_finite();
        if !self.flow.iter().all(|m| finite(m.given.hours) && finite(m.received.hours)) {
            return false;
        }
        if !touched.exchanges.is_empty() || touched.commitments {
            self.capacity =
                capacity::capacity_from_flow(network, as_of, capacity::last_months(as_of), &self.flow);
            self.current = CurrentCapacity {
                month: self.capacity.last().copied().unwrap_or_default(),
                promises: capacity::promises_counted(network, as_of, month_index(as_of)),
            };
        }
        let base = network
            .contacts
            .iter()
            .filter_map(|c| state.base.get(&c.id))
            .fold([0.0; 2], |[g, r], [cg, cr]| [g + cg, r + cr]);
        let window = ShareWindow { base, daily: state.daily.clone() };
        self.giving_share = GivingShare::from_window(&window, half_life);
        self.fatigue = fatigue(&self.capacity, &self.giving_share, as_of);
        self.check_ins = check_ins(network, &self.contacts);
        self.imbalances = imbalances(network, &self.contacts);
        self.state = Some(state);
        true
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
