//! Telling a file that was cut off (an interrupted copy or sync) from one that is
//! wrong: a cut file ends inside a string, a comment or an open bracket.

/// Whether `text` ends before its RON is complete: inside a string or a block
/// comment, or with a bracket still open.
pub(super) fn ends_early(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut depth: usize = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => match string_end(bytes, i + 1) {
                Some(end) => i = end,
                None => return true,
            },
            b'r' if matches!(bytes.get(i + 1), Some(b'#' | b'"')) && !ident_before(bytes, i) => {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                if bytes.get(i + 1 + hashes) == Some(&b'"') {
                    let close: Vec<u8> =
                        std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
                    let body = i + 2 + hashes;
                    match bytes[body..].windows(close.len()).position(|w| w == close.as_slice()) {
                        Some(at) => i = body + at + close.len() - 1,
                        None => return true,
                    }
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |at| i + at);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => match text[i + 2..].find("*/") {
                Some(at) => i += 2 + at + 1,
                None => return true,
            },
            _ => {}
        }
        i += 1;
    }
    depth > 0
}

/// The index of the quote closing a string whose text starts at `from`.
fn string_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Whether the byte before `at` continues an identifier (`for`, `year`…), so an `r`
/// there is not a raw string's start.
fn ident_before(bytes: &[u8], at: usize) -> bool {
    at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_')
}

#[cfg(test)]
mod tests {
    use super::ends_early;

    #[test]
    fn a_whole_file_does_not_end_early_and_a_cut_one_does() {
        let whole =
            "(version: 2, contacts: [(id: 1, name: \"A (b) [c\", notes: r#\"say \"(\"#)], /* ( */ // [\n)";
        assert!(!ends_early(whole));
        for cut in 1..whole.len() - 1 {
            if whole.is_char_boundary(cut) && !whole[..cut].ends_with(['/', 'r', '#']) {
                assert!(ends_early(&whole[..cut]), "cut at {cut}: {}", &whole[..cut]);
            }
        }
        // Wrong, but whole: not "cut off".
        assert!(!ends_early("(version: 2, contacts: [(id: 1,, name: \"A\")])"));
        assert!(!ends_early("(version: 2, contacts: [(id: 1)]))"));
    }
}
