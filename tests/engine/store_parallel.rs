//! The parallel ways of the store: `to_string` writes byte for byte what ron writes
//! for the whole network in one go, and `parse` gives what ron's parser gives — the
//! same network, or the same error at the same line and column — whatever the file.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use proptest::prelude::*;
use rapport::model::Network;
use rapport::store::{self, Chunking};

const SAMPLE: &str = include_str!("../../assets/sample.ron");

/// The cutting that stresses the parallel ways most: one record per piece, more
/// threads than this machine has cores.
const TINY: Chunking = Chunking { threads: 3, parse_bytes: 1, encode_records: 1 };
/// Pieces of a few records.
const SMALL: Chunking = Chunking { threads: 2, parse_bytes: 700, encode_records: 3 };

/// What ron writes for the whole network, configured here as the store did before
/// it wrote in pieces: the bytes every file of format version 1 has.
fn ron_text(network: &Network) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false);
    let mut text = ron::ser::to_string_pretty(network, config).expect("ron writes any network");
    text.push('\n');
    text
}

/// A parse's outcome in a comparable form: the network, or the whole error message
/// (with its file, line and column).
fn outcome(result: Result<Network, store::LoadError>) -> Result<Network, String> {
    result.map_err(|e| e.to_string())
}

fn standard(text: &str) -> Result<Network, String> {
    outcome(store::parse_standard(text, Path::new("f.ron")))
}

fn parallel(text: &str, chunking: &Chunking) -> Result<Network, String> {
    outcome(store::parse_with(text, Path::new("f.ron"), chunking, &AtomicU64::new(0)))
}

fn fast_path(text: &str, chunking: &Chunking) -> Option<Network> {
    store::parse_record_lines(text, chunking, &AtomicU64::new(0))
}

/// `parse` gives what the standard parser gives, however the work is cut.
fn assert_read_alike(text: &str) {
    let expected = standard(text);
    assert_eq!(outcome(store::parse(text, Path::new("f.ron"))), expected, "default cutting:\n{text}");
    for chunking in [TINY, SMALL] {
        assert_eq!(parallel(text, &chunking), expected, "{chunking:?}:\n{text}");
    }
}

fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in the text");
    text.replacen(from, to, 1)
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// The pieces of a network many pieces long come in order, the parent given is the
/// one written, and a failing disk stops the writing at once with its error.
#[test]
fn a_long_network_is_handed_over_in_order_and_a_write_error_stops_it() {
    let network = rapport::generate::generate(200, 30_000, 7);
    let lineage = "ab".repeat(32);
    let mut expected_network = network.clone();
    expected_network.parent = Some(lineage.clone());
    let expected = ron_text(&expected_network);
    let mut text = String::new();
    let mut pieces = 0;
    let written = store::write_in_pieces(&network, Some(&lineage), &Chunking::default(), &mut |piece| {
        text.push_str(piece);
        pieces += 1;
        Ok(())
    });
    assert!(written.expect("collecting cannot fail"));
    assert_eq!(text, expected);
    assert!(pieces > 10, "{pieces} pieces");

    let mut calls = 0;
    let failed = store::write_in_pieces(&network, None, &SMALL, &mut |_| {
        calls += 1;
        if calls == 5 { Err(std::io::Error::other("disk full")) } else { Ok(()) }
    });
    assert_eq!(failed.expect_err("the error comes back").to_string(), "disk full");
    assert_eq!(calls, 5, "nothing is handed over after the error");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn writing_in_pieces_gives_the_bytes_ron_writes(n in crate::network_strategy::network()) {
        let expected = ron_text(&n);
        prop_assert_eq!(store::to_string_standard(&n), expected.clone());
        prop_assert_eq!(store::to_string(&n), expected.clone());
        prop_assert_eq!(store::to_string_with(&n, &TINY), expected.clone());
        prop_assert_eq!(store::to_string_with(&n, &SMALL), expected);
    }

    /// A save hands the text to the disk piece by piece as the threads write it: the
    /// same bytes, in the same order, however the work is cut, and `save` leaves them.
    #[test]
    fn writing_piece_by_piece_gives_the_bytes_ron_writes(n in crate::network_strategy::network()) {
        let expected = ron_text(&n);
        for chunking in [TINY, SMALL, Chunking::default()] {
            let mut text = String::new();
            let written = store::write_in_pieces(&n, n.parent.as_deref(), &chunking, &mut |piece| {
                text.push_str(piece);
                Ok(())
            });
            prop_assert!(written.expect("collecting cannot fail"), "{:?}", chunking);
            prop_assert_eq!(&text, &expected, "{:?}", chunking);
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("n.ron");
        let stamp = store::save_stamped(&path, &n).expect("save");
        let on_disk = std::fs::read(&path).expect("read back");
        prop_assert_eq!(String::from_utf8_lossy(&on_disk), expected.as_str());
        prop_assert_eq!(stamp.hash, store::FileStamp::of_bytes(&on_disk, None).hash);
        prop_assert_eq!(stamp.len, on_disk.len() as u64);
    }

    #[test]
    fn the_fast_path_reads_any_written_network_as_the_standard_parser_does(n in crate::network_strategy::network()) {
        let text = ron_text(&n);
        let expected = store::parse_standard(&text, Path::new("f.ron")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&expected, &n);
        for chunking in [TINY, SMALL, Chunking::default()] {
            prop_assert_eq!(fast_path(&text, &chunking), Some(expected.clone()), "{:?}", chunking);
        }
        prop_assert_eq!(store::parse(&text, Path::new("f.ron")).ok(), Some(expected));
    }

    /// Any damage — a comment, a line break, a quote, a bracket, other whitespace
    /// anywhere — is read exactly as the standard parser reads it.
    #[test]
    fn a_damaged_file_is_read_as_the_standard_parser_reads_it(
        n in crate::network_strategy::network(),
        at in any::<prop::sample::Index>(),
        damage in prop::sample::select(vec![
            "\n", "\r\n", "\t", " ", ",", "\"", "'", "//", "// x,\n", "/*", "*/", "/* ),\n */",
            "(", ")", "[", "]", "\n    ],\n", "\n        (id: 1),\n", "r#\"", "\\", "x", "\u{2028}",
            "#![enable(implicit_some)]", "\0", "é",
            // What the fast reader of record lines must leave to ron: number forms,
            // escapes, options and variants, other blanks.
            "0", "9", "-", "+", ".", "e", "E", "_", "u8", "f64", "0x", "inf", "NaN", "1e5",
            "\\u{41}", "\\u{110000}", "\\x41", "\\n", "\\'", "\\\n", "Some(", "None", "Gave", ":",
            "\u{a0}", "\u{85}", "\u{feff}", "r#",
        ]),
        delete in any::<bool>(),
    ) {
        let text = ron_text(&n);
        let boundaries: Vec<usize> = (0..=text.len()).filter(|i| text.is_char_boundary(*i)).collect();
        let at = boundaries[at.index(boundaries.len())];
        let damaged = if delete {
            // Remove a character instead.
            let end = boundaries.iter().copied().find(|b| *b > at).unwrap_or(at);
            format!("{}{}", &text[..at], &text[end..])
        } else {
            format!("{}{damage}{}", &text[..at], &text[at..])
        };
        let expected = standard(&damaged);
        for chunking in [TINY, SMALL] {
            prop_assert_eq!(parallel(&damaged, &chunking), expected.clone(), "{:?}\n{}", chunking, damaged);
        }
    }
}

#[test]
fn the_sample_is_written_and_read_as_before() {
    let network = store::parse_standard(SAMPLE, Path::new("sample.ron")).expect("the sample parses");
    assert!(ron_text(&network) == SAMPLE, "ron writes the sample's bytes");
    for chunking in [TINY, SMALL, Chunking::default()] {
        assert!(store::to_string_with(&network, &chunking) == SAMPLE, "{chunking:?} writes other bytes");
        assert_eq!(fast_path(SAMPLE, &chunking).as_ref(), Some(&network), "{chunking:?}");
    }
    assert!(store::to_string(&network) == SAMPLE);
}

#[test]
fn a_generated_network_is_written_and_read_as_before() {
    let network = rapport::generate::generate(300, 5000, 7);
    let text = ron_text(&network);
    for chunking in [TINY, SMALL, Chunking::default()] {
        assert!(store::to_string_with(&network, &chunking) == text, "{chunking:?} writes other bytes");
        assert_eq!(fast_path(&text, &chunking).as_ref(), Some(&network), "{chunking:?}");
    }
}

// ---------------------------------------------------------------------------
// Layouts other than the written one
// ---------------------------------------------------------------------------

/// Files that differ from the written layout in ways the fast path does not take:
/// each is read by the standard parser alone, with its result or errors.
#[test]
fn odd_layouts_fall_back_to_the_standard_parser() {
    let first_exchange = "        (id: 1, contact: 19, date: \"2024-12-03\"";
    let exchange_end =
        "value: 4, summary: \"Wrote Yara a public recommendation\", outcome: \"\", thanked: true),\n";
    let deep = format!("phones: {}{}", "[".repeat(200), "]".repeat(200));
    let odd: Vec<(&str, String)> = vec![
        (
            "a comment eating the comma",
            replaced(SAMPLE, exchange_end, &exchange_end.replace("),\n", ") // x,\n")),
        ),
        (
            "a comment in the profile",
            replaced(SAMPLE, "        half_life_days: 180.0,", "        half_life_days: 180.0, // days"),
        ),
        (
            "a list inside the profile's name",
            replaced(
                SAMPLE,
                "\"Noor Castellano\"",
                "\"Noor\n    wins: [\n        (id: 1, contact: 1),\n    ],\nCastellano\"",
            ),
        ),
        (
            "the end of a list inside a string",
            replaced(SAMPLE, "Wrote Yara a public", "Wrote\n    ],\n    touches: [\nYara"),
        ),
        (
            "the end of a list inside a comment",
            replaced(SAMPLE, first_exchange, &format!("        /* a\n    ],\n */\n{first_exchange}")),
        ),
        ("Windows line ends", SAMPLE.replace('\n', "\r\n")),
        ("a tab", replaced(SAMPLE, "    exchanges: [", "\texchanges: [")),
        (
            "an unknown list",
            replaced(SAMPLE, "    exchanges: [", "    extra: [\n        (id: 1),\n    ],\n    exchanges: ["),
        ),
        (
            "an unknown field in a record",
            replaced(SAMPLE, "outcome: \"\", thanked: true),", "outcome: \"\", thanked: true, bogus: 1),"),
        ),
        (
            "a newer version with unknown fields",
            replaced(
                &replaced(SAMPLE, "version: 2,", "version: 3,"),
                "thanked: true),",
                "thanked: true, bogus: 1),",
            ),
        ),
        (
            "a list twice",
            replaced(
                SAMPLE,
                "    playbook: [",
                "    wins: [\n        (id: 99, contact: 1),\n    ],\n    playbook: [",
            ),
        ),
        ("an extension", format!("#![enable(implicit_some)]\n{SAMPLE}")),
        ("a byte-order mark", format!("\u{feff}{SAMPLE}")),
        ("something after the end", format!("{SAMPLE}x")),
        (
            "a missing comma between records",
            replaced(SAMPLE, "thanked: true),\n        (id: 2,", "thanked: true)\n        (id: 2,"),
        ),
        (
            "two commas between records",
            replaced(SAMPLE, "thanked: true),\n        (id: 2,", "thanked: true),,\n        (id: 2,"),
        ),
        ("deep brackets in a record", replaced(SAMPLE, "phones: []", &deep)),
        ("a wrong type in a record", replaced(SAMPLE, "value: 4, summary", "value: \"high\", summary")),
        ("an impossible date in a record", replaced(SAMPLE, "date: \"2024-12-03\"", "date: \"2024-02-30\"")),
        ("a list not closed", SAMPLE.replacen("    ],\n    touches: [", "    ]\n    touches: [", 1)),
        ("the end cut off", SAMPLE.chars().take(SAMPLE.chars().count() / 2).collect()),
        ("an empty file", String::new()),
        ("only blanks", "  \n\n".to_owned()),
    ];
    for (what, text) in &odd {
        assert!(fast_path(text, &TINY).is_none(), "{what}: the fast path took it");
        assert!(fast_path(text, &Chunking::default()).is_none(), "{what}: the fast path took it");
        assert_read_alike(text);
    }
    // The errors are today's: the place of the token at fault.
    let unknown = &odd.iter().find(|(what, _)| *what == "an unknown field in a record").expect("listed").1;
    let error = standard(unknown).expect_err("an unknown field");
    assert!(error.starts_with("f.ron:58:"), "{error}");
    assert!(error.contains("bogus"), "{error}");
}

/// Files laid out otherwise that the fast path may still take (some only when no cut
/// between pieces falls inside a record), giving what the standard parser gives.
#[test]
fn other_layouts_that_fit_give_the_same_network() {
    let touches_start = SAMPLE.find("    touches: [").expect("touches");
    let touches_end = SAMPLE.find("    commitments: [").expect("commitments");
    let touches = &SAMPLE[touches_start..touches_end];
    let reordered =
        replaced(&SAMPLE.replacen(touches, "", 1), "    contacts: [", &format!("{touches}    contacts: ["));
    let wins_start = SAMPLE.find("    wins: [\n").expect("wins");
    let wins_end =
        SAMPLE[wins_start..].find("    ],\n").expect("end of wins") + wins_start + "    ],\n".len();
    let wins = &SAMPLE[wins_start..wins_end];
    let wins_on_one_line = format!(
        "    wins: [{}],\n",
        wins.lines().skip(1).filter(|l| l.starts_with("        (")).map(str::trim).collect::<String>()
    );
    let fits: Vec<(&str, String)> = vec![
        ("lists in another order", reordered),
        (
            "a struct name",
            replaced(SAMPLE, "        (id: 1, contact: 19,", "        Exchange(id: 1, contact: 19,"),
        ),
        (
            "no comma after the last record",
            replaced(SAMPLE, "celebrated: false),\n    ],", "celebrated: false)\n    ],"),
        ),
        ("a list on one line", replaced(SAMPLE, wins, &wins_on_one_line)),
        ("an empty list over two lines", replaced(SAMPLE, wins, "    wins: [\n    ],\n")),
        ("a list left out", replaced(SAMPLE, wins, "")),
        (
            "blank lines among records",
            replaced(SAMPLE, "thanked: true),\n        (id: 2,", "thanked: true),\n\n   \n        (id: 2,"),
        ),
        ("other spaces inside a record", replaced(SAMPLE, "(id: 1, contact: 19,", "(  id :1 ,contact:19 ,")),
        (
            "a record over two lines",
            replaced(SAMPLE, "        (id: 1, contact: 19,", "        (id: 1,\n            contact: 19,"),
        ),
        (
            "a line break inside a record's string",
            replaced(SAMPLE, "Wrote Yara a public", "Wrote Yara\na public"),
        ),
        (
            "a comment after a record",
            replaced(SAMPLE, "thanked: true),\n        (id: 2,", "thanked: true), // first\n        (id: 2,"),
        ),
        (
            "a comment inside a record",
            replaced(SAMPLE, "(id: 1, contact: 19,", "(id: 1, /* who */ contact: 19,"),
        ),
        ("a newer version", replaced(SAMPLE, "version: 2,", "version: 3,")),
        ("version 0", replaced(SAMPLE, "version: 2,", "version: 0,")),
        ("no newline at the end", SAMPLE.trim_end().to_owned()),
    ];
    for (what, text) in &fits {
        let expected = store::parse_standard(text, Path::new("f.ron")).map_err(|e| e.to_string());
        let fast = fast_path(text, &Chunking::default());
        assert!(fast.is_some(), "{what}: the fast path did not take it");
        if let Ok(expected) = &expected {
            assert_eq!(fast.as_ref(), Some(expected), "{what}");
        }
        assert_read_alike(text);
    }
}

// ---------------------------------------------------------------------------
// Progress
// ---------------------------------------------------------------------------

#[test]
fn progress_counts_the_bytes_up_to_the_whole_text() {
    let text = store::to_string(&rapport::generate::generate(200, 3000, 2));
    let odd = format!("// a comment first\n{text}");
    for text in [&text, &odd] {
        let progress = AtomicU64::new(0);
        store::parse_with(text, Path::new("f.ron"), &SMALL, &progress).expect("parses");
        assert_eq!(progress.load(Ordering::Relaxed), text.len() as u64);
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("n.ron");
    std::fs::write(&path, &text).expect("write");
    let progress = AtomicU64::new(0);
    let (network, stamp) = store::load_stamped_with_progress(&path, &progress).expect("loads");
    assert_eq!(progress.load(Ordering::Relaxed), stamp.len);
    assert_eq!(network.exchanges.len(), 3000);
}

#[test]
fn progress_moves_while_a_big_file_is_parsed() {
    let text = store::to_string(&rapport::generate::generate(1000, 60_000, 4));
    let progress = AtomicU64::new(0);
    let seen = std::thread::scope(|scope| {
        let parsing = scope.spawn(|| store::parse_with(&text, Path::new("f.ron"), &SMALL, &progress));
        let mut seen = Vec::new();
        while !parsing.is_finished() {
            seen.push(progress.load(Ordering::Relaxed));
            std::thread::yield_now();
        }
        assert!(parsing.join().expect("no panic").is_ok());
        seen
    });
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "progress never goes back");
    let len = text.len() as u64;
    assert!(seen.iter().any(|b| *b > 0 && *b < len), "progress was seen between start and end");
}
