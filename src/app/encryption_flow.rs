//! Encryption in the window: the passphrase of an encrypted file asked for (again, when
//! wrong), and File → Encrypt… / Remove encryption: the network saved in its new form
//! under a new name, then the file it was kept in overwritten and removed, with its
//! backup, recovery file and kept versions.

use std::path::{Path, PathBuf};

use super::App;
use crate::state::{EncryptionForm, Modal, PassphrasePrompt, Unlock};
use crate::store::{self, Passphrase};

/// `NAME` → `NAME.age` (unchanged when it ends in `.age` already).
pub(super) fn with_age(path: &Path) -> PathBuf {
    if has_age_extension(path) {
        return path.to_owned();
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".age");
    PathBuf::from(name)
}

/// `NAME.ron.age` → `NAME.ron`; a name without `.age` gets `.ron` (`NAME` → `NAME.ron`).
pub(super) fn without_age(path: &Path) -> PathBuf {
    if has_age_extension(path) { path.with_extension("") } else { path.with_extension("ron") }
}

fn has_age_extension(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("age"))
}

impl App {
    /// Asks for the passphrase of `unlock`; `error` says whether one was given and was
    /// wrong (said in the dialog, which the user can try again from).
    pub(super) fn ask_passphrase(&mut self, unlock: Unlock, file_name: String, error: &store::LoadError) {
        let refusal = matches!(error, store::LoadError::Decrypt { .. })
            .then(|| "That passphrase does not open it. Check it (and Caps Lock) and try again.".to_owned());
        self.modal = Some(Modal::Passphrase(PassphrasePrompt::new(unlock, file_name, refusal)));
    }

    /// The passphrase dialog's Open: the file is opened (or the recovery restored) with
    /// it, in the background, where the key is derived.
    pub(super) fn unlock(&mut self, ctx: &egui::Context, mut prompt: PassphrasePrompt) {
        let key = Passphrase::from_text(prompt.text.take()).into_key();
        match prompt.unlock {
            Unlock::Open(path) => self.open_file_with_key(&path, Some(key)),
            Unlock::Restore(index) => self.restore_with_key(ctx, index, Some(key)),
        }
    }

    /// File → Encrypt… (`encrypt`) or Remove encryption: the dialog that says what
    /// happens, before anything does.
    pub(super) fn ask_encryption(&mut self, encrypt: bool) {
        if self.doc.read_only.is_some() {
            self.say("Read-only: this network is open in another Rapport".to_owned());
            return;
        }
        if encrypt == self.doc.key.is_some() {
            return;
        }
        let from = self.doc.path.clone();
        let to = from.as_deref().map(|p| if encrypt { with_age(p) } else { without_age(p) });
        self.modal = Some(Modal::Encryption(EncryptionForm::new(encrypt, from, to)));
    }

    /// The dialog's answer: the document takes its new passphrase (or none) and is
    /// saved under its new name; the file it was in is retired once that is written.
    pub(super) fn change_encryption(&mut self, ctx: &egui::Context, mut form: EncryptionForm) {
        let key = if form.encrypt {
            let refusal = if form.first.is_empty() {
                Some("Type a passphrase, twice.")
            } else if !form.first.same_as(&form.second) {
                Some("The two passphrases differ: type the same one twice.")
            } else {
                None
            };
            if let Some(refusal) = refusal {
                form.second = crate::state::SecretText::default();
                form.refusal = Some(refusal.to_owned());
                self.modal = Some(Modal::Encryption(form));
                return;
            }
            Some(Passphrase::from_text(form.first.take()).into_key())
        } else {
            None
        };
        let previous = std::mem::replace(&mut self.doc.key, key);
        self.key_change = Some((self.doc.serial, previous));
        // The recovery file of the document as it was is not left behind.
        if let Some(recovery) = &mut self.recovery {
            recovery.retire(&self.doc.recovery_key);
        }
        match (self.doc.path.clone(), form.to) {
            (Some(from), Some(to)) => {
                let history = self
                    .recovery
                    .as_ref()
                    .map(|r| (store::History::next_to(r.store()), self.doc.recovery_key.clone()));
                let retire = super::jobs::Retire { path: from, history };
                if !self.write_document_retiring(&to, None, None, Some(retire)) {
                    self.key_change_failed();
                }
            }
            // Untitled: saved where the user says, in its new form.
            _ => self.ask_path(ctx, crate::state::FilePurpose::SaveAs { then: None }),
        }
    }

    /// A save that was to change the encryption did not happen: the document keeps
    /// the form its file has.
    pub(super) fn key_change_failed(&mut self) {
        if let Some((serial, previous)) = self.key_change.take()
            && serial == self.doc.serial
            && self.doc.path.is_some()
        {
            self.doc.key = previous;
        }
    }
}
