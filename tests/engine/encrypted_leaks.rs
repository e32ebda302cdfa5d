//! No plaintext of an encrypted network reaches the disk: open it, edit, save, keep a
//! recovery file and the history's versions, have a save killed half-way (SIGKILL, as
//! in `crash_safety`), recover the unsaved work and save it; then no file in the
//! network's folder, the data folder or the temporary folder holds a contact's name.

use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use rapport::model::Network;
use rapport::store::{self, Passphrase, RecoveryKey, RecoveryStore};

use crate::store_support::{child_role, network, spawn_child, wait_for_line};

const LEAK_CHILD: &str = "RAPPORT_TEST_LEAK_CHILD";
const PASSPHRASE: &str = "a quiet harbour at dawn";

fn key() -> store::Key {
    Passphrase::from_text(PASSPHRASE.to_owned()).with_work_factor(10).into_key()
}

/// A network whose first contacts carry `marker` in their names (and a note).
fn marked(marker: &str) -> Network {
    let mut network = network(11, 300, 3000);
    for (i, contact) in network.contacts.iter_mut().take(5).enumerate() {
        contact.name = format!("{marker} {i}");
        contact.notes = format!("Met {marker} at the harbour");
    }
    network
}

/// The child: opens the encrypted network, edits it, keeps the unsaved work in a
/// recovery file, says "ready", and saves again and again until killed.
#[test]
fn leak_child_edits_and_saves_until_killed() {
    let Some(path) = child_role(LEAK_CHILD) else { return };
    let path = PathBuf::from(path);
    let data = std::env::var("RAPPORT_DATA_DIR").expect("the data folder");
    let key = key();
    let loaded = store::load_stamped_with_key(&path, Some(&key), &AtomicU64::new(0)).expect("opens");
    let mut network = loaded.network;
    network.contacts[5].name = format!("{} edited", network.contacts[0].name);
    let recovery = RecoveryStore::new(Path::new(&data).join("recovery"));
    recovery
        .write_text_with(&RecoveryKey::for_document(&path), &store::to_string(&network), Some(&key))
        .expect("the recovery file");
    println!("ready");
    for round in 0u32.. {
        network.profile.name = format!("round {round}");
        store::save_stamped_with_key(&path, &network, Some(&key)).expect("the child's save");
    }
}

/// Every file under `dir` (links not followed; unreadable ones skipped), up to
/// `depth` folders down.
fn files_under(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() && depth > 0 {
            files_under(&entry.path(), depth - 1, found);
        } else if kind.is_file() {
            found.push(entry.path());
        }
    }
}

/// The files under `dirs` whose bytes hold `needle`.
fn holding(dirs: &[&Path], needle: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in dirs {
        files_under(dir, 6, &mut files);
    }
    files.sort();
    files.dedup();
    files
        .into_iter()
        .filter(|file| fs::metadata(file).is_ok_and(|m| m.len() < 512 << 20))
        .filter(|file| {
            fs::read(file).is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        })
        .collect()
}

#[test]
fn no_plaintext_of_an_encrypted_network_reaches_the_disk() {
    // A name no other file holds: made fresh for this run.
    let marker = format!("Quillon Fairweather-{:x}", std::process::id() as u64 * 7919 + 1_000_003);
    let folder = tempfile::tempdir().expect("the network's folder");
    let data = tempfile::tempdir().expect("the data folder");
    let path = folder.path().join("network.ron.age");
    let key = key();
    let recovery = RecoveryStore::new(data.path().join("recovery"));
    let history = store::History::next_to(&recovery);
    let doc = RecoveryKey::for_document(&path);

    // Opened, edited, saved, kept in the history, as the window does.
    let network = marked(&marker);
    let first = store::save_stamped_with_key(&path, &network, Some(&key)).expect("the first save");
    history.keep(&doc, &path, &first.lineage()).expect("kept");
    let mut loaded = store::load_stamped_with_key(&path, Some(&key), &AtomicU64::new(0)).expect("opens");
    loaded.network.contacts[1].organization = format!("{marker} & Co");
    let second = store::save_stamped_with_key(&path, &loaded.network, Some(&key)).expect("the second save");
    history.keep(&doc, &path, &second.lineage()).expect("kept");

    // A save killed half-way, after the unsaved work went to a recovery file.
    let data_dir = data.path().to_str().expect("UTF-8");
    let mut child = spawn_child(
        "encrypted_leaks::leak_child_edits_and_saves_until_killed",
        &[
            (LEAK_CHILD, path.to_str().expect("UTF-8")),
            ("RAPPORT_DATA_DIR", data_dir),
            ("XDG_DATA_HOME", data_dir),
        ],
    );
    let mut stdout = BufReader::new(child.stdout.take().expect("the child's stdout"));
    assert!(wait_for_line(&mut stdout, "ready"), "the child ended before it was ready");
    std::thread::sleep(Duration::from_millis(150));
    child.kill().expect("SIGKILL the child");
    child.wait().expect("reap the child");

    // Recovered with the passphrase, and saved.
    let entries = recovery.list();
    let entry = entries.iter().find(|e| e.key == doc).expect("the child's recovery file");
    assert!(entry.encrypted);
    let recovered = recovery.load_with(entry, Some(&key)).expect("the recovery opens");
    assert_eq!(recovered.contacts[5].name, format!("{marker} 0 edited"));
    let third = store::save_stamped_with_key(&path, &recovered, Some(&key)).expect("the recovered save");
    history.keep(&doc, &path, &third.lineage()).expect("kept");
    let reopened = store::load_stamped_with_key(&path, Some(&key), &AtomicU64::new(0)).expect("reopens");
    assert_eq!(reopened.network, recovered);

    let written: Vec<PathBuf> = {
        let mut files = Vec::new();
        files_under(folder.path(), 6, &mut files);
        files_under(data.path(), 6, &mut files);
        files
    };
    assert!(written.len() >= 5, "the file, its backup, the recovery, the versions: {written:?}");
    let temp = std::env::temp_dir();
    let leaks = holding(&[folder.path(), data.path(), &temp], &marker);
    assert!(leaks.is_empty(), "plaintext names in {leaks:?} (files written: {written:?})");
    // The check itself finds a plaintext copy.
    let plain = folder.path().join("plain.ron");
    store::save(&plain, &recovered).expect("a plaintext copy");
    assert_eq!(holding(&[folder.path()], &marker), [plain]);
}
