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

/// Parses file text; `path` is only used in messages. Does not validate.
pub fn parse(text: &str, path: &Path) -> Result<Network, LoadError> {
    match ron::Options::default().from_str::<Network>(text) {
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
            Err(LoadError::Parse {
                path: path.to_owned(),
                line: error.span.start.line,
                col: error.span.start.col,
                message: error.code.to_string(),
            })
        }
    }
}

/// The `version: N` a file declares near its start, read without parsing it all.
fn declared_version(text: &str) -> Option<u64> {
    let head = text.get(..text.len().min(4096)).unwrap_or(text);
    let after = &head[head.find("version")? + "version".len()..];
    let after = after.trim_start().strip_prefix(':')?.trim_start();
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// 1-based line and column (in characters) of byte `offset` in `bytes`.
pub(super) fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}
