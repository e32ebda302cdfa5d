//! File format version 2 (DESIGN.md "File format, version 2"): what a version-1 file
//! becomes, where `rapport check` puts errors in the new fields, and the lineage a save
//! writes as `parent`.

use std::path::Path;
use std::process::Command;

use rapport::model::{FORMAT_VERSION, ImportantDate, Network};
use rapport::store;

const DAY: jiff::civil::Date = jiff::civil::Date::constant(2025, 1, 1);

fn rapport(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .current_dir(dir)
        .env("RAPPORT_DATA_DIR", dir.join("data"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run rapport: {e}"));
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (output.status.code(), text(output.stdout), text(output.stderr))
}

/// A version-2 file with one contact and one touch, `contact_extra` and `touch_extra`
/// put where the new fields go.
fn file(parent: &str, contact_extra: &str, touch_extra: &str) -> String {
    format!(
        "(\n    version: 2,\n    parent: {parent},\n    contacts: [\n        (id: 1, name: \"Grace\", created: \
         \"2024-01-10\"{contact_extra}, notes: \"\"),\n    ],\n    touches: [\n        (id: 1, contact: 1, date: \
         \"2025-08-02\", channel: Call{touch_extra}, notes: \"\"),\n    ],\n)\n"
    )
}

#[test]
fn check_says_where_a_new_field_is_wrong() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cases = [
        (
            "month",
            file("None", ", dates: [(label: \"Birthday\", month: 13, day: 1, year: None)]", ""),
            5,
            "month 13",
        ),
        (
            "leap day",
            file("None", ", dates: [(label: \"Anniversary\", month: 2, day: 29, year: Some(2023))]", ""),
            5,
            "day 29 is not in month 2 of 2023",
        ),
        ("busy until", file("None", ", busy_until: Some(\"2026-02-30\")", ""), 5, "date is not valid"),
        ("parent", file("Some(\"not a hash\")", "", ""), 3, "64 lowercase hex"),
        ("heard", file("None", "", ", working_on: 5"), 8, "string"),
    ];
    for (what, text, line, says) in cases {
        let name = format!("{}.ron", what.replace(' ', "-"));
        std::fs::write(dir.path().join(&name), &text).expect("write");
        let (code, stdout, stderr) = rapport(dir.path(), &["check", &name]);
        assert_eq!(code, Some(1), "{what}: {stdout}{stderr}");
        let out = format!("{stdout}{stderr}");
        let prefix = format!("{name}:{line}:");
        let first = out.lines().next().unwrap_or_default();
        assert!(first.starts_with(&prefix), "{what}: expected {prefix}COL, got {out}");
        let col: usize = first[prefix.len()..].split(':').next().and_then(|c| c.parse().ok()).unwrap_or(0);
        assert!(col > 1, "{what}: a column on the line: {first}");
        assert!(first.contains(says), "{what}: {first}");
        // The standard parser and the fast one agree: the file is refused either way.
        assert!(store::parse(&text, Path::new(&name)).is_err(), "{what}");
    }
    // The same fields, right, pass.
    let good = file(
        &format!("Some(\"{}\")", "0a".repeat(32)),
        ", dates: [(label: \"Birthday\", month: 2, day: 29, year: None)], busy_until: Some(\"2026-02-01\")",
        ", working_on: \"a fund\", priorities: \"hiring\", constraints: \"time\"",
    );
    std::fs::write(dir.path().join("good.ron"), &good).expect("write");
    let (code, stdout, stderr) = rapport(dir.path(), &["check", "good.ron"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
}

#[test]
fn important_dates_are_checked_and_come_round_every_year() {
    assert!(ImportantDate::new("x", 0, 1, None).is_err());
    assert!(ImportantDate::new("x", 4, 31, None).is_err());
    assert!(ImportantDate::new("x", 2, 29, Some(2024)).is_ok());
    assert!(ImportantDate::new("x", 2, 29, Some(1900)).is_err(), "1900 was not a leap year");
    let leap = ImportantDate::new("Leap", 2, 29, None).expect("a date without a year");
    let on = |y, m, d| jiff::civil::Date::new(y, m, d).expect("a date");
    assert_eq!(leap.next_on_or_after(on(2025, 1, 10)), on(2025, 2, 28), "28 February without a 29th");
    assert_eq!(leap.next_on_or_after(on(2028, 2, 1)), on(2028, 2, 29));
    let december = ImportantDate::new("Birthday", 12, 9, None).expect("a date");
    assert_eq!(december.next_on_or_after(on(2025, 12, 9)), on(2025, 12, 9), "today counts");
    assert_eq!(december.next_on_or_after(on(2025, 12, 10)), on(2026, 12, 9));
}

#[test]
fn a_version_1_file_imported_into_is_upgraded_with_its_lineage_and_says_so() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let v1 = "(\n    version: 1,\n    contacts: [\n        (id: 1, name: \"Grace\", created: \"2024-01-10\"),\n    ],\n)\n";
    let network = dir.path().join("network.ron");
    std::fs::write(&network, v1).expect("write");
    let card = dir.path().join("ada.vcf");
    std::fs::write(&card, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Example\r\nEND:VCARD\r\n").expect("write");
    let (code, stdout, stderr) = rapport(dir.path(), &["import", "ada.vcf", "--into", "network.ron"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("upgraded from file format version 1 to 2"), "{stdout}");
    assert!(stdout.contains("network.ron.bak keeps the old file"), "{stdout}");
    assert_eq!(std::fs::read_to_string(dir.path().join("network.ron.bak")).expect("backup"), v1);

    let upgraded = store::load(&network).expect("the upgraded file loads");
    assert_eq!(upgraded.version, FORMAT_VERSION);
    let v1_hash = store::FileStamp::of_bytes(v1.as_bytes(), None).lineage();
    assert_eq!(
        upgraded.parent.as_deref(),
        Some(v1_hash.as_str()),
        "the parent is the file it was written over"
    );
    assert_eq!(upgraded.contacts.len(), 2);

    // Importing again writes a file whose parent is the upgraded file, and says nothing
    // of upgrading.
    let first_bytes = std::fs::read(&network).expect("read");
    let other = dir.path().join("bo.vcf");
    std::fs::write(&other, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Example\r\nEND:VCARD\r\n").expect("write");
    let (code, stdout, _) = rapport(dir.path(), &["import", "bo.vcf", "--into", "network.ron"]);
    assert_eq!(code, Some(0));
    assert!(!stdout.contains("upgraded"), "{stdout}");
    let again = store::load(&network).expect("loads");
    let first_hash = store::FileStamp::of_bytes(&first_bytes, None).lineage();
    assert_eq!(again.parent.as_deref(), Some(first_hash.as_str()));
    // Every version read or written is kept by hash: the version-1 file, the first
    // import's and the second's.
    let history = store::History::new(dir.path().join("data").join("history"));
    let key = store::RecoveryKey::for_document(&network);
    let now = store::FileStamp::read(&network).expect("stamp").lineage();
    for lineage in [&v1_hash, &first_hash, &now] {
        let kept = history.find(&key, lineage).unwrap_or_else(|| panic!("{lineage} kept"));
        assert_eq!(store::FileStamp::read(&kept).expect("stamp").lineage(), *lineage);
    }
}

#[test]
fn a_save_writes_the_parent_it_is_given_and_reads_back_the_same_records() {
    let mut network = Network { version: 1, ..Network::default() };
    network.contacts.push(rapport::model::Contact::new(1, "Grace", DAY));
    let parent = "ab".repeat(32);
    let text = store::to_string_as_child(&network, Some(&parent));
    assert!(text.starts_with(&format!("(\n    version: 2,\n    parent: Some(\"{parent}\"),\n")), "{text}");
    let back = store::parse(&text, Path::new("n.ron")).expect("parses");
    assert_eq!(back, Network { version: 2, parent: Some(parent), ..network });
}
