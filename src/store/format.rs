//! The RON text of a network: deterministic, one record per line.
//!
//! Both ways are parallel where the layout allows. Writing cuts each list into pieces
//! that threads write on their own and joins them, byte for byte what ron writes for
//! the whole network ([`to_string_standard`]). Reading splits a file laid out that way
//! into its skeleton and the record lines of its lists ([`layout`]), parses pieces of
//! lines on the threads and the skeleton with ron's parser. Whatever this cannot read
//! token for token as ron reads the whole file — a skeleton line with a comment or
//! other whitespace, a record, string or comment running across a cut between pieces,
//! any error — is read again by ron's parser alone ([`parse_standard`]): its network
//! and its errors (line:column, unknown field, newer version) are the only ones a
//! caller ever sees.

mod fast;
mod fast_write;
mod layout;
mod pool;
mod records;
mod streamed;
mod truncated;

pub use streamed::write_in_pieces;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use ron::ser::PrettyConfig;

use super::LoadError;
use crate::model::{FORMAT_VERSION, Network, Profile};
use records::Records;

/// How the parallel paths cut their work. [`Default`]: every core, pieces of 1 MiB
/// of text or 4096 records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunking {
    /// Threads at work, the calling one included.
    pub threads: usize,
    /// Bytes of record lines in one piece to parse (a piece runs on to the end of its
    /// record; one over 64 MiB leaves the file to the standard parser).
    pub parse_bytes: usize,
    /// Records in one piece to write.
    pub encode_records: usize,
}

impl Default for Chunking {
    fn default() -> Self {
        Self {
            threads: std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
            parse_bytes: 1 << 20,
            encode_records: 4096,
        }
    }
}

/// The pretty-printing of a network file: depth 2 puts each list's records on a line.
fn pretty_config() -> PrettyConfig {
    PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
}

/// The file text of `network`. Same network, same bytes: exactly those of
/// [`to_string_standard`], written in parallel pieces.
pub fn to_string(network: &Network) -> String {
    to_string_with(network, &Chunking::default())
}

/// [`to_string`] with the work cut as `chunking` says.
pub fn to_string_with(network: &Network, chunking: &Chunking) -> String {
    to_string_in_pieces(network, &network.parent, chunking, &|| false)
        .unwrap_or_else(|| to_string_standard(network))
}

/// [`to_string`], given up (`None`) as soon as `stop` says so between two pieces of
/// work: for background writes that must let go of the network when the user edits
/// it. A network the pieces cannot write (never one of the model's) is written in
/// one go, without stopping.
pub fn to_string_unless(network: &Network, stop: &(dyn Fn() -> bool + Sync)) -> Option<String> {
    to_string_as_child_unless(network, network.parent.as_deref(), stop)
}

/// [`to_string`] with `parent` as the file's `parent` (a save's lineage) instead of
/// the network's own.
pub fn to_string_as_child(network: &Network, parent: Option<&str>) -> String {
    to_string_as_child_unless(network, parent, &|| false).unwrap_or_else(|| to_string_standard(network))
}

/// [`to_string_unless`] with `parent` as the file's `parent`.
pub fn to_string_as_child_unless(
    network: &Network,
    parent: Option<&str>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<String> {
    let parent = parent.map(str::to_owned);
    match to_string_in_pieces(network, &parent, &Chunking::default(), stop) {
        Some(text) => Some(text),
        None if stop() => None,
        None if parent == network.parent => Some(to_string_standard(network)),
        None => Some(to_string_standard(&Network { parent, ..network.clone() })),
    }
}

/// The file text of `network` as ron writes it in one go, on the calling thread: the
/// reference for [`to_string`].
pub fn to_string_standard(network: &Network) -> String {
    match ron::ser::to_string_pretty(network, pretty_config()) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Serializing plain structs of strings and numbers into a String cannot fail.
        Err(e) => unreachable!("serializing a network failed: {e}"),
    }
}

/// The head of the file: ron writes a struct's fields in order, so the network's
/// first three fields written alone give the text up to its first list.
#[derive(serde::Serialize)]
struct Head<'a> {
    version: u32,
    parent: &'a Option<String>,
    profile: &'a Profile,
}

/// A list of the file and its pieces of work, in the file's order.
type ListPieces<'a> = (&'static str, Vec<records::Encode<'a>>);

/// What the parallel writers write: the head of the file (the text up to its first
/// list, `parent` as its parent) and each list cut into pieces of `per_piece` records.
fn file_pieces<'a>(
    network: &'a Network,
    parent: &Option<String>,
    per_piece: usize,
) -> Option<(String, [ListPieces<'a>; 7])> {
    // Every field, so that a new one cannot be left out of the file unnoticed.
    let Network {
        version: _, // a file is always written in the current version
        parent: _,  // given: the network's own, or a save's lineage
        profile,
        contacts,
        exchanges,
        touches,
        commitments,
        introductions,
        wins,
        playbook,
    } = network;
    let head =
        ron::ser::to_string_pretty(&Head { version: FORMAT_VERSION, parent, profile }, pretty_config())
            .ok()?;
    let head = head.strip_suffix(')')?.to_owned();
    let lists = [
        ("contacts", records::encode_pieces(contacts, per_piece)),
        ("exchanges", records::encode_pieces(exchanges, per_piece)),
        ("touches", records::encode_pieces(touches, per_piece)),
        ("commitments", records::encode_pieces(commitments, per_piece)),
        ("introductions", records::encode_pieces(introductions, per_piece)),
        ("wins", records::encode_pieces(wins, per_piece)),
        ("playbook", records::encode_pieces(playbook, per_piece)),
    ];
    Some((head, lists))
}

fn to_string_in_pieces(
    network: &Network,
    parent: &Option<String>,
    chunking: &Chunking,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<String> {
    let (head, lists) = file_pieces(network, parent, chunking.encode_records)?;
    let work: Vec<&records::Encode<'_>> = lists.iter().flat_map(|(_, pieces)| pieces).collect();
    let written = pool::run_ordered(work.len(), chunking.threads, |i| {
        if stop() {
            return None;
        }
        work.get(i).and_then(|encode| encode())
    })?;
    let mut bodies = written.iter().map(|text| records::lines_of(text));
    let size = head.len()
        + lists.iter().map(|(name, _)| name.len() + 16).sum::<usize>()
        + written.iter().map(String::len).sum::<usize>();
    let mut text = String::with_capacity(size);
    text.push_str(&head);
    for (name, pieces) in &lists {
        if pieces.is_empty() {
            text.extend(["    ", name, ": [],\n"]);
            continue;
        }
        text.extend(["    ", name, ": [\n"]);
        for _ in pieces {
            text.push_str(bodies.next()??);
        }
        text.push_str("    ],\n");
    }
    text.push_str(")\n");
    Some(text)
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
    parse_with(text, path, &Chunking::default(), &AtomicU64::new(0))
}

/// [`parse`], adding to `progress` the bytes of `text` parsed so far (it reaches
/// `text.len()` at the end, when it started at 0), for a progress bar.
pub fn parse_with_progress(text: &str, path: &Path, progress: &AtomicU64) -> Result<Network, LoadError> {
    parse_with(text, path, &Chunking::default(), progress)
}

/// [`parse_with_progress`] with the work cut as `chunking` says.
pub fn parse_with(
    text: &str,
    path: &Path,
    chunking: &Chunking,
    progress: &AtomicU64,
) -> Result<Network, LoadError> {
    let start = progress.load(Ordering::Relaxed);
    let parsed = match parse_record_lines(text, chunking, progress) {
        Some(network) => checked(Ok(network), text, path),
        None => parse_standard(text, path),
    };
    progress.store(start + text.len() as u64, Ordering::Relaxed);
    parsed
}

/// The fast path of [`parse`] alone: the network in `text` when it is laid out as
/// [`to_string`] writes it and parses without error, else `None` (then only the
/// standard parser can say what is wrong, and where). When it gives a network, ron's
/// parser gives the same one for the whole text; the version is not checked here.
pub fn parse_record_lines(text: &str, chunking: &Chunking, progress: &AtomicU64) -> Option<Network> {
    let layout = layout::split(text)?;
    let mut network: Network = options().from_str(&layout.skeleton).ok()?;
    let pieces: Vec<_> = layout
        .lists
        .iter()
        .flat_map(|(list, lines)| layout::pieces(lines, chunking.parse_bytes).into_iter().map(|p| (*list, p)))
        .collect();
    if pieces.iter().any(|(_, lines)| lines.len() > layout::MAX_PART_BYTES) {
        return None;
    }
    let parsed = pool::run_ordered(pieces.len(), chunking.threads, |i| {
        let (list, lines) = pieces.get(i)?;
        let records = Records::parse(*list, lines)?;
        progress.fetch_add(lines.len() as u64 + 1, Ordering::Relaxed);
        Some(records)
    })?;
    records::fill(&mut network, parsed);
    Some(network)
}

/// Parses file text with ron's parser in one go, on the calling thread: the
/// reference for [`parse`], and its way for any file not laid out as written.
pub fn parse_standard(text: &str, path: &Path) -> Result<Network, LoadError> {
    checked(options().from_str::<Network>(text), text, path)
}

/// A parse's result, with the version checked and ron's error turned into ours.
fn checked(
    parsed: Result<Network, ron::error::SpannedError>,
    text: &str,
    path: &Path,
) -> Result<Network, LoadError> {
    match parsed {
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
            if truncated::ends_early(text) {
                let (line, col) = line_col(text.trim_end().as_bytes(), text.trim_end().len());
                let backup = super::backup_path(path);
                let backup = if backup.is_file() {
                    format!("; a backup is at {}", backup.display())
                } else {
                    String::new()
                };
                let message = format!(
                    "the file ends early at {line}:{col} (it may have been cut off by an interrupted copy){backup}"
                );
                return Err(LoadError::Parse { path: path.to_owned(), line, col, message });
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
