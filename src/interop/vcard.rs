//! vCard 2.1, 3.0 and 4.0 import. The file is cut into cards here (so a card without
//! END is caught and every problem has a card number and line); each card's
//! properties are parsed by `calcard`, which unfolds lines, decodes QUOTED-PRINTABLE
//! (soft line breaks, CHARSET) and base64, and unescapes text.

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue};
use calcard::{Entry, Parser};
use jiff::civil::Date;

use super::import::{Parsed, push_unique, push_unique_tag};
use super::text::{self, MAX_RECORDS};
use super::{ReadError, Unreadable};
use crate::model::Contact;

/// One `BEGIN:VCARD` … `END:VCARD` block of the file.
struct Card<'a> {
    /// 1-based position in the file.
    number: usize,
    /// Line of its `BEGIN:VCARD`.
    line: usize,
    text: &'a str,
}

impl Card<'_> {
    fn place(&self) -> String {
        card_place(self.number, self.line)
    }
}

fn card_place(number: usize, line: usize) -> String {
    format!("card {number} (line {line})")
}

/// Reads every card of a vCard file.
pub(crate) fn read(bytes: &[u8], today: Date) -> Result<Parsed, ReadError> {
    // Outlook's 2.1 exports may hold raw windows-1252 bytes (CHARSET=Windows-1252).
    let legacy = std::str::from_utf8(bytes).is_err()
        && ["version:2.1", "charset=windows-1252", "charset=iso-8859-1", "charset=latin1"]
            .iter()
            .any(|needle| contains_ignore_case(bytes, needle.as_bytes()));
    let text = text::decode(bytes, legacy)?;
    let mut parsed = Parsed::default();
    for card in cards(&text)? {
        match contact_from_card(card.text, today) {
            Ok(contact) => parsed.contacts.push(contact),
            Err(reason) => parsed.unreadable.push(Unreadable { place: card.place(), reason }),
        }
    }
    Ok(parsed)
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// Cuts the text into cards. Text outside a card, a card without END and an END
/// without BEGIN are errors: such a file is broken, and guessing could mix people up.
fn cards(text: &str) -> Result<Vec<Card<'_>>, ReadError> {
    let mut cards = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (line, byte offset) of BEGIN
    let mut offset = 0;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let line = index + 1;
        let content = raw.trim();
        // Continuation lines (folded) start with white space and are never BEGIN/END.
        let folded = raw.starts_with([' ', '\t']);
        if !folded && content.eq_ignore_ascii_case("BEGIN:VCARD") {
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
            open = Some((line, offset));
        } else if !folded && content.eq_ignore_ascii_case("END:VCARD") {
            let Some((begin_line, start)) = open.take() else {
                return Err(ReadError::at(
                    format!("line {line}"),
                    "END:VCARD without a BEGIN:VCARD before it",
                ));
            };
            let text = text.get(start..offset + raw.len()).unwrap_or_default();
            cards.push(Card { number: cards.len() + 1, line: begin_line, text });
        } else if open.is_none() && !content.is_empty() {
            return Err(ReadError::at(
                format!("line {line}"),
                "text outside BEGIN:VCARD … END:VCARD: this is not a vCard file",
            ));
        }
        offset += raw.len();
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

/// "Given Family" from `N:Family;Given;Additional;Prefix;Suffix`.
fn name_from_n(values: &[String]) -> String {
    let part = |i: usize| values.get(i).map(|v| clean_line(v)).unwrap_or_default();
    let (family, given) = (part(0), part(1));
    [given, family].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// One-line text: trimmed, inner white space (and line breaks) collapsed.
fn clean_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<Parsed, ReadError> {
        read(text.as_bytes(), Date::constant(2025, 1, 1))
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
