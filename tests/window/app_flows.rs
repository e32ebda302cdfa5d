//! The window driven as a user drives it (egui_kittest, headless).

use crate::common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};
use rapport::app::Startup;
use rapport::state::Modal;

/// Types into the contact list's search box, as a user would.
fn search(h: &mut egui_kittest::Harness<'static, rapport::app::App>, text: &str) {
    h.get_by_role_and_label(Role::TextInput, "Search contacts").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Search contacts").type_text(text);
    h.run();
}

#[test]
fn add_a_contact_and_type_its_name_then_undo_and_redo() {
    let mut h = harness(Startup::Empty);
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    assert_eq!(h.state().network().contacts.len(), 1);

    h.get_by_role_and_label(Role::TextInput, "Name").type_text("Ada Lovelace");
    h.run();
    assert_eq!(h.state().network().contacts[0].name, "Ada Lovelace");
    assert!(h.state().window_title().starts_with("● Untitled"), "{}", h.state().window_title());

    // Typing is one undo step; the contact itself is another.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().contacts[0].name, "");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().contacts[0].name, "Ada Lovelace");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().network().contacts.is_empty());
    // Back where it started: nothing is unsaved any more.
    assert!(!h.state().document().is_dirty(), "undone to the start, the document is clean");
    assert!(!h.state().window_title().starts_with('●'), "{}", h.state().window_title());
    // Ctrl+Y redoes too.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(h.state().network().contacts.len(), 1);
    assert!(h.state().document().is_dirty());
}

#[test]
fn undoing_back_to_what_was_saved_is_clean_and_redo_is_not() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("saved.ron");
    let mut h = harness(Startup::Empty);
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Name").type_text("Ada");
    h.run();
    assert!(h.state_mut().save_to(&path), "the save started");
    crate::common::settle(&mut h);
    assert!(!h.state().document().is_dirty());

    // Typing after the save, then undoing it, comes back to the saved state.
    h.get_by_role_and_label(Role::TextInput, "Name").type_text(" Lovelace");
    h.run();
    assert!(h.state().document().is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().contacts[0].name, "Ada");
    assert!(!h.state().document().is_dirty(), "back to what was saved");
    // One more undo goes before the save: unsaved again; redo comes back to it.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().document().is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert!(!h.state().document().is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert!(h.state().document().is_dirty(), "redoing past the saved state");
    assert_eq!(h.state().network().contacts[0].name, "Ada Lovelace");
}

#[test]
fn log_an_exchange_from_the_contact_view_and_undo_it() {
    let mut h = harness(Startup::Sample);
    let before = h.state().network().exchanges.len();
    search(&mut h, "priya");
    h.get_by_label("Priya Raman").click();
    h.run();
    assert!(h.state().view().selected.is_some());
    h.get_by_role_and_label(Role::Button, "Log exchange").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Log exchange").click();
    h.run();
    assert_eq!(h.state().network().exchanges.len(), before, "a draft, not yet added");
    h.get_by_role_and_label(Role::TextInput, "Summary").type_text("Reviewed the hiring plan");
    h.run();
    h.get_by_role_and_label(Role::Button, "Save exchange").click();
    h.run();
    let logged = h.state().network().exchanges.last().cloned().expect("an exchange");
    assert_eq!(logged.summary, "Reviewed the hiring plan");
    assert_eq!(Some(logged.contact), h.state().view().selected);

    h.get_by_role_and_label(Role::Button, "Edit").click();
    h.run();
    h.get(by().role(Role::Button).label_contains("Undo Log exchange")).click();
    h.run();
    assert_eq!(h.state().network().exchanges.len(), before);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(h.state().network().exchanges.len(), before + 1);
}

#[test]
fn save_to_a_path_then_open_it_again() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("mine.ron");
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Name").type_text("Zed Example");
    h.run();

    // Untitled: Save asks where (Rapport's own dialog, as on a desktop without a portal).
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    crate::common::settle(&mut h);
    assert!(matches!(h.state().modal(), Some(Modal::PathPrompt(_))));
    let field = h.get_by_role_and_label(Role::TextInput, "File path");
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "File path").type_text(&path.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Save").click();
    crate::common::settle(&mut h);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert!(path.is_file());
    assert!(!h.state().document().is_dirty());
    assert_eq!(h.state().window_title(), "mine.ron — Rapport");
    let saved = h.state().network().clone();

    let mut h = harness(Startup::Empty);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    crate::common::settle(&mut h);
    let field = h.get_by_role_and_label(Role::TextInput, "File path");
    field.focus();
    field.type_text(&path.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Open").click();
    crate::common::settle(&mut h);
    assert_eq!(h.state().network(), &saved);
    assert_eq!(h.state().document().path.as_deref(), Some(path.as_path()));
    assert!(h.state().network().contacts.iter().any(|c| c.name == "Zed Example"));
}

#[test]
fn unsaved_changes_prompt_on_new_cancel_keeps_discard_drops() {
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    let contacts = h.state().network().contacts.len();

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert_eq!(h.state().network().contacts.len(), contacts);

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_role_and_label(Role::Button, "Discard").click();
    h.run();
    assert!(h.state().network().contacts.is_empty());
    assert!(!h.state().document().is_dirty());
}

#[test]
fn a_broken_file_shows_its_error_and_opens_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("broken.ron");
    std::fs::write(&path, "(version: 1, contacts: [(id: 1, name: \"A\",,)])").expect("write");
    let h = harness(Startup::File(path.clone()));
    let Some(Modal::Error { message, .. }) = h.state().modal() else {
        panic!("expected an error, got {:?}", h.state().modal());
    };
    assert!(message.contains("broken.ron:1:"), "{message}");
    assert!(h.state().document().path.is_none(), "a broken file is never the document");
    // In the dialog only: the status bar says it once the dialog is closed.
    assert_eq!(h.query_all_by_role_and_label(Role::Button, "Open another file…").count(), 1);
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("(version: 1, contacts: [(id: 1, name: \"A\",,)])")
    );
}

/// A file as the window system hands it over on drop.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_network_file_on_the_window_opens_it() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("dropped.ron");
    std::fs::write(&path, rapport::app::SAMPLE).expect("write");
    let mut h = harness(Startup::Empty);
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(path.clone())));
    crate::common::settle(&mut h);
    assert_eq!(h.state().document().path.as_deref(), Some(path.as_path()));
    assert_eq!(h.state().network().contacts.len(), 41);
    assert_eq!(h.state().window_title(), "dropped.ron — Rapport");
}

#[test]
fn the_theme_is_chosen_in_the_view_menu_and_kept_in_the_preferences() {
    let mut h = crate::common::harness(Startup::Sample);
    assert_eq!(h.state().prefs().theme, rapport::state::Theme::System);
    h.get_by_role_and_label(Role::Button, "View").click();
    h.run();
    h.get_by_label("Light").click();
    h.run();
    assert_eq!(h.state().prefs().theme, rapport::state::Theme::Light);
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    h.get_by_role_and_label(Role::Button, "View").click();
    h.run();
    h.get_by_label("Dark").click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
}
