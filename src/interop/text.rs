//! Bytes to text for the importers, within bounds (file size, line length, binary
//! data), in one decoding step shared by every format: a byte-order mark wins; else
//! an encoding the user chose; else UTF-16 LE/BE recognised from its zero bytes; else
//! UTF-8 when the bytes are valid UTF-8; else the legacy encoding `chardetng` detects
//! (Windows-1252 from Outlook, Shift_JIS from a Japanese phone …). Decoding itself is
//! `encoding_rs`'s, as browsers decode.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::ReadError;

/// The largest file an import reads (64 MiB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The longest line an import reads (1 MiB); an unfolded photo fits, a runaway does not.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// The most records (cards or rows) one import reads.
pub const MAX_RECORDS: usize = 100_000;

/// How an import's text was read: the encoding, and why that one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadAs {
    pub encoding: &'static Encoding,
    pub why: Why,
}

/// Why an encoding was used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The file starts with a byte-order mark.
    ByteOrderMark,
    /// The user chose it (`--encoding`, or the preview's choice).
    Chosen,
    /// UTF-16 without a byte-order mark, from the pattern of its zero bytes.
    ZeroBytes,
    /// Every byte sequence is valid UTF-8 (plain ASCII included).
    ValidUtf8,
    /// Detected from the bytes by `chardetng`.
    Detected,
}

impl Default for ReadAs {
    fn default() -> Self {
        Self { encoding: UTF_8, why: Why::ValidUtf8 }
    }
}

impl ReadAs {
    /// "read as Windows-1252 (detected)".
    pub fn describe(&self) -> String {
        let why = match self.why {
            Why::ByteOrderMark => " (byte-order mark)",
            Why::Chosen => " (chosen)",
            Why::ZeroBytes => " (no byte-order mark)",
            Why::ValidUtf8 => "",
            Why::Detected => " (detected)",
        };
        format!("read as {}{why}", encoding_label(self.encoding))
    }
}

/// The name of an encoding as people know it: "Windows-1252", "Shift_JIS", "UTF-16LE".
pub fn encoding_label(encoding: &'static Encoding) -> String {
    let name = encoding.name();
    match name.strip_prefix("windows-") {
        Some(number) => format!("Windows-{number}"),
        None if name == "gb18030" => "GB18030".to_owned(),
        None => name.to_owned(),
    }
}

/// The encoding a label names (any label `encoding_rs` knows: `latin1`, `sjis`,
/// `cp1251` …). `None` for an unknown label and for the "replacement" encoding, which
/// would read every byte as an error.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().trim_matches('"').as_bytes()).filter(|e| *e != encoding_rs::REPLACEMENT)
}

/// The encodings the window offers for reading a file again, most used first.
pub const COMMON_ENCODINGS: [&Encoding; 14] = [
    UTF_8,
    encoding_rs::WINDOWS_1252,
    UTF_16LE,
    UTF_16BE,
    encoding_rs::ISO_8859_15,
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1251,
    encoding_rs::KOI8_R,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_JP,
    encoding_rs::GB18030,
    encoding_rs::BIG5,
    encoding_rs::EUC_KR,
    encoding_rs::ISO_8859_2,
];

/// A file's text, with how it was read.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub read_as: ReadAs,
}

/// Where decoding starts: UTF-16 (decoded unit by unit) or bytes of an ASCII-based
/// encoding still to be chosen by [`choose_for_bytes`].
pub(crate) enum Start<'a> {
    Utf16 { read_as: ReadAs, body: &'a [u8] },
    Bytes { bom_utf8: bool, body: &'a [u8] },
}

/// Refuses a file over [`MAX_FILE_BYTES`]; strips a byte-order mark; recognises UTF-16.
pub(crate) fn start<'a>(bytes: &'a [u8], chosen: Option<&'static Encoding>) -> Result<Start<'a>, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::whole(format!(
            "the file is {} MiB, more than the {} MiB an import reads; split it",
            bytes.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_length..).unwrap_or_default();
        let read_as = ReadAs { encoding, why: Why::ByteOrderMark };
        return Ok(if encoding == UTF_8 {
            Start::Bytes { bom_utf8: true, body }
        } else {
            Start::Utf16 { read_as, body }
        });
    }
    if let Some(encoding) = chosen.filter(|e| *e == UTF_16LE || *e == UTF_16BE) {
        return Ok(Start::Utf16 { read_as: ReadAs { encoding, why: Why::Chosen }, body: bytes });
    }
    if chosen.is_none()
        && let Some(encoding) = utf16_from_zero_bytes(bytes)
    {
        return Ok(Start::Utf16 { read_as: ReadAs { encoding, why: Why::ZeroBytes }, body: bytes });
    }
    Ok(Start::Bytes { bom_utf8: false, body: bytes })
}

/// UTF-16 without a byte-order mark: in its first 4 KiB, at least a quarter of the
/// units have a zero byte on one side (ASCII letters, digits, line ends and
/// delimiters do, in any language's address book) and almost none on the other.
/// Binary data has zero bytes on both sides.
fn utf16_from_zero_bytes(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(4096) & !1)?;
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let zeros = |parity: usize| head.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let many = |n: usize| n * 4 >= units;
    let few = |n: usize| n * 50 <= units;
    if many(odd) && few(even) {
        Some(UTF_16LE)
    } else if many(even) && few(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding of bytes that are not UTF-16: UTF-8 after a byte-order mark, the
/// chosen one, UTF-8 when valid, else the detected one. Refuses zero bytes (binary).
pub(crate) fn choose_for_bytes(
    bom_utf8: bool,
    chosen: Option<&'static Encoding>,
    bytes: &[u8],
) -> Result<ReadAs, ReadError> {
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(ReadError::at(
            line_place_of_bytes(bytes, at),
            "binary data (a zero byte): this is not a text file",
        ));
    }
    Ok(if bom_utf8 {
        ReadAs { encoding: UTF_8, why: Why::ByteOrderMark }
    } else if let Some(encoding) = chosen {
        ReadAs { encoding, why: Why::Chosen }
    } else if std::str::from_utf8(bytes).is_ok() {
        ReadAs::default()
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
        detector.feed(bytes, true);
        ReadAs { encoding: detector.guess(None, chardetng::Utf8Detection::Deny), why: Why::Detected }
    })
}

/// Decodes an import file in the one way every format shares (see the module).
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    chosen: Option<&'static Encoding>,
) -> Result<Decoded<'a>, ReadError> {
    let decoded = match start(bytes, chosen)? {
        Start::Utf16 { read_as, body } => Decoded { text: Cow::Owned(decode_utf16(read_as, body)?), read_as },
        Start::Bytes { bom_utf8, body } => {
            let read_as = choose_for_bytes(bom_utf8, chosen, body)?;
            Decoded { text: decode_bytes(read_as, body)?, read_as }
        }
    };
    check_text(&decoded.text)?;
    Ok(decoded)
}

/// UTF-16 text, refused where it is not valid UTF-16 (a lone surrogate, an odd byte).
pub(crate) fn decode_utf16(read_as: ReadAs, body: &[u8]) -> Result<String, ReadError> {
    let unit: fn([u8; 2]) -> u16 =
        if read_as.encoding == UTF_16BE { u16::from_be_bytes } else { u16::from_le_bytes };
    let units = body.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(body.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(ReadError::at(
                    line_place(&text, text.len()),
                    format!("the file is {} but this is not valid UTF-16 text", read_as.describe()),
                ));
            }
        }
    }
    if body.len() % 2 == 1 {
        return Err(ReadError::whole(format!(
            "the file is {} but has an odd number of bytes",
            read_as.describe()
        )));
    }
    Ok(text)
}

/// Bytes in an ASCII-based encoding, refused where they are not valid in it, naming
/// the line and what to do.
pub(crate) fn decode_bytes(read_as: ReadAs, bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    let encoding = read_as.encoding;
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(text);
    }
    let place = if encoding.is_ascii_compatible() {
        let bad = bytes
            .split_inclusive(|b| *b == b'\n')
            .position(|line| encoding.decode_without_bom_handling_and_without_replacement(line).is_none());
        bad.map_or_else(|| "the file".to_owned(), |index| format!("line {}", index + 1))
    } else {
        "the file".to_owned()
    };
    Err(ReadError::at(place, not_valid(read_as)))
}

/// Why bytes could not be read in `read_as`, and what to do.
pub(crate) fn not_valid(read_as: ReadAs) -> String {
    let advice = match read_as.why {
        Why::ByteOrderMark => "the file starts with a UTF-8 byte-order mark but is not UTF-8 text",
        _ => {
            "the text is not valid in this encoding; choose another (the preview's \"Read as\", or --encoding)"
        }
    };
    format!("{advice} ({})", read_as.describe())
}

/// The start of a file as text, for guessing its format: decoded as UTF-16 when it
/// is, else read as UTF-8 with replacement characters (format markers are ASCII).
pub(crate) fn head_text(bytes: &[u8]) -> String {
    let head = bytes.get(..bytes.len().min(8192) & !1).unwrap_or(bytes);
    match start(head, None) {
        Ok(Start::Utf16 { read_as, body }) => {
            read_as.encoding.decode_without_bom_handling(body).0.into_owned()
        }
        Ok(Start::Bytes { body, .. }) => String::from_utf8_lossy(body).into_owned(),
        Err(_) => String::new(),
    }
}

/// Refuses a line (number `number` in the file) with a control character or over
/// [`MAX_LINE_BYTES`].
pub(crate) fn check_line(text: &str, number: usize) -> Result<(), ReadError> {
    if let Some(byte) = text.bytes().find(|b| *b < 0x20 && !matches!(b, b'\t' | b'\r' | 0x0C)) {
        return Err(ReadError::at(
            format!("line {number}"),
            format!("binary data (control byte 0x{byte:02X}): this is not a text file"),
        ));
    }
    if text.len() > MAX_LINE_BYTES {
        return Err(ReadError::at(
            format!("line {number}"),
            format!("the line is longer than {} KiB: this is not a contact file", MAX_LINE_BYTES / 1024),
        ));
    }
    Ok(())
}

/// Refuses control characters (binary data) and lines over [`MAX_LINE_BYTES`].
fn check_text(text: &str) -> Result<(), ReadError> {
    let mut line = 1usize;
    let mut line_start = 0usize;
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'\n' => {
                line += 1;
                line_start = at + 1;
            }
            b'\t' | b'\r' | 0x0C => {}
            0..0x20 => {
                return Err(ReadError::at(
                    format!("line {line}"),
                    format!("binary data (control byte 0x{byte:02X}): this is not a text file"),
                ));
            }
            _ => {}
        }
        if byte != b'\n' && at + 1 - line_start > MAX_LINE_BYTES {
            return Err(ReadError::at(
                format!("line {line}"),
                format!("the line is longer than {} KiB: this is not a contact file", MAX_LINE_BYTES / 1024),
            ));
        }
    }
    Ok(())
}

/// `"line N"` of byte `offset` in `text`.
pub(crate) fn line_place(text: &str, offset: usize) -> String {
    line_place_of_bytes(text.as_bytes(), offset)
}

fn line_place_of_bytes(bytes: &[u8], offset: usize) -> String {
    let before = bytes.get(..offset).unwrap_or(bytes);
    format!("line {}", before.iter().filter(|b| **b == b'\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], chosen: Option<&'static Encoding>) -> Result<(String, String), ReadError> {
        decode(bytes, chosen).map(|d| (d.text.into_owned(), d.read_as.describe()))
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let unit = if big_endian { u16::to_be_bytes } else { u16::to_le_bytes };
        text.encode_utf16().flat_map(unit).collect()
    }

    #[test]
    fn legacy_bytes_are_detected() {
        let windows_1252 = b"Name,City\nJ\xFCrgen M\xFCller,K\xF6ln \x80 \x93quoted\x94\n";
        assert_eq!(
            read(windows_1252, None),
            Ok((
                "Name,City\nJürgen Müller,Köln € “quoted”\n".to_owned(),
                "read as Windows-1252 (detected)".to_owned()
            ))
        );
        let (shift_jis, _, _) = encoding_rs::SHIFT_JIS.encode("名前,会社\n安藤 ロイド,東京テスト商会\n");
        assert_eq!(
            read(&shift_jis, None),
            Ok((
                "名前,会社\n安藤 ロイド,東京テスト商会\n".to_owned(),
                "read as Shift_JIS (detected)".to_owned()
            ))
        );
    }

    #[test]
    fn a_chosen_encoding_is_used_and_a_bom_wins_over_it() {
        let koi8 = encoding_rs::KOI8_R.encode("Иван Петров").0;
        assert_eq!(read(&koi8, encoding_for_label("koi8-r")).map(|r| r.0), Ok("Иван Петров".to_owned()));
        let bom = b"\xEF\xBB\xBFZo\xC3\xAB";
        assert_eq!(
            read(bom, encoding_for_label("latin1")),
            Ok(("Zoë".to_owned(), "read as UTF-8 (byte-order mark)".to_owned()))
        );
        // Bytes that cannot be the chosen encoding are refused, with the line.
        let not_utf8 = read(b"ok\nK\xF6ln", Some(UTF_8));
        assert_eq!(not_utf8.map_err(|e| e.place), Err(Some("line 2".to_owned())));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        for big_endian in [false, true] {
            let bare = utf16("First Name,Last Name\r\nZoë,安藤\r\n", big_endian);
            let with_bom: Vec<u8> = (if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] })
                .into_iter()
                .chain(bare.clone())
                .collect();
            let name = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
            for (bytes, why) in [(bare, "no byte-order mark"), (with_bom, "byte-order mark")] {
                assert_eq!(
                    read(&bytes, None),
                    Ok((
                        "First Name,Last Name\r\nZoë,安藤\r\n".to_owned(),
                        format!("read as {name} ({why})")
                    ))
                );
            }
        }
    }

    #[test]
    fn refuses_what_is_not_text() {
        let binary = read(b"a\nb\nc\x01", None);
        assert_eq!(binary.map_err(|e| e.place), Err(Some("line 3".to_owned())));
        let zero = read(b"PK\x03\x04\x00\x00\x00\x08\x00\x00\x21\x00", None);
        assert!(zero.is_err_and(|e| e.message.contains("binary data")));
        // Zero bytes on one side, but a lone surrogate: not text either.
        let mut lone = utf16("Name,Email\nAnn", false);
        lone.extend([0x34, 0xD8]);
        lone.extend(utf16(",ann@example.com\n", false));
        assert!(read(&lone, None).is_err_and(|e| e.message.contains("not valid UTF-16")));
    }

    #[test]
    fn labels_and_names() {
        assert_eq!(encoding_for_label("sjis"), Some(encoding_rs::SHIFT_JIS));
        assert_eq!(encoding_for_label("\"cp1251\""), Some(encoding_rs::WINDOWS_1251));
        assert_eq!(encoding_for_label("iso-2022-kr"), None);
        assert_eq!(encoding_for_label("klingon"), None);
        assert_eq!(encoding_label(encoding_rs::WINDOWS_1252), "Windows-1252");
        assert_eq!(head_text(&utf16("BEGIN:VCARD", false)), "BEGIN:VCARD");
    }
}
