//! A file that could not be opened: once its error is closed the status bar still says
//! so, with what can be done — show the error, open the backup, open another file —
//! until another document is opened or created.

use crate::common::{harness, press, settle, type_keys};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;
use rapport::state::Modal;

type H = egui_kittest::Harness<'static, rapport::app::App>;

const BROKEN: &str = "(version: 1, contacts: [(id: 1, name: \"A\",,)])";

fn has_button(h: &H, label: &str) -> bool {
    h.query_by_role_and_label(Role::Button, label).is_some()
}

#[test]
fn a_broken_file_is_still_reported_once_its_error_is_closed() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("broken.ron");
    std::fs::write(&path, BROKEN).expect("write");
    let mut h = harness(Startup::File(path.clone()));
    assert!(matches!(h.state().modal(), Some(Modal::Error { .. })), "{:?}", h.state().modal());
    h.get_by_label("Enter or Esc: close");
    press(&mut h, Key::Escape);
    assert!(h.state().modal().is_none());
    h.get_by_label("Could not open broken.ron.");
    assert!(has_button(&h, "Show error"));
    assert!(has_button(&h, "Open another file…"));
    assert!(has_button(&h, "Dismiss"));
    assert!(!has_button(&h, "Open the backup"), "there is no backup of this file");

    h.get_by_role_and_label(Role::Button, "Show error").click();
    h.run();
    let Some(Modal::Error { message, .. }) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    assert!(message.contains("broken.ron:1:"), "{message}");
    // Enter closes it too; the report stays until dismissed.
    press(&mut h, Key::Enter);
    assert!(h.state().modal().is_none());
    h.get_by_label("Could not open broken.ron.");
    h.get_by_role_and_label(Role::Button, "Dismiss").click();
    h.run();
    assert!(h.query_by_label("Could not open broken.ron.").is_none());
    assert!(h.state().failed_open().is_none());
}

#[test]
fn open_the_backup_opens_a_copy_and_leaves_the_backup_as_it_is() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("net.ron");
    std::fs::write(&path, BROKEN).expect("write");
    let backup = rapport::store::backup_path(&path);
    std::fs::write(&backup, rapport::app::SAMPLE).expect("write the backup");
    let mut h = harness(Startup::File(path.clone()));
    h.get_by_role_and_label(Role::Button, "Close").click();
    h.run();
    h.get_by_label("Could not open net.ron.");
    h.get_by_role_and_label(Role::Button, "Open the backup").click();
    settle(&mut h);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    // A copy: untitled, so the backup never becomes the working file.
    assert_eq!(h.state().document().path, None);
    assert_eq!(h.state().network().contacts.len(), 41);
    assert!(h.state().window_title().contains("Copy of net.ron.bak"), "{}", h.state().window_title());
    let said = h.state().status_text().unwrap_or_default().to_owned();
    assert!(said.contains("Save As") && said.contains("net.ron.bak"), "{said}");
    assert!(h.query_by_label("Could not open net.ron.").is_none(), "a document is open now");
    assert!(!has_button(&h, "Show error"));
    // Saving asks where.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(matches!(h.state().modal(), Some(Modal::PathPrompt(_))), "{:?}", h.state().modal());
    press(&mut h, Key::Escape);
    assert_eq!(std::fs::read_to_string(&backup).expect("the backup"), rapport::app::SAMPLE);
    assert_eq!(std::fs::read_to_string(&path).expect("the broken file"), BROKEN);
}

#[test]
fn opening_another_file_from_the_status_bar_clears_the_report() {
    let folder = tempfile::tempdir().expect("temp dir");
    let broken = folder.path().join("broken.ron");
    std::fs::write(&broken, BROKEN).expect("write");
    let good = folder.path().join("good.ron");
    std::fs::write(&good, rapport::app::SAMPLE).expect("write");
    let mut h = harness(Startup::File(broken));
    press(&mut h, Key::Escape);
    h.get_by_role_and_label(Role::Button, "Open another file…").click();
    settle(&mut h);
    assert!(matches!(h.state().modal(), Some(Modal::PathPrompt(_))), "{:?}", h.state().modal());
    // Cancelling the dialog keeps the report.
    press(&mut h, Key::Escape);
    h.get_by_label("Could not open broken.ron.");
    h.get_by_role_and_label(Role::Button, "Open another file…").click();
    settle(&mut h);
    type_keys(&mut h, &good.display().to_string());
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(h.state().document().path.as_deref(), Some(good.as_path()));
    assert!(h.state().failed_open().is_none());
    assert!(h.query_by_label("Could not open broken.ron.").is_none());
}

#[test]
fn a_new_network_clears_the_report() {
    let folder = tempfile::tempdir().expect("temp dir");
    let broken = folder.path().join("broken.ron");
    std::fs::write(&broken, BROKEN).expect("write");
    let mut h = harness(Startup::File(broken));
    press(&mut h, Key::Escape);
    assert!(h.state().failed_open().is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.state().failed_open().is_none());
    assert!(!has_button(&h, "Show error"));
}

#[test]
fn a_missing_file_says_each_cause_once_in_the_window() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("missing.ron");
    let mut h = harness(Startup::File(path));
    let Some(Modal::Error { message, backup, .. }) = h.state().modal() else {
        panic!("{:?}", h.state().modal())
    };
    assert!(message.contains("missing.ron"), "{message}");
    assert_eq!(message.matches("(os error 2)").count(), 1, "the I/O error once, not twice: {message}");
    assert_eq!(message.matches("missing.ron").count(), 1, "the path once: {message}");
    assert!(backup.is_none());
    press(&mut h, Key::Escape);
    h.get_by_label("Could not open missing.ron.");
}
