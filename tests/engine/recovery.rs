//! Recovery files: written atomically beside nothing else, listed with their header,
//! offered after a crash when newer than their document (also for untitled documents),
//! never offered while their writer still runs, removed on request; counts of what
//! differs. A crashed session is a child process killed with SIGKILL.

use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::store_support::{child_command, child_role, names_in, network, spawn_child, wait_for_line};
use jiff::Timestamp;
use rapport::model::{Lesson, Network};
use rapport::store::{self, ListDiff, RecoveryKey, RecoveryStore, diff_counts};

const CHILD: &str = "RAPPORT_TEST_RECOVERY_CHILD";
const CHILD_DIR: &str = "RAPPORT_TEST_RECOVERY_DIR";
const CHILD_DOC: &str = "RAPPORT_TEST_RECOVERY_DOC";

/// The network a crashed session had in memory.
fn unsaved() -> Network {
    let mut n = network(11, 12, 30);
    n.contacts[0].name = "Changed in the crashed session".to_owned();
    n.exchanges.retain(|e| e.id != 5);
    n.exchanges.push(rapport::model::Exchange { id: 99, ..n.exchanges[0].clone() });
    n.playbook.push(Lesson { date: jiff::civil::date(2025, 1, 1), lesson: "Save often".to_owned() });
    n
}

/// The child's part. `write`: write the recovery of the document named by the
/// environment (untitled when empty) into the folder named by it, say "written", then
/// wait to be killed. `data-dir`: print the data folder. `key`: print a document's key.
#[test]
fn recovery_child() {
    let Some(role) = child_role(CHILD) else { return };
    let doc = std::env::var(CHILD_DOC).unwrap_or_default();
    let key =
        if doc.is_empty() { RecoveryKey::untitled() } else { RecoveryKey::for_document(Path::new(&doc)) };
    match role.as_str() {
        "write" => {
            let dir = std::env::var(CHILD_DIR).expect("the recovery folder");
            RecoveryStore::new(dir).write(&key, &unsaved()).expect("write the recovery");
            println!("written");
            std::thread::sleep(Duration::from_secs(60));
        }
        "data-dir" => {
            println!("data: {}", store::recovery::data_dir().expect("a data folder").display());
            let default = RecoveryStore::at_default_location().expect("a recovery folder");
            println!("recovery: {}", default.dir().display());
        }
        "key" => println!("key: {}", key.name()),
        other => panic!("unknown role {other}"),
    }
}

/// A session that wrote the recovery of `doc` (untitled: `None`) into `dir` and then
/// crashed (SIGKILL). Returns the killed pid.
fn crashed_session(dir: &Path, doc: Option<&Path>) -> u32 {
    let mut child = running_session(dir, doc);
    let pid = child.id();
    child.kill().expect("SIGKILL the session");
    child.wait().expect("reap it");
    pid
}

/// A session that wrote the recovery of `doc` into `dir` and is still running.
fn running_session(dir: &Path, doc: Option<&Path>) -> std::process::Child {
    let doc = doc.map(|d| d.to_str().expect("UTF-8").to_owned()).unwrap_or_default();
    let mut child = spawn_child(
        "recovery::recovery_child",
        &[(CHILD, "write"), (CHILD_DIR, dir.to_str().expect("UTF-8")), (CHILD_DOC, &doc)],
    );
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    assert!(wait_for_line(&mut stdout, "written"), "the session did not write its recovery");
    child
}

struct Setup {
    _dir: tempfile::TempDir,
    doc: PathBuf,
    store: RecoveryStore,
}

/// A document saved as `network(11, 12, 30)` and an empty recovery folder.
fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let doc = dir.path().join("docs").join("network.ron");
    fs::create_dir(dir.path().join("docs")).expect("a documents folder");
    store::save(&doc, &network(11, 12, 30)).expect("save the document");
    let store = RecoveryStore::new(dir.path().join("data").join("recovery"));
    Setup { doc, store, _dir: dir }
}

#[test]
fn a_recovery_file_is_a_valid_network_file_with_a_header_naming_its_document() {
    let s = setup();
    let key = RecoveryKey::for_document(&s.doc);
    let before = Timestamp::now();
    s.store.write(&key, &unsaved()).expect("write");
    let after = Timestamp::now();

    let entries = s.store.list();
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry.key, key);
    assert_eq!(entry.doc_path.as_deref(), Some(fs::canonicalize(&s.doc).expect("canonical").as_path()));
    assert!(before <= entry.saved_at && entry.saved_at <= after, "{}", entry.saved_at);
    assert_eq!(entry.path, s.store.path_of(&key));
    assert_eq!(entry.writer_pid, std::process::id());
    assert_eq!(s.store.load(entry).expect("the recovery loads"), unsaved());
    // Any Rapport can open it as a document: the header is a comment.
    assert_eq!(store::load(&entry.path).expect("a network file"), unsaved());
    let text = fs::read_to_string(&entry.path).expect("the file");
    assert!(text.starts_with("// rapport recovery: (document: Some("), "{}", &text[..100]);
    // Written atomically, without a backup, alone in its folder.
    assert_eq!(names_in(s.store.dir()), [format!("{}.ron", key.name())]);
    // This process is still running: nothing to offer.
    assert_eq!(s.store.entries_newer_than_their_document(), vec![]);

    // A second write replaces the first.
    s.store.write(&key, &Network::default()).expect("write again");
    assert_eq!(s.store.list().len(), 1);
    assert_eq!(s.store.load(&s.store.list()[0]).expect("loads"), Network::default());
}

#[test]
fn after_a_crash_a_recovery_newer_than_its_document_is_offered_with_what_differs() {
    let s = setup();
    crashed_session(s.store.dir(), Some(&s.doc));

    let offered = s.store.entries_newer_than_their_document();
    assert_eq!(offered.len(), 1, "{offered:?}");
    let entry = &offered[0];
    assert_eq!(entry.key, RecoveryKey::for_document(&s.doc));
    let recovered = s.store.load(entry).expect("the recovery loads");
    assert_eq!(recovered, unsaved());

    let on_disk = store::load(&s.doc).expect("the document");
    let diff = diff_counts(&on_disk, &recovered);
    assert_eq!(diff.contacts, ListDiff { added: 0, changed: 1, removed: 0 });
    assert_eq!(diff.exchanges, ListDiff { added: 1, changed: 0, removed: 1 });
    assert!(diff.touches.is_empty() && diff.wins.is_empty());
    assert!(diff.playbook_changed && !diff.profile_changed);
    assert_eq!(diff.lines(), ["contacts: 1 changed", "exchanges: 1 added, 1 removed", "playbook changed"]);

    // Restored and saved (or discarded): the recovery goes.
    s.store.remove(&entry.key).expect("remove");
    assert_eq!(s.store.list(), vec![]);
    s.store.remove(&entry.key).expect("removing it again is no error");
}

#[test]
fn a_recovery_older_than_its_document_is_not_offered_and_is_removed_as_outdated() {
    let s = setup();
    crashed_session(s.store.dir(), Some(&s.doc));
    std::thread::sleep(Duration::from_millis(20));
    // The document was saved after the recovery was written (by another program, or
    // a later session).
    store::save(&s.doc, &network(12, 3, 3)).expect("a later save");
    assert_eq!(s.store.list().len(), 1);
    assert_eq!(s.store.entries_newer_than_their_document(), vec![]);
    assert_eq!(s.store.remove_outdated(), 1);
    assert_eq!(s.store.list(), vec![]);
}

#[test]
fn an_untitled_document_is_recovered_too() {
    let s = setup();
    crashed_session(s.store.dir(), None);
    let offered = s.store.entries_newer_than_their_document();
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].doc_path, None);
    assert_eq!(offered[0].key.document(), None);
    assert!(offered[0].key.name().starts_with("untitled-"), "{}", offered[0].key.name());
    let recovered = s.store.load(&offered[0]).expect("loads");
    assert_eq!(recovered, unsaved());
    // Against an empty network, everything is added.
    let diff = diff_counts(&Network::default(), &recovered);
    assert_eq!(diff.contacts.added, 12);
    assert_eq!(s.store.remove_outdated(), 0, "an untitled recovery is never outdated");
}

#[test]
fn a_recovery_whose_document_is_gone_is_offered() {
    let s = setup();
    crashed_session(s.store.dir(), Some(&s.doc));
    fs::remove_file(&s.doc).expect("delete the document");
    assert_eq!(s.store.entries_newer_than_their_document().len(), 1);
}

#[test]
fn the_recovery_of_a_second_rapport_that_still_runs_is_not_offered() {
    let s = setup();
    let mut other = running_session(s.store.dir(), Some(&s.doc));
    assert_eq!(s.store.list().len(), 1);
    assert_eq!(s.store.entries_newer_than_their_document(), vec![], "offered while its writer runs");
    assert_eq!(s.store.remove_outdated(), 0);
    other.kill().expect("SIGKILL");
    other.wait().expect("reap");
    assert_eq!(s.store.entries_newer_than_their_document().len(), 1);
}

#[test]
fn files_that_are_not_recoveries_are_ignored() {
    let s = setup();
    fs::create_dir_all(s.store.dir()).expect("the folder");
    let dir = s.store.dir();
    fs::write(dir.join("README.txt"), "hello").expect("write");
    fs::write(dir.join("doc-zz.ron"), "(version: 1)").expect("write");
    fs::write(dir.join("doc-00ff.ron"), "(version: 1)\n").expect("a file without a header");
    fs::write(dir.join("doc-00fe.ron"), "// rapport recovery: (garbage\n(version: 1)").expect("a bad header");
    fs::write(dir.join("doc-00fd.ron"), [0xff, 0xfe, 0x00]).expect("binary");
    fs::create_dir(dir.join("doc-00fc.ron")).expect("a folder");
    assert_eq!(s.store.list(), vec![]);
    assert_eq!(s.store.entries_newer_than_their_document(), vec![]);
    assert_eq!(s.store.remove_outdated(), 0);
}

#[test]
fn a_recovery_that_cannot_be_written_says_where() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("a-file");
    fs::write(&file, "in the way").expect("write");
    let store = RecoveryStore::new(file.join("recovery"));
    let error = store.write(&RecoveryKey::untitled(), &Network::default()).expect_err("the parent is a file");
    assert!(error.to_string().contains(&file.display().to_string()), "{error}");
    assert_eq!(fs::read_to_string(&file).expect("the file"), "in the way");
}

#[test]
fn recoveries_written_from_a_background_thread_are_always_whole() {
    let s = setup();
    let key = RecoveryKey::for_document(&s.doc);
    let (a, b) = (network(13, 40, 200), network(14, 50, 100));
    s.store.write(&key, &a).expect("the first write");
    let writer = {
        let (store, key, a, b) = (s.store.clone(), key.clone(), a.clone(), b.clone());
        std::thread::spawn(move || {
            for round in 0..60 {
                store.write(&key, if round % 2 == 0 { &b } else { &a }).expect("a background write");
            }
        })
    };
    let mut reads = 0;
    while !writer.is_finished() {
        for entry in s.store.list() {
            let loaded = s.store.load(&entry).expect("a recovery that loads");
            assert!(loaded == a || loaded == b);
            reads += 1;
        }
    }
    writer.join().expect("the writer");
    assert!(reads > 0);
    assert_eq!(names_in(s.store.dir()), [format!("{}.ron", key.name())]);
}

#[test]
fn keys_are_stable_across_processes_and_the_data_folder_follows_the_environment() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let doc = dir.path().join("network.ron");
    let output = child_command(
        "recovery::recovery_child",
        &[(CHILD, "key"), (CHILD_DOC, doc.to_str().expect("UTF-8"))],
    )
    .output()
    .expect("run the child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(&format!("key: {}", RecoveryKey::for_document(&doc).name())), "{stdout}");

    let data = dir.path().join("data");
    let output = child_command(
        "recovery::recovery_child",
        &[(CHILD, "data-dir"), (store::recovery::DATA_DIR_VAR, data.to_str().expect("UTF-8"))],
    )
    .output()
    .expect("run the child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(&format!("data: {}\n", data.display())), "{stdout}");
    assert!(stdout.contains(&format!("recovery: {}\n", data.join("recovery").display())), "{stdout}");

    // Without the variable: the platform's folder, ending in rapport.
    let home = dir.path().join("home");
    let output = child_command(
        "recovery::recovery_child",
        &[(CHILD, "data-dir"), ("HOME", home.to_str().expect("UTF-8"))],
    )
    .env_remove(store::recovery::DATA_DIR_VAR)
    .env_remove("XDG_DATA_HOME")
    .output()
    .expect("run the child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    if cfg!(target_os = "linux") {
        assert!(
            stdout.contains(&format!("data: {}\n", home.join(".local/share/rapport").display())),
            "{stdout}"
        );
    }
}
