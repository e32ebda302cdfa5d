//! Encryption at rest: a network file inside the age format (version 1, one passphrase
//! recipient, scrypt), so that any age tool opens it with the passphrase
//! (`age -d NAME.ron.age`). The passphrase stays in a [`SecretString`] (wiped when
//! dropped, never printed); the keys derived from it stay inside age, which wipes them
//! too; decrypted bytes are handed out [`Zeroizing`].
//!
//! A file is recognised as encrypted by its first bytes (the age header, binary or
//! ASCII-armoured), never by its name alone.

use std::io::{self, Read, Write};
use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

/// How every age file begins.
const MAGIC: &[u8] = b"age-encryption.org/v1\n";
/// How an ASCII-armoured age file (`age -a`) begins.
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// The scrypt work factor Rapport encrypts with (N = 2^18, as the reference `age`
/// does): about a second on a laptop, 256 MiB of memory.
pub const WORK_FACTOR: u8 = 18;

/// The highest work factor a file may ask for (N = 2^20: 1 GiB and a few seconds), so
/// that a hostile file cannot make opening it take hours.
pub const MAX_WORK_FACTOR: u8 = 20;

/// The passphrase of an encrypted network. Not `Clone`: it is shared as a [`Key`], and
/// wiped from memory when the last one is dropped (the document closes).
pub struct Passphrase {
    secret: SecretString,
    work_factor: u8,
}

/// A passphrase shared by the document, its saves and its recovery writes.
pub type Key = Arc<Passphrase>;

impl Passphrase {
    pub fn new(secret: SecretString) -> Self {
        Self { secret, work_factor: WORK_FACTOR }
    }

    /// Takes `text` (which the secret then owns, and wipes).
    pub fn from_text(text: String) -> Self {
        Self::new(SecretString::from(text))
    }

    /// Encrypts with `N = 2^log_n` instead of [`WORK_FACTOR`] (tests and benchmarks that
    /// make many files; decryption always takes the file's own factor).
    #[must_use]
    pub fn with_work_factor(mut self, log_n: u8) -> Self {
        self.work_factor = log_n.clamp(1, MAX_WORK_FACTOR);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.secret.expose_secret().is_empty()
    }

    /// Whether both hold the same passphrase (the window asks for it twice).
    pub fn same_as(&self, other: &Self) -> bool {
        self.secret.expose_secret() == other.secret.expose_secret()
    }

    pub fn into_key(self) -> Key {
        Arc::new(self)
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// Whether `bytes` are an age file (binary or armoured).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC) || bytes.trim_ascii_start().starts_with(ARMOR_BEGIN)
}

/// Why an age file could not be decrypted.
#[derive(Debug, thiserror::Error)]
pub enum DecryptError {
    #[error("the passphrase is wrong")]
    WrongPassphrase,
    #[error("it is encrypted to an age key, not with a passphrase; Rapport opens passphrase-encrypted files")]
    NotPassphrase,
    #[error(
        "its passphrase was stretched with scrypt work factor {0}, more than the {MAX_WORK_FACTOR} Rapport accepts"
    )]
    TooMuchWork(u8),
    #[error("the encrypted file is damaged or cut short ({0})")]
    Damaged(String),
}

/// `plaintext` as an age file encrypted with `key`. Deriving the key from the
/// passphrase (scrypt) takes most of the time for a small file (about a second).
pub fn encrypt(plaintext: &[u8], key: &Passphrase) -> io::Result<Vec<u8>> {
    Sealer::new(key)?.seal(plaintext)
}

/// The start of one age file: a fresh file key, wrapped with the passphrase (the slow
/// part, scrypt), so that it can be done while the network is written as text.
pub struct Sealer(age::Encryptor);

impl Sealer {
    pub fn new(key: &Passphrase) -> io::Result<Self> {
        let mut recipient = age::scrypt::Recipient::new(key.secret.clone());
        recipient.set_work_factor(key.work_factor);
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map(Self)
            .map_err(|e| io::Error::other(format!("cannot encrypt: {e}")))
    }

    /// `plaintext` as the age file.
    pub fn seal(self, plaintext: &[u8]) -> io::Result<Vec<u8>> {
        // The payload grows by 16 bytes per 64 KiB chunk; the header is about 200 bytes.
        let mut out = Vec::with_capacity(plaintext.len() + plaintext.len() / 4096 + 512);
        let mut writer = self.0.wrap_output(&mut out)?;
        writer.write_all(plaintext)?;
        writer.finish()?;
        Ok(out)
    }
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(hidden)")
    }
}

/// The plaintext of the age file `bytes`, encrypted with `key`.
pub fn decrypt(bytes: &[u8], key: &Passphrase) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
    if bytes.starts_with(MAGIC) {
        decrypt_from(bytes, bytes.len(), key)
    } else {
        decrypt_from(age::armor::ArmoredReader::new(bytes), bytes.len(), key)
    }
}

fn decrypt_from(input: impl Read, len: usize, key: &Passphrase) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
    let damaged = |e: &dyn std::fmt::Display| DecryptError::Damaged(e.to_string());
    let decryptor = age::Decryptor::new(input).map_err(|e| damaged(&e))?;
    if !decryptor.is_scrypt() {
        return Err(DecryptError::NotPassphrase);
    }
    let mut identity = age::scrypt::Identity::new(key.secret.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader =
        decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => DecryptError::WrongPassphrase,
            age::DecryptError::ExcessiveWork { required, .. } => DecryptError::TooMuchWork(required),
            other => damaged(&other),
        })?;
    let mut plaintext = Zeroizing::new(Vec::with_capacity(len));
    reader.read_to_end(&mut plaintext).map_err(|e| damaged(&e))?;
    Ok(plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Passphrase {
        Passphrase::from_text(text.to_owned()).with_work_factor(4)
    }

    #[test]
    fn round_trips_and_a_wrong_passphrase_is_told_apart_from_damage() {
        let plaintext = b"(version: 2, contacts: [(id: 1, name: \"Grace\")])\n".repeat(3000);
        let sealed = encrypt(&plaintext, &key("correct horse")).expect("encrypt");
        assert!(is_encrypted(&sealed));
        assert!(!is_encrypted(&plaintext));
        assert!(!sealed.windows(5).any(|w| w == b"Grace"), "no plaintext in the file");
        assert_eq!(&*decrypt(&sealed, &key("correct horse")).expect("decrypt"), &plaintext);
        assert!(matches!(decrypt(&sealed, &key("wrong")), Err(DecryptError::WrongPassphrase)));
        let cut = sealed.get(..sealed.len() - 100).expect("long enough");
        assert!(matches!(decrypt(cut, &key("correct horse")), Err(DecryptError::Damaged(_))));
    }

    #[test]
    fn the_passphrase_is_never_printed() {
        assert_eq!(format!("{:?}", key("hunter2")), "Passphrase(hidden)");
        assert!(key("a").same_as(&key("a")) && !key("a").same_as(&key("b")));
    }
}
