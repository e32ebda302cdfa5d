//! Bringing a [`Snapshot`] up to date after edits without recomputing it: the month
//! sums and the share window by delta, the unthanked list and the per-contact index
//! of exchange positions by replaying the steps of [`Touched`], the stats of the
//! touched contacts from their own exchanges, then the short lists from those.

mod replay;

pub(crate) use replay::State;

use std::collections::HashMap;

use jiff::civil::Date;

use super::Snapshot;
use super::balance::{contact_numbers, latest};
use super::capacity::{self, CurrentCapacity};
use super::dashboard::{check_ins, follow_lists, imbalances};
use super::days::{day_number, month_index};
use super::fatigue::{GivingShare, fatigue};
use super::flow::MonthFlow;
use super::index::Decay;
use super::scan::{SHARE_WINDOW_DAYS, ShareWindow};
use crate::model::{Direction, Id, Network, Touched};
use replay::{OwnChange, Replay, add_daily};

/// Changes of more exchange records than this share of the list (and than
/// [`MIN_LARGE`]) are cheaper to recompute than to follow.
const LARGE_SHARE: usize = 100;
const MIN_LARGE: usize = 1000;

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

        // Contacts that came, went, or changed whether they count in the window. Contacts
        // only replaced where they were (archived, renamed, made communal) keep every
        // position: only theirs are looked at.
        let in_place = touched.contact_list && !touched.contacts_moved;
        let moved = touched.contact_list && !in_place;
        if touched.contact_list {
            let scored: HashMap<Id, bool> = if in_place {
                let mut scored = state.scored.clone();
                for id in &touched.contacts {
                    let contact = self.index.get(id).and_then(|&i| network.contacts.get(i));
                    match contact.filter(|c| c.id == *id) {
                        Some(c) => scored.insert(*id, !c.communal),
                        None => return false,
                    };
                }
                scored
            } else {
                network.contacts.iter().map(|c| (c.id, !c.communal)).collect()
            };
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
        if moved {
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
        // The scored contacts' bases, summed as they are kept (a lookup of each contact
        // in turn cost most of an edit at 10,000 contacts; the terms are the same).
        let base = state.base.values().fold([0.0; 2], |[g, r], [cg, cr]| [g + cg, r + cr]);
        let window = ShareWindow { base, daily: state.daily.clone() };
        self.giving_share = GivingShare::from_window(&window, half_life);
        self.fatigue = fatigue(&self.capacity, &self.giving_share, as_of);
        // Only the touched contacts' rows can move, unless contacts came or went.
        let lists = (&mut self.check_ins, &mut self.imbalances);
        if moved || !follow_lists(lists, network, &self.contacts, &self.index, &touched.contacts, as_of) {
            self.check_ins = check_ins(network, &self.contacts, as_of);
            self.imbalances = imbalances(network, &self.contacts);
        }
        self.state = Some(state);
        true
    }
}
