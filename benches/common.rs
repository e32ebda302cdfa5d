//! Shared by the benchmarks: networks of the sizes DESIGN.md budgets for, and timing.

#![allow(dead_code, reason = "each benchmark uses a part")]

use std::time::{Duration, Instant};

use rapport::model::Network;

/// 10k contacts with `exchanges` exchanges, always the same (seed 1).
pub fn network(exchanges: usize) -> Network {
    rapport::generate::generate(10_000, exchanges, 1)
}

/// The best of `runs` timings of `work` (the least disturbed by the machine).
pub fn best_of<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let out = work();
        best = best.min(started.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// p50, p95 and max of frame times.
pub fn percentiles(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95), *times.last().expect("frames"))
}

/// Runs only the benchmarks whose name contains the filter `cargo bench -- FILTER` gave.
pub fn wanted(name: &str) -> bool {
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()))
}

/// The median of timings (the upper one of an even count).
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// A duration in milliseconds, for figures written to files.
pub fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Where benchmarks write figures for scripts: `CARGO_TARGET_DIR` when set (a relative
/// one taken from the package's folder), else `target/` under the package; created if
/// missing.
pub fn target_dir() -> std::path::PathBuf {
    let package = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| package.join("target"), |d| package.join(d));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
    dir
}
