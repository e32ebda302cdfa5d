//! Giving well in the window: an introduction from a matched need to made, and a
//! check-in logged from the overdue list.

use crate::common::{AS_OF, harness, type_keys};
use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};
use rapport::app::Startup;
use rapport::model::{Channel, Direction, Kind, Stage};
use rapport::state::{Modal, Page};

fn click_nth(h: &mut egui_kittest::Harness<'static, rapport::app::App>, label: &str, n: usize) {
    h.query_all_by_role_and_label(Role::Button, label).nth(n).expect(label).scroll_to_me();
    h.run();
    h.query_all_by_role_and_label(Role::Button, label).nth(n).expect(label).click();
    h.run();
}

#[test]
fn an_introduction_from_a_matched_need_to_made() {
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Needs & Offers").click();
    h.run();
    let intros = h.state().network().introductions.len();
    let exchanges = h.state().network().exchanges.len();
    h.query_all(by().role(Role::Button).label_contains("Introduce to "))
        .next()
        .expect("a suggestion")
        .click();
    h.run();
    assert_eq!(h.state().view().page, Page::Introductions);
    assert_eq!(h.state().network().introductions.len(), intros + 1);
    let intro = h.state().network().introductions.last().cloned().expect("started");
    assert_eq!(intro.stage(), Stage::Draft);
    assert!(!intro.why.is_empty(), "the need is the context");

    // Making it before both agree is refused, with the reason.
    click_nth(&mut h, "Make introduction", 0);
    h.get(by().label_contains("to agree. Introducing people"));
    assert!(h.state().view().intro.refusal.as_deref().is_some_and(|r| r.starts_with("Waiting for")));
    assert_eq!(h.state().network().exchanges.len(), exchanges);

    for (label, side) in [("Asked", 0), ("Asked", 1), ("Agreed", 0), ("Agreed", 1)] {
        click_nth(&mut h, label, side);
    }
    let ready = h.state().network().introductions.last().cloned().expect("intro");
    assert_eq!(ready.stage(), Stage::Ready, "{ready:?}");
    click_nth(&mut h, "Make introduction", 0);
    let made = h.state().network().introductions.last().cloned().expect("intro");
    assert_eq!(made.made, Some(AS_OF));
    let new: Vec<_> =
        h.state().network().exchanges[exchanges..].iter().map(|e| (e.contact, e.direction, e.kind)).collect();
    assert_eq!(
        new,
        vec![(made.a, Direction::Gave, Kind::Introduction), (made.b, Direction::Gave, Kind::Introduction)]
    );

    // One undo takes back the introduction and both exchanges.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().exchanges.len(), exchanges);
    assert_eq!(h.state().network().introductions.last().and_then(|i| i.made), None);
}

#[test]
fn a_check_in_with_notes_from_the_overdue_list() {
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Dashboard").click();
    h.run();
    let first = h.state().snapshot().check_ins[0].id;
    let touches = h.state().network().touches.len();
    click_nth(&mut h, "Details…", 0);
    assert!(matches!(h.state().modal(), Some(Modal::CheckIn(_))));
    h.get_by_role_and_label(Role::TextInput, "Working on").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Working on").type_text("A new clinic");
    h.run();
    h.get_by_role_and_label(Role::Button, "Save check-in").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert_eq!(h.state().network().touches.len(), touches + 1);
    let touch = h.state().network().touches.last().expect("logged");
    assert_eq!(
        (touch.contact, touch.date, touch.channel, touch.working_on.as_str(), touch.notes.as_str()),
        (first, AS_OF, Channel::Call, "A new clinic", "")
    );
    assert!(h.state().snapshot().check_ins.iter().all(|c| c.id != first));
}

#[test]
fn ctrl_k_opens_the_check_in_form_for_the_selected_contact() {
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Dashboard").click();
    h.run();
    click_nth(&mut h, "Details…", 0);
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(h.state().modal().is_none());
    let first = h.state().snapshot().check_ins[0].id;
    h.get_all_by_role(Role::Link).next().expect("a contact link").click();
    h.run();
    assert_eq!(h.state().view().selected, Some(first));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.run();
    let Some(Modal::CheckIn(form)) = h.state().modal() else { panic!("no form: {:?}", h.state().modal()) };
    assert_eq!(form.contact, first);
}

#[test]
fn typing_a_tag_suggests_existing_ones() {
    let mut h = harness(Startup::Empty);
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Name").type_text("First");
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Tags").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Tags").type_text("former-colleague, mentor");
    h.run();
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Tags").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Tags").type_text("COLL");
    h.run();
    h.get_by_label("former-colleague").click();
    h.run();
    let second = h.state().network().contacts.last().expect("second contact");
    assert_eq!(second.tags, vec!["former-colleague".to_owned()]);
}

#[test]
fn the_check_in_form_takes_typing_at_once_and_enter_moves_on_then_saves() {
    let mut h = harness(Startup::Sample);
    let contact = h.state().network().contacts[0].id;
    h.state_mut().show(Page::Contacts, Some(contact));
    h.run();
    let touches = h.state().network().touches.len();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::CheckIn(_))));
    // No click into a field: what is typed goes to "Working on".
    type_keys(&mut h, "Launching a climate fund");
    h.key_press(egui::Key::Enter);
    h.run();
    type_keys(&mut h, "Hiring");
    h.key_press(egui::Key::Enter);
    h.run();
    type_keys(&mut h, "Time");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().modal().is_none(), "Enter on the last question saves: {:?}", h.state().modal());
    let network = h.state().network();
    assert_eq!(network.touches.len(), touches + 1);
    let touch = network.touches.last().expect("the check-in");
    assert_eq!(touch.contact, contact);
    assert_eq!(
        (touch.working_on.as_str(), touch.priorities.as_str(), touch.constraints.as_str()),
        ("Launching a climate fund", "Hiring", "Time")
    );
}

#[test]
fn esc_on_a_check_in_with_typed_text_asks_first() {
    let mut h = harness(Startup::Sample);
    let contact = h.state().network().contacts[0].id;
    h.state_mut().show(Page::Contacts, Some(contact));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.run();
    type_keys(&mut h, "Moving house");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        matches!(h.state().modal(), Some(Modal::CheckIn(_))),
        "what was typed is not thrown away at once"
    );
    h.get_by_role_and_label(Role::Button, "Keep editing").click();
    h.run();
    let Some(Modal::CheckIn(form)) = h.state().modal() else { panic!("the form stays") };
    assert_eq!(form.working_on, "Moving house");
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_role_and_label(Role::Button, "Discard").click();
    h.run();
    assert!(h.state().modal().is_none());
}
