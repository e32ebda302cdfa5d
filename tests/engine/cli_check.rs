//! `rapport check FILE`, run as the real binary: one summary line and exit 0, or one
//! line per problem (`FILE:LINE:COL: message` or `FILE: message`) and exit 1.

use std::fs;
use std::path::Path;
use std::process::Command;

/// What one run printed and how it ended.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Every non-empty line it printed, stdout first.
    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().chain(self.stderr.lines()).filter(|l| !l.trim().is_empty()).collect()
    }
}

/// Runs `rapport check FILE` in `dir`.
fn check(dir: &Path, file: &str) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("check")
        .arg(file)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .output()
        .expect("run the rapport binary");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Writes `bytes` as `name` in a fresh folder, runs check on it, and checks the file
/// was left as it was.
fn check_file(name: &str, bytes: &[u8]) -> Run {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::write(dir.path().join(name), bytes).expect("write the file");
    let run = check(dir.path(), name);
    assert_eq!(
        fs::read(dir.path().join(name)).expect("the file is still there"),
        bytes,
        "check changed the file"
    );
    run
}

/// Counts the records of each list by reading the text, independently of the parser:
/// in a canonical file each record is one line `        (…),` inside its list.
fn count_records(text: &str, list: &str) -> usize {
    let header = format!("\n    {list}: [\n");
    let Some(start) = text.find(&header) else {
        return 0;
    };
    text[start + header.len()..]
        .lines()
        .take_while(|l| *l != "    ],")
        .filter(|l| l.starts_with("        ("))
        .count()
}

#[test]
fn check_on_the_sample_prints_one_summary_line_and_exits_0() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(root.join("assets/sample.ron")).expect("read the sample");
    let counts: Vec<usize> =
        ["contacts", "exchanges", "touches", "commitments", "introductions", "wins", "playbook"]
            .iter()
            .map(|list| count_records(&text, list))
            .collect();
    assert!(counts.iter().all(|n| *n > 0), "the sample has records of every kind: {counts:?}");

    let run = check(root, "assets/sample.ron");
    assert_eq!(run.code, Some(0), "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    let expected = format!(
        "assets/sample.ron: ok: {} contacts, {} exchanges, {} touches, {} commitments, {} introductions, {} wins, {} playbook lessons\n",
        counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]
    );
    assert_eq!(run.stdout, expected);
    assert_eq!(run.stderr, "");
}

#[test]
fn check_on_a_parse_error_prints_file_line_col_message_and_exits_1() {
    let text =
        "(\n    version: 1,\n    contacts: [\n        (id: 1, name: \"A\", nickname: \"B\"),\n    ],\n)\n";
    let run = check_file("broken.ron", text.as_bytes());
    assert_eq!(run.code, Some(1), "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("broken.ron:4:28: "), "{lines:?}");
    assert!(lines[0].contains("`nickname`"), "{lines:?}");

    // A syntax error: a missing comma between two fields.
    let text = "(\n    version: 1\n    contacts: [],\n)\n";
    let run = check_file("syntax.ron", text.as_bytes());
    assert_eq!(run.code, Some(1));
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("syntax.ron:3:5: "), "{lines:?}");
    assert!(lines[0].len() > "syntax.ron:3:5: ".len(), "the message is empty: {lines:?}");
}

#[test]
fn check_on_invalid_utf8_prints_the_place_of_the_bad_byte_and_exits_1() {
    let run = check_file("latin1.ron", b"(\n    version: 1,\n    profile: (name: \"Zo\xEB\"),\n)\n");
    assert_eq!(run.code, Some(1));
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("latin1.ron:3:24: "), "{lines:?}");
    assert!(lines[0].contains("UTF-8"), "{lines:?}");
}

#[test]
fn check_on_a_newer_version_says_newer_and_exits_1() {
    let run = check_file("future.ron", b"(version: 3, hologram: true)");
    assert_eq!(run.code, Some(1));
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("future.ron: "), "{lines:?}");
    assert!(lines[0].contains("newer"), "{lines:?}");
}

#[test]
fn check_on_a_file_with_two_problems_prints_two_lines_and_exits_1() {
    let text = "(\n    version: 1,\n    contacts: [\n        (id: 1, name: \"A\"),\n    ],\n    exchanges: [\n        (id: 1, contact: 9),\n    ],\n    wins: [\n        (id: 1, contact: 8),\n    ],\n)\n";
    let run = check_file("two.ron", text.as_bytes());
    assert_eq!(run.code, Some(1), "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    assert_eq!(
        run.lines(),
        [
            "two.ron: exchanges[0] (id 1): contact 9 does not exist",
            "two.ron: wins[0] (id 1): contact 8 does not exist"
        ]
    );
}

#[test]
fn check_on_a_missing_file_exits_1_naming_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = check(dir.path(), "absent.ron");
    assert_eq!(run.code, Some(1), "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("absent.ron: "), "{lines:?}");
    assert!(!dir.path().join("absent.ron").exists(), "check created the file");
}
