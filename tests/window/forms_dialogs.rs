//! Dialogs and the keyboard: a dialog's first field takes what is typed at once, Enter
//! gives its default answer, Esc the safe one (Cancel, Close, Decide later) — never
//! Discard or Overwrite.

use crate::common::{harness, harness_with_recovery, press, settle, type_keys};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::{Next, Startup};
use rapport::state::{FilePurpose, Modal};

#[test]
fn save_as_takes_a_name_at_once_over_the_suggested_one_and_esc_cancels() {
    let mut h = harness(Startup::Sample);
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::S);
    settle(&mut h);
    let Some(Modal::PathPrompt(prompt)) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    assert!(prompt.path_text.ends_with("network.ron"), "{}", prompt.path_text);
    // The suggested name's stem is selected: typing replaces it, the folder and the
    // extension stay.
    type_keys(&mut h, "mine");
    let Some(Modal::PathPrompt(prompt)) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    assert_eq!(prompt.path_text, prompt.folder.join("mine.ron").display().to_string());
    h.get_by_label("Enter: save · Esc: cancel");
    press(&mut h, Key::Escape);
    assert!(h.state().modal().is_none());
    assert!(!prompt_file_exists(), "nothing written");
}

fn prompt_file_exists() -> bool {
    std::env::current_dir().is_ok_and(|d| d.join("mine.ron").exists())
}

#[test]
fn open_takes_a_path_at_once_and_enter_opens_it() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("typed.ron");
    std::fs::write(&path, rapport::app::SAMPLE).expect("write");
    let mut h = harness(Startup::Empty);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::O);
    settle(&mut h);
    type_keys(&mut h, &path.display().to_string());
    h.key_press(Key::Enter);
    settle(&mut h);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert_eq!(h.state().document().path.as_deref(), Some(path.as_path()));
}

#[test]
fn the_unsaved_prompt_cancels_on_esc_and_saves_on_enter() {
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    type_keys(&mut h, "Zed");
    // Ctrl+N with the name field still holding the keyboard.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.get_by_label("Enter: save · Esc: cancel");
    // Typing goes to the dialog, not to the field behind it.
    type_keys(&mut h, "x");
    assert!(h.state().network().contacts.iter().any(|c| c.name == "Zed"));
    press(&mut h, Key::Escape);
    assert!(h.state().modal().is_none(), "Esc is Cancel");
    assert!(h.state().document().is_dirty(), "nothing discarded");
    assert!(h.state().network().contacts.iter().any(|c| c.name == "Zed"));

    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    h.run();
    // The path dialog lists its folder in the background: wait for it, not for a
    // still window.
    h.key_press(Key::Enter);
    settle(&mut h);
    // Enter is Save: an untitled network asks where, then goes on to the new one.
    let Some(Modal::PathPrompt(prompt)) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    assert_eq!(prompt.purpose, FilePurpose::SaveAs { then: Some(Next::New) });
}

#[test]
fn the_import_preview_cancels_on_esc_and_imports_on_enter() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("people.vcf");
    std::fs::write(&path, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hedy Lamarr\r\nEND:VCARD\r\n").expect("write");
    let mut h = harness(Startup::Empty);
    let open_preview = |h: &mut egui_kittest::Harness<'static, rapport::app::App>| {
        h.key_press_modifiers(egui::Modifiers::COMMAND, Key::I);
        settle(h);
        type_keys(h, &path.display().to_string());
        h.key_press(Key::Enter);
        settle(h);
        assert!(matches!(h.state().modal(), Some(Modal::Import(_))), "{:?}", h.state().modal());
    };
    open_preview(&mut h);
    h.get_by_label("Enter: import · Esc: cancel");
    press(&mut h, Key::Escape);
    assert!(h.state().modal().is_none());
    assert!(h.state().network().contacts.is_empty(), "Esc imports nothing");
    open_preview(&mut h);
    press(&mut h, Key::Enter);
    assert!(h.state().modal().is_none());
    let names: Vec<&str> = h.state().network().contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Hedy Lamarr"]);
}

#[test]
fn the_recovery_offer_on_esc_decides_later_and_keeps_the_work() {
    let recovery = tempfile::tempdir().expect("temp dir");
    crate::common::crashed_session(recovery.path());
    let mut h = harness_with_recovery(Startup::Empty, Some(recovery.path()));
    assert!(matches!(h.state().modal(), Some(Modal::Recovery(_))));
    h.get_by_label("Esc: decide later");
    press(&mut h, Key::Escape);
    assert!(h.state().modal().is_none());
    assert!(h.state().network().contacts.is_empty(), "nothing restored");
    let store = rapport::store::RecoveryStore::new(recovery.path());
    assert_eq!(store.entries_newer_than_their_document().len(), 1, "still offered next time");
}

#[test]
fn the_changed_on_disk_prompt_on_esc_writes_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("mine.ron");
    std::fs::write(&path, rapport::app::SAMPLE).expect("write");
    let mut h = harness(Startup::File(path.clone()));
    let theirs = rapport::app::SAMPLE.replace("Noor Castellano", "Noor C.");
    std::fs::write(&path, &theirs).expect("write");
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    type_keys(&mut h, "Ours");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(matches!(h.state().modal(), Some(Modal::ChangedOnDisk { .. })), "{:?}", h.state().modal());
    // Neither Enter nor Esc overwrites their version.
    press(&mut h, Key::Enter);
    assert!(matches!(h.state().modal(), Some(Modal::ChangedOnDisk { .. })), "Enter has no default here");
    press(&mut h, Key::Escape);
    settle(&mut h);
    assert!(h.state().modal().is_none());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs, "nothing written");
    assert!(h.state().document().is_dirty(), "our change is still here");
}
