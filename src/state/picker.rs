//! A searchable contact picker (the introduction's two people): what was typed, and
//! the best matching active contacts, kept for the (network revision, query) they were
//! found for, so a picker over 10k contacts costs one search per key typed.

use crate::analysis::find::{FIND_LIMIT, find_contacts};
use crate::model::{Id, Network};

#[derive(Debug, Default)]
pub struct PickerSearch {
    pub query: String,
    found: Vec<Id>,
    built_for: Option<(u64, String)>,
}

impl PickerSearch {
    /// The best active contacts for the query (at most [`FIND_LIMIT`]), as last
    /// refreshed; empty while nothing is typed.
    pub fn found(&self) -> &[Id] {
        &self.found
    }

    /// Whether something is typed: the picker lists [`Self::found`], not everyone.
    pub fn is_searching(&self) -> bool {
        !self.query.trim().is_empty()
    }

    pub fn is_behind(&self, revision: u64) -> bool {
        self.is_searching()
            && self.built_for.as_ref().is_none_or(|(built, query)| *built != revision || *query != self.query)
    }

    pub fn refresh(&mut self, network: &Network, revision: u64) {
        if !self.is_behind(revision) {
            return;
        }
        self.found =
            find_contacts(network, &self.query, FIND_LIMIT, false).into_iter().map(|(id, _)| id).collect();
        self.built_for = Some((revision, self.query.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Contact;

    #[test]
    fn the_picker_finds_active_contacts_and_keeps_them_until_the_query_changes() {
        let day = jiff::civil::date(2026, 1, 1);
        let mut network = Network::default();
        for (id, name) in [(1, "Grace Hopper"), (2, "Grace Archived")] {
            network.contacts.push(Contact::new(id, name, day));
        }
        network.contacts[1].archived = true;
        let mut picker = PickerSearch::default();
        assert!(!picker.is_behind(1), "nothing typed: nothing to find");
        picker.query = "grc".into();
        assert!(picker.is_behind(1));
        picker.refresh(&network, 1);
        assert_eq!(picker.found(), [1]);
        assert!(!picker.is_behind(1) && picker.is_behind(2));
    }
}
