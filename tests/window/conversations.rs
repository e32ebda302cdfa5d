//! A contact's conversations (every check-in, editable and deletable with undo) and
//! "busy until", as a user works them on the contact page.

use crate::common::{harness, type_keys};
use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};
use rapport::app::Startup;
use rapport::state::Page;

type H = egui_kittest::Harness<'static, rapport::app::App>;

/// Shows the sample contact with the most check-ins; returns its id.
fn talkative(h: &mut H) -> u64 {
    let network = h.state().network();
    let mut counts = std::collections::HashMap::new();
    for t in &network.touches {
        *counts.entry(t.contact).or_insert(0) += 1;
    }
    let (id, _) = counts.into_iter().max_by_key(|(id, n)| (*n, std::cmp::Reverse(*id))).expect("check-ins");
    h.state_mut().show(Page::Contacts, Some(id));
    crate::common::settle(h);
    id
}

#[test]
fn check_ins_are_listed_latest_first_edited_and_deleted_with_undo() {
    let mut h = harness(Startup::Sample);
    let id = talkative(&mut h);
    let mine: Vec<_> = h.state().network().touches.iter().filter(|t| t.contact == id).cloned().collect();
    h.get(by().label_contains(&format!("Conversations ({})", mine.len())));
    let latest = mine.iter().max_by_key(|t| (t.date, t.id)).expect("a latest").clone();

    // The first row is the latest; edit it: what they are working on now.
    // The page scrolls to the section (a row's own list would not move the page).
    h.get(by().label_contains("Conversations (")).scroll_to_me();
    h.run();
    h.get_all_by_role_and_label(Role::Button, "Edit…").next().expect("a row").click();
    h.run();
    assert_eq!(h.state().view().editing_touch, Some(latest.id));
    h.get_by_role_and_label(Role::TextInput, "Working on").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    type_keys(&mut h, "Launching a climate fund");
    h.run();
    let edited = rapport::model::find_by_id(&h.state().network().touches, latest.id).expect("the check-in");
    assert_eq!(edited.working_on, "Launching a climate fund");
    // An overdue row, the dashboard's agenda and the timeline read it from here.
    assert_eq!(h.state().derived().contact_touches(id).map(<[usize]>::len), Some(mine.len()));

    // Delete it: gone, and one undo brings it back as it was.
    let before = h.state().network().touches.clone();
    h.get_all_by_role_and_label(Role::Button, "Delete").next().expect("a row").click();
    h.run();
    assert_eq!(h.state().network().touches.len(), before.len() - 1);
    assert!(h.state().network().touches.iter().all(|t| t.id != latest.id));
    assert_eq!(h.state().view().editing_touch, None);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().touches, before);
}

#[test]
fn a_contact_busy_until_a_date_is_left_out_of_reminders_and_says_so() {
    let mut h = harness(Startup::Sample);
    let overdue = h.state().snapshot().check_ins[0].id;
    h.state_mut().show(Page::Contacts, Some(overdue));
    crate::common::settle(&mut h);
    h.get_by_label("Busy until").scroll_to_me();
    h.run();
    h.get_by_label("Busy until").click();
    crate::common::settle(&mut h);
    let contact = h.state().network().contact(overdue).expect("the contact").clone();
    let until = contact.busy_until.expect("busy until a date");
    assert!(until > crate::common::AS_OF);
    assert!(h.state().snapshot().check_ins.iter().all(|c| c.id != overdue), "no reminder while busy");
    h.get(by().label_contains("stretched until"));
    // Undo: in the reminders again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().snapshot().check_ins.iter().any(|c| c.id == overdue));
}

#[test]
fn an_important_date_added_on_the_contact_comes_up_in_the_agenda() {
    let mut h = harness(Startup::Sample);
    let id = h.state().network().contacts.iter().find(|c| c.dates.is_empty() && !c.archived).expect("one").id;
    h.state_mut().show(Page::Contacts, Some(id));
    crate::common::settle(&mut h);
    h.get(by().label_contains("Important dates (0)")).scroll_to_me();
    h.run();
    h.get(by().label_contains("Important dates (0)")).click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add date").click();
    h.run();
    let dates = |h: &H| h.state().network().contact(id).map(|c| c.dates.clone()).unwrap_or_default();
    assert_eq!(dates(&h).len(), 1);
    // 1 December: within a week of the as-of date (2026-11-25).
    h.get_by_role_and_label(Role::ComboBox, "Month").click();
    h.run();
    h.get_by_label("December").scroll_to_me();
    h.run();
    h.get_by_label("December").click();
    h.run();
    let date = dates(&h)[0].clone();
    assert_eq!((date.label.as_str(), date.month, date.day, date.year), ("Birthday", 12, 1, None));
    h.state_mut().show(Page::Dashboard, None);
    crate::common::settle(&mut h);
    let agenda = h.state().derived().agenda().map(<[_]>::to_vec).unwrap_or_default();
    assert!(
        agenda.iter().any(|i| i.contact == id
            && i.kind == rapport::analysis::AgendaKind::Date
            && i.date == jiff::civil::date(2026, 12, 1)),
        "{agenda:?}"
    );
}

#[test]
fn deleting_a_contact_says_what_goes_and_undo_brings_it_all_back() {
    let mut h = harness(Startup::Sample);
    let id = talkative(&mut h);
    let before = h.state().network().clone();
    let exchanges = before.exchanges.iter().filter(|e| e.contact == id).count();
    let name = before.contact(id).expect("the contact").name.clone();
    h.get_by_role_and_label(Role::Button, "Delete contact").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Delete contact").click();
    h.run();
    assert!(h.state().network().contact(id).is_none());
    let label = h.state().undo_label().unwrap_or_default();
    assert!(label.starts_with(&format!("Delete {name} and their {exchanges} exchanges")), "{label}");
    assert!(label.contains("check-ins"), "{label}");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network(), &before);
}
