//! Value gaps: open needs matched against your offers and other contacts' offers,
//! and the receive side — what you might ask of someone you have long given to.

use std::collections::HashSet;

use jiff::civil::Date;

use super::days::day_number;
use super::index::{Decay, IdIndex};
use crate::model::{Direction, Id, Network};

/// A topic as matching sees it: trimmed, lower-case, inner spaces collapsed.
pub fn normalize_topic(topic: &str) -> String {
    topic.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// At most this many people are suggested for one need (in network order).
pub const MAX_INTRODUCERS: usize = 5;

/// One open need and who could meet it.
#[derive(Clone, Debug, PartialEq)]
pub struct NeedMatch {
    /// The contact with the need.
    pub contact: Id,
    /// Index into that contact's `needs`.
    pub need: usize,
    pub topic: String,
    pub since: Date,
    /// One of your offers matches: "you could help".
    pub you_can_help: bool,
    /// Other contacts whose offers match, not archived and not yet introduced to them
    /// (the first [`MAX_INTRODUCERS`]).
    pub introducers: Vec<Id>,
}

/// Open needs of active contacts that you or someone else could meet, freshest first.
pub fn value_gaps(network: &Network) -> Vec<NeedMatch> {
    let own: HashSet<String> = network.profile.offers.iter().map(|o| normalize_topic(o)).collect();
    let offers: Vec<(Id, HashSet<String>)> = network
        .contacts
        .iter()
        .filter(|c| !c.archived)
        .map(|c| (c.id, c.offers.iter().map(|o| normalize_topic(o)).collect()))
        .collect();
    let introduced: HashSet<(Id, Id)> =
        network.introductions.iter().flat_map(|i| [(i.a, i.b), (i.b, i.a)]).collect();
    let mut matches = Vec::new();
    for contact in network.contacts.iter().filter(|c| !c.archived) {
        for (index, need) in contact.needs.iter().enumerate().filter(|(_, n)| !n.resolved) {
            let topic = normalize_topic(&need.topic);
            if topic.is_empty() {
                continue;
            }
            let introducers: Vec<Id> = offers
                .iter()
                .filter(|(id, set)| {
                    *id != contact.id && set.contains(&topic) && !introduced.contains(&(contact.id, *id))
                })
                .map(|(id, _)| *id)
                .take(MAX_INTRODUCERS)
                .collect();
            let you_can_help = own.contains(&topic);
            if you_can_help || !introducers.is_empty() {
                matches.push(NeedMatch {
                    contact: contact.id,
                    need: index,
                    topic: need.topic.trim().to_owned(),
                    since: need.since,
                    you_can_help,
                    introducers,
                });
            }
        }
    }
    matches.sort_by(|a, b| b.since.cmp(&a.since).then(a.contact.cmp(&b.contact)).then(a.need.cmp(&b.need)));
    matches
}

/// How long you must have been in the Giving band with someone before a nudge.
pub const NUDGE_DAYS: i32 = 90;
/// The band is checked every this many days over that span.
const NUDGE_STEP_DAYS: i32 = 7;

/// Someone you have been giving to for a while, and what you might ask of them.
#[derive(Clone, Debug, PartialEq)]
pub struct AskNudge {
    pub contact: Id,
    /// Their offers that match what you are seeking first, then their other offers.
    pub suggestions: Vec<String>,
}

/// Contacts (not communal, not archived) in the Giving band on `as_of` and on every
/// week back over [`NUDGE_DAYS`] days, with what you might ask for. One pass over the
/// exchanges: the decayed sums at an earlier date are the sums of the records up to
/// then, scaled by 2^((as_of − date) / half_life).
pub fn ask_nudges(network: &Network, as_of: Date) -> Vec<AskNudge> {
    let profile = &network.profile;
    let t = day_number(as_of);
    // As-of, every week back, and exactly NUDGE_DAYS back.
    let mut samples: Vec<i32> = (0..=NUDGE_DAYS / NUDGE_STEP_DAYS).map(|k| t - k * NUDGE_STEP_DAYS).collect();
    if NUDGE_DAYS % NUDGE_STEP_DAYS != 0 {
        samples.push(t - NUDGE_DAYS);
    }
    let n = network.contacts.len();
    let slot = IdIndex::new(network.contacts.iter().map(|c| c.id));
    let mut decay = Decay::new(profile.half_life_days);
    // sums[contact][k] = decayed-at-as_of sums of records dated in (sample k+1, sample k].
    let mut sums = vec![[[0.0_f64; 2]; (NUDGE_DAYS / NUDGE_STEP_DAYS + 2) as usize]; n];
    for e in &network.exchanges {
        let day = day_number(e.date);
        let Some(i) = slot.get(e.contact) else { continue };
        if day > t {
            continue;
        }
        let bucket = samples.iter().rposition(|&s| day <= s).unwrap_or(0);
        let weight = f64::from(e.value) * decay.factor(t - day);
        let side = usize::from(e.direction == Direction::Received);
        sums[i][bucket][side] += weight;
    }
    let seeking: HashSet<String> = profile.seeking.iter().map(|s| normalize_topic(s)).collect();
    let mut nudges = Vec::new();
    for (i, contact) in network.contacts.iter().enumerate() {
        if contact.communal || contact.archived || contact.offers.is_empty() {
            continue;
        }
        let Some(buckets) = sums.get(i) else { continue };
        let giving_throughout = samples.iter().enumerate().all(|(k, &sample)| {
            // Records up to sample k are those in buckets k and later (older).
            let (g, r) = buckets[k..].iter().fold((0.0, 0.0), |(g, r), b| (g + b[0], r + b[1]));
            let scale = 2.0_f64.powf(f64::from(t - sample) / profile.half_life_days);
            let total = (g + r) * scale;
            total >= 2.0 && g / (g + r) > 0.5 + profile.balance_tolerance
        });
        if giving_throughout {
            let mut suggestions: Vec<String> = contact.offers.iter().map(|o| o.trim().to_owned()).collect();
            suggestions.sort_by_key(|o| !seeking.contains(&normalize_topic(o)));
            nudges.push(AskNudge { contact: contact.id, suggestions });
        }
    }
    nudges
}
