//! What differs between two versions of a network, in counts per list: what the
//! recovery offer shows ("3 exchanges added, 1 contact changed").

use std::collections::HashMap;

use crate::model::{Network, Record};

/// Records of one list added, changed and removed, matched by id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListDiff {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

impl ListDiff {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Differences from an old network to a new one: per record list, and whether the
/// profile and the playbook (a list without ids) changed at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiffCounts {
    pub contacts: ListDiff,
    pub exchanges: ListDiff,
    pub touches: ListDiff,
    pub commitments: ListDiff,
    pub introductions: ListDiff,
    pub wins: ListDiff,
    pub profile_changed: bool,
    pub playbook_changed: bool,
}

impl DiffCounts {
    /// Whether the two networks are equal.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The sums over all record lists.
    pub fn total(&self) -> ListDiff {
        self.lists().iter().fold(ListDiff::default(), |sum, (_, d)| ListDiff {
            added: sum.added + d.added,
            changed: sum.changed + d.changed,
            removed: sum.removed + d.removed,
        })
    }

    /// One line per list that differs, e.g. `"exchanges: 3 added, 1 changed"`, then
    /// `"profile changed"` and `"playbook changed"` when they did.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .lists()
            .iter()
            .filter(|(_, d)| !d.is_empty())
            .map(|(name, d)| {
                let parts: Vec<String> = [(d.added, "added"), (d.changed, "changed"), (d.removed, "removed")]
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, what)| format!("{n} {what}"))
                    .collect();
                format!("{name}: {}", parts.join(", "))
            })
            .collect();
        if self.profile_changed {
            lines.push("profile changed".to_owned());
        }
        if self.playbook_changed {
            lines.push("playbook changed".to_owned());
        }
        lines
    }

    fn lists(&self) -> [(&'static str, ListDiff); 6] {
        [
            ("contacts", self.contacts),
            ("exchanges", self.exchanges),
            ("touches", self.touches),
            ("commitments", self.commitments),
            ("introductions", self.introductions),
            ("wins", self.wins),
        ]
    }
}

/// Counts what `new` adds to, changes in and removes from `old`.
pub fn diff_counts(old: &Network, new: &Network) -> DiffCounts {
    DiffCounts {
        contacts: diff_list(&old.contacts, &new.contacts),
        exchanges: diff_list(&old.exchanges, &new.exchanges),
        touches: diff_list(&old.touches, &new.touches),
        commitments: diff_list(&old.commitments, &new.commitments),
        introductions: diff_list(&old.introductions, &new.introductions),
        wins: diff_list(&old.wins, &new.wins),
        profile_changed: old.profile != new.profile,
        playbook_changed: old.playbook != new.playbook,
    }
}

/// Matches records by id. Duplicate ids (in an invalid network) count once each side.
fn diff_list<T: Record + PartialEq>(old: &[T], new: &[T]) -> ListDiff {
    let old_by_id: HashMap<_, &T> = old.iter().map(|r| (r.id(), r)).collect();
    let new_by_id: HashMap<_, &T> = new.iter().map(|r| (r.id(), r)).collect();
    let mut diff = ListDiff::default();
    for (id, record) in &new_by_id {
        match old_by_id.get(id) {
            None => diff.added += 1,
            Some(before) if before != record => diff.changed += 1,
            Some(_) => {}
        }
    }
    diff.removed = old_by_id.keys().filter(|id| !new_by_id.contains_key(id)).count();
    diff
}

#[cfg(test)]
mod tests {
    use jiff::civil::Date;

    use super::*;
    use crate::model::{Contact, Lesson};

    #[test]
    fn counts_added_changed_and_removed_by_id() {
        let day = Date::constant(2025, 1, 1);
        let old = Network {
            contacts: vec![Contact::new(1, "A", day), Contact::new(2, "B", day), Contact::new(3, "C", day)],
            ..Network::default()
        };
        let mut new = old.clone();
        new.contacts.retain(|c| c.id != 3);
        new.contacts[0].name = "A2".to_owned();
        new.contacts.push(Contact::new(4, "D", day));
        new.contacts.push(Contact::new(5, "E", day));
        new.playbook.push(Lesson { date: day, lesson: "Listen".to_owned() });

        let diff = diff_counts(&old, &new);
        assert_eq!(diff.contacts, ListDiff { added: 2, changed: 1, removed: 1 });
        assert!(diff.exchanges.is_empty());
        assert!(diff.playbook_changed && !diff.profile_changed);
        assert_eq!(diff.total(), ListDiff { added: 2, changed: 1, removed: 1 });
        assert_eq!(diff.lines(), ["contacts: 2 added, 1 changed, 1 removed", "playbook changed"]);
        assert!(diff_counts(&new, &new).is_empty());
    }
}
