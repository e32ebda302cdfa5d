//! Import: real-shaped vCard (Apple, Google, Outlook 2.1, 4.0), LinkedIn and CSV
//! fixtures, duplicates on re-import, one undoable edit, and hostile input.

use jiff::civil::Date;
use rapport::interop::{
    self, DuplicateChoice, DuplicateReason, ImportChoices, ImportError, ImportFormat, ImportPreview,
    ImportSource,
};
use rapport::model::{Contact, Edit, Network};

const TODAY: Date = Date::constant(2025, 9, 1);

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn source_for(name: &str, bytes: &[u8]) -> ImportSource {
    match ImportFormat::guess(name, bytes) {
        ImportFormat::Vcard => ImportSource::Vcard,
        ImportFormat::Linkedin => ImportSource::Linkedin,
        ImportFormat::Csv => {
            let headers = interop::csv_headers(name, bytes, None).unwrap_or_else(|e| panic!("{e}"));
            ImportSource::Csv(interop::guess_mapping(&headers))
        }
    }
}

fn preview(network: &Network, name: &str) -> ImportPreview {
    let bytes = fixture(name);
    let source = source_for(name, &bytes);
    interop::preview_import(network, name, &bytes, &source, None, TODAY).unwrap_or_else(|e| panic!("{e}"))
}

fn contact<'a>(contacts: &'a [Contact], name: &str) -> &'a Contact {
    contacts.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no contact {name} in {contacts:#?}"))
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// Imports `name` into `network` with the default choices.
fn import_into(network: &mut Network, name: &str) -> Edit {
    let preview = preview(network, name);
    interop::apply_import(network, &preview, &ImportChoices::default()).apply(network)
}

#[test]
fn apple_vcard_3_0() {
    let preview = preview(&Network::default(), "apple.vcf");
    assert!(preview.duplicates.is_empty() && preview.unreadable.is_empty(), "{preview:#?}");
    let amelie = contact(&preview.new_contacts, "Amélie Example");
    assert_eq!((amelie.organization.as_str(), amelie.role.as_str()), ("Example Labs", "Principal Scientist"));
    assert_eq!(amelie.emails, strings(&["amelie@example.com", "Amelie.Home@example.org"]));
    assert_eq!(amelie.phones, strings(&["+1 (555) 010-0100", "+1 (555) 010-0101"]));
    // URL (with an item1. group prefix) and Apple's X-SOCIALPROFILE.
    assert_eq!(
        amelie.links,
        strings(&["https://example.com/amelie", "https://www.linkedin.com/in/amelie-example"])
    );
    assert_eq!(amelie.tags, strings(&["mentor", "rust"]));
    assert_eq!(amelie.notes, "Met at the conference hallway.\nLikes: tea, cake; and \\backslashes");
    assert_eq!(amelie.created, TODAY);
    // ORG with an empty unit; BDAY skipped.
    assert_eq!(contact(&preview.new_contacts, "Bruno Sample").organization, "Sample & Co");
    // A company card (empty FN and N) is named after its organisation.
    assert_eq!(contact(&preview.new_contacts, "Nameless Holdings").emails, strings(&["info@example.org"]));
    // The embedded PHOTO left nothing behind.
    assert!(preview.new_contacts.iter().all(|c| !format!("{c:?}").contains("/9j/")));
}

#[test]
fn google_vcard_3_0() {
    let preview = preview(&Network::default(), "google.vcf");
    assert_eq!(preview.new_contacts.len(), 2, "{preview:#?}");
    let chen = contact(&preview.new_contacts, "Chen Example");
    assert_eq!((chen.organization.as_str(), chen.role.as_str()), ("Example Analytics", "Data Lead"));
    assert_eq!(chen.emails, strings(&["chen@example.net", "chen.example@example.com"]));
    // `http\://` is Google's escaping; the folded NOTE is joined back without gaps.
    assert_eq!(chen.links, strings(&["https://example.net/chen", "http://example.org/blog"]));
    assert!(chen.notes.starts_with("Worked together on the Example migration in 2023; knows everyone"));
    assert!(chen.notes.ends_with("when asked nicely. Prefers email over calls."), "{}", chen.notes);
    // Google's own "myContacts" group is not a tag.
    assert_eq!(chen.tags, strings(&["Starred", "Data People"]));
    // No FN: the name comes from N as "Given Family".
    assert_eq!(contact(&preview.new_contacts, "Dami Okafor").emails, strings(&["dami@example.org"]));
}

#[test]
fn outlook_vcard_2_1_quoted_printable_and_charsets() {
    let preview = preview(&Network::default(), "outlook.vcf");
    assert_eq!(preview.new_contacts.len(), 3, "{preview:#?}");
    // Raw windows-1252 bytes (CHARSET=Windows-1252, no encoding).
    let juergen = contact(&preview.new_contacts, "Jürgen Müller");
    // ORG units: the organisation is the first; the role keeps TITLE.
    assert_eq!(
        (juergen.organization.as_str(), juergen.role.as_str()),
        ("Contoso Example", "Account Director")
    );
    assert_eq!(juergen.emails, strings(&["juergen@example.com", "j.mueller@example.org"]));
    assert_eq!(juergen.phones, strings(&["+49 30 1234567", "+49 170 0000000"]));
    assert_eq!(juergen.links, strings(&["http://www.example.com/mueller"]));
    // QUOTED-PRINTABLE in windows-1252 with =0D=0A and a soft line break.
    assert_eq!(
        juergen.notes,
        "Erstes Treffen in Köln.\nZweite Zeile mit Umlauten: äöü, und ein sehr langer Text, der weich umgebrochen wurde."
    );
    // QUOTED-PRINTABLE in UTF-8; 2.1 categories separated by ';'.
    let zoe = contact(&preview.new_contacts, "Zoë Voorbeeld");
    assert_eq!(zoe.tags, strings(&["Klanten", "Nederland"]));
    assert_eq!(contact(&preview.new_contacts, "Linh Nguyen").phones, strings(&["+84 28 0000 0000"]));
}

#[test]
fn vcard_4_0() {
    let preview = preview(&Network::default(), "v4.vcf");
    let chidi = contact(&preview.new_contacts, "Chidi Example");
    assert_eq!((chidi.organization.as_str(), chidi.role.as_str()), ("Example University", "Professor"));
    assert_eq!(chidi.phones, strings(&["+1-555-555-0199"]), "the tel: URI scheme is dropped");
    assert_eq!(chidi.links, strings(&["https://example.org/~chidi"]));
    assert_eq!(chidi.tags, strings(&["academia", "ethics"]));
    assert_eq!(chidi.notes, "Ethics, mostly.\nAlso: chili.");
}

#[test]
fn linkedin_connections_csv() {
    let bytes = fixture("Connections.csv");
    assert_eq!(ImportFormat::guess("Connections.csv", &bytes), ImportFormat::Linkedin);
    let preview = preview(&Network::default(), "Connections.csv");
    let names: Vec<&str> = preview.new_contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Priya Example", "Tomás Sample", "Amélie Example", "Kwame Testperson"]);
    let priya = contact(&preview.new_contacts, "Priya Example");
    assert_eq!(priya.organization, "Example Systems, Inc.");
    assert_eq!(priya.role, "Staff Engineer");
    assert_eq!(priya.emails, strings(&["priya@example.com"]));
    assert_eq!(priya.links, strings(&["https://www.linkedin.com/in/priya-example"]));
    assert_eq!(priya.created, Date::constant(2021, 3, 12), "Connected On");
    let tomas = contact(&preview.new_contacts, "Tomás Sample");
    assert!(tomas.emails.is_empty());
    assert_eq!((tomas.role.as_str(), tomas.created), ("Founder 🚀", Date::constant(2024, 1, 3)));
    assert_eq!(contact(&preview.new_contacts, "Kwame Testperson").role, "Director, Clinical Data");
    // A member who hides their name: no name and no email.
    assert_eq!(preview.unreadable.len(), 1);
    assert_eq!(preview.unreadable[0].place, "line 7");
}

#[test]
fn csv_with_quoted_commas_doubled_quotes_and_newlines() {
    let bytes = fixture("contacts.csv");
    let headers = interop::csv_headers("contacts.csv", &bytes, None).unwrap_or_else(|e| panic!("{e}"));
    let mapping = interop::guess_mapping(&headers);
    assert_eq!((mapping.name, mapping.emails.as_slice(), mapping.organization), (Some(0), &[1][..], Some(2)));
    assert_eq!(
        (mapping.role, mapping.phones.as_slice(), mapping.tags, mapping.notes),
        (Some(3), &[4][..], Some(5), Some(6))
    );
    let preview = preview(&Network::default(), "contacts.csv");
    let rosa = contact(&preview.new_contacts, "Rosa Example");
    assert_eq!(rosa.organization, "Example, Smith & Sons");
    assert_eq!(rosa.notes, "Met at \"Open Source Summit\", Berlin");
    assert_eq!(rosa.tags, strings(&["mentor", "hiring"]));
    assert_eq!(rosa.phones, strings(&["+1 555 0123"]));
    let jean = contact(&preview.new_contacts, "Jean-Luc Sample");
    assert_eq!(jean.notes, "Line one\nLine two, with a comma\nLine \"three\"");
    // Text is data on import (exports neutralise it): kept as written.
    contact(&preview.new_contacts, "=HYPERLINK(\"http://example.com\")");
    assert_eq!(contact(&preview.new_contacts, "Yuki Example").notes, "Zürich, café");
    let unreadable: Vec<&str> = preview.unreadable.iter().map(|u| u.place.as_str()).collect();
    assert_eq!(unreadable, ["line 7"], "the row after the three-line field");
}

#[test]
fn importing_the_same_file_twice_adds_nobody_twice() {
    for name in ["apple.vcf", "google.vcf", "outlook.vcf", "v4.vcf", "Connections.csv", "contacts.csv"] {
        let mut network = Network::default();
        import_into(&mut network, name);
        let after_first = network.clone();
        assert!(!after_first.contacts.is_empty(), "{name}");
        let again = preview(&network, name);
        assert!(again.new_contacts.is_empty(), "{name}: {:#?}", again.new_contacts);
        assert!(again.duplicates.iter().all(|d| d.adds.is_empty()), "{name}: {:#?}", again.duplicates);
        let plan = interop::plan_import(&network, &again, &ImportChoices::default());
        assert!(plan.is_empty(), "{name}: {plan:#?}");
        import_into(&mut network, name);
        assert_eq!(network, after_first, "{name}");
    }
}

#[test]
fn one_undoable_step_with_fresh_ids_and_merges() {
    let mut network = Network::default();
    network.contacts.push(Contact::new(7, "Someone Already There", Date::constant(2020, 1, 1)));
    import_into(&mut network, "apple.vcf");
    let ids: Vec<u64> = network.contacts.iter().map(|c| c.id).collect();
    assert_eq!(ids, [7, 8, 9, 10]);
    let before = network.clone();

    // LinkedIn's Amélie matches Apple's by name and organisation (no email there).
    let preview = preview(&network, "Connections.csv");
    assert_eq!(preview.duplicates.len(), 1);
    let duplicate = &preview.duplicates[0];
    assert_eq!((duplicate.existing, &duplicate.reason), (8, &DuplicateReason::SameNameAndOrganization));
    assert!(duplicate.adds.is_empty(), "the LinkedIn URL is already there: {:?}", duplicate.adds);

    let edit = interop::apply_import(&network, &preview, &ImportChoices::default());
    let Edit::Batch(edits) = &edit else { panic!("one batch: {edit:?}") };
    assert_eq!(edits.len(), 3, "three new contacts, no merge that changes nothing");
    let undo = edit.apply(&mut network);
    assert_eq!(network.contacts.len(), 7);
    assert!(rapport::model::validate(&network).is_empty());
    undo.apply(&mut network);
    assert_eq!(network, before, "undo restores the network exactly");
}

#[test]
fn choices_skip_merge_or_add_as_new() {
    let mut network = Network::default();
    import_into(&mut network, "contacts.csv");
    let mut changed = fixture("contacts.csv");
    changed.extend_from_slice(b"Rosa Example,rosa.second@example.com,\"Example, Smith & Sons\",,,,\r\n");
    let source = source_for("contacts.csv", &changed);
    let preview = interop::preview_import(&network, "changed.csv", &changed, &source, None, TODAY)
        .unwrap_or_else(|e| panic!("{e}"));
    let rosa_index = preview.duplicates.iter().position(|d| !d.adds.is_empty()).unwrap_or(usize::MAX);
    assert_eq!(
        preview.duplicates.get(rosa_index).map(|d| d.adds.clone()),
        Some(strings(&["email rosa.second@example.com"]))
    );

    let rosa_id = preview.duplicates[rosa_index].existing;
    let mut choices = ImportChoices::default();
    let plan = interop::plan_import(&network, &preview, &choices);
    assert_eq!(plan.merged.len(), 1);
    assert_eq!(plan.merged[0].emails, strings(&["rosa@example.com", "rosa.second@example.com"]));

    choices.duplicates = vec![DuplicateChoice::Merge; preview.duplicates.len()];
    choices.duplicates[rosa_index] = DuplicateChoice::Skip;
    assert!(interop::plan_import(&network, &preview, &choices).is_empty());

    choices.duplicates[rosa_index] = DuplicateChoice::AddAsNew;
    let plan = interop::plan_import(&network, &preview, &choices);
    assert_eq!(plan.added.len(), 1);
    assert!(
        plan.added[0].id > rosa_id && plan.added[0].id == rapport::model::Network::next_id(&network.contacts)
    );
}

fn vcard_error(bytes: &[u8]) -> ImportError {
    match interop::preview_import(&Network::default(), "bad.vcf", bytes, &ImportSource::Vcard, None, TODAY) {
        Ok(preview) => panic!("should fail: {preview:#?}"),
        Err(error) => error,
    }
}

fn csv_error(bytes: &[u8], source: &ImportSource) -> ImportError {
    match interop::preview_import(&Network::default(), "bad.csv", bytes, source, None, TODAY) {
        Ok(preview) => panic!("should fail: {preview:#?}"),
        Err(error) => error,
    }
}

fn any_csv() -> ImportSource {
    ImportSource::Csv(interop::CsvMapping { name: Some(0), emails: vec![1], ..Default::default() })
}

/// A deterministic byte stream (xorshift), so the test needs no extra crate.
fn garbage(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn hostile_input_is_refused_with_file_and_place() {
    let binary = vcard_error(&garbage(4096, 42));
    assert_eq!(binary.file, "bad.vcf");
    assert!(binary.place.is_some() && binary.to_string().starts_with("bad.vcf: line "), "{binary}");

    let mut long_line = b"BEGIN:VCARD\nVERSION:3.0\nFN:".to_vec();
    long_line.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    long_line.extend_from_slice(b"\nEND:VCARD\n");
    let error = vcard_error(&long_line);
    assert_eq!(error.place.as_deref(), Some("line 3"), "{error}");
    assert!(error.message.contains("longer than"), "{error}");

    let no_end = vcard_error(b"BEGIN:VCARD\nFN:Ann\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo Example\n");
    assert_eq!(
        no_end.to_string(),
        "bad.vcf: card 2 (line 4): the card has no END:VCARD (the file ends inside it)"
    );

    // Bytes that are not valid in the encoding the user chose: refused at their line.
    let wrong_encoding = interop::preview_import(
        &Network::default(),
        "bad.vcf",
        b"BEGIN:VCARD\nVERSION:3.0\nFN:J\xFCrgen\nEND:VCARD\n",
        &ImportSource::Vcard,
        interop::encoding_for_label("utf-8"),
        TODAY,
    );
    let wrong_encoding = wrong_encoding.err().unwrap_or_else(|| panic!("chosen UTF-8 should refuse"));
    assert_eq!(wrong_encoding.place.as_deref(), Some("line 3"));
    assert!(wrong_encoding.message.contains("not valid in this encoding"), "{wrong_encoding}");

    let empty = vcard_error(b"");
    assert_eq!(empty.to_string(), "bad.vcf: no vCard in the file (no BEGIN:VCARD line)");

    let unclosed =
        csv_error(b"name,email\nAnn,ann@example.com\n\"Bo, \"\"B\"\" Example,bo@example.com\n", &any_csv());
    assert_eq!(unclosed.place.as_deref(), Some("line 3"), "{unclosed}");
    assert!(unclosed.message.contains("never closed"));
    let linkedin_unclosed = csv_error(b"First Name,Last Name\n\"Ann,Example\n", &ImportSource::Linkedin);
    assert_eq!(linkedin_unclosed.place.as_deref(), Some("line 2"));

    // Zero bytes on both sides of most units: binary, not UTF-16.
    let mut zeros = b"name,email\n".to_vec();
    zeros.extend(std::iter::repeat_n(0u8, 64));
    assert!(csv_error(&zeros, &any_csv()).message.contains("binary data"));

    let mut long_csv = b"name,email\n".to_vec();
    long_csv.extend(std::iter::repeat_n(b'a', 10 * 1024 * 1024));
    assert_eq!(csv_error(&long_csv, &any_csv()).place.as_deref(), Some("line 2"));

    let not_linkedin = csv_error(b"a,b\n1,2\n", &ImportSource::Linkedin);
    assert!(not_linkedin.message.contains("First Name"), "{not_linkedin}");

    let too_big = vec![b'a'; interop::MAX_FILE_BYTES + 1];
    assert!(csv_error(&too_big, &any_csv()).message.contains("MiB"));
}

#[test]
fn utf16_with_bom_is_read() {
    let text = "Full Name,Email\r\nZoë Example,zoe@example.com\r\n";
    let bytes: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let preview = interop::preview_import(
        &Network::default(),
        "outlook.csv",
        &bytes,
        &source_for("x.csv", &bytes),
        None,
        TODAY,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(preview.new_contacts[0].name, "Zoë Example");
}

/// Every prefix and many corruptions of every fixture: an error or a preview, never a panic.
#[test]
fn truncated_and_corrupted_fixtures_never_panic() {
    let sources = [ImportSource::Vcard, ImportSource::Linkedin, any_csv()];
    for name in ["apple.vcf", "google.vcf", "outlook.vcf", "v4.vcf", "Connections.csv", "contacts.csv"] {
        let bytes = fixture(name);
        for cut in (0..bytes.len()).step_by(5) {
            for source in &sources {
                let _ =
                    interop::preview_import(&Network::default(), name, &bytes[..cut], source, None, TODAY);
            }
        }
        let noise = garbage(bytes.len(), 7);
        for (i, spot) in (0..bytes.len()).step_by(3).enumerate() {
            let mut corrupted = bytes.clone();
            corrupted[spot] = [b'"', b';', b':', b'=', b'\n', b',', b'\\', noise[spot]][i % 8];
            for source in &sources {
                let _ = interop::preview_import(&Network::default(), name, &corrupted, source, None, TODAY);
            }
        }
    }
}

/// DESIGN's due rule (version 2): an imported address book is not a to-do list. The
/// import adds no touch or exchange, and the overdue list is what it was.
#[test]
fn importing_an_address_book_leaves_the_overdue_list_as_it_was() {
    let sample =
        rapport::store::parse_bytes(rapport::app::SAMPLE.as_bytes(), std::path::Path::new("sample.ron"))
            .unwrap_or_else(|e| panic!("{e}"));
    let as_of = Date::constant(2026, 11, 25);
    let overdue = |n: &Network| {
        let stats = rapport::analysis::contact_stats(n, as_of);
        rapport::analysis::check_ins(n, &stats, as_of).iter().map(|c| c.id).collect::<Vec<_>>()
    };
    let before = overdue(&sample);
    assert!(!before.is_empty(), "the sample has people overdue");
    for file in ["Connections.csv", "apple.vcf", "google.vcf", "outlook.vcf", "contacts.csv"] {
        let mut network = sample.clone();
        let added = {
            let preview = preview(&network, file);
            let edit = interop::apply_import(&network, &preview, &ImportChoices::default());
            let before_len = network.contacts.len();
            let _undo = edit.apply(&mut network);
            network.contacts.len() - before_len
        };
        assert!(added > 0, "{file} adds people");
        assert_eq!(
            (network.touches.len(), network.exchanges.len()),
            (sample.touches.len(), sample.exchanges.len())
        );
        assert_eq!(overdue(&network), before, "{file}: nobody new is overdue");
        let stats = rapport::analysis::contact_stats(&network, as_of);
        for (contact, s) in network.contacts.iter().zip(&stats).skip(sample.contacts.len()) {
            assert_eq!((s.due, s.overdue_days), (None, 0), "{file}: {} is not in rhythm yet", contact.name);
        }
    }
}
