//! `rapport generate`, run as the real binary: a valid network of the asked size,
//! the same bytes for the same seed, one line on stdout and nothing on a piped stderr.

use std::path::Path;
use std::process::{Command, Output};

fn generate(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("generate")
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .output()
        .expect("run the rapport binary")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (out, seed) in [("a.ron", "5"), ("b.ron", "5"), ("c.ron", "6")] {
        let run =
            generate(dir.path(), &["--contacts", "120", "--exchanges", "2000", "--seed", seed, "-o", out]);
        assert!(run.status.success(), "{}", text(&run.stderr));
    }
    let read = |name: &str| std::fs::read(dir.path().join(name)).expect("written");
    assert!(read("a.ron") == read("b.ron"), "same seed, other bytes");
    assert!(read("a.ron") != read("c.ron"), "another seed, same bytes");
}

#[test]
fn the_file_is_the_generated_network_in_the_store_s_format_with_seed_1_by_default() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = generate(dir.path(), &["--contacts", "50", "--exchanges", "700", "-o", "net.ron"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let path = dir.path().join("net.ron");
    let expected = rapport::generate::generate(50, 700, 1);
    assert!(std::fs::read_to_string(&path).expect("written") == rapport::store::to_string(&expected));
    let loaded = rapport::store::load(&path).expect("a valid network");
    assert_eq!(loaded, expected);
    assert_eq!(
        text(&run.stdout),
        format!("net.ron: wrote {} (seed 1)\n", expected.counts().join(", ")),
        "one line on stdout"
    );
    assert_eq!(text(&run.stderr), "", "no progress on a piped stderr");
}

#[test]
fn writing_over_a_file_keeps_the_old_one_as_a_backup() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("net.ron"), "old").expect("write");
    let run = generate(dir.path(), &["--contacts", "3", "--exchanges", "4", "-o", "net.ron"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(std::fs::read_to_string(dir.path().join("net.ron.bak")).expect("a backup"), "old");
}

#[test]
fn impossible_sizes_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cases: [&[&str]; 4] = [
        &["--contacts", "0", "--exchanges", "5", "-o", "x.ron"],
        &["--contacts", "10", "--exchanges", "99999999999", "-o", "x.ron"],
        &["--contacts", "-1", "--exchanges", "5", "-o", "x.ron"],
        &["--contacts", "10", "--exchanges", "5"],
    ];
    for args in cases {
        let run = generate(dir.path(), args);
        assert!(!run.status.success(), "{args:?} succeeded");
        assert!(!text(&run.stderr).is_empty(), "{args:?}: no message");
        assert!(!dir.path().join("x.ron").exists(), "{args:?}: a file was written");
    }
    let run = generate(dir.path(), &["--contacts", "0", "--exchanges", "5", "-o", "x.ron"]);
    assert!(text(&run.stderr).contains("needs at least one contact"), "{}", text(&run.stderr));
}

#[test]
fn no_contacts_and_no_exchanges_is_an_empty_network() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = generate(dir.path(), &["--contacts", "0", "--exchanges", "0", "-o", "empty.ron"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let loaded = rapport::store::load(&dir.path().join("empty.ron")).expect("valid");
    assert!(loaded.contacts.is_empty() && loaded.exchanges.is_empty());
}
