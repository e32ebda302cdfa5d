//! Hostile files are refused clearly and quickly: no panic, no hang, bounded memory.
//! Every case has a time bound (generous, for a debug build on a busy 2-core machine;
//! dependencies are built with opt-level 2 in the dev profile, so ron itself is fast).
//!
//! `cargo test --test hostile -- --ignored --nocapture measure` prints the timings of
//! the big cases at two sizes each (linear growth doubles the time).

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use rapport::model::Network;
use rapport::store::{self, LoadError};

/// The bundled sample network.
const SAMPLE: &str = include_str!("../../assets/sample.ron");
/// A small valid file: every one of its truncations is tried.
const SMALL: &str = r#"(
    version: 1,
    profile: (name: "Ada", offers: ["mentoring"], limits: [], seeking: [], capacity_hours_per_month: 10.0, half_life_days: 180.0, balance_tolerance: 0.15, default_cadence_days: 90),
    contacts: [
        (id: 1, name: "Grace", organization: "Navy", role: "", emails: ["g@example.org"], phones: [], links: [], tags: ["mentor"], offers: [], needs: [(topic: "hiring", note: "a\nb", since: "2025-06-01", resolved: false)], cadence_days: Some(30), communal: false, archived: false, created: "2024-01-10", notes: "Line one\nline \"two\""),
        (id: 2, name: "Alan", created: "2024-02-01"),
    ],
    exchanges: [
        (id: 1, contact: 1, date: "2025-07-23", direction: Gave, kind: Mentoring, hours: 1.5, value: 4, summary: "Review", outcome: "", thanked: false),
    ],
    touches: [(id: 1, contact: 2, date: "2025-08-02", channel: Call, notes: "")],
    commitments: [(id: 1, contact: 1, made: "2025-08-02", due: Some("2025-08-20"), direction: Gave, hours: 2.0, summary: "Draft", done: None)],
    introductions: [(id: 1, date: "2025-08-03", a: 1, b: 2, consent_a: Granted("2025-08-04"), consent_b: Asked("2025-08-04"), made: None)],
    wins: [(id: 1, contact: 1, date: "2025-09-01", text: "Promoted", celebrated: false)],
    playbook: [(date: "2025-09-30", lesson: "Ask before offering.")],
)
"#;

fn path() -> &'static Path {
    Path::new("hostile.ron")
}

/// Parses `bytes` on a thread with a 2 MiB stack (the size of a spawned thread's,
/// where the app loads large files), within `bound`.
fn parse_within(bytes: Vec<u8>, bound: Duration) -> (Result<Network, LoadError>, Duration) {
    let worker = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let start = Instant::now();
            let result = store::parse_bytes(&bytes, path());
            (result, start.elapsed())
        })
        .expect("start a parsing thread");
    let (result, elapsed) = worker.join().expect("the parser panicked");
    assert!(elapsed < bound, "parsing took {elapsed:?}, more than {bound:?}");
    (result, elapsed)
}

/// A parse error pointing inside the text.
fn assert_parse_error(result: &Result<Network, LoadError>, bytes_len: usize) {
    match result {
        Err(LoadError::Parse { path: p, line, col, message }) => {
            assert_eq!(p, path());
            assert!(*line >= 1 && *col >= 1, "{line}:{col}");
            assert!(!message.is_empty());
            assert!(*line <= bytes_len + 1, "line {line} past the end");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

fn nested(depth: usize, open: &str, close: &str) -> String {
    format!("(version: 1, contacts: {}{})", open.repeat(depth), close.repeat(depth))
}

/// A valid network whose one contact's notes are `notes` (already escaped for RON).
fn with_notes(notes_ron: &str) -> Vec<u8> {
    format!("(version: 1, contacts: [(id: 1, name: \"A\", notes: \"{notes_ron}\")])\n").into_bytes()
}

/// Bounds catch hangs and blow-ups, not slowness: generous, since CI machines are shared.
const BOUND: Duration = Duration::from_secs(30);

#[test]
fn a_hundred_thousand_nested_brackets_are_refused_without_overflowing_the_stack() {
    for (open, close) in [("[", "]"), ("(", ")"), ("{", "}"), ("Some(", ")")] {
        for wrapper in [
            // In a known field, in a field only the version probe skips over, at the top.
            nested(100_000, open, close),
            format!("(version: 1, unknown: {}{})", open.repeat(100_000), close.repeat(100_000)),
            format!("{}{}", open.repeat(100_000), close.repeat(100_000)),
            // Unclosed.
            format!("(version: 9, x: {}", open.repeat(100_000)),
        ] {
            let (result, _) = parse_within(wrapper.into_bytes(), BOUND);
            assert!(result.is_err(), "{open}: nesting was accepted");
        }
    }
}

#[test]
fn a_newer_file_nesting_within_the_limit_says_newer_and_past_it_is_refused() {
    let newer = |depth: usize| format!("(version: 9, x: {}{})", "[".repeat(depth), "]".repeat(depth));
    let (result, _) = parse_within(newer(store::RECURSION_LIMIT / 2 - 2).into_bytes(), BOUND);
    assert!(matches!(result, Err(LoadError::NewerVersion { found: 9, .. })), "{result:?}");
    let (result, _) = parse_within(newer(store::RECURSION_LIMIT + 1).into_bytes(), BOUND);
    assert!(matches!(result, Err(LoadError::Parse { .. })), "{result:?}");
}

#[test]
fn a_64_mib_string_loads_in_bounded_time() {
    let mut text = String::from("(version: 1, contacts: [(id: 1, name: \"A\", notes: \"");
    text.push_str(&"x".repeat(64 << 20));
    text.push_str("\")])");
    let (result, elapsed) = parse_within(text.into_bytes(), Duration::from_secs(60));
    let network = result.expect("a long note is valid");
    assert_eq!(network.contacts[0].notes.len(), 64 << 20);
    eprintln!("64 MiB string: {elapsed:?}");
}

#[test]
fn an_unterminated_64_mib_string_is_refused_in_bounded_time() {
    let mut text = String::from("(version: 1, contacts: [(id: 1, name: \"");
    text.push_str(&"x".repeat(64 << 20));
    let (result, _) = parse_within(text.clone().into_bytes(), Duration::from_secs(60));
    assert_parse_error(&result, text.len());
}

#[test]
fn a_note_with_300_000_escaped_newlines_loads_in_linear_time() {
    // The best of three runs of each size, so a busy machine does not fake a trend.
    let best = |n: usize| {
        (0..3)
            .map(|_| parse_within(with_notes(&"x\\n".repeat(n)), BOUND))
            .min_by_key(|(_, t)| *t)
            .expect("three runs")
    };
    let (small, t_small) = best(150_000);
    let (large, t_large) = best(300_000);
    assert_eq!(small.expect("valid").contacts[0].notes.len(), 300_000);
    assert_eq!(large.expect("valid").contacts[0].notes.len(), 600_000);
    // Quadratic growth would make the double size take 4×; allow noise up to 3×.
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-4);
    eprintln!("escaped newlines: 150 000 in {t_small:?}, 300 000 in {t_large:?} (×{ratio:.2})");
    assert!(
        ratio < 3.0 || t_large < Duration::from_millis(50),
        "150 000 escapes: {t_small:?}, 300 000: {t_large:?}: not linear"
    );
}

#[test]
fn invalid_utf8_is_refused_at_its_place() {
    for bytes in [
        b"(version: 1, profile: (name: \"\xff\"))".to_vec(),
        b"\xfe\xff(version: 1)".to_vec(),
        b"(version: 1, contacts: [(id: 1, name: \"\xc3\x28\")])".to_vec(),
        // A truncated multi-byte character at the very end.
        b"(version: 1)\xe2\x82".to_vec(),
        // Overlong encoding and an encoded surrogate.
        b"(version: 1, profile: (name: \"\xc0\xaf\xed\xa0\x80\"))".to_vec(),
    ] {
        let len = bytes.len();
        let (result, _) = parse_within(bytes, BOUND);
        assert_parse_error(&result, len);
        let message = result.expect_err("invalid").to_string();
        assert!(message.contains("UTF-8"), "{message}");
    }
}

#[test]
fn every_truncation_of_a_small_file_is_refused_or_loads_whole() {
    let whole = store::parse_bytes(SMALL.as_bytes(), path()).expect("the small file is valid");
    let start = Instant::now();
    for end in 0..SMALL.len() {
        let bytes = &SMALL.as_bytes()[..end];
        match store::parse_bytes(bytes, path()) {
            Ok(network) => assert_eq!(network, whole, "a truncation at {end} loaded as something else"),
            Err(LoadError::Parse { line, col, .. }) => assert!(line >= 1 && col >= 1),
            Err(other) => panic!("truncation at {end}: {other}"),
        }
    }
    assert!(start.elapsed() < Duration::from_secs(60), "{:?}", start.elapsed());
}

#[test]
fn truncations_of_the_sample_are_refused_quickly() {
    let whole = store::parse_bytes(SAMPLE.as_bytes(), path()).expect("the sample is valid");
    let start = Instant::now();
    // Every line end, a stride through the file, and every byte of the first and last
    // few hundred: each parse of a cut file costs up to a whole parse, so not all
    // 150 000 cuts (the small file above gets every one).
    let mut cuts: Vec<usize> = SAMPLE.match_indices('\n').flat_map(|(at, _)| [at, at + 1]).collect();
    cuts.extend((0..SAMPLE.len()).step_by(997));
    cuts.extend(0..400);
    cuts.extend(SAMPLE.len().saturating_sub(400)..SAMPLE.len());
    cuts.sort_unstable();
    cuts.dedup();
    for end in cuts {
        let Some(bytes) = SAMPLE.as_bytes().get(..end) else { continue };
        match store::parse_bytes(bytes, path()) {
            Ok(network) => assert_eq!(network, whole, "a truncation at {end} loaded as something else"),
            // Cut after the opening bracket: it says the file ends early, and where.
            Err(LoadError::Parse { message, line, col, .. }) if end > 0 && SAMPLE.is_char_boundary(end) => {
                assert!(
                    message.starts_with(&format!(
                        "the file ends early at {line}:{col} (it may have been cut off"
                    )),
                    "truncation at {end}: {message}"
                );
                let kept = SAMPLE[..end].trim_end();
                assert_eq!(line, kept.lines().count().max(1), "truncation at {end}");
            }
            Err(LoadError::Parse { .. }) => {}
            Err(other) => panic!("truncation at {end}: {other}"),
        }
    }
    assert!(start.elapsed() < Duration::from_secs(120), "{:?}", start.elapsed());
}

/// A small deterministic generator (xorshift), so byte flips are reproducible.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn random_byte_changes_never_panic_or_hang() {
    let mut state = 0x9e37_79b9_7f4a_7c15;
    let start = Instant::now();
    for round in 0..3_000 {
        let mut bytes = SMALL.as_bytes().to_vec();
        for _ in 0..1 + round % 4 {
            let at = (xorshift(&mut state) % bytes.len() as u64) as usize;
            let new = (xorshift(&mut state) & 0xff) as u8;
            bytes[at] = new;
        }
        // Refused or loaded: either way, no panic; a loaded file passed validation.
        if let Ok(network) = store::parse_bytes(&bytes, path()) {
            assert!(rapport::model::validate(&network).is_empty());
            saves_back(&network);
        }
    }
    let mut state = 0x2545_f491_4f6c_dd1d;
    for _ in 0..200 {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        let at = (xorshift(&mut state) % bytes.len() as u64) as usize;
        bytes[at] ^= 1 << (xorshift(&mut state) % 8);
        if let Ok(network) = store::parse_bytes(&bytes, path()) {
            saves_back(&network);
        }
    }
    assert!(start.elapsed() < Duration::from_secs(120), "{:?}", start.elapsed());
}

#[test]
fn duplicate_ids_dangling_references_and_newer_versions_are_refused_quickly() {
    type Expected = fn(&LoadError) -> bool;
    let cases: [(&str, Expected); 3] = [
        ("(version: 1, contacts: [(id: 1), (id: 1)])", |e| matches!(e, LoadError::Invalid { .. })),
        ("(version: 1, exchanges: [(id: 1, contact: 7)])", |e| matches!(e, LoadError::Invalid { .. })),
        ("(version: 3, future: [1, 2])", |e| matches!(e, LoadError::NewerVersion { found: 3, .. })),
    ];
    for (text, expected) in cases {
        let (result, _) = parse_within(text.as_bytes().to_vec(), BOUND);
        let error = result.expect_err(text);
        assert!(expected(&error), "{text}: {error}");
    }
    // Many duplicates: validation is linear, not pairwise.
    let contacts = (0..200_000).map(|_| "(id: 1)").collect::<Vec<_>>().join(",");
    let (result, _) = parse_within(format!("(version: 1, contacts: [{contacts}])").into_bytes(), BOUND);
    assert!(matches!(result, Err(LoadError::Invalid { .. })));
}

#[test]
fn a_file_larger_than_the_limit_is_not_read() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("huge.ron");
    let file = fs::File::create(&path).expect("create");
    // Sparse: takes no disk space.
    file.set_len(store::MAX_FILE_BYTES + 1).expect("grow the file");
    let start = Instant::now();
    let error = store::load(&path).expect_err("too large");
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(
        matches!(&error, LoadError::Read { source, .. } if source.kind() == std::io::ErrorKind::FileTooLarge)
    );
    assert!(error.to_string().contains(&path.display().to_string()), "{error}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary bytes never make the loader panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(network) = store::parse_bytes(&bytes, path()) {
            saves_back(&network);
        }
    }

    /// Arbitrary text built from RON's own tokens gets further into the parser.
    #[test]
    fn arbitrary_ron_like_text_never_panics(
        tokens in proptest::collection::vec(
            prop_oneof![
                Just("("), Just(")"), Just("["), Just("]"), Just(","), Just(":"), Just("\""),
                Just("version"), Just("1"), Just("contacts"), Just("id"), Just("Some"), Just("None"),
                Just("\\n"), Just("\\u{1F600}"), Just("-1"), Just("1e999"), Just("\"2025-02-30\""),
                Just("r#\""), Just("\"#"), Just("//"), Just("/*"), Just("*/"), Just(" "), Just("\n"),
            ],
            0..200,
        )
    ) {
        let text: String = tokens.concat();
        if let Ok(network) = store::parse_bytes(text.as_bytes(), path()) {
            saves_back(&network);
        }
    }
}

/// What loaded saves, and the saved file loads as the same network and saves back byte
/// for byte: nothing a file holds is lost or changed by a save.
fn saves_back(network: &rapport::model::Network) {
    let saved = store::to_string(network);
    let again = store::parse_bytes(saved.as_bytes(), path()).unwrap_or_else(|e| panic!("{e}\n{saved}"));
    // A version-1 file is written as the current version; nothing else changes.
    let upgraded = rapport::model::Network { version: rapport::model::FORMAT_VERSION, ..network.clone() };
    assert_eq!(again, upgraded, "{saved}");
    assert_eq!(store::to_string(&again), saved);
}

/// Prints timings at two sizes of each big case. Not a test of correctness.
#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn measure() {
    let time = |label: &str, bytes: Vec<u8>| {
        let len = bytes.len();
        let (result, elapsed) = parse_within(bytes, Duration::from_secs(120));
        let outcome = match &result {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.to_string().chars().take(70).collect(),
        };
        println!("{label:<40} {:>10} bytes {:>10.1} ms  {outcome}", len, elapsed.as_secs_f64() * 1e3);
    };
    for depth in [50_000, 100_000] {
        time(&format!("nested [ x{depth} in contacts"), nested(depth, "[", "]").into_bytes());
        time(
            &format!("nested [ x{depth} in an unknown field"),
            format!("(version: 1, x: {}{})", "[".repeat(depth), "]".repeat(depth)).into_bytes(),
        );
    }
    for mib in [32, 64] {
        let mut text = String::from("(version: 1, contacts: [(id: 1, name: \"A\", notes: \"");
        text.push_str(&"x".repeat(mib << 20));
        text.push_str("\")])");
        time(&format!("{mib} MiB string"), text.into_bytes());
    }
    for n in [150_000, 300_000, 600_000] {
        time(&format!("{n} escaped newlines in a note"), with_notes(&"x\\n".repeat(n)));
        time(&format!("{n} \\u{{..}} escapes in a note"), with_notes(&"\\u{e9}".repeat(n)));
    }
    time("the sample (152 KB)", SAMPLE.as_bytes().to_vec());
}
