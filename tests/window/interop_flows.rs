//! Import, export and the report from the window, as a user does them.

use crate::common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};
use rapport::app::{App, Startup};
use rapport::state::{Modal, Page};

type H = egui_kittest::Harness<'static, App>;

/// Types `path` into Rapport's own path dialog and confirms with `button`.
fn choose_path(h: &mut H, path: &std::path::Path, button: &str) {
    assert!(matches!(h.state().modal(), Some(Modal::PathPrompt(_))), "{:?}", h.state().modal());
    h.get_by_role_and_label(Role::TextInput, "File path").focus();
    crate::common::settle(h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "File path").type_text(&path.display().to_string());
    crate::common::settle(h);
    h.get_by_role_and_label(Role::Button, button).click();
    crate::common::settle(h);
}

/// File → Export → Contacts as vCard…, up to the path dialog.
fn export_contacts(h: &mut H) {
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Contacts as vCard…").click();
    crate::common::settle(h);
}

#[test]
fn importing_a_vcard_previews_then_adds_in_one_undoable_step() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/apple.vcf");
    let mut h = harness(Startup::Sample);
    let before = h.state().network().clone();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    crate::common::settle(&mut h);
    choose_path(&mut h, &fixture, "Open");
    assert!(matches!(h.state().modal(), Some(Modal::Import(_))), "{:?}", h.state().modal());
    assert_eq!(h.state().network(), &before, "the preview changes nothing");
    h.get(by().role(Role::Button).label_contains("Import: add")).click();
    h.run();
    assert!(h.state().modal().is_none());
    let added = h.state().network().contacts.len() - before.contacts.len();
    assert!(added > 0);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network(), &before, "one undo removes the whole import");
}

#[test]
fn exporting_contacts_as_vcard_writes_the_file() {
    let folder = tempfile::tempdir().expect("temp dir");
    let out = folder.path().join("contacts.vcf");
    let mut h = harness(Startup::Sample);
    export_contacts(&mut h);
    choose_path(&mut h, &out, "Save");
    let text = std::fs::read_to_string(&out).expect("written");
    assert_eq!(text.matches("BEGIN:VCARD").count(), h.state().network().contacts.len());
    assert!(text.contains("VERSION:4.0"));
}

#[test]
fn the_report_page_saves_json_with_the_design_keys() {
    let folder = tempfile::tempdir().expect("temp dir");
    let out = folder.path().join("report.json");
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Report").click();
    h.run();
    assert_eq!(h.state().view().page, Page::Report);
    h.get_by_role_and_label(Role::Button, "JSON").click();
    crate::common::settle(&mut h);
    choose_path(&mut h, &out, "Save");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("json");
    for key in crate::design::REPORT_JSON_KEYS {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    // The last full quarter before 2026-11-25.
    assert_eq!(json["from"], "2026-07-01");
    assert_eq!(json["to"], "2026-10-01");
}

/// The path typed is looked at off the UI thread, and what it names decides: a file
/// that exists is replaced only after Save a second time; a file to read that does
/// not exist is refused with its name, and nothing is read.
#[test]
fn a_typed_path_is_looked_at_before_it_is_used() {
    let folder = tempfile::tempdir().expect("temp dir");
    let out = folder.path().join("contacts.vcf");
    std::fs::write(&out, "keep me").expect("write");
    let mut h = harness(Startup::Sample);
    export_contacts(&mut h);
    choose_path(&mut h, &out, "Save");
    h.get(by().label_contains("exists. Choose Save again to replace it."));
    assert_eq!(std::fs::read_to_string(&out).expect("there"), "keep me", "not replaced yet");
    h.get_by_role_and_label(Role::Button, "Save").click();
    crate::common::settle(&mut h);
    assert!(std::fs::read_to_string(&out).expect("written").contains("BEGIN:VCARD"));

    let missing = folder.path().join("nowhere.vcf");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    crate::common::settle(&mut h);
    choose_path(&mut h, &missing, "Open");
    h.get(by().label_contains("nowhere.vcf does not exist."));
    assert!(matches!(h.state().modal(), Some(Modal::PathPrompt(_))), "the dialog stays");
}

#[test]
fn the_import_preview_says_how_it_read_the_file_and_reads_it_again_in_a_chosen_encoding() {
    let folder = tempfile::tempdir().expect("temp dir");
    let file = folder.path().join("latin9.csv");
    std::fs::write(&file, b"Name,Email\r\nJ\xFCrgen \xA4,j@example.com\r\n").expect("write");
    let mut h = harness(Startup::Sample);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    crate::common::settle(&mut h);
    choose_path(&mut h, &file, "Open");
    let names = |h: &H| match h.state().modal() {
        Some(Modal::Import(dialog)) => dialog.preview.as_ref().map_or_else(
            |e| vec![e.to_string()],
            |p| p.new_contacts.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
        ),
        other => panic!("{other:?}"),
    };
    assert_eq!(names(&h), ["Jürgen ¤"]);
    h.get_by_label("read as Windows-1252 (detected)");
    h.get_by_role_and_label(Role::ComboBox, "Encoding").click();
    h.run();
    h.get_by_label("ISO-8859-15").click();
    crate::common::settle(&mut h);
    assert_eq!(names(&h), ["Jürgen €"]);
    h.get_by_label("read as ISO-8859-15 (chosen)");
    h.get(by().role(Role::Button).label_contains("Import: add 1")).click();
    h.run();
    assert!(h.state().network().contacts.iter().any(|c| c.name == "Jürgen €"));
}

#[test]
fn address_books_in_other_encodings_import_with_the_right_names_in_the_window() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encodings");
    for (file, read_as, name) in [
        ("apple-utf16be-nobom.vcf", "read as UTF-16BE (no byte-order mark)", "安藤 ロイド"),
        ("phone-2.1-shift_jis-qp.vcf", "read as UTF-8", "安藤 ロイド 1"),
        ("outlook-windows-1252.csv", "read as Windows-1252 (detected)", "Jürgen Müßig"),
    ] {
        let mut h = harness(Startup::Sample);
        // The window draws CJK with system fonts, loaded on demand (eframe's
        // `system_font_fallback`); the headless harness has only egui's own fonts.
        h.ctx.set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
        crate::common::settle(&mut h);
        choose_path(&mut h, &folder.join(file), "Open");
        h.get_by_label(read_as);
        h.get(by().role(Role::Button).label_contains("Import: add")).click();
        h.run();
        assert!(h.state().network().contacts.iter().any(|c| c.name == name), "{file}: {name} imported");
    }
}
