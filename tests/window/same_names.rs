//! Two contacts with the same name are told apart wherever the window names them.

use crate::common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;
use rapport::model::{Contact, Network};
use rapport::state::Page;

/// A network with two Sam Lees (one with an organisation, one with only an email) and
/// a name of its own, opened from a file.
fn open_two_sams() -> (tempfile::TempDir, egui_kittest::Harness<'static, rapport::app::App>) {
    let created = jiff::civil::date(2025, 1, 10);
    let mut northwind = Contact::new(1, "Sam Lee", created);
    northwind.organization = "Northwind".to_owned();
    let mut emailed = Contact::new(2, "Sam Lee", created);
    emailed.emails = vec!["sam@example.org".to_owned()];
    let network = Network {
        contacts: vec![northwind, emailed, Contact::new(3, "Ada Example", created)],
        ..Network::default()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sams.ron");
    rapport::store::save(&path, &network).expect("save");
    let h = harness(Startup::File(path));
    assert_eq!(h.state().network().contacts.len(), 3, "the file opened");
    (dir, h)
}

#[test]
fn the_contact_list_tells_the_two_sams_apart() {
    let (_dir, mut h) = open_two_sams();
    h.get_by_label("Sam Lee · Northwind").click();
    h.run();
    assert_eq!(h.state().view().selected, Some(1));
    h.get_by_label("Sam Lee · sam@example.org").click();
    h.run();
    assert_eq!(h.state().view().selected, Some(2));
    // The contact's heading says which one it is; a name of its own is left alone.
    assert!(h.query_all_by_label("Sam Lee · sam@example.org").count() >= 2, "list row and heading");
    assert!(h.query_by_label("Ada Example").is_some());
    assert!(h.query_by_label("Sam Lee").is_none(), "no bare, ambiguous Sam Lee");
}

#[test]
fn the_introduction_picker_tells_the_two_sams_apart() {
    let (_dir, mut h) = open_two_sams();
    h.get_by_role_and_label(Role::Button, "Introductions").click();
    h.run();
    assert_eq!(h.state().view().page, Page::Introductions);
    h.get_by_role_and_label(Role::ComboBox, "Introduce").click();
    h.run();
    // The list on the left has the two as well: pick the one in the open picker.
    let options = h.query_all_by_label("Sam Lee · sam@example.org").count();
    assert!(options >= 2, "in the list and in the picker: {options}");
    h.query_all_by_label("Sam Lee · sam@example.org").last().expect("an option").click();
    h.run();
    assert_eq!(h.state().view().intro.new_a, Some(2), "the Sam Lee with the email");
    // The picker now shows whom it holds, told apart.
    let picker = h.get_by_role_and_label(Role::ComboBox, "Introduce");
    assert_eq!(picker.value().as_deref(), Some("Sam Lee · sam@example.org"));
}

#[test]
fn the_check_in_form_says_which_sam_it_is_for() {
    let (_dir, mut h) = open_two_sams();
    h.state_mut().open_check_in(1);
    h.run();
    assert!(h.query_by_label("Check-in with Sam Lee · Northwind").is_some());
}
