//! Helpers of the storage tests: generated networks, child processes (the test binary
//! run again with an environment variable naming its role), folder listings.

#![allow(dead_code, reason = "each test file uses a different part of the helpers")]

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use jiff::civil::Date;
use rapport::model::{Contact, Direction, Exchange, Kind, Network, Touch};

/// A valid network of `contacts` contacts and `exchanges` exchanges; `seed` changes
/// every text, so two seeds give two different networks of the same shape.
pub fn network(seed: u64, contacts: u64, exchanges: u64) -> Network {
    let day = |n: u64| {
        Date::constant(2024, 1, 1).checked_add(jiff::Span::new().days(i64::try_from(n % 700).unwrap_or(0)))
    };
    let mut network = Network::default();
    network.profile.name = format!("Owner {seed}");
    network.contacts = (1..=contacts)
        .map(|id| {
            let mut c = Contact::new(id, format!("Person {id} of {seed}"), day(id).expect("a date"));
            c.notes = format!("Met at event {seed}.\nLikes \"tea\" and {id} things.\tTabbed; ünïcödé ✓");
            c.tags = vec![format!("tag{}", id % 7)];
            c
        })
        .collect();
    network.exchanges = (1..=exchanges)
        .map(|id| Exchange {
            id,
            contact: 1 + id % contacts.max(1),
            date: day(id * 3).expect("a date"),
            direction: if id % 3 == 0 { Direction::Received } else { Direction::Gave },
            kind: Kind::ALL[(id % 13) as usize],
            hours: (id % 8) as f64 * 0.5,
            value: 1 + (id % 5) as u8,
            summary: format!("Exchange {id} (seed {seed})"),
            outcome: String::new(),
            thanked: id % 2 == 0,
        })
        .collect();
    if contacts > 0 {
        network.touches = vec![Touch {
            id: 1,
            contact: 1,
            date: day(seed).expect("a date"),
            channel: rapport::model::Channel::Call,
            working_on: String::new(),
            priorities: String::new(),
            constraints: String::new(),
            notes: format!("seed {seed}"),
        }];
    }
    network
}

/// Sorted names of the entries of `dir`.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list the folder")
        .map(|e| e.expect("a folder entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Names in `dir` ending in `.tmp`.
pub fn temp_files_in(dir: &Path) -> Vec<String> {
    names_in(dir).into_iter().filter(|n| n.ends_with(".tmp")).collect()
}

/// The role this process plays when it was started as a child by a test, from the
/// environment variable `var`; `None` in a normal test run.
pub fn child_role(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|v| !v.is_empty())
}

/// Starts this test binary again running only `test` (its path in the binary, as
/// `module::name`), with `envs` set; its stdout is piped so the parent can wait for a
/// line.
pub fn spawn_child(test: &str, envs: &[(&str, &str)]) -> Child {
    child_command(test, envs).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().expect("start a child")
}

/// The command that runs only `test` of this test binary, with `envs` set.
pub fn child_command(test: &str, envs: &[(&str, &str)]) -> Command {
    let exe = std::env::current_exe().expect("the test binary");
    let mut command = Command::new(exe);
    command.args(["--exact", test, "--nocapture", "--test-threads", "1", "-q"]);
    for (key, value) in envs {
        command.env(key, value);
    }
    command.stdin(Stdio::null());
    command
}

/// Runs `test` of this test binary as a child in a mount namespace of its own
/// (`unshare` with `flags`), after `script` (a `sh -c` line that prepares the mounts,
/// then `exec "$0" "$@"`), with `envs` set. Panics unless the child succeeded;
/// returns its stdout.
pub fn run_child_in_own_mounts(flags: &[&str], script: &str, test: &str, envs: &[(&str, &str)]) -> String {
    let exe = std::env::current_exe().expect("the test binary");
    let child = child_command(test, envs);
    let output = Command::new("unshare")
        .args(flags)
        .args(["sh", "-c", script])
        .arg(exe)
        .args(child.get_args())
        .envs(child.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .output()
        .expect("run the child under unshare");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "the child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Reads the child's stdout until a line equal to `marker`; false if it ended first.
pub fn wait_for_line(stdout: &mut BufReader<ChildStdout>, marker: &str) -> bool {
    let mut line = String::new();
    loop {
        line.clear();
        match stdout.read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) if line.trim_end() == marker => return true,
            Ok(_) => {}
        }
    }
}

/// Whether this process runs as root (who ignores file permissions).
pub fn running_as_root() -> bool {
    fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
    })
}

/// Whether `unshare -m` can give a child its own mount namespace (root, or a system
/// that allows unprivileged user namespaces with `-r`); returns the flags to use.
pub fn unshare_flags() -> Option<&'static [&'static str]> {
    let works = |flags: &[&str]| {
        Command::new("unshare")
            .args(flags)
            .args(["sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || exit 3"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if works(&["-m"]) {
        Some(&["-m"])
    } else if works(&["-r", "-m"]) {
        Some(&["-r", "-m"])
    } else {
        None
    }
}
