//! Checks that a network is consistent: every violation, with what and where.

use std::collections::HashSet;
use std::fmt;

use super::{Id, Network};

/// One violation found by [`validate`]: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The record: `"exchanges[3] (id 7)"`.
    pub place: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Every problem in `network`, in file order; empty when it is valid.
pub fn validate(network: &Network) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |list: &str, index: usize, id: Option<Id>, message: String| {
        let place = match id {
            Some(id) => format!("{list}[{index}] (id {id})"),
            None if list == "profile" => list.to_owned(),
            None => format!("{list}[{index}]"),
        };
        problems.push(Problem { place, message });
    };

    let profile = &network.profile;
    let mut profile_problem = |message: String| report("profile", 0, None, message);
    if profile.capacity_hours_per_month.is_nan() || profile.capacity_hours_per_month < 0.0 {
        profile_problem(format!(
            "capacity_hours_per_month is {}, it must be 0 or more",
            profile.capacity_hours_per_month
        ));
    }
    if profile.half_life_days.is_nan() || profile.half_life_days <= 0.0 {
        profile_problem(format!("half_life_days is {}, it must be more than 0", profile.half_life_days));
    }
    if !(0.0..=0.5).contains(&profile.balance_tolerance) {
        profile_problem(format!(
            "balance_tolerance is {}, it must be between 0 and 0.5",
            profile.balance_tolerance
        ));
    }
    if profile.default_cadence_days == 0 {
        profile_problem("default_cadence_days is 0, it must be at least 1".to_owned());
    }

    let mut contact_ids = IdSet::for_ids(network.contacts.iter().map(|c| c.id), network.contacts.len());
    for (i, c) in network.contacts.iter().enumerate() {
        check_id("contacts", i, c.id, &mut contact_ids, &mut report);
        if c.cadence_days == Some(0) {
            report("contacts", i, Some(c.id), "cadence_days is 0, it must be at least 1".to_owned());
        }
    }
    let resolves = |id: Id| contact_ids.contains(id);

    let mut seen = IdSet::for_ids(network.exchanges.iter().map(|r| r.id), network.exchanges.len());
    for (i, e) in network.exchanges.iter().enumerate() {
        check_id("exchanges", i, e.id, &mut seen, &mut report);
        if !resolves(e.contact) {
            report("exchanges", i, Some(e.id), format!("contact {} does not exist", e.contact));
        }
        check_hours("exchanges", i, e.id, e.hours, &mut report);
        if !(1..=5).contains(&e.value) {
            report("exchanges", i, Some(e.id), format!("value is {}, it must be from 1 to 5", e.value));
        }
    }

    let mut seen = IdSet::for_ids(network.touches.iter().map(|r| r.id), network.touches.len());
    for (i, t) in network.touches.iter().enumerate() {
        check_id("touches", i, t.id, &mut seen, &mut report);
        if !resolves(t.contact) {
            report("touches", i, Some(t.id), format!("contact {} does not exist", t.contact));
        }
    }

    let mut seen = IdSet::for_ids(network.commitments.iter().map(|r| r.id), network.commitments.len());
    for (i, c) in network.commitments.iter().enumerate() {
        check_id("commitments", i, c.id, &mut seen, &mut report);
        if !resolves(c.contact) {
            report("commitments", i, Some(c.id), format!("contact {} does not exist", c.contact));
        }
        check_hours("commitments", i, c.id, c.hours, &mut report);
    }

    let mut seen = IdSet::for_ids(network.introductions.iter().map(|r| r.id), network.introductions.len());
    for (i, intro) in network.introductions.iter().enumerate() {
        check_id("introductions", i, intro.id, &mut seen, &mut report);
        for (side, id) in [("a", intro.a), ("b", intro.b)] {
            if !resolves(id) {
                report("introductions", i, Some(intro.id), format!("{side}: contact {id} does not exist"));
            }
        }
        if intro.a == intro.b {
            report("introductions", i, Some(intro.id), format!("introduces contact {} to itself", intro.a));
        }
    }

    let mut seen = IdSet::for_ids(network.wins.iter().map(|r| r.id), network.wins.len());
    for (i, w) in network.wins.iter().enumerate() {
        check_id("wins", i, w.id, &mut seen, &mut report);
        if !resolves(w.contact) {
            report("wins", i, Some(w.id), format!("contact {} does not exist", w.contact));
        }
    }
    problems
}

fn check_hours(
    list: &str,
    index: usize,
    id: Id,
    hours: f64,
    report: &mut impl FnMut(&str, usize, Option<Id>, String),
) {
    if !(hours >= 0.0 && hours.is_finite()) {
        report(list, index, Some(id), format!("hours is {hours}, it must be 0 or more"));
    }
}

/// Reports an id that is 0 or already in `seen`; adds it to `seen`.
fn check_id(
    list: &str,
    index: usize,
    id: Id,
    seen: &mut IdSet,
    report: &mut impl FnMut(&str, usize, Option<Id>, String),
) {
    if id == 0 {
        report(list, index, Some(id), "id 0 is not allowed, ids start at 1".to_owned());
    } else if !seen.insert(id) {
        report(list, index, Some(id), format!("duplicate id {id}"));
    }
}

/// The ids of one list seen so far. A bitmap when they are dense (files Rapport writes
/// number each list 1, 2, 3…): at a million exchanges it is 125 KB and a bit test per
/// record, where a hash set was a sixth of the time it takes to open the file. Ids
/// spread far apart fall back to a hash set.
enum IdSet {
    Dense(Vec<u64>),
    Sparse(HashSet<Id>),
}

impl IdSet {
    /// An empty set sized for `ids`, a list of `len` records.
    fn for_ids(ids: impl Iterator<Item = Id>, len: usize) -> Self {
        let max = ids.max().unwrap_or(0);
        let dense_limit = (len as u64).saturating_mul(8).max(1 << 16);
        match usize::try_from(max / 64 + 1) {
            Ok(words) if max <= dense_limit => Self::Dense(vec![0; words]),
            _ => Self::Sparse(HashSet::with_capacity(len)),
        }
    }

    /// Adds `id`; false when it was already there.
    fn insert(&mut self, id: Id) -> bool {
        match self {
            Self::Sparse(set) => set.insert(id),
            Self::Dense(words) => {
                let (word, bit) = Self::place(id);
                match words.get_mut(word) {
                    Some(word) => {
                        let fresh = *word & bit == 0;
                        *word |= bit;
                        fresh
                    }
                    // Not sized for it (cannot happen for the ids it was made for).
                    None => {
                        let mut set: HashSet<Id> = Self::members(words).collect();
                        let fresh = set.insert(id);
                        *self = Self::Sparse(set);
                        fresh
                    }
                }
            }
        }
    }

    fn contains(&self, id: Id) -> bool {
        match self {
            Self::Sparse(set) => set.contains(&id),
            Self::Dense(words) => {
                let (word, bit) = Self::place(id);
                words.get(word).is_some_and(|word| word & bit != 0)
            }
        }
    }

    fn place(id: Id) -> (usize, u64) {
        (usize::try_from(id / 64).unwrap_or(usize::MAX), 1 << (id % 64))
    }

    fn members(words: &[u64]) -> impl Iterator<Item = Id> + '_ {
        words.iter().enumerate().flat_map(|(index, &word)| {
            (0..64).filter(move |bit| word & (1 << bit) != 0).map(move |bit| index as u64 * 64 + bit)
        })
    }
}
