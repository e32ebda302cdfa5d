//! The store: format version 1 as DESIGN.md writes it, a round-trip property over
//! random networks, atomic saves with a backup, and every kind of bad file.

use std::fmt::Debug;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use proptest::prelude::*;
use rapport::model::{
    Channel, Commitment, Consent, Contact, Direction, Exchange, FORMAT_VERSION, Introduction, Kind, Lesson,
    Need, Network, Problem, Profile, Touch, Win, default_date,
};
use rapport::store::{self, LoadError, SaveError};

use crate::network_strategy::*;
use serde::de::DeserializeOwned;

/// The example of DESIGN.md ("File format, version 1"), copied unchanged.
const DESIGN_EXAMPLE: &str = r#"(
    version: 1,
    profile: (
        name: "Ada Example",
        offers: ["mentoring", "portfolio review"],   // what I can give
        limits: ["no weekend calls"],                 // what I cannot give
        seeking: ["board introductions"],             // what I hope to receive
        capacity_hours_per_month: 10.0,
        half_life_days: 180.0,
        balance_tolerance: 0.15,
        default_cadence_days: 90,
    ),
    contacts: [
        (id: 1, name: "Grace Hopper", organization: "Navy", role: "Rear Admiral", emails: ["grace@example.org"], phones: [], links: [], tags: ["mentor"], offers: ["compilers"], needs: [(topic: "hiring", note: "Needs a COBOL lead", since: "2025-06-01", resolved: false)], cadence_days: Some(30), communal: false, archived: false, created: "2024-01-10", notes: ""),
        (id: 2, name: "Alan Turing", organization: "", role: "", emails: [], phones: [], links: [], tags: [], offers: ["hiring"], needs: [], cadence_days: None, communal: false, archived: false, created: "2024-02-01", notes: "Multi-line notes\nare written with escapes."),
    ],
    exchanges: [
        (id: 1, contact: 1, date: "2025-07-23", direction: Gave, kind: Mentoring, hours: 1.5, value: 4, summary: "Portfolio review", outcome: "", thanked: false),
    ],
    touches: [
        (id: 1, contact: 1, date: "2025-08-02", channel: Call, notes: "Priorities: hiring; constraint: budget freeze"),
    ],
    commitments: [
        (id: 1, contact: 1, made: "2025-08-02", due: Some("2025-08-20"), direction: Gave, hours: 2.0, summary: "Draft job post", done: None),
    ],
    introductions: [
        (id: 1, date: "2025-08-03", a: 1, b: 2, why: "", a_gains: "", b_gains: "", consent_a: Granted("2025-08-04"), consent_b: Asked("2025-08-04"), made: None, outcome: ""),
    ],
    wins: [
        (id: 1, contact: 1, date: "2025-09-01", text: "Promoted", celebrated: false),
    ],
    playbook: [
        (date: "2025-09-30", lesson: "Ask before offering."),
    ],
)
"#;

/// The bundled sample network.
const SAMPLE: &str = include_str!("../../assets/sample.ron");

fn date(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).expect("a valid date")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn problem(place: &str, message: &str) -> Problem {
    Problem { place: place.to_owned(), message: message.to_owned() }
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| e.expect("a folder entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------
// The DESIGN.md example
// ---------------------------------------------------------------------------

fn design_example_network() -> Network {
    Network {
        version: 1,
        parent: None,
        profile: Profile {
            name: "Ada Example".to_owned(),
            offers: strings(&["mentoring", "portfolio review"]),
            limits: strings(&["no weekend calls"]),
            seeking: strings(&["board introductions"]),
            capacity_hours_per_month: 10.0,
            half_life_days: 180.0,
            balance_tolerance: 0.15,
            default_cadence_days: 90,
        },
        contacts: vec![
            Contact {
                id: 1,
                name: "Grace Hopper".to_owned(),
                organization: "Navy".to_owned(),
                role: "Rear Admiral".to_owned(),
                emails: strings(&["grace@example.org"]),
                phones: vec![],
                links: vec![],
                tags: strings(&["mentor"]),
                offers: strings(&["compilers"]),
                needs: vec![Need {
                    topic: "hiring".to_owned(),
                    note: "Needs a COBOL lead".to_owned(),
                    since: date(2025, 6, 1),
                    resolved: false,
                }],
                cadence_days: Some(30),
                communal: false,
                archived: false,
                created: date(2024, 1, 10),
                dates: vec![],
                busy_until: None,
                notes: String::new(),
            },
            Contact {
                id: 2,
                name: "Alan Turing".to_owned(),
                organization: String::new(),
                role: String::new(),
                emails: vec![],
                phones: vec![],
                links: vec![],
                tags: vec![],
                offers: strings(&["hiring"]),
                needs: vec![],
                cadence_days: None,
                communal: false,
                archived: false,
                created: date(2024, 2, 1),
                dates: vec![],
                busy_until: None,
                notes: "Multi-line notes\nare written with escapes.".to_owned(),
            },
        ],
        exchanges: vec![Exchange {
            id: 1,
            contact: 1,
            date: date(2025, 7, 23),
            direction: Direction::Gave,
            kind: Kind::Mentoring,
            hours: 1.5,
            value: 4,
            summary: "Portfolio review".to_owned(),
            outcome: String::new(),
            thanked: false,
        }],
        touches: vec![Touch {
            id: 1,
            contact: 1,
            date: date(2025, 8, 2),
            channel: Channel::Call,
            working_on: String::new(),
            priorities: String::new(),
            constraints: String::new(),
            notes: "Priorities: hiring; constraint: budget freeze".to_owned(),
        }],
        commitments: vec![Commitment {
            id: 1,
            contact: 1,
            made: date(2025, 8, 2),
            due: Some(date(2025, 8, 20)),
            direction: Direction::Gave,
            hours: 2.0,
            summary: "Draft job post".to_owned(),
            done: None,
        }],
        introductions: vec![Introduction {
            id: 1,
            date: date(2025, 8, 3),
            a: 1,
            b: 2,
            why: String::new(),
            a_gains: String::new(),
            b_gains: String::new(),
            consent_a: Consent::Granted(date(2025, 8, 4)),
            consent_b: Consent::Asked(date(2025, 8, 4)),
            made: None,
            outcome: String::new(),
        }],
        wins: vec![Win {
            id: 1,
            contact: 1,
            date: date(2025, 9, 1),
            text: "Promoted".to_owned(),
            celebrated: false,
        }],
        playbook: vec![Lesson { date: date(2025, 9, 30), lesson: "Ask before offering.".to_owned() }],
    }
}

#[test]
fn the_design_example_loads_exactly_as_written() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("example.ron");
    fs::write(&path, DESIGN_EXAMPLE).expect("write the example");

    let network = store::load(&path).expect("the DESIGN.md example loads");
    assert_eq!(network, design_example_network());
    // Read as the version it is in; written in the current one.
    assert_eq!(network.version, 1);
    assert_eq!(network.contacts[1].notes, "Multi-line notes\nare written with escapes.");
    assert_eq!(network.introductions[0].consent_a, Consent::Granted(date(2025, 8, 4)));
}

/// The DESIGN.md example without its comments (and the spaces before them).
fn design_example_without_comments() -> String {
    DESIGN_EXAMPLE
        .lines()
        .map(|line| match line.find("//") {
            Some(at) => line[..at].trim_end(),
            None => line,
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The version-1 example as version 2 writes it: DESIGN.md's new fields at their
/// defaults, in its order (`parent` after `version`; `dates`, `busy_until` after a
/// contact's `created`; `working_on`, `priorities`, `constraints` after a touch's
/// `channel`).
fn design_example_as_version_2() -> String {
    design_example_without_comments()
        .replacen("    version: 1,\n", "    version: 2,\n    parent: None,\n", 1)
        .replace("\", notes: ", "\", dates: [], busy_until: None, notes: ")
        .replacen(
            "channel: Call, notes: ",
            "channel: Call, working_on: \"\", priorities: \"\", constraints: \"\", notes: ",
            1,
        )
}

/// Same network, same bytes: writing the version-1 example gives the example itself in
/// version 2, minus its comments; read again, it is the same network.
#[test]
fn the_design_example_is_written_back_in_version_2_with_the_new_fields_at_their_defaults() {
    let network = store::parse(DESIGN_EXAMPLE, Path::new("example.ron")).expect("the example parses");
    let written = store::to_string(&network);
    assert_eq!(written, design_example_as_version_2());
    let again = store::parse(&written, Path::new("example.ron")).expect("the written example parses");
    assert_eq!(again, Network { version: 2, ..network });
}

/// DESIGN.md's version-2 example ("File format, version 2"), with its elisions filled
/// in (a real hash for `parent`; the profile and the other lists of the version-1
/// example): read exactly as written, and written back byte for byte.
#[test]
fn the_design_example_of_version_2_loads_and_is_written_back_byte_for_byte() {
    let parent = "9f2c".repeat(16);
    let text = design_example_as_version_2()
        .replacen("parent: None,", &format!("parent: Some(\"{parent}\"),"), 1)
        .replacen(
            "created: \"2024-01-10\", dates: [], busy_until: None,",
            "created: \"2024-01-10\", dates: [(label: \"Birthday\", month: 12, day: 9, year: None)], \
             busy_until: Some(\"2026-02-01\"),",
            1,
        )
        .replacen(
            "working_on: \"\", priorities: \"\", constraints: \"\", notes: \"Priorities: hiring; constraint: budget freeze\"",
            "working_on: \"COBOL standard\", priorities: \"hiring a lead\", constraints: \"budget freeze until March\", notes: \"\"",
            1,
        );
    let network = store::parse(&text, Path::new("example.ron")).expect("the version-2 example parses");
    assert_eq!(network.version, 2);
    assert_eq!(network.parent.as_deref(), Some(parent.as_str()));
    let grace = &network.contacts[0];
    assert_eq!(grace.dates, [rapport::model::ImportantDate::new("Birthday", 12, 9, None).expect("a date")]);
    assert_eq!(grace.busy_until, Some(date(2026, 2, 1)));
    let touch = &network.touches[0];
    assert_eq!(
        (
            touch.working_on.as_str(),
            touch.priorities.as_str(),
            touch.constraints.as_str(),
            touch.notes.as_str()
        ),
        ("COBOL standard", "hiring a lead", "budget freeze until March", "")
    );
    assert_eq!(store::to_string(&network), text);
    assert_eq!(store::to_string_standard(&network), text);
}

#[test]
fn the_bundled_sample_is_valid_and_in_canonical_form() {
    let network = store::parse_bytes(SAMPLE.as_bytes(), Path::new("sample.ron")).expect("the sample loads");
    assert!(!network.contacts.is_empty() && !network.exchanges.is_empty());
    assert!(store::to_string(&network) == SAMPLE, "writing the sample does not give the sample's bytes");
}

// ---------------------------------------------------------------------------
// Round trip over random networks
// ---------------------------------------------------------------------------

/// Checks that the `name` list starts at `lines[*at]` and holds each record of
/// `records` on exactly one line (that line alone parses back to the record).
fn check_list<T>(lines: &[&str], at: &mut usize, name: &str, records: &[T]) -> Result<(), TestCaseError>
where
    T: DeserializeOwned + PartialEq + Debug,
{
    let line = |i: usize| lines.get(i).copied().unwrap_or("<end of file>");
    if records.is_empty() {
        prop_assert_eq!(line(*at), format!("    {name}: [],"));
        *at += 1;
        return Ok(());
    }
    prop_assert_eq!(line(*at), format!("    {name}: ["));
    *at += 1;
    for (i, record) in records.iter().enumerate() {
        let text = line(*at);
        prop_assert!(text.starts_with("        (") && text.ends_with("),"), "{name}[{i}] line: {text:?}");
        let alone = &text[..text.len() - 1];
        let parsed: T = ron::from_str(alone).map_err(|e| {
            TestCaseError::fail(format!("{name}[{i}] line does not parse alone: {e}: {text:?}"))
        })?;
        prop_assert_eq!(&parsed, record, "{}[{}] line: {:?}", name, i, text);
        *at += 1;
    }
    prop_assert_eq!(line(*at), "    ],");
    *at += 1;
    Ok(())
}

/// The layout of a file: version and parent, the profile's 8 fields one per line, each list's records
/// one per line, nothing else.
fn check_one_record_per_line(text: &str, n: &Network) -> Result<(), TestCaseError> {
    prop_assert!(text.ends_with(")\n"), "the file ends with `)` and a newline");
    let lines: Vec<&str> = text[..text.len() - 1].split('\n').collect();
    prop_assert_eq!(lines[0], "(");
    prop_assert_eq!(lines[1], format!("    version: {FORMAT_VERSION},"));
    let parent = n.parent.as_ref().map_or_else(|| "None".to_owned(), |p| format!("Some(\"{p}\")"));
    prop_assert_eq!(lines[2], format!("    parent: {parent},"));
    prop_assert_eq!(lines[3], "    profile: (");
    let fields = [
        "name",
        "offers",
        "limits",
        "seeking",
        "capacity_hours_per_month",
        "half_life_days",
        "balance_tolerance",
        "default_cadence_days",
    ];
    for (i, field) in fields.iter().enumerate() {
        let line = lines.get(4 + i).copied().unwrap_or("<end of file>");
        prop_assert!(line.starts_with(&format!("        {field}: ")) && line.ends_with(','), "{line:?}");
    }
    prop_assert_eq!(lines[12], "    ),");
    let mut at = 13;
    check_list(&lines, &mut at, "contacts", &n.contacts)?;
    check_list(&lines, &mut at, "exchanges", &n.exchanges)?;
    check_list(&lines, &mut at, "touches", &n.touches)?;
    check_list(&lines, &mut at, "commitments", &n.commitments)?;
    check_list(&lines, &mut at, "introductions", &n.introductions)?;
    check_list(&lines, &mut at, "wins", &n.wins)?;
    check_list(&lines, &mut at, "playbook", &n.playbook)?;
    prop_assert_eq!(lines.get(at).copied(), Some(")"));
    prop_assert_eq!(lines.len(), at + 1, "nothing after the closing parenthesis");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_network_round_trips_through_its_text(n in network()) {
        let text = store::to_string(&n);
        let back = store::parse(&text, Path::new("random.ron"))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &n);
        prop_assert_eq!(store::to_string(&back), text.clone(), "writing it again gives other bytes");
        check_one_record_per_line(&text, &n)?;
    }

    #[test]
    fn saving_and_loading_a_valid_network_gives_it_back(n in network()) {
        // Make the random network valid: fresh ids, references to existing contacts.
        let mut n = n;
        n.profile = Profile::default();
        for (i, c) in n.contacts.iter_mut().enumerate() {
            c.id = i as u64 + 1;
            c.cadence_days = c.cadence_days.map(|d| d.max(1));
        }
        n.contacts.push(Contact::new(n.contacts.len() as u64 + 1, "Someone", default_date()));
        n.contacts.push(Contact::new(n.contacts.len() as u64 + 1, "Someone else", default_date()));
        let last = n.contacts.len() as u64;
        for (i, e) in n.exchanges.iter_mut().enumerate() {
            (e.id, e.contact) = (i as u64 + 1, e.contact % last + 1);
        }
        for (i, t) in n.touches.iter_mut().enumerate() {
            (t.id, t.contact) = (i as u64 + 1, t.contact % last + 1);
        }
        for (i, c) in n.commitments.iter_mut().enumerate() {
            (c.id, c.contact) = (i as u64 + 1, c.contact % last + 1);
        }
        for (i, intro) in n.introductions.iter_mut().enumerate() {
            (intro.id, intro.a, intro.b) = (i as u64 + 1, last, last - 1);
        }
        for (i, w) in n.wins.iter_mut().enumerate() {
            (w.id, w.contact) = (i as u64 + 1, w.contact % last + 1);
        }
        prop_assert_eq!(rapport::model::validate(&n), Vec::<Problem>::new());

        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("network.ron");
        store::save(&path, &n).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = store::load(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, n);
    }
}

/// Every enum variant and both sides of every option, for certain (the property may
/// not draw them all).
#[test]
fn every_variant_round_trips() {
    let mut n = design_example_network();
    let day = date(2025, 1, 2);
    n.exchanges = Kind::ALL
        .iter()
        .zip(Direction::ALL.iter().cycle())
        .enumerate()
        .map(|(i, (kind, direction))| Exchange {
            id: i as u64 + 1,
            kind: *kind,
            direction: *direction,
            ..n.exchanges[0].clone()
        })
        .collect();
    n.touches = Channel::ALL
        .iter()
        .enumerate()
        .map(|(i, channel)| Touch { id: i as u64 + 1, channel: *channel, ..n.touches[0].clone() })
        .collect();
    let consents = [Consent::NotAsked, Consent::Asked(day), Consent::Granted(day), Consent::Declined(day)];
    n.introductions = consents
        .iter()
        .enumerate()
        .map(|(i, consent)| Introduction {
            id: i as u64 + 1,
            consent_a: *consent,
            consent_b: consents[(i + 1) % consents.len()],
            made: (i % 2 == 0).then_some(day),
            ..n.introductions[0].clone()
        })
        .collect();
    n.commitments.push(Commitment {
        id: 2,
        due: None,
        done: Some(day),
        direction: Direction::Received,
        ..n.commitments[0].clone()
    });
    assert_eq!(rapport::model::validate(&n), Vec::<Problem>::new());

    let text = store::to_string(&n);
    for word in [
        "Received",
        "Collaboration",
        "Recognition",
        "Event",
        "NotAsked",
        "Declined(\"2025-01-02\")",
        "done: Some(",
    ] {
        assert!(text.contains(word), "{word} is not in the file");
    }
    let back = store::parse_bytes(text.as_bytes(), Path::new("variants.ron")).expect("loads");
    assert_eq!(back, Network { version: FORMAT_VERSION, ..n });
    assert_eq!(store::to_string(&back), text);
}

// ---------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------

#[test]
fn saving_over_a_file_keeps_the_old_bytes_as_a_backup_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    let backup = dir.path().join("network.ron.bak");
    assert_eq!(store::backup_path(&path), backup);

    // The old file as a person wrote it (with comments): kept byte for byte.
    fs::write(&path, DESIGN_EXAMPLE).expect("write the old file");
    let first = Network { version: FORMAT_VERSION, ..design_example_network() };
    let mut second = first.clone();
    second.contacts[0].name = "Grace Brewster Hopper".to_owned();
    second.exchanges[0].hours = 0.1;

    store::save(&path, &first).expect("save over the hand-written file");
    assert_eq!(fs::read(&backup).expect("the backup"), DESIGN_EXAMPLE.as_bytes());
    assert_eq!(fs::read(&path).expect("the new file"), store::to_string(&first).as_bytes());
    assert_eq!(names_in(dir.path()), ["network.ron", "network.ron.bak"]);

    store::save(&path, &second).expect("save again");
    assert_eq!(fs::read(&backup).expect("the backup"), store::to_string(&first).as_bytes());
    assert_eq!(fs::read(&path).expect("the new file"), store::to_string(&second).as_bytes());
    assert_eq!(names_in(dir.path()), ["network.ron", "network.ron.bak"]);
    assert_eq!(store::load(&path).expect("the saved file loads"), second);
    assert_eq!(store::load(&backup).expect("the backup loads"), first);
}

#[test]
fn the_first_save_creates_only_the_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("fresh.ron");
    store::save(&path, &design_example_network()).expect("save a new file");
    assert_eq!(names_in(dir.path()), ["fresh.ron"]);
    assert_eq!(fs::read_to_string(&path).expect("the file"), store::to_string(&design_example_network()));
}

#[test]
fn saving_leaves_other_files_in_the_folder_alone() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    fs::write(dir.path().join("other.ron"), "other").expect("write another file");
    fs::write(&path, "old").expect("write the old file");
    store::save(&path, &Network::default()).expect("save");
    assert_eq!(names_in(dir.path()), ["network.ron", "network.ron.bak", "other.ron"]);
    assert_eq!(fs::read_to_string(dir.path().join("other.ron")).expect("other file"), "other");
    assert!(names_in(dir.path()).iter().all(|n| !(n.starts_with(".network") && n.ends_with(".tmp"))));
}

#[test]
fn saving_into_a_folder_that_does_not_exist_fails_naming_the_path_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("no such folder");
    let path = missing.join("network.ron");

    let error: SaveError = store::save(&path, &design_example_network()).expect_err("the folder is missing");
    assert_eq!(error.path, path);
    assert_eq!(error.source.kind(), std::io::ErrorKind::NotFound);
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(!missing.exists(), "the folder was created");
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

#[test]
fn saving_over_a_folder_fails_and_leaves_everything_as_it_was() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("network.ron");
    fs::create_dir(&path).expect("a folder where the file would go");
    fs::write(path.join("inside.txt"), "keep").expect("a file in that folder");

    let error = store::save(&path, &design_example_network()).expect_err("a folder is not a file");
    assert_eq!(error.path, path);
    assert!(error.to_string().contains(&path.display().to_string()), "{error}");
    assert_eq!(names_in(dir.path()), ["network.ron"], "temporary or backup files were left");
    assert_eq!(names_in(&path), ["inside.txt"]);
}

// ---------------------------------------------------------------------------
// Bad files
// ---------------------------------------------------------------------------

/// Loads `bytes` from a file, checks that the attempt failed and left the folder as
/// it was (same bytes, no other file), and returns the error and the file's path.
fn load_bad(bytes: &[u8]) -> (LoadError, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bad.ron");
    fs::write(&path, bytes).expect("write the bad file");
    let error = store::load(&path).expect_err("the file should not load");
    assert_eq!(fs::read(&path).expect("the file is still there"), bytes, "the failed load changed the file");
    assert_eq!(names_in(dir.path()), ["bad.ron"], "the failed load created files");
    assert_eq!(error.path(), path);
    let shown = path.display().to_string();
    for line in error.lines() {
        assert!(line.starts_with(&shown), "{line:?} does not start with the file name");
    }
    (error, path, dir)
}

/// A parse error's line, column and message; checks its one-line form.
fn parse_error(error: &LoadError, path: &Path) -> (usize, usize, String) {
    match error {
        LoadError::Parse { path: p, line, col, message } => {
            assert_eq!(p, path);
            assert!(*line >= 1 && *col >= 1, "{error}");
            assert!(!message.is_empty());
            let expected = format!("{}:{line}:{col}: {message}", path.display());
            assert_eq!(error.to_string(), expected);
            assert_eq!(error.lines(), vec![expected]);
            (*line, *col, message.clone())
        }
        other => panic!("expected a parse error, got {other:?}: {other}"),
    }
}

#[test]
fn a_truncated_file_is_a_parse_error_inside_the_text() {
    let len = SAMPLE.len();
    let mut cuts =
        vec![1, 2, 30, 100, 1000, len / 4, len / 3, len / 2, 2 * len / 3, len - 40, len - 3, len - 2];
    // Cut right after a record line, and inside a string.
    let record_end = SAMPLE.find("),\n        (id: 2,").expect("a second contact") + 3;
    let in_string = SAMPLE.find("Priya Raman").expect("a name") + 3;
    cuts.extend([record_end, in_string]);
    for cut in cuts {
        let cut = (0..=cut).rev().find(|i| SAMPLE.is_char_boundary(*i)).expect("a char boundary");
        let text = &SAMPLE[..cut];
        let (error, path, _dir) = load_bad(text.as_bytes());
        let (line, col, _) = parse_error(&error, &path);
        let lines: Vec<&str> = text.split('\n').collect();
        assert!(line <= lines.len(), "cut at {cut}: line {line} is past the end");
        assert!(col <= lines[line - 1].chars().count() + 1, "cut at {cut}: column {col} is past the line");
    }
}

#[test]
fn garbage_is_a_parse_error_at_its_line_and_column() {
    let (error, path, _dir) = load_bad(b"%%% this is not a network @@@");
    let (line, col, _) = parse_error(&error, &path);
    assert_eq!((line, col), (1, 1), "{error}");

    // Garbage in the middle of a good file: the error points at it.
    let text = DESIGN_EXAMPLE.replacen("    version: 1,", "    version: @1,", 1);
    let (error, path, _dir) = load_bad(text.as_bytes());
    let (line, col, _) = parse_error(&error, &path);
    assert_eq!((line, col), (2, 14), "{error}");

    let text =
        DESIGN_EXAMPLE.replacen("direction: Gave, kind: Mentoring", "direction: Gave, kind: Mentoring!", 1);
    let (error, path, _dir) = load_bad(text.as_bytes());
    let (line, _, _) = parse_error(&error, &path);
    assert_eq!(line, 18, "{error}");
}

#[test]
fn binary_garbage_is_a_parse_error_not_a_crash() {
    let bytes: Vec<u8> = (0..=255u8).rev().cycle().take(600).collect();
    let (error, path, _dir) = load_bad(&bytes);
    let (line, col, message) = parse_error(&error, &path);
    assert_eq!((line, col), (1, 1), "{error}");
    assert!(message.contains("UTF-8"), "{message}");
}

#[test]
fn invalid_utf8_is_reported_at_the_line_and_column_of_the_bad_byte() {
    // After "Tomás" on its line, so the column counts characters, not bytes.
    let at = SAMPLE.find("Tomás").expect("Tomás is in the sample") + "Tomás".len();
    let mut bytes = SAMPLE.as_bytes().to_vec();
    bytes.insert(at, 0xFF);
    let before = &SAMPLE[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().expect("a line").chars().count() + 1;

    let (error, path, _dir) = load_bad(&bytes);
    let (got_line, got_col, message) = parse_error(&error, &path);
    assert_eq!((got_line, got_col), (line, col), "{error}");
    assert!(message.contains("UTF-8"), "{message}");

    // A truncated multi-byte character at the very end.
    let mut bytes = b"(\n    version: 1,\n    profile: (name: \"Zo".to_vec();
    bytes.extend_from_slice(&"ë".as_bytes()[..1]);
    let (error, path, _dir) = load_bad(&bytes);
    assert_eq!(parse_error(&error, &path).0, 3);
    assert_eq!(parse_error(&error, &path).1, "    profile: (name: \"Zo".chars().count() + 1);
}

fn assert_newer(error: &LoadError, path: &Path, version: u64) {
    match error {
        LoadError::NewerVersion { path: p, found } => {
            assert_eq!(p, path);
            assert_eq!(*found, version);
        }
        other => panic!("expected NewerVersion, got {other:?}: {other}"),
    }
    let message = error.to_string();
    assert!(message.starts_with(&format!("{}: ", path.display())), "{message}");
    assert!(message.contains("newer"), "{message}");
    assert!(message.contains(&format!("version {version}")), "{message}");
    assert!(!message.to_lowercase().contains("unknown"), "{message}");
    assert!(!message.contains("Unexpected field"), "{message}");
}

#[test]
fn a_newer_version_says_newer() {
    let (error, path, _dir) = load_bad(b"(version: 3)");
    assert_newer(&error, &path, 3);

    let text = DESIGN_EXAMPLE.replacen("version: 1,", "version: 3,", 1);
    let (error, path, _dir) = load_bad(text.as_bytes());
    assert_newer(&error, &path, 3);

    let (error, path, _dir) = load_bad(b"(version: 7000000000)");
    assert_newer(&error, &path, 7_000_000_000);

    // The version need not come first, and may carry a comment.
    let (error, path, _dir) = load_bad(b"(hologram: true, version: 3)");
    assert_newer(&error, &path, 3);
    let (error, path, _dir) = load_bad(b"(\n    version: 4, // the future\n    hologram: true,\n)\n");
    assert_newer(&error, &path, 4);
}

#[test]
fn a_newer_version_with_unknown_fields_says_newer_not_unknown_field() {
    let text = "(\n    version: 3,\n    hologram: true,\n    contacts: [\n        (id: 1, aura: \"bright\"),\n    ],\n)\n";
    let (error, path, _dir) = load_bad(text.as_bytes());
    assert_newer(&error, &path, 3);

    let text = DESIGN_EXAMPLE
        .replacen("version: 1,", "version: 3,", 1)
        .replacen("communal: false,", "communal: false, aura: Bright,", 1)
        .replacen("lesson: \"Ask", "mood: Happy, lesson: \"Ask", 1);
    let (error, path, _dir) = load_bad(text.as_bytes());
    assert_newer(&error, &path, 3);
}

#[test]
fn an_unknown_field_is_a_parse_error_naming_it_at_its_place() {
    let text =
        "(\n    version: 1,\n    contacts: [\n        (id: 1, name: \"A\", nickname: \"B\"),\n    ],\n)\n";
    let (error, path, _dir) = load_bad(text.as_bytes());
    let (line, col, message) = parse_error(&error, &path);
    assert_eq!((line, col), (4, 28), "{error}");
    assert!(message.contains("`nickname`"), "{message}");

    // In every kind of record, the profile, a need and the network itself.
    let cases = [
        ("version: 1,", "version: 1, hologram: 1,", "hologram"),
        ("name: \"Ada Example\",", "name: \"Ada Example\", nickname: \"Ada\",", "nickname"),
        ("resolved: false)", "resolved: false, urgency: 3)", "urgency"),
        ("thanked: false)", "thanked: false, gratitude: 5)", "gratitude"),
        ("channel: Call,", "channel: Call, mood: \"ok\",", "mood"),
        ("done: None)", "done: None, overdue: true)", "overdue"),
        ("outcome: \"\"),\n    ],\n    wins", "outcome: \"\", witness: 3),\n    ],\n    wins", "witness"),
        ("celebrated: false)", "celebrated: false, cake: true)", "cake"),
        ("lesson: \"Ask before offering.\")", "lesson: \"Ask before offering.\", source: \"\")", "source"),
    ];
    for (find, replace, field) in cases {
        assert!(DESIGN_EXAMPLE.contains(find), "{find}");
        let text = DESIGN_EXAMPLE.replacen(find, replace, 1);
        let (error, path, _dir) = load_bad(text.as_bytes());
        let (line, col, message) = parse_error(&error, &path);
        assert!(message.contains(&format!("`{field}`")), "{message}");
        let at = text.find(&format!("{field}:")).expect("the field is in the text");
        let expected_line = text[..at].matches('\n').count() + 1;
        let expected_col = text[..at].rsplit('\n').next().expect("a line").chars().count() + 1;
        assert_eq!((line, col), (expected_line, expected_col), "{error}");
    }
}

#[test]
fn a_missing_version_is_a_parse_error_naming_version() {
    let text = DESIGN_EXAMPLE.replacen("    version: 1,\n", "", 1);
    let (error, path, _dir) = load_bad(text.as_bytes());
    let (_, _, message) = parse_error(&error, &path);
    assert!(message.contains("`version`"), "{message}");

    let (error, path, _dir) = load_bad(b"()");
    let (_, _, message) = parse_error(&error, &path);
    assert!(message.contains("`version`"), "{message}");

    // Text that mentions a version is not the file's version.
    let text = DESIGN_EXAMPLE.replacen("    version: 1,\n", "", 1).replacen(
        "notes: \"\"",
        "notes: \"Upgrading to version: 9 of their API\"",
        1,
    );
    let (error, path, _dir) = load_bad(text.as_bytes());
    let (_, _, message) = parse_error(&error, &path);
    assert!(message.contains("`version`"), "{message}");
}

#[test]
fn missing_ids_and_references_are_parse_errors_naming_the_field() {
    let cases = [
        ("(version: 1, contacts: [(name: \"A\")])", "id"),
        ("(version: 1, contacts: [(id: 1)], exchanges: [(id: 1)])", "contact"),
        ("(version: 1, contacts: [(id: 1)], exchanges: [(contact: 1)])", "id"),
        ("(version: 1, contacts: [(id: 1)], touches: [(id: 1)])", "contact"),
        ("(version: 1, contacts: [(id: 1)], commitments: [(id: 1)])", "contact"),
        ("(version: 1, contacts: [(id: 1), (id: 2)], introductions: [(id: 1, a: 1)])", "b"),
        ("(version: 1, contacts: [(id: 1), (id: 2)], introductions: [(id: 1, b: 2)])", "a"),
        ("(version: 1, contacts: [(id: 1)], wins: [(id: 1)])", "contact"),
    ];
    for (text, field) in cases {
        let (error, path, _dir) = load_bad(text.as_bytes());
        let (_, _, message) = parse_error(&error, &path);
        assert!(message.contains(&format!("missing field named `{field}`")), "{text}: {message}");
    }
}

#[test]
fn a_value_of_the_wrong_type_or_an_impossible_date_is_a_parse_error() {
    let cases = [
        DESIGN_EXAMPLE.replacen("value: 4", "value: \"high\"", 1),
        DESIGN_EXAMPLE.replacen("value: 4", "value: 300", 1),
        DESIGN_EXAMPLE.replacen("kind: Mentoring", "kind: Juggling", 1),
        DESIGN_EXAMPLE.replacen("\"2025-07-23\"", "\"2025-02-30\"", 1),
        DESIGN_EXAMPLE.replacen("\"2025-07-23\"", "\"yesterday\"", 1),
        DESIGN_EXAMPLE.replacen("hours: 1.5", "hours: -", 1),
    ];
    for text in cases {
        let (error, path, _dir) = load_bad(text.as_bytes());
        let (line, _, _) = parse_error(&error, &path);
        assert_eq!(line, 18, "{error}");
    }
}

#[test]
fn a_dangling_reference_is_invalid_with_its_problem() {
    let text = DESIGN_EXAMPLE.replacen(
        "(id: 1, contact: 1, date: \"2025-07-23\"",
        "(id: 1, contact: 9, date: \"2025-07-23\"",
        1,
    );
    let (error, path, _dir) = load_bad(text.as_bytes());
    match &error {
        LoadError::Invalid { path: p, problems } => {
            assert_eq!(p, &path);
            assert_eq!(problems, &vec![problem("exchanges[0] (id 1)", "contact 9 does not exist")]);
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(
        error.to_string(),
        format!("{}: exchanges[0] (id 1): contact 9 does not exist", path.display())
    );
}

#[test]
fn a_duplicate_id_is_invalid_with_its_problem() {
    let text = DESIGN_EXAMPLE.replacen("(id: 2, name: \"Alan Turing\"", "(id: 1, name: \"Alan Turing\"", 1);
    let (error, path, _dir) = load_bad(text.as_bytes());
    match &error {
        LoadError::Invalid { path: p, problems } => {
            assert_eq!(p, &path);
            // Contact 2 is gone, so introduction 1's side b no longer resolves.
            assert_eq!(
                problems,
                &vec![
                    problem("contacts[1] (id 1)", "duplicate id 1"),
                    problem("introductions[0] (id 1)", "b: contact 2 does not exist"),
                ]
            );
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    let shown = path.display();
    assert_eq!(
        error.lines(),
        vec![
            format!("{shown}: contacts[1] (id 1): duplicate id 1"),
            format!("{shown}: introductions[0] (id 1): b: contact 2 does not exist"),
        ]
    );
    let summary = error.to_string();
    assert!(summary.starts_with(&format!("{shown}: contacts[1] (id 1): duplicate id 1")), "{summary}");
    assert!(summary.contains("1 more"), "{summary}");
}

#[test]
fn an_empty_file_is_a_parse_error_at_the_start() {
    let (error, path, _dir) = load_bad(b"");
    let (line, col, _) = parse_error(&error, &path);
    assert_eq!((line, col), (1, 1), "{error}");
}

#[test]
fn a_file_of_only_blanks_and_comments_is_a_parse_error_at_its_end() {
    for (text, end) in [("\n", (2, 1)), ("   \n\n  ", (3, 3)), ("// a comment\n", (2, 1))] {
        let (error, path, _dir) = load_bad(text.as_bytes());
        let (line, col, _) = parse_error(&error, &path);
        assert_eq!((line, col), end, "{text:?}: {error}");
    }
}

/// The position is the offending token's, even when the value follows on a later
/// line or after a comment.
#[test]
fn a_parse_error_points_at_the_token_not_the_blanks_before_it() {
    let cases = [
        ("(\n    version:\n        \"1\",\n)\n", (3, 9)),
        ("(\n    version: // the format\n        \"1\",\n)\n", (3, 9)),
        (
            "(\n    version: 1,\n    exchanges: [\n        (id: 1, contact: 1, value:\n     \"high\"),\n    ],\n)\n",
            (5, 6),
        ),
        (
            "(\n    version: 1,\n    contacts: [\n        (id: 1,\n            name: \"x\",\n            wrong: 1),\n    ],\n)\n",
            (6, 13),
        ),
        ("(\n    version: 1,\n    contacts: [\n        (id: 1),\n    ]\n    wins: [],\n)\n", (6, 5)),
        ("(version: 1)   x", (1, 16)),
        ("(version: 1, profile: (name: \"Zoë\", limits: \u{2028} 5))", (1, 47)),
    ];
    for (text, at) in cases {
        let (error, path, _dir) = load_bad(text.as_bytes());
        let (line, col, _) = parse_error(&error, &path);
        assert_eq!((line, col), at, "{text:?}: {error}");
    }
}

#[test]
fn version_zero_is_an_error() {
    let (error, path, _dir) = load_bad(b"(version: 0)");
    let (_, _, message) = parse_error(&error, &path);
    assert!(message.contains("version 0"), "{message}");
}

#[test]
fn a_missing_file_is_a_read_error_naming_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("absent.ron");
    let error = store::load(&path).expect_err("there is no file");
    assert!(matches!(&error, LoadError::Read { path: p, .. } if p == &path), "{error:?}");
    assert!(error.to_string().starts_with(&format!("{}: ", path.display())), "{error}");
    assert_eq!(names_in(dir.path()), Vec::<String>::new(), "loading created a file");
}

#[test]
fn no_failed_load_touches_the_file() {
    // load_bad checks bytes and folder for each; here every case once more in one place.
    let truncated = &SAMPLE[..SAMPLE.len() / 2];
    let newer = DESIGN_EXAMPLE.replacen("version: 1,", "version: 3,", 1);
    let dangling = DESIGN_EXAMPLE.replacen("a: 1, b: 2", "a: 1, b: 5", 1);
    let cases: [&[u8]; 7] = [
        b"".as_slice(),
        b"garbage".as_slice(),
        b"\xff\xfe(".as_slice(),
        truncated.as_bytes(),
        newer.as_bytes(),
        dangling.as_bytes(),
        b"(version: 1, contacts: [(id: 1, x: 1)])".as_slice(),
    ];
    for bytes in cases {
        let (error, _, _dir) = load_bad(bytes);
        assert!(!error.to_string().is_empty());
    }
}

// ---------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------

#[test]
fn omitted_optional_fields_take_their_defaults() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("minimal.ron");
    let text = "(\n    version: 1,\n    contacts: [(id: 1), (id: 2)],\n    exchanges: [(id: 1, contact: 1)],\n    touches: [(id: 1, contact: 2)],\n    commitments: [(id: 1, contact: 1)],\n    introductions: [(id: 1, a: 1, b: 2)],\n    wins: [(id: 1, contact: 2)],\n    playbook: [()],\n)\n";
    fs::write(&path, text).expect("write the file");
    let n = store::load(&path).expect("a minimal file loads");

    assert_eq!(n.version, 1);
    assert_eq!(n.profile, Profile::default());
    assert_eq!(n.contacts, vec![Contact::new(1, "", default_date()), Contact::new(2, "", default_date())]);
    let contact = &n.contacts[0];
    assert_eq!(
        (contact.name.as_str(), contact.cadence_days, contact.communal, contact.archived),
        ("", None, false, false)
    );
    assert!(contact.emails.is_empty() && contact.needs.is_empty() && contact.tags.is_empty());
    assert_eq!(contact.created, date(1970, 1, 1));
    assert_eq!(
        n.exchanges,
        vec![Exchange {
            id: 1,
            contact: 1,
            date: date(1970, 1, 1),
            direction: Direction::Gave,
            kind: Kind::Other,
            hours: 0.0,
            value: 3,
            summary: String::new(),
            outcome: String::new(),
            thanked: false,
        }]
    );
    assert_eq!(
        n.touches,
        vec![Touch {
            id: 1,
            contact: 2,
            date: default_date(),
            channel: Channel::Other,
            working_on: String::new(),
            priorities: String::new(),
            constraints: String::new(),
            notes: String::new()
        }]
    );
    assert_eq!(
        n.commitments,
        vec![Commitment {
            id: 1,
            contact: 1,
            made: default_date(),
            due: None,
            direction: Direction::Gave,
            hours: 0.0,
            summary: String::new(),
            done: None,
        }]
    );
    assert_eq!(
        n.introductions,
        vec![Introduction {
            id: 1,
            date: default_date(),
            a: 1,
            b: 2,
            why: String::new(),
            a_gains: String::new(),
            b_gains: String::new(),
            consent_a: Consent::NotAsked,
            consent_b: Consent::NotAsked,
            made: None,
            outcome: String::new(),
        }]
    );
    assert_eq!(
        n.wins,
        vec![Win { id: 1, contact: 2, date: default_date(), text: String::new(), celebrated: false }]
    );
    assert_eq!(n.playbook, vec![Lesson { date: default_date(), lesson: String::new() }]);
}

#[test]
fn a_file_with_only_a_version_is_an_empty_network() {
    let n = store::parse_bytes(b"(version: 1)", Path::new("v.ron")).expect("loads");
    assert_eq!(n, Network { version: 1, ..Network::default() });
    let n = store::parse_bytes(b"(version: 2)", Path::new("v.ron")).expect("loads");
    assert_eq!(n, Network::default());

    let n = store::parse_bytes(
        b"(version: 1, profile: (name: \"Me\"), contacts: [(id: 1, needs: [()])])",
        Path::new("v.ron"),
    )
    .expect("loads");
    assert_eq!(n.profile, Profile { name: "Me".to_owned(), ..Profile::default() });
    assert_eq!(n.contacts[0].needs, vec![Need::default()]);
}
