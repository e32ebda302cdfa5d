//! The derived data of the Network page and of "Why this balance?": the map's layout
//! (carried over edits that leave the contacts as they were), the map on the as-of
//! date, what the page's filters keep of it, and one contact's contributions.

use jiff::civil::Date;

use super::Derived;
use super::keyed::Keyed;
use crate::analysis::Snapshot;
use crate::analysis::contributions::{Contributions, contributions};
use crate::analysis::map::{MapLayout, MapQuery, MapView, NetworkMap};
use crate::model::{ExchangeStep, Id, Network, Touched};

/// The map's pieces, each with the inputs it was built from.
#[derive(Debug, Default)]
pub(super) struct MapCache {
    layout: Keyed<u64, MapLayout>,
    map: Keyed<(u64, Date), NetworkMap>,
    view: Keyed<(u64, Date, MapQuery), MapView>,
    why: Keyed<(u64, Id, Date), Contributions>,
}

impl MapCache {
    /// Builds what is asked for and not yet built for `revision` on `as_of`: the map
    /// and its view for `query`, the contributions of `why`.
    pub(super) fn refresh(
        &mut self,
        network: &Network,
        snapshot: &Snapshot,
        (revision, as_of): (u64, Date),
        query: Option<&MapQuery>,
        why: Option<Id>,
    ) {
        if let Some(query) = query {
            self.layout.refresh(revision, || MapLayout::compute(network));
            let layout = &self.layout.value;
            self.map.refresh((revision, as_of), || {
                NetworkMap::compute(network, &snapshot.contacts, layout, as_of)
            });
            let map = &self.map.value;
            self.view
                .refresh((revision, as_of, query.clone()), || MapView::compute(network, layout, map, query));
        }
        if let Some(contact) = why {
            self.why.refresh((revision, contact, as_of), || {
                contributions(network, contact, as_of, snapshot.exchanges_of(contact))
            });
        }
    }

    /// The layout reads only the contacts: carried over edits that left them as they were.
    /// `snapshot`: the numbers of revision `to`, when the snapshot followed the edits.
    pub(super) fn follow(
        &mut self,
        snapshot: Option<&Snapshot>,
        from: u64,
        (to, as_of): (u64, Date),
        touched: &Touched,
    ) {
        self.layout.carry(from, to, |_| !touched.contact_list && !touched.everything);
        // Exchanges, promises or wins changed: only the touched contacts' numbers moved
        // (check-ins and introductions change last touches and links: built again).
        if let Some(snapshot) = snapshot
            && self.map.key == Some((from, as_of))
            && !touched.everything
            && !touched.contact_list
            && !touched.touches
        {
            self.map.value.follow(&snapshot.contacts, &touched.contacts);
            self.map.key = Some((to, as_of));
        }
        // One contact's contributions change only with its own exchanges (or the
        // half-life); they name exchanges by position, which a removal moves.
        let shifted = touched
            .exchanges
            .iter()
            .any(|step| matches!(step, ExchangeStep::Removed(_) | ExchangeStep::Restored(_)));
        self.why.carry(from, to, |(_, contact, _)| {
            !touched.everything && !shifted && !touched.contacts.contains(contact)
        });
    }

    pub(super) fn is_behind(
        &self,
        (revision, as_of): (u64, Date),
        query: Option<&MapQuery>,
        why: Option<Id>,
    ) -> bool {
        query.is_some_and(|q| self.view.get(&(revision, as_of, q.clone())).is_none())
            || why.is_some_and(|c| self.why.get(&(revision, c, as_of)).is_none())
    }
}

impl Derived {
    /// The map's layout; `None` until the map was asked for.
    pub fn map_layout(&self) -> Option<&MapLayout> {
        self.map.layout.get(&self.revision)
    }

    /// The network map on the as-of date; `None` until asked for.
    pub fn network_map(&self) -> Option<&NetworkMap> {
        self.map.map.get(&(self.revision, self.as_of?))
    }

    /// What the Network page draws for `query`; `None` until refreshed for it.
    pub fn map_view(&self, query: &MapQuery) -> Option<&MapView> {
        self.map.view.get(&(self.revision, self.as_of?, query.clone()))
    }

    /// "Why this balance?" of `contact`; `None` until asked for.
    pub fn contributions(&self, contact: Id) -> Option<&Contributions> {
        self.map.why.get(&(self.revision, contact, self.as_of?))
    }
}
