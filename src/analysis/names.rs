//! Contacts who share a name, told apart: "Sam Lee · Northwind", "Sam Lee ·
//! sam@example.org", or "Sam Lee · #12" when neither the organisation nor the email
//! tells them apart. A name nobody else has stays exactly as it is.

use std::collections::{HashMap, HashSet};

use crate::model::{Contact, Id, Network};

/// The label of every contact whose name another contact shares (ignoring case and
/// spacing); the others are named by their name alone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NameLabels {
    labels: HashMap<Id, String>,
}

/// What two names are compared by: case and runs of spaces do not tell them apart.
fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn shown_name(contact: &Contact) -> &str {
    if contact.name.trim().is_empty() { "(no name)" } else { &contact.name }
}

fn first_email(contact: &Contact) -> &str {
    contact.emails.iter().map(|e| e.trim()).find(|e| !e.is_empty()).unwrap_or("")
}

impl NameLabels {
    /// The labels of `network`'s contacts (archived ones included: they share names too).
    pub fn compute(network: &Network) -> Self {
        let mut groups: HashMap<String, Vec<&Contact>> = HashMap::new();
        for contact in &network.contacts {
            groups.entry(name_key(shown_name(contact))).or_default().push(contact);
        }
        let mut labels = HashMap::new();
        for group in groups.values().filter(|g| g.len() > 1) {
            label_group(group, &groups, &mut labels);
        }
        Self { labels }
    }

    /// The label of contact `id` when its name is shared; `None` when it is not.
    pub fn get(&self, id: Id) -> Option<&str> {
        self.labels.get(&id).map(String::as_str)
    }

    /// How every list names contact `id`: its label when its name is shared, else its
    /// name (`Network::display_name`).
    pub fn name<'a>(&'a self, network: &'a Network, id: Id) -> &'a str {
        self.get(id).unwrap_or_else(|| network.display_name(id))
    }

    /// How many contacts have a label (share their name).
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// Labels the contacts of one shared name: the organisation when no one else of the
/// name has it, else the first email when no one else has it, else the id (after
/// whichever of the two there is).
fn label_group(group: &[&Contact], names: &HashMap<String, Vec<&Contact>>, labels: &mut HashMap<Id, String>) {
    let count = |value: &dyn Fn(&Contact) -> String| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for c in group {
            *counts.entry(value(c)).or_default() += 1;
        }
        counts
    };
    let org = |c: &Contact| c.organization.trim().to_lowercase();
    let email = |c: &Contact| first_email(c).to_lowercase();
    let (orgs, emails) = (count(&org), count(&email));
    let unique =
        |counts: &HashMap<String, usize>, key: String| !key.is_empty() && counts.get(&key) == Some(&1);
    let mut made: Vec<(Id, String)> = group
        .iter()
        .map(|c| {
            let name = shown_name(c);
            let organization = c.organization.trim();
            let label = if unique(&orgs, org(c)) {
                format!("{name} · {organization}")
            } else if unique(&emails, email(c)) {
                format!("{name} · {}", first_email(c))
            } else {
                with_id(name, [organization, first_email(c)].into_iter().find(|s| !s.is_empty()), c.id)
            };
            (c.id, label)
        })
        .collect();
    // An organisation that reads like another's email, or a label that is someone's
    // name: the id settles it. Labels that end in their own id are all distinct.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (_, label) in &made {
        *seen.entry(name_key(label)).or_default() += 1;
    }
    let clashes: HashSet<Id> = made
        .iter()
        .filter(|(_, label)| seen.get(&name_key(label)) != Some(&1) || names.contains_key(&name_key(label)))
        .map(|(id, _)| *id)
        .collect();
    for (id, label) in &mut made {
        if clashes.contains(id) && !label.ends_with(&format!("#{id}")) {
            *label = format!("{label} · #{id}");
        }
    }
    labels.extend(made);
}

fn with_id(name: &str, detail: Option<&str>, id: Id) -> String {
    match detail {
        Some(detail) => format!("{name} · {detail} · #{id}"),
        None => format!("{name} · #{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: Id, name: &str, organization: &str, emails: &[&str]) -> Contact {
        Contact {
            organization: organization.to_owned(),
            emails: emails.iter().map(|e| (*e).to_owned()).collect(),
            ..Contact::new(id, name, jiff::civil::date(2025, 1, 1))
        }
    }

    fn labels(contacts: Vec<Contact>) -> (Network, NameLabels) {
        let network = Network { contacts, ..Network::default() };
        let labels = NameLabels::compute(&network);
        (network, labels)
    }

    #[test]
    fn a_shared_name_takes_the_organisation_then_the_email_then_the_id() {
        let (net, l) = labels(vec![
            contact(1, "Sam Lee", "Northwind", &[]),
            contact(2, "sam  lee", "", &["sam@example.org"]),
            contact(3, "Sam Lee", "", &[]),
            contact(4, "Ada", "Northwind", &[]),
        ]);
        assert_eq!(l.name(&net, 1), "Sam Lee · Northwind");
        assert_eq!(l.name(&net, 2), "sam  lee · sam@example.org");
        assert_eq!(l.name(&net, 3), "Sam Lee · #3");
        assert_eq!(l.name(&net, 4), "Ada");
        assert_eq!(l.len(), 3);
    }

    #[test]
    fn the_same_organisation_falls_back_to_the_email_or_the_id() {
        let (net, l) = labels(vec![
            contact(1, "Sam Lee", "Northwind", &["a@x.org"]),
            contact(2, "Sam Lee", "northwind ", &["b@x.org"]),
            contact(3, "Sam Lee", "Northwind", &[]),
        ]);
        assert_eq!(l.name(&net, 1), "Sam Lee · a@x.org");
        assert_eq!(l.name(&net, 2), "Sam Lee · b@x.org");
        assert_eq!(l.name(&net, 3), "Sam Lee · Northwind · #3");
    }

    #[test]
    fn labels_never_clash_even_with_odd_details() {
        let (net, l) = labels(vec![
            contact(1, "Sam", "x@y.org", &[]),
            contact(2, "Sam", "", &["x@y.org"]),
            contact(3, "Sam · x@y.org", "", &[]),
            contact(4, "", "", &[]),
            contact(5, "  ", "", &[]),
        ]);
        let all: HashSet<&str> = (1..=5).map(|id| l.name(&net, id)).collect();
        assert_eq!(all.len(), 5, "{all:?}");
        assert_eq!(l.name(&net, 4), "(no name) · #4");
    }
}
