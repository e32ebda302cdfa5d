//! The dialogs of encryption: the passphrase of a file to open, and Encrypt… /
//! Remove encryption with what happens to the other copy. What is typed is kept in a
//! [`SecretText`]: wiped when the dialog closes, never printed.

use std::path::PathBuf;

use zeroize::Zeroizing;

/// Text typed into a passphrase field: wiped when dropped; `Debug` hides it, so that
/// no log or panic message can hold it.
#[derive(Default)]
pub struct SecretText(Zeroizing<String>);

impl SecretText {
    /// The buffer a masked text field edits.
    pub fn buffer(&mut self) -> &mut String {
        &mut self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Takes the text out (for the passphrase made of it), leaving this empty.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut *self.0)
    }

    /// Whether both hold the same text.
    pub fn same_as(&self, other: &Self) -> bool {
        *self.0 == *other.0
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretText(hidden)")
    }
}

/// What the passphrase asked for opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unlock {
    /// The encrypted network file at this path.
    Open(PathBuf),
    /// The encrypted recovery at this index of the recovery offer.
    Restore(usize),
}

/// Asking for the passphrase of an encrypted file.
#[derive(Debug)]
pub struct PassphrasePrompt {
    pub unlock: Unlock,
    /// The file's name, as the dialog says it.
    pub file_name: String,
    pub text: SecretText,
    /// Why the last passphrase did not open it ("wrong passphrase").
    pub refusal: Option<String>,
    /// The field was given the keyboard when the dialog opened.
    pub focused: bool,
}

impl PassphrasePrompt {
    pub fn new(unlock: Unlock, file_name: String, refusal: Option<String>) -> Self {
        Self { unlock, file_name, text: SecretText::default(), refusal, focused: false }
    }
}

/// Encrypt… (a new passphrase, typed twice) or Remove encryption, saying what
/// becomes of the file as it is now.
#[derive(Debug)]
pub struct EncryptionForm {
    /// True: encrypt; false: remove the encryption.
    pub encrypt: bool,
    /// The document's file now, if it has one.
    pub from: Option<PathBuf>,
    /// The file the network is saved as (`None`: asked with Save As).
    pub to: Option<PathBuf>,
    pub first: SecretText,
    pub second: SecretText,
    /// Why the form cannot go on yet ("the passphrases differ").
    pub refusal: Option<String>,
    /// The first field was given the keyboard when the dialog opened.
    pub focused: bool,
}

impl EncryptionForm {
    pub fn new(encrypt: bool, from: Option<PathBuf>, to: Option<PathBuf>) -> Self {
        Self {
            encrypt,
            from,
            to,
            first: SecretText::default(),
            second: SecretText::default(),
            refusal: None,
            focused: false,
        }
    }
}
