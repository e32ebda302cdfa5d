//! The only code that touches disk: versioned RON load and save, atomic writes and
//! backups. Errors name the file, and for parse errors the line and column.

mod atomic;
mod format;

use std::io;
use std::path::{Path, PathBuf};

pub use atomic::{backup_path, write_atomic};
pub use format::{parse, to_string};

use crate::model::{Network, Problem};

/// Why a network file could not be opened. Display gives the one-line message.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse { path: PathBuf, line: usize, col: usize, message: String },
    #[error(
        "{}: the file is format version {found}, newer than this Rapport understands (version {known}); update Rapport to open it",
        path.display(),
        known = crate::model::FORMAT_VERSION
    )]
    NewerVersion { path: PathBuf, found: u64 },
    #[error("{}: {}", path.display(), summarize(problems))]
    Invalid { path: PathBuf, problems: Vec<Problem> },
}

fn summarize(problems: &[Problem]) -> String {
    match problems {
        [one] => one.to_string(),
        [first, rest] => format!("{first} (and 1 more problem: {rest})"),
        [first, rest @ ..] => format!("{first} (and {} more problems)", rest.len()),
        [] => "invalid network".to_owned(),
    }
}

impl LoadError {
    /// One line per problem, `FILE:LINE:COL: message` or `FILE: message`.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::Invalid { path, problems } => {
                problems.iter().map(|p| format!("{}: {p}", path.display())).collect()
            }
            other => vec![other.to_string()],
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            Self::Read { path, .. }
            | Self::Parse { path, .. }
            | Self::NewerVersion { path, .. }
            | Self::Invalid { path, .. } => path,
        }
    }
}

/// Why a save failed. The file on disk is left as it was.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {source}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// Reads, parses and validates the network in `path`.
pub fn load(path: &Path) -> Result<Network, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read { path: path.to_owned(), source })?;
    parse_bytes(&bytes, path)
}

/// Parses and validates file contents; `path` is only used in messages.
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Network, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = format::line_col(bytes, e.valid_up_to());
        LoadError::Parse {
            path: path.to_owned(),
            line,
            col,
            message: "the file is not valid UTF-8 text".to_owned(),
        }
    })?;
    let network = parse(text, path)?;
    let problems = crate::model::validate(&network);
    if problems.is_empty() {
        Ok(network)
    } else {
        Err(LoadError::Invalid { path: path.to_owned(), problems })
    }
}

/// Writes `network` to `path` atomically, keeping the previous file as `NAME.ron.bak`.
pub fn save(path: &Path, network: &Network) -> Result<(), SaveError> {
    let text = to_string(network);
    write_atomic(path, text.as_bytes(), true).map_err(|source| SaveError { path: path.to_owned(), source })
}
