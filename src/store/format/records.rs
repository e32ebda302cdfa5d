//! Pieces of a list's records, parsed and written on their own: what the parallel
//! [`super::parse`] and [`super::to_string`] hand to each thread.

use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::RECURSION_LIMIT;
use super::layout::List;
use crate::model::Network;

/// Levels of ron's recursion count above a list's records in a whole file: the
/// network struct and its field's value. A piece parsed alone starts that much
/// higher, so it gets that much less limit and fails exactly where the file would.
const LIST_NESTING: usize = 2;

fn piece_options() -> ron::Options {
    piece_options_within(RECURSION_LIMIT)
}

/// The options for a piece of a file read with a recursion limit of `file_limit`.
fn piece_options_within(file_limit: usize) -> ron::Options {
    ron::Options::default().with_recursion_limit(file_limit.saturating_sub(LIST_NESTING))
}

/// The records of one piece of one list.
pub(super) enum Records {
    Contacts(Vec<crate::model::Contact>),
    Exchanges(Vec<crate::model::Exchange>),
    Touches(Vec<crate::model::Touch>),
    Commitments(Vec<crate::model::Commitment>),
    Introductions(Vec<crate::model::Introduction>),
    Wins(Vec<crate::model::Win>),
    Playbook(Vec<crate::model::Lesson>),
}

impl Records {
    /// Parses `lines`, record lines of `list` (see [`super::layout::pieces`]), as
    /// ron would inside the list: `[` + lines + `]` is the same tokens in the same
    /// state of ron's parser, and the `]` right after the last comma makes a
    /// trailing line comment or an open string fail instead of passing.
    pub(super) fn parse(list: List, lines: &str) -> Option<Self> {
        let mut text = String::with_capacity(lines.len() + 2);
        text.push('[');
        text.push_str(lines);
        text.push(']');
        let text = text.as_str();
        Some(match list {
            List::Contacts => Self::Contacts(parse_vec(text)?),
            List::Exchanges => Self::Exchanges(parse_vec(text)?),
            List::Touches => Self::Touches(parse_vec(text)?),
            List::Commitments => Self::Commitments(parse_vec(text)?),
            List::Introductions => Self::Introductions(parse_vec(text)?),
            List::Wins => Self::Wins(parse_vec(text)?),
            List::Playbook => Self::Playbook(parse_vec(text)?),
        })
    }

    fn len(&self) -> usize {
        match self {
            Self::Contacts(v) => v.len(),
            Self::Exchanges(v) => v.len(),
            Self::Touches(v) => v.len(),
            Self::Commitments(v) => v.len(),
            Self::Introductions(v) => v.len(),
            Self::Wins(v) => v.len(),
            Self::Playbook(v) => v.len(),
        }
    }
}

/// The records of a piece: by the fast reader when it takes the text, else by ron.
fn parse_vec<T: DeserializeOwned>(text: &str) -> Option<Vec<T>> {
    super::fast::from_str(text).or_else(|| piece_options().from_str(text).ok())
}

/// Puts the parsed pieces (in file order) into `network`'s lists, which the skeleton
/// left empty, each list allocated once at its exact size.
pub(super) fn fill(network: &mut Network, pieces: Vec<Records>) {
    let mut sizes = [0usize; 7];
    for piece in &pieces {
        if let Some(size) = sizes.get_mut(slot(piece)) {
            *size += piece.len();
        }
    }
    let [contacts, exchanges, touches, commitments, introductions, wins, playbook] = sizes;
    network.contacts.reserve_exact(contacts);
    network.exchanges.reserve_exact(exchanges);
    network.touches.reserve_exact(touches);
    network.commitments.reserve_exact(commitments);
    network.introductions.reserve_exact(introductions);
    network.wins.reserve_exact(wins);
    network.playbook.reserve_exact(playbook);
    for piece in pieces {
        match piece {
            Records::Contacts(v) => network.contacts.extend(v),
            Records::Exchanges(v) => network.exchanges.extend(v),
            Records::Touches(v) => network.touches.extend(v),
            Records::Commitments(v) => network.commitments.extend(v),
            Records::Introductions(v) => network.introductions.extend(v),
            Records::Wins(v) => network.wins.extend(v),
            Records::Playbook(v) => network.playbook.extend(v),
        }
    }
}

fn slot(records: &Records) -> usize {
    match records {
        Records::Contacts(_) => 0,
        Records::Exchanges(_) => 1,
        Records::Touches(_) => 2,
        Records::Commitments(_) => 3,
        Records::Introductions(_) => 4,
        Records::Wins(_) => 5,
        Records::Playbook(_) => 6,
    }
}

/// Writes one piece of work: some records of one list.
pub(super) type Encode<'a> = Box<dyn Fn() -> Option<String> + Sync + 'a>;

/// `records` cut into pieces of `per_piece`, each written as the lines it takes in
/// the file (`        (…),\n` per record) between brackets: see [`lines_of`].
pub(super) fn encode_pieces<T: Serialize + Sync>(records: &[T], per_piece: usize) -> Vec<Encode<'_>> {
    records
        .chunks(per_piece.max(1))
        .map(|chunk| Box::new(move || encode_lines(chunk)) as Encode<'_>)
        .collect()
}

/// The lines of `records` exactly as [`super::to_string_standard`] writes them in a
/// list. A list's records sit at depth 3 of the file, beyond its depth limit of 2, so
/// ron writes each on one line; a slice written alone with a depth limit of 1 and an
/// indentation of 8 spaces is a pretty sequence of such lines: `[\n` + lines + `]`.
fn encode_lines<T: Serialize>(records: &[T]) -> Option<String> {
    if let Some(text) = super::fast_write::lines(records) {
        return Some(text);
    }
    let config = PrettyConfig::new()
        .depth_limit(1)
        .indentor("        ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false);
    let text = ron::ser::to_string_pretty(records, config).ok()?;
    lines_of(&text)?;
    Some(text)
}

/// The record lines in the text of [`encode_lines`], without the brackets.
pub(super) fn lines_of(text: &str) -> Option<&str> {
    text.strip_prefix("[\n")?.strip_suffix(']')
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Deserialize)]
    struct Tree {
        #[serde(default)]
        #[expect(dead_code, reason = "only parsed")]
        kids: Vec<Tree>,
    }

    /// A network's shape: a struct with a list field.
    #[derive(Deserialize)]
    struct File {
        #[expect(dead_code, reason = "only parsed")]
        list: Vec<Tree>,
    }

    fn tree(depth: usize) -> String {
        if depth == 0 { "()".to_owned() } else { format!("(kids: [{}])", tree(depth - 1)) }
    }

    #[test]
    fn a_piece_reaches_the_recursion_limit_exactly_where_the_whole_file_does() {
        // Each level of `Tree` is several of ron's counts: every limit around the real
        // one catches an offset that is off by one.
        for limit in LIST_NESTING..=RECURSION_LIMIT + 4 {
            let whole_options = ron::Options::default().with_recursion_limit(limit);
            let mut limited = false;
            for depth in 0..limit {
                let whole = whole_options.from_str::<File>(&format!("(list: [{}])", tree(depth)));
                let piece = piece_options_within(limit).from_str::<Vec<Tree>>(&format!("[{}]", tree(depth)));
                assert_eq!(whole.is_ok(), piece.is_ok(), "limit {limit}, depth {depth}");
                limited |= whole.is_err();
            }
            assert!(limited, "limit {limit} was reached");
        }
    }
}
