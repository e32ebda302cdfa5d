//! Import: the byte shapes real exporters write (issue "Every real address book comes
//! in"). The files are made by `tools/make_import_fixtures.py` (invented people); each
//! test asserts the exact decoded names, and how the file was read.

use jiff::civil::Date;
use proptest::prelude::*;
use rapport::interop::{self, Encoding, ImportFormat, ImportPreview, ImportSource};
use rapport::model::{Contact, Network};

const TODAY: Date = Date::constant(2025, 9, 1);

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/encodings/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Reads `bytes` as the window and `rapport import` do: the format and (for a CSV)
/// the column mapping guessed, the encoding found from the bytes unless `encoding`.
fn preview_bytes(name: &str, bytes: &[u8], encoding: Option<Encoding>) -> ImportPreview {
    let source = match ImportFormat::guess(name, bytes) {
        ImportFormat::Vcard => ImportSource::Vcard,
        ImportFormat::Linkedin => ImportSource::Linkedin,
        ImportFormat::Csv => {
            let headers = interop::csv_headers(name, bytes, encoding).unwrap_or_else(|e| panic!("{e}"));
            ImportSource::Csv(interop::guess_mapping(&headers))
        }
    };
    interop::preview_import(&Network::default(), name, bytes, &source, encoding, TODAY)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn preview(name: &str) -> ImportPreview {
    preview_bytes(name, &fixture(name), None)
}

fn names(preview: &ImportPreview) -> Vec<&str> {
    preview.new_contacts.iter().map(|c| c.name.as_str()).collect()
}

fn contact<'a>(preview: &'a ImportPreview, name: &str) -> &'a Contact {
    preview
        .new_contacts
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} in {preview:#?}"))
}

#[test]
fn outlook_92_column_windows_1252_csv() {
    let preview = preview("outlook-windows-1252.csv");
    assert_eq!(preview.read_as.describe(), "read as Windows-1252 (detected)");
    assert_eq!(names(&preview), ["Jürgen Müßig", "Zoë Ångström", "Seán Ó Briain"]);
    let jurgen = contact(&preview, "Jürgen Müßig");
    assert_eq!(
        (jurgen.organization.as_str(), jurgen.role.as_str(), jurgen.notes.as_str()),
        ("Fähre & Söhne GmbH", "Geschäftsführer", "Café € “quoted”")
    );
    // The display-name and type columns next to the address are not addresses; the fax is no phone.
    assert_eq!(jurgen.emails, ["juergen@example.de"]);
    assert_eq!(jurgen.phones, ["+49 151 0000001"]);
    assert_eq!(
        (jurgen.tags.clone(), jurgen.links.clone()),
        (vec!["Kunden".to_owned(), "Freunde".to_owned()], vec!["https://example.de/jm".to_owned()])
    );
    assert!(preview.unreadable.is_empty() && preview.warnings.is_empty(), "{preview:#?}");
}

#[test]
fn thunderbird_ansi_csv_with_german_headers() {
    let preview = preview("thunderbird-de-ansi.csv");
    assert_eq!(preview.read_as.describe(), "read as Windows-1252 (detected)");
    assert_eq!(names(&preview), ["Björn Weißmüller", "Änne Kühn"]);
    let bjorn = contact(&preview, "Björn Weißmüller");
    assert_eq!((bjorn.organization.as_str(), bjorn.role.as_str()), ("Grüne Wiese AG", "Einkäuferin"));
    assert_eq!(bjorn.phones, ["+49 40 000001", "+49 160 000001"]);
    assert_eq!(bjorn.notes, "Trifft sich gern früh");
}

#[test]
fn french_outlook_semicolon_csv() {
    let preview = preview("outlook-fr-semicolon.csv");
    assert_eq!(names(&preview), ["François Lefèvre", "Hélène Dupré"]);
    let francois = contact(&preview, "François Lefèvre");
    assert_eq!((francois.organization.as_str(), francois.role.as_str()), ("Crème Brûlée SARL", "Gérant"));
    assert_eq!(francois.emails, ["francois@example.fr"]);
    assert_eq!(francois.phones, ["+33 6 00 00 00 01"]);
    assert_eq!(francois.notes, "Déjeuner à Noël");
}

#[test]
fn spanish_tab_separated_csv_with_a_bom() {
    let preview = preview("outlook-es-tab.csv");
    assert_eq!(preview.read_as.describe(), "read as UTF-8 (byte-order mark)");
    let begona = contact(&preview, "Begoña Núñez Ibáñez");
    assert_eq!((begona.organization.as_str(), begona.role.as_str()), ("Peñalara Diseño", "Diseñadora"));
    assert_eq!(
        (begona.emails.as_slice(), begona.phones.as_slice()),
        (&["begona@example.es".to_owned()][..], &["+34 600 000 001".to_owned()][..])
    );
}

#[test]
fn shift_jis_csv_with_japanese_headers() {
    let preview = preview("addressbook-shift_jis.csv");
    assert_eq!(preview.read_as.describe(), "read as Shift_JIS (detected)");
    // Family name first, as Japanese names are written.
    assert_eq!(names(&preview), ["安藤 ロイド", "佐々木 花子"]);
    let lloyd = contact(&preview, "安藤 ロイド");
    assert_eq!((lloyd.organization.as_str(), lloyd.role.as_str()), ("東京テスト商会", "課長"));
    assert_eq!(lloyd.emails, ["lloyd@example.jp"]);
    assert_eq!(lloyd.phones, ["090-0000-0001", "03-0000-0009"]);
    assert_eq!((lloyd.notes.as_str(), lloyd.tags.as_slice()), ("月曜の朝に電話", &["取引先".to_owned()][..]));
}

#[test]
fn google_contacts_current_export() {
    let preview = preview("google-contacts.csv");
    let dagny = contact(&preview, "Dagný Þórsdóttir");
    assert_eq!((dagny.organization.as_str(), dagny.role.as_str()), ("Norðurljós ehf.", "Ráðgjafi"));
    assert_eq!(dagny.emails, ["dagny@example.is"]);
    // "Phonetic First Name" is no phone; "Phone 1 - Value" is.
    assert_eq!(dagny.phones, ["+354 000 0001"]);
    assert_eq!(
        (dagny.tags.as_slice(), dagny.links.as_slice()),
        (&["Vinir".to_owned()][..], &["https://example.is/dagny".to_owned()][..])
    );
}

#[test]
fn utf16_vcards_with_and_without_a_bom() {
    for (file, read_as) in [
        ("apple-utf16le-bom.vcf", "read as UTF-16LE (byte-order mark)"),
        ("apple-utf16le-nobom.vcf", "read as UTF-16LE (no byte-order mark)"),
        ("apple-utf16be-bom.vcf", "read as UTF-16BE (byte-order mark)"),
        ("apple-utf16be-nobom.vcf", "read as UTF-16BE (no byte-order mark)"),
    ] {
        let preview = preview(file);
        assert_eq!(preview.read_as.describe(), read_as, "{file}");
        assert_eq!(names(&preview), ["Ånja Øster", "安藤 ロイド"], "{file}");
        assert_eq!(contact(&preview, "Ånja Øster").organization, "Fjord & Fjell AS", "{file}");
    }
}

#[test]
fn a_fold_through_a_multibyte_character_is_unfolded_before_decoding() {
    let bytes = fixture("folded-multibyte.vcf");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture cuts characters with its folds");
    let preview = preview_bytes("folded-multibyte.vcf", &bytes, None);
    assert_eq!(preview.read_as.describe(), "read as UTF-8");
    let zoe = contact(&preview, "Zoë Ångström-Ōtsuka 安藤ロイド");
    assert_eq!(zoe.notes, "Rencontrée à Zürich — 会議は月曜日です。".repeat(3));
}

#[test]
fn vcard_2_1_shift_jis_quoted_printable_and_raw() {
    let preview = preview("phone-2.1-shift_jis-qp.vcf");
    assert_eq!(names(&preview), ["安藤 ロイド 1", "佐々木 花子"]);
    // A QUOTED-PRINTABLE note continued over soft line breaks.
    assert_eq!(contact(&preview, "安藤 ロイド 1").notes, "月曜の朝に電話。東京テスト商会の課長。");
    // A raw Shift_JIS property (CHARSET=SHIFT_JIS, no encoding) in an otherwise ASCII file.
    assert_eq!(contact(&preview, "佐々木 花子").organization, "架空の株式会社");
    assert!(preview.warnings.is_empty(), "{:?}", preview.warnings);
}

#[test]
fn vcard_2_1_charsets_and_an_unknown_one() {
    let preview = preview("charsets-2.1.vcf");
    assert_eq!(
        names(&preview),
        [
            "Łukasz Wójcik",
            "Иван Петров",
            "Олена Шевченко",
            "王小明",
            "陳大文",
            "Νίκος Παπαδόπουλος",
            "Renée Côté",
            "Plain Name"
        ]
    );
    // The unknown charset is read in the file's encoding, and said so: a warning, not an error.
    assert_eq!(preview.warnings.len(), 1, "{:?}", preview.warnings);
    assert_eq!(preview.warnings[0].place, "line 31");
    assert_eq!(
        preview.warnings[0].reason,
        "unknown CHARSET=X-MAC-KLINGON; read as UTF-8, the file's encoding"
    );
    assert!(preview.unreadable.is_empty());
}

#[test]
fn a_chosen_encoding_reads_the_file_again() {
    // Detected as Windows-1252, where 0xA4 is ¤; the user knows the file is ISO-8859-15,
    // where it is €: the names follow the choice.
    let bytes = b"Name,Email\r\nJ\xFCrgen \xA4,j@example.com\r\n";
    let detected = preview_bytes("x.csv", bytes, None);
    assert_eq!(names(&detected), ["Jürgen ¤"]);
    let latin9 = preview_bytes("x.csv", bytes, interop::encoding_for_label("iso-8859-15"));
    assert_eq!(names(&latin9), ["Jürgen €"]);
    assert_eq!(latin9.read_as.describe(), "read as ISO-8859-15 (chosen)");
    // A UTF-16LE file without a BOM, told to be read as UTF-16BE: no line ends where
    // a vCard needs them, so it is refused rather than read as nonsense.
    let le = fixture("apple-utf16le-nobom.vcf");
    let wrong = interop::preview_import(
        &Network::default(),
        "x.vcf",
        &le,
        &ImportSource::Vcard,
        interop::encoding_for_label("utf-16be"),
        TODAY,
    );
    assert!(wrong.is_err(), "{wrong:?}");
}

/// A name written in Western European letters (all of them in Windows-1252).
fn latin_name() -> impl Strategy<Value = String> {
    let word = prop_oneof!["[A-Z][a-z]{1,8}", "[ÀÉÖÜØÅ][àáâäçèéêëíñóôöøúüýßœ]{1,6}", "[A-Z][a-zäöüéèñ]{2,8}"];
    proptest::collection::vec(word, 1..4).prop_map(|words| words.join(" "))
}

/// A name people might have: words of Latin, accented, Cyrillic, Greek or CJK letters.
fn name_strategy() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[A-Z][a-z]{1,8}",
        "[ÀÉÖÜØÅ][àáâäçèéêëíñóôöøúüýßœ]{1,6}",
        "[Ж-Я][а-я]{2,7}",
        "[Α-Ω][α-ω]{2,7}",
        "[安藤佐々木花子東京王明陳大文]{1,3}",
        "[ア-ン]{2,5}",
    ];
    proptest::collection::vec(word, 1..4).prop_map(|words| words.join(" "))
}

/// The encodings a file is re-encoded to, where its names can be written in them, and
/// the encoding the import is told (UTF-16 is found from its BOM or zero bytes).
/// Windows-1252 is told: a few short names in it can be as likely Windows-1250 or
/// -1254 ("Dagný" / "Dagnı") to any detector, which is why the preview says what it
/// detected and offers the choice; detection of real exports is tested above.
fn reencodings(text: &[u8]) -> Vec<(&'static str, Vec<u8>, Option<Encoding>)> {
    let text = std::str::from_utf8(text).unwrap_or_default();
    let utf16 = |big: bool| -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if big { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    };
    let mut out = vec![
        ("UTF-8", text.as_bytes().to_vec(), None),
        ("UTF-16LE with BOM", [0xFF, 0xFE].into_iter().chain(utf16(false)).collect(), None),
        ("UTF-16BE with BOM", [0xFE, 0xFF].into_iter().chain(utf16(true)).collect(), None),
        ("UTF-16LE", utf16(false), None),
        ("UTF-16BE", utf16(true), None),
    ];
    let (windows_1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    if !unmappable {
        out.push(("Windows-1252", windows_1252.into_owned(), Some(encoding_rs::WINDOWS_1252)));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Any network exported as vCard and as CSV (the ledger, one row per exchange),
    /// re-encoded, imports back to the same names.
    #[test]
    fn exports_re_encoded_import_back_to_the_same_names(
        names in prop_oneof![
            proptest::collection::vec(latin_name(), 1..8),
            proptest::collection::vec(name_strategy(), 1..8),
        ]
    ) {
        let mut network = Network::default();
        for (i, name) in names.iter().enumerate() {
            let id = i as u64 + 1;
            network.contacts.push(Contact::new(id, name.as_str(), TODAY));
            network.exchanges.push(rapport::model::new_exchange(id, id, TODAY));
        }
        let expected: std::collections::BTreeSet<&str> = names.iter().map(String::as_str).collect();
        let exports = [("out.vcf", interop::export_vcard(&network.contacts)), ("out.csv", interop::export_ledger_csv(&network))];
        for (file, bytes) in exports {
            for (encoding, bytes, told) in reencodings(&bytes) {
                let preview = preview_bytes(file, &bytes, told);
                let got: std::collections::BTreeSet<&str> = preview.new_contacts.iter().map(|c| c.name.as_str()).collect();
                prop_assert_eq!(&got, &expected, "{} as {} ({})", file, encoding, preview.read_as.describe());
            }
        }
    }
}
