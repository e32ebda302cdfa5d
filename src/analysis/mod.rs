//! Pure functions over `&Network` and a date: balance, cadence, capacity. The app
//! computes a [`Snapshot`] once per document revision, never per frame.

mod balance;
pub mod days;

pub use balance::{BalanceRow, Band, ContactStats, balance_rows, capacity_by_month, contact_stats};

use std::collections::HashMap;

use jiff::civil::Date;

use crate::model::{Id, Network};

/// Everything the views need about a network on one date, computed in one pass.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub as_of: Option<Date>,
    /// One entry per contact, in the network's order.
    pub contacts: Vec<ContactStats>,
    index: HashMap<Id, usize>,
}

impl Snapshot {
    pub fn compute(network: &Network, as_of: Date) -> Self {
        let contacts = contact_stats(network, as_of);
        let index = contacts.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        Self { as_of: Some(as_of), contacts, index }
    }

    /// The stats of contact `id`.
    pub fn stats(&self, id: Id) -> Option<&ContactStats> {
        self.index.get(&id).and_then(|i| self.contacts.get(*i))
    }
}
