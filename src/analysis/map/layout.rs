//! Where each contact sits around you on the network map: the angle, which keeps the
//! people of one organisation (or, without one, of one first tag) side by side. It
//! reads only the contacts, so edits of exchanges, check-ins and promises leave it
//! as it is; the distance from you follows the numbers ([`super::NetworkMap`]).

use std::collections::BTreeMap;
use std::f64::consts::TAU;

use crate::analysis::normalize_topic;
use crate::model::{Contact, Network};

/// What keeps a group of contacts side by side on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKind {
    Organisation,
    /// No organisation: their first tag.
    Tag,
    /// Neither an organisation nor a tag.
    Ungrouped,
}

/// One group of contacts and the arc of the map it takes.
#[derive(Clone, Debug, PartialEq)]
pub struct MapGroup {
    pub kind: GroupKind,
    /// The organisation or tag as first written (empty for the ungrouped).
    pub label: String,
    /// Its members, how many.
    pub size: usize,
    /// The middle of its arc, in radians (0 = up, clockwise on screen).
    pub mid_angle: f64,
}

/// The angle of every contact that is not archived, and the groups.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapLayout {
    /// Per contact, in network order: its angle in radians and its group (an index
    /// into `groups`); `None` for an archived contact (not on the map).
    pub places: Vec<Option<(f64, u32)>>,
    pub groups: Vec<MapGroup>,
    /// Every organisation and tag of a contact on the map, as first written, sorted
    /// ignoring case: what the map's filters offer.
    pub organisations: Vec<String>,
    pub tags: Vec<String>,
}

/// The key a contact is grouped by: its organisation, else its first tag.
fn group_key(c: &Contact) -> (GroupKind, String, &str) {
    let organisation = c.organization.trim();
    if !organisation.is_empty() {
        return (GroupKind::Organisation, normalize_topic(organisation), organisation);
    }
    match c.tags.iter().map(|t| t.trim()).find(|t| !t.is_empty()) {
        Some(tag) => (GroupKind::Tag, normalize_topic(tag), tag),
        None => (GroupKind::Ungrouped, String::new(), ""),
    }
}

impl MapLayout {
    /// The layout of `network`: groups by kind (organisations, then tags, then the
    /// ungrouped), each by its name ignoring case; within a group by name, then id.
    /// Each contact takes one slot of the circle, with one empty slot after each group
    /// so that groups stand apart. Depends only on the contacts: the same contacts
    /// always give the same angles.
    pub fn compute(network: &Network) -> Self {
        let mut grouped: BTreeMap<(GroupKind, String), (String, Vec<usize>)> = BTreeMap::new();
        let mut organisations = BTreeMap::new();
        let mut tags = BTreeMap::new();
        for (i, c) in network.contacts.iter().enumerate().filter(|(_, c)| !c.archived) {
            let (kind, key, label) = group_key(c);
            grouped.entry((kind, key)).or_insert_with(|| (label.to_owned(), Vec::new())).1.push(i);
            let organisation = c.organization.trim();
            if !organisation.is_empty() {
                organisations.entry(normalize_topic(organisation)).or_insert_with(|| organisation.to_owned());
            }
            for tag in c.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
                tags.entry(normalize_topic(tag)).or_insert_with(|| tag.to_owned());
            }
        }
        let members: usize = grouped.values().map(|(_, m)| m.len()).sum();
        let gaps = if grouped.len() > 1 { grouped.len() } else { 0 };
        let slots = (members + gaps).max(1) as f64;
        let mut places = vec![None; network.contacts.len()];
        let mut groups = Vec::with_capacity(grouped.len());
        let mut slot = 0usize;
        for ((kind, _), (label, mut indices)) in grouped {
            indices.sort_by_cached_key(|&i| network.contacts.get(i).map(|c| (c.name.to_lowercase(), c.id)));
            let first = slot;
            for &i in &indices {
                if let Some(place) = places.get_mut(i) {
                    let angle = TAU * (slot as f64 + 0.5) / slots;
                    *place = Some((angle, u32::try_from(groups.len()).unwrap_or(u32::MAX)));
                }
                slot += 1;
            }
            let mid_angle = TAU * ((first + slot) as f64 / 2.0) / slots;
            groups.push(MapGroup { kind, label, size: indices.len(), mid_angle });
            if gaps > 0 {
                slot += 1;
            }
        }
        Self {
            places,
            groups,
            organisations: organisations.into_values().collect(),
            tags: tags.into_values().collect(),
        }
    }
}
