//! A merged network as one undoable [`Edit`] on MINE: the window applies a merge as an
//! edit of the open document, so Undo takes it back whole.

use std::collections::HashSet;

use crate::model::{Change, Edit, Id, Network, Record};

/// The edit that turns `mine` into `merged` (both with lists in id order): per list,
/// the records gone, the records changed, then the new ones put in at their places.
pub fn edit_to(mine: &Network, merged: &Network) -> Edit {
    let mut edits = Vec::new();
    if mine.profile != merged.profile {
        edits.push(Edit::Profile(Box::new(merged.profile.clone())));
    }
    list(&mine.contacts, &merged.contacts, &mut edits, Edit::Contacts);
    list(&mine.exchanges, &merged.exchanges, &mut edits, Edit::Exchanges);
    list(&mine.touches, &merged.touches, &mut edits, Edit::Touches);
    list(&mine.commitments, &merged.commitments, &mut edits, Edit::Commitments);
    list(&mine.introductions, &merged.introductions, &mut edits, Edit::Introductions);
    list(&mine.wins, &merged.wins, &mut edits, Edit::Wins);
    if mine.playbook != merged.playbook {
        edits.push(Edit::Playbook(merged.playbook.clone()));
    }
    Edit::Batch(edits)
}

fn list<T: Record + PartialEq>(mine: &[T], merged: &[T], edits: &mut Vec<Edit>, wrap: fn(Change<T>) -> Edit) {
    if mine == merged {
        return;
    }
    let kept: HashSet<Id> = merged.iter().map(Record::id).collect();
    let gone: Vec<Id> = mine.iter().map(Record::id).filter(|id| !kept.contains(id)).collect();
    if !gone.is_empty() {
        edits.push(wrap(Change::Remove(gone)));
    }
    let had: HashSet<Id> = mine.iter().map(Record::id).collect();
    let mut added = Vec::new();
    for (at, record) in merged.iter().enumerate() {
        if !had.contains(&record.id()) {
            // In ascending places: each goes where the merge has it.
            added.push((at, record.clone()));
        } else if crate::model::find_by_id(mine, record.id()) != Some(record) {
            edits.push(wrap(Change::Put(record.clone())));
        }
    }
    if !added.is_empty() {
        edits.push(wrap(Change::Restore(added)));
    }
}
