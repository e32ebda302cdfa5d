//! What the views and the app share: the messages a view returns ([`Action`],
//! [`EditRequest`], [`ModalAction`]), the commands of menus and shortcuts, the page
//! and selection, each page's own choices, the forms of dialogs, and preferences.
//! No I/O and no flows: the app acts on these, the views draw them.

mod command;
mod draft;
mod encryption;
mod files;
mod import;
mod map;
mod message;
mod modal;
mod palette;
mod picker;
mod prefs;
mod sync;
mod toasts;
mod view;

pub use command::{Command, ShortcutRow, shortcut_table};
pub use draft::{Draft, DraftForm};
pub use encryption::{EncryptionForm, PassphrasePrompt, SecretText, Unlock};
pub use files::FileRequest;
pub use import::ImportDialog;
pub use map::{MAX_ZOOM, MapState};
pub use message::{Action, EditRequest, FilePurpose, ModalAction, Next};
pub use modal::{CheckInForm, FailedOpen, Modal, PathPrompt, RecoveryItem, RecoveryOffer};
pub use palette::{Found, OFF_THREAD_FROM, PaletteState, SearchJob, Searched};
pub use picker::PickerSearch;
pub use prefs::{Prefs, SortBy, Theme};
pub use sync::{ChooseBase, ConflictRow, SyncCopy, SyncReview};
pub use toasts::{TOAST_SECONDS, Toast, Toasts};
pub use view::{
    FlowRange, FocusField, HeldRows, IntroState, Page, PeriodChoice, ReportState, ScatterDrawn, ViewState,
};

/// What the views know of the open document besides its network.
#[derive(Clone, Debug, Default)]
pub struct DocStatus {
    /// The file, or `None` for an untitled network.
    pub path: Option<std::path::PathBuf>,
    /// Whether there are unsaved changes: the one answer the title, the status bar
    /// and the unsaved-changes prompt all read.
    pub dirty: bool,
    /// Why the document cannot be edited here (another Rapport has it open).
    pub read_only: Option<String>,
    /// Whether the network is saved encrypted (it has a passphrase).
    pub encrypted: bool,
    /// Whether the untitled network is the sample, as opened.
    pub sample: bool,
}
