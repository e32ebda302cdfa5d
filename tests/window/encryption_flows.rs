//! Encryption in the window: an encrypted file asks for its passphrase (masked, again
//! when wrong); File → Encrypt… saves the network encrypted and retires the plaintext
//! file with its backup, recovery and versions; Remove encryption goes back.

use std::fs;
use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;
use rapport::state::Modal;
use rapport::store::{self, Passphrase};

use crate::common::{harness, harness_with_recovery, settle};

fn contains(path: &Path, needle: &str) -> bool {
    fs::read(path).is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
}

fn network_with(name: &str) -> rapport::model::Network {
    let mut network = rapport::model::Network::default();
    network.contacts.push(rapport::model::Contact::new(1, name, jiff::civil::date(2025, 1, 1)));
    network
}

fn type_secret(h: &mut egui_kittest::Harness<'static, rapport::app::App>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::PasswordInput, label);
    field.focus();
    h.run();
    h.get_by_role_and_label(Role::PasswordInput, label).type_text(text);
    h.run();
}

#[test]
fn an_encrypted_file_asks_for_its_passphrase_again_when_wrong_and_saves_encrypted() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron.age");
    let key = Passphrase::from_text("lighthouse".to_owned()).with_work_factor(10);
    store::save_stamped_with_key(&path, &network_with("Ingrid Solberg"), Some(&key)).expect("save");

    let mut h = harness(Startup::File(path.clone()));
    assert!(matches!(h.state().modal(), Some(Modal::Passphrase(_))), "{:?}", h.state().modal());
    assert!(h.state().network().contacts.is_empty(), "nothing opened yet");
    type_secret(&mut h, "Passphrase", "lightship");
    h.get_by_role_and_label(Role::Button, "Open").click();
    settle(&mut h);
    let Some(Modal::Passphrase(prompt)) = h.state().modal() else {
        panic!("asked again: {:?}", h.state().modal())
    };
    assert!(prompt.refusal.as_deref().is_some_and(|r| r.contains("does not open it")));
    assert!(h.query_by_label_contains("does not open it").is_some(), "the dialog says why");
    assert!(format!("{:?}", h.state().modal()).contains("hidden"), "what is typed is never printed");

    type_secret(&mut h, "Passphrase", "lighthouse");
    crate::common::press(&mut h, egui::Key::Enter);
    settle(&mut h);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert_eq!(h.state().network().contacts[0].name, "Ingrid Solberg");
    assert!(h.state().document().key.is_some());
    assert!(h.query_by_label("• encrypted").is_some(), "the status bar says so");

    // An edit, saved: encrypted again, with the same passphrase.
    h.get_by_label("Ingrid Solberg").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Name").focus();
    h.run();
    h.key_press(egui::Key::End);
    h.get_by_role_and_label(Role::TextInput, "Name").type_text(" Haugen");
    h.run();
    assert_eq!(h.state().network().contacts[0].name, "Ingrid Solberg Haugen");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut h);
    assert!(!h.state().document().is_dirty());
    assert!(!contains(&path, "Ingrid"), "no plaintext in the saved file");
    let reopened = store::load_stamped_with_key(&path, Some(&key), &Default::default()).expect("opens");
    assert_eq!(reopened.network.contacts[0].name, "Ingrid Solberg Haugen");
}

#[test]
fn encrypt_retires_the_plaintext_copies_and_remove_encryption_brings_a_plain_file_back() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let recovery = tempfile::tempdir().expect("a recovery folder");
    let plain = dir.path().join("network.ron");
    store::save(&plain, &network_with("Bartholomew Quist")).expect("save");
    store::save(&plain, &network_with("Bartholomew Quist")).expect("save again: a backup");
    let backup = store::backup_path(&plain);
    assert!(backup.is_file());

    let mut h = harness_with_recovery(Startup::File(plain.clone()), Some(recovery.path()));
    let versions = store::History::next_to(&store::RecoveryStore::new(recovery.path()));
    assert!(fs::read_dir(versions.dir()).is_ok_and(|mut d| d.next().is_some()), "the open kept a version");

    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_label("Encrypt…").click();
    h.run();
    assert!(h.query_by_label_contains("no plaintext copy is left behind").is_some());
    type_secret(&mut h, "Passphrase", "north star");
    type_secret(&mut h, "Passphrase again", "north stat");
    h.get_by_role_and_label(Role::Button, "Encrypt").click();
    h.run();
    assert!(h.query_by_label_contains("The two passphrases differ").is_some());
    assert!(plain.is_file(), "nothing done yet");
    type_secret(&mut h, "Passphrase again", "north star");
    h.get_by_role_and_label(Role::Button, "Encrypt").click();
    settle(&mut h);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());

    let sealed = dir.path().join("network.ron.age");
    assert_eq!(h.state().document().path.as_deref(), Some(sealed.as_path()));
    assert!(store::is_encrypted(&fs::read(&sealed).expect("network.ron.age")));
    assert!(!plain.exists() && !backup.exists(), "the plaintext file and its backup are gone");
    let recent = &h.state().prefs().recent;
    assert!(recent.iter().any(|p| p.ends_with("network.ron.age")), "{recent:?}");
    assert!(
        !recent.iter().any(|p| p.ends_with("network.ron")),
        "the retired file is not offered: {recent:?}"
    );
    let mut left = Vec::new();
    for dir in [dir.path(), recovery.path()] {
        for file in walk(dir) {
            if contains(&file, "Bartholomew") {
                left.push(file);
            }
        }
    }
    assert!(left.is_empty(), "plaintext left behind: {left:?}");
    let key = Passphrase::from_text("north star".to_owned());
    let opened = store::load_stamped_with_key(&sealed, Some(&key), &Default::default()).expect("opens");
    assert_eq!(opened.network.contacts[0].name, "Bartholomew Quist");

    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_label("Remove Encryption…").click();
    h.run();
    assert!(h.query_by_label_contains("anyone who can read that file").is_some());
    h.get_by_role_and_label(Role::Button, "Remove encryption").click();
    settle(&mut h);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert!(h.state().document().key.is_none());
    assert_eq!(h.state().document().path.as_deref(), Some(plain.as_path()));
    assert!(contains(&plain, "Bartholomew Quist"), "a plaintext file again");
    assert!(!sealed.exists(), "the encrypted file is removed");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return files };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn an_encrypted_recovery_is_restored_once_its_passphrase_is_given() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let recovery = tempfile::tempdir().expect("a recovery folder");
    let path = dir.path().join("network.ron.age");
    let key = Passphrase::from_text("lighthouse".to_owned()).with_work_factor(10);
    store::save_stamped_with_key(&path, &network_with("Ingrid Solberg"), Some(&key)).expect("save");
    let mut unsaved = network_with("Ingrid Solberg");
    unsaved.contacts.push(rapport::model::Contact::new(2, "Unsaved Person", jiff::civil::date(2025, 2, 1)));
    let recoveries = store::RecoveryStore::new(recovery.path());
    let doc = store::RecoveryKey::for_document(&path);
    recoveries.write_text_with(&doc, &store::to_string(&unsaved), Some(&key)).expect("the recovery");
    // Written by a process that has died since (the header line is plain text).
    let dead = {
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        child.wait().expect("wait");
        child.id()
    };
    let file = recoveries.path_of(&doc);
    let bytes = fs::read(&file).expect("read");
    let split = bytes.iter().position(|b| *b == b'\n').expect("a header line");
    let header = String::from_utf8(bytes[..split].to_vec()).expect("a plain header");
    let me = std::process::id();
    let header = header.replacen(&format!("pid:{me}"), &format!("pid:{dead}"), 1).replacen(
        &format!("pid: {me}"),
        &format!("pid: {dead}"),
        1,
    );
    fs::write(&file, [header.as_bytes(), &bytes[split..]].concat()).expect("write");

    let mut h = harness_with_recovery(Startup::Empty, Some(recovery.path()));
    assert!(matches!(h.state().modal(), Some(Modal::Recovery(_))), "{:?}", h.state().modal());
    h.get_by_role_and_label(Role::Button, "Restore").click();
    settle(&mut h);
    assert!(matches!(h.state().modal(), Some(Modal::Passphrase(_))), "{:?}", h.state().modal());
    type_secret(&mut h, "Passphrase", "lighthouse");
    h.get_by_role_and_label(Role::Button, "Open").click();
    settle(&mut h);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert_eq!(h.state().network(), &unsaved);
    assert!(h.state().document().key.is_some(), "it stays encrypted");
    assert!(h.state().document().is_dirty(), "restored work is unsaved until saved");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut h);
    assert!(!contains(&path, "Unsaved Person"));
    let saved = store::load_stamped_with_key(&path, Some(&key), &Default::default()).expect("opens");
    assert_eq!(saved.network.contacts.len(), 2);
}
