//! A fast writer of record lines, byte for byte what ron writes for them (see
//! [`super::records`]), tried before ron on each piece of a list.
//!
//! ron writes through `fmt::Write` a character at a time and checks every field name
//! for whether it needs `r#`; most of a save went there. Beyond a pretty config's
//! depth limit, which is where a file's records are, ron's output is regular:
//! structs as `(name: value, …)`, lists as `[a, b]`, `Some(…)`/`None`, variants as
//! `Name` or `Name(value)`, strings escaped with `char::escape_debug`, floats as
//! `{:?}`, integers as `{}`. This writer writes exactly that and refuses anything
//! else (maps, tuples, bytes, chars, unit values, struct names, field names that
//! are not plain identifiers), in which case the piece is ron's to write. The
//! property test over random networks in `tests/engine/store_parallel.rs` checks
//! the bytes against ron's.

use std::fmt::Write as _;

use serde::ser::{self, Serialize};

/// `records` as ron's pretty writer puts a slice of them with a depth limit of 1 and
/// an indentation of 8 spaces: `[\n`, then `        (…),\n` per record, then `]`
/// (`[]` for none).
/// `None` when a record holds something this writer leaves to ron.
pub(super) fn lines<T: Serialize>(records: &[T]) -> Option<String> {
    if records.is_empty() {
        return Some("[]".to_owned());
    }
    let mut writer = Writer { out: String::with_capacity(records.len() * 192 + 3) };
    writer.out.push_str("[\n");
    for record in records {
        writer.out.push_str("        ");
        record.serialize(&mut writer).ok()?;
        writer.out.push_str(",\n");
    }
    writer.out.push(']');
    Some(writer.out)
}

/// Why the writer left a piece to ron; never shown.
#[derive(Debug)]
pub(super) struct LeaveToRon;

impl std::fmt::Display for LeaveToRon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("outside the fast writer's part of RON")
    }
}

impl std::error::Error for LeaveToRon {}

impl ser::Error for LeaveToRon {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Self
    }
}

type Result<T = ()> = std::result::Result<T, LeaveToRon>;

struct Writer {
    out: String,
}

/// Whether ron writes `name` as it is (not as `r#name`): an ASCII identifier that is
/// not a keyword of Rust or RON. The model's field and variant names all are.
fn plain_ident(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && name != "_"
        && !matches!(
            name,
            "true" | "false" | "Some" | "None" | "inf" | "NaN" | "inff32" | "inff64" | "NaNf32" | "NaNf64"
        )
}

impl Writer {
    /// A string as ron escapes it: every character through `char::escape_debug`,
    /// printable ASCII copied as it is.
    fn string(&mut self, text: &str) {
        self.out.push('"');
        let mut plain = 0;
        for (at, c) in text.char_indices() {
            if matches!(c, ' '..='~') && !matches!(c, '"' | '\'' | '\\') {
                continue;
            }
            self.out.push_str(&text[plain..at]);
            for escaped in c.escape_debug() {
                self.out.push(escaped);
            }
            plain = at + c.len_utf8();
        }
        self.out.push_str(&text[plain..]);
        self.out.push('"');
    }

    fn ident(&mut self, name: &str) -> Result {
        if !plain_ident(name) {
            return Err(LeaveToRon);
        }
        self.out.push_str(name);
        Ok(())
    }
}

macro_rules! display {
    ($($method:ident: $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result {
            let _ = write!(self.out, "{v}");
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = LeaveToRon;
    type SerializeSeq = List<'a>;
    type SerializeTuple = ser::Impossible<(), LeaveToRon>;
    type SerializeTupleStruct = ser::Impossible<(), LeaveToRon>;
    type SerializeTupleVariant = ser::Impossible<(), LeaveToRon>;
    type SerializeMap = ser::Impossible<(), LeaveToRon>;
    type SerializeStruct = List<'a>;
    type SerializeStructVariant = ser::Impossible<(), LeaveToRon>;

    display!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64);
    display!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_bool(self, v: bool) -> Result {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_f32(self, _v: f32) -> Result {
        Err(LeaveToRon)
    }

    fn serialize_f64(self, v: f64) -> Result {
        if v.is_nan() && v.is_sign_negative() {
            self.out.push('-');
        }
        let _ = write!(self.out, "{v:?}");
        Ok(())
    }

    fn serialize_char(self, _v: char) -> Result {
        Err(LeaveToRon)
    }

    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(LeaveToRon)
    }

    fn serialize_none(self) -> Result {
        self.out.push_str("None");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        self.out.push_str("Some(");
        value.serialize(&mut *self)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_unit(self) -> Result {
        Err(LeaveToRon)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        Err(LeaveToRon)
    }

    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        self.ident(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, _value: &T) -> Result {
        Err(LeaveToRon)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.ident(variant)?;
        self.out.push('(');
        value.serialize(&mut *self)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<List<'a>> {
        self.out.push('[');
        Ok(List { writer: self, first: true, close: ']' })
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(LeaveToRon)
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct> {
        Err(LeaveToRon)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(LeaveToRon)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(LeaveToRon)
    }

    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<List<'a>> {
        // ron writes ranges in a form of their own.
        if name.starts_with("Range") {
            return Err(LeaveToRon);
        }
        self.out.push('(');
        Ok(List { writer: self, first: true, close: ')' })
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(LeaveToRon)
    }
}

/// The items of a list or the fields of a struct, separated by `, `.
pub(super) struct List<'a> {
    writer: &'a mut Writer,
    first: bool,
    close: char,
}

impl List<'_> {
    fn separate(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push_str(", ");
        }
    }
}

impl ser::SerializeSeq for List<'_> {
    type Ok = ();
    type Error = LeaveToRon;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.separate();
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result {
        self.writer.out.push(self.close);
        Ok(())
    }
}

impl ser::SerializeStruct for List<'_> {
    type Ok = ();
    type Error = LeaveToRon;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.separate();
        self.writer.ident(key)?;
        self.writer.out.push_str(": ");
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result {
        self.writer.out.push(self.close);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, Contact, Direction, Exchange, Introduction, Kind, Need};

    fn exchange(id: u64) -> Exchange {
        Exchange {
            id,
            contact: 1,
            date: jiff::civil::date(2025, 3, 13),
            direction: Direction::Received,
            kind: Kind::Feedback,
            hours: 1.0,
            value: 5,
            summary: String::new(),
            outcome: String::new(),
            thanked: true,
        }
    }

    fn introduction(id: u64) -> Introduction {
        Introduction {
            id,
            date: jiff::civil::date(2022, 9, 25),
            a: 1,
            b: 2,
            why: "w".into(),
            a_gains: String::new(),
            b_gains: "b".into(),
            consent_a: Consent::NotAsked,
            consent_b: Consent::NotAsked,
            made: None,
            outcome: String::new(),
        }
    }

    fn ron_lines<T: Serialize>(records: &[T]) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(1)
            .indentor("        ")
            .new_line("\n")
            .struct_names(false)
            .separate_tuple_members(false);
        ron::ser::to_string_pretty(records, config).expect("ron writes")
    }

    #[test]
    fn writes_ron_s_bytes_for_awkward_text_and_numbers() {
        let texts = [
            "",
            "plain",
            "quote \" apostrophe ' backslash \\ tab \t newline \n cr \r nul \0",
            "bell \u{7} del \u{7f} nbsp \u{a0} soft hyphen \u{ad} zwj \u{200d}",
            "e\u{301} combining first: \u{301}x, emoji \u{1f600}, rtl \u{202e}, bom \u{feff}",
            "private \u{e000}, unassigned \u{378}, line sep \u{2028}",
        ];
        let hours = [
            0.0,
            -0.0,
            1.5,
            4.0,
            1e300,
            1e-7,
            123456789.125,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
        ];
        let exchanges: Vec<Exchange> = texts
            .iter()
            .zip(hours.iter().cycle())
            .enumerate()
            .map(|(i, (text, hours))| Exchange {
                id: u64::MAX - i as u64,
                summary: (*text).to_owned(),
                outcome: text.chars().rev().collect(),
                hours: *hours,
                ..exchange(i as u64)
            })
            .chain(hours.iter().map(|h| Exchange { hours: *h, ..exchange(9) }))
            .collect();
        assert_eq!(lines(&exchanges).as_deref(), Some(ron_lines(&exchanges).as_str()));

        let mut contact = Contact::new(3, "Zoë \"Z\" O'Brien", jiff::civil::date(2020, 2, 29));
        contact.tags = vec!["a".into(), "b c".into()];
        contact.needs = vec![Need { topic: "x\\y".into(), ..Need::default() }, Need::default()];
        contact.cadence_days = Some(30);
        let contacts = vec![contact, Contact::new(4, "", jiff::civil::date(1, 1, 1))];
        assert_eq!(lines(&contacts).as_deref(), Some(ron_lines(&contacts).as_str()));

        let intro = Introduction {
            consent_a: Consent::Granted(jiff::civil::date(2022, 9, 25)),
            consent_b: Consent::Declined(jiff::civil::date(2022, 9, 26)),
            made: Some(jiff::civil::date(2022, 10, 1)),
            ..introduction(1)
        };
        let intros = vec![intro, introduction(2)];
        assert_eq!(lines(&intros).as_deref(), Some(ron_lines(&intros).as_str()));
        let empty: Vec<Exchange> = Vec::new();
        assert_eq!(lines(&empty).as_deref(), Some(ron_lines(&empty).as_str()));
    }
}
