//! A fast reader for the record lines Rapport writes, tried before ron on each piece
//! of a list (see [`super::records`]).
//!
//! ron's parser walks the text a character at a time and checks identifiers against
//! Unicode tables; most of an open went there. The records are a small, regular part
//! of RON: structs of named fields, lists, strings, numbers, `true`/`false`,
//! `None`/`Some(…)`, and enum variants, unit or with one value. This reader takes
//! exactly that part, byte by byte, and gives up on anything else: comments, raw
//! strings, other escapes, number forms ron writes differently (`1e5`, `0x1`, `1_000`,
//! `4.`, leading zeros, `inf`), struct names, whitespace beyond space, tab and line
//! ends, nesting deeper than [`MAX_DEPTH`]. Giving up costs nothing but time: the
//! piece then goes to ron, whose result and errors stand. So the one rule here is
//! never to accept a text that ron reads differently or refuses; the differential
//! tests in `tests/engine/store_parallel.rs` check that.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

/// Deeper than this, the reader gives up; ron's own limit for a piece is higher, so
/// the reader never accepts what ron would refuse for depth.
const MAX_DEPTH: usize = 12;

/// `text` read as a `T`, or `None` when it is outside what this reader takes (or not
/// valid at all: ron will say why).
pub(super) fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let mut reader = Reader { text, bytes: text.as_bytes(), pos: 0, depth: 0 };
    let value = T::deserialize(&mut reader).ok()?;
    reader.skip_ws();
    (reader.pos == reader.bytes.len()).then_some(value)
}

/// Why the reader gave up; never shown (ron reads the piece again and explains).
#[derive(Debug)]
pub(super) struct GiveUp;

impl std::fmt::Display for GiveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("outside the fast reader's part of RON")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Self
    }
}

type Result<T> = std::result::Result<T, GiveUp>;

struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    pos: usize,
    depth: usize,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'de> Reader<'de> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Skips blanks, then consumes `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte) { Ok(()) } else { Err(GiveUp) }
    }

    /// An ASCII identifier, not followed by any other identifier character (a
    /// non-ASCII one included: ron's identifiers are Unicode).
    fn ident(&mut self) -> Result<&'de str> {
        self.skip_ws();
        let start = self.pos;
        if !self.peek().is_some_and(is_ident_start) {
            return Err(GiveUp);
        }
        while self.peek().is_some_and(is_ident_byte) {
            self.pos += 1;
        }
        // `r#name` is a raw identifier, and anything above ASCII may continue it.
        if self.peek().is_some_and(|b| b == b'#' || b >= 0x80 || b == b'"') {
            return Err(GiveUp);
        }
        self.text.get(start..self.pos).ok_or(GiveUp)
    }

    /// The digits of a number: `-`? then digits, no leading zero; with `fraction`,
    /// optionally `.` and digits. Returns the token.
    fn number(&mut self, signed: bool, fraction: bool) -> Result<&'de str> {
        self.skip_ws();
        let start = self.pos;
        if signed && self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        let count = self.pos - digits;
        if count == 0 || (count > 1 && self.bytes[digits] == b'0') {
            return Err(GiveUp);
        }
        if fraction && self.peek() == Some(b'.') {
            self.pos += 1;
            let after = self.pos;
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.pos += 1;
            }
            if self.pos == after {
                return Err(GiveUp);
            }
        }
        // Exponents, suffixes (`4u8`, `1.5f64`), `_` and ranges are ron's to read.
        if self.peek().is_some_and(|b| is_ident_byte(b) || b == b'.' || b >= 0x80) {
            return Err(GiveUp);
        }
        self.text.get(start..self.pos).ok_or(GiveUp)
    }

    fn unsigned(&mut self) -> Result<u64> {
        self.number(false, false)?.parse().map_err(|_| GiveUp)
    }

    fn signed(&mut self) -> Result<i64> {
        self.number(true, false)?.parse().map_err(|_| GiveUp)
    }

    fn float(&mut self) -> Result<f64> {
        self.number(true, true)?.parse().map_err(|_| GiveUp)
    }

    /// A quoted string; borrowed from the text unless it has escapes.
    fn string(&mut self) -> Result<Text<'de>> {
        self.expect(b'"')?;
        let start = self.pos;
        let rest = self.bytes.get(start..).ok_or(GiveUp)?;
        let end = memchr::memchr2(b'"', b'\\', rest).ok_or(GiveUp)? + start;
        if self.bytes[end] == b'"' {
            self.pos = end + 1;
            return self.text.get(start..end).map(Text::Borrowed).ok_or(GiveUp);
        }
        let mut owned = String::from(self.text.get(start..end).ok_or(GiveUp)?);
        self.pos = end;
        loop {
            // At a backslash.
            self.pos += 1;
            let escaped = self.peek().ok_or(GiveUp)?;
            self.pos += 1;
            match escaped {
                b'"' => owned.push('"'),
                b'\'' => owned.push('\''),
                b'\\' => owned.push('\\'),
                b'n' => owned.push('\n'),
                b'r' => owned.push('\r'),
                b't' => owned.push('\t'),
                b'0' => owned.push('\0'),
                b'u' => owned.push(self.unicode_escape()?),
                _ => return Err(GiveUp),
            }
            let from = self.pos;
            let rest = self.bytes.get(from..).ok_or(GiveUp)?;
            let next = memchr::memchr2(b'"', b'\\', rest).ok_or(GiveUp)? + from;
            owned.push_str(self.text.get(from..next).ok_or(GiveUp)?);
            self.pos = next;
            if self.bytes[next] == b'"' {
                self.pos += 1;
                return Ok(Text::Owned(owned));
            }
        }
    }

    /// `{` 1–6 hex digits `}` (after `\u`) as a character.
    fn unicode_escape(&mut self) -> Result<char> {
        if self.peek() != Some(b'{') {
            return Err(GiveUp);
        }
        self.pos += 1;
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
            self.pos += 1;
        }
        let digits = self.text.get(start..self.pos).ok_or(GiveUp)?;
        if digits.is_empty() || digits.len() > 6 || self.peek() != Some(b'}') {
            return Err(GiveUp);
        }
        self.pos += 1;
        u32::from_str_radix(digits, 16).ok().and_then(char::from_u32).ok_or(GiveUp)
    }

    fn nested<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            return Err(GiveUp);
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }
}

enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

macro_rules! unsigned {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            visitor.visit_u64(self.unsigned()?)
        }
    )*};
}

macro_rules! signed {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            visitor.visit_i64(self.signed()?)
        }
    )*};
}

macro_rules! give_up {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    unsigned!(deserialize_u8, deserialize_u16, deserialize_u32, deserialize_u64);
    signed!(deserialize_i8, deserialize_i16, deserialize_i32, deserialize_i64);
    give_up!(
        deserialize_any,
        deserialize_f32,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit,
        deserialize_map,
        deserialize_ignored_any
    );

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Owned(text) => visitor.visit_string(text),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "None" => visitor.visit_none(),
            "Some" => {
                self.expect(b'(')?;
                let value = self.nested(|reader| visitor.visit_some(&mut *reader))?;
                self.eat(b',');
                self.expect(b')')?;
                Ok(value)
            }
            _ => Err(GiveUp),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        let value = self.nested(|reader| visitor.visit_seq(Items { reader, first: true }))?;
        self.expect(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(b'(')?;
        let value = self.nested(|reader| visitor.visit_map(Fields { reader, first: true }))?;
        self.expect(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.nested(|reader| visitor.visit_enum(Variant { reader }))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }
}

/// The items of a list: separated by commas, a trailing comma allowed, `[,]` not.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.reader.skip_ws();
        if self.reader.peek() == Some(b']') {
            return Ok(None);
        }
        if !std::mem::take(&mut self.first) {
            self.reader.expect(b',')?;
            self.reader.skip_ws();
            if self.reader.peek() == Some(b']') {
                return Ok(None);
            }
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

/// The fields of a struct: `name: value`, separated by commas, a trailing comma
/// allowed.
struct Fields<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        self.reader.skip_ws();
        if self.reader.peek() == Some(b')') {
            return Ok(None);
        }
        if !std::mem::take(&mut self.first) {
            self.reader.expect(b',')?;
            self.reader.skip_ws();
            if self.reader.peek() == Some(b')') {
                return Ok(None);
            }
        }
        let name = self.reader.ident()?;
        self.reader.expect(b':')?;
        seed.deserialize(name.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.reader)
    }
}

/// An enum value: a variant's name, alone or with one value in parentheses.
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = GiveUp;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self)> {
        let name = self.reader.ident()?;
        let value = seed.deserialize(name.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = GiveUp;

    fn unit_variant(self) -> Result<()> {
        // `Gave()` or `Gave(…)` are ron's to judge.
        self.reader.skip_ws();
        if self.reader.peek() == Some(b'(') { Err(GiveUp) } else { Ok(()) }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.reader.expect(b'(')?;
        let value = self.reader.nested(|reader| seed.deserialize(&mut *reader))?;
        self.reader.eat(b',');
        self.reader.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, Exchange, Introduction};

    fn both<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> (Option<T>, Option<T>) {
        (from_str::<T>(text), ron::from_str::<T>(text).ok())
    }

    #[test]
    fn reads_what_ron_writes_as_ron_reads_it() {
        let line = r#"[(id: 7, contact: 2, date: "2025-03-13", direction: Gave, kind: Feedback, hours: 3.5, value: 4, summary: "Tab\there, \"quoted\", \\ back, \u{1} ünï ✓", outcome: "", thanked: false),]"#;
        let (fast, ron) = both::<Vec<Exchange>>(line);
        assert!(fast.is_some(), "the fast reader takes a written line");
        assert_eq!(fast, ron);
        let intro = r#"[(id: 1, date: "2022-09-25", a: 5, b: 20, why: "w", a_gains: "", b_gains: "", consent_a: Granted("2022-09-25"), consent_b: NotAsked, made: Some("2022-10-01"), outcome: "")]"#;
        let (fast, ron) = both::<Vec<Introduction>>(intro);
        assert!(fast.is_some());
        assert_eq!(fast, ron);
        assert_eq!(fast.expect("read")[0].consent_a, Consent::Granted(jiff::civil::date(2022, 9, 25)));
    }

    #[test]
    fn gives_up_on_what_it_does_not_take() {
        let base = r#"[(id: 1, contact: 2, date: "2025-03-13", direction: Gave, kind: Feedback, hours: 3.5, value: 4, summary: "s", outcome: "", thanked: false)]"#;
        for (from, to) in [
            ("hours: 3.5", "hours: 3.5e0"),
            ("hours: 3.5", "hours: 3."),
            ("hours: 3.5", "hours: inf"),
            ("hours: 3.5", "hours: 3_5.0"),
            ("value: 4", "value: 04"),
            ("value: 4", "value: 0x4"),
            ("value: 4", "value: 4u8"),
            ("value: 4", "value: +4"),
            ("(id", "Exchange(id"),
            ("id: 1", "r#id: 1"),
            ("summary: \"s\"", "summary: r\"s\""),
            ("summary: \"s\"", "summary: \"\\x41\""),
            ("summary: \"s\"", "summary: \"a\\\n b\""),
            ("thanked: false", "thanked: false // note"),
            ("thanked: false", "thanked: false /* note */"),
            ("direction: Gave", "direction: Gave()"),
            ("id: 1,", "id: 1,\u{a0}"),
        ] {
            let text = base.replacen(from, to, 1);
            assert_ne!(text, base, "{to}");
            assert!(from_str::<Vec<Exchange>>(&text).is_none(), "took {to}");
        }
    }

    #[test]
    fn never_takes_what_ron_refuses() {
        let base = r#"[(id: 1, contact: 2, date: "2025-03-13", direction: Gave, kind: Feedback, hours: 3.5, value: 4, summary: "s", outcome: "", thanked: false)]"#;
        for (from, to) in [
            ("value: 4", "value: 400"),
            ("value: 4", "value: -4"),
            ("id: 1", "id: 1, id: 2"),
            ("id: 1", "idx: 1"),
            ("id: 1, ", ""),
            ("thanked: false", "thanked: False"),
            ("direction: Gave", "direction: Given"),
            ("date: \"2025-03-13\"", "date: \"2025-02-30\""),
            ("id: 1, contact", "id: 1 contact"),
            ("id: 1, contact", "id: 1,, contact"),
            ("[(", "[,("),
            ("false)]", "false)"),
            ("summary: \"s\"", "summary: \"s"),
        ] {
            let text = base.replacen(from, to, 1);
            assert!(ron::from_str::<Vec<Exchange>>(&text).is_err(), "ron refuses {to}");
            assert!(from_str::<Vec<Exchange>>(&text).is_none(), "took {to}");
        }
    }
}
