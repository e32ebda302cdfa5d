//! The RON text of a network: deterministic, one record per line.

use std::path::Path;

use ron::ser::PrettyConfig;

use super::LoadError;
use crate::model::{FORMAT_VERSION, Network};

/// The file text of `network`. Same network, same bytes.
pub fn to_string(network: &Network) -> String {
    let config = PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false);
    match ron::ser::to_string_pretty(network, config) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Serializing plain structs of strings and numbers into a String cannot fail.
        Err(e) => unreachable!("serializing a network failed: {e}"),
    }
}

/// How deeply values may nest in a file, in ron's count (about two per level of
/// brackets). Format version 1 needs 10 (network, contacts, contact, needs, need);
/// 32 leaves room for a newer version's fields to be skipped while its `version` is
/// read. Without a limit, ron overflows a 2 MiB thread stack at about 400 nested
/// brackets; ron's own default (128) holds there but with little margin.
pub const RECURSION_LIMIT: usize = 32;

fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

/// `value` as one line of RON, spaced for people: `(pid: 7, host: "vm")`. For the
/// small headers of lock and recovery files.
pub(crate) fn one_line<T: serde::Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = PrettyConfig::new().compact_structs(true).compact_arrays(true).compact_maps(true);
    ron::ser::to_string_pretty(value, config)
}

/// Parses file text; `path` is only used in messages. Does not validate.
pub fn parse(text: &str, path: &Path) -> Result<Network, LoadError> {
    match options().from_str::<Network>(text) {
        Ok(network) if u64::from(network.version) > u64::from(FORMAT_VERSION) => {
            Err(LoadError::NewerVersion { path: path.to_owned(), found: network.version.into() })
        }
        Ok(network) if network.version == 0 => Err(LoadError::Parse {
            path: path.to_owned(),
            line: 1,
            col: 1,
            message: "version 0 is not a Rapport format version".to_owned(),
        }),
        Ok(network) => Ok(network),
        Err(error) => {
            // A newer file may use fields this build does not know: say "newer" then.
            if let Some(found) = declared_version(text).filter(|v| *v > u64::from(FORMAT_VERSION)) {
                return Err(LoadError::NewerVersion { path: path.to_owned(), found });
            }
            let (line, col) = token_position(text, error.span.start.line, error.span.start.col);
            Err(LoadError::Parse { path: path.to_owned(), line, col, message: error.code.to_string() })
        }
    }
}

/// The `version` a file declares, read with every other field ignored: a newer file
/// is recognised even with fields this build does not know, and text that merely
/// mentions a version (`notes: "version: 9"`) is not mistaken for it.
fn declared_version(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Declared {
        version: u64,
    }
    options().from_str::<Declared>(text).ok().map(|declared| declared.version)
}

/// ron starts some error spans before the whitespace and line comments that precede
/// the offending token, even lines earlier (`value:⏎ "high"`); this moves a 1-based
/// line and column (in characters) on to the token itself.
fn token_position(text: &str, line: usize, col: usize) -> (usize, usize) {
    let line_start = match line.checked_sub(2) {
        None => 0,
        Some(newlines) => match text.match_indices('\n').nth(newlines) {
            Some((at, _)) => at + 1,
            None => return (line, col),
        },
    };
    let offset = text[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(at, _)| line_start + at);
    let mut rest = &text[offset..];
    loop {
        rest = rest.trim_start_matches(is_ron_whitespace);
        match rest.strip_prefix("//") {
            Some(comment) => rest = comment.find('\n').map_or("", |at| &comment[at..]),
            None => break,
        }
    }
    line_col(text.as_bytes(), text.len() - rest.len())
}

/// The characters ron skips as whitespace.
fn is_ron_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\x0B'
            | '\x0C'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// 1-based line and column (in characters) of byte `offset` in `bytes`.
pub(super) fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}
