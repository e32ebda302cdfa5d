//! Retiring a plaintext copy once the network is encrypted: its bytes are overwritten
//! with zeros and flushed to the disk before its name is removed, so that no
//! undeleted blocks keep the network. Best effort by nature: a copy-on-write or
//! journalling file system, or an SSD's wear levelling, may keep old blocks anyway
//! (the README says so).

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Overwrites the file at `path` with zeros, flushes it, then removes it. A file that
/// is not there is not an error; a folder or a link is only removed (a link's target
/// is not touched).
pub fn shred(path: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if meta.is_file() {
        let mut file = OpenOptions::new().write(true).open(path)?;
        let zeros = vec![0u8; 1 << 20];
        let mut left = meta.len();
        while left > 0 {
            let n = usize::try_from(left.min(zeros.len() as u64)).unwrap_or(zeros.len());
            file.write_all(zeros.get(..n).unwrap_or_default())?;
            left -= n as u64;
        }
        file.sync_all()?;
    }
    if meta.is_dir() { fs::remove_dir(path) } else { fs::remove_file(path) }
}

/// [`shred`] of every file in `dir`, then `dir` itself. No folder is not an error.
pub(crate) fn shred_folder(dir: &Path) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        shred(&entry?.path())?;
    }
    fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overwrites_every_link_of_the_file_before_removing_it() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("net.ron");
        let link = dir.path().join("version.ron");
        fs::write(&file, "Grace Hopper".repeat(100_000)).expect("write");
        fs::hard_link(&file, &link).expect("link");
        shred(&file).expect("shred");
        assert!(!file.exists());
        let left = fs::read(&link).expect("the other link");
        assert_eq!(left.len(), 1_200_000);
        assert!(left.iter().all(|b| *b == 0), "the bytes behind every name are zeros");
        shred(&file).expect("a file that is gone is not an error");
        let folder = dir.path().join("history");
        fs::create_dir(&folder).expect("mkdir");
        fs::write(folder.join("a.ron"), "x").expect("write");
        shred_folder(&folder).expect("shred the folder");
        assert!(!folder.exists());
    }
}
