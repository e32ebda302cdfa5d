//! Who is writing: this process's id, host and start, and whether another process
//! named in a lock or a temporary file is still alive. Only Linux can tell for sure
//! (through `/proc`); elsewhere a process is [`Liveness::Unknown`].

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::OnceLock;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

/// A process as written into lock and recovery files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Owner {
    pub pid: u32,
    pub host: String,
    /// The kernel's start time of the process (Linux: clock ticks since boot), so that
    /// a pid reused by another program is not mistaken for the owner.
    #[serde(default)]
    pub process_start: Option<u64>,
}

/// What can be known about a process named by an [`Owner`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Liveness {
    Alive,
    Dead,
    /// Another host, or a platform without `/proc`.
    Unknown,
}

struct This {
    owner: Owner,
    /// When this process first touched the store: temporary files older than this
    /// cannot belong to a save of this process.
    started: SystemTime,
}

fn this() -> &'static This {
    static THIS: OnceLock<This> = OnceLock::new();
    THIS.get_or_init(|| {
        let pid = std::process::id();
        This {
            owner: Owner { pid, host: hostname(), process_start: process_start(pid) },
            started: SystemTime::now(),
        }
    })
}

/// This process.
pub(crate) fn this_owner() -> &'static Owner {
    &this().owner
}

/// When this process first used the store (a lower bound on "now" for its own files).
pub(crate) fn this_started() -> SystemTime {
    this().started
}

/// A random number, fresh for each call (std's hasher keys are random per call).
pub(crate) fn random_u64() -> u64 {
    RandomState::new().hash_one(SystemTime::now())
}

/// The name of this machine.
pub(crate) fn hostname() -> String {
    let name = gethostname::gethostname().to_string_lossy().trim().to_owned();
    if name.is_empty() { "unknown host".to_owned() } else { name }
}

/// Whether the process `owner` names is still running.
pub(crate) fn liveness(owner: &Owner) -> Liveness {
    if owner.host != this_owner().host {
        return Liveness::Unknown;
    }
    pid_liveness(owner.pid, owner.process_start)
}

/// Whether `pid` on this host is still running (and, when `started` is known, is
/// still the same process).
#[cfg(target_os = "linux")]
pub(crate) fn pid_liveness(pid: u32, started: Option<u64>) -> Liveness {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => match parse_stat(&stat) {
            // A zombie has exited; only its exit status waits to be collected.
            Some(('Z' | 'X' | 'x', _)) => Liveness::Dead,
            Some((_, start)) if started.is_some_and(|s| s != start) => Liveness::Dead,
            Some(_) => Liveness::Alive,
            None => Liveness::Unknown,
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && proc_is_mounted() => Liveness::Dead,
        Err(_) => Liveness::Unknown,
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn pid_liveness(_pid: u32, _started: Option<u64>) -> Liveness {
    Liveness::Unknown
}

#[cfg(target_os = "linux")]
fn proc_is_mounted() -> bool {
    std::path::Path::new("/proc/self/stat").exists()
}

#[cfg(target_os = "linux")]
fn process_start(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_stat(&stat).map(|(_, start)| start)
}

#[cfg(not(target_os = "linux"))]
fn process_start(_pid: u32) -> Option<u64> {
    None
}

/// State and start time from `/proc/PID/stat`: `PID (COMM) STATE … STARTTIME …`, where
/// COMM may hold spaces and parentheses, so fields are counted from the last `)`.
#[cfg(target_os = "linux")]
fn parse_stat(stat: &str) -> Option<(char, u64)> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_ascii_whitespace();
    let state = fields.next()?.chars().next()?;
    // Field 22 of the line is the start time; the state is field 3.
    let start = fields.nth(18)?.parse().ok()?;
    Some((state, start))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_finished_child_is_dead() {
        let me = this_owner();
        assert_eq!(liveness(me), Liveness::Alive);
        let mut other = me.clone();
        other.process_start = me.process_start.map(|s| s + 1);
        assert_eq!(liveness(&other), Liveness::Dead, "a reused pid is not the owner");
        other.host = "elsewhere.invalid".to_owned();
        assert_eq!(liveness(&other), Liveness::Unknown);

        let mut child = std::process::Command::new("true").spawn().expect("run true");
        let pid = child.id();
        child.wait().expect("wait for true");
        assert_eq!(pid_liveness(pid, None), Liveness::Dead);
    }

    #[test]
    fn stat_lines_with_odd_command_names_parse() {
        let line = "42 (a) b (c)) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";
        assert_eq!(parse_stat(line), Some(('S', 987_654)));
        assert_eq!(parse_stat("42 (x"), None);
    }
}
