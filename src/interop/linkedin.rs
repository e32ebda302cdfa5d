//! LinkedIn's `Connections.csv` data export. It does not start with its header: a
//! few "Notes:" lines come first, then
//! `First Name,Last Name,URL,Email Address,Company,Position,Connected On`
//! (older exports lack `URL`), with dates like `12 Mar 2021`.

use csv::StringRecord;
use encoding_rs::Encoding;
use jiff::civil::Date;

use super::csv_import::{parse_date, records};
use super::import::{Parsed, push_unique};
use super::text;
use super::{ReadError, Unreadable};
use crate::model::Contact;

/// How many rows may come before the header.
const HEADER_SEARCH_ROWS: usize = 20;

/// Whether the start of a file (lower-cased) looks like LinkedIn's export.
pub(crate) fn looks_like_linkedin(head_lower: &str) -> bool {
    head_lower.contains("first name,last name") && head_lower.contains("connected on")
}

/// Column positions, found by name in the header row.
struct Columns {
    first_name: usize,
    last_name: usize,
    url: Option<usize>,
    email: Option<usize>,
    company: Option<usize>,
    position: Option<usize>,
    connected_on: Option<usize>,
}

impl Columns {
    fn from_header(record: &StringRecord) -> Option<Self> {
        let find = |names: &[&str]| {
            record.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
        };
        Some(Self {
            first_name: find(&["First Name"])?,
            last_name: find(&["Last Name"])?,
            url: find(&["URL", "Profile URL"]),
            email: find(&["Email Address", "Email"]),
            company: find(&["Company"]),
            position: find(&["Position"]),
            connected_on: find(&["Connected On"]),
        })
    }
}

pub(crate) fn read(
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
    today: Date,
) -> Result<Parsed, ReadError> {
    let decoded = text::decode(bytes, encoding)?;
    let text = decoded.text;
    let records = records(&text, b',')?;
    let header = records
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(index, (_, record))| Columns::from_header(record).map(|columns| (index, columns)));
    let Some((header_index, columns)) = header else {
        return Err(ReadError::whole(
            "no header row with \"First Name\" and \"Last Name\" near the top: \
             this is not LinkedIn's Connections.csv (import it as CSV instead)",
        ));
    };
    let mut parsed = Parsed { read_as: decoded.read_as, ..Parsed::default() };
    for (line, record) in records.iter().skip(header_index + 1) {
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match contact_from_row(record, &columns, today) {
            Some(contact) => parsed.contacts.push(contact),
            None => parsed.unreadable.push(Unreadable {
                place: format!("line {line}"),
                reason: "no first name, last name or email".to_owned(),
            }),
        }
    }
    Ok(parsed)
}

fn contact_from_row(record: &StringRecord, columns: &Columns, today: Date) -> Option<Contact> {
    let cell = |column: Option<usize>| {
        column.and_then(|i| record.get(i)).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut contact = Contact::new(0, String::new(), today);
    push_unique(&mut contact.emails, &cell(columns.email));
    push_unique(&mut contact.links, &cell(columns.url));
    contact.organization = cell(columns.company);
    contact.role = cell(columns.position);
    if let Some(date) = parse_date(&cell(columns.connected_on)) {
        contact.created = date;
    }
    let name = [cell(Some(columns.first_name)), cell(Some(columns.last_name))].join(" ").trim().to_owned();
    contact.name = if name.is_empty() { contact.emails.first()?.clone() } else { name };
    Some(contact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_header_after_the_notes() {
        let file = "Notes:\n\"When exporting your connection data, you may notice that some of the email \
                    addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                    Ada,Example,https://www.linkedin.com/in/ada-example,,\"Example, Inc.\",CTO,12 Mar 2021\n\
                    ,,https://www.linkedin.com/in/nobody,,,,01 Jan 2020\n";
        let parsed = read(file.as_bytes(), None, Date::constant(2025, 1, 1));
        let Ok(parsed) = parsed else { panic!("should read: {parsed:?}") };
        let ada = parsed.contacts.first().map(|c| (c.name.as_str(), c.organization.as_str(), c.created));
        assert_eq!(ada, Some(("Ada Example", "Example, Inc.", Date::constant(2021, 3, 12))));
        assert_eq!(parsed.unreadable.first().map(|u| u.place.as_str()), Some("line 6"));
    }
}
