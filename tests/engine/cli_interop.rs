//! `rapport import`, `export` and `report` as a user runs them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the binary with its data folder (the history of versions) in a temporary one.
fn rapport(args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .env("RAPPORT_DATA_DIR", data.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run rapport: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// A folder with the support network saved as `network.ron`.
fn folder_with_network() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("network.ron");
    std::fs::write(&file, rapport::store::to_string(&crate::interop_support::network()))
        .unwrap_or_else(|e| panic!("{e}"));
    (dir, file)
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_default()
}

#[test]
fn import_dry_run_prints_the_preview_and_changes_nothing() {
    let (dir, file) = folder_with_network();
    let before = read(&file);
    let out = rapport(&["import", &fixture("apple.vcf"), "--into", path(&file), "--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("(vCard, read as UTF-8): 3 new, 0 already in the network, 0 unreadable"),
        "{stdout}"
    );
    assert!(stdout.contains("+ Amélie Example <amelie@example.com>, Example Labs"), "{stdout}");
    assert!(stdout.contains("was not changed"), "{stdout}");
    assert_eq!(read(&file), before);
    assert!(!dir.path().join("network.ron.bak").exists());

    let csv = rapport(&["import", &fixture("contacts.csv"), "--into", path(&file), "--dry-run"]);
    let stdout = text(&csv.stdout);
    assert!(stdout.contains("columns: name ← \"Full Name\""), "{stdout}");
    assert!(stdout.contains("! line 7: no name and no email"), "{stdout}");
    assert_eq!(read(&file), before);
}

#[test]
fn import_saves_safely_and_twice_adds_nobody() {
    let (dir, file) = folder_with_network();
    let before = read(&file);
    let out = rapport(&["import", &fixture("Connections.csv"), "--into", path(&file)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("added 4 contacts, merged 0"), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("line 7: no first name, last name or email (skipped)"));
    assert_eq!(read(&dir.path().join("network.ron.bak")), before, "the previous file is kept");
    let network = rapport::store::load(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(network.contacts.len(), 8);

    let after_first = read(&file);
    let again =
        rapport(&["import", &fixture("Connections.csv"), "--into", path(&file), "--format", "linkedin"]);
    assert!(again.status.success());
    assert!(text(&again.stdout).contains("nothing new"), "{}", text(&again.stdout));
    assert_eq!(read(&file), after_first);
}

#[test]
fn import_into_a_file_open_in_rapport_is_refused_and_changes_nothing() {
    let (dir, file) = folder_with_network();
    let before = read(&file);
    // This test process stands for a Rapport window holding the file.
    let lock = rapport::store::DocumentLock::acquire(&file).unwrap_or_else(|e| panic!("{e}"));
    let out = rapport(&["import", &fixture("Connections.csv"), "--into", path(&file)]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("is open in Rapport (process"), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert_eq!(read(&file), before);
    assert!(!dir.path().join("network.ron.bak").exists());
    // A dry run only reads, and once the window lets go the import goes through.
    let dry = rapport(&["import", &fixture("Connections.csv"), "--into", path(&file), "--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    drop(lock);
    let out = rapport(&["import", &fixture("Connections.csv"), "--into", path(&file)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!dir.path().join("network.ron.lock").exists(), "the command's own lock is gone");
}

#[test]
fn import_into_a_missing_file_creates_a_network() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("new.ron");
    let out = rapport(&["import", &fixture("outlook.vcf"), "--into", path(&file)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let network = rapport::store::load(&file).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = network.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Jürgen Müller", "Zoë Voorbeeld", "Linh Nguyen"]);
}

#[test]
fn import_of_bad_input_fails_and_changes_nothing() {
    let (dir, file) = folder_with_network();
    let before = read(&file);
    let bad = dir.path().join("broken.vcf");
    std::fs::write(&bad, "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Example\n").unwrap_or_else(|e| panic!("{e}"));
    let out = rapport(&["import", path(&bad), "--into", path(&file)]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("broken.vcf: card 1 (line 1): the card has no END:VCARD"), "{stderr}");
    assert_eq!(read(&file), before);
    assert!(!dir.path().join("network.ron.bak").exists());

    let binary = dir.path().join("photo.csv");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_or_else(|e| panic!("{e}"));
    let out = rapport(&["import", path(&binary), "--into", path(&file), "--format", "csv"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("photo.csv: line 3: binary data"), "{}", text(&out.stderr));
    assert_eq!(read(&file), before);
}

#[test]
fn export_vcard_csv_and_json() {
    let (dir, file) = folder_with_network();
    for (format, name, start) in [
        ("vcard", "contacts.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\n"),
        ("csv", "ledger.csv", "id,date,contact_id,contact,"),
        ("json", "network.json", "{\n  \"version\": 2,"),
    ] {
        let out_path = dir.path().join(name);
        let out = rapport(&["export", path(&file), "--format", format, "-o", path(&out_path)]);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        assert!(text(&read(&out_path)).starts_with(start), "{format}: {}", text(&read(&out_path)));
    }
    let missing =
        rapport(&["export", path(&dir.path().join("none.ron")), "--format", "json", "-o", "x.json"]);
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("none.ron"));
}

#[test]
fn report_json_keys_and_formats() {
    let (dir, file) = folder_with_network();
    let out =
        rapport(&["report", path(&file), "--from", "2025-04-01", "--to", "2025-07-01", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    for key in crate::design::REPORT_JSON_KEYS {
        assert!(value.get(key).is_some(), "{key} missing");
    }
    assert_eq!((value["from"].as_str(), value["to"].as_str()), (Some("2025-04-01"), Some("2025-07-01")));
    assert_eq!(value["given"]["count"], 3);
    assert_eq!(value["unthanked"], 3);

    let html = dir.path().join("report.html");
    let out = rapport(&[
        "report",
        path(&file),
        "--from",
        "2025-04-01",
        "--to",
        "2025-07-01",
        "--format",
        "html",
        "-o",
        path(&html),
    ]);
    assert!(out.status.success() && out.stdout.is_empty());
    assert!(text(&read(&html)).contains("&lt;script&gt;"));

    // The default period: the last full quarter before today.
    let out = rapport(&["report", path(&file), "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let expected = rapport::interop::Period::last_full_quarter(jiff::Zoned::now().date());
    assert_eq!(value["from"].as_str(), Some(expected.from.to_string().as_str()));
    assert_eq!(value["to"].as_str(), Some(expected.to_exclusive.to_string().as_str()));

    let md = rapport(&["report", path(&file), "--from", "2025-04-01", "--to", "2025-07-01"]);
    assert!(text(&md.stdout).starts_with("# Contribution report: 2025 Q2"));

    let backwards = rapport(&["report", path(&file), "--from", "2025-07-01", "--to", "2025-04-01"]);
    assert!(!backwards.status.success());
    assert!(text(&backwards.stderr).contains("must be before"), "{}", text(&backwards.stderr));
}

#[test]
fn import_reads_legacy_encodings_and_takes_encoding_name() {
    let (dir, file) = folder_with_network();
    let src = fixture("encodings/addressbook-shift_jis.csv");
    let out = rapport(&["import", &src, "--into", path(&file), "--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("(CSV, read as Shift_JIS (detected)): 2 new"), "{stdout}");
    assert!(stdout.contains("+ 安藤 ロイド <lloyd@example.jp>, 東京テスト商会"), "{stdout}");

    // --encoding: read as the user says; a byte-order mark would still win.
    let latin9 = dir.path().join("latin9.csv");
    std::fs::write(&latin9, b"Name,Email\r\nJ\xFCrgen \xA4,j@example.com\r\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out =
        rapport(&["import", path(&latin9), "--into", path(&file), "--encoding", "iso8859-15", "--dry-run"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("read as ISO-8859-15 (chosen)") && stdout.contains("+ Jürgen € <j@example.com>"),
        "{stdout}"
    );

    let before = read(&file);
    let out = rapport(&["import", path(&latin9), "--into", path(&file), "--encoding", "klingon"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("unknown encoding \"klingon\""), "{}", text(&out.stderr));
    assert_eq!(read(&file), before, "nothing written");

    // A real import says how it read the file, and warns of an unknown CHARSET.
    let out = rapport(&["import", &fixture("encodings/charsets-2.1.vcf"), "--into", path(&file)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr)
            .contains("line 31: unknown CHARSET=X-MAC-KLINGON; read as UTF-8, the file's encoding (warning)"),
        "{}",
        text(&out.stderr)
    );
    let network = rapport::store::load(&file).unwrap_or_else(|e| panic!("{e}"));
    for name in ["Łukasz Wójcik", "Иван Петров", "王小明", "陳大文", "Νίκος Παπαδόπουλος"]
    {
        assert!(network.contacts.iter().any(|c| c.name == name), "{name} imported");
    }
}
