//! Analysis after one edit at 1M exchanges, `rapport due`'s agenda at 1M, the merge of
//! two 1M copies (the function, and the whole `rapport merge` process), and bytes of
//! memory per exchange.
//! `cargo bench --bench analysis`.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use common::{best_of, ms};
use rapport::analysis::Snapshot;
use rapport::cli::DueFormat;
use rapport::model::{Change, Edit, Network, Touched};

/// Counts live heap bytes, to measure what a network costs in memory.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// The most [`LIVE`] has been since it was last reset.
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, only counting sizes.
#[expect(unsafe_code, reason = "a counting allocator must implement GlobalAlloc")]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let as_of = rapport::generate::HISTORY_END;
    let before = LIVE.load(Ordering::Relaxed);
    let mut network = common::network(1_000_000);
    let after = LIVE.load(Ordering::Relaxed);
    if common::wanted("memory") {
        println!(
            "memory: {:.1} bytes per exchange at 1M (whole network: {:.1} MB)",
            (after - before) as f64 / 1e6,
            (after - before) as f64 / 1_048_576.0
        );
        // The same network as opened from its file: the parallel parser's lists are
        // allocated at their exact size, the text is gone once parsed.
        let text = rapport::store::to_string(&network);
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let parsed = rapport::store::parse(&text, std::path::Path::new("bench.ron")).expect("parses");
        let after = LIVE.load(Ordering::Relaxed);
        let peak = PEAK.load(Ordering::Relaxed);
        println!(
            "memory: {:.1} bytes per exchange at 1M as opened from a file (peak while parsing: {:.1} MB above the text)",
            (after - before) as f64 / 1e6,
            (peak - before) as f64 / 1_048_576.0
        );
        drop((parsed, text));
    }
    if common::wanted("due") {
        // `rapport due` once the file is read: the stats on the date, the agenda of
        // 7 days (the default), and its rendering. The whole process, reading the
        // file included, is timed in BENCHMARKS.md.
        let (agenda, items) = best_of(3, || {
            let stats = rapport::analysis::contact_stats(&network, as_of);
            rapport::analysis::agenda(&network, &stats, as_of, 7)
        });
        let render = |format| best_of(3, || rapport::cli::due::render(&items, as_of, format)).0;
        println!(
            "due at 1M ({} items in 7 days): stats + agenda {}, table {}, JSON {}, ICS {}",
            items.len(),
            ms(agenda),
            ms(render(DueFormat::Table)),
            ms(render(DueFormat::Json)),
            ms(render(DueFormat::Ics))
        );
        // What `rapport due` saves by not freeing the network before it exits.
        let copy = network.clone();
        let started = Instant::now();
        drop(copy);
        println!("due at 1M: freeing the network (skipped by the command) {}", ms(started.elapsed()));
    }
    if common::wanted("merge") {
        merge_bench(&network);
    }
    if common::wanted("analysis") {
        let (first, _) = best_of(3, || Snapshot::compute(&network, as_of));
        println!("analysis, first snapshot at 1M: {}", ms(first));
        // One edit (a new summary), then the snapshot again, as the app does per revision.
        let mut edited = network.exchanges[500_000].clone();
        let (after_edit, _) = best_of(5, || {
            edited.summary.push('!');
            Edit::Exchanges(Change::Put(edited.clone())).apply(&mut network);
            Snapshot::compute(&network, as_of)
        });
        println!("analysis after one edit at 1M (edit + snapshot): {}", ms(after_edit));

        // Logging an exchange (dated on the as-of date), then `Snapshot::update` on the
        // snapshot of the revision before, instead of a new snapshot.
        // The first update after `compute` builds the index the next ones use; it is
        // timed alone (it is a full compute plus the index).
        let mut snapshot = Snapshot::compute(&network, as_of);
        let mut logged = network.exchanges[500_000].clone();
        logged.date = as_of;
        let mut log = |network: &mut Network, snapshot: &mut Snapshot| {
            logged.id = Network::next_id(&network.exchanges);
            let mut touched = Touched::default();
            Edit::Exchanges(Change::Put(logged.clone())).apply_tracked(network, &mut touched);
            let started = Instant::now();
            snapshot.update(network, &touched);
            started.elapsed()
        };
        let first_update = log(&mut network, &mut snapshot);
        let update = (0..5).map(|_| log(&mut network, &mut snapshot)).min().unwrap_or_default();
        let (full, fresh) = best_of(3, || Snapshot::compute(&network, as_of));
        let counts = |s: &Snapshot| {
            s.flow.iter().map(|m| (m.month, m.given.count, m.received.count)).collect::<Vec<_>>()
        };
        assert_eq!(counts(&snapshot), counts(&fresh), "the update followed the edits");
        assert_eq!(snapshot.unthanked, fresh.unthanked);
        println!(
            "analysis after logging an exchange at 1M: update {} (full compute {}; the first update, which builds the index: {})",
            ms(update),
            ms(full),
            ms(first_update)
        );
    }
}

/// Two copies of the 1M network, each with 1% of its records changed (a few of them the
/// same field on both sides), 0.1% deleted and 0.1% added under the same new ids; the
/// merge function, then the whole command on their files.
fn merge_bench(base: &Network) {
    use rapport::analysis::merge::{Flips, merge};
    let edited = |offset: usize, text: &str| {
        let mut copy = base.clone();
        for (i, e) in copy.exchanges.iter_mut().enumerate() {
            if i % 100 == offset || i % 1000 == 999 {
                e.summary = format!("{text} {i}");
            } else if i % 1000 == 500 + offset {
                e.hours += 1.0;
            }
        }
        for c in copy.contacts.iter_mut().skip(offset).step_by(100) {
            c.notes = text.to_owned();
        }
        copy.exchanges.retain(|e| e.id % 1000 != (7 + offset as u64));
        let next = Network::next_id(&copy.exchanges);
        for n in 0..1000 {
            let mut added = copy.exchanges[n * 7].clone();
            added.id = next + n as u64;
            added.summary = format!("{text} added {n}");
            copy.exchanges.push(added);
        }
        copy
    };
    let (mine, theirs) = (edited(1, "mine"), edited(2, "theirs"));
    let mut times = Vec::new();
    let mut conflicts = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let merged = merge(base, &mine, &theirs, &Flips::new());
        times.push(started.elapsed());
        conflicts = merged.conflicts.len();
        assert_eq!(merged.renumbered.len(), 1000, "the double adds moved");
    }
    let range = |mut times: Vec<std::time::Duration>| {
        times.sort();
        format!("{}–{}", ms(times[0]), ms(times[times.len() - 1]))
    };
    println!("merge at 1M, 1% changed on each side ({conflicts} conflicts): merge {}", range(times));

    let dir = tempfile::tempdir().expect("temp dir");
    let files = [("base.ron", base), ("mine.ron", &mine), ("theirs.ron", &theirs)].map(|(name, network)| {
        let path = dir.path().join(name);
        rapport::store::save(&path, network).expect("save a copy");
        path
    });
    let out = dir.path().join("merged.ron");
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
            .arg("merge")
            .args(&files)
            .arg("-o")
            .arg(&out)
            .env("RAPPORT_DATA_DIR", dir.path().join("data"))
            .stdout(std::process::Stdio::null())
            .output()
            .expect("run rapport merge");
        times.push(started.elapsed());
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        std::fs::remove_file(&out).expect("remove the merge");
    }
    println!(
        "merge at 1M: the whole `rapport merge` process (read three files, merge, write) {}",
        range(times)
    );
}
