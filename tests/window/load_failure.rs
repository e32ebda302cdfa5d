//! A file that fails to open leaves a trace the user can act on: after its error is
//! closed, the status bar keeps it, with *Show error*, *Open the backup* (when there is
//! one) and *Open another file…*, until another document is opened or it is dismissed.

use crate::common::{harness, settle};
use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};
use rapport::app::Startup;
use rapport::state::Modal;

const BROKEN: &str = "(version: 1, contacts: [(id: 1, name: \"A\",,)])";

fn close_error(h: &mut egui_kittest::Harness<'static, rapport::app::App>) {
    assert!(matches!(h.state().modal(), Some(Modal::Error { .. })), "{:?}", h.state().modal());
    h.get_by_role_and_label(Role::Button, "Close").click();
    h.run();
    assert!(h.state().modal().is_none());
}

#[test]
fn the_status_bar_keeps_a_failed_open_with_its_backup() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("broken.ron");
    std::fs::write(&path, BROKEN).expect("write");
    let backup = rapport::store::backup_path(&path);
    let good = rapport::generate::generate(12, 30, 2);
    rapport::store::save(&backup, &good).expect("save the backup");
    let mut h = harness(Startup::File(path.clone()));
    close_error(&mut h);
    h.get(by().label_contains("Could not open broken.ron: "));
    // See the error again.
    h.get_by_role_and_label(Role::Button, "Show error").click();
    h.run();
    let Some(Modal::Error { message, .. }) = h.state().modal() else { panic!("the error again") };
    assert!(message.contains("broken.ron:1:"), "{message}");
    close_error(&mut h);
    // Open the backup: it becomes the document, and the trace goes.
    h.get_by_role_and_label(Role::Button, "Open the backup").click();
    settle(&mut h);
    assert_eq!(h.state().document().path.as_deref(), Some(backup.as_path()));
    assert_eq!(h.state().network().contacts.len(), 12);
    assert!(h.state().load_failure().is_none());
    assert!(h.query_by_role_and_label(Role::Button, "Show error").is_none());
    assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some(BROKEN), "the broken file is untouched");
}

#[test]
fn without_a_backup_the_bar_offers_another_file_and_can_be_dismissed() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("missing.ron");
    let mut h = harness(Startup::File(path.clone()));
    let Some(Modal::Error { message, .. }) = h.state().modal() else { panic!("an error") };
    // Each cause once: not "No such file or directory (os error 2): No such file ...".
    let message = message.clone();
    assert_eq!(message.matches("os error 2").count(), 1, "{message}");
    close_error(&mut h);
    h.get(by().label_contains("Could not open missing.ron: "));
    assert!(h.query_by_role_and_label(Role::Button, "Open the backup").is_none(), "no backup, no button");
    h.get_by_role_and_label(Role::Button, "Open another file…").click();
    settle(&mut h);
    assert!(matches!(h.state().modal(), Some(Modal::PathPrompt(_))), "asks which file");
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.state().load_failure().is_some(), "still there after the dialog is cancelled");
    h.get_by_role_and_label(Role::Button, "×").click();
    h.run();
    assert!(h.state().load_failure().is_none());
    assert!(h.query(by().label_contains("Could not open missing.ron")).is_none());
}

#[test]
fn a_new_document_clears_the_trace() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("broken.ron");
    std::fs::write(&path, BROKEN).expect("write");
    let mut h = harness(Startup::File(path));
    close_error(&mut h);
    assert!(h.state().load_failure().is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    settle(&mut h);
    assert!(h.state().load_failure().is_none(), "New starts afresh");
}
