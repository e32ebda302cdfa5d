//! The agenda as an RFC 5545 calendar (`rapport due --format ics`): one all-day
//! `VEVENT` per item, CRLF line ends, lines folded at 75 octets, text escaped. The
//! same items and as-of date always give the same bytes: `UID` and `DTSTAMP` come
//! from the items and the date, never from the clock.

use jiff::civil::Date;

use super::export::fold_into;
use crate::analysis::{AgendaItem, AgendaKind};
use crate::model::Direction;

/// `PRODID` of the calendars Rapport writes.
pub const ICS_PRODID: &str = "-//Rapport//rapport due//EN";

/// The items as one `VCALENDAR`. `as_of` gives `DTSTAMP` (midnight UTC of that day),
/// so a run on the same day with the same network writes the same bytes.
pub fn agenda_ics(items: &[AgendaItem], as_of: Date) -> Vec<u8> {
    let mut out = String::with_capacity(256 + items.len() * 200);
    fold_into(&mut out, "BEGIN:VCALENDAR");
    fold_into(&mut out, "VERSION:2.0");
    fold_into(&mut out, &format!("PRODID:{ICS_PRODID}"));
    fold_into(&mut out, "CALSCALE:GREGORIAN");
    fold_into(&mut out, "METHOD:PUBLISH");
    let stamp = format!("DTSTAMP:{}T000000Z", ics_date(as_of));
    for item in items {
        fold_into(&mut out, "BEGIN:VEVENT");
        fold_into(&mut out, &format!("UID:{}", ics_uid(item)));
        fold_into(&mut out, &stamp);
        fold_into(&mut out, &format!("DTSTART;VALUE=DATE:{}", ics_date(item.date)));
        // Without DTEND an all-day event lasts its one day (RFC 5545 3.6.1), which
        // is what the last day of the calendar needs.
        if let Ok(next) = item.date.tomorrow() {
            fold_into(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(next)));
        }
        fold_into(&mut out, &format!("SUMMARY:{}", escape_text(&ics_summary(item))));
        fold_into(&mut out, &format!("CATEGORIES:{}", item.kind.label().to_uppercase()));
        // A reminder, not a meeting: it does not make the day look busy.
        fold_into(&mut out, "TRANSP:TRANSPARENT");
        fold_into(&mut out, "END:VEVENT");
    }
    fold_into(&mut out, "END:VCALENDAR");
    out.into_bytes()
}

/// What the calendar shows: "Check in with Ann", "Promise to Bo: …", "Promise from
/// Bo: …", "Bo: Birthday".
pub fn ics_summary(item: &AgendaItem) -> String {
    match item.kind {
        AgendaKind::CheckIn => format!("Check in with {}", item.name),
        AgendaKind::Promise => match item.direction {
            Some(Direction::Received) => format!("Promise from {}: {}", item.name, item.text),
            _ => format!("Promise to {}: {}", item.name, item.text),
        },
        AgendaKind::Date => format!("{}: {}", item.name, item.text),
    }
}

/// The same for the same item from run to run: its kind, the contact's id, the
/// commitment's id or the date's index, and the item's date.
pub fn ics_uid(item: &AgendaItem) -> String {
    let which = match item.kind {
        AgendaKind::CheckIn => String::new(),
        AgendaKind::Promise => format!("-c{}", item.commitment.unwrap_or_default()),
        AgendaKind::Date => format!("-d{}", item.date_index.unwrap_or_default()),
    };
    format!("{}-{}{which}-{}@rapport", item.kind.label(), item.contact, ics_date(item.date))
}

/// `YYYYMMDD` (RFC 5545 DATE).
fn ics_date(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// A TEXT value (RFC 5545 3.3.11): `\\`, `\;`, `\,`, a line break as `\n`; other
/// control characters, which TEXT cannot hold, are left out (a tab stays).
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: AgendaKind, name: &str, text: &str) -> AgendaItem {
        AgendaItem {
            date: Date::constant(2025, 2, 12),
            kind,
            contact: 7,
            name: name.to_owned(),
            text: text.to_owned(),
            overdue_days: 0,
            direction: (kind == AgendaKind::Promise).then_some(Direction::Gave),
            commitment: (kind == AgendaKind::Promise).then_some(3),
            date_index: (kind == AgendaKind::Date).then_some(1),
        }
    }

    #[test]
    fn escapes_text_and_drops_other_controls() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg\u{7}h\ti"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng".to_owned() + "h\ti"
        );
    }

    #[test]
    fn summaries_and_uids() {
        let check_in = item(AgendaKind::CheckIn, "Ann", "");
        assert_eq!(ics_summary(&check_in), "Check in with Ann");
        assert_eq!(ics_uid(&check_in), "check-in-7-20250212@rapport");
        let mut promise = item(AgendaKind::Promise, "Bo", "Draft");
        assert_eq!(ics_summary(&promise), "Promise to Bo: Draft");
        assert_eq!(ics_uid(&promise), "promise-7-c3-20250212@rapport");
        promise.direction = Some(Direction::Received);
        assert_eq!(ics_summary(&promise), "Promise from Bo: Draft");
        let date = item(AgendaKind::Date, "Bo", "Birthday");
        assert_eq!(
            (ics_summary(&date), ics_uid(&date)),
            ("Bo: Birthday".into(), "date-7-d1-20250212@rapport".into())
        );
    }

    #[test]
    fn the_last_day_has_no_dtend() {
        let mut last = item(AgendaKind::CheckIn, "Ann", "");
        last.date = Date::MAX;
        let text = String::from_utf8(agenda_ics(&[last], Date::MAX)).unwrap_or_default();
        assert!(text.contains("DTSTART;VALUE=DATE:99991231\r\n") && !text.contains("DTEND"), "{text}");
    }
}
