//! One truth about unsaved work: the document's dirty state, the title's marker, the
//! status bar and the unsaved-changes prompt agree at every step.

use crate::common::{harness, settle};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::{App, Startup};
use rapport::state::Modal;

type H = egui_kittest::Harness<'static, App>;

/// Checks the four sources against `dirty`.
fn agree(h: &mut H, dirty: bool, step: &str) {
    assert_eq!(h.state().document().is_dirty(), dirty, "{step}: the document");
    assert_eq!(h.state().window_title().starts_with('●'), dirty, "{step}: the title's marker");
    assert_eq!(h.query_by_label("• unsaved changes").is_some(), dirty, "{step}: the status bar's mark");
    let saved_shown = h.state().status_text().is_some_and(|s| s.starts_with("Saved"));
    assert!(!(dirty && saved_shown), "{step}: \"Saved\" beside unsaved changes");
    // The prompt: closing the window asks only when there is something to lose.
    crate::common::request_close(h);
    h.run();
    let asked = matches!(h.state().modal(), Some(Modal::Unsaved { .. }));
    assert_eq!(asked, dirty, "{step}: the unsaved-changes prompt");
    if asked {
        h.get_by_role_and_label(Role::Button, "Cancel").click();
        h.run();
    }
}

#[test]
fn dirty_title_status_and_prompt_agree_through_edit_save_edit_undo() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("net.ron");
    std::fs::write(&path, rapport::app::SAMPLE).expect("write");
    let mut h = harness(Startup::File(path.clone()));
    settle(&mut h);
    agree(&mut h, false, "opened");

    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Name").type_text("Ada Example");
    h.run();
    agree(&mut h, true, "edited");

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut h);
    agree(&mut h, false, "saved");
    assert!(h.state().status_text().is_some_and(|s| s.starts_with("Saved")), "the save is reported");

    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    agree(&mut h, true, "edited after saving");
    assert!(h.state().status_text().is_none(), "no stale \"Saved\"");

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    agree(&mut h, false, "undone back to what was saved");
}
