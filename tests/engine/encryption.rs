//! Encrypted networks in the store, and round trips through a separate age
//! implementation: the `age` command (Go), which must be installed — the test fails
//! saying what to install rather than passing without it. `age` reads passphrases
//! from a terminal only, so it is driven through a pseudo-terminal (python's `pty`).

use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicU64;

use rapport::model::Network;
use rapport::store::{self, LoadError, Passphrase, RecoveryKey, RecoveryStore};

use crate::store_support::network;

/// A passphrase that is quick to stretch (tests make many files); files written by
/// other tools use their own work factor.
pub fn quick_key(text: &str) -> store::Key {
    Passphrase::from_text(text.to_owned()).with_work_factor(10).into_key()
}

fn load(path: &Path, key: Option<&Passphrase>) -> Result<store::LoadedFile, LoadError> {
    store::load_stamped_with_key(path, key, &AtomicU64::new(0))
}

/// Runs `age ARGS` with `passphrase` typed at each passphrase prompt of a terminal.
fn age_with_passphrase(passphrase: &str, args: &[&str]) -> std::process::Output {
    require("age", "the Debian package `age` (apt-get install age)");
    on_terminal(&[passphrase, passphrase], "age", args)
}

/// Runs `program ARGS` on a pseudo-terminal (python's `pty`), typing the next of
/// `answers` at each prompt that asks for a passphrase. Its exit status is the
/// program's; stderr holds what the terminal showed.
pub fn on_terminal(answers: &[&str], program: &str, args: &[&str]) -> std::process::Output {
    require("python3", "python3 (apt-get install python3), which drives the terminal");
    const DRIVER: &str = r#"
import os, pty, sys, termios, time
count = int(sys.argv[1])
answers = [a.encode() for a in sys.argv[2:2 + count]]
command = sys.argv[2 + count:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
seen, asked = b"", 0
while True:
    try:
        data = os.read(fd, 1024)
    except OSError:
        break
    if not data:
        break
    seen += data
    prompts = seen.lower().count(b"passphrase")
    if prompts > asked and seen.rstrip(b" ").endswith(b":") and answers:
        # Answer once the program has turned echo off (as a person would only type after
        # the prompt), so an early answer is never echoed by the terminal itself.
        for _ in range(200):
            if not termios.tcgetattr(fd)[3] & termios.ECHO:
                break
            time.sleep(0.01)
        os.write(fd, answers.pop(0) + b"\n")
        asked = prompts
_, status = os.waitpid(pid, 0)
sys.stderr.write(seen.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
"#;
    Command::new("python3")
        .arg("-c")
        .arg(DRIVER)
        .arg(answers.len().to_string())
        .args(answers)
        .arg(program)
        .args(args)
        .output()
        .expect("run a program on a pseudo-terminal")
}

/// Fails the test, saying what to install, when `program` is not on the PATH.
fn require(program: &str, install: &str) {
    let found = Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(
        found,
        "`{program}` is needed by this test and is not installed: install {install} (.ci/run does)"
    );
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn our_encrypted_file_is_read_by_the_age_tool() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron.age");
    let network = network(7, 40, 300);
    let key = quick_key("tea at four");
    store::save_stamped_with_key(&path, &network, Some(&key)).expect("save encrypted");
    let bytes = fs::read(&path).expect("read");
    assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "), "an age file with one scrypt stanza");
    assert!(!contains(&bytes, &network.contacts[0].name));

    let out = dir.path().join("by-age.ron");
    let run = age_with_passphrase(
        "tea at four",
        &["-d", "-o", out.to_str().expect("UTF-8"), path.to_str().expect("UTF-8")],
    );
    assert!(run.status.success(), "age -d failed: {}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(fs::read_to_string(&out).expect("age's output"), store::to_string(&network));

    let wrong = age_with_passphrase("tea at five", &["-d", path.to_str().expect("UTF-8")]);
    assert!(!wrong.status.success(), "age refuses a wrong passphrase too");
}

#[test]
fn a_file_encrypted_by_the_age_tool_opens_binary_or_armoured() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plain = dir.path().join("network.ron");
    let network = network(8, 30, 200);
    store::save(&plain, &network).expect("save plain");
    for (name, armour) in [("network.ron.age", false), ("armoured.ron.age", true)] {
        let sealed = dir.path().join(name);
        let mut args = vec!["-p", "-o", sealed.to_str().expect("UTF-8")];
        if armour {
            args.push("-a");
        }
        args.push(plain.to_str().expect("UTF-8"));
        let run = age_with_passphrase("correct horse", &args);
        assert!(run.status.success(), "age -p failed: {}", String::from_utf8_lossy(&run.stderr));
        let bytes = fs::read(&sealed).expect("age's file");
        assert_eq!(bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"), armour);

        let loaded = load(&sealed, Some(&quick_key("correct horse"))).expect("opens with the passphrase");
        assert!(loaded.encrypted);
        assert_eq!(loaded.network, network);
        assert_eq!(
            loaded.stamp,
            store::FileStamp::of_bytes(&bytes, loaded.stamp.modified),
            "stamped as on disk"
        );
        assert!(matches!(load(&sealed, None), Err(LoadError::NeedsPassphrase { .. })));
        let wrong = load(&sealed, Some(&quick_key("wrong horse"))).expect_err("a wrong passphrase");
        assert!(wrong.wants_passphrase(), "{wrong}");
        assert!(wrong.to_string().contains("the passphrase is wrong"), "{wrong}");
        assert!(matches!(store::load(&sealed), Err(LoadError::NeedsPassphrase { .. })));
    }
}

#[test]
fn every_file_an_encrypted_save_leaves_is_encrypted() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = tempfile::tempdir().expect("a data folder");
    let path = dir.path().join("network.ron.age");
    let key = quick_key("a long walk");
    let first = network(9, 20, 100);
    let mut second = first.clone();
    second.contacts[0].name = "Ottoline Vexbury".to_owned();
    store::save_stamped_with_key(&path, &first, Some(&key)).expect("first save");
    let stamp = store::save_stamped_with_key(&path, &second, Some(&key)).expect("second save");

    let doc = RecoveryKey::for_document(&path);
    let recovery = RecoveryStore::new(data.path().join("recovery"));
    recovery.write_text_with(&doc, &store::to_string(&second), Some(&key)).expect("recovery");
    let history = store::History::next_to(&recovery);
    history.keep(&doc, &path, &stamp.lineage()).expect("kept");

    let backup = store::backup_path(&path);
    let version = history.find(&doc, &stamp.lineage()).expect("the version kept");
    for file in [&path, &backup, &version] {
        let bytes = fs::read(file).expect("read");
        assert!(store::is_encrypted(&bytes), "{} is not encrypted", file.display());
        assert!(!contains(&bytes, &first.contacts[1].name), "{} holds a name", file.display());
    }
    assert_eq!(load(&backup, Some(&key)).expect("the backup opens").network, first);
    assert_eq!(load(&version, Some(&key)).expect("the version opens").network, second);

    let entries = recovery.list();
    let [entry] = entries.as_slice() else { panic!("one recovery: {entries:?}") };
    assert!(entry.encrypted);
    assert_eq!(entry.doc_path.as_deref(), Some(fs::canonicalize(&path).expect("canonical").as_path()));
    let bytes = fs::read(&entry.path).expect("read the recovery");
    assert!(!contains(&bytes, "Ottoline"), "the recovery holds a name");
    assert!(matches!(recovery.load(entry), Err(LoadError::NeedsPassphrase { .. })));
    assert_eq!(recovery.load_with(entry, Some(&key)).expect("restores"), second);
    assert!(recovery.load_with(entry, Some(&quick_key("short walk"))).is_err_and(|e| e.wants_passphrase()));
    // A plain network saved over with a passphrase given is still encrypted; a plain
    // file read with one is read as it is.
    let plain = dir.path().join("plain.ron");
    store::save(&plain, &Network::default()).expect("plain save");
    let loaded = load(&plain, Some(&key)).expect("a plain file with a passphrase given");
    assert!(!loaded.encrypted);
}
