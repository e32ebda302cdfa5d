//! Never losing work in the window: the recovery offer on start, the prompt when the
//! file changed on disk, and read-only opening when another Rapport has the file.

use crate::common::{harness, harness_with_recovery};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;
use rapport::state::Modal;

#[test]
fn unsaved_work_of_a_crashed_session_is_offered_on_start_and_restored() {
    let recovery = tempfile::tempdir().expect("temp dir");
    let recovered_network = crate::common::crashed_session(recovery.path());
    let mut h = harness_with_recovery(Startup::Empty, Some(recovery.path()));
    crate::common::settle(&mut h);
    assert!(matches!(h.state().modal(), Some(Modal::Recovery(_))));
    h.get_by_role_and_label(Role::Button, "See what differs").click();
    crate::common::settle(&mut h);
    h.get_by_label("contacts: 1 added");
    h.get_by_role_and_label(Role::Button, "Restore").click();
    crate::common::settle(&mut h);
    assert_eq!(h.state().network(), &recovered_network);
    assert!(h.state().document().is_dirty(), "restored work is unsaved until saved");
}

#[test]
fn saving_over_a_file_changed_elsewhere_asks_first() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("mine.ron");
    std::fs::write(&path, rapport::app::SAMPLE).expect("write");
    let mut h = harness(Startup::File(path.clone()));
    crate::common::settle(&mut h);
    // A sync client rewrites the file meanwhile.
    let theirs = rapport::app::SAMPLE.replace("Noor Castellano", "Noor C.");
    std::fs::write(&path, &theirs).expect("write");
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    crate::common::settle(&mut h);
    assert!(matches!(h.state().modal(), Some(Modal::ChangedOnDisk { .. })), "{:?}", h.state().modal());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs, "nothing written yet");

    // Reload shows their version; our unsaved contact is gone, as the button says.
    h.get_by_role_and_label(Role::Button, "Reload").click();
    crate::common::settle(&mut h);
    assert_eq!(h.state().network().profile.name, "Noor C.");
    assert!(!h.state().document().is_dirty());

    // Changed again, then Overwrite replaces it with ours.
    std::fs::write(&path, rapport::app::SAMPLE).expect("write");
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    crate::common::settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Overwrite").click();
    crate::common::settle(&mut h);
    let on_disk = rapport::store::load(&path).expect("load");
    assert_eq!(&on_disk, h.state().network());
    assert_eq!(on_disk.profile.name, "Noor C.");
}

#[test]
fn a_second_window_on_the_same_file_is_read_only_until_taken_over() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("shared.ron");
    std::fs::write(&path, rapport::app::SAMPLE).expect("write");
    let mut first = harness(Startup::File(path.clone()));
    crate::common::settle(&mut first);
    assert!(first.state().document().read_only.is_none());
    let mut second = harness(Startup::File(path.clone()));
    crate::common::settle(&mut second);
    assert!(second.state().document().read_only.is_some());
    let contacts = second.state().network().contacts.len();
    second.get_by_role_and_label(Role::Button, "New contact").click();
    second.run();
    assert_eq!(second.state().network().contacts.len(), contacts, "no edits while read-only");
    second.get_by_role_and_label(Role::Button, "Edit anyway").click();
    second.run();
    assert!(second.state().document().read_only.is_none());
    second.get_by_role_and_label(Role::Button, "New contact").click();
    second.run();
    assert_eq!(second.state().network().contacts.len(), contacts + 1);
    drop(first);
}

#[test]
fn saving_a_version_1_file_upgrades_it_once_says_so_and_writes_its_lineage() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("old.ron");
    let v1 = "(\n    version: 1,\n    contacts: [\n        (id: 1, name: \"Grace\", created: \"2024-01-10\"),\n    ],\n)\n";
    std::fs::write(&path, v1).expect("write");
    let mut h = crate::common::harness(Startup::File(path.clone()));
    assert_eq!(h.state().network().version, 1, "read as the version it is in");
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    crate::common::settle(&mut h);
    let said = h.state().status_text().unwrap_or_default().to_owned();
    assert!(
        said.contains("format version 2") && said.contains("old.ron.bak keeps the version-1 file"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(folder.path().join("old.ron.bak")).expect("backup"), v1);
    let saved = rapport::store::load(&path).expect("saved");
    let v1_lineage = rapport::store::FileStamp::of_bytes(v1.as_bytes(), None).lineage();
    assert_eq!(saved.parent.as_deref(), Some(v1_lineage.as_str()));
    assert_eq!(&saved, h.state().network(), "the window holds what the file holds");

    // The next save says nothing of versions, and descends from the first.
    let first = std::fs::read(&path).expect("read");
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    crate::common::settle(&mut h);
    let said = h.state().status_text().unwrap_or_default().to_owned();
    assert!(!said.contains("version"), "{said}");
    let lineage = rapport::store::FileStamp::of_bytes(&first, None).lineage();
    assert_eq!(rapport::store::load(&path).expect("saved").parent.as_deref(), Some(lineage.as_str()));
}

#[test]
fn every_version_opened_or_saved_is_kept_by_hash_next_to_the_recovery_files() {
    let data = tempfile::tempdir().expect("temp dir");
    let recovery = data.path().join("recovery");
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("network.ron");
    std::fs::write(&path, rapport::app::SAMPLE).expect("write");
    let mut h = crate::common::harness_with_recovery(Startup::File(path.clone()), Some(&recovery));
    for _ in 0..2 {
        h.get_by_role_and_label(Role::Button, "New contact").click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
        crate::common::settle(&mut h);
    }
    let history = rapport::store::History::new(data.path().join("history"));
    let key = rapport::store::RecoveryKey::for_document(&path);
    let versions: Vec<String> = history.versions(&key).into_iter().map(|(lineage, _)| lineage).collect();
    let opened = rapport::store::FileStamp::of_bytes(rapport::app::SAMPLE.as_bytes(), None).lineage();
    let saved = rapport::store::FileStamp::read(&path).expect("stamp").lineage();
    assert_eq!(versions.len(), 3, "opened, then saved twice: {versions:?}");
    assert!(versions.contains(&opened) && versions.contains(&saved), "{versions:?}");
    // The file's parent is the version before it, and the history has its bytes.
    let parent = rapport::store::load(&path).expect("loads").parent.expect("a parent");
    let before = history.find(&key, &parent).expect("the parent is kept");
    assert_eq!(rapport::store::FileStamp::read(&before).expect("stamp").lineage(), parent);
}
