//! Passphrases on the command line, in one place for every command: from
//! `--passphrase-file PATH` (its first line, without the newline), else asked on the
//! terminal without echo; with neither, a clear error. A passphrase found once is
//! tried first for the next file of the same command (a file read, then written).

use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use anyhow::{Context, bail};
use zeroize::Zeroizing;

use crate::model::Network;
use crate::store::{self, Key, LoadError, LoadedFile, Passphrase};

/// How many times a wrong passphrase typed on the terminal is asked again.
const TRIES: usize = 3;

/// Where the passphrases of one command come from.
#[derive(Debug, Default)]
pub struct Passphrases {
    file: Option<PathBuf>,
    known: RefCell<Option<Key>>,
}

/// A network file read, and the passphrase that opened it (when it was encrypted).
pub struct Loaded {
    pub network: Network,
    pub stamp: store::FileStamp,
    pub key: Option<Key>,
}

impl Passphrases {
    /// Passphrases from `file` (`--passphrase-file`), else from the terminal.
    pub fn new(file: Option<PathBuf>) -> Self {
        Self { file, known: RefCell::new(None) }
    }

    /// Reads the network in `path`, asking for its passphrase when it is encrypted (a
    /// wrong one typed on the terminal is asked again, twice). The error is a
    /// [`LoadError`] when the file itself is at fault.
    pub fn load(&self, path: &Path) -> anyhow::Result<Loaded> {
        let (file, key) = self.with_key(path, |key| read(path, key))?;
        let key = if file.encrypted { key } else { None };
        Ok(Loaded { network: file.network, stamp: file.stamp, key })
    }

    /// The plaintext of the encrypted file contents `bytes` of `path`, checked to be a
    /// network, asking for the passphrase as [`Self::load`] does.
    pub fn decrypt(&self, path: &Path, bytes: &[u8]) -> anyhow::Result<Zeroizing<Vec<u8>>> {
        let (plaintext, _) = self.with_key(path, |key| {
            let plaintext = store::decrypt_file(bytes, path, key)?;
            store::parse_bytes(&plaintext, path)?;
            Ok(plaintext)
        })?;
        Ok(plaintext)
    }

    /// Runs `work` with the passphrase known so far, asking for one (again) while it
    /// wants one; returns what it gave and the passphrase it took.
    fn with_key<T>(
        &self,
        path: &Path,
        work: impl Fn(Option<&Passphrase>) -> Result<T, LoadError>,
    ) -> anyhow::Result<(T, Option<Key>)> {
        let mut tries = 0;
        loop {
            let key = self.known.borrow().clone();
            match work(key.as_deref()) {
                Ok(done) => return Ok((done, key)),
                Err(error) if error.wants_passphrase() && tries < TRIES => {
                    if key.is_some() {
                        if self.file.is_some() {
                            // The file's passphrase would be the same again.
                            return Err(error.into());
                        }
                        eprintln!("rapport: {}: the passphrase is wrong; try again", path.display());
                    }
                    tries += 1;
                    let asked = self.ask(path, false)?;
                    *self.known.borrow_mut() = Some(asked);
                }
                Err(error) => return Err(error.into()),
            }
        }
    }

    /// The passphrase known without asking: one found already, or the passphrase
    /// file's. None when there is none yet (or the file cannot be read: that is said
    /// when the passphrase is actually needed).
    pub fn known_key(&self) -> Option<Key> {
        if let Some(key) = self.known.borrow().clone() {
            return Some(key);
        }
        let key = read_passphrase_file(self.file.as_deref()?).ok()?;
        *self.known.borrow_mut() = Some(key.clone());
        Some(key)
    }

    /// [`Self::load`], the network only (no stamp is computed).
    pub fn load_network(&self, path: &Path) -> anyhow::Result<Network> {
        self.with_key(path, |key| store::load_with_key(path, key)).map(|(network, _)| network)
    }

    /// The passphrase to write the new file `path` with: one when its name ends in
    /// `.age` (asked twice on the terminal), none otherwise.
    pub fn for_new_file(&self, path: &Path) -> anyhow::Result<Option<Key>> {
        if !is_age_name(path) {
            return Ok(None);
        }
        self.new_key(path).map(Some)
    }

    /// A passphrase to encrypt `path` with: the one already known, the file's, or one
    /// typed twice on the terminal.
    pub fn new_key(&self, path: &Path) -> anyhow::Result<Key> {
        if let Some(key) = self.known.borrow().clone() {
            return Ok(key);
        }
        let key = self.ask(path, true)?;
        *self.known.borrow_mut() = Some(key.clone());
        Ok(key)
    }

    /// From the passphrase file, or the terminal (`confirm`: typed twice).
    fn ask(&self, path: &Path, confirm: bool) -> anyhow::Result<Key> {
        if let Some(file) = &self.file {
            return read_passphrase_file(file);
        }
        if !std::io::stdin().is_terminal() {
            bail!(
                "{}: {} and there is no terminal to ask for its passphrase: give it with --passphrase-file PATH",
                path.display(),
                if confirm { "the file is to be encrypted" } else { "the file is encrypted" }
            );
        }
        let prompt = |text: &str| -> anyhow::Result<Passphrase> {
            let typed =
                Zeroizing::new(rpassword::prompt_password(text).context("cannot read the passphrase")?);
            Ok(Passphrase::from_text(typed.as_str().to_owned()))
        };
        let first = prompt(&format!("Passphrase for {}: ", path.display()))?;
        if first.is_empty() {
            bail!("{}: no passphrase was typed", path.display());
        }
        if confirm && !prompt("The same passphrase again: ")?.same_as(&first) {
            bail!("{}: the two passphrases differ; nothing was written", path.display());
        }
        Ok(first.into_key())
    }
}

/// Whether `path`'s name ends in `.age`.
pub fn is_age_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("age"))
}

/// The first line of `file`, without its line end, as a passphrase.
pub fn read_passphrase_file(file: &Path) -> anyhow::Result<Key> {
    let text = Zeroizing::new(
        std::fs::read_to_string(file)
            .with_context(|| format!("{}: cannot read the passphrase file", file.display()))?,
    );
    let line = text.split('\n').next().unwrap_or_default();
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.is_empty() {
        bail!("{}: the first line of the passphrase file is empty", file.display());
    }
    Ok(Passphrase::from_text(line.to_owned()).into_key())
}

/// Reads `path` with a bar of the bytes parsed (the key derivation comes first).
fn read(path: &Path, key: Option<&Passphrase>) -> Result<LoadedFile, LoadError> {
    let done = AtomicU64::new(0);
    let total = std::fs::metadata(path).map_or(0, |meta| meta.len());
    super::progress::with_bar(&format!("reading {}", path.display()), total, &done, || {
        store::load_stamped_with_key(path, key, &done)
    })
}
