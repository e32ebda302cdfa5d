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
    /// Index into that contact's `needs`; `None` for a priority heard at their latest
    /// check-in.
    pub need: Option<usize>,
    pub topic: String,
    pub since: Date,
    /// One of your offers matches: "you could help".
    pub you_can_help: bool,
    /// Other contacts whose offers match, not archived and not yet introduced to them
    /// (the first [`MAX_INTRODUCERS`]).
    pub introducers: Vec<Id>,
}

/// Open needs of active contacts — their unresolved needs, and the priorities heard at
/// their latest check-in on or before `as_of` — that you or someone else could meet,
/// freshest first. Nobody busy on `as_of` is suggested to give.
pub fn value_gaps(network: &Network, as_of: Date) -> Vec<NeedMatch> {
    let own: HashSet<String> = network.profile.offers.iter().map(|o| normalize_topic(o)).collect();
    let offers: Vec<(Id, HashSet<String>)> = network
        .contacts
        .iter()
        .filter(|c| !c.archived && !c.busy_on(as_of))
        .map(|c| (c.id, c.offers.iter().map(|o| normalize_topic(o)).collect()))
        .collect();
    let introduced: HashSet<(Id, Id)> =
        network.introductions.iter().flat_map(|i| [(i.a, i.b), (i.b, i.a)]).collect();
    let heard = latest_priorities(network, as_of);
    let mut matches = Vec::new();
    for contact in network.contacts.iter().filter(|c| !c.archived) {
        let needs = contact
            .needs
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.resolved)
            .map(|(index, n)| (Some(index), n.topic.as_str(), n.since));
        let mut seen: HashSet<String> = HashSet::new();
        let priorities = heard
            .get(&contact.id)
            .into_iter()
            .flat_map(|(date, text)| text.split([',', ';', '\n']).map(move |topic| (None, topic, *date)));
        for (index, raw, since) in needs.chain(priorities) {
            let topic = normalize_topic(raw);
            if topic.is_empty() || !seen.insert(topic.clone()) {
                continue;
            }
            let need = Need { topic: raw, since };
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

/// A need as matching reads it: a topic and since when.
struct Need<'a> {
    topic: &'a str,
    since: Date,
}

/// The priorities heard at each contact's latest check-in on or before `as_of` that
/// says any, with its date.
fn latest_priorities(network: &Network, as_of: Date) -> std::collections::HashMap<Id, (Date, &str)> {
    let mut latest: std::collections::HashMap<Id, (Date, Id, &str)> = std::collections::HashMap::new();
    for touch in network.touches.iter().filter(|t| t.date <= as_of && !t.priorities.trim().is_empty()) {
        let newer =
            latest.get(&touch.contact).is_none_or(|(date, id, _)| (touch.date, touch.id) > (*date, *id));
        if newer {
            latest.insert(touch.contact, (touch.date, touch.id, touch.priorities.as_str()));
        }
    }
    latest.into_iter().map(|(contact, (date, _, text))| (contact, (date, text))).collect()
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

/// Contacts (not communal, not archived, not busy on `as_of`) in the Giving band on `as_of` and on every
/// week back over [`NUDGE_DAYS`] days, with what you might ask for. One pass over the
/// exchanges: the decayed sums at an earlier date are the sums of the records up to
/// then, scaled by 2^((as_of − date) / half_life).
pub fn ask_nudges(network: &Network, as_of: Date) -> Vec<AskNudge> {
    Nudges::compute(network, as_of).list
}

/// [`ask_nudges`] with what it was decided from, so that it can follow edits: each
/// contact's bucket sums (by position in `network.contacts`), and the contacts whose
/// sums or nudge the edits since changed.
#[derive(Clone, Debug, Default)]
pub struct Nudges {
    pub list: Vec<AskNudge>,
    sums: Vec<Buckets>,
    /// Contacts whose sums are looked for again in their exchanges.
    recount: std::collections::BTreeSet<Id>,
    /// Contacts whose nudge is decided again (their sums grew).
    decide: std::collections::BTreeSet<Id>,
}

impl Nudges {
    pub fn compute(network: &Network, as_of: Date) -> Self {
        let mut nudging = Nudging::new(network, as_of);
        let n = network.contacts.len();
        let slot = IdIndex::new(network.contacts.iter().map(|c| c.id));
        let mut sums = vec![Buckets::default(); n];
        for e in &network.exchanges {
            let Some(i) = slot.get(e.contact) else { continue };
            if let Some(buckets) = sums.get_mut(i) {
                nudging.add(buckets, e);
            }
        }
        let list = network
            .contacts
            .iter()
            .zip(&sums)
            .filter_map(|(contact, buckets)| nudging.nudge(contact, buckets))
            .collect();
        Self { list, sums, ..Self::default() }
    }

    /// Notes edits of the exchanges (the list of contacts unchanged): an exchange added
    /// at the end is added to its contact's sums at once (last, as a full pass adds
    /// it); any other change has its contacts' sums looked for again by
    /// [`Self::catch_up`].
    pub fn follow(&mut self, network: &Network, as_of: Date, steps: &[crate::model::ExchangeStep]) {
        use crate::model::ExchangeStep;
        let mut nudging = Nudging::new(network, as_of);
        let slot = IdIndex::new(network.contacts.iter().map(|c| c.id));
        for step in steps {
            match step {
                ExchangeStep::Added { new, .. } => {
                    let buckets = slot.get(new.contact).and_then(|i| self.sums.get_mut(i));
                    if let Some(buckets) = buckets.filter(|_| !self.recount.contains(&new.contact)) {
                        nudging.add(buckets, new);
                        self.decide.insert(new.contact);
                    }
                }
                ExchangeStep::Replaced { old, new, .. } => {
                    if (old.contact, old.date, old.direction, old.value)
                        != (new.contact, new.date, new.direction, new.value)
                    {
                        self.recount.extend([old.contact, new.contact]);
                    }
                }
                ExchangeStep::Removed(records) | ExchangeStep::Restored(records) => {
                    self.recount.extend(records.iter().map(|(_, e)| e.contact));
                }
            }
        }
    }

    /// Whether edits are noted that [`Self::catch_up`] has not applied yet.
    pub fn is_behind(&self) -> bool {
        !self.recount.is_empty() || !self.decide.is_empty()
    }

    /// Applies what [`Self::follow`] noted: sums counted again from each contact's
    /// exchanges (`positions`: those dated by `as_of`, ascending, as the snapshot's
    /// index has them), nudges decided again. False when a contact's positions are not
    /// known: then compute anew.
    pub fn catch_up<'a>(
        &mut self,
        network: &Network,
        as_of: Date,
        positions: impl Fn(Id) -> Option<&'a [u32]>,
    ) -> bool {
        if !self.is_behind() {
            return true;
        }
        let mut nudging = Nudging::new(network, as_of);
        let slot = IdIndex::new(network.contacts.iter().map(|c| c.id));
        let recount = std::mem::take(&mut self.recount);
        for &id in &recount {
            let (Some(positions), Some(buckets)) =
                (positions(id), slot.get(id).and_then(|i| self.sums.get_mut(i)))
            else {
                return false;
            };
            *buckets = Buckets::default();
            for e in positions.iter().filter_map(|&p| network.exchanges.get(p as usize)) {
                nudging.add(buckets, e);
            }
        }
        let mut changed = std::mem::take(&mut self.decide);
        changed.extend(recount);
        let fresh: Vec<AskNudge> = changed
            .iter()
            .filter_map(|&id| {
                let i = slot.get(id)?;
                nudging.nudge(network.contacts.get(i)?, self.sums.get(i)?)
            })
            .collect();
        // In the order of the contacts, as the full pass gives them.
        self.list.retain(|n| !changed.contains(&n.contact));
        self.list.extend(fresh);
        self.list.sort_by_key(|n| slot.get(n.contact));
        true
    }
}

/// Decayed-at-as_of sums given / received of records dated in (sample k+1, sample k],
/// per k.
type Buckets = [[f64; 2]; (NUDGE_DAYS / NUDGE_STEP_DAYS + 2) as usize];

/// What deciding a nudge needs: the sample days, the profile's numbers, the decay.
struct Nudging<'a> {
    profile: &'a crate::model::Profile,
    t: i32,
    /// As-of, every week back, and exactly NUDGE_DAYS back.
    samples: Vec<i32>,
    decay: Decay,
    seeking: HashSet<String>,
}

impl<'a> Nudging<'a> {
    fn new(network: &'a Network, as_of: Date) -> Self {
        let profile = &network.profile;
        let t = day_number(as_of);
        let mut samples: Vec<i32> =
            (0..=NUDGE_DAYS / NUDGE_STEP_DAYS).map(|k| t - k * NUDGE_STEP_DAYS).collect();
        if NUDGE_DAYS % NUDGE_STEP_DAYS != 0 {
            samples.push(t - NUDGE_DAYS);
        }
        Self {
            profile,
            t,
            samples,
            decay: Decay::new(profile.half_life_days),
            seeking: profile.seeking.iter().map(|s| normalize_topic(s)).collect(),
        }
    }

    /// Adds an exchange of the contact of `buckets` (nothing when dated after as-of).
    fn add(&mut self, buckets: &mut Buckets, e: &crate::model::Exchange) {
        let day = day_number(e.date);
        if day > self.t {
            return;
        }
        let bucket = self.samples.iter().rposition(|&s| day <= s).unwrap_or(0);
        let weight = f64::from(e.value) * self.decay.factor(self.t - day);
        let side = usize::from(e.direction == Direction::Received);
        if let Some(sum) = buckets.get_mut(bucket).and_then(|b| b.get_mut(side)) {
            *sum += weight;
        }
    }

    fn nudge(&self, contact: &crate::model::Contact, buckets: &Buckets) -> Option<AskNudge> {
        let busy = contact.busy_until.is_some_and(|until| day_number(until) > self.t);
        if contact.communal || contact.archived || busy || contact.offers.is_empty() {
            return None;
        }
        let profile = self.profile;
        let giving_throughout = self.samples.iter().enumerate().all(|(k, &sample)| {
            // Records up to sample k are those in buckets k and later (older).
            let (g, r) = buckets[k..].iter().fold((0.0, 0.0), |(g, r), b| (g + b[0], r + b[1]));
            let scale = 2.0_f64.powf(f64::from(self.t - sample) / profile.half_life_days);
            let total = (g + r) * scale;
            total >= 2.0 && g / (g + r) > 0.5 + profile.balance_tolerance
        });
        giving_throughout.then(|| {
            let mut suggestions: Vec<String> = contact.offers.iter().map(|o| o.trim().to_owned()).collect();
            suggestions.sort_by_key(|o| !self.seeking.contains(&normalize_topic(o)));
            AskNudge { contact: contact.id, suggestions }
        })
    }
}
