//! Rules 1–4 of DESIGN's merge over one list of records matched by id, and the
//! playbook's lessons, matched by date and text.

use std::collections::HashMap;

use super::fields::MergeFields;
use super::{Conflict, ConflictKey, Flips, List, Side, What};
use crate::model::{Commitment, Contact, Exchange, Id, Introduction, Lesson, Record, Touch, Win};

/// A record whose id can be given anew (rule 2) and whose references to contacts
/// can follow a contact's new id.
pub(super) trait Renumber: Record + PartialEq + MergeFields {
    fn set_id(&mut self, id: Id);
    /// The record with every contact id in `moved` replaced by its new id; `None`
    /// when it names none of them.
    fn follow(&self, moved: &HashMap<Id, Id>) -> Option<Self>;
}

macro_rules! renumber_by_contact {
    ($($ty:ty),*) => { $(
        impl Renumber for $ty {
            fn set_id(&mut self, id: Id) {
                self.id = id;
            }
            fn follow(&self, moved: &HashMap<Id, Id>) -> Option<Self> {
                let &to = moved.get(&self.contact)?;
                Some(Self { contact: to, ..self.clone() })
            }
        }
    )* };
}
renumber_by_contact!(Exchange, Touch, Commitment, Win);

impl Renumber for Contact {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn follow(&self, _: &HashMap<Id, Id>) -> Option<Self> {
        None
    }
}

impl Renumber for Introduction {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn follow(&self, moved: &HashMap<Id, Id>) -> Option<Self> {
        let (a, b) = (moved.get(&self.a), moved.get(&self.b));
        if a.is_none() && b.is_none() {
            return None;
        }
        Some(Self { a: a.copied().unwrap_or(self.a), b: b.copied().unwrap_or(self.b), ..self.clone() })
    }
}

/// The records of `list` in ascending id order (borrowed; sorted only when needed).
fn by_id<T: Record>(list: &[T]) -> Vec<&T> {
    let mut refs: Vec<&T> = list.iter().collect();
    if !refs.is_sorted_by_key(|r| r.id()) {
        refs.sort_by_key(|r| r.id());
    }
    refs
}

/// One list merged: the records in id order, and THEIRS' ids given anew (rule 2),
/// old → new, in ascending order.
pub(super) struct Joined<T> {
    pub records: Vec<T>,
    pub renumbered: Vec<(Id, Id)>,
}

/// Rules 1–4 over one list. THEIRS' records are read through `moved` (contacts
/// THEIRS had to renumber), so a reference follows its contact's new id.
pub(super) fn join<T: Renumber>(
    list: List,
    [base, mine, theirs]: [&[T]; 3],
    moved: &HashMap<Id, Id>,
    flips: &Flips,
    conflicts: &mut Vec<Conflict>,
) -> Joined<T> {
    let followed = |t: &T| t.follow(moved).unwrap_or_else(|| t.clone());
    // The whole list unchanged on one side takes the other (rule 1, at once).
    if mine == base {
        return Joined { records: sorted(theirs.iter().map(followed).collect()), renumbered: Vec::new() };
    }
    if theirs == base && moved.is_empty() {
        return Joined { records: sorted(mine.to_vec()), renumbered: Vec::new() };
    }
    let (base, mine, theirs) = (by_id(base), by_id(mine), by_id(theirs));
    let highest = [&base, &mine, &theirs].iter().filter_map(|l| l.last().map(|r| r.id())).max().unwrap_or(0);
    let mut records = Vec::with_capacity(mine.len().max(theirs.len()));
    let mut clashing = Vec::new();
    let (mut i, mut j, mut k) = (0, 0, 0);
    loop {
        let heads = [base.get(i), mine.get(j), theirs.get(k)];
        let Some(id) = heads.iter().flatten().map(|r| r.id()).min() else { break };
        let b = take(heads[0], id, &mut i);
        let m = take(heads[1], id, &mut j);
        let t_read = take(heads[2], id, &mut k);
        let t_followed = t_read.and_then(|t| t.follow(moved));
        let t = t_followed.as_ref().or(t_read);
        let kept = match (b, m, t) {
            _ if m == t => m.cloned(),
            _ if m == b => t.cloned(),
            _ if t == b => m.cloned(),
            (None, Some(m), Some(t)) => {
                clashing.push(t.clone());
                Some(m.clone())
            }
            (Some(b), None, Some(t)) => deleted_changed(list, b, t, Side::Mine, flips, conflicts),
            (Some(b), Some(m), None) => deleted_changed(list, b, m, Side::Theirs, flips, conflicts),
            (Some(b), Some(m), Some(t)) => {
                let mut clashes = Vec::new();
                let take_theirs =
                    |field| flips.contains(&ConflictKey { list, id: Some(id), field: Some(field) });
                let merged = T::merge_fields(b, m, t, &take_theirs, &mut clashes);
                for clash in clashes {
                    let switched = take_theirs(clash.field);
                    conflicts.push(Conflict { list, id: Some(id), what: What::Field(clash), switched });
                }
                Some(merged)
            }
            // m == t covers every case with two absences.
            (None, _, _) | (_, None, None) => None,
        };
        records.extend(kept);
    }
    // Rule 2: THEIRS' record moves to a new id, in ascending order of the old ones.
    let mut renumbered = Vec::with_capacity(clashing.len());
    for (n, mut record) in clashing.into_iter().enumerate() {
        let new = highest + 1 + n as Id;
        renumbered.push((record.id(), new));
        record.set_id(new);
        records.push(record);
    }
    Joined { records, renumbered }
}

/// The head of a list when it has id `id`, moving past it.
fn take<'a, T: Record>(head: Option<&&'a T>, id: Id, at: &mut usize) -> Option<&'a T> {
    match head {
        Some(r) if r.id() == id => {
            *at += 1;
            Some(*r)
        }
        _ => None,
    }
}

fn sorted<T: Record>(mut records: Vec<T>) -> Vec<T> {
    if !records.is_sorted_by_key(|r| r.id()) {
        records.sort_by_key(|r| r.id());
    }
    records
}

/// Rule 3: deleted on `deleted_by`'s side, `changed` on the other: the changed record
/// stays, unless the user switched the conflict to the deletion.
fn deleted_changed<T: Renumber>(
    list: List,
    base: &T,
    changed: &T,
    deleted_by: Side,
    flips: &Flips,
    conflicts: &mut Vec<Conflict>,
) -> Option<T> {
    let id = changed.id();
    let switched = flips.contains(&ConflictKey { list, id: Some(id), field: None });
    let fields = T::changed_fields(base, changed);
    conflicts.push(Conflict {
        list,
        id: Some(id),
        what: What::DeletedChanged { deleted_by, fields },
        switched,
    });
    (!switched).then(|| changed.clone())
}

/// The playbook: a lesson is its date and text, and is either there or not (a lesson
/// written twice counts twice). Mine's order is kept; THEIRS' new lessons follow in
/// their order.
pub(super) fn playbook(base: &[Lesson], mine: &[Lesson], theirs: &[Lesson]) -> Vec<Lesson> {
    if mine == base {
        return theirs.to_vec();
    }
    if theirs == base || mine == theirs {
        return mine.to_vec();
    }
    let (b, m, t) = (count_lessons(base), count_lessons(mine), count_lessons(theirs));
    let wanted = |key: &LessonKey<'_>| {
        let [cb, cm, ct] = [&b, &m, &t].map(|counts| counts.get(key).copied().unwrap_or(0));
        if cm == ct || ct == cb {
            cm
        } else if cm == cb {
            ct
        } else {
            cm.max(ct)
        }
    };
    let mut used: HashMap<LessonKey<'_>, usize> = HashMap::new();
    let mut out = Vec::with_capacity(mine.len());
    for lesson in mine.iter().chain(theirs) {
        let key = (lesson.date, lesson.lesson.as_str());
        let n = used.entry(key).or_default();
        if *n < wanted(&key) {
            *n += 1;
            out.push(lesson.clone());
        }
    }
    out
}

type LessonKey<'a> = (jiff::civil::Date, &'a str);

fn count_lessons(list: &[Lesson]) -> HashMap<LessonKey<'_>, usize> {
    let mut counts = HashMap::new();
    for lesson in list {
        *counts.entry((lesson.date, lesson.lesson.as_str())).or_default() += 1;
    }
    counts
}
