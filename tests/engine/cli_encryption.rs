//! `rapport encrypt` / `decrypt` and `--passphrase-file` on every command, run as the
//! real binary: a wrong passphrase is exit 1 with nothing written; without a terminal
//! and without `--passphrase-file`, a clear message.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::store_support::network;
use rapport::store;

/// Runs rapport with `args` in `dir`, no terminal (stdin is empty).
fn rapport(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env("RAPPORT_DATA_DIR", dir.join("data"))
        .stdin(Stdio::null())
        .output()
        .expect("run the rapport binary")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A folder with `net.ron` (a small network), `right.txt` and `wrong.txt`.
fn setup() -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    store::save(&dir.path().join("net.ron"), &network(3, 12, 60)).expect("save");
    fs::write(dir.path().join("right.txt"), "open sesame\nsecond line is ignored\n").expect("write");
    fs::write(dir.path().join("wrong.txt"), "open barley\n").expect("write");
    let bytes = fs::read(dir.path().join("net.ron")).expect("read");
    (dir, bytes)
}

#[test]
fn encrypt_then_decrypt_gives_back_the_very_file_and_every_command_reads_it() {
    let (dir, original) = setup();
    let d = dir.path();
    let run = rapport(d, &["encrypt", "net.ron", "--passphrase-file", "right.txt"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("still there in plaintext"), "{}", stdout(&run));
    let sealed = fs::read(d.join("net.ron.age")).expect("net.ron.age written");
    assert!(store::is_encrypted(&sealed));

    let check = rapport(d, &["check", "net.ron.age", "--passphrase-file", "right.txt"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stdout(&check).contains("ok: 12 contacts"), "{}", stdout(&check));
    let plain = rapport(d, &["balance", "net.ron", "--format", "csv"]);
    let sealed_balance =
        rapport(d, &["balance", "--passphrase-file", "right.txt", "net.ron.age", "--format", "csv"]);
    assert!(sealed_balance.status.success(), "{}", stderr(&sealed_balance));
    assert_eq!(stdout(&sealed_balance), stdout(&plain), "the same numbers from the encrypted file");
    for args in [
        &["due", "net.ron.age", "--on", "2025-01-01"][..],
        &["report", "net.ron.age", "--format", "json"],
        &["export", "net.ron.age", "--format", "json", "-o", "net.json"],
    ] {
        let run = rapport(d, &[args, &["--passphrase-file", "right.txt"]].concat());
        assert!(run.status.success(), "{args:?}: {}", stderr(&run));
    }

    let run = rapport(d, &["decrypt", "net.ron.age", "-o", "back.ron", "--passphrase-file", "right.txt"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(fs::read(d.join("back.ron")).expect("back.ron"), original);
    let again = rapport(d, &["decrypt", "net.ron.age", "-o", "back.ron", "--passphrase-file", "right.txt"]);
    assert_eq!(again.status.code(), Some(1), "an existing file is never replaced");
    assert!(stderr(&again).contains("exists already"), "{}", stderr(&again));

    // A network written encrypted by import and generate, for a name ending in .age.
    fs::write(d.join("people.csv"), "name,email\nWilhelmina Frobisher,w@example.org\n").expect("csv");
    let run =
        rapport(d, &["import", "people.csv", "--into", "net.ron.age", "--passphrase-file", "right.txt"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let bytes = fs::read(d.join("net.ron.age")).expect("read");
    assert!(store::is_encrypted(&bytes) && !bytes.windows(10).any(|w| w == b"Wilhelmina"));
    let backup = fs::read(d.join("net.ron.age.bak")).expect("the backup");
    assert_eq!(backup, sealed, "the backup is the encrypted file as it was");
    let run = rapport(
        d,
        &[
            "generate",
            "--contacts",
            "3",
            "--exchanges",
            "5",
            "-o",
            "gen.ron.age",
            "--passphrase-file",
            "right.txt",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(store::is_encrypted(&fs::read(d.join("gen.ron.age")).expect("generated")));
}

#[test]
fn a_wrong_passphrase_is_exit_1_and_writes_nothing() {
    let (dir, _) = setup();
    let d = dir.path();
    let run = rapport(d, &["encrypt", "net.ron", "-o", "sealed.age", "--passphrase-file", "right.txt"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let sealed = fs::read(d.join("sealed.age")).expect("sealed.age");
    let names_before = names(d);
    for args in [
        &["decrypt", "sealed.age", "-o", "out.ron"][..],
        &["check", "sealed.age"],
        &["balance", "sealed.age"],
        &["export", "sealed.age", "--format", "csv", "-o", "out.csv"],
        &["due", "sealed.age", "-o", "out.ics", "--format", "ics"],
        &["import", "right.txt", "--into", "sealed.age", "--format", "csv"],
    ] {
        let run = rapport(d, &[args, &["--passphrase-file", "wrong.txt"]].concat());
        assert_eq!(run.status.code(), Some(1), "{args:?}: {}", stderr(&run));
        let said = format!("{}{}", stdout(&run), stderr(&run));
        assert!(said.contains("the passphrase is wrong"), "{args:?}: {said}");
        assert!(!said.contains("barley"), "the passphrase is never printed: {said}");
        assert_eq!(names(d), names_before, "{args:?} wrote something");
        assert_eq!(fs::read(d.join("sealed.age")).expect("read"), sealed);
    }
    let empty = d.join("empty.txt");
    fs::write(&empty, "\nopen sesame\n").expect("write");
    let run = rapport(d, &["check", "sealed.age", "--passphrase-file", "empty.txt"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("the first line of the passphrase file is empty"), "{}", stderr(&run));
}

#[test]
fn without_a_terminal_or_a_passphrase_file_the_command_says_what_to_do() {
    let (dir, _) = setup();
    let d = dir.path();
    let run = rapport(d, &["encrypt", "net.ron"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("no terminal to ask for its passphrase"), "{}", stderr(&run));
    assert!(stderr(&run).contains("--passphrase-file"), "{}", stderr(&run));
    assert!(!d.join("net.ron.age").exists());
    let run = rapport(d, &["encrypt", "net.ron", "--passphrase-file", "right.txt"]);
    assert!(run.status.success(), "{}", stderr(&run));
    for args in [&["balance", "net.ron.age"][..], &["decrypt", "net.ron.age", "-o", "x.ron"]] {
        let run = rapport(d, args);
        assert_eq!(run.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&run).contains("net.ron.age: the file is encrypted and there is no terminal"),
            "{args:?}: {}",
            stderr(&run)
        );
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "data")
        .collect();
    names.sort();
    names
}

#[test]
fn on_a_terminal_the_passphrase_is_asked_masked_twice_to_encrypt_and_again_when_wrong() {
    let (dir, _) = setup();
    let d = dir.path();
    let rapport = env!("CARGO_BIN_EXE_rapport");
    let net = d.join("net.ron");
    let sealed = d.join("sealed.ron.age");
    let (net, sealed) = (net.to_str().expect("UTF-8"), sealed.to_str().expect("UTF-8"));
    // Typed twice, differently: nothing is written.
    let run = crate::encryption::on_terminal(
        &["first try", "second try"],
        rapport,
        &["encrypt", net, "-o", sealed],
    );
    let shown = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(1), "{shown}");
    assert!(shown.contains("the two passphrases differ"), "{shown}");
    assert!(!d.join("sealed.ron.age").exists());
    let run = crate::encryption::on_terminal(
        &["kept secret", "kept secret"],
        rapport,
        &["encrypt", net, "-o", sealed],
    );
    let shown = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{shown}");
    assert!(shown.contains("Passphrase for") && shown.contains("The same passphrase again"), "{shown}");
    assert!(!shown.contains("kept secret"), "the passphrase is not echoed: {shown}");

    let run = crate::encryption::on_terminal(&["kept secrte", "kept secret"], rapport, &["check", sealed]);
    let shown = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{shown}");
    assert!(shown.contains("the passphrase is wrong; try again"), "{shown}");
    assert!(shown.contains("ok: 12 contacts"), "{shown}");
    let run = crate::encryption::on_terminal(&["a", "b", "c"], rapport, &["check", sealed]);
    assert_eq!(run.status.code(), Some(1), "three wrong tries: {}", String::from_utf8_lossy(&run.stderr));
}
