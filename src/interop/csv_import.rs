//! Any CSV, through a column mapping ([`CsvMapping`], guessed by [`guess_mapping`]),
//! and the CSV reading shared with the LinkedIn importer.

use csv::StringRecord;
use encoding_rs::Encoding;
use jiff::civil::Date;

use super::import::{Parsed, push_unique, push_unique_tag};
use super::text::{self, MAX_RECORDS};
use super::{ImportError, ReadError, Unreadable};
use crate::model::Contact;

/// Which column (0-based) holds which contact field. The first row is the header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvMapping {
    /// The full name; when `None`, `first_name` + `last_name`.
    pub name: Option<usize>,
    pub first_name: Option<usize>,
    pub last_name: Option<usize>,
    /// Every column holding an email address (exports have "E-mail 2" and so on).
    pub emails: Vec<usize>,
    pub phones: Vec<usize>,
    pub organization: Option<usize>,
    pub role: Option<usize>,
    pub links: Vec<usize>,
    /// Tags separated by `,`, `;` or Google's `:::`.
    pub tags: Option<usize>,
    pub notes: Option<usize>,
    /// A date (`2025-07-23` or `12 Mar 2021`) for `created`; today when absent.
    pub created: Option<usize>,
}

impl CsvMapping {
    /// Whether a contact can get a name: a name, first/last name or email column.
    pub fn is_usable(&self) -> bool {
        self.name.is_some()
            || self.first_name.is_some()
            || self.last_name.is_some()
            || !self.emails.is_empty()
    }

    /// `(field, header)` pairs of the mapped columns, for showing the mapping.
    pub fn describe(&self, headers: &[String]) -> Vec<(&'static str, String)> {
        let header = |i: &usize| headers.get(*i).cloned().unwrap_or_else(|| format!("column {}", i + 1));
        let singles = [
            ("name", &self.name),
            ("first name", &self.first_name),
            ("last name", &self.last_name),
            ("organisation", &self.organization),
            ("role", &self.role),
            ("tags", &self.tags),
            ("notes", &self.notes),
            ("created", &self.created),
        ];
        let multiples = [("email", &self.emails), ("phone", &self.phones), ("link", &self.links)];
        let mut out: Vec<(&'static str, String)> = singles
            .iter()
            .filter_map(|(field, column)| column.as_ref().map(|i| (*field, header(i))))
            .collect();
        for (field, columns) in multiples {
            out.extend(columns.iter().map(|i| (field, header(i))));
        }
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    FirstName,
    LastName,
    Email,
    Phone,
    Organization,
    Role,
    Link,
    Tags,
    Notes,
    Created,
}

/// The field a header names, with a rank (lower wins when several columns match).
/// Header names as the common exporters write them in English, German, French,
/// Spanish and Japanese (Outlook, Google, Thunderbird, phones); compared lower-case
/// with everything but letters and digits removed ("E-Mail-Adresse" → "emailadresse").
fn classify(header: &str) -> Option<(Field, u8)> {
    let h: String = header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let has = |part: &str| h.contains(part);
    let any = |parts: &[&str]| parts.iter().any(|p| h.contains(p));
    let exact = |names: &[&str]| names.contains(&h.as_str());
    // A display name on its own is the person's (Thunderbird); next to an email
    // address it is how the address is shown (Outlook), and not the person's name.
    if exact(&["displayname", "anzeigename", "nomàafficher", "nombreparamostrar", "表示名"]) {
        return Some((Field::Name, 1));
    }
    // Columns about something else: a type or label, how an address is shown, a fax,
    // a phonetic reading, an assistant's or manager's details, an id.
    let other = any(&[
        "type",
        "typ",
        "tipo",
        "種類",
        "displayname",
        "angezeigt",
        "mostrar",
        "affich",
        "表示",
        "fax",
        "télécopie",
        "telecopie",
        "ファクス",
        "phonetic",
        "yomi",
        "furigana",
        "フリガナ",
        "ふりがな",
        "ヨミ",
        "assistant",
        "manager",
        "department",
        "abteilung",
        "service",
        "departamento",
        "部署",
        "organizationalid",
        "government",
        "telex",
    ]);
    // "Nom complet de l'adresse de messagerie": how an address is shown.
    let address_shown = has("nomcomplet") && h != "nomcomplet";
    if other || address_shown || (has("label") && h != "labels") {
        return None;
    }
    let field = if exact(&[
        "firstname",
        "givenname",
        "first",
        "forename",
        "vorname",
        "prénom",
        "prenom",
        "nombre",
        "名",
    ]) {
        (Field::FirstName, 0)
    } else if exact(&[
        "lastname",
        "familyname",
        "surname",
        "last",
        "nachname",
        "familienname",
        "nom",
        "nomdefamille",
        "apellido",
        "apellidos",
        "姓",
    ]) {
        (Field::LastName, 0)
    } else if exact(&[
        "name",
        "fullname",
        "contactname",
        "contact",
        "vollständigername",
        "nomcomplet",
        "nombrecompleto",
        "氏名",
        "名前",
        "お名前",
    ]) {
        (Field::Name, 0)
    } else if exact(&[
        "tags",
        "tag",
        "labels",
        "groups",
        "groupmembership",
        "categories",
        "category",
        "kategorien",
        "kategorie",
        "catégories",
        "categories",
        "catégorie",
        "categorías",
        "categoría",
        "分類",
        "カテゴリ",
        "カテゴリー",
        "グループ",
    ]) {
        (Field::Tags, 0)
    } else if exact(&[
        "notes",
        "note",
        "comments",
        "comment",
        "description",
        "notizen",
        "notiz",
        "bemerkungen",
        "remarques",
        "notas",
        "nota",
        "メモ",
        "備考",
    ]) {
        (Field::Notes, 0)
    } else if exact(&["created", "connectedon", "dateadded", "added", "since"]) {
        (Field::Created, 0)
    } else if exact(&["title", "role", "titel", "titre", "profession", "beruf", "profesión"]) {
        (Field::Role, 1)
    } else if any(&["mail", "messagerie", "courriel", "électronique", "electronique", "correo", "メール"])
    {
        (Field::Email, 0)
    } else if any(&[
        "phone",
        "mobile",
        "mobil",
        "telefon",
        "téléphone",
        "telephone",
        "teléfono",
        "telefono",
        "móvil",
        "movil",
        "celular",
        "電話",
        "携帯",
    ]) || h.starts_with("tel")
        || h.starts_with("tél")
        || exact(&["portable", "handy"])
    {
        (Field::Phone, 0)
    } else if any(&[
        "title",
        "position",
        "jobrole",
        "arbeitstitel",
        "berufsbezeichnung",
        "poste",
        "fonction",
        "puesto",
        "cargo",
        "役職",
        "肩書",
    ]) {
        (Field::Role, 0)
    } else if any(&[
        "company",
        "employer",
        "firma",
        "unternehmen",
        "société",
        "societe",
        "entreprise",
        "compañía",
        "compania",
        "empresa",
        "会社",
        "勤務先",
        "所属",
    ]) || h.starts_with("organi")
        || h == "org"
    {
        (Field::Organization, 0)
    } else if any(&["url", "web", "link", "homepage", "site", "ホームページ", "ウェブ"]) {
        (Field::Link, 0)
    } else {
        return None;
    };
    Some(field)
}

/// A mapping guessed from header names (the common exports: Google, Outlook,
/// Thunderbird, phones, spreadsheets, in the languages [`classify`] knows). The user
/// checks it in the mapping step.
pub fn guess_mapping(headers: &[String]) -> CsvMapping {
    let mut mapping = CsvMapping::default();
    let mut ranks: Vec<(Field, u8)> = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        let Some((field, rank)) = classify(header) else { continue };
        let single = match field {
            Field::Email => {
                mapping.emails.push(column);
                continue;
            }
            Field::Phone => {
                mapping.phones.push(column);
                continue;
            }
            Field::Link => {
                mapping.links.push(column);
                continue;
            }
            Field::Name => &mut mapping.name,
            Field::FirstName => &mut mapping.first_name,
            Field::LastName => &mut mapping.last_name,
            Field::Organization => &mut mapping.organization,
            Field::Role => &mut mapping.role,
            Field::Tags => &mut mapping.tags,
            Field::Notes => &mut mapping.notes,
            Field::Created => &mut mapping.created,
        };
        let better = ranks.iter().find(|(f, _)| *f == field).is_none_or(|(_, best)| rank < *best);
        if better {
            *single = Some(column);
            ranks.retain(|(f, _)| *f != field);
            ranks.push((field, rank));
        }
    }
    mapping
}

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

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn guesses_outlook_and_google_headers() {
        let outlook = guess_mapping(&headers(&[
            "Title",
            "First Name",
            "Last Name",
            "Company",
            "Job Title",
            "E-mail Address",
            "E-mail Display Name",
            "E-mail 2 Address",
            "Mobile Phone",
            "Business Fax",
            "Web Page",
            "Notes",
            "Categories",
        ]));
        assert_eq!(
            (outlook.first_name, outlook.last_name, outlook.organization, outlook.role),
            (Some(1), Some(2), Some(3), Some(4))
        );
        assert_eq!((outlook.emails, outlook.phones, outlook.links), (vec![5, 7], vec![8], vec![10]));
        assert_eq!((outlook.notes, outlook.tags), (Some(11), Some(12)));
        let google = guess_mapping(&headers(&[
            "Name",
            "Given Name",
            "Family Name",
            "Labels",
            "E-mail 1 - Type",
            "E-mail 1 - Value",
            "Organization 1 - Name",
            "Organization 1 - Title",
        ]));
        assert_eq!((google.name, google.tags, google.emails), (Some(0), Some(3), vec![5]));
        assert_eq!((google.organization, google.role), (Some(6), Some(7)));
    }

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
