//! Exports: vCard 4.0 (escaping, folding, read back), the ledger as CSV (formulas
//! neutralised), the network as JSON (the RON file's shape, read back).

use crate::interop_support::{FORMULA_NAME, network};
use rapport::interop::{self, ImportSource};
use rapport::model::Network;

#[test]
fn vcard_4_0_is_escaped_folded_and_reads_back() {
    let network = network();
    let bytes = interop::export_vcard(&network.contacts);
    let text = String::from_utf8(bytes.clone()).unwrap_or_default();
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Example\r\n"), "{text}");
    assert!(text.contains("\r\nORG:Example Navy\\; Research\\, Dept\r\n"), "{text}");
    assert!(text.contains("\r\nCATEGORIES:mentor,a\\,b\\;c\r\n"), "{text}");
    assert!(text.contains("NOTE:First line\\nSecond line with a backslash \\\\ and"), "{text}");
    assert_eq!(text.matches("BEGIN:VCARD").count(), 4);
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    assert!(text.contains("\r\n "), "the long note is folded");

    let preview = interop::preview_import(
        &Network::default(),
        "out.vcf",
        &bytes,
        &ImportSource::Vcard,
        None,
        crate::interop_support::d(2025, 1, 1),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(preview.new_contacts.len(), 4);
    for (exported, read) in network.contacts.iter().zip(&preview.new_contacts) {
        let fields = |c: &rapport::model::Contact| {
            (c.name.clone(), c.organization.clone(), c.role.clone(), c.emails.clone(), c.phones.clone())
        };
        assert_eq!(fields(read), fields(exported));
        assert_eq!(
            (&read.links, &read.tags, &read.notes),
            (&exported.links, &exported.tags, &exported.notes)
        );
    }
}

#[test]
fn ledger_csv_one_row_per_exchange_with_formulas_neutralised() {
    let network = network();
    let bytes = interop::export_ledger_csv(&network);
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> =
        reader.headers().map(|h| h.iter().map(str::to_owned).collect()).unwrap_or_default();
    assert_eq!(
        header,
        [
            "id",
            "date",
            "contact_id",
            "contact",
            "direction",
            "kind",
            "hours",
            "value",
            "summary",
            "outcome",
            "thanked"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), network.exchanges.len());
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).cloned().unwrap_or_default();
    assert_eq!(
        row("2").iter().collect::<Vec<_>>(),
        [
            "2",
            "2025-04-10",
            "1",
            "Grace Example",
            "Gave",
            "Mentoring",
            "1.5",
            "4",
            "'=1+2 portfolio review",
            "",
            "false"
        ]
    );
    assert_eq!(&row("3")[8], "'-5 minutes late, still useful");
    assert_eq!(&row("4")[9], "'@channel: hired");
    assert_eq!(&row("5")[8], "'\tTabbed");
    assert_eq!(&row("6")[8], "Plain, with \"quotes\"\nand a second line", "quotes and newlines survive");
    assert_eq!(&row("8")[3], format!("'{FORMULA_NAME}"));
    for record in &rows {
        for cell in record {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
        }
    }
}

#[test]
fn json_has_the_ron_shape_and_reads_back() {
    let network = network();
    let bytes = interop::export_json(&network);
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
        keys.sort();
        keys
    };
    assert_eq!(
        keys(&value),
        [
            "commitments",
            "contacts",
            "exchanges",
            "introductions",
            "parent",
            "playbook",
            "profile",
            "touches",
            "version",
            "wins"
        ]
    );
    assert_eq!(value["version"], 2, "written in the current format");
    assert_eq!(value["contacts"][0]["created"], "2024-01-10", "dates as YYYY-MM-DD");
    assert_eq!(value["contacts"][0]["cadence_days"], serde_json::Value::Null, "None is null");
    assert_eq!(value["exchanges"][0]["direction"], "Gave", "enums by variant name");
    assert_eq!(value["commitments"][0]["due"], "2025-05-20", "Some is the value");
    assert_eq!(value["introductions"][0]["consent_a"], serde_json::json!({"Granted": "2025-04-02"}));
    assert_eq!(value["introductions"][0]["made"], "2025-05-12");
    // The same field names as the RON file: it reads back through the model's serde
    // types (which deny unknown fields) into the same network.
    let read: Result<Network, _> = serde_json::from_slice(&bytes);
    assert_eq!(read.ok(), Some(network.clone()));
    let ron = rapport::store::to_string(&network);
    for key in keys(&value["contacts"][0]) {
        assert!(ron.contains(&format!("{key}: ")), "{key} is a RON field name");
    }
}
