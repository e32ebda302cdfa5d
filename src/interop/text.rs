//! Bytes to text for the importers, within bounds: file size, line length, binary
//! data, byte-order marks, UTF-16, and a windows-1252 fallback where a format allows.

use std::borrow::Cow;

use super::ReadError;

/// The largest file an import reads (64 MiB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The longest line an import reads (1 MiB); an unfolded photo fits, a runaway does not.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// The most records (cards or rows) one import reads.
pub const MAX_RECORDS: usize = 100_000;

/// Decodes an import file: UTF-8 (with or without BOM), UTF-16 with a BOM, or — when
/// `windows_1252` allows it — windows-1252 for bytes that are not UTF-8. Refuses
/// binary data, overlong lines and (otherwise) other encodings, saying where.
pub(crate) fn decode(bytes: &[u8], windows_1252: bool) -> Result<Cow<'_, str>, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::whole(format!(
            "the file is {} MiB, more than the {} MiB an import reads; split it",
            bytes.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let text: Cow<'_, str> = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest, windows_1252)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Cow::Owned(utf16(rest, u16::from_le_bytes)?)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Cow::Owned(utf16(rest, u16::from_be_bytes)?)
    } else {
        if let Some(at) = bytes.iter().position(|b| *b == 0) {
            return Err(nul_error(bytes, at));
        }
        utf8(bytes, windows_1252)?
    };
    check_text(&text)?;
    Ok(text)
}

fn utf8(bytes: &[u8], windows_1252: bool) -> Result<Cow<'_, str>, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) if windows_1252 => Ok(Cow::Owned(bytes.iter().map(|b| windows_1252_char(*b)).collect())),
        Err(e) => Err(ReadError::at(
            line_place_of_bytes(bytes, e.valid_up_to()),
            "the text is not UTF-8 (a wrong encoding?); save or export the file as UTF-8",
        )),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ReadError> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(ReadError::at(
                    line_place(&text, text.len()),
                    "the file says it is UTF-16 but is not valid UTF-16 text",
                ));
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(ReadError::whole("the file says it is UTF-16 but has an odd number of bytes"));
    }
    Ok(text)
}

fn nul_error(bytes: &[u8], at: usize) -> ReadError {
    let head = bytes.get(..256).unwrap_or(bytes);
    let zeros_at = |parity: usize| head.iter().skip(parity).step_by(2).all(|b| *b == 0);
    if head.len() >= 4 && (zeros_at(0) || zeros_at(1)) {
        return ReadError::whole(
            "the file looks like UTF-16 text without a byte-order mark; save it as UTF-8",
        );
    }
    ReadError::at(line_place_of_bytes(bytes, at), "binary data (a zero byte): this is not a text file")
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

/// windows-1252: Latin-1 except 0x80–0x9F (the five unassigned bytes map to C1 controls,
/// as the WHATWG encoding standard does).
fn windows_1252_char(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH.get(usize::from(byte - 0x80)).copied().unwrap_or('\u{FFFD}'),
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_decodes_the_high_range() {
        let text = decode(b"K\xF6ln \x80 \x93quoted\x94", true).map(Cow::into_owned);
        assert_eq!(text, Ok("Köln € “quoted”".to_owned()));
    }

    #[test]
    fn refuses_what_is_not_text() {
        let not_utf8 = decode(b"ok\nK\xF6ln", false).map(Cow::into_owned);
        assert_eq!(not_utf8.map_err(|e| e.place), Err(Some("line 2".to_owned())));
        let binary = decode(b"a\nb\nc\x01", false).map(Cow::into_owned);
        assert_eq!(binary.map_err(|e| e.place), Err(Some("line 3".to_owned())));
        let utf16_no_bom = decode(b"a\0b\0c\0", false).map(Cow::into_owned);
        assert!(utf16_no_bom.is_err_and(|e| e.message.contains("UTF-16")));
    }

    #[test]
    fn reads_boms_and_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFName", false).map(Cow::into_owned), Ok("Name".to_owned()));
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Zoë".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16, false).map(Cow::into_owned), Ok("Zoë".to_owned()));
    }
}
