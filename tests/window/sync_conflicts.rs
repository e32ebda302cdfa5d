//! A sync conflict copy next to the open file: found, merged against the version both
//! come from (kept in the lineage history), reviewed with a switch, applied as one
//! undoable edit, and archived rather than deleted.

use crate::common::{harness_with_recovery, settle};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;
use rapport::model::{Contact, Network};
use rapport::state::Modal;
use rapport::store::{self, History, RecoveryKey, RecoveryStore};

const COPY: &str = "net.sync-conflict-20261203-101500-ABCDEF7.ron";

fn base() -> Network {
    let contacts = ["Ann", "Bo", "Cy"]
        .iter()
        .zip(1..)
        .map(|(name, id)| Contact::new(id, *name, jiff::civil::date(2025, 1, 1)))
        .collect();
    Network { contacts, ..Network::default() }
}

/// net.ron as this device changed it, the copy as the other did, both from one base;
/// with `keep_base`, the base is in the history as Rapport keeps it on open and save.
fn two_devices(folder: &std::path::Path, keep_base: bool) -> (std::path::PathBuf, Network) {
    let path = folder.join("net.ron");
    let base_stamp = store::save_stamped(&path, &base()).expect("save the base");
    let recovery = RecoveryStore::new(folder.join("data/recovery"));
    if keep_base {
        History::next_to(&recovery)
            .keep(&RecoveryKey::for_document(&path), &path, &base_stamp.lineage())
            .expect("keep the base");
    }
    let mut mine = base();
    mine.parent = Some(base_stamp.lineage());
    mine.contacts[0].role = "Chair".to_owned();
    mine.contacts[2].notes = "mine".to_owned();
    store::save(&path, &mine).expect("save mine");
    let mut theirs = base();
    theirs.parent = Some(base_stamp.lineage());
    theirs.contacts[1].organization = "Acme".to_owned();
    theirs.contacts[2].notes = "theirs".to_owned();
    theirs.contacts.push(Contact::new(4, "Dee", jiff::civil::date(2025, 2, 1)));
    store::save(&folder.join(COPY), &theirs).expect("save theirs");
    (path, mine)
}

#[test]
fn a_conflict_copy_is_reviewed_switched_merged_undoably_and_archived() {
    let folder = tempfile::tempdir().expect("temp dir");
    let (path, mine) = two_devices(folder.path(), true);
    let mut h = harness_with_recovery(Startup::File(path), Some(&folder.path().join("data/recovery")));
    h.get_by_label("Syncthing left a conflict copy:");
    h.get_by_label(COPY);
    h.get_by_role_and_label(Role::Button, "Review and merge…").click();
    settle(&mut h);
    let Some(Modal::SyncReview(review)) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    assert_eq!(review.rows.len(), 1, "{:?}", review.rows);
    assert_eq!(review.rows[0].place, "Contact 3 (Cy) · notes");
    assert_eq!((review.rows[0].kept.as_str(), review.rows[0].other.as_str()), ("\"mine\"", "\"theirs\""));
    assert!(review.changes.contains("contacts: 1 added, 1 changed"), "{}", review.changes);

    h.get_by_role_and_label(Role::Button, "Switch Contact 3 (Cy) · notes").click();
    settle(&mut h);
    let Some(Modal::SyncReview(review)) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    assert!(review.rows[0].switched);
    assert_eq!(review.rows[0].kept, "\"theirs\"");

    h.get_by_role_and_label(Role::Button, "Merge").click();
    settle(&mut h);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    let n = h.state().network();
    let seen: Vec<(&str, &str, &str, &str)> = n
        .contacts
        .iter()
        .map(|c| (c.name.as_str(), c.role.as_str(), c.organization.as_str(), c.notes.as_str()))
        .collect();
    assert_eq!(
        seen,
        [("Ann", "Chair", "", ""), ("Bo", "", "Acme", ""), ("Cy", "", "", "theirs"), ("Dee", "", "", "")]
    );
    assert!(h.state().document().is_dirty(), "merged, not saved yet");
    let said = h.state().status_text().unwrap_or_default().to_owned();
    assert!(said.contains("Merged") && said.contains(COPY), "{said}");
    // The copy moved to the archive, whole.
    assert!(!folder.path().join(COPY).exists());
    let archived: Vec<_> = walk(&folder.path().join("data/merged"));
    assert_eq!(archived.len(), 1, "{archived:?}");
    assert!(archived[0].ends_with(COPY));
    assert!(h.query_by_label("Syncthing left a conflict copy:").is_none());

    // One step to undo.
    assert_eq!(h.state().undo_label(), Some(format!("Merge {COPY}").as_str()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().contacts, mine.contacts);
}

#[test]
fn without_a_common_version_in_the_history_the_user_chooses_the_base() {
    let folder = tempfile::tempdir().expect("temp dir");
    let (path, _) = two_devices(folder.path(), false);
    let mut h = harness_with_recovery(Startup::File(path), Some(&folder.path().join("data/recovery")));
    h.get_by_role_and_label(Role::Button, "Review and merge…").click();
    settle(&mut h);
    let Some(Modal::ChooseBase(choice)) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    // Only the version opened now is kept.
    assert_eq!(choice.versions.len(), 1, "{:?}", choice.versions);
    let label = format!("The version {}", choice.versions[0]);
    h.get_by_role_and_label(Role::Button, &label).click();
    settle(&mut h);
    let Some(Modal::SyncReview(review)) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    // Against this file itself, the copy's every difference comes in.
    assert!(review.rows.is_empty(), "{:?}", review.rows);
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    settle(&mut h);
    assert!(h.state().modal().is_none());
    assert!(folder.path().join(COPY).exists(), "cancelled: the copy stays");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}
