//! Changes made elsewhere: a file changed on disk since it was loaded is noticed (by
//! its bytes, not only its time), and a second Rapport on the same file is told the
//! first one has it (a lock file), unless that one is gone (a stale lock is taken
//! over). Other Rapport processes are child processes of the test.

use std::fs;
use std::io::BufReader;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::store_support::{child_role, names_in, network, spawn_child, wait_for_line};
use rapport::store::{
    self, DocumentLock, FileStamp, LockError, OnDisk, changed_on_disk, check_on_disk, lock_path,
};

// ---------------------------------------------------------------------------
// Changed on disk
// ---------------------------------------------------------------------------

#[test]
fn a_file_changed_on_disk_since_it_was_loaded_is_noticed() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    store::save(&path, &network(1, 3, 3)).expect("save");
    let (loaded, stamp) = store::load_stamped(&path).expect("load");
    assert_eq!(loaded, network(1, 3, 3));
    assert_eq!(stamp, FileStamp::read(&path).expect("stamp"));
    assert_eq!(check_on_disk(&path, &stamp).expect("check"), OnDisk::Unchanged);

    // Another program changes one character: same length, same second perhaps.
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replacen("Person 1", "Person 9", 1)).expect("edit elsewhere");
    assert_eq!(check_on_disk(&path, &stamp).expect("check"), OnDisk::Changed);
    assert!(changed_on_disk(&path, &stamp).expect("check"));

    // Saving gives the new stamp.
    let stamp = store::save_stamped(&path, &network(2, 3, 3)).expect("save");
    assert_eq!(stamp, FileStamp::read(&path).expect("stamp"));
    assert!(!changed_on_disk(&path, &stamp).expect("check"));

    // A sync client writes the same bytes again, with a new time: not a change.
    let bytes = fs::read(&path).expect("read");
    fs::write(&path, &bytes).expect("rewrite");
    let file = fs::File::options().write(true).open(&path).expect("open");
    file.set_modified(SystemTime::now() + Duration::from_secs(5)).expect("touch");
    drop(file);
    assert!(!changed_on_disk(&path, &stamp).expect("check"));

    // Deleted or moved.
    fs::rename(&path, dir.path().join("moved.ron")).expect("move");
    assert_eq!(check_on_disk(&path, &stamp).expect("check"), OnDisk::Missing);
    assert!(changed_on_disk(&path, &stamp).expect("check"));
}

// ---------------------------------------------------------------------------
// Lock files
// ---------------------------------------------------------------------------

const LOCK_CHILD: &str = "RAPPORT_TEST_LOCK_CHILD";

/// The child's part: a second Rapport opening the document named by the environment.
/// Says "got" or "held", then stays open until killed.
#[test]
fn lock_child_opens_the_document() {
    let Some(path) = child_role(LOCK_CHILD) else { return };
    match DocumentLock::acquire(Path::new(&path)) {
        Ok(lock) => {
            println!("got");
            std::thread::sleep(Duration::from_secs(60));
            drop(lock);
        }
        Err(LockError::HeldBy { .. }) => {
            println!("held");
            std::thread::sleep(Duration::from_secs(60));
        }
        Err(other) => panic!("{other}"),
    }
}

/// Another Rapport that opened `path` and answered `expected` ("got" or "held").
fn other_rapport(path: &Path, expected: &str) -> std::process::Child {
    let mut child = spawn_child(
        "changed_elsewhere::lock_child_opens_the_document",
        &[(LOCK_CHILD, path.to_str().expect("UTF-8"))],
    );
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    assert!(wait_for_line(&mut stdout, expected), "the other Rapport did not say {expected}");
    child
}

fn hostname() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname").map(|h| h.trim().to_owned()).unwrap_or_default()
}

#[test]
fn a_lock_names_this_process_blocks_a_second_editor_and_goes_on_drop() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    let lock = DocumentLock::acquire(&path).expect("lock");
    assert_eq!(lock.document(), path);
    assert_eq!(lock.lock_file(), lock_path(&path));
    assert_eq!(lock_path(&path), dir.path().join("network.ron.lock"));
    assert!(lock.is_held());
    let text = fs::read_to_string(lock.lock_file()).expect("the lock file");
    assert!(text.contains(&format!("pid: {}", std::process::id())), "{text}");
    assert!(text.contains("since: Some(\""), "{text}");

    match DocumentLock::acquire(&path) {
        Err(LockError::HeldBy { pid, .. }) => assert_eq!(pid, std::process::id()),
        other => panic!("a second lock in the same process: {other:?}"),
    }
    drop(lock);
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
    drop(DocumentLock::acquire(&path).expect("lock again"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_second_rapport_is_told_who_holds_the_file_and_a_dead_holders_lock_is_taken_over() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    let mut first = other_rapport(&path, "got");

    let error = DocumentLock::acquire(&path).expect_err("held by the other Rapport");
    match &error {
        LockError::HeldBy { path: p, pid, host, since } => {
            assert_eq!(p, &path);
            assert_eq!(*pid, first.id());
            if !hostname().is_empty() {
                assert_eq!(host, &hostname());
            }
            assert!(since.is_some());
        }
        other => panic!("{other:?}"),
    }
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()) && message.contains("read-only"), "{message}");

    // The other Rapport crashes: its lock stays, but names a dead process.
    first.kill().expect("SIGKILL");
    first.wait().expect("reap");
    assert!(lock_path(&path).exists());
    let lock = DocumentLock::acquire(&path).expect("a stale lock is taken over");
    assert!(lock.is_held());
    let text = fs::read_to_string(lock_path(&path)).expect("the lock file");
    assert!(text.contains(&format!("pid: {}", std::process::id())), "{text}");
}

#[test]
fn a_lock_of_another_host_holds_until_taken_over_by_hand() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    let foreign = "(pid: 1, host: \"elsewhere.invalid\", process_start: None, since: Some(\"2020-01-01T00:00:00Z\"), token: 7)\n";
    fs::write(lock_path(&path), foreign).expect("a lock from another host");
    match DocumentLock::acquire(&path) {
        Err(LockError::HeldBy { pid: 1, host, .. }) => assert_eq!(host, "elsewhere.invalid"),
        other => panic!("{other:?}"),
    }
    let lock = DocumentLock::take_over(&path).expect("edit anyway");
    assert!(lock.is_held());
    drop(lock);
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

#[test]
fn a_lock_taken_over_by_another_is_not_removed_by_the_first_holder() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    let first = DocumentLock::acquire(&path).expect("lock");
    let second = DocumentLock::take_over(&path).expect("take over");
    assert!(!first.is_held() && second.is_held());
    drop(first);
    assert!(lock_path(&path).exists(), "the first holder removed the second one's lock");
    drop(second);
    assert!(!lock_path(&path).exists());
}

#[test]
fn an_unreadable_lock_holds_briefly_then_is_taken_over() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    let lock = lock_path(&path);
    fs::write(&lock, "").expect("a lock file left empty by a killed writer");
    assert!(matches!(DocumentLock::acquire(&path), Err(LockError::HeldBy { pid: 0, .. })));
    let file = fs::File::options().write(true).open(&lock).expect("open");
    file.set_modified(SystemTime::now() - Duration::from_secs(60)).expect("age it");
    drop(file);
    let held = DocumentLock::acquire(&path).expect("an old unreadable lock is stale");
    assert!(held.is_held());
}

#[test]
fn a_lock_that_cannot_be_written_is_an_io_error_naming_the_lock_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("a-file");
    fs::write(&file, "").expect("write");
    let path = file.join("network.ron");
    match DocumentLock::acquire(&path) {
        Err(error @ LockError::Io { .. }) => {
            assert!(error.to_string().contains(&lock_path(&path).display().to_string()), "{error}");
        }
        other => panic!("{other:?}"),
    }
}

#[cfg(target_os = "linux")]
#[test]
fn of_several_rapports_opening_one_file_at_once_exactly_one_gets_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    let mut children: Vec<_> = (0..6)
        .map(|_| {
            spawn_child(
                "changed_elsewhere::lock_child_opens_the_document",
                &[(LOCK_CHILD, path.to_str().expect("UTF-8"))],
            )
        })
        .collect();
    let mut got = 0;
    let mut readers = Vec::new();
    for child in &mut children {
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let answer = loop {
            let mut line = String::new();
            if std::io::BufRead::read_line(&mut stdout, &mut line).expect("an answer") == 0 {
                panic!("a child ended without answering");
            }
            if matches!(line.trim(), "got" | "held") {
                break line.trim().to_owned();
            }
        };
        got += usize::from(answer == "got");
        // Kept open until the children are killed: they need not print again, but a
        // closed pipe must not be what ends them.
        readers.push(stdout);
    }
    for child in &mut children {
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
    }
    assert_eq!(got, 1);
    // Threads racing to take over the dead child's stale lock: one gets it. (The
    // locks are kept until all are counted: a dropped lock would free the file.)
    let locks: Vec<DocumentLock> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8).map(|_| scope.spawn(|| DocumentLock::acquire(&path).ok())).collect();
        handles.into_iter().filter_map(|h| h.join().expect("a thread")).collect()
    });
    let winners = locks.len();
    assert_eq!(winners, 1, "the dead child's lock is taken over exactly once");
}
