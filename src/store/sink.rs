//! The file-system steps a save is made of, behind a trait so that tests can make any
//! one of them fail ([`FailAt`]) and check that the original file survives.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// The steps of an atomic save. [`RealFs`] performs them; a test double may fail one.
pub trait SaveSink {
    /// Creates a new file, failing if `path` exists.
    fn create_new(&mut self, path: &Path) -> io::Result<File>;
    /// Writes some of `bytes` and returns how many, like [`Write::write`].
    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<usize>;
    /// Flushes a file's data and metadata to the disk.
    fn sync_file(&mut self, file: &File) -> io::Result<()>;
    /// Makes `link` a second name of `original`.
    fn hard_link(&mut self, original: &Path, link: &Path) -> io::Result<()>;
    /// Copies `from` to the new file `to` and flushes it to the disk.
    fn copy(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    /// Renames `from` to `to`, replacing `to`.
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    /// Flushes a folder's entries (the names of its files) to the disk.
    fn sync_folder(&mut self, folder: &Path) -> io::Result<()>;
    /// Removes a file.
    fn remove_file(&mut self, path: &Path) -> io::Result<()>;
}

/// The real file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct RealFs;

impl SaveSink for RealFs {
    fn create_new(&mut self, path: &Path) -> io::Result<File> {
        OpenOptions::new().write(true).create_new(true).open(path)
    }

    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<usize> {
        file.write(bytes)
    }

    fn sync_file(&mut self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn hard_link(&mut self, original: &Path, link: &Path) -> io::Result<()> {
        fs::hard_link(original, link)
    }

    fn copy(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        let mut source = File::open(from)?;
        let mut target = OpenOptions::new().write(true).create_new(true).open(to)?;
        io::copy(&mut source, &mut target)?;
        target.sync_all()
    }

    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    #[cfg(unix)]
    fn sync_folder(&mut self, folder: &Path) -> io::Result<()> {
        File::open(folder)?.sync_all()
    }

    #[cfg(not(unix))]
    fn sync_folder(&mut self, _folder: &Path) -> io::Result<()> {
        Ok(())
    }

    fn remove_file(&mut self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }
}

/// For fault-injection tests: the real file system, except that step number `fail_at`
/// (1-based, counting every call, each write of at most `chunk_bytes` being one step)
/// fails with an error of `kind`. Every other step runs for real.
#[derive(Clone, Debug)]
pub struct FailAt {
    pub fail_at: usize,
    pub kind: io::ErrorKind,
    /// Writes are cut into pieces of at most this size, so a save has many write steps.
    pub chunk_bytes: usize,
    /// Steps taken so far, the failed one included.
    pub steps: usize,
    /// The name of each step taken, in order (`"write"`, `"rename"`…).
    pub log: Vec<&'static str>,
}

impl FailAt {
    pub fn new(fail_at: usize, kind: io::ErrorKind) -> Self {
        Self { fail_at, kind, chunk_bytes: 4096, steps: 0, log: Vec::new() }
    }

    /// Whether the injected failure happened.
    pub fn fired(&self) -> bool {
        self.steps >= self.fail_at
    }

    fn step(&mut self, name: &'static str) -> io::Result<()> {
        self.steps += 1;
        self.log.push(name);
        if self.steps == self.fail_at {
            Err(io::Error::new(self.kind, format!("injected failure at step {} ({name})", self.steps)))
        } else {
            Ok(())
        }
    }
}

impl SaveSink for FailAt {
    fn create_new(&mut self, path: &Path) -> io::Result<File> {
        self.step("create_new")?;
        RealFs.create_new(path)
    }

    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<usize> {
        self.step("write")?;
        let piece = bytes.get(..self.chunk_bytes.max(1)).unwrap_or(bytes);
        RealFs.write(file, piece)
    }

    fn sync_file(&mut self, file: &File) -> io::Result<()> {
        self.step("sync_file")?;
        RealFs.sync_file(file)
    }

    fn hard_link(&mut self, original: &Path, link: &Path) -> io::Result<()> {
        self.step("hard_link")?;
        RealFs.hard_link(original, link)
    }

    fn copy(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        self.step("copy")?;
        RealFs.copy(from, to)
    }

    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        self.step("rename")?;
        RealFs.rename(from, to)
    }

    fn sync_folder(&mut self, folder: &Path) -> io::Result<()> {
        self.step("sync_folder")?;
        RealFs.sync_folder(folder)
    }

    fn remove_file(&mut self, path: &Path) -> io::Result<()> {
        self.step("remove_file")?;
        RealFs.remove_file(path)
    }
}
