//! The three-way merge of two copies of one network edited apart (two devices, a sync
//! conflict), given their common ancestor: DESIGN's five rules ("Command line",
//! `merge`). Pure: the command line and the window's sync-conflict review both call
//! [`merge`], and the window may switch any conflict to the other side and merge again.

mod diff;
mod fields;
mod lists;

use std::collections::{HashMap, HashSet};

pub use diff::edit_to;
pub use fields::{FieldClash, MergeFields};

use crate::model::{Contact, FORMAT_VERSION, Id, Network, Profile};
use lists::{Joined, join};

/// A list of the network, as conflict lines name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    Profile,
    Contacts,
    Exchanges,
    Touches,
    Commitments,
    Introductions,
    Wins,
}

impl List {
    /// The list's name in the file: `contacts`, `exchanges`….
    pub fn name(self) -> &'static str {
        match self {
            Self::Profile => "profile",
            Self::Contacts => "contacts",
            Self::Exchanges => "exchanges",
            Self::Touches => "touches",
            Self::Commitments => "commitments",
            Self::Introductions => "introductions",
            Self::Wins => "wins",
        }
    }
}

/// One of the two copies being merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Mine,
    Theirs,
}

/// What a conflict is about: a record (`field: None`, rule 3) or one field of it
/// (rule 4). The profile has no id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConflictKey {
    pub list: List,
    pub id: Option<Id>,
    pub field: Option<&'static str>,
}

/// The conflicts the user switched to the other side: a field to THEIRS' value, a
/// deleted-and-changed record to its deletion.
pub type Flips = HashSet<ConflictKey>;

/// What two sides disagreed on.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// Rule 4: both changed this field to different values; mine is kept unless switched.
    Field(FieldClash),
    /// Rule 3: one side deleted the record, the other changed these fields; the
    /// changed record is kept unless switched.
    DeletedChanged { deleted_by: Side, fields: Vec<&'static str> },
}

/// A conflict, and which way it went.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub list: List,
    pub id: Option<Id>,
    pub what: What,
    /// Switched to the other side by [`Flips`].
    pub switched: bool,
}

impl Conflict {
    pub fn key(&self) -> ConflictKey {
        let field = match &self.what {
            What::Field(clash) => Some(clash.field),
            What::DeletedChanged { .. } => None,
        };
        ConflictKey { list: self.list, id: self.id, field }
    }

    /// DESIGN's lines: `conflict: LIST ID FIELD: kept mine`, or `kept the changed
    /// record` (one line per field the surviving side changed). The profile has no
    /// id, so its lines read `conflict: profile FIELD: kept mine`.
    pub fn lines(&self) -> Vec<String> {
        let place = match self.id {
            Some(id) => format!("{} {id}", self.list.name()),
            None => self.list.name().to_owned(),
        };
        match &self.what {
            What::Field(clash) => {
                let kept = if self.switched { "kept theirs" } else { "kept mine" };
                vec![format!("conflict: {place} {}: {kept}", clash.field)]
            }
            What::DeletedChanged { fields, .. } => {
                let kept = if self.switched { "kept the deletion" } else { "kept the changed record" };
                fields.iter().map(|field| format!("conflict: {place} {field}: {kept}")).collect()
            }
        }
    }
}

/// A contact brought back because a record still names it (rule 5).
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    pub id: Id,
    pub name: String,
    /// The first record found naming it.
    pub named_by: (List, Id),
}

/// The merged network and what happened on the way.
#[derive(Clone, Debug)]
pub struct Merged {
    /// Lists in id order; `version` is the current format, `parent` is MINE's.
    pub network: Network,
    /// In list order, then id order.
    pub conflicts: Vec<Conflict>,
    /// Records of THEIRS that both sides had added under one id (rule 2): list, old
    /// id, new id.
    pub renumbered: Vec<(List, Id, Id)>,
    pub restored: Vec<Restored>,
}

/// Merges `mine` and `theirs`, two copies of `base` edited apart, by DESIGN's five
/// rules; `flips` switches conflicts to the other side (empty on the command line).
/// The inputs should each be valid (see [`crate::model::validate`]); then so is the
/// result: no reference is left dangling.
pub fn merge(base: &Network, mine: &Network, theirs: &Network, flips: &Flips) -> Merged {
    let mut conflicts = Vec::new();
    let mut renumbered = Vec::new();
    let profile = merge_profile(&base.profile, &mine.profile, &theirs.profile, flips, &mut conflicts);

    let no_moves = HashMap::new();
    let Joined { records: mut contacts, renumbered: moved_contacts } = join(
        List::Contacts,
        [&base.contacts, &mine.contacts, &theirs.contacts],
        &no_moves,
        flips,
        &mut conflicts,
    );
    renumbered.extend(moved_contacts.iter().map(|&(old, new)| (List::Contacts, old, new)));
    let moved: HashMap<Id, Id> = moved_contacts.into_iter().collect();

    macro_rules! merge_list {
        ($field:ident, $list:expr) => {{
            let joined =
                join($list, [&base.$field, &mine.$field, &theirs.$field], &moved, flips, &mut conflicts);
            renumbered.extend(joined.renumbered.iter().map(|&(old, new)| ($list, old, new)));
            joined.records
        }};
    }
    let exchanges = merge_list!(exchanges, List::Exchanges);
    let touches = merge_list!(touches, List::Touches);
    let commitments = merge_list!(commitments, List::Commitments);
    let introductions = merge_list!(introductions, List::Introductions);
    let wins = merge_list!(wins, List::Wins);
    let playbook = lists::playbook(&base.playbook, &mine.playbook, &theirs.playbook);

    let mut network = Network {
        version: FORMAT_VERSION,
        parent: mine.parent.clone(),
        profile,
        contacts: Vec::new(),
        exchanges,
        touches,
        commitments,
        introductions,
        wins,
        playbook,
    };
    let restored = restore_named(&mut contacts, &network, [theirs, mine, base]);
    network.contacts = contacts;
    conflicts.sort_by_key(Conflict::key);
    Merged { network, conflicts, renumbered, restored }
}

fn merge_profile(
    base: &Profile,
    mine: &Profile,
    theirs: &Profile,
    flips: &Flips,
    conflicts: &mut Vec<Conflict>,
) -> Profile {
    if mine == theirs || theirs == base {
        return mine.clone();
    }
    if mine == base {
        return theirs.clone();
    }
    let take_theirs =
        |field| flips.contains(&ConflictKey { list: List::Profile, id: None, field: Some(field) });
    let mut clashes = Vec::new();
    let merged = Profile::merge_fields(base, mine, theirs, &take_theirs, &mut clashes);
    for clash in clashes {
        let switched = take_theirs(clash.field);
        conflicts.push(Conflict { list: List::Profile, id: None, what: What::Field(clash), switched });
    }
    merged
}

/// Rule 5: every contact a record of `network` names and `contacts` lacks comes back,
/// from the first of `sources` that holds it. `contacts` ends in id order.
fn restore_named(contacts: &mut Vec<Contact>, network: &Network, sources: [&Network; 3]) -> Vec<Restored> {
    let mut have: HashSet<Id> = contacts.iter().map(|c| c.id).collect();
    let mut restored = Vec::new();
    let named = (network.exchanges.iter().map(|r| (List::Exchanges, r.id, r.contact)))
        .chain(network.touches.iter().map(|r| (List::Touches, r.id, r.contact)))
        .chain(network.commitments.iter().map(|r| (List::Commitments, r.id, r.contact)))
        .chain(
            network
                .introductions
                .iter()
                .flat_map(|r| [(List::Introductions, r.id, r.a), (List::Introductions, r.id, r.b)]),
        )
        .chain(network.wins.iter().map(|r| (List::Wins, r.id, r.contact)));
    for (list, id, contact) in named {
        if have.contains(&contact) {
            continue;
        }
        // Valid inputs always hold it: a record names a contact of its own copy.
        let Some(found) = sources.iter().find_map(|source| source.contact(contact)) else { continue };
        have.insert(contact);
        restored.push(Restored { id: contact, name: found.name.clone(), named_by: (list, id) });
        contacts.push(found.clone());
    }
    if !contacts.is_sorted_by_key(|c| c.id) {
        contacts.sort_by_key(|c| c.id);
    }
    restored.sort_by_key(|r| r.id);
    restored
}
