//! Any CSV, through a column mapping ([`CsvMapping`], guessed by
//! [`guess_mapping`](super::csv_mapping::guess_mapping)), and the CSV reading shared
//! with the LinkedIn importer.

use csv::StringRecord;
use encoding_rs::Encoding;
use jiff::civil::Date;

use super::csv_mapping::CsvMapping;
use super::import::{Parsed, push_unique, push_unique_tag};
use super::text::{self, MAX_RECORDS};
use super::{ImportError, ReadError, Unreadable};
use crate::model::Contact;

/// The header row of a CSV file, for the mapping step, read in `encoding` where the
/// user chose one.
pub fn csv_headers(
    file_name: &str,
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
) -> Result<Vec<String>, ImportError> {
    let read = || -> Result<Vec<String>, ReadError> {
        let text = text::decode(bytes, encoding)?.text;
        let records = records(&text, sniff_delimiter(&text))?;
        let (_, header) = records.into_iter().next().ok_or_else(|| ReadError::whole("the file is empty"))?;
        Ok(header.iter().map(|h| h.trim().to_owned()).collect())
    };
    read().map_err(|e| ImportError { file: file_name.to_owned(), place: e.place, message: e.message })
}

/// Reads a CSV file with `mapping`; the first row is the header.
pub(crate) fn read(
    bytes: &[u8],
    mapping: &CsvMapping,
    encoding: Option<&'static Encoding>,
    today: Date,
) -> Result<Parsed, ReadError> {
    if !mapping.is_usable() {
        return Err(ReadError::whole("the column mapping has no name, first or last name, or email column"));
    }
    let decoded = text::decode(bytes, encoding)?;
    let text = decoded.text;
    let mut parsed = Parsed { read_as: decoded.read_as, ..Parsed::default() };
    for (line, record) in records(&text, sniff_delimiter(&text))?.iter().skip(1) {
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match contact_from_row(record, mapping, today) {
            Some(contact) => parsed.contacts.push(contact),
            None => parsed.unreadable.push(Unreadable {
                place: format!("line {line}"),
                reason: "no name and no email in the mapped columns".to_owned(),
            }),
        }
    }
    Ok(parsed)
}

fn contact_from_row(record: &StringRecord, mapping: &CsvMapping, today: Date) -> Option<Contact> {
    let cell = |column: Option<usize>| column.and_then(|i| record.get(i)).map(str::trim).unwrap_or("");
    let line = |column: Option<usize>| cell(column).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut contact = Contact::new(0, String::new(), today);
    for column in &mapping.emails {
        push_unique(&mut contact.emails, cell(Some(*column)));
    }
    for column in &mapping.phones {
        push_unique(&mut contact.phones, cell(Some(*column)));
    }
    for column in &mapping.links {
        push_unique(&mut contact.links, cell(Some(*column)));
    }
    for tag in cell(mapping.tags).split([',', ';']).flat_map(|t| t.split(":::")) {
        push_unique_tag(&mut contact.tags, tag);
    }
    contact.organization = line(mapping.organization);
    contact.role = line(mapping.role);
    contact.notes = cell(mapping.notes).replace("\r\n", "\n");
    if let Some(date) = parse_date(cell(mapping.created)) {
        contact.created = date;
    }
    let full = super::import::full_name(&line(mapping.first_name), &line(mapping.last_name));
    contact.name = [line(mapping.name), full, contact.emails.first().cloned().unwrap_or_default()]
        .into_iter()
        .find(|n| !n.is_empty())?;
    Some(contact)
}

/// `2025-07-23`, or `12 Mar 2021` as LinkedIn writes it (English month names).
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let mut parts = text.split_whitespace();
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let month = month.get(..3)?.to_ascii_lowercase();
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = MONTHS.iter().position(|m| *m == month)?;
    Date::new(year.parse().ok()?, i8::try_from(month + 1).ok()?, day.parse().ok()?).ok()
}

/// The delimiter of the header line: `,`, `;` or tab, whichever is most frequent.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let count = |d: char| header.matches(d).count();
    [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| d)
}

/// Every record with the line it starts on. Refuses an unclosed quoted field (the
/// csv crate would silently read the rest of the file into it) and huge files.
pub(crate) fn records(text: &str, delimiter: u8) -> Result<Vec<(u64, StringRecord)>, ReadError> {
    check_quotes(text, delimiter)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // Lines are counted here from byte offsets: the csv crate's own line numbers
    // drift after CRLF line ends.
    let mut lines = LineCounter { text: text.as_bytes(), offset: 0, line: 1 };
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let place = e.position().map_or_else(|| "the file".to_owned(), |p| lines.place(p.byte()));
            ReadError::at(place, format!("not readable as CSV: {e}"))
        })?;
        if records.len() > MAX_RECORDS {
            return Err(ReadError::whole(format!("more than {MAX_RECORDS} rows in one file; split it")));
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        records.push((line, record));
    }
    Ok(records)
}

/// Line numbers of increasing byte offsets, counted incrementally.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut target = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        // After CRLF the csv crate reports the record at the LF; records never start
        // with a line end, so step over it.
        while matches!(self.text.get(target), Some(b'\r' | b'\n')) {
            target += 1;
        }
        if target >= self.offset {
            let skipped = self.text.get(self.offset..target).unwrap_or_default();
            self.line += skipped.iter().filter(|b| **b == b'\n').count() as u64;
            self.offset = target;
        }
        self.line
    }

    fn place(&mut self, byte: u64) -> String {
        format!("line {}", self.line_at(byte))
    }
}

/// Finds a quoted field that is never closed, as RFC 4180 reads quotes: a quote
/// opens a field only at its start, and `""` inside a quoted field is a quote.
fn check_quotes(text: &str, delimiter: u8) -> Result<(), ReadError> {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let (mut line, mut opened_on) = (1usize, 1usize);
    for byte in text.bytes() {
        state = match (state, byte) {
            (State::FieldStart, b'"') => {
                opened_on = line;
                State::Quoted
            }
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) | (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b'\n' | b'\r') => State::FieldStart,
            (_, b) if b == delimiter => State::FieldStart,
            _ => State::Unquoted,
        };
        if byte == b'\n' {
            line += 1;
        }
    }
    if matches!(state, State::Quoted) {
        return Err(ReadError::at(
            format!("line {opened_on}"),
            "a quoted field starts here and is never closed (a \" is missing)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_quote_is_found_where_it_opens() {
        let result = check_quotes("a,b\n\"ok \"\"x\"\", y\",2\n3,\"open\n4,5\n", b',');
        assert_eq!(result.map_err(|e| e.place), Err(Some("line 3".to_owned())));
        assert!(check_quotes("a,5\" screen,b\n\"x\"\"\"\n", b',').is_ok());
    }

    #[test]
    fn dates_iso_and_linkedin() {
        assert_eq!(parse_date("12 Mar 2021"), Some(Date::constant(2021, 3, 12)));
        assert_eq!(parse_date("2021-03-12"), Some(Date::constant(2021, 3, 12)));
        assert_eq!(parse_date("31 Feb 2021"), None);
        assert_eq!(parse_date(""), None);
    }
}
