//! A busy contact's ledger, timeline and check-ins, built off the UI thread: the first
//! opening of a contact with 151k of a million exchanges read its records for 35–45 ms
//! (and 4 ms more for its check-ins among 125k), a frame five times over the budget. With [`Wants::lists_off_thread`](super::Wants) the
//! refresh leaves them to a [`ContactJob`] that the app runs on a thread of its own;
//! the page says they are being read until [`Derived::receive_contact`] puts them in.

use jiff::civil::Date;

use super::{Derived, TimelineSeries, contact_touch_rows, ledger_rows};
use crate::model::{Id, Network};

/// From this many exchanges with one contact their lists are built off the UI thread
/// (when asked): fewer take under 3 ms.
pub const CONTACT_OFF_THREAD_FROM: usize = 10_000;

/// What to build, and what it is built from besides the network: the snapshot's index
/// of the contact's exchanges.
#[derive(Debug)]
pub struct ContactJob {
    revision: u64,
    contact: Id,
    as_of: Date,
    positions: Vec<u32>,
}

/// A contact's ledger, timeline and check-ins, built for a revision and date.
#[derive(Debug)]
pub struct ContactLists {
    revision: u64,
    contact: Id,
    as_of: Date,
    ledger: Vec<usize>,
    timeline: TimelineSeries,
    touches: Vec<usize>,
}

impl ContactJob {
    /// Which contact, at which revision and date: what a job under way is told apart by.
    pub fn key(&self) -> (u64, Id, Date) {
        (self.revision, self.contact, self.as_of)
    }

    /// Builds the lists from `network` (the one of the job's revision).
    pub fn run(self, network: &Network) -> ContactLists {
        let Self { revision, contact, as_of, positions } = self;
        ContactLists {
            revision,
            contact,
            as_of,
            ledger: ledger_rows(network, contact, Some(&positions)),
            timeline: TimelineSeries::compute(network, contact, as_of, Some(&positions)),
            touches: contact_touch_rows(network, contact),
        }
    }
}

impl Derived {
    /// Whether `contact`'s lists are for a job rather than the refresh: enough
    /// exchanges, by the snapshot of the revision refreshed last.
    pub(super) fn is_busy_contact(&self, contact: Id) -> bool {
        self.snapshot.value.exchanges_of(contact).is_some_and(|known| known.len() >= CONTACT_OFF_THREAD_FROM)
    }

    /// The job that builds `contact`'s ledger, timeline and check-ins, when one is missing at
    /// the revision and date last refreshed and the contact has enough exchanges to be
    /// built off the UI thread.
    pub fn contact_job(&self, contact: Id) -> Option<ContactJob> {
        let (revision, as_of) = (self.revision, self.as_of?);
        let missing = self.ledger.get(&(revision, contact)).is_none()
            || self.timeline.get(&(revision, contact, as_of)).is_none()
            || self.contact_touches.get(&(revision, contact)).is_none();
        if !missing || self.snapshot.key != Some((revision, as_of)) || !self.is_busy_contact(contact) {
            return None;
        }
        let positions = self.snapshot.value.exchanges_of(contact)?.to_vec();
        Some(ContactJob { revision, contact, as_of, positions })
    }

    /// Puts lists a job built in place; false (and nothing changes) when they are of
    /// another revision or date than the one last refreshed.
    pub fn receive_contact(&mut self, lists: ContactLists) -> bool {
        if lists.revision != self.revision || Some(lists.as_of) != self.as_of {
            return false;
        }
        let ContactLists { revision, contact, as_of, ledger, timeline, touches } = lists;
        self.ledger.key = Some((revision, contact));
        self.ledger.value = ledger;
        self.timeline.key = Some((revision, contact, as_of));
        self.timeline.value = timeline;
        self.contact_touches.key = Some((revision, contact));
        self.contact_touches.value = touches;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Wants;
    use crate::model::{Contact, Direction, Touch, new_exchange};

    const AS_OF: Date = jiff::civil::date(2026, 6, 30);

    /// Two contacts: 1 with enough exchanges to be built off the thread, 2 with few.
    fn network() -> Network {
        let start = jiff::civil::date(2024, 1, 1);
        let mut network = Network::default();
        for id in [1, 2] {
            network.contacts.push(Contact::new(id, format!("Person {id}"), start));
        }
        let days = |n: usize| jiff::Span::new().days(i64::try_from(n % 900).unwrap_or(0));
        for n in 0..CONTACT_OFF_THREAD_FROM + 200 {
            let contact = if n % 100 == 7 { 2 } else { 1 };
            let mut exchange =
                new_exchange(n as u64 + 1, contact, start.checked_add(days(n)).unwrap_or(start));
            if n % 3 == 0 {
                exchange.direction = Direction::Received;
            }
            network.exchanges.push(exchange);
        }
        for n in 0..50 {
            let date = start.checked_add(days(n * 17)).unwrap_or(start);
            let (id, contact) = (n as u64 + 1, 1 + n as u64 % 2);
            let touch = Touch {
                id,
                contact,
                date,
                channel: crate::model::Channel::Call,
                working_on: String::new(),
                priorities: String::new(),
                constraints: String::new(),
                notes: String::new(),
            };
            network.touches.push(touch);
        }
        network
    }

    fn wants(contact: Id, lists_off_thread: bool) -> Wants {
        Wants { contact: Some(contact), lists_off_thread, ..Wants::default() }
    }

    #[test]
    fn a_busy_contacts_lists_come_from_a_job_and_equal_what_the_refresh_builds() {
        let network = network();
        let busy = network.exchanges.iter().filter(|e| e.contact == 1).count();
        assert!(busy >= CONTACT_OFF_THREAD_FROM, "{busy}");
        let mut built = Derived::default();
        built.refresh(&network, 0, AS_OF, &wants(1, false), None);
        assert!(built.contact_job(1).is_none(), "built by the refresh: no job");

        let mut derived = Derived::default();
        derived.refresh(&network, 0, AS_OF, &wants(1, true), None);
        assert!(
            derived.ledger(1).is_none()
                && derived.timeline(1).is_none()
                && derived.contact_touches(1).is_none()
        );
        assert!(derived.contact_promises(1).is_some(), "promises are built by the refresh");
        assert!(!derived.is_behind(0, AS_OF, &wants(1, true)), "not behind: the job is the app's");
        let job = derived.contact_job(1).expect("a job for the busy contact");
        assert_eq!(job.key(), (0, 1, AS_OF));
        assert!(derived.receive_contact(job.run(&network)));
        assert_eq!(derived.ledger(1), built.ledger(1));
        assert_eq!(derived.timeline(1), built.timeline(1));
        assert_eq!(derived.contact_touches(1), built.contact_touches(1));
        assert_eq!(derived.contact_touches(1).map(<[usize]>::len), Some(25));
        assert!(derived.contact_job(1).is_none(), "nothing missing any more");

        // A contact with few exchanges: built by the refresh, flag or not.
        derived.refresh(&network, 0, AS_OF, &wants(2, true), None);
        assert!(derived.ledger(2).is_some() && derived.contact_job(2).is_none());
    }

    #[test]
    fn lists_of_another_revision_or_date_are_not_taken() {
        let network = network();
        let mut derived = Derived::default();
        derived.refresh(&network, 0, AS_OF, &wants(1, true), None);
        let job = derived.contact_job(1).expect("a job");
        // Meanwhile the derived data moved to another date.
        let later = jiff::civil::date(2026, 7, 1);
        derived.refresh(&network, 0, later, &wants(1, true), None);
        assert!(!derived.receive_contact(job.run(&network)), "built for the day before");
        assert!(derived.ledger(1).is_none() && derived.timeline(1).is_none());
        let job = derived.contact_job(1).expect("a job for the new date");
        assert_eq!(job.key(), (0, 1, later));
        assert!(derived.receive_contact(job.run(&network)));
        assert!(derived.timeline(1).is_some());
    }
}
