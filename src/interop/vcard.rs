//! vCard 2.1, 3.0 and 4.0 import. Bytes become text here, line by line, as RFC 6350
//! §3.2 asks: lines are unfolded *before* decoding (a fold may cut a multi-byte
//! character), then each property is read in its own `CHARSET=` (any label
//! `encoding_rs` knows, QUOTED-PRINTABLE decoded to bytes first) or in the file's
//! encoding ([`text`]'s one decoding step). The text is cut into cards here (so a card
//! without END is caught and every problem has a card number and line); each card's
//! properties are parsed by `calcard`, which unescapes text and decodes base64.

use std::borrow::Cow;

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue};
use calcard::{Entry, Parser};
use encoding_rs::{Encoding, UTF_8};
use jiff::civil::Date;

use super::import::{Parsed, push_unique, push_unique_tag};
use super::text::{self, MAX_RECORDS, ReadAs, Start};
use super::{ReadError, Unreadable};
use crate::model::Contact;

/// One `BEGIN:VCARD` … `END:VCARD` block of the file.
struct Card {
    /// 1-based position in the file.
    number: usize,
    /// Line of its `BEGIN:VCARD`.
    line: usize,
    /// Its unfolded, decoded content lines.
    text: String,
}

impl Card {
    fn place(&self) -> String {
        card_place(self.number, self.line)
    }
}

fn card_place(number: usize, line: usize) -> String {
    format!("card {number} (line {line})")
}

/// Reads every card of a vCard file, in `chosen` encoding where the user chose one
/// (a property's own `CHARSET=` still wins).
pub(crate) fn read(
    bytes: &[u8],
    chosen: Option<&'static Encoding>,
    today: Date,
) -> Result<Parsed, ReadError> {
    let lines = decoded_lines(bytes, chosen)?;
    let mut parsed = Parsed { read_as: lines.read_as, warnings: lines.warnings, ..Parsed::default() };
    for card in cards(&lines.lines)? {
        match contact_from_card(&card.text, today) {
            Ok(contact) => parsed.contacts.push(contact),
            Err(reason) => parsed.unreadable.push(Unreadable { place: card.place(), reason }),
        }
    }
    Ok(parsed)
}

/// A content line after unfolding: the line of the file it starts on, and its text.
struct Line {
    number: usize,
    text: String,
}

/// A content line after unfolding, still in bytes.
struct RawLine<'a> {
    number: usize,
    bytes: Cow<'a, [u8]>,
}

/// The file's content lines, decoded.
struct Lines {
    lines: Vec<Line>,
    read_as: ReadAs,
    warnings: Vec<Unreadable>,
}

fn decoded_lines(bytes: &[u8], chosen: Option<&'static Encoding>) -> Result<Lines, ReadError> {
    let mut warnings = Vec::new();
    let (lines, read_as) = match text::start(bytes, chosen)? {
        // UTF-16 is decoded unit by unit first: a fold never cuts a character there.
        Start::Utf16 { read_as, body } => {
            let decoded = text::decode_utf16(read_as, body)?;
            let raw = join_soft_breaks(unfold(decoded.as_bytes()));
            let lines =
                raw.iter().map(|line| decode_line(line, None, &mut warnings)).collect::<Result<_, _>>()?;
            (lines, read_as)
        }
        Start::Bytes { bom_utf8, body } => {
            let raw = join_soft_breaks(unfold(body));
            // The file's own encoding, from the lines that do not name theirs.
            let mut plain = Vec::with_capacity(body.len());
            for line in raw.iter().filter(|line| charset_label(&line.bytes).is_none()) {
                plain.extend_from_slice(&line.bytes);
                plain.push(b'\n');
            }
            let read_as = text::choose_for_bytes(bom_utf8, chosen, &plain)?;
            drop(plain);
            let lines = raw
                .iter()
                .map(|line| decode_line(line, Some(read_as), &mut warnings))
                .collect::<Result<_, _>>()?;
            (lines, read_as)
        }
    };
    Ok(Lines { lines, read_as, warnings })
}

/// Physical lines joined where a line starts with a space or tab (the fold is the
/// line end and that one white space character).
fn unfold(bytes: &[u8]) -> Vec<RawLine<'_>> {
    let mut lines: Vec<RawLine<'_>> = Vec::new();
    for (index, physical) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        let content = physical.strip_suffix(b"\n").unwrap_or(physical);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        match (content.split_first(), lines.last_mut()) {
            (Some((b' ' | b'\t', rest)), Some(last)) => last.bytes.to_mut().extend_from_slice(rest),
            _ => lines.push(RawLine { number: index + 1, bytes: Cow::Borrowed(content) }),
        }
    }
    lines
}

/// QUOTED-PRINTABLE values continued with a soft line break (`=` at the end) joined
/// with the lines they continue on.
fn join_soft_breaks(lines: Vec<RawLine<'_>>) -> Vec<RawLine<'_>> {
    let mut joined: Vec<RawLine<'_>> = Vec::with_capacity(lines.len());
    let mut open = false;
    for line in lines {
        match joined.last_mut() {
            Some(last) if open => {
                let bytes = last.bytes.to_mut();
                bytes.pop();
                bytes.extend_from_slice(&line.bytes);
            }
            _ => joined.push(line),
        }
        open = joined.last().is_some_and(|last| {
            last.bytes.ends_with(b"=")
                && split_property(&last.bytes).is_some_and(|(head, _)| quoted_printable(head))
        });
    }
    joined
}

/// `NAME;PARAMS` and the value of a content line: split at the first `:` outside
/// double quotes.
fn split_property(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut quoted = false;
    let at = line.iter().position(|b| {
        quoted ^= *b == b'"';
        *b == b':' && !quoted
    })?;
    Some((line.get(..at)?, line.get(at + 1..)?))
}

/// The parameters of `NAME;PARAMS` (2.1 also writes bare ones: `;QUOTED-PRINTABLE`).
fn parameters(head: &[u8]) -> impl Iterator<Item = &[u8]> {
    head.split(|b| *b == b';').skip(1)
}

fn is_quoted_printable_parameter(parameter: &[u8]) -> bool {
    parameter.eq_ignore_ascii_case(b"ENCODING=QUOTED-PRINTABLE")
        || parameter.eq_ignore_ascii_case(b"QUOTED-PRINTABLE")
}

fn is_charset_parameter(parameter: &[u8]) -> bool {
    parameter.get(..8).is_some_and(|name| name.eq_ignore_ascii_case(b"CHARSET="))
}

fn quoted_printable(head: &[u8]) -> bool {
    parameters(head).any(is_quoted_printable_parameter)
}

/// The `CHARSET=` label of a content line, if it names one.
fn charset_label(line: &[u8]) -> Option<String> {
    let (head, _) = split_property(line)?;
    parameters(head)
        .find(|p| is_charset_parameter(p))
        .map(|p| String::from_utf8_lossy(p.get(8..).unwrap_or_default()).trim_matches('"').to_owned())
}

/// One content line as text. `file` is the encoding of lines without a `CHARSET=`;
/// `None` when the line is already text (a UTF-16 file, decoded first).
fn decode_line(
    line: &RawLine<'_>,
    file: Option<ReadAs>,
    warnings: &mut Vec<Unreadable>,
) -> Result<Line, ReadError> {
    let place = || format!("line {}", line.number);
    let file_name = file.map_or_else(|| "UTF-16".to_owned(), |f| text::encoding_label(f.encoding));
    let label = charset_label(&line.bytes);
    let charset = label.as_deref().and_then(|label| {
        let encoding = text::encoding_for_label(label);
        if encoding.is_none() {
            let reason = format!("unknown CHARSET={label}; read as {file_name}, the file's encoding");
            warnings.push(Unreadable { place: place(), reason });
        }
        encoding
    });
    let mut lossy = |bytes: &[u8], encoding: &'static Encoding| {
        // Text that is valid UTF-8 with non-ASCII in it is UTF-8, whatever the label:
        // legacy text almost never forms valid UTF-8, and exporters that label
        // everything ISO-8859-1 exist.
        if encoding != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            let named = label.clone().unwrap_or_else(|| text::encoding_label(encoding));
            let reason = format!("CHARSET={named} but the text is UTF-8; read as UTF-8");
            warnings.push(Unreadable { place: place(), reason });
            return String::from_utf8_lossy(bytes).into_owned();
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if had_errors {
            let reason =
                format!("some bytes are not valid {}; they show as \u{FFFD}", text::encoding_label(encoding));
            warnings.push(Unreadable { place: place(), reason });
        }
        text.into_owned()
    };
    let text = match split_property(&line.bytes) {
        Some((head, value)) if quoted_printable(head) => {
            let kept: Vec<&[u8]> = head
                .split(|b| *b == b';')
                .enumerate()
                .filter(|(i, p)| *i == 0 || !(is_quoted_printable_parameter(p) || is_charset_parameter(p)))
                .map(|(_, p)| p)
                .collect();
            let head = String::from_utf8_lossy(&kept.join(&b';')).into_owned();
            let encoding = charset.unwrap_or(file.map_or(UTF_8, |f| f.encoding));
            let value = match mail_parser::decoders::quoted_printable::quoted_printable_decode(value) {
                Some(bytes) => lossy(&bytes, encoding),
                None => {
                    let reason = "broken QUOTED-PRINTABLE; the value is kept as written".to_owned();
                    warnings.push(Unreadable { place: place(), reason });
                    String::from_utf8_lossy(value).into_owned()
                }
            };
            // Line breaks inside the value, escaped as calcard reads them.
            let value = value.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\\n");
            format!("{head}:{value}")
        }
        _ => match (file, charset) {
            (None, _) => String::from_utf8_lossy(&line.bytes).into_owned(),
            (Some(_), Some(encoding)) => lossy(&line.bytes, encoding),
            (Some(file), None) => {
                match file.encoding.decode_without_bom_handling_and_without_replacement(&line.bytes) {
                    Some(text) => text.into_owned(),
                    None => return Err(ReadError::at(place(), text::not_valid(file))),
                }
            }
        },
    };
    text::check_line(&text, line.number)?;
    Ok(Line { number: line.number, text })
}

/// Cuts the lines into cards. Text outside a card, a card without END and an END
/// without BEGIN are errors: such a file is broken, and guessing could mix people up.
fn cards(lines: &[Line]) -> Result<Vec<Card>, ReadError> {
    let mut cards = Vec::new();
    let mut open: Option<(usize, String)> = None; // line of BEGIN, its card's text so far
    for Line { number: line, text } in lines {
        let content = text.trim();
        if content.eq_ignore_ascii_case("BEGIN:VCARD") {
            if let Some((begin_line, _)) = open {
                return Err(ReadError::at(
                    card_place(cards.len() + 1, begin_line),
                    format!("the card has no END:VCARD before the next BEGIN:VCARD on line {line}"),
                ));
            }
            if cards.len() >= MAX_RECORDS {
                return Err(ReadError::at(
                    format!("line {line}"),
                    format!("more than {MAX_RECORDS} cards in one file; split it"),
                ));
            }
            open = Some((*line, "BEGIN:VCARD\r\n".to_owned()));
        } else if content.eq_ignore_ascii_case("END:VCARD") {
            let Some((begin_line, mut text)) = open.take() else {
                return Err(ReadError::at(
                    format!("line {line}"),
                    "END:VCARD without a BEGIN:VCARD before it",
                ));
            };
            text.push_str("END:VCARD\r\n");
            cards.push(Card { number: cards.len() + 1, line: begin_line, text });
        } else if let Some((_, card)) = open.as_mut() {
            card.push_str(text);
            card.push_str("\r\n");
        } else if !content.is_empty() {
            return Err(ReadError::at(
                format!("line {line}"),
                "text outside BEGIN:VCARD … END:VCARD: this is not a vCard file",
            ));
        }
    }
    if let Some((begin_line, _)) = open {
        return Err(ReadError::at(
            card_place(cards.len() + 1, begin_line),
            "the card has no END:VCARD (the file ends inside it)",
        ));
    }
    if cards.is_empty() {
        return Err(ReadError::whole("no vCard in the file (no BEGIN:VCARD line)"));
    }
    Ok(cards)
}

/// Parses one card with calcard and maps it to a contact; `Err` says why not.
fn contact_from_card(card: &str, today: Date) -> Result<Contact, String> {
    let mut parser = Parser::new(card);
    let mut vcard = None;
    // Every entry consumes at least one line: this bound only guards against a bug.
    for _ in 0..card.lines().count() + 2 {
        match parser.entry() {
            Entry::VCard(v) if vcard.is_none() => vcard = Some(v),
            Entry::Eof => break,
            _ => {}
        }
    }
    let vcard = vcard.ok_or_else(|| "the card could not be read".to_owned())?;
    contact_from_vcard(&vcard, today)
}

fn contact_from_vcard(vcard: &VCard, today: Date) -> Result<Contact, String> {
    let mut contact = Contact::new(0, String::new(), today);
    let mut full_name = String::new();
    let mut structured_name = String::new();
    let mut title = String::new();
    let mut role = String::new();
    let mut notes: Vec<String> = Vec::new();
    let version_2 = vcard.entries.iter().any(|e| {
        e.name == VCardProperty::Version && texts(e).first().is_some_and(|v| v.trim().starts_with('2'))
    });
    for entry in &vcard.entries {
        let values = texts(entry);
        let first = || values.first().map(|v| clean_line(v)).unwrap_or_default();
        match &entry.name {
            VCardProperty::Fn if full_name.is_empty() => full_name = clean_line(&values.join(", ")),
            VCardProperty::N if structured_name.is_empty() => structured_name = name_from_n(&values),
            VCardProperty::Org if contact.organization.is_empty() => contact.organization = first(),
            VCardProperty::Title if title.is_empty() => title = clean_line(&values.join(", ")),
            VCardProperty::Role if role.is_empty() => role = clean_line(&values.join(", ")),
            VCardProperty::Email => push_unique(&mut contact.emails, &first()),
            VCardProperty::Tel => {
                let phone = first();
                push_unique(&mut contact.phones, phone.strip_prefix("tel:").unwrap_or(&phone));
            }
            VCardProperty::Url => push_unique(&mut contact.links, &first()),
            VCardProperty::Other(name) if name.eq_ignore_ascii_case("X-SOCIALPROFILE") => {
                let link = first();
                if link.starts_with("http://") || link.starts_with("https://") {
                    push_unique(&mut contact.links, &link);
                }
            }
            VCardProperty::Note => {
                let note = values.join(", ").replace("\r\n", "\n").replace('\r', "\n").trim().to_owned();
                if !note.is_empty() {
                    notes.push(note);
                }
            }
            VCardProperty::Categories => {
                // 2.1 has no escapes, and its writers (Outlook) separate with ';'.
                let separator = if version_2 { ';' } else { '\u{0}' };
                for tag in values.iter().flat_map(|v| v.split(separator)) {
                    push_unique_tag(&mut contact.tags, tag);
                }
            }
            // PHOTO, ADR, BDAY, X-… and everything else: not part of a contact here.
            _ => {}
        }
    }
    contact.role = if title.is_empty() { role } else { title };
    contact.notes = notes.join("\n\n");
    contact.name = [full_name, structured_name, contact.organization.clone()]
        .into_iter()
        .find(|n| !n.is_empty())
        .or_else(|| contact.emails.first().cloned())
        .ok_or_else(|| "the card has no name, organisation or email".to_owned())?;
    Ok(contact)
}

/// The text values of a property; a multi-part component becomes one text.
fn texts(entry: &VCardEntry) -> Vec<String> {
    entry
        .values
        .iter()
        .filter_map(|value| match value {
            VCardValue::Text(text) => Some(text.clone()),
            VCardValue::Component(parts) => {
                Some(parts.iter().map(|p| p.trim()).collect::<Vec<_>>().join(" "))
            }
            _ => None,
        })
        .collect()
}

/// "Given Family" (or "Family Given" in Chinese, Japanese, Korean) from
/// `N:Family;Given;Additional;Prefix;Suffix`.
fn name_from_n(values: &[String]) -> String {
    let part = |i: usize| values.get(i).map(|v| clean_line(v)).unwrap_or_default();
    super::import::full_name(&part(1), &part(0))
}

/// One-line text: trimmed, inner white space (and line breaks) collapsed.
fn clean_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<Parsed, ReadError> {
        read(text.as_bytes(), None, Date::constant(2025, 1, 1))
    }

    #[test]
    fn folded_and_escaped_values() {
        let parsed = read_str(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Exa\r\n mple\r\nNOTE:a\\nb\\, c\\; d \\\\ e\r\nEND:VCARD\r\n",
        );
        let contact = parsed.map(|p| p.contacts).unwrap_or_default();
        assert_eq!(
            contact.first().map(|c| (c.name.as_str(), c.notes.as_str())),
            Some(("Ann Example", "a\nb, c; d \\ e"))
        );
    }

    #[test]
    fn charset_per_property_and_utf8_mislabelled() {
        let mut bytes = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-2:\xA3ukasz\r\n".to_vec();
        bytes.extend_from_slice("ORG;CHARSET=ISO-8859-1:Café Zoë\r\nEND:VCARD\r\n".as_bytes());
        let Ok(parsed) = read(&bytes, None, Date::constant(2025, 1, 1)) else { panic!("should read") };
        let contact = parsed.contacts.first().map(|c| (c.name.as_str(), c.organization.as_str()));
        assert_eq!(contact, Some(("Łukasz", "Café Zoë")));
        let warnings: Vec<&str> = parsed.warnings.iter().map(|w| w.reason.as_str()).collect();
        assert_eq!(warnings, ["CHARSET=ISO-8859-1 but the text is UTF-8; read as UTF-8"]);
        assert_eq!(parsed.warnings[0].place, "line 4");
    }

    #[test]
    fn framing_errors_name_the_card_and_line() {
        let no_end = read_str("BEGIN:VCARD\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nFN:B\n");
        assert_eq!(no_end.err().and_then(|e| e.place), Some("card 2 (line 5)".to_owned()));
        let nested = read_str("BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n");
        assert!(nested.is_err_and(|e| e.message.contains("line 3")));
        let stray = read_str("hello\n");
        assert_eq!(stray.err().and_then(|e| e.place), Some("line 1".to_owned()));
    }

    #[test]
    fn name_falls_back_to_n_then_organisation_then_email() {
        let parsed = read_str(
            "BEGIN:VCARD\nN:Family;Given;;;\nEND:VCARD\nBEGIN:VCARD\nORG:Acme;Unit\nEND:VCARD\n\
             BEGIN:VCARD\nEMAIL:x@example.com\nEND:VCARD\nBEGIN:VCARD\nTEL:1\nEND:VCARD\n",
        );
        let Ok(parsed) = parsed else { panic!("should parse") };
        let names: Vec<&str> = parsed.contacts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Given Family", "Acme", "x@example.com"]);
        assert_eq!(parsed.unreadable.first().map(|u| u.place.as_str()), Some("card 4 (line 10)"));
    }
}
