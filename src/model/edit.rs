//! Every change to a network is an [`Edit`]. Applying one returns its inverse, which
//! is what undo applies; so undo and redo are the same operation.

use std::collections::HashSet;

use super::{Commitment, Contact, Exchange, Id, Introduction, Lesson, Network, Profile, Record, Touch, Win};

/// A change to one list of records.
#[derive(Clone, Debug, PartialEq)]
pub enum Change<T> {
    /// Replace the record with the same id, or add it at the end.
    Put(T),
    /// Remove the records with these ids.
    Remove(Vec<Id>),
    /// Put records back at their former positions (ascending), undoing a removal.
    Restore(Vec<(usize, T)>),
}

impl<T: Record> Change<T> {
    /// Applies the change to `list`, returning the change that undoes it.
    fn apply(self, list: &mut Vec<T>) -> Self {
        match self {
            Self::Put(record) => match list.iter().position(|r| r.id() == record.id()) {
                Some(i) => Self::Put(std::mem::replace(&mut list[i], record)),
                None => {
                    let id = record.id();
                    list.push(record);
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
                Self::Restore(removed)
            }
            Self::Restore(records) => {
                let ids = records.iter().map(|(_, r)| r.id()).collect();
                for (index, record) in records {
                    list.insert(index.min(list.len()), record);
                }
                Self::Remove(ids)
            }
        }
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
