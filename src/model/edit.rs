//! Every change to a network is an [`Edit`]. Applying one returns its inverse, which
//! is what undo applies; so undo and redo are the same operation.

use std::collections::{BTreeSet, HashSet};

use super::{Commitment, Contact, Exchange, Id, Introduction, Lesson, Network, Profile, Record, Touch, Win};

/// A change to one list of records.
#[derive(Clone, Debug, PartialEq)]
pub enum Change<T> {
    /// Replace the record with the same id, or add it at the end.
    Put(T),
    /// Add a new record at the end: its id is one the list does not hold (from
    /// [`super::Network::next_id`]), so it is not looked for among a million. An id not
    /// above the last record's is looked for all the same, as [`Change::Put`] does.
    Add(T),
    /// Remove the records with these ids.
    Remove(Vec<Id>),
    /// Put records back at their former positions (ascending), undoing a removal.
    Restore(Vec<(usize, T)>),
}

/// What applying a [`Change`] did to its list, with positions, for [`Touched`].
enum Applied<'a, T> {
    /// `old` at `at` was replaced by `new`.
    Replaced { at: usize, old: &'a T, new: &'a T },
    /// `new` was added at the end, at `at`.
    Added { at: usize, new: &'a T },
    /// These records were removed from these positions (ascending, before the removal).
    Removed(&'a [(usize, T)]),
    /// Records were inserted at these positions, one after the other; `list` is the
    /// list after the insertions.
    Restored { at: &'a [usize], list: &'a [T] },
}

/// The position of the first record of `list` with id `id`: a binary search (lists
/// are kept in ascending id order), checked, then a scan when it finds nothing, in
/// case the list is not in id order — as [`super::find_by_id`].
fn position_of<T: Record>(list: &[T], id: Id) -> Option<usize> {
    match list.binary_search_by_key(&id, Record::id) {
        Ok(mut i) => {
            while i > 0 && list.get(i - 1).is_some_and(|r| r.id() == id) {
                i -= 1;
            }
            Some(i)
        }
        Err(_) => list.iter().position(|r| r.id() == id),
    }
}

impl<T: Record> Change<T> {
    /// Applies the change to `list`, returning the change that undoes it.
    fn apply(self, list: &mut Vec<T>) -> Self {
        self.apply_seen(list, &mut |_| {})
    }

    /// [`Self::apply`], telling `seen` what it did.
    fn apply_seen(self, list: &mut Vec<T>, seen: &mut dyn FnMut(Applied<'_, T>)) -> Self {
        match self {
            Self::Add(record) if list.last().is_none_or(|last| last.id() < record.id()) => {
                let id = record.id();
                list.push(record);
                let at = list.len() - 1;
                seen(Applied::Added { at, new: &list[at] });
                Self::Remove(vec![id])
            }
            Self::Add(record) => Self::Put(record).apply_seen(list, seen),
            Self::Put(record) => match position_of(list, record.id()) {
                Some(at) => {
                    let old = std::mem::replace(&mut list[at], record);
                    seen(Applied::Replaced { at, old: &old, new: &list[at] });
                    Self::Put(old)
                }
                None => {
                    let id = record.id();
                    list.push(record);
                    let at = list.len() - 1;
                    seen(Applied::Added { at, new: &list[at] });
                    Self::Remove(vec![id])
                }
            },
            Self::Remove(ids) => {
                let ids: HashSet<Id> = ids.into_iter().collect();
                let mut removed = Vec::new();
                let mut index = 0;
                list.retain(|r| {
                    let keep = !ids.contains(&r.id());
                    if !keep {
                        removed.push((index, r.clone()));
                    }
                    index += 1;
                    keep
                });
                seen(Applied::Removed(&removed));
                Self::Restore(removed)
            }
            Self::Restore(records) => {
                let ids = records.iter().map(|(_, r)| r.id()).collect();
                let mut at = Vec::with_capacity(records.len());
                for (index, record) in records {
                    let index = index.min(list.len());
                    list.insert(index, record);
                    at.push(index);
                }
                seen(Applied::Restored { at: &at, list });
                Self::Remove(ids)
            }
        }
    }
}

/// One step of the exchange list in a [`Touched`], with the records and their
/// positions in `network.exchanges`: replayed in order, they tell where every other
/// exchange moved.
#[derive(Clone, Debug, PartialEq)]
pub enum ExchangeStep {
    /// `old` at `at` was replaced by `new` (same id).
    Replaced { at: usize, old: Exchange, new: Exchange },
    /// `new` was added at the end, at `at`.
    Added { at: usize, new: Exchange },
    /// These were removed from these positions (ascending, counted before the
    /// removal): every later exchange moved down.
    Removed(Vec<(usize, Exchange)>),
    /// These were inserted at these positions, in this order (strictly ascending, so
    /// each is also its position afterwards): every exchange at or after an insertion
    /// point moved up.
    Restored(Vec<(usize, Exchange)>),
}

impl ExchangeStep {
    /// The versions this step took out of the list (removed or replaced).
    pub fn old_versions(&self) -> Vec<&Exchange> {
        match self {
            Self::Replaced { old, .. } => vec![old],
            Self::Added { .. } | Self::Restored(_) => Vec::new(),
            Self::Removed(records) => records.iter().map(|(_, e)| e).collect(),
        }
    }

    /// The versions this step put into the list (added, restored or replacing).
    pub fn new_versions(&self) -> Vec<&Exchange> {
        match self {
            Self::Replaced { new, .. } | Self::Added { new, .. } => vec![new],
            Self::Removed(_) => Vec::new(),
            Self::Restored(records) => records.iter().map(|(_, e)| e).collect(),
        }
    }

    /// How many records the step moved in or out.
    pub fn len(&self) -> usize {
        match self {
            Self::Replaced { .. } => 2,
            Self::Added { .. } => 1,
            Self::Removed(records) | Self::Restored(records) => records.len(),
        }
    }

    /// A step with no record (a removal of ids that were not there).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What applied edits touched ([`Edit::apply_tracked`]), so that derived numbers can
/// be brought up to date without recomputing them all. Edits accumulate: apply a
/// whole batch (or several edits) into one `Touched`, then update once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Touched {
    /// Every number may have changed (the profile: half-life, capacity, tolerance,
    /// default cadence); nothing else here needs to be read.
    pub everything: bool,
    /// Contacts whose numbers may have changed: the contact of every exchange, touch,
    /// commitment or win put or removed (old and new versions), both sides of every
    /// introduction, and every contact put or removed.
    pub contacts: BTreeSet<Id>,
    /// The list of contacts changed (a contact put, removed or restored).
    pub contact_list: bool,
    /// Contacts came, went or came back (positions in the list moved), besides
    /// contacts replaced in place.
    pub contacts_moved: bool,
    /// The words of the contacts changed: their tags, offers or needs (or contacts came
    /// or went), which the suggestions while typing are made of.
    pub contact_words: bool,
    /// What tells contacts apart changed: a name, organisation or emails (or contacts
    /// came or went), which the labels of contacts sharing a name are made of.
    pub contact_names: bool,
    /// The changes to `network.exchanges`, in the order applied.
    pub exchanges: Vec<ExchangeStep>,
    /// Commitments were put, removed or restored.
    pub commitments: bool,
    /// Touches or introductions were put, removed or restored (they date the last
    /// touch of their contacts).
    pub touches: bool,
    /// Check-ins only added (contact, date): each can only move its contact's last
    /// touch later. Meaningful while `touches_otherwise` is false.
    pub touches_added: Vec<(Id, jiff::civil::Date)>,
    /// Touches changed otherwise than by additions, or introductions changed, or a
    /// contact was added (touches dated before it were no one's): every last touch of
    /// the touched contacts is looked for again.
    pub touches_otherwise: bool,
}

impl Touched {
    /// Nothing touched yet.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// How many exchange records the edits moved in or out.
    pub fn exchange_records(&self) -> usize {
        self.exchanges.iter().map(ExchangeStep::len).sum()
    }

    /// Notes the contacts of the records of `applied`.
    fn note<T: Concerns>(&mut self, applied: &Applied<'_, T>) {
        let contacts = &mut self.contacts;
        match applied {
            Applied::Replaced { old, new, .. } => {
                old.concerns(contacts);
                new.concerns(contacts);
            }
            Applied::Added { new, .. } => new.concerns(contacts),
            Applied::Removed(records) => records.iter().for_each(|(_, r)| r.concerns(contacts)),
            Applied::Restored { at, list } => {
                at.iter().filter_map(|&i| list.get(i)).for_each(|r| r.concerns(contacts));
            }
        }
    }

    /// Notes an applied change of the exchanges, with its positions.
    fn note_exchanges(&mut self, applied: &Applied<'_, Exchange>) {
        self.note(applied);
        let step = match applied {
            Applied::Replaced { at, old, new } => {
                ExchangeStep::Replaced { at: *at, old: (*old).clone(), new: (*new).clone() }
            }
            Applied::Added { at, new } => ExchangeStep::Added { at: *at, new: (*new).clone() },
            Applied::Removed(records) => ExchangeStep::Removed(records.to_vec()),
            Applied::Restored { at, list } => {
                if !at.windows(2).all(|w| w[0] < w[1]) {
                    // Not in ascending order: the positions do not say where records went.
                    self.everything = true;
                    return;
                }
                ExchangeStep::Restored(at.iter().filter_map(|&i| Some((i, list.get(i)?.clone()))).collect())
            }
        };
        if !step.is_empty() {
            self.exchanges.push(step);
        }
    }
}

/// The contacts a record concerns.
trait Concerns: Record {
    fn concerns(&self, contacts: &mut BTreeSet<Id>);
}

impl Concerns for Contact {
    fn concerns(&self, contacts: &mut BTreeSet<Id>) {
        contacts.insert(self.id);
    }
}

macro_rules! impl_concerns {
    ($($t:ty),*) => { $(impl Concerns for $t {
        fn concerns(&self, contacts: &mut BTreeSet<Id>) {
            contacts.insert(self.contact);
        }
    })* };
}
impl_concerns!(Exchange, Touch, Commitment, Win);

impl Concerns for Introduction {
    fn concerns(&self, contacts: &mut BTreeSet<Id>) {
        contacts.insert(self.a);
        contacts.insert(self.b);
    }
}

/// One undoable change to a [`Network`].
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Contacts(Change<Contact>),
    Exchanges(Change<Exchange>),
    Touches(Change<Touch>),
    Commitments(Change<Commitment>),
    Introductions(Change<Introduction>),
    Wins(Change<Win>),
    Profile(Box<Profile>),
    Playbook(Vec<Lesson>),
    /// Several edits applied in order and undone as one step.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Applies the edit, returning the edit that undoes it.
    pub fn apply(self, network: &mut Network) -> Edit {
        match self {
            Self::Contacts(c) => Self::Contacts(c.apply(&mut network.contacts)),
            Self::Exchanges(c) => Self::Exchanges(c.apply(&mut network.exchanges)),
            Self::Touches(c) => Self::Touches(c.apply(&mut network.touches)),
            Self::Commitments(c) => Self::Commitments(c.apply(&mut network.commitments)),
            Self::Introductions(c) => Self::Introductions(c.apply(&mut network.introductions)),
            Self::Wins(c) => Self::Wins(c.apply(&mut network.wins)),
            Self::Profile(p) => Self::Profile(Box::new(std::mem::replace(&mut network.profile, *p))),
            Self::Playbook(p) => Self::Playbook(std::mem::replace(&mut network.playbook, p)),
            Self::Batch(edits) => {
                let mut inverses: Vec<Edit> = edits.into_iter().map(|e| e.apply(network)).collect();
                inverses.reverse();
                Self::Batch(inverses)
            }
        }
    }

    /// [`Self::apply`], also noting in `touched` what the edit changed (see
    /// [`Touched`]), so that an analysis snapshot can follow it incrementally. The
    /// inverse is the same as `apply`'s; undo and redo should apply it with this too.
    pub fn apply_tracked(self, network: &mut Network, touched: &mut Touched) -> Edit {
        match self {
            Self::Contacts(c) => {
                touched.contact_list = true;
                Self::Contacts(c.apply_seen(&mut network.contacts, &mut |a| {
                    match &a {
                        Applied::Replaced { old, new, .. } => {
                            let same_topics = old.needs.len() == new.needs.len()
                                && old.needs.iter().zip(&new.needs).all(|(a, b)| a.topic == b.topic);
                            if old.tags != new.tags || old.offers != new.offers || !same_topics {
                                touched.contact_words = true;
                            }
                            if old.name != new.name
                                || old.organization != new.organization
                                || old.emails != new.emails
                            {
                                touched.contact_names = true;
                            }
                        }
                        _ => {
                            touched.touches_otherwise = true;
                            touched.contact_words = true;
                            touched.contacts_moved = true;
                            touched.contact_names = true;
                        }
                    }
                    touched.note(&a);
                }))
            }
            Self::Exchanges(c) => {
                Self::Exchanges(c.apply_seen(&mut network.exchanges, &mut |a| touched.note_exchanges(&a)))
            }
            Self::Touches(c) => {
                touched.touches = true;
                Self::Touches(c.apply_seen(&mut network.touches, &mut |a| {
                    match &a {
                        Applied::Added { new, .. } => touched.touches_added.push((new.contact, new.date)),
                        _ => touched.touches_otherwise = true,
                    }
                    touched.note(&a);
                }))
            }
            Self::Commitments(c) => {
                touched.commitments = true;
                Self::Commitments(c.apply_seen(&mut network.commitments, &mut |a| touched.note(&a)))
            }
            Self::Introductions(c) => {
                touched.touches = true;
                touched.touches_otherwise = true;
                Self::Introductions(c.apply_seen(&mut network.introductions, &mut |a| touched.note(&a)))
            }
            Self::Wins(c) => Self::Wins(c.apply_seen(&mut network.wins, &mut |a| touched.note(&a))),
            Self::Profile(p) => {
                touched.everything = true;
                Self::Profile(Box::new(std::mem::replace(&mut network.profile, *p)))
            }
            Self::Playbook(p) => Self::Playbook(std::mem::replace(&mut network.playbook, p)),
            Self::Batch(edits) => {
                let mut inverses: Vec<Edit> =
                    edits.into_iter().map(|e| e.apply_tracked(network, touched)).collect();
                inverses.reverse();
                Self::Batch(inverses)
            }
        }
    }

    /// Removes a contact with everything that refers to it, as one step.
    pub fn remove_contact(network: &Network, id: Id) -> Edit {
        fn ids_of<T: Record>(list: &[T], refers: impl Fn(&T) -> bool) -> Vec<Id> {
            list.iter().filter(|r| refers(r)).map(Record::id).collect()
        }
        Self::Batch(vec![
            Self::Exchanges(Change::Remove(ids_of(&network.exchanges, |e| e.contact == id))),
            Self::Touches(Change::Remove(ids_of(&network.touches, |t| t.contact == id))),
            Self::Commitments(Change::Remove(ids_of(&network.commitments, |c| c.contact == id))),
            Self::Introductions(Change::Remove(ids_of(&network.introductions, |i| i.a == id || i.b == id))),
            Self::Wins(Change::Remove(ids_of(&network.wins, |w| w.contact == id))),
            Self::Contacts(Change::Remove(vec![id])),
        ])
    }
}
