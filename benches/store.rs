//! Open and save at 100k and 1M exchanges (10k contacts), with the same network
//! through serde_json in the same run as the reference, and the one-thread standard
//! ron paths as "before"; then an encrypted 1M network against the plain one.
//! `cargo bench --bench store` (filters: `100k`, `1000k`, `phases`, `encrypted`).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{best_of, ms, network};
use rapport::model::Network;
use rapport::store;

fn main() {
    let folder = tempfile::tempdir().expect("temp dir");
    println!(
        "{} core(s) in use; RON = now (parallel), before = ron in one go on one thread",
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    );
    println!(
        "{:<30} {:>11} {:>11} {:>9} {:>11} {:>9} {:>7}",
        "work", "RON", "before", "speedup", "JSON", "RON/JSON", "MB"
    );
    for exchanges in [100_000, 1_000_000] {
        let name = format!("{}k exchanges", exchanges / 1000);
        if !common::wanted(&name) {
            continue;
        }
        let network = network(exchanges);
        let runs = if exchanges > 200_000 { 3 } else { 5 };
        let path = folder.path().join("bench.ron");
        let before_path = folder.path().join("before.ron");
        let json_path = folder.path().join("bench.json");

        let (encode, text) = best_of(runs, || store::to_string(&network));
        let (encode_before, before_text) = best_of(runs, || store::to_string_standard(&network));
        assert!(text == before_text, "the parallel encoder writes other bytes");
        drop(before_text);
        let (encode_json, json) = best_of(runs, || serde_json::to_vec(&network).expect("json"));
        let row = Row { bytes: text.len() };
        row.print(&format!("encode, {name}"), encode, encode_before, encode_json);

        let (save, ()) = best_of(runs, || store::save(&path, &network).expect("save"));
        // The save of before: ron in one go, then the write, then the stamp's hash.
        let (save_before, _) = best_of(runs, || {
            let text = store::to_string_standard(&network);
            store::write_atomic(&before_path, text.as_bytes(), true).expect("save");
            store::FileStamp::of_bytes(text.as_bytes(), None)
        });
        let (save_json, ()) = best_of(runs, || {
            store::write_atomic(&json_path, &serde_json::to_vec(&network).expect("json"), false)
                .expect("write")
        });
        row.print(&format!("save (fsync), {name}"), save, save_before, save_json);

        let (open, loaded) = best_of(runs, || store::load(&path).expect("load"));
        assert_eq!(loaded.exchanges.len(), exchanges);
        drop(loaded);
        let (open_before, _) = best_of(runs, || load_before(&path));
        let (open_json, _) = best_of(runs, || {
            let bytes = std::fs::read(&json_path).expect("read");
            serde_json::from_slice::<Network>(&bytes).expect("json")
        });
        row.print(&format!("open, {name}"), open, open_before, open_json);

        let (parse, _) = best_of(runs, || store::parse(&text, Path::new("bench.ron")).expect("parse"));
        let (parse_before, _) =
            best_of(runs, || store::parse_standard(&text, Path::new("bench.ron")).expect("parse"));
        let (parse_json, _) = best_of(runs, || serde_json::from_slice::<Network>(&json).expect("json"));
        row.print(&format!("parse only, {name}"), parse, parse_before, parse_json);

        if exchanges == 1_000_000 && common::wanted("phases") {
            drop((text, json));
            phases(&network, &path);
        }
    }
    if common::wanted("encrypted 1000k") {
        encrypted(folder.path());
    }
}

/// Open and save of an encrypted 1M network against the plain ones, three runs each,
/// in turns (so a busy moment of the machine falls on both): the key derivation
/// (scrypt, N = 2^18) included. Budget: encrypted ≤ plain + 1.5 s.
fn encrypted(folder: &Path) {
    let network = network(1_000_000);
    let plain = folder.join("plain.ron");
    let sealed = folder.join("sealed.ron.age");
    let time = |work: &mut dyn FnMut()| {
        let started = Instant::now();
        work();
        started.elapsed()
    };
    let progress = std::sync::atomic::AtomicU64::new(0);
    let (mut save, mut save_sealed, mut open, mut open_sealed) = (vec![], vec![], vec![], vec![]);
    for _ in 0..3 {
        // Each its own passphrase object, as each open and save of the window is.
        let key = || store::Passphrase::from_text("bench passphrase".to_owned());
        save.push(time(&mut || store::save(&plain, &network).expect("save")));
        save_sealed.push(time(&mut || {
            store::save_stamped_with_key(&sealed, &network, Some(&key())).expect("save encrypted");
        }));
        open.push(time(&mut || drop(store::load_stamped(&plain).expect("open"))));
        open_sealed.push(time(&mut || {
            let loaded =
                store::load_stamped_with_key(&sealed, Some(&key()), &progress).expect("open encrypted");
            assert!(loaded.encrypted && loaded.network.exchanges.len() == 1_000_000);
        }));
    }
    // The parts: the key derivation alone, and sealing the 1M text with a derived key.
    let text = store::to_string(&network);
    let passphrase = store::Passphrase::from_text("bench passphrase".to_owned());
    let (mut derive, mut seal) = (vec![], vec![]);
    for _ in 0..3 {
        let started = Instant::now();
        let sealer = store::Sealer::new(&passphrase).expect("derive");
        derive.push(started.elapsed());
        let started = Instant::now();
        drop(sealer.seal(text.as_bytes()).expect("seal"));
        seal.push(started.elapsed());
    }
    let range = |times: &[Duration]| {
        let low = times.iter().min().copied().unwrap_or_default();
        let high = times.iter().max().copied().unwrap_or_default();
        format!("{} – {}", ms(low), ms(high))
    };
    println!("encrypted 1000k (3 runs each, scrypt N = 2^{}):", store::encryption::WORK_FACTOR);
    println!("  {:<14} {:>23}", "derive the key", range(&derive));
    println!("  {:<14} {:>23}", "seal the text", range(&seal));
    for (work, plain, sealed) in [("save (fsync)", &save, &save_sealed), ("open", &open, &open_sealed)] {
        let extra: Vec<f64> = plain
            .iter()
            .zip(sealed.iter())
            .map(|(p, s)| (s.as_secs_f64() - p.as_secs_f64()) * 1000.0)
            .collect();
        let worst = extra.iter().copied().fold(f64::MIN, f64::max);
        println!(
            "  {work:<14} plain {:>23}   encrypted {:>23}   extra {:.0} – {:.0} ms (budget 1500 ms: {})",
            range(plain),
            range(sealed),
            extra.iter().copied().fold(f64::MAX, f64::min),
            worst,
            if worst <= 1500.0 { "met" } else { "NOT met" }
        );
    }
}

/// What `store::load` did before the parallel parser: read, UTF-8, ron in one go, validate.
fn load_before(path: &Path) -> Network {
    let bytes = std::fs::read(path).expect("read");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let network = store::parse_standard(text, path).expect("parse");
    assert!(rapport::model::validate(&network).is_empty());
    network
}

/// Where the time of opening and saving 1M exchanges goes, step by step (best of 3).
fn phases(network: &Network, path: &Path) {
    let time = |work: &mut dyn FnMut()| {
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let started = Instant::now();
            work();
            best = best.min(started.elapsed());
        }
        best
    };
    store::save(path, network).expect("save");
    let bytes = std::fs::read(path).expect("read");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let parsed = store::parse(text, path).expect("parse");
    let one_thread = store::Chunking { threads: 1, ..store::Chunking::default() };
    let progress = std::sync::atomic::AtomicU64::new(0);
    println!("open 1000k, by step:");
    let steps: [(&str, Duration); 5] = [
        ("read the file (page cache)", time(&mut || drop(std::fs::read(path).expect("read")))),
        ("check UTF-8", time(&mut || assert!(std::str::from_utf8(&bytes).is_ok()))),
        (
            "parse in pieces, one thread",
            time(&mut || drop(store::parse_with(text, path, &one_thread, &progress).expect("parse"))),
        ),
        ("parse in pieces, all threads", time(&mut || drop(store::parse(text, path).expect("parse")))),
        ("validate", time(&mut || assert!(rapport::model::validate(&parsed).is_empty()))),
    ];
    for (step, took) in steps {
        println!("  {step:<38} {:>11}", ms(took));
    }
    println!("save 1000k, by step:");
    let encoded = store::to_string(network);
    let steps: [(&str, Duration); 4] = [
        ("encode in pieces, one thread", time(&mut || drop(store::to_string_with(network, &one_thread)))),
        ("encode in pieces, all threads", time(&mut || drop(store::to_string(network)))),
        (
            "write + fsync + rename",
            time(&mut || store::write_atomic(path, encoded.as_bytes(), true).expect("write")),
        ),
        (
            "hash for the stamp (during the write)",
            time(&mut || {
                std::hint::black_box(store::FileStamp::of_bytes(encoded.as_bytes(), None));
            }),
        ),
    ];
    for (step, took) in steps {
        println!("  {step:<38} {:>11}", ms(took));
    }
}

struct Row {
    bytes: usize,
}

impl Row {
    fn print(&self, work: &str, ron: Duration, before: Duration, json: Duration) {
        println!(
            "{work:<30} {:>11} {:>11} {:>8.2}x {:>11} {:>8.1}x {:>7.1}",
            ms(ron),
            ms(before),
            before.as_secs_f64() / ron.as_secs_f64(),
            ms(json),
            ron.as_secs_f64() / json.as_secs_f64(),
            self.bytes as f64 / 1_048_576.0
        );
    }
}
