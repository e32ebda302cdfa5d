//! The modal dialog on screen, and the forms inside it: what the user is typing or
//! choosing, not yet part of the document.

use std::path::PathBuf;

use super::{FilePurpose, FileRequest, ImportDialog, Next};
use crate::model::{Channel, Id};

/// The modal dialog on screen, if any.
#[derive(Debug)]
pub enum Modal {
    /// Unsaved changes: Save / Discard / Cancel, then go on to `then`.
    Unsaved {
        then: Next,
    },
    Error {
        title: String,
        message: String,
        backup: Option<PathBuf>,
        offer_save_as: bool,
    },
    PathPrompt(PathPrompt),
    CheckIn(CheckInForm),
    /// A new exchange or promise, added only on Save.
    Draft(Box<super::DraftForm>),
    Import(Box<ImportDialog>),
    /// Unsaved work of an earlier session, newer than its document.
    Recovery(RecoveryOffer),
    /// The file changed on disk since it was loaded: Reload, Overwrite or Save As.
    ChangedOnDisk {
        then: Option<Next>,
    },
    /// A sync conflict copy merged, for review before it is applied.
    SyncReview(Box<super::SyncReview>),
    /// No common ancestor of a conflict copy in the history: which version is the base.
    ChooseBase(Box<super::ChooseBase>),
    /// The passphrase of an encrypted file to open.
    Passphrase(super::PassphrasePrompt),
    /// Encrypt… or Remove encryption.
    Encryption(super::EncryptionForm),
}

/// A file that could not be opened: reported in the status bar once its error dialog
/// is closed, until another document is opened or created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedOpen {
    /// The file's name, as the status bar says it.
    pub file_name: String,
    /// The error dialog's title and message.
    pub title: String,
    pub message: String,
    /// The file's backup, when there was one.
    pub backup: Option<PathBuf>,
}

impl FailedOpen {
    /// The error dialog of this failure.
    pub fn modal(&self) -> Modal {
        Modal::Error {
            title: self.title.clone(),
            message: self.message.clone(),
            backup: self.backup.clone(),
            offer_save_as: false,
        }
    }
}

/// Recoveries found on start, as the dialog shows them; the app keeps where each
/// lives.
#[derive(Debug, Default)]
pub struct RecoveryOffer {
    pub items: Vec<RecoveryItem>,
}

/// One recovery: whose work it is, when it was kept, and (once asked) what differs.
#[derive(Debug)]
pub struct RecoveryItem {
    /// The document's path, or "An untitled network".
    pub what: String,
    /// "2026-11-30 14:02 UTC".
    pub kept_at: String,
    /// Lines of records added, changed and removed; `None` until asked for.
    pub details: Option<Vec<String>>,
    /// Whether the differences are being worked out.
    pub explaining: bool,
}

/// The check-in form: how you talked and what you heard.
#[derive(Debug)]
pub struct CheckInForm {
    pub contact: Id,
    pub name: String,
    pub date: jiff::civil::Date,
    pub channel: Channel,
    pub working_on: String,
    pub priorities: String,
    pub constraints: String,
    /// The field (0 working on, 1 priorities, 2 constraints) that gets the keyboard
    /// next frame: the first when the form opens, the next after Enter.
    pub focus: Option<usize>,
    /// Esc was pressed with something typed: asking whether to throw it away.
    pub confirm_discard: bool,
}

impl CheckInForm {
    pub fn new(contact: Id, name: String, date: jiff::civil::Date) -> Self {
        Self {
            contact,
            name,
            date,
            channel: Channel::Call,
            working_on: String::new(),
            priorities: String::new(),
            constraints: String::new(),
            focus: Some(0),
            confirm_discard: false,
        }
    }

    /// Whether anything was typed that closing would lose.
    pub fn has_typed(&self) -> bool {
        [&self.working_on, &self.priorities, &self.constraints].iter().any(|t| !t.trim().is_empty())
    }

    /// What was heard, as the model's check-in builder takes it.
    pub fn heard(&self) -> crate::model::Heard {
        crate::model::Heard {
            working_on: self.working_on.clone(),
            priorities: self.priorities.clone(),
            constraints: self.constraints.clone(),
        }
    }
}

/// State of Rapport's own path dialog. The app lists `folder` into `entries` and
/// checks the chosen path; the dialog only shows and asks.
#[derive(Debug)]
pub struct PathPrompt {
    pub purpose: FilePurpose,
    pub request: FileRequest,
    pub folder: PathBuf,
    pub path_text: String,
    /// Folders and files of the wanted types in `folder`, folders first.
    pub entries: Vec<(String, bool)>,
    /// The folder `entries` lists; differs from `folder` until the app lists it.
    pub listed: Option<PathBuf>,
    /// An existing file the user is asked to confirm writing over.
    pub confirm_overwrite: Option<PathBuf>,
    /// Why the chosen path cannot be used ("… is a folder").
    pub refusal: Option<String>,
    /// The path field takes the keyboard next frame (when the dialog opens), the file
    /// name's stem selected so that typing replaces it.
    pub focus: bool,
}

impl PathPrompt {
    pub fn new(purpose: FilePurpose, request: FileRequest, folder: PathBuf) -> Self {
        let file_name = request.save_as.clone().unwrap_or_default();
        let path_text =
            if file_name.is_empty() { String::new() } else { folder.join(&file_name).display().to_string() };
        Self {
            purpose,
            request,
            folder,
            path_text,
            entries: Vec::new(),
            listed: None,
            confirm_overwrite: None,
            refusal: None,
            focus: true,
        }
    }

    pub fn is_save(&self) -> bool {
        self.request.is_save()
    }

    /// The characters of `path_text` that typing at once replaces: the file name
    /// without its extension (none when the field is empty).
    pub fn stem_range(&self) -> std::ops::Range<usize> {
        let text = &self.path_text;
        let name_start = text.rfind(['/', std::path::MAIN_SEPARATOR]).map_or(0, |i| i + 1);
        let name = &text[name_start..];
        let stem_end = name.rfind('.').filter(|&i| i > 0).map_or(text.len(), |i| name_start + i);
        text[..name_start].chars().count()..text[..stem_end].chars().count()
    }

    /// Whether a file of this name is of a type the dialog asks for.
    pub fn wanted(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        self.request.extensions.iter().any(|e| lower.ends_with(&format!(".{e}")))
    }

    /// The typed path, relative to the shown folder; the extension added when saving.
    pub fn chosen_path(&self) -> Option<PathBuf> {
        let text = self.path_text.trim();
        if text.is_empty() {
            return None;
        }
        let mut path = self.folder.join(text);
        if self.is_save()
            && path.extension().is_none()
            && let Some(extension) = self.request.extensions.first()
        {
            path.set_extension(extension);
        }
        Some(path)
    }
}
