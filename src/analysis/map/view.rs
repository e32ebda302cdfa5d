//! What the Network page draws of the map: the nodes its filters keep, at most the
//! [`MAP_LIMIT`] strongest unless all are asked for, the contacts with no weight that
//! are not drawn one by one counted by group on the outer ring, and the person the
//! search finds.

use crate::analysis::{Band, normalize_topic};
use crate::model::Network;

use super::{MapLayout, NetworkMap};

/// How many nodes the page draws unless asked to show all.
pub const MAP_LIMIT: usize = 500;

/// The Network page's filters and search.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MapQuery {
    pub band: Option<Band>,
    /// A tag, as the layout lists it (matched ignoring case and spaces).
    pub tag: Option<String>,
    pub organisation: Option<String>,
    pub overdue_only: bool,
    /// A name (or part of one) to find on the map.
    pub search: String,
    /// Draw every node that the filters keep, not only the strongest.
    pub show_all: bool,
}

/// Contacts with no weight on the outer ring that are not drawn one by one: how many
/// of one group.
#[derive(Clone, Debug, PartialEq)]
pub struct UnweightedGroup {
    /// Index into the layout's groups.
    pub group: u32,
    pub count: usize,
    /// Where on the ring: the middle of the group's arc.
    pub angle: f64,
}

/// The nodes drawn, and what is said about those that are not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapView {
    /// Indices into the map's nodes, strongest first.
    pub shown: Vec<u32>,
    /// How many nodes the filters keep (drawn or not).
    pub matching: usize,
    /// How many nodes the map has (every contact that is not archived).
    pub total: usize,
    /// Whether fewer than `matching` are drawn.
    pub limited: bool,
    /// Kept by the filters, with no weight, and not drawn one by one: by group.
    pub unweighted: Vec<UnweightedGroup>,
    /// How many nodes with no weight the filters keep.
    pub unweighted_count: usize,
    /// Links between two drawn nodes (indices into the map's nodes).
    pub links: Vec<(u32, u32)>,
    /// The first node (strongest first) whose name holds the search; drawn even when
    /// beyond the limit.
    pub found: Option<u32>,
    /// How many nodes the search matches.
    pub found_count: usize,
}

impl MapView {
    /// The nodes of `map` that `query` keeps, as the page draws them.
    pub fn compute(network: &Network, layout: &MapLayout, map: &NetworkMap, query: &MapQuery) -> Self {
        let tag = query.tag.as_deref().map(normalize_topic);
        let organisation = query.organisation.as_deref().map(normalize_topic);
        let needle = query.search.trim().to_lowercase();
        let keeps = |node: &super::MapNode| {
            let Some(c) = network.contacts.get(node.index) else { return false };
            query.band.is_none_or(|b| b == node.band)
                && (!query.overdue_only || node.overdue_days > 0)
                && organisation.as_ref().is_none_or(|o| normalize_topic(&c.organization) == *o)
                && tag.as_ref().is_none_or(|t| c.tags.iter().any(|x| normalize_topic(x) == *t))
        };
        let limit = if query.show_all { usize::MAX } else { MAP_LIMIT };
        let mut view = Self { total: map.nodes.len(), ..Self::default() };
        let mut groups: Vec<usize> = vec![0; layout.groups.len()];
        for (i, node) in map.nodes.iter().enumerate() {
            if !keeps(node) {
                continue;
            }
            let Ok(at) = u32::try_from(i) else { break };
            view.matching += 1;
            let found = !needle.is_empty()
                && network.contacts.get(node.index).is_some_and(|c| c.name.to_lowercase().contains(&needle));
            if found {
                view.found_count += 1;
                view.found.get_or_insert(at);
            }
            if node.weight <= 0.0 {
                view.unweighted_count += 1;
            }
            if view.shown.len() < limit || (found && view.found == Some(at)) {
                view.shown.push(at);
            } else if node.weight <= 0.0
                && let Some(count) = groups.get_mut(node.group as usize)
            {
                *count += 1;
            }
        }
        view.limited = view.shown.len() < view.matching;
        view.unweighted = groups
            .into_iter()
            .enumerate()
            .filter(|(_, count)| *count > 0)
            .filter_map(|(g, count)| {
                let group = layout.groups.get(g)?;
                Some(UnweightedGroup { group: u32::try_from(g).ok()?, count, angle: group.mid_angle })
            })
            .collect();
        let mut drawn = vec![false; map.nodes.len()];
        for &i in &view.shown {
            if let Some(d) = drawn.get_mut(i as usize) {
                *d = true;
            }
        }
        let is_drawn = |i: u32| drawn.get(i as usize).copied().unwrap_or(false);
        view.links = map.links.iter().copied().filter(|&(a, b)| is_drawn(a) && is_drawn(b)).collect();
        view
    }
}
