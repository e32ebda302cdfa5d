//! One date rule everywhere: a date field takes a typed YYYY-MM-DD (or a pick from
//! its calendar); a wrong date is said next to the field, the record keeps its date,
//! and a dialog's Save waits for a real date.

use crate::common::{settle, type_keys};
use crate::toasts::two_promises;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::app::App;
use rapport::model::find_by_id;
use rapport::state::{Modal, Page};

/// Replaces the text of the date field `label` with `text`, key by key (the one drawn
/// last: a dialog's, over the page).
fn type_date(h: &mut Harness<'static, App>, label: &str, text: &str) {
    h.get_all_by_role_and_label(Role::TextInput, label).last().expect("the date field").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    type_keys(h, text);
}

fn due(h: &Harness<'static, App>) -> Option<jiff::civil::Date> {
    find_by_id(&h.state().network().commitments, 1).and_then(|c| c.due)
}

#[test]
fn a_wrong_date_on_a_page_is_said_inline_and_the_record_keeps_its_date() {
    let mut h = two_promises();
    h.state_mut().show(Page::Contacts, Some(1));
    settle(&mut h);
    let was = due(&h);
    assert_eq!(was, Some(jiff::civil::date(2026, 11, 20)));
    type_date(&mut h, "Due date", "next week");
    h.get_by_label("Type a date as YYYY-MM-DD");
    assert_eq!(due(&h), was, "no silent fallback: the promise keeps its date");
    type_date(&mut h, "Due date", "2026-02-30");
    h.get_by_label("No such date: 2026-02-30");
    assert_eq!(due(&h), was);
    type_date(&mut h, "Due date", "2026-12-01");
    assert!(h.query_by_label("No such date: 2026-02-30").is_none(), "a real date: the note goes");
    assert_eq!(due(&h), Some(jiff::civil::date(2026, 12, 1)), "a typed date is taken");
}

#[test]
fn a_wrong_date_in_the_check_in_form_blocks_save_until_it_is_a_date() {
    let mut h = two_promises();
    h.state_mut().show(Page::Contacts, Some(1));
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::CheckIn(_))), "the check-in form is open");
    type_date(&mut h, "Date", "2026-02-30");
    h.get_by_label("No such date: 2026-02-30");
    h.get_by_role_and_label(Role::Button, "Save check-in").click();
    h.run();
    assert!(h.state().network().touches.is_empty(), "Save waits for a real date");
    assert!(matches!(h.state().modal(), Some(Modal::CheckIn(_))), "the form stays open");
    type_date(&mut h, "Date", "2026-11-20");
    h.get_by_role_and_label(Role::Button, "Save check-in").click();
    h.run();
    let touches = &h.state().network().touches;
    assert_eq!(touches.iter().map(|t| t.date).collect::<Vec<_>>(), [jiff::civil::date(2026, 11, 20)]);
}

#[test]
fn a_wrong_due_date_in_a_promise_draft_blocks_save() {
    let mut h = two_promises();
    h.state_mut().show(Page::Contacts, Some(2));
    settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Add promise").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add promise").click();
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Draft(_))), "the draft is open");
    h.get_by_label("Has a due date").click();
    h.run();
    type_date(&mut h, "Due date", "2026-13-01");
    h.get_by_label("No such date: 2026-13-01");
    h.get_by_role_and_label(Role::Button, "Save promise").click();
    h.run();
    assert_eq!(h.state().network().commitments.len(), 2, "nothing added while the date is wrong");
    type_date(&mut h, "Due date", "2026-12-24");
    h.get_by_role_and_label(Role::Button, "Save promise").click();
    h.run();
    let added = h.state().network().commitments.last().cloned().expect("added");
    assert_eq!((added.id, added.due), (3, Some(jiff::civil::date(2026, 12, 24))));
}
