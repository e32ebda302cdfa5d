//! Everything a view draws that is computed from the network: the [`Snapshot`] of
//! numbers, and the lists and series of the page on screen. Each piece remembers the
//! inputs (document revision, as-of date, selection, query) it was built from and is
//! rebuilt only when they differ; the app refreshes them before the views draw, and
//! the views only read them.

mod contact_job;
mod keyed;
mod lists;
mod map;
mod rhythm;
mod series;
mod wants;

use keyed::Keyed;
use lists::follow_ledger;

pub use contact_job::{CONTACT_OFF_THREAD_FROM, ContactJob, ContactLists};
pub use lists::{
    ContactOrder, ContactQuery, Vocabulary, WinsOrder, contact_promise_rows, contact_rows,
    contact_touch_rows, follow_contact_rows, introduction_stages, ledger_rows, open_promise_rows,
    pickable_contacts,
};
pub use series::{MAX_SINGLE_BARS, TimelineBar, TimelineSeries, check_in_hover, day_label};
pub use wants::Wants;

use jiff::civil::Date;

use crate::analysis::gaps::Nudges;
use crate::analysis::period::Period;
use crate::analysis::report::{Report, ReportPass};
use crate::analysis::timeline::MarkerChange;
use crate::analysis::{
    AgendaItem, AskNudge, NameLabels, NeedMatch, Snapshot, agenda, capacity_for_month, latest_heard,
    value_gaps,
};

/// How many days ahead the dashboard's agenda looks: the week `rapport due` lists by
/// default.
pub const AGENDA_DAYS: u32 = 7;
use crate::model::{ExchangeStep, Id, Network, Touched};

/// Needs matched with offers, and people you might ask.
#[derive(Clone, Copy, Debug)]
pub struct Gaps<'a> {
    pub matches: &'a [NeedMatch],
    pub nudges: &'a [AskNudge],
}

/// A report's pass, and the report finished from it (`None` while edits the pass
/// followed are not in it yet).
type ReportCache = Option<(ReportPass, Option<Report>)>;

/// The derived data of one document (see the module's documentation).
#[derive(Debug, Default)]
pub struct Derived {
    revision: u64,
    as_of: Option<Date>,
    snapshot: Keyed<(u64, Date), Snapshot>,
    contact_rows: Keyed<(u64, Date, ContactQuery), Vec<usize>>,
    ledger: Keyed<(u64, Id), Vec<usize>>,
    contact_promises: Keyed<(u64, Id), Vec<usize>>,
    contact_touches: Keyed<(u64, Id), Vec<usize>>,
    timeline: Keyed<(u64, Id, Date), TimelineSeries>,
    month_load: Keyed<(u64, i32, Date), (f64, f64)>,
    /// An id for a new check-in: above every touch's.
    next_touch: Keyed<u64, Id>,
    vocabulary: Keyed<u64, Vocabulary>,
    matches: Keyed<(u64, Date), Vec<NeedMatch>>,
    nudges: Keyed<(u64, Date), Nudges>,
    wins: Keyed<u64, WinsOrder>,
    open_promises: Keyed<u64, Vec<usize>>,
    agenda: Keyed<(u64, Date), Vec<AgendaItem>>,
    heard: Keyed<u64, std::collections::HashMap<Id, usize>>,
    introductions: Keyed<u64, Vec<(crate::model::Stage, Vec<usize>)>>,
    pickable: Keyed<u64, Vec<usize>>,
    /// The report's pass, and the report once finished from it (`None` while edits it
    /// followed are not in it yet).
    report: Keyed<(u64, Date, Date), ReportCache>,
    names: Keyed<u64, NameLabels>,
    map: map::MapCache,
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
        self.next_touch.refresh(revision, || Network::next_id(&network.touches));
        // Every page names contacts (the contact list is always on screen).
        self.names.refresh(revision, || NameLabels::compute(network));
        let snapshot = &self.snapshot.value;
        self.contact_rows.refresh((revision, as_of, wants.contacts.clone()), || {
            contact_rows(network, snapshot, &wants.contacts)
        });
        if let Some(contact) = wants.contact {
            let known = snapshot.exchanges_of(contact);
            self.contact_promises.refresh((revision, contact), || contact_promise_rows(network, contact));
            if !(wants.lists_off_thread && self.is_busy_contact(contact)) {
                self.contact_touches.refresh((revision, contact), || contact_touch_rows(network, contact));
                self.ledger.refresh((revision, contact), || ledger_rows(network, contact, known));
                self.timeline.refresh((revision, contact, as_of), || {
                    TimelineSeries::compute(network, contact, as_of, known)
                });
            }
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
            self.matches.refresh((revision, as_of), || value_gaps(network, as_of));
            let snapshot = &self.snapshot.value;
            if self.nudges.key == Some((revision, as_of))
                && !self.nudges.value.catch_up(network, as_of, |id| snapshot.exchanges_of(id))
            {
                self.nudges.key = None;
            }
            self.nudges.refresh((revision, as_of), || Nudges::compute(network, as_of));
        }
        if wants.wins {
            self.wins.refresh(revision, || WinsOrder::compute(network));
        }
        if wants.open_promises {
            self.open_promises.refresh(revision, || open_promise_rows(network));
        }
        if wants.agenda {
            let snapshot = &self.snapshot.value;
            self.agenda
                .refresh((revision, as_of), || agenda(network, &snapshot.contacts, as_of, AGENDA_DAYS));
            self.heard.refresh(revision, || latest_heard(network));
        }
        if wants.introductions {
            self.introductions.refresh(revision, || introduction_stages(network));
            self.pickable.refresh(revision, || pickable_contacts(network));
        }
        let why = wants.contact.filter(|_| wants.why);
        self.map.refresh(network, &self.snapshot.value, (revision, as_of), wants.map.as_ref(), why);
        if let Some(period) = wants.report {
            let key = (revision, period.from, period.to_exclusive);
            self.report.refresh(key, || {
                let pass = ReportPass::new(network, period);
                let report = pass.finish(network, &self.names.value);
                Some((pass, Some(report)))
            });
            if let Some((pass, report @ None)) = &mut self.report.value {
                *report = Some(pass.finish(network, &self.names.value));
            }
        }
    }

    /// Carries what the edits between revisions `from` and `to` left as it was, and
    /// brings the snapshot along by following them.
    fn follow(&mut self, network: &Network, from: u64, to: u64, as_of: Date, touched: &Touched) {
        if self.snapshot.key == Some((from, as_of)) {
            self.snapshot.value.update(network, touched);
            self.snapshot.key = Some((to, as_of));
        }
        let followed = (self.snapshot.key == Some((to, as_of))).then_some(&self.snapshot.value);
        self.map.follow(followed, from, (to, as_of), touched);
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
            // By name and unfiltered by numbers (band, overdue), the rows stand.
            let by_name_only =
                query.order == ContactOrder::Name && query.band.is_none() && !query.overdue_only;
            !touched.contact_list && (by_name_only || no_numbers_changed)
        });
        // Contacts replaced in place, or their numbers changed: those rows move.
        if let Some((revision, date, query)) = &mut self.contact_rows.key
            && *revision == from
            && *date == as_of
            && !touched.contacts_moved
            && self.snapshot.key == Some((to, as_of))
        {
            follow_contact_rows(
                &mut self.contact_rows.value,
                network,
                &self.snapshot.value,
                query,
                &touched.contacts,
            );
            *revision = to;
        }
        if !shifted {
            follow_ledger(&mut self.ledger, network, from, to, &touched.exchanges);
        }
        // Any change of the commitments may move their positions: rebuilt.
        self.contact_promises.carry(from, to, |_| !touched.commitments);
        self.follow_rhythm(network, from, to, as_of, touched);
        self.timeline.carry(from, to, |(_, contact, _)| !shifted && untouched(contact));
        let markers = |contact: &Id| match () {
            () if !touched.touches || untouched(contact) => MarkerChange::None,
            () if !touched.touches_otherwise => MarkerChange::TouchesAdded(touched.touches_added.len()),
            () => MarkerChange::Any,
        };
        if let Some((revision, contact, date)) = self.timeline.key
            && revision == from
            && date == as_of
            && !shifted
            && self.timeline.value.follow(network, as_of, &touched.exchanges, markers(&contact))
        {
            self.timeline.key = Some((to, contact, date));
        }
        // Check-ins only added (at the end of the list): only theirs can be above it.
        if self.next_touch.key == Some(from) && !touched.touches_otherwise {
            let added = network.touches.len().saturating_sub(touched.touches_added.len());
            let added = network.touches.get(added..).unwrap_or_default();
            self.next_touch.value =
                added.iter().map(|t| t.id.saturating_add(1)).fold(self.next_touch.value, Id::max);
            self.next_touch.key = Some(to);
        }
        self.month_load.carry(from, to, |_| touched.exchanges.is_empty() && !touched.commitments);
        self.vocabulary.carry(from, to, |_| !touched.contact_words);
        self.open_promises.carry(from, to, |_| !touched.commitments);
        self.introductions.carry(from, to, |_| !touched.touches && !touched.contact_list);
        // Matches read the contacts' needs and offers and who was introduced to whom.
        self.matches.carry(from, to, |_| !touched.contact_list && !touched.touches);
        // A nudge is one contact's: an exchange added is added to its sums, other
        // changes have their contacts looked at again when the nudges are wanted.
        if let Some((revision, date)) = self.nudges.key
            && revision == from
            && date == as_of
            && !touched.contact_list
        {
            self.nudges.value.follow(network, as_of, &touched.exchanges);
            self.nudges.key = Some((to, date));
        }
        self.pickable.carry(from, to, |_| !touched.contact_list);
        self.names.carry(from, to, |_| !touched.contact_names);
        // The report follows exchanges added (an exchange logged); names, and what
        // else it reads from the network, are read again when it is finished.
        if let Some((revision, _, _)) = &mut self.report.key
            && *revision == from
            && !touched.contact_list
            && let Some((pass, report)) = &mut self.report.value
            && pass.follow(&touched.exchanges)
        {
            *report = None;
            *revision = to;
        }
    }

    /// Everything the pages of a document just opened (revision 0) read, built at once:
    /// what the open does off the UI thread, so that no page's first frame builds it.
    /// (A contact's own lists are built when it is chosen.)
    pub fn warm(network: &Network, as_of: Date) -> Self {
        let mut derived = Self::default();
        derived.refresh(network, 0, as_of, &Wants::every_page(as_of), None);
        derived
    }

    /// Forgets everything (another document).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Whether `wants` would rebuild anything: the view asked for something this
    /// frame that the next frame will show.
    pub fn is_behind(&self, revision: u64, as_of: Date, wants: &Wants) -> bool {
        let contact = wants.contact.is_some_and(|c| {
            let lists = self.ledger.get(&(revision, c)).is_none()
                || self.timeline.get(&(revision, c, as_of)).is_none()
                || self.contact_touches.get(&(revision, c)).is_none();
            lists && !(wants.lists_off_thread && self.is_busy_contact(c))
        });
        self.snapshot.get(&(revision, as_of)).is_none()
            || self.names.get(&revision).is_none()
            || self.contact_rows.get(&(revision, as_of, wants.contacts.clone())).is_none()
            || contact
            || self.map.is_behind((revision, as_of), wants.map.as_ref(), wants.contact.filter(|_| wants.why))
            || (wants.gaps
                && (self.matches.get(&(revision, as_of)).is_none()
                    || self.nudges.get(&(revision, as_of)).is_none()
                    || self.nudges.value.is_behind()))
            || (wants.wins && self.wins.get(&revision).is_none())
            || (wants.open_promises && self.open_promises.get(&revision).is_none())
            || (wants.agenda
                && (self.agenda.get(&(revision, as_of)).is_none() || self.heard.get(&revision).is_none()))
            || (wants.vocabulary && self.vocabulary.get(&revision).is_none())
            || (wants.introductions && self.introductions.get(&revision).is_none())
            || wants.report.is_some_and(|p| {
                self.report
                    .get(&(revision, p.from, p.to_exclusive))
                    .is_none_or(|r| r.as_ref().is_none_or(|(_, r)| r.is_none()))
            })
    }

    /// The report of `period`; `None` until refreshed for it.
    pub fn report(&self, period: Period) -> Option<&Report> {
        self.report
            .get(&(self.revision, period.from, period.to_exclusive))
            .and_then(Option::as_ref)
            .and_then(|(_, report)| report.as_ref())
    }

    /// The document revision this was last brought up to.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// An id for a new exchange of `network` at `revision`: the snapshot's, when it is
    /// of that revision (no look through a million exchanges), else looked for. A view
    /// (drawn right after the refresh) passes [`Self::revision`].
    pub fn next_exchange_id(&self, network: &Network, revision: u64) -> Id {
        let snapshot = self.snapshot.key.filter(|(r, _)| *r == revision).map(|_| &self.snapshot.value);
        snapshot
            .and_then(Snapshot::next_exchange_id)
            .filter(|_| self.snapshot.value.follows(network))
            .unwrap_or_else(|| Network::next_id(&network.exchanges))
    }

    /// An id for a new check-in of `network` at `revision` (see
    /// [`Self::next_exchange_id`]).
    pub fn next_touch_id(&self, network: &Network, revision: u64) -> Id {
        self.next_touch.get(&revision).copied().unwrap_or_else(|| Network::next_id(&network.touches))
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
    /// Positions in `network.touches` of the check-ins with `contact`, latest first.
    pub fn contact_touches(&self, contact: Id) -> Option<&[usize]> {
        self.contact_touches.get(&(self.revision, contact)).map(Vec::as_slice)
    }

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

    pub fn gaps(&self) -> Option<Gaps<'_>> {
        let as_of = self.as_of?;
        let nudges = self.nudges.get(&(self.revision, as_of)).filter(|n| !n.is_behind())?;
        Some(Gaps { matches: self.matches.get(&(self.revision, self.as_of?))?, nudges: &nudges.list })
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
    /// What is coming up, as [`agenda`] lists it for the dashboard; `None` until
    /// refreshed.
    pub fn agenda(&self) -> Option<&[AgendaItem]> {
        self.agenda.get(&(self.revision, self.as_of?)).map(Vec::as_slice)
    }

    /// What `contact` was last heard working on (or their priorities), from their
    /// latest check-in that says; `None` when none does, or until refreshed.
    pub fn last_heard<'a>(&self, network: &'a Network, contact: Id) -> Option<&'a str> {
        let index = self.heard.get(&self.revision)?.get(&contact)?;
        network.touches.get(*index).map(crate::analysis::heard_summary)
    }

    pub fn open_promises(&self) -> Option<&[usize]> {
        self.open_promises.get(&self.revision).map(Vec::as_slice)
    }
}
