//! `rapport due FILE --on DATE --days N --format table|json|ics [-o OUT] [--notify]`,
//! run as the real binary on a small hand-made network (default cadence 90 days).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use icalendar::{Component, DatePerhapsTime};

/// A long name of two- and three-byte characters (and a comma, escaped in ICS).
const LONG_NAME: &str =
    "Zoë Ångström-Łukasiewicz, 山田花子 Øvergård de la Peña (大阪オフィス, 東京都渋谷区神南一丁目一番地一号)";

const NETWORK: &str = r#"(
    version: 2,
    profile: (name: "Me", default_cadence_days: 90),
    contacts: [
        (id: 1, name: "Ann Example", cadence_days: Some(30), created: "2024-06-01"),
        (id: 2, name: "Bo Berg", created: "2024-01-01", dates: [(label: "Birthday", month: 2, day: 12, year: Some(1990))]),
        (id: 3, name: "Cy Busy", cadence_days: Some(10), created: "2025-01-01", dates: [(label: "Anniversary", month: 2, day: 29, year: None)], busy_until: Some("2025-03-01")),
        (id: 4, name: "Di Archived", cadence_days: Some(1), archived: true, created: "2025-01-01", dates: [(label: "Birthday", month: 2, day: 11, year: None)]),
        (id: 5, name: "LONG_NAME", created: "2025-01-01", dates: [(label: "Name day", month: 2, day: 10, year: None)]),
    ],
    exchanges: [
        (id: 1, contact: 2, date: "2024-11-20", direction: Gave, kind: Mentoring, hours: 1.0, value: 3),
    ],
    touches: [
        (id: 1, contact: 1, date: "2025-01-01", channel: Call),
    ],
    commitments: [
        (id: 1, contact: 2, made: "2025-01-15", due: Some("2025-02-12"), direction: Gave, hours: 2.0, summary: "Send the deck; slides, notes\nand a link", done: None),
        (id: 2, contact: 2, made: "2025-01-15", due: Some("2025-02-05"), direction: Received, hours: 1.0, summary: "Intro to Cy", done: None),
        (id: 3, contact: 4, made: "2025-01-15", due: Some("2025-02-11"), direction: Gave, hours: 1.0, summary: "Archived", done: None),
        (id: 4, contact: 1, made: "2025-01-15", due: Some("2025-02-11"), direction: Gave, hours: 1.0, summary: "Done already", done: Some("2025-02-01")),
        (id: 5, contact: 1, made: "2025-01-15", due: None, direction: Gave, hours: 1.0, summary: "No due date", done: None),
    ],
)
"#;

// On 2025-02-10 with --days 7 (items dated up to 02-17, overdue ones included):
// 1 Ann: last touch 01-01 + cadence 30 → check-in due 01-31, 10 days overdue.
// 2 Bo: last touch 2024-11-20 (the exchange) + 90 → check-in 02-18: after 02-17.
//   Promise 2 (they promised, Received) due 02-05; promise 1 (I promised) due 02-12;
//   Birthday 02-12.
// 3 Cy: busy until 03-01 → no check-in; Anniversary 29 Feb → 2025-02-28: after 02-17.
// 4 Di: archived → nothing (not its check-in, promise 3 or birthday).
// 5 the long name: nothing exchanged and no cadence of its own → not in rhythm, no
//   check-in; Name day 02-10 (today).
// Promise 4 is done, promise 5 has no due date: neither is listed.
// Sorted by date, then kind (check-in, promise, date), then name:
const ON: &str = "2025-02-10";
/// date, kind, contact, name, text, overdue_days, direction.
type Expected = (&'static str, &'static str, u64, &'static str, &'static str, i64, Option<&'static str>);
const EXPECTED: [Expected; 5] = [
    ("2025-01-31", "check-in", 1, "Ann Example", "", 10, None),
    ("2025-02-05", "promise", 2, "Bo Berg", "Intro to Cy", 0, Some("Received")),
    ("2025-02-10", "date", 5, LONG_NAME, "Name day", 0, None),
    ("2025-02-12", "promise", 2, "Bo Berg", "Send the deck; slides, notes\nand a link", 0, Some("Gave")),
    ("2025-02-12", "date", 2, "Bo Berg", "Birthday", 0, None),
];

struct Fixture {
    dir: tempfile::TempDir,
    path: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("network.ron");
    std::fs::write(&path, NETWORK.replace("LONG_NAME", LONG_NAME)).expect("write the network");
    Fixture { dir, path }
}

fn due_with(path: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rapport"));
    command.arg("due").arg(path).args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run rapport")
}

fn due(path: &Path, args: &[&str]) -> Output {
    due_with(path, args, &[])
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn json(path: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout(&due(path, &all))).expect("a JSON array")
}

/// (date, kind, name, overdue_days) of each item.
fn brief(items: &[serde_json::Value]) -> Vec<(String, String, String, i64)> {
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    items
        .iter()
        .map(|i| {
            (text(&i["date"]), text(&i["kind"]), text(&i["name"]), i["overdue_days"].as_i64().unwrap_or(-1))
        })
        .collect()
}

#[test]
fn json_lists_the_hand_worked_items_with_design_s_keys() {
    let f = fixture();
    let printed = stdout(&due(&f.path, &["--on", ON, "--days", "7", "--format", "json"]));
    // The keys in DESIGN's order, in every object.
    let keys = ["date", "kind", "contact", "name", "text", "overdue_days", "direction"];
    for object in printed.split('}').filter(|o| o.contains(':')) {
        let places: Vec<usize> =
            keys.iter().map(|k| object.find(&format!("\"{k}\":")).expect("every key")).collect();
        assert!(places.is_sorted(), "{object}");
    }
    let items: Vec<serde_json::Value> = serde_json::from_str(&printed).expect("a JSON array");
    assert_eq!(items.len(), EXPECTED.len(), "{items:#?}");
    for (item, (date, kind, contact, name, text, overdue_days, direction)) in items.iter().zip(EXPECTED) {
        assert_eq!(item.as_object().map(serde_json::Map::len), Some(keys.len()));
        let direction = direction.map_or(serde_json::Value::Null, serde_json::Value::from);
        let want = serde_json::json!({"date": date, "kind": kind, "contact": contact, "name": name, "text": text,
                                      "overdue_days": overdue_days, "direction": direction});
        assert_eq!(item, &want);
    }
}

#[test]
fn days_and_on_move_the_window() {
    let f = fixture();
    let row = |date: &str, kind: &str, name: &str, overdue: i64| {
        (date.to_owned(), kind.to_owned(), name.to_owned(), overdue)
    };
    // --days 8 reaches 02-18: Bo's check-in comes in, last.
    let eight = brief(&json(&f.path, &["--on", ON, "--days", "8"]));
    assert_eq!(eight.len(), 6);
    assert_eq!(eight[5], row("2025-02-18", "check-in", "Bo Berg", 0));
    // --days 20 reaches 03-02: also Cy's 29 February, on 28 February in 2025; Cy is
    // still busy on 02-10, so no check-in for Cy.
    let twenty = brief(&json(&f.path, &["--on", ON, "--days", "20"]));
    assert_eq!(twenty.len(), 7);
    assert_eq!(twenty[6], row("2025-02-28", "date", "Cy Busy", 0));
    assert!(!twenty.iter().any(|r| r.1 == "check-in" && r.2 == "Cy Busy"), "{twenty:?}");
    // --days 0 lists only what is due on the date or before.
    let zero = brief(&json(&f.path, &["--on", ON, "--days", "0"]));
    assert_eq!(
        zero.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        ["2025-01-31", "2025-02-05", "2025-02-10"]
    );
    // On 03-02 with --days 0: Cy is no longer busy (busy_until 03-01 is not after
    // 03-02): created 01-01 + 10 = 01-11, 50 days overdue. Ann 01-31: 30 days (February
    // has 28). Bo 02-18: 12 days. Both promises are still open. Every date's next
    // occurrence is in 2026.
    let later = brief(&json(&f.path, &["--on", "2025-03-02", "--days", "0"]));
    assert_eq!(
        later,
        [
            row("2025-01-11", "check-in", "Cy Busy", 50),
            row("2025-01-31", "check-in", "Ann Example", 30),
            row("2025-02-05", "promise", "Bo Berg", 0),
            row("2025-02-12", "promise", "Bo Berg", 0),
            row("2025-02-18", "check-in", "Bo Berg", 12),
        ]
    );
}

#[test]
fn defaults_are_seven_days_a_table_and_today() {
    let f = fixture();
    let seven = stdout(&due(&f.path, &["--on", ON, "--days", "7", "--format", "table"]));
    assert_eq!(stdout(&due(&f.path, &["--on", ON])), seven);
    let today = jiff::Zoned::now().date().to_string();
    let without = stdout(&due(&f.path, &["--format", "json"]));
    let with = stdout(&due(&f.path, &["--format", "json", "--on", &today]));
    if jiff::Zoned::now().date().to_string() == today {
        assert_eq!(without, with, "--on defaults to today");
    }
}

#[test]
fn the_table_has_a_header_and_one_aligned_line_per_item() {
    let f = fixture();
    let text = stdout(&due(&f.path, &["--on", ON]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + EXPECTED.len(), "{text}");
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["date", "kind", "name", "text", "overdue"]);
    assert!(lines[1].starts_with("2025-01-31  check-in  Ann Example") && lines[1].ends_with(" 10"), "{text}");
    // The promise's line break is a space in the table; a promise past its date shows
    // the days since (02-05 → 02-10: 5).
    assert!(lines[2].contains("promise   Bo Berg") && lines[2].ends_with(" 5"), "{text}");
    assert!(lines[4].contains("Send the deck; slides, notes and a link"), "{text}");
    // Aligned: the kind and name columns start at the same place on every line.
    let at = |line: &str, what: &str| line.find(what).map(|i| line[..i].chars().count());
    assert_eq!(at(lines[0], "kind"), at(lines[1], "check-in"));
    assert_eq!(at(lines[0], "name"), at(lines[3], LONG_NAME.split(' ').next().expect("a word")));
}

fn ics(path: &Path, args: &[&str]) -> String {
    let mut all = vec!["--format", "ics"];
    all.extend_from_slice(args);
    stdout(&due(path, &all))
}

/// What RFC 5545 asks of the bytes, beyond what the parser checks: CRLF only, no
/// physical line over 75 octets, each one whole UTF-8 (a fold never cuts a character).
fn assert_strict_lines(text: &str) {
    assert!(text.ends_with("\r\n"), "ends with CRLF");
    for line in text.as_bytes().split(|b| *b == b'\n') {
        if line.is_empty() {
            continue;
        }
        let line = line.strip_suffix(b"\r").unwrap_or_else(|| panic!("a bare LF before {line:?}"));
        assert!(!line.contains(&b'\r'), "a bare CR in {line:?}");
        assert!(line.len() <= 75, "{} octets: {:?}", line.len(), String::from_utf8_lossy(line));
        assert!(std::str::from_utf8(line).is_ok(), "a fold cut a character: {line:?}");
    }
}

#[test]
fn ics_is_a_valid_rfc_5545_calendar_of_the_items() {
    let f = fixture();
    let text = ics(&f.path, &["--on", ON]);
    assert_strict_lines(&text);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("RFC 5545");
    assert_eq!(parsed.properties.iter().find(|p| p.name == "VERSION").map(|p| p.val.as_str()), Some("2.0"));
    assert!(parsed.properties.iter().any(|p| p.name == "PRODID"));
    assert!(parsed.components.iter().all(|c| c.name == "VEVENT"));
    let calendar: icalendar::Calendar = text.parse().expect("an iCalendar");
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    assert_eq!(events.len(), EXPECTED.len());
    let day = |d: Option<DatePerhapsTime>| match d {
        Some(DatePerhapsTime::Date(date)) => date.to_string(),
        other => panic!("an all-day DATE, not {other:?}"),
    };
    let summaries = [
        "Check in with Ann Example".to_owned(),
        "Promise from Bo Berg: Intro to Cy".to_owned(),
        format!("{LONG_NAME}: Name day"),
        "Promise to Bo Berg: Send the deck; slides, notes\nand a link".to_owned(),
        "Bo Berg: Birthday".to_owned(),
    ];
    let next_days = ["2025-02-01", "2025-02-06", "2025-02-11", "2025-02-13", "2025-02-13"];
    for (((event, want), summary), next) in events.iter().zip(EXPECTED).zip(&summaries).zip(next_days) {
        assert_eq!(day(event.get_start()), want.0);
        assert_eq!(day(event.get_end()), next, "DTEND is the next day");
        assert_eq!(event.get_summary(), Some(summary.as_str()));
        assert!(event.get_uid().is_some_and(|uid| !uid.is_empty()));
        let stamp = event.get_timestamp().expect("a DTSTAMP");
        assert_eq!(stamp.to_rfc3339(), "2025-02-10T00:00:00+00:00", "DTSTAMP from --on, not the clock");
    }
    let mut uids: Vec<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), EXPECTED.len(), "one UID per item");
}

#[test]
fn ics_uids_and_bytes_stay_the_same_from_run_to_run() {
    let f = fixture();
    let first = ics(&f.path, &["--on", ON]);
    assert_eq!(first, ics(&f.path, &["--on", ON]), "the same inputs give the same bytes");
    let uids = |text: &str| -> Vec<String> {
        text.lines().filter_map(|l| l.strip_prefix("UID:")).map(|u| u.trim_end().to_owned()).collect()
    };
    // The next day (window up to 02-18): Bo's check-in joins, the name day (02-10)
    // has passed and next comes in 2026; every other item keeps its UID.
    let next_day = uids(&ics(&f.path, &["--on", "2025-02-11"]));
    let today = uids(&first);
    assert_eq!(next_day.len(), today.len());
    assert!(next_day.contains(&"check-in-2-20250218@rapport".to_owned()), "{next_day:?}");
    for uid in today.iter().filter(|uid| !uid.starts_with("date-5-")) {
        assert!(next_day.contains(uid), "{uid} changed: {next_day:?}");
    }
    assert!(today.contains(&"check-in-1-20250131@rapport".to_owned()), "{today:?}");
    assert!(today.contains(&"promise-2-c1-20250212@rapport".to_owned()), "{today:?}");
    assert!(today.contains(&"date-2-d0-20250212@rapport".to_owned()), "{today:?}");
}

#[test]
fn ics_folds_a_long_multi_byte_name_without_cutting_a_character() {
    let f = fixture();
    let text = ics(&f.path, &["--on", ON]);
    let line = format!("SUMMARY:{}: Name day", LONG_NAME.replace(',', "\\,"));
    assert!(line.len() > 2 * 75, "long enough to fold twice: {} octets", line.len());
    let start = text.find("SUMMARY:Zoë").expect("the long summary");
    let folded: Vec<&str> =
        text[start..].split("\r\n").take_while(|l| l.starts_with("SUMMARY") || l.starts_with(' ')).collect();
    assert!(folded.len() >= 3, "{folded:?}");
    assert!(folded.iter().all(|l| l.len() <= 75), "{folded:?}");
    let unfolded: String =
        folded.iter().enumerate().map(|(i, l)| if i == 0 { *l } else { &l[1..] }).collect();
    assert_eq!(unfolded, line);
    assert_strict_lines(&text);
}

#[test]
fn ics_escapes_semicolons_commas_and_line_breaks() {
    let f = fixture();
    let unfolded = icalendar::parser::unfold(&ics(&f.path, &["--on", ON]));
    let line = unfolded.lines().find(|l| l.starts_with("SUMMARY:Promise to Bo")).expect("the promise");
    assert_eq!(line.trim_end(), r"SUMMARY:Promise to Bo Berg: Send the deck\; slides\, notes\nand a link");
}

#[test]
fn output_goes_to_a_file_with_o() {
    let f = fixture();
    let out = f.dir.path().join("due.ics");
    let printed = ics(&f.path, &["--on", ON]);
    let output = due(&f.path, &["--on", ON, "--format", "ics", "-o", out.to_str().expect("a UTF-8 path")]);
    assert!(stdout(&output).is_empty());
    assert_eq!(std::fs::read_to_string(&out).expect("written"), printed);
    assert!(!f.dir.path().join("due.ics.bak").exists(), "an output, not a network: no backup");
}

#[test]
fn errors_are_clear_exit_1_and_write_nothing() {
    let f = fixture();
    let out = f.dir.path().join("out.json");
    let out_arg = out.to_str().expect("a UTF-8 path");
    let missing = due(&f.path.with_file_name("missing.ron"), &["--on", ON, "-o", out_arg]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("missing.ron"));
    for bad in ["2025-02-30", "tomorrow"] {
        let output = due(&f.path, &["--on", bad, "--format", "json", "-o", out_arg]);
        assert_eq!(output.status.code(), Some(1), "{bad}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains(bad) && message.contains("is not a date like 2025-07-23"), "{message}");
        assert!(output.stdout.is_empty());
    }
    assert!(!out.exists(), "nothing written");
}

#[test]
fn notify_without_a_notification_service_says_so_and_still_prints() {
    let f = fixture();
    let no_bus = [
        ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/rapport-test/bus"),
        ("XDG_RUNTIME_DIR", "/nonexistent/rapport-test"),
    ];
    let plain = stdout(&due(&f.path, &["--on", ON]));
    let output = due_with(&f.path, &["--on", ON, "--notify"], &no_bus);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), plain);
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("no desktop notification service is running;"), "{message}");
    assert!(message.contains("3 things for today"), "Ann, Bo's promise and the name day: {message}");
    // Nothing for today (an empty network): no notification, nothing said.
    let empty = f.dir.path().join("empty.ron");
    std::fs::write(&empty, "(version: 2)\n").expect("write");
    let quiet = due_with(&empty, &["--on", ON, "--notify", "--format", "json"], &no_bus);
    assert_eq!(stdout(&quiet).trim(), "[]");
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
}
