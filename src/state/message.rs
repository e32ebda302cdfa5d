//! The messages a view returns: edits, commands and answers to dialogs. The app
//! applies them, in one place, at the end of the frame.

use std::path::PathBuf;

use super::Command;
use crate::model::{Edit, Id};

/// A change a view asks for: applied by the app as one undoable step.
#[derive(Clone, Debug, PartialEq)]
pub struct EditRequest {
    /// Shown in the Edit menu: "Undo Rename contact".
    pub label: String,
    pub edit: Edit,
    /// Consecutive requests with the same key merge into one undo step.
    pub merge_key: Option<String>,
}

impl EditRequest {
    pub fn new(label: impl Into<String>, edit: Edit) -> Self {
        Self { label: label.into(), edit, merge_key: None }
    }

    pub fn merging(mut self, key: String) -> Self {
        self.merge_key = Some(key);
        self
    }
}

impl From<crate::model::Labelled> for EditRequest {
    fn from(edit: crate::model::Labelled) -> Self {
        Self::new(edit.label, edit.edit)
    }
}

/// What a view asks the app to do at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Edit(Box<EditRequest>),
    /// Light, dark, or as the system says (kept in the preferences).
    SetTheme(super::prefs::Theme),
    Command(Command),
    OpenPath(PathBuf),
    Modal(ModalAction),
    /// Start a new undo step for the next edit (focus moved elsewhere).
    SealHistory,
    /// Compute the numbers for another date.
    SetAsOf(jiff::civil::Date),
    /// Open the check-in form for a contact.
    CheckIn(Id),
    /// Ask where to save the report of the chosen period, in this format.
    ExportReport(crate::interop::ReportFormat),
    /// Take over a file another Rapport has open.
    EditAnyway,
    /// Stop opening a large file; the current network stays.
    CancelOpen,
    /// Add a record to fill in ("New contact", "Add need"): applied as its own undo step, then
    /// `focus` takes the keyboard. Esc before anything is typed takes it back.
    AddToFill {
        request: Box<EditRequest>,
        focus: super::FocusField,
    },
    /// Open the draft dialog of a new record, added only on Save.
    OpenDraft(Box<super::Draft>),
    /// Esc in a form on a page: a record just added and still untouched is taken back;
    /// anything typed stays.
    LeaveForm,
    /// A one-click action (Done, Thanked, Celebrated, Archived…): applied as its own
    /// undo step, with a toast saying `toast` and offering to undo exactly that step.
    OneClick {
        request: Box<EditRequest>,
        toast: String,
    },
    /// The Undo of this toast: takes back its step if it is still the newest one.
    UndoToast(u64),
    /// Show again the error of the file that could not be opened.
    ShowOpenError,
    /// Stop reporting the file that could not be opened.
    DismissOpenError,
    /// Merge this sync conflict copy of the open file: review first.
    ReviewConflictCopy(PathBuf),
    /// Look again for sync conflict copies next to the open file.
    LookForConflictCopies,
}

impl Action {
    pub fn edit(request: impl Into<EditRequest>) -> Self {
        Self::Edit(Box::new(request.into()))
    }

    pub fn one_click(request: impl Into<EditRequest>, toast: impl Into<String>) -> Self {
        Self::OneClick { request: Box::new(request.into()), toast: toast.into() }
    }

    pub fn add_to_fill(request: impl Into<EditRequest>, focus: super::FocusField) -> Self {
        Self::AddToFill { request: Box::new(request.into()), focus }
    }
}

/// What the user answered in a modal dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModalAction {
    Save,
    Discard,
    Cancel,
    Close,
    OpenOther,
    OpenSample,
    OpenBackup(PathBuf),
    SaveAs,
    /// A path typed or picked in Rapport's own path dialog; the app checks it (a
    /// folder is refused, an existing file is confirmed before it is written over).
    PathChosen(PathBuf),
    /// The path dialog shows another folder; the app lists it.
    ListFolder(PathBuf),
    /// Log the check-in of the form.
    LogCheckIn,
    /// Add the record of the draft dialog.
    SaveDraft,
    /// Apply the previewed import.
    Import,
    Restore(usize),
    DiscardRecovery(usize),
    ShowDifferences(usize),
    Reload,
    Overwrite,
    /// Switch a conflict of the sync review to the other side (by row).
    SwitchConflict(usize),
    /// Apply the reviewed merge as one undoable edit; archive the copy.
    MergeCopy,
    /// Merge against this kept version (by place in the list).
    UseBase(usize),
    /// Open the file (or restore the recovery) of the passphrase dialog with what was typed.
    Unlock,
    /// Go on with the Encrypt… or Remove encryption dialog.
    ChangeEncryption,
}

/// Where to go once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    New,
    Open,
    OpenPath(PathBuf),
    /// Open a file (a backup) as an untitled copy, to be saved elsewhere: the file
    /// itself never becomes the working file.
    OpenCopy(PathBuf),
    OpenSample,
    Quit,
}

/// Why a path is being asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    Open,
    /// Save As, then go on to `then`.
    SaveAs {
        then: Option<Next>,
    },
    /// Contacts to import (preview first).
    Import,
    /// Write these bytes (an export or a report) where the user says.
    Export {
        bytes: Vec<u8>,
        what: String,
    },
}
