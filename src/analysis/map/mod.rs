//! The network map (DESIGN "The numbers"): you at the centre, each contact that is not
//! archived at `r = 1 / (1 + ln(1 + given + received))` from you, at the angle of its
//! group ([`MapLayout`]); made introductions as links between two people. What the
//! page draws of it, after its filters, is a [`MapView`].

mod layout;
mod view;

pub use layout::{GroupKind, MapGroup, MapLayout};
pub use view::{MAP_LIMIT, MapQuery, MapView, UnweightedGroup};

use std::collections::HashMap;

use jiff::civil::Date;

use crate::analysis::{Band, ContactStats};
use crate::model::{Id, Network};

/// The distance from you of a contact with `given + received = weight`: 1 for no
/// weight, toward 0 for the strongest ties.
pub fn map_radius(weight: f64) -> f64 {
    1.0 / (1.0 + weight.max(0.0).ln_1p())
}

/// The size of a node of `mutual` in the window and in the SVG, as a factor of the
/// smallest node: 1 for nothing mutual, growing slowly.
pub fn node_scale(mutual: f64) -> f64 {
    1.0 + mutual.max(0.0).ln_1p()
}

/// The map's order of nodes: heaviest first, ties by contact id (ids are unique: a
/// total order).
fn node_order(a: &MapNode, b: &MapNode) -> std::cmp::Ordering {
    b.weight.total_cmp(&a.weight).then(a.contact.cmp(&b.contact))
}

/// A weight ordered as `f64::total_cmp` orders it.
#[derive(Clone, Copy, PartialEq)]
struct OrdWeight(f64);

impl Eq for OrdWeight {}

impl PartialOrd for OrdWeight {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrdWeight {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// One contact on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapNode {
    pub contact: Id,
    /// Its position in `network.contacts`.
    pub index: usize,
    /// Radians, 0 = up, growing clockwise on screen.
    pub angle: f64,
    /// [`map_radius`] of `weight`.
    pub radius: f64,
    /// `given + received`.
    pub weight: f64,
    pub mutual: f64,
    pub band: Band,
    pub share: Option<f64>,
    pub overdue_days: i64,
    pub last_touch: Date,
    /// Index into the layout's groups.
    pub group: u32,
    /// Where it is drawn in a unit disc, y down (screen): `radius·sin`, `−radius·cos`.
    pub x: f32,
    pub y: f32,
}

/// Every contact on the map on one date, the strongest first, and the introductions
/// made between them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NetworkMap {
    pub as_of: Option<Date>,
    /// Strongest (`given + received`) first; ties by id.
    pub nodes: Vec<MapNode>,
    /// How many of the nodes have some weight (they come first).
    pub weighted: usize,
    /// Made introductions (dated on or before the as-of date) between two contacts on
    /// the map, as pairs of indices into `nodes`, each pair once, in order.
    pub links: Vec<(u32, u32)>,
    /// How many nodes are in each band.
    pub bands: std::collections::BTreeMap<Band, usize>,
}

impl NetworkMap {
    /// The map of `network` on `as_of`, from the contacts' numbers on that date
    /// (`stats`, in network order) and the layout.
    pub fn compute(network: &Network, stats: &[ContactStats], layout: &MapLayout, as_of: Date) -> Self {
        let mut nodes: Vec<MapNode> = network
            .contacts
            .iter()
            .enumerate()
            .filter_map(|(index, c)| {
                let (angle, group) = layout.places.get(index).copied().flatten()?;
                let s = stats.get(index).filter(|s| s.id == c.id)?;
                let weight = s.given + s.received;
                let radius = map_radius(weight);
                Some(MapNode {
                    contact: c.id,
                    index,
                    angle,
                    radius,
                    weight,
                    mutual: s.mutual,
                    band: s.band,
                    share: s.share,
                    overdue_days: s.overdue_days,
                    last_touch: s.last_touch,
                    group,
                    x: (radius * angle.sin()) as f32,
                    y: (-radius * angle.cos()) as f32,
                })
            })
            .collect();
        // Ids are unique: a total order, so the unstable sort gives the one result.
        nodes.sort_unstable_by(node_order);
        let weighted = nodes.iter().take_while(|n| n.weight > 0.0).count();
        let at: HashMap<Id, u32> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.contact, u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let mut links: Vec<(u32, u32)> = network
            .introductions
            .iter()
            .filter(|i| i.made.is_some_and(|made| made <= as_of))
            .filter_map(|i| {
                let (a, b) = (*at.get(&i.a)?, *at.get(&i.b)?);
                (a != b).then(|| (a.min(b), a.max(b)))
            })
            .collect();
        links.sort_unstable();
        links.dedup();
        let mut bands = std::collections::BTreeMap::new();
        for n in &nodes {
            *bands.entry(n.band).or_insert(0) += 1;
        }
        Self { as_of: Some(as_of), nodes, weighted, links, bands }
    }

    /// Follows edits that changed only the numbers of the contacts `touched` (their
    /// exchanges, not who they are nor the introductions): those nodes take their new
    /// numbers from `stats` and the order is sorted again, instead of the whole map
    /// being built from the contacts.
    pub fn follow(&mut self, stats: &[ContactStats], touched: &std::collections::BTreeSet<Id>) {
        let mut moved = Vec::new();
        for (at, node) in self.nodes.iter_mut().enumerate().filter(|(_, n)| touched.contains(&n.contact)) {
            let Some(s) = stats.get(node.index).filter(|s| s.id == node.contact) else { continue };
            moved.push(at);
            node.weight = s.given + s.received;
            node.radius = map_radius(node.weight);
            node.mutual = s.mutual;
            node.band = s.band;
            node.share = s.share;
            node.overdue_days = s.overdue_days;
            node.last_touch = s.last_touch;
            node.x = (node.radius * node.angle.sin()) as f32;
            node.y = (-node.radius * node.angle.cos()) as f32;
        }
        // Most edits leave every node where the order has it (a few numbers moved
        // within their neighbours'): then nothing moves and no link changes.
        let in_order = |a: &MapNode, b: &MapNode| node_order(a, b) == std::cmp::Ordering::Less;
        let nodes = &self.nodes;
        let stays = |&at: &usize| {
            let node = &nodes[at];
            let after_previous =
                at.checked_sub(1).and_then(|p| nodes.get(p)).is_none_or(|p| in_order(p, node));
            let before_next = nodes.get(at + 1).is_none_or(|n| in_order(node, n));
            after_previous && before_next
        };
        if moved.iter().all(stays) {
            self.weighted = self.nodes.iter().take_while(|n| n.weight > 0.0).count();
            self.count_bands();
            return;
        }
        let mut order: Vec<u32> = (0..u32::try_from(self.nodes.len()).unwrap_or(u32::MAX)).collect();
        let key = |i: &u32| {
            self.nodes.get(*i as usize).map(|n| (std::cmp::Reverse(OrdWeight(n.weight)), n.contact))
        };
        order.sort_by_cached_key(key);
        let mut moved_to = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = moved_to.get_mut(old as usize) {
                *slot = u32::try_from(new).unwrap_or(u32::MAX);
            }
        }
        let mut old = std::mem::take(&mut self.nodes).into_iter().map(Some).collect::<Vec<_>>();
        self.nodes = order.iter().filter_map(|&i| old.get_mut(i as usize).and_then(Option::take)).collect();
        let to = |i: u32| moved_to.get(i as usize).copied().unwrap_or(i);
        for link in &mut self.links {
            let (a, b) = (to(link.0), to(link.1));
            *link = (a.min(b), a.max(b));
        }
        self.links.sort_unstable();
        self.weighted = self.nodes.iter().take_while(|n| n.weight > 0.0).count();
        self.count_bands();
    }

    fn count_bands(&mut self) {
        self.bands.clear();
        for n in &self.nodes {
            *self.bands.entry(n.band).or_insert(0) += 1;
        }
    }

    /// The layout and map of `network` on `as_of`, from scratch (the command line, an
    /// export of another date).
    pub fn on(network: &Network, as_of: Date) -> (MapLayout, Self) {
        let layout = MapLayout::compute(network);
        let stats = crate::analysis::contact_stats(network, as_of);
        let map = Self::compute(network, &stats, &layout, as_of);
        (layout, map)
    }

    /// How many nodes are in `band`.
    pub fn band_count(&self, band: Band) -> usize {
        self.bands.get(&band).copied().unwrap_or(0)
    }

    /// The node of contact `id`, if it is on the map.
    pub fn node_of(&self, id: Id) -> Option<&MapNode> {
        self.nodes.iter().find(|n| n.contact == id)
    }
}
