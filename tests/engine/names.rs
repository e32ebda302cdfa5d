//! Contacts who share a name are told apart in every list (`NameLabels`, kept by
//! `Derived`); a name nobody else has stays as it is.

use jiff::civil::Date;
use rapport::analysis::{Derived, NameLabels, Wants};
use rapport::model::{Change, Contact, Edit, Network, Touched};

const AS_OF: Date = Date::constant(2026, 11, 25);

fn contact(id: u64, name: &str, organization: &str, emails: &[&str]) -> Contact {
    Contact {
        organization: organization.to_owned(),
        emails: emails.iter().map(|e| (*e).to_owned()).collect(),
        ..Contact::new(id, name, Date::constant(2025, 1, 1))
    }
}

fn network() -> Network {
    Network {
        contacts: vec![
            contact(1, "Sam Lee", "Northwind", &["sam@northwind.example"]),
            contact(2, "Sam Lee", "", &["sam.lee@example.org", "other@example.org"]),
            contact(3, "Sam Lee", "", &[]),
            contact(4, "Grace Hopper", "Navy", &[]),
            contact(5, "Alan Turing", "", &[]),
        ],
        ..Network::default()
    }
}

#[test]
fn shared_names_show_the_organisation_else_the_email_else_the_id() {
    let net = network();
    let labels = NameLabels::compute(&net);
    assert_eq!(labels.name(&net, 1), "Sam Lee · Northwind");
    assert_eq!(labels.name(&net, 2), "Sam Lee · sam.lee@example.org", "the first email");
    assert_eq!(labels.name(&net, 3), "Sam Lee · #3");
    assert_eq!(labels.name(&net, 4), "Grace Hopper", "a unique name stays as it is");
    assert_eq!(labels.name(&net, 5), "Alan Turing");
    assert_eq!(labels.get(4), None);
    assert_eq!(labels.len(), 3);
}

/// Applies `edit` as the app does, and brings `derived` along from `revision`.
fn apply(net: &mut Network, derived: &mut Derived, revision: &mut u64, edit: Edit) {
    let mut touched = Touched::default();
    edit.apply_tracked(net, &mut touched);
    assert!(touched.contact_names, "a change of what tells contacts apart is reported");
    *revision += 1;
    derived.refresh(net, *revision, AS_OF, &Wants::default(), Some((*revision - 1, &touched)));
}

#[test]
fn a_rename_or_a_new_contact_makes_and_unmakes_a_clash() {
    let mut net = network();
    let mut derived = Derived::default();
    let mut revision = 0;
    derived.refresh(&net, revision, AS_OF, &Wants::default(), None);
    assert_eq!(derived.name(&net, 5), "Alan Turing");

    // Grace renamed to Alan: both Alans are told apart, Grace by her organisation.
    let grace = net.contacts[3].clone();
    apply(
        &mut net,
        &mut derived,
        &mut revision,
        Edit::Contacts(Change::Put(Contact { name: "alan turing".into(), ..grace.clone() })),
    );
    assert_eq!(derived.name(&net, 4), "alan turing · Navy");
    assert_eq!(derived.name(&net, 5), "Alan Turing · #5");

    // Back to Grace: Alan's name is his own again.
    apply(&mut net, &mut derived, &mut revision, Edit::Contacts(Change::Put(grace)));
    assert_eq!(derived.name(&net, 4), "Grace Hopper");
    assert_eq!(derived.name(&net, 5), "Alan Turing");

    // A new Grace Hopper without details: the first is told by her organisation, the
    // new one by her id.
    let new = Contact::new(Network::next_id(&net.contacts), "Grace Hopper", AS_OF);
    apply(&mut net, &mut derived, &mut revision, Edit::Contacts(Change::Put(new)));
    assert_eq!(derived.name(&net, 4), "Grace Hopper · Navy");
    assert_eq!(derived.name(&net, 6), "Grace Hopper · #6");

    // Removing Sam Lee of Northwind leaves two Sam Lees, still told apart.
    apply(&mut net, &mut derived, &mut revision, Edit::Contacts(Change::Remove(vec![1])));
    assert_eq!(derived.name(&net, 2), "Sam Lee · sam.lee@example.org");
    assert_eq!(derived.name(&net, 3), "Sam Lee · #3");
    assert_eq!(derived.name_labels(), Some(&NameLabels::compute(&net)));
}

#[test]
fn edits_that_tell_no_one_apart_keep_the_labels() {
    let mut net = network();
    let mut touched = Touched::default();
    let sam = net.contacts[0].clone();
    Edit::Contacts(Change::Put(Contact { notes: "Met at the fair".into(), archived: true, ..sam }))
        .apply_tracked(&mut net, &mut touched);
    assert!(touched.contact_list && !touched.contact_names, "{touched:?}");
}

#[test]
fn the_report_tells_same_name_helpers_apart() {
    use rapport::model::{Direction, Exchange, Kind};
    let mut net = network();
    for (id, contact) in [(1, 1), (2, 2)] {
        net.exchanges.push(Exchange {
            id,
            contact,
            date: Date::constant(2025, 5, 1),
            direction: Direction::Received,
            kind: Kind::Feedback,
            hours: 1.0,
            value: 3,
            summary: String::new(),
            outcome: String::new(),
            thanked: false,
        });
    }
    let report =
        rapport::interop::Report::compute(&net, Date::constant(2025, 4, 1), Date::constant(2025, 7, 1));
    let mut names: Vec<&str> = report.top_helpers.iter().map(|h| h.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Sam Lee · Northwind", "Sam Lee · sam.lee@example.org"]);
}
