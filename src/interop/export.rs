//! Exports: contacts as vCard 4.0, the ledger as CSV, the whole network as JSON.

use std::collections::HashMap;

use crate::model::{Contact, Id, Network};

/// The contacts as one vCard 4.0 file (RFC 6350): CRLF line ends, text escaped
/// (`\\`, `\,`, `\;`, `\n`), lines folded at 75 octets without splitting a character.
pub fn export_vcard(contacts: &[Contact]) -> Vec<u8> {
    let mut out = String::new();
    for contact in contacts {
        out.push_str("BEGIN:VCARD\r\nVERSION:4.0\r\n");
        // FN is required, even when empty.
        fold_into(&mut out, &format!("FN:{}", escape(&contact.name)));
        let mut property = |name: &str, value: String| {
            if !value.is_empty() {
                fold_into(&mut out, &format!("{name}:{value}"));
            }
        };
        property("ORG", escape(&contact.organization));
        property("TITLE", escape(&contact.role));
        for email in &contact.emails {
            property("EMAIL", escape(email));
        }
        for phone in &contact.phones {
            property("TEL", escape(phone));
        }
        for link in &contact.links {
            property("URL", escape(link));
        }
        let tags: Vec<String> = contact.tags.iter().map(|t| escape(t)).filter(|t| !t.is_empty()).collect();
        property("CATEGORIES", tags.join(","));
        property("NOTE", escape(&contact.notes));
        out.push_str("END:VCARD\r\n");
    }
    out.into_bytes()
}

/// A text value with vCard escapes; any line break becomes `\n`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Appends `line` + CRLF, folded: no physical line over 75 octets; continuation
/// lines start with one space.
pub(super) fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The ledger as CSV: one row per exchange, with the contact's name. Text cells that
/// a spreadsheet would run as a formula are neutralised ([`neutralise_cell`]).
pub fn export_ledger_csv(network: &Network) -> Vec<u8> {
    let names: HashMap<Id, &str> = network.contacts.iter().map(|c| (c.id, c.name.as_str())).collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
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
        "thanked",
    ];
    // Writing into a Vec cannot fail; a failed row would only be left out.
    let _ = writer.write_record(header);
    for e in &network.exchanges {
        let name = names.get(&e.contact).copied().unwrap_or_default();
        let _ = writer.write_record([
            e.id.to_string(),
            e.date.to_string(),
            e.contact.to_string(),
            neutralise_cell(name),
            e.direction.label().to_owned(),
            e.kind.label().to_owned(),
            e.hours.to_string(),
            e.value.to_string(),
            neutralise_cell(&e.summary),
            neutralise_cell(&e.outcome),
            e.thanked.to_string(),
        ]);
    }
    writer.into_inner().unwrap_or_default()
}

/// A text cell that spreadsheets will not run as a formula: one starting with `=`,
/// `+`, `-`, `@`, tab or carriage return gets a leading `'` (OWASP's advice).
pub fn neutralise_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

/// The whole network as JSON, with the same shape and field names as the RON file:
/// dates `"YYYY-MM-DD"`, options `null` or the value, enums by variant name, and a
/// consent with a date as serde writes it, `{"Granted": "2025-08-04"}`.
pub fn export_json(network: &Network) -> Vec<u8> {
    // Plain structs of strings and numbers: serialising cannot fail (a NaN becomes null).
    let mut bytes = serde_json::to_vec_pretty(network).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
        let mut out = String::new();
        fold_into(&mut out, &format!("NOTE:{}", "é".repeat(60)));
        assert!(out.split("\r\n").all(|l| l.len() <= 75), "{out}");
        assert_eq!(out.replace("\r\n ", "").trim_end(), format!("NOTE:{}", "é".repeat(60)));
    }

    #[test]
    fn neutralises_formulas_only() {
        assert_eq!(neutralise_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_cell("\tx"), "'\tx");
        assert_eq!(neutralise_cell("Plain text"), "Plain text");
    }
}
