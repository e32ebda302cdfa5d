//! Saving a network: atomically, keeping a backup, encrypted when it has a key, and
//! returning the stamp of what was written.

use std::io;
use std::path::Path;

use super::encryption::{Passphrase, Sealer};
use super::format::{self, Chunking, to_string, to_string_standard};
use super::sink::{RealFs, SaveSink};
use super::stamp::{self, FileStamp};
use super::{SaveError, SaveStep, atomic, write_atomic_with};
use crate::model::Network;

/// Writes `network` to `path` atomically, keeping the previous file as `NAME.ron.bak`.
pub fn save(path: &Path, network: &Network) -> Result<(), SaveError> {
    save_stamped(path, network).map(|_| ())
}

/// [`save`], returning the stamp of the file written (to replace the one taken at
/// load for the next [`check_on_disk`]).
pub fn save_stamped(path: &Path, network: &Network) -> Result<FileStamp, SaveError> {
    save_with(&mut RealFs, path, network)
}

/// [`save_stamped`] through `sink`, which performs (or, in tests, fails) each step.
pub fn save_with(sink: &mut dyn SaveSink, path: &Path, network: &Network) -> Result<FileStamp, SaveError> {
    save_streamed_with(sink, path, network)
}

/// [`save_with`]: the text reaches the temporary file piece by piece as threads write
/// it ([`format::write_in_pieces`]), hashed on the way for the stamp.
fn save_streamed_with(
    sink: &mut dyn SaveSink,
    path: &Path,
    network: &Network,
) -> Result<FileStamp, SaveError> {
    let mut hasher = stamp::StampHasher::default();
    let written = atomic::write_atomic_filled(sink, path, true, &mut |sink, file| {
        hasher = stamp::StampHasher::default();
        let mut write = |text: &str| {
            hasher.update(text.as_bytes());
            atomic::write_all(sink, file, text.as_bytes())
        };
        if format::write_in_pieces(network, network.parent.as_deref(), &Chunking::default(), &mut write)? {
            return Ok(());
        }
        // The pieces could not write it: ron's own writer, from the start.
        file.set_len(0)?;
        io::Seek::rewind(file)?;
        hasher = stamp::StampHasher::default();
        let text = to_string_standard(network);
        hasher.update(text.as_bytes());
        atomic::write_all(sink, file, text.as_bytes())
    })?;
    Ok(hasher.finish(written.modified))
}

/// [`save_stamped`], encrypted with `key` when there is one (an encrypted network).
pub fn save_stamped_with_key(
    path: &Path,
    network: &Network,
    key: Option<&Passphrase>,
) -> Result<FileStamp, SaveError> {
    save_with_key(&mut RealFs, path, network, key)
}

/// [`save_with`], encrypted with `key` when there is one.
pub fn save_with_key(
    sink: &mut dyn SaveSink,
    path: &Path,
    network: &Network,
    key: Option<&Passphrase>,
) -> Result<FileStamp, SaveError> {
    let Some(key) = key else { return save_streamed_with(sink, path, network) };
    // The key is derived (scrypt, about a second) while the text is written.
    let (text, sealer) = std::thread::scope(|scope| {
        let deriving = std::thread::Builder::new().spawn_scoped(scope, || Sealer::new(key)).ok();
        let text = zeroize::Zeroizing::new(to_string(network));
        (text, deriving.map(std::thread::ScopedJoinHandle::join))
    });
    let sealer = match sealer {
        Some(Ok(sealer)) => sealer,
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        None => Sealer::new(key),
    };
    save_text_sealed_with(sink, path, &text, sealer)
}

/// [`save_text_stamped_with_key`] with the key derived already ([`Sealer::new`], done
/// while the text was written).
pub fn save_text_sealed(
    path: &Path,
    text: &str,
    sealer: std::io::Result<Sealer>,
) -> Result<FileStamp, SaveError> {
    save_text_sealed_with(&mut RealFs, path, text, sealer)
}

fn save_text_sealed_with(
    sink: &mut dyn SaveSink,
    path: &Path,
    text: &str,
    sealer: std::io::Result<Sealer>,
) -> Result<FileStamp, SaveError> {
    let encrypt_error = |source| SaveError { path: path.to_owned(), step: SaveStep::Encrypt, source };
    let sealed = sealer.and_then(|sealer| sealer.seal(text.as_bytes())).map_err(encrypt_error)?;
    save_bytes_with(sink, path, &sealed)
}

/// [`save_stamped`] of a network already written as file text by [`to_string`]: a
/// background save lets go of the network once it is text, before the disk work.
pub fn save_text_stamped(path: &Path, text: &str) -> Result<FileStamp, SaveError> {
    save_text_with(&mut RealFs, path, text, None)
}

/// [`save_text_stamped`], encrypted with `key` when there is one: only the encrypted
/// bytes reach the disk (the temporary file included); the stamp is theirs.
pub fn save_text_stamped_with_key(
    path: &Path,
    text: &str,
    key: Option<&Passphrase>,
) -> Result<FileStamp, SaveError> {
    save_text_with(&mut RealFs, path, text, key)
}

fn save_text_with(
    sink: &mut dyn SaveSink,
    path: &Path,
    text: &str,
    key: Option<&Passphrase>,
) -> Result<FileStamp, SaveError> {
    let Some(key) = key else { return save_bytes_with(sink, path, text.as_bytes()) };
    save_text_sealed_with(sink, path, text, Sealer::new(key))
}

fn save_bytes_with(sink: &mut dyn SaveSink, path: &Path, bytes: &[u8]) -> Result<FileStamp, SaveError> {
    // Hashing the text for the stamp keeps a core busy for ~0.13 s at a million
    // exchanges: done on another thread while this one waits for the disk.
    let (written, hashed) = std::thread::scope(|scope| {
        let hashing =
            std::thread::Builder::new().spawn_scoped(scope, || FileStamp::of_bytes(bytes, None)).ok();
        let written = write_atomic_with(sink, path, bytes, true);
        (written, hashing.map(std::thread::ScopedJoinHandle::join))
    });
    let written = written?;
    let stamp = match hashed {
        Some(Ok(stamp)) => stamp,
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        None => FileStamp::of_bytes(bytes, None),
    };
    Ok(FileStamp { modified: written.modified, ..stamp })
}
