//! `rapport balance FILE --on DATE --format json|csv|table`, run as the real binary on
//! a small hand-made network (default profile: half-life 180 days, tolerance 0.15,
//! default cadence 90 days).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NETWORK: &str = r#"(
    version: 1,
    profile: (name: "Me", capacity_hours_per_month: 10.0, half_life_days: 180.0, balance_tolerance: 0.15, default_cadence_days: 90),
    contacts: [
        (id: 1, name: "Grace Hopper", cadence_days: Some(30), created: "2024-01-10"),
        (id: 2, name: "Alan Turing", created: "2025-01-01"),
        (id: 3, name: "Ada, \"the\" Countess", communal: true, created: "2025-01-01"),
    ],
    exchanges: [
        (id: 1, contact: 1, date: "2025-01-01", direction: Gave, kind: Mentoring, hours: 1.0, value: 4),
        (id: 2, contact: 1, date: "2025-06-30", direction: Received, kind: Feedback, hours: 0.5, value: 1),
        (id: 3, contact: 3, date: "2025-06-30", direction: Gave, kind: Support, hours: 2.0, value: 5),
        (id: 4, contact: 2, date: "2025-07-01", direction: Gave, kind: Other, hours: 1.0, value: 5),
    ],
    touches: [
        (id: 1, contact: 2, date: "2025-03-01", channel: Call),
    ],
)
"#;

// On 2025-06-30 (exchange 4 is dated after it and is ignored):
// 1 Grace: given 4 × 0.5^(180/180) = 2.0 (Jan 1 → Jun 30 is 180 days), received 1.0,
//   share 2 / 3 > 0.65 → Giving; last touch 06-30; cadence 30 → due 07-30; overdue 0.
// 2 Alan: nothing exchanged → share null, Quiet; last touch 03-01 (the touch);
//   + 90 days → due 05-30; 05-30 → 06-30 = 31 days overdue.
// 3 Ada: communal: given 5, received 0, share 1.0, Communal; due 06-30 + 90 = 09-28.
const ON: &str = "2025-06-30";

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("network.ron");
    std::fs::write(&path, NETWORK).expect("write the network");
    Fixture { _dir: dir, path }
}

fn balance(path: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("balance")
        .arg(path)
        .args(args)
        .output()
        .expect("run rapport")
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn json_has_the_documented_keys_and_numbers() {
    let f = fixture();
    let text = stdout(&balance(&f.path, &["--on", ON, "--format", "json"]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON array");
    assert_eq!(rows.len(), 3);
    let keys =
        ["id", "name", "given", "received", "share", "band", "last_touch", "due", "overdue_days", "mutual"];
    for row in &rows {
        let object = row.as_object().expect("an object");
        let mut got: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut want = keys.to_vec();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want);
    }
    let grace = &rows[0];
    assert_eq!(grace["id"], 1);
    assert_eq!(grace["name"], "Grace Hopper");
    assert_eq!(grace["given"].as_f64(), Some(2.0));
    assert_eq!(grace["received"].as_f64(), Some(1.0));
    let share = grace["share"].as_f64().expect("a share");
    assert!((share - 2.0 / 3.0).abs() < 1e-12, "{share}");
    assert_eq!(grace["band"], "Giving");
    assert_eq!(
        (&grace["last_touch"], &grace["due"], &grace["overdue_days"]),
        (&"2025-06-30".into(), &"2025-07-30".into(), &0.into())
    );
    // mutual = min(given, received) = min(2, 1).
    assert_eq!(grace["mutual"].as_f64(), Some(1.0));

    let alan = &rows[1];
    assert_eq!((alan["given"].as_f64(), alan["received"].as_f64()), (Some(0.0), Some(0.0)));
    assert!(alan["share"].is_null(), "share is null when nothing was exchanged");
    assert_eq!(alan["band"], "Quiet");
    assert_eq!(alan["mutual"].as_f64(), Some(0.0));
    assert_eq!(
        (&alan["last_touch"], &alan["due"], &alan["overdue_days"]),
        (&"2025-03-01".into(), &"2025-05-30".into(), &31.into())
    );

    let ada = &rows[2];
    assert_eq!(ada["name"], "Ada, \"the\" Countess");
    assert_eq!((ada["given"].as_f64(), ada["share"].as_f64()), (Some(5.0), Some(1.0)));
    assert_eq!((&ada["band"], &ada["due"]), (&"Communal".into(), &"2025-09-28".into()));
}

#[test]
fn csv_has_a_header_and_one_row_per_contact() {
    let f = fixture();
    let text = stdout(&balance(&f.path, &["--on", ON, "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("a header").iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        ["id", "name", "given", "received", "share", "band", "last_touch", "due", "overdue_days", "mutual"]
    );
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("a record").iter().map(str::to_owned).collect()).collect();
    assert_eq!(rows.len(), 3);
    let number = |s: &str| s.parse::<f64>().expect("a number");
    // Grace: 1, given 2.0, received 1.0, share 0.667, Giving.
    assert_eq!((rows[0][0].as_str(), rows[0][1].as_str()), ("1", "Grace Hopper"));
    assert_eq!((number(&rows[0][2]), number(&rows[0][3])), (2.0, 1.0));
    assert!((number(&rows[0][4]) - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(&rows[0][5..9], ["Giving", "2025-06-30", "2025-07-30", "0"]);
    assert_eq!(number(&rows[0][9]), 1.0, "mutual");
    // Alan: an empty share field.
    assert_eq!(rows[1][4], "");
    assert_eq!(&rows[1][5..], ["Quiet", "2025-03-01", "2025-05-30", "31", "0.0"]);
    // Ada: the comma and quotes in the name survive quoting.
    assert_eq!(rows[2][1], "Ada, \"the\" Countess");
    assert_eq!(&rows[2][5..], ["Communal", "2025-06-30", "2025-09-28", "0", "0.0"]);
}

#[test]
fn table_has_a_header_and_one_line_per_contact() {
    let f = fixture();
    let text = stdout(&balance(&f.path, &["--on", ON, "--format", "table"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        ["id", "name", "given", "received", "share", "band", "last_touch", "due", "overdue", "mutual"]
    );
    let grace: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        grace,
        ["1", "Grace", "Hopper", "2.00", "1.00", "0.67", "Giving", "2025-06-30", "2025-07-30", "0", "1.00"]
    );
    let alan: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(
        alan,
        ["2", "Alan", "Turing", "0.00", "0.00", "—", "Quiet", "2025-03-01", "2025-05-30", "31", "0.00"]
    );
    assert!(lines[3].contains("Communal") && lines[3].contains("2025-09-28"), "{}", lines[3]);
}

#[test]
fn an_empty_network_still_has_headers() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("empty.ron");
    std::fs::write(&path, "(version: 1)\n").expect("write the network");
    let csv = stdout(&balance(&path, &["--on", ON, "--format", "csv"]));
    assert_eq!(csv, "id,name,given,received,share,band,last_touch,due,overdue_days,mutual\n");
    assert_eq!(stdout(&balance(&path, &["--on", ON, "--format", "json"])).trim(), "[]");
    assert_eq!(stdout(&balance(&path, &["--on", ON, "--format", "table"])).lines().count(), 1);
}

#[test]
fn the_keys_are_the_documented_ones() {
    let keys =
        ["id", "name", "given", "received", "share", "band", "last_touch", "due", "overdue_days", "mutual"];
    assert_eq!(rapport::analysis::BalanceRow::KEYS, keys);
}

#[test]
fn the_table_is_the_default_format() {
    let f = fixture();
    let default = stdout(&balance(&f.path, &["--on", ON]));
    assert_eq!(default, stdout(&balance(&f.path, &["--on", ON, "--format", "table"])));
}

#[test]
fn a_bad_date_is_a_clear_error() {
    let f = fixture();
    for bad in ["2025-13-01", "yesterday", "30/06/2025"] {
        let output = balance(&f.path, &["--on", bad]);
        assert!(!output.status.success(), "{bad} accepted");
        assert!(output.stdout.is_empty());
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains(bad) && message.contains("is not a date like 2025-07-23"), "{message}");
    }
}

#[test]
fn a_missing_file_is_an_error() {
    let f = fixture();
    let output = balance(&f.path.with_file_name("missing.ron"), &["--on", ON]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.ron"));
}

#[test]
fn a_missing_file_says_each_cause_once() {
    let f = fixture();
    let output = balance(&f.path.with_file_name("missing.ron"), &["--on", ON]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("missing.ron"), "{stderr}");
    assert_eq!(stderr.matches("(os error 2)").count(), 1, "the I/O error once, not twice: {stderr}");
}

/// DESIGN's due rule (version 2): nothing with a contact on or before the date and no
/// cadence of its own: `due` null and `overdue_days` 0, in every format.
#[test]
fn a_contact_not_in_rhythm_yet_has_no_due_date() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("network.ron");
    let text = "(\n    version: 2,\n    contacts: [\n        (id: 1, name: \"Bo Newcomer\", created: \"2024-01-01\"),\n        \
                (id: 2, name: \"Cy Cadence\", cadence_days: Some(30), created: \"2025-06-01\"),\n    ],\n    touches: [\n        \
                (id: 1, contact: 1, date: \"2025-07-15\", channel: Call),\n    ],\n)\n";
    std::fs::write(&path, text).expect("write");
    let json = stdout(&balance(&path, &["--on", ON, "--format", "json"]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("a JSON array");
    assert_eq!(
        (&rows[0]["due"], &rows[0]["overdue_days"]),
        (&serde_json::Value::Null, &serde_json::json!(0))
    );
    // A cadence of its own: due from the created date (06-01 + 30 = 07-01).
    assert_eq!(rows[1]["due"], "2025-07-01");
    let table = stdout(&balance(&path, &["--on", ON]));
    let bo = table.lines().find(|l| l.contains("Bo Newcomer")).expect("Bo's row");
    assert!(bo.contains("2024-01-01  —"), "{bo}");
    let csv = stdout(&balance(&path, &["--on", ON, "--format", "csv"]));
    assert!(
        csv.lines().any(|l| l.starts_with("1,Bo Newcomer,") && l.ends_with(",2024-01-01,,0,0.0")),
        "{csv}"
    );
    // Once the touch has happened, Bo is in rhythm: 07-15 + 90 = 10-13.
    let json = stdout(&balance(&path, &["--on", "2025-07-15", "--format", "json"]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("a JSON array");
    assert_eq!(rows[0]["due"], "2025-10-13");
}
