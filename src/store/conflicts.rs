//! Sync conflict copies: the files Syncthing, Dropbox and Nextcloud leave next to a
//! document when two devices changed it at once, the common ancestor of such a copy
//! and the document (from the lineage history), and the archive a merged copy moves
//! to — it is never deleted.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::{History, RecoveryKey};

/// The sync tool that left a conflict copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncTool {
    Syncthing,
    Dropbox,
    Nextcloud,
}

impl SyncTool {
    pub fn label(self) -> &'static str {
        match self {
            Self::Syncthing => "Syncthing",
            Self::Dropbox => "Dropbox",
            Self::Nextcloud => "Nextcloud",
        }
    }
}

/// A conflict copy of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictCopy {
    pub path: PathBuf,
    pub tool: SyncTool,
}

/// Whether the file named `candidate` is a conflict copy of the document named
/// `document` (both file names): `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT`
/// (Syncthing), `NAME (X's conflicted copy YYYY-MM-DD).EXT` (Dropbox), `NAME
/// (conflicted copy YYYY-MM-DD HHMMSS).EXT` (Nextcloud), where EXT is the document's
/// last extension (`ron`, or `age` for `NAME.ron.age`).
pub fn conflict_copy_of(document: &str, candidate: &str) -> Option<SyncTool> {
    let (stem, ext) = document.rsplit_once('.')?;
    let middle = candidate.strip_prefix(stem)?.strip_suffix(ext)?.strip_suffix('.')?;
    if let Some(rest) = middle.strip_prefix(".sync-conflict-") {
        // YYYYMMDD-HHMMSS-DEVICE
        let mut parts = rest.splitn(3, '-');
        let (date, time, device) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        return (digits(date, 8) && digits(time, 6) && !device.is_empty()).then_some(SyncTool::Syncthing);
    }
    let inner = middle.strip_prefix(" (")?.strip_suffix(')')?;
    if let Some(date) = inner.strip_prefix("conflicted copy ") {
        // YYYY-MM-DD HHMMSS
        let (day, time) = date.split_once(' ')?;
        let ok = is_iso_day(day) && time.len() == 6 && time.bytes().all(|b| b.is_ascii_digit());
        return ok.then_some(SyncTool::Nextcloud);
    }
    let (_, day) = inner.split_once(" conflicted copy ")?;
    // "X's conflicted copy YYYY-MM-DD", with or without a number after it.
    let day = day.split_once(' ').map_or(day, |(day, _)| day);
    is_iso_day(day).then_some(SyncTool::Dropbox)
}

fn is_iso_day(text: &str) -> bool {
    text.parse::<jiff::civil::Date>().is_ok() && text.len() == 10
}

/// The conflict copies of `document` in its folder, oldest name first.
pub fn find_conflict_copies(document: &Path) -> Vec<ConflictCopy> {
    let (Some(folder), Some(name)) = (document.parent(), document.file_name().and_then(|n| n.to_str()))
    else {
        return Vec::new();
    };
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let Ok(entries) = fs::read_dir(folder) else { return Vec::new() };
    let mut copies: Vec<ConflictCopy> = entries
        .flatten()
        .filter_map(|entry| {
            let candidate = entry.file_name();
            let tool = conflict_copy_of(name, candidate.to_str()?)?;
            entry.file_type().ok()?.is_file().then(|| ConflictCopy { path: entry.path(), tool })
        })
        .collect();
    copies.sort_by(|a, b| a.path.cmp(&b.path));
    copies
}

/// The `parent` a network file declares near its top, read without parsing the rest.
pub fn declared_parent(path: &Path) -> Option<String> {
    let mut head = Vec::with_capacity(4096);
    fs::File::open(path).ok()?.take(4096).read_to_end(&mut head).ok()?;
    let head = String::from_utf8_lossy(&head);
    let at = head.find("parent: Some(\"")? + "parent: Some(\"".len();
    let hash = head.get(at..at + 64)?;
    crate::model::is_sha256_hex(hash).then(|| hash.to_owned())
}

/// The newest common ancestor of the document (whose bytes hash to `mine`, with
/// `mine_parent` its declared parent) and a conflict copy (hashing to `theirs`, with
/// `theirs_parent`), among the versions `history` keeps of `key`: the first version
/// on THEIRS' line of parents that is also on MINE's.
pub fn common_ancestor(
    history: &History,
    key: &RecoveryKey,
    mine: (&str, Option<&str>),
    theirs: (&str, Option<&str>),
) -> Option<PathBuf> {
    let line = |(hash, parent): (&str, Option<&str>)| {
        let mut line = vec![hash.to_owned()];
        let mut next = parent.map(str::to_owned);
        // A line is at most as long as the history, and never loops.
        while let Some(hash) = next.take() {
            if line.contains(&hash) || line.len() > super::history::KEEP + 2 {
                break;
            }
            next = history.find(key, &hash).and_then(|path| declared_parent(&path));
            line.push(hash);
        }
        line
    };
    let mine_line = line(mine);
    line(theirs).into_iter().filter(|hash| mine_line.contains(hash)).find_map(|hash| history.find(key, &hash))
}

/// The folder merged conflict copies of `key` move to: `DATA/merged/KEY` beside the
/// history.
pub fn archive_dir(history: &History, key: &RecoveryKey) -> PathBuf {
    let root = history.dir().parent().map_or_else(|| history.dir().join("merged"), |p| p.join("merged"));
    root.join(key.name())
}

/// Moves `copy` into `archive` (created if missing), keeping its name (a number is
/// added when one is there already); returns where it went. A move across disks is a
/// copy, flushed, then the removal of the original.
pub fn archive(copy: &Path, archive: &Path) -> io::Result<PathBuf> {
    fs::create_dir_all(archive)?;
    let name = copy.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut target = archive.join(name);
    let mut n = 1;
    while target.exists() {
        target = archive.join(format!("{} ({n})", name.to_string_lossy()));
        n += 1;
    }
    if fs::rename(copy, &target).is_err() {
        fs::copy(copy, &target)?;
        fs::File::open(&target)?.sync_all()?;
        fs::remove_file(copy)?;
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_sync_tools_give_conflict_copies_are_recognised() {
        let yes = [
            ("network.ron", "network.sync-conflict-20261203-101500-ABCDEF7.ron", SyncTool::Syncthing),
            ("network.ron", "network (Noor's conflicted copy 2026-12-03).ron", SyncTool::Dropbox),
            ("network.ron", "network (Noor's conflicted copy 2026-12-03 1).ron", SyncTool::Dropbox),
            ("network.ron", "network (conflicted copy 2026-12-03 101500).ron", SyncTool::Nextcloud),
            ("network.ron.age", "network.ron.sync-conflict-20261203-101500-ABCDEF7.age", SyncTool::Syncthing),
            ("network.ron.age", "network.ron (conflicted copy 2026-12-03 101500).age", SyncTool::Nextcloud),
        ];
        for (document, candidate, tool) in yes {
            assert_eq!(conflict_copy_of(document, candidate), Some(tool), "{candidate}");
        }
        let no = [
            ("network.ron", "network.ron"),
            ("network.ron", "network.ron.bak"),
            ("network.ron", "other.sync-conflict-20261203-101500-ABCDEF7.ron"),
            ("network.ron", "network.sync-conflict-2026120-101500-ABCDEF7.ron"),
            ("network.ron", "network.sync-conflict-20261203-101500-.ron"),
            ("network.ron", "network (conflicted copy 2026-13-03 101500).ron"),
            ("network.ron", "network (Noor's copy 2026-12-03).ron"),
            ("network.ron", "network (Noor's conflicted copy 2026-12-03).csv"),
        ];
        for (document, candidate) in no {
            assert_eq!(conflict_copy_of(document, candidate), None, "{candidate}");
        }
    }
}
