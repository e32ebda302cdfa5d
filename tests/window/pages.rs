//! The profile and the wins & playbook pages, driven as a user drives them.

use crate::common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;

fn open_page(h: &mut egui_kittest::Harness<'static, rapport::app::App>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

#[test]
fn editing_the_profile_is_one_undoable_step() {
    let mut h = harness(Startup::Sample);
    open_page(&mut h, "You");
    let before = h.state().network().profile.clone();
    let name = h.get_by_role_and_label(Role::TextInput, "Name");
    name.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "Name").type_text("Robin Example");
    h.run();
    assert_eq!(h.state().network().profile.name, "Robin Example");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().profile, before);
}

#[test]
fn celebrating_a_win_and_reordering_the_playbook() {
    let mut h = harness(Startup::Sample);
    open_page(&mut h, "Wins & Playbook");
    let waiting = h.state().network().wins.iter().filter(|w| !w.celebrated).count();
    assert!(waiting > 0);
    // Uncelebrated wins come first: tick the first box.
    h.query_all_by_role_and_label(Role::CheckBox, "Celebrated").next().expect("a win").click();
    h.run();
    assert_eq!(h.state().network().wins.iter().filter(|w| !w.celebrated).count(), waiting - 1);

    let lessons = h.state().network().playbook.clone();
    h.query_all_by_role_and_label(Role::Button, "Down").next().expect("a lesson").scroll_to_me();
    h.run();
    h.query_all_by_role_and_label(Role::Button, "Down").next().expect("a lesson").click();
    h.run();
    let moved = &h.state().network().playbook;
    assert_eq!((&moved[0], &moved[1]), (&lessons[1], &lessons[0]));

    h.get_by_role_and_label(Role::Button, "Add lesson").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add lesson").click();
    h.run();
    assert_eq!(h.state().network().playbook.len(), lessons.len() + 1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().playbook, lessons);
}
