//! The layout [`super::to_string`] writes, recognised in a file's text: the lists
//! of records, one record per line, apart from the rest (the "skeleton": version,
//! profile, list brackets).
//!
//! Recognising is conservative. Every skeleton line must be plainly closed on its own
//! line (no comment, no character literal, no raw or byte string, no string running on
//! to the next line, nothing but ASCII letters, digits, spaces and `_:,.+-()[]`
//! outside strings), so that line by line is token by token. A list is the lines
//! between `    NAME: [` at the top level and the next line that is exactly `    ],`;
//! whether those lines really are whole records is left to the parse of each piece,
//! which fails (and so sends the caller to the standard parser) if they are not.

use memchr::memmem;

/// The lists of a network, as named in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum List {
    Contacts,
    Exchanges,
    Touches,
    Commitments,
    Introductions,
    Wins,
    Playbook,
}

impl List {
    const ALL: [Self; 7] = [
        Self::Contacts,
        Self::Exchanges,
        Self::Touches,
        Self::Commitments,
        Self::Introductions,
        Self::Wins,
        Self::Playbook,
    ];

    pub(super) fn name(self) -> &'static str {
        match self {
            Self::Contacts => "contacts",
            Self::Exchanges => "exchanges",
            Self::Touches => "touches",
            Self::Commitments => "commitments",
            Self::Introductions => "introductions",
            Self::Wins => "wins",
            Self::Playbook => "playbook",
        }
    }
}

/// A file's text split into its skeleton and the record lines of its lists.
pub(super) struct Layout<'a> {
    /// The text with every list's record lines taken out (`    NAME: [` followed
    /// directly by `    ],`).
    pub skeleton: String,
    /// Each list's record lines, without the newline after the last one; `""` for a
    /// list whose brackets stand on two lines with nothing between.
    pub lists: Vec<(List, &'a str)>,
}

/// The line that ends a list.
const CLOSE: &str = "    ],";

/// The most text a skeleton or one piece may have. A written file's skeleton is a few
/// hundred bytes and its pieces about a megabyte; a file far from that is left to
/// the standard parser rather than copied whole.
pub(super) const MAX_PART_BYTES: usize = 64 << 20;

/// The skeleton and lists of `text`, or `None` when it is not laid out as
/// [`super::to_string`] writes it.
pub(super) fn split(text: &str) -> Option<Layout<'_>> {
    let mut skeleton = String::new();
    let mut lists: Vec<(List, &str)> = Vec::new();
    let mut depth = 0usize;
    let mut rest = text;
    while !rest.is_empty() {
        let (line, after, newline) = match rest.split_once('\n') {
            Some((line, after)) => (line, after, true),
            None => (rest, "", false),
        };
        if let Some(list) = opening(line).filter(|_| depth == 1 && newline) {
            if lists.iter().any(|(seen, _)| *seen == list) {
                return None;
            }
            let end = closing_line(after)?;
            let records = after.get(..end.saturating_sub(1)).unwrap_or_default();
            lists.push((list, records));
            skeleton.push_str(line);
            skeleton.push('\n');
            skeleton.push_str(CLOSE);
            rest = after.get(end + CLOSE.len()..).unwrap_or_default();
            continue;
        }
        check_line(line, &mut depth)?;
        if skeleton.len() + line.len() > MAX_PART_BYTES {
            return None;
        }
        skeleton.push_str(line);
        if newline {
            skeleton.push('\n');
        }
        rest = after;
    }
    Some(Layout { skeleton, lists })
}

/// The list that `line` opens: `    NAME: [`.
fn opening(line: &str) -> Option<List> {
    let name = line.strip_prefix("    ")?.strip_suffix(": [")?;
    List::ALL.into_iter().find(|list| list.name() == name)
}

/// Where the first line of `text` that is exactly [`CLOSE`] starts.
fn closing_line(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let whole_line = |at: usize| matches!(bytes.get(at + CLOSE.len()), None | Some(b'\n'));
    if text.starts_with(CLOSE) && whole_line(0) {
        return Some(0);
    }
    // memchr's SIMD search: the list of a million exchanges is ~190 MB to look through.
    let finder = memmem::Finder::new(b"\n    ],");
    let mut from = 0;
    loop {
        let at = from + finder.find(bytes.get(from..)?)? + 1;
        if whole_line(at) {
            return Some(at);
        }
        from = at;
    }
}

/// Checks that `line` is closed on its own (see the module's comment) and follows the
/// depth of brackets through it.
fn check_line(line: &str, depth: &mut usize) -> Option<()> {
    let mut in_string = false;
    let mut escaped = false;
    let mut previous = ' ';
    for c in line.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            previous = c;
            continue;
        }
        match c {
            // `r"…"`, `b"…"` and `r#"…"#` are other kinds of strings.
            '"' if previous.is_ascii_alphanumeric() || previous == '_' => return None,
            '"' => in_string = true,
            '(' | '[' => *depth += 1,
            ')' | ']' => *depth = depth.checked_sub(1)?,
            'a'..='z' | 'A'..='Z' | '0'..='9' | '_' | ' ' | ':' | ',' | '.' | '+' | '-' => {}
            _ => return None,
        }
        previous = c;
    }
    (!in_string).then_some(())
}

/// `records` cut into pieces of about `bytes` bytes, each ending with a record's comma
/// (but the last), without the newline between pieces.
pub(super) fn pieces(records: &str, bytes: usize) -> Vec<&str> {
    let mut pieces = Vec::with_capacity(records.len() / bytes.max(1) + 1);
    let mut rest = records;
    while !rest.is_empty() {
        let cut = rest
            .get(bytes.max(1)..)
            .and_then(|after| memmem::find(after.as_bytes(), b",\n"))
            .map(|at| bytes.max(1) + at + 1);
        match cut {
            Some(cut) => {
                pieces.push(rest.get(..cut).unwrap_or_default());
                rest = rest.get(cut + 1..).unwrap_or_default();
            }
            None => {
                pieces.push(rest);
                rest = "";
            }
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "(\n    version: 1,\n    profile: (\n        name: \"A (b) [c]\",\n    ),\n    contacts: [\n        (id: 1),\n        (id: 2),\n    ],\n    exchanges: [],\n    wins: [\n    ],\n)\n";

    #[test]
    fn the_written_layout_splits_into_skeleton_and_lists() {
        let layout = split(FILE).expect("fits");
        assert_eq!(
            layout.skeleton,
            "(\n    version: 1,\n    profile: (\n        name: \"A (b) [c]\",\n    ),\n    contacts: [\n    ],\n    exchanges: [],\n    wins: [\n    ],\n)\n"
        );
        assert_eq!(
            layout.lists,
            vec![(List::Contacts, "        (id: 1),\n        (id: 2),"), (List::Wins, "")]
        );
    }

    #[test]
    fn lines_that_are_not_plainly_closed_do_not_fit() {
        for odd in [
            "    version: 1, // one",
            "    version: 1, /* one */",
            "    profile: (name: \"line\nbreak\"),",
            "    profile: (name: r\"raw\"),",
            "    profile: (name: 'c'),",
            "    version: 1,\r",
            "\tversion: 1,",
            "#![enable(implicit_some)]",
            "    version: 1,\u{2028}",
            "    profile: (name: \"open),",
            "    profile: (name: \"escaped quote\\\"),",
        ] {
            let text = FILE.replacen("    version: 1,", odd, 1);
            assert!(split(&text).is_none(), "{odd:?}");
        }
    }

    #[test]
    fn a_list_opened_below_the_top_level_or_twice_is_not_a_list() {
        let nested = FILE.replace("        name:", "    contacts: [\n    ],\n        name:");
        let layout = split(&nested).expect("fits");
        assert_eq!(layout.lists.len(), 2, "the nested `contacts: [` is skeleton");
        let twice = FILE.replace("    exchanges: [],", "    contacts: [\n        (id: 3),\n    ],");
        assert!(split(&twice).is_none());
        let unclosed = FILE.replace("    ],\n    exchanges", "    ]\n    exchanges");
        assert!(split(&unclosed).is_some_and(|l| l.lists.first().is_some_and(|(_, r)| r.contains("]\n"))));
    }

    #[test]
    fn pieces_end_at_record_commas_and_cover_everything() {
        let records = "        (id: 1),\n        (id: 2),\n        (id: 3),";
        assert_eq!(pieces(records, 1), vec!["        (id: 1),", "        (id: 2),", "        (id: 3),"]);
        assert_eq!(pieces(records, 20), vec!["        (id: 1),\n        (id: 2),", "        (id: 3),"]);
        assert_eq!(pieces(records, 1000), vec![records]);
        assert_eq!(pieces("", 10), Vec::<&str>::new());
        let no_comma = "        (id: 1)\n        (id: 2)";
        assert_eq!(pieces(no_comma, 1), vec![no_comma]);
    }
}
