//! Everything a view draws that is computed from the network: the [`Snapshot`] of
//! numbers, and the lists and series of the page on screen. Each piece remembers the
//! inputs (document revision, as-of date, selection, query) it was built from and is
//! rebuilt only when they differ; the app refreshes them before the views draw, and
//! the views only read them.

mod lists;
mod series;

pub use lists::{
    ContactOrder, ContactQuery, Vocabulary, WinsOrder, contact_promise_rows, contact_rows,
    introduction_stages, ledger_rows, open_promise_rows, pickable_contacts,
};
pub use series::{MAX_SINGLE_BARS, TimelineBar, TimelineSeries, day_label};

use jiff::civil::Date;

use crate::analysis::{
    AskNudge, NameLabels, NeedMatch, Snapshot, ask_nudges, capacity_for_month, value_gaps,
};
use crate::model::{ExchangeStep, Id, Network, Touched};

/// What the page on screen needs, besides the snapshot and the contact list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Wants {
    /// The contact list's search and order.
    pub contacts: ContactQuery,
    /// The contact shown: its ledger, promises and timeline.
    pub contact: Option<Id>,
    /// The exchange being edited: the load of its month, for the capacity warning.
    pub exchange: Option<Id>,
    /// Suggestions for tags and topics (the contact page).
    pub vocabulary: bool,
    /// Needs matched with offers, and ask nudges.
    pub gaps: bool,
    pub wins: bool,
    pub open_promises: bool,
    /// Introductions by stage, and the contacts the pickers offer.
    pub introductions: bool,
}

/// Needs matched with offers, and people you might ask.
#[derive(Clone, Debug, Default)]
pub struct Gaps {
    pub matches: Vec<NeedMatch>,
    pub nudges: Vec<AskNudge>,
}

/// A value and the inputs it was built from.
#[derive(Debug)]
struct Keyed<K, V> {
    key: Option<K>,
    value: V,
}

impl<K, V: Default> Default for Keyed<K, V> {
    fn default() -> Self {
        Self { key: None, value: V::default() }
    }
}

impl<K: PartialEq, V> Keyed<K, V> {
    /// Rebuilds the value when `key` differs from the one it was built for.
    fn refresh(&mut self, key: K, compute: impl FnOnce() -> V) {
        if self.key.as_ref() != Some(&key) {
            self.value = compute();
            self.key = Some(key);
        }
    }

    /// The value, when it was built for `key`.
    fn get(&self, key: &K) -> Option<&V> {
        (self.key.as_ref() == Some(key)).then_some(&self.value)
    }
}

/// A key that starts with the document revision it was built for.
trait Revisioned {
    fn revision(&self) -> u64;
    fn set_revision(&mut self, revision: u64);
}

impl Revisioned for u64 {
    fn revision(&self) -> u64 {
        *self
    }
    fn set_revision(&mut self, revision: u64) {
        *self = revision;
    }
}

macro_rules! revisioned_tuple {
    ($($rest:ident),+) => {
        impl<$($rest),+> Revisioned for (u64, $($rest),+) {
            fn revision(&self) -> u64 {
                self.0
            }
            fn set_revision(&mut self, revision: u64) {
                self.0 = revision;
            }
        }
    };
}
revisioned_tuple!(A);
revisioned_tuple!(A, B);

impl<K: Revisioned, V> Keyed<K, V> {
    /// A value built at revision `from` that the edits since did not change is good for
    /// revision `to` as well.
    fn carry(&mut self, from: u64, to: u64, unchanged: impl FnOnce(&K) -> bool) {
        if let Some(key) = &mut self.key
            && key.revision() == from
            && unchanged(key)
        {
            key.set_revision(to);
        }
    }
}

/// The derived data of one document (see the module's documentation).
#[derive(Debug, Default)]
pub struct Derived {
    revision: u64,
    as_of: Option<Date>,
    snapshot: Keyed<(u64, Date), Snapshot>,
    contact_rows: Keyed<(u64, Date, ContactQuery), Vec<usize>>,
    ledger: Keyed<(u64, Id), Vec<usize>>,
    contact_promises: Keyed<(u64, Id), Vec<usize>>,
    timeline: Keyed<(u64, Id, Date), TimelineSeries>,
    month_load: Keyed<(u64, i32, Date), (f64, f64)>,
    vocabulary: Keyed<u64, Vocabulary>,
    gaps: Keyed<(u64, Date), Gaps>,
    wins: Keyed<u64, WinsOrder>,
    open_promises: Keyed<u64, Vec<usize>>,
    introductions: Keyed<u64, Vec<(crate::model::Stage, Vec<usize>)>>,
    pickable: Keyed<u64, Vec<usize>>,
    names: Keyed<u64, NameLabels>,
}

impl Derived {
    /// Brings what `wants` asks for up to date with `network` at `revision` on `as_of`.
    /// `touched` is what the edits since revision `since` touched (all of them, applied
    /// with `Edit::apply_tracked`): the snapshot then follows them, and what they did
    /// not change is kept, instead of being built again.
    pub fn refresh(
        &mut self,
        network: &Network,
        revision: u64,
        as_of: Date,
        wants: &Wants,
        touched: Option<(u64, &Touched)>,
    ) {
        if let Some((since, touched)) = touched
            && since != revision
        {
            self.follow(network, since, revision, as_of, touched);
        }
        self.revision = revision;
        self.as_of = Some(as_of);
        // With the index that lets it follow edits: the first edit is then as quick as the rest.
        self.snapshot.refresh((revision, as_of), || Snapshot::compute_with(network, as_of, true));
        // Every page names contacts (the contact list is always on screen).
        self.names.refresh(revision, || NameLabels::compute(network));
        let snapshot = &self.snapshot.value;
        self.contact_rows.refresh((revision, as_of, wants.contacts.clone()), || {
            contact_rows(network, snapshot, &wants.contacts)
        });
        if let Some(contact) = wants.contact {
            self.ledger.refresh((revision, contact), || ledger_rows(network, contact));
            self.contact_promises.refresh((revision, contact), || contact_promise_rows(network, contact));
            let ledger = self.ledger.get(&(revision, contact)).map(Vec::as_slice);
            self.timeline.refresh((revision, contact, as_of), || {
                TimelineSeries::compute(network, contact, as_of, ledger)
            });
        }
        if let Some(exchange) = wants.exchange.and_then(|id| crate::model::find_by_id(&network.exchanges, id))
        {
            let month = crate::analysis::days::month_index(exchange.date);
            // The month as it stands with this exchange in it, even one dated after the
            // as-of date.
            let t = as_of.max(exchange.date);
            let snapshot = &self.snapshot.value;
            self.month_load.refresh((revision, month, t), || {
                // On the as-of date the snapshot's month sums hold the hours given: no
                // pass over every exchange.
                let load = if t == as_of {
                    crate::analysis::capacity::capacity_from_flow(network, t, month..=month, &snapshot.flow)
                        .first()
                        .copied()
                        .unwrap_or_default()
                } else {
                    capacity_for_month(network, t, month)
                };
                (load.hours, load.capacity)
            });
        }
        if wants.vocabulary {
            self.vocabulary.refresh(revision, || Vocabulary::compute(network));
        }
        if wants.gaps {
            self.gaps.refresh((revision, as_of), || Gaps {
                matches: value_gaps(network),
                nudges: ask_nudges(network, as_of),
            });
        }
        if wants.wins {
            self.wins.refresh(revision, || WinsOrder::compute(network));
        }
        if wants.open_promises {
            self.open_promises.refresh(revision, || open_promise_rows(network));
        }
        if wants.introductions {
            self.introductions.refresh(revision, || introduction_stages(network));
            self.pickable.refresh(revision, || pickable_contacts(network));
        }
    }

    /// Carries what the edits between revisions `from` and `to` left as it was, and
    /// brings the snapshot along by following them.
    fn follow(&mut self, network: &Network, from: u64, to: u64, as_of: Date, touched: &Touched) {
        if self.snapshot.key == Some((from, as_of)) {
            self.snapshot.value.update(network, touched);
            self.snapshot.key = Some((to, as_of));
        }
        if touched.everything {
            return;
        }
        // Exchanges removed or put back move every later one: lists of positions in
        // `network.exchanges` are then rebuilt.
        let shifted = touched
            .exchanges
            .iter()
            .any(|step| matches!(step, ExchangeStep::Removed(_) | ExchangeStep::Restored(_)));
        let untouched = |contact: &Id| !touched.contacts.contains(contact);
        let no_numbers_changed = touched.contacts.is_empty() && !touched.commitments;
        self.contact_rows.carry(from, to, |(_, _, query)| {
            !touched.contact_list && (query.order == ContactOrder::Name || no_numbers_changed)
        });
        if !shifted {
            follow_ledger(&mut self.ledger, network, from, to, &touched.exchanges);
        }
        // Any change of the commitments may move their positions: rebuilt.
        self.contact_promises.carry(from, to, |_| !touched.commitments);
        self.timeline.carry(from, to, |(_, contact, _)| !shifted && untouched(contact));
        if let Some((revision, contact, date)) = self.timeline.key
            && revision == from
            && date == as_of
            && !shifted
            && self.timeline.value.follow(network, as_of, &touched.exchanges)
        {
            self.timeline.key = Some((to, contact, date));
        }
        self.month_load.carry(from, to, |_| touched.exchanges.is_empty() && !touched.commitments);
        self.vocabulary.carry(from, to, |_| !touched.contact_words);
        self.open_promises.carry(from, to, |_| !touched.commitments);
        self.introductions.carry(from, to, |_| !touched.touches && !touched.contact_list);
        self.pickable.carry(from, to, |_| !touched.contact_list);
        self.names.carry(from, to, |_| !touched.contact_names);
    }

    /// Forgets everything (another document).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Whether `wants` would rebuild anything: the view asked for something this
    /// frame that the next frame will show.
    pub fn is_behind(&self, revision: u64, as_of: Date, wants: &Wants) -> bool {
        let contact = wants.contact.is_some_and(|c| {
            self.ledger.get(&(revision, c)).is_none() || self.timeline.get(&(revision, c, as_of)).is_none()
        });
        self.snapshot.get(&(revision, as_of)).is_none()
            || self.names.get(&revision).is_none()
            || self.contact_rows.get(&(revision, as_of, wants.contacts.clone())).is_none()
            || contact
            || (wants.gaps && self.gaps.get(&(revision, as_of)).is_none())
            || (wants.wins && self.wins.get(&revision).is_none())
            || (wants.open_promises && self.open_promises.get(&revision).is_none())
            || (wants.vocabulary && self.vocabulary.get(&revision).is_none())
            || (wants.introductions && self.introductions.get(&revision).is_none())
    }

    /// The numbers of the network on the as-of date.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot.value
    }

    /// Indices into `network.contacts` of the contact list's rows, in order.
    pub fn contact_rows(&self) -> &[usize] {
        &self.contact_rows.value
    }

    /// One contact's exchanges, newest first; `None` until refreshed for it.
    pub fn ledger(&self, contact: Id) -> Option<&[usize]> {
        self.ledger.get(&(self.revision, contact)).map(Vec::as_slice)
    }

    /// One contact's promises, open first; `None` until refreshed for it.
    pub fn contact_promises(&self, contact: Id) -> Option<&[usize]> {
        self.contact_promises.get(&(self.revision, contact)).map(Vec::as_slice)
    }

    /// One contact's timeline; `None` until refreshed for it.
    pub fn timeline(&self, contact: Id) -> Option<&TimelineSeries> {
        self.as_of.and_then(|as_of| self.timeline.get(&(self.revision, contact, as_of)))
    }

    /// Hours given and promised in the month of `date`, and the monthly budget.
    pub fn month_load(&self, date: Date) -> Option<(f64, f64)> {
        let t = self.as_of?.max(date);
        self.month_load.get(&(self.revision, crate::analysis::days::month_index(date), t)).copied()
    }

    pub fn vocabulary(&self) -> Option<&Vocabulary> {
        self.vocabulary.get(&self.revision)
    }

    pub fn gaps(&self) -> Option<&Gaps> {
        self.as_of.and_then(|as_of| self.gaps.get(&(self.revision, as_of)))
    }

    pub fn wins(&self) -> Option<&WinsOrder> {
        self.wins.get(&self.revision)
    }

    /// Introductions by stage, the longest waiting first.
    pub fn introduction_stages(&self) -> Option<&[(crate::model::Stage, Vec<usize>)]> {
        self.introductions.get(&self.revision).map(Vec::as_slice)
    }

    /// Contacts a picker offers (not archived), by name.
    pub fn pickable_contacts(&self) -> Option<&[usize]> {
        self.pickable.get(&self.revision).map(Vec::as_slice)
    }

    /// The labels of contacts who share a name; `None` until refreshed.
    pub fn name_labels(&self) -> Option<&NameLabels> {
        self.names.get(&self.revision)
    }

    /// How every list and picker names contact `id`: its name, and beside it what
    /// tells it apart when another contact has the same name ([`NameLabels`]).
    pub fn name<'a>(&'a self, network: &'a Network, id: Id) -> &'a str {
        match self.name_labels() {
            Some(labels) => labels.name(network, id),
            None => network.display_name(id),
        }
    }

    /// Every open promise, soonest due first.
    pub fn open_promises(&self) -> Option<&[usize]> {
        self.open_promises.get(&self.revision).map(Vec::as_slice)
    }
}

/// Brings one contact's ledger (positions, newest first) along edits that added or
/// replaced exchanges in place: each of its exchanges that went or came is taken out or
/// put in its place, instead of the ledger being built again from a million exchanges.
fn follow_ledger(
    ledger: &mut Keyed<(u64, Id), Vec<usize>>,
    network: &Network,
    from: u64,
    to: u64,
    steps: &[ExchangeStep],
) {
    let Some((revision, contact)) = ledger.key else { return };
    if revision != from {
        return;
    }
    let order = |position: usize| {
        network.exchanges.get(position).map(|e| (std::cmp::Reverse(e.date), std::cmp::Reverse(e.id)))
    };
    let rows = &mut ledger.value;
    for step in steps {
        let (at, old, new) = match step {
            ExchangeStep::Replaced { at, old, new } => (*at, Some(old), new),
            ExchangeStep::Added { at, new } => (*at, None, new),
            ExchangeStep::Removed(_) | ExchangeStep::Restored(_) => return,
        };
        if old.is_some_and(|old| old.contact == contact) {
            rows.retain(|&p| p != at);
        }
        if new.contact == contact {
            let key = order(at);
            let place = rows.partition_point(|&p| order(p) < key);
            rows.insert(place, at);
        }
    }
    ledger.key = Some((to, contact));
}
