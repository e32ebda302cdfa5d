//! Discard means discard: after an explicit *Discard* in the unsaved-changes prompt (on
//! quitting, New, Open and Open Recent), no recovery of that work is on disk, and none
//! is written while the window goes on to close or to the next document.

use std::path::Path;
use std::time::Duration;

use crate::common::{harness_with_recovery, settle};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::app::{App, Startup};
use rapport::state::Modal;

type H = Harness<'static, App>;

/// A window on a copy of the sample in `folder`, with one unsaved edit already kept
/// as a recovery file in `recovery`.
fn edited(folder: &Path, recovery: &Path) -> H {
    let file = folder.join("mine.ron");
    std::fs::write(&file, rapport::app::SAMPLE).expect("write the file");
    let mut h = harness_with_recovery(Startup::File(file), Some(recovery));
    h.state_mut().set_recovery_timing(Duration::ZERO, Duration::ZERO);
    settle(&mut h);
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Name").type_text("Thrown Away");
    h.run();
    h.state_mut().write_recovery_now();
    assert!(h.state().flush_recovery());
    assert_eq!(recoveries(recovery), 1, "the unsaved work was kept for recovery");
    h
}

fn recoveries(folder: &Path) -> usize {
    rapport::store::RecoveryStore::new(folder).list().len()
}

/// Answers the unsaved-changes prompt with Discard, then lets the window run on for a
/// while (the recovery writer would have written by then) and waits for its writes.
fn discard(h: &mut H) {
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })), "{:?}", h.state().modal());
    h.get_by_role_and_label(Role::Button, "Discard").click();
    for _ in 0..5 {
        // A dialog that opens next may still be settling: step on regardless.
        let _ = h.try_run();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(h.state().flush_recovery());
}

#[test]
fn discard_on_quit_leaves_no_recovery() {
    let (folder, recovery) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let mut h = edited(folder.path(), recovery.path());
    crate::common::request_close(&mut h);
    h.run();
    discard(&mut h);
    // The window is closing; eframe calls on_exit, which flushes.
    eframe::App::on_exit(h.state_mut());
    assert_eq!(recoveries(recovery.path()), 0, "nothing offered on the next start");
}

#[test]
fn discard_before_new_leaves_no_recovery() {
    let (folder, recovery) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let mut h = edited(folder.path(), recovery.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    discard(&mut h);
    assert!(h.state().network().contacts.is_empty(), "a new network");
    assert_eq!(recoveries(recovery.path()), 0);
}

#[test]
fn discard_before_open_leaves_no_recovery_while_the_dialog_is_open() {
    let (folder, recovery) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let mut h = edited(folder.path(), recovery.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    discard(&mut h);
    settle(&mut h);
    assert!(matches!(h.state().modal(), Some(Modal::PathPrompt(_))), "{:?}", h.state().modal());
    assert_eq!(recoveries(recovery.path()), 0, "the discarded work is not kept meanwhile");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(h.state().flush_recovery());
    assert_eq!(recoveries(recovery.path()), 0, "nor after cancelling the dialog");
}

#[test]
fn discard_before_open_recent_leaves_no_recovery() {
    let (folder, recovery) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let mut h = edited(folder.path(), recovery.path());
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Open Recent").click();
    h.run();
    let recent = h.state().prefs().recent.first().expect("the file is recent").display().to_string();
    h.get_by_role_and_label(Role::Button, &recent).click();
    h.run();
    discard(&mut h);
    assert!(!h.state().document().is_dirty(), "the file as it is on disk");
    assert!(h.state().network().contacts.iter().all(|c| c.name != "Thrown Away"));
    assert_eq!(recoveries(recovery.path()), 0);
}

#[test]
fn without_discard_a_crash_still_recovers() {
    let (folder, recovery) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let h = edited(folder.path(), recovery.path());
    drop(h);
    assert_eq!(recoveries(recovery.path()), 1, "work not discarded stays recoverable");
}
