//! Every command of the window: one enum holds each command's label and shortcut,
//! which menus, tooltips and keyboard handling all read.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    OpenSample,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    NewContact,
    NewExchange,
    CheckIn,
    Find,
    Import,
    ExportVcard,
    ExportLedger,
    ExportJson,
    Encrypt,
    RemoveEncryption,
    ExportMap,
    /// The Report page, whose "Save as" writes the report of a period.
    ExportReport,
    /// Find a contact, a page or a command by typing part of its name.
    Palette,
}

impl Command {
    /// Commands whose shortcuts are handled globally, in priority order
    /// (Ctrl+Shift+S before Ctrl+S, since egui matches modifiers loosely).
    pub const WITH_SHORTCUTS: [Self; 12] = [
        Self::SaveAs,
        Self::Save,
        Self::New,
        Self::Open,
        Self::Quit,
        Self::Redo,
        Self::Undo,
        Self::NewExchange,
        Self::CheckIn,
        Self::Find,
        Self::Import,
        Self::Palette,
    ];

    /// Every command, in the order the command palette lists them (menu order).
    pub const ALL: [Self; 21] = [
        Self::New,
        Self::Open,
        Self::OpenSample,
        Self::Save,
        Self::SaveAs,
        Self::Import,
        Self::ExportReport,
        Self::ExportVcard,
        Self::ExportLedger,
        Self::ExportJson,
        Self::ExportMap,
        Self::Encrypt,
        Self::RemoveEncryption,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::NewContact,
        Self::NewExchange,
        Self::CheckIn,
        Self::Find,
        Self::Palette,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New",
            Self::Open => "Open…",
            Self::OpenSample => "Open Sample Network",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::NewContact => "New Contact",
            Self::NewExchange => "Log Exchange",
            Self::CheckIn => "Log Check-in…",
            Self::Import => "Import Contacts…",
            Self::ExportVcard => "Contacts as vCard…",
            Self::ExportLedger => "Ledger as CSV…",
            Self::ExportJson => "Network as JSON…",
            Self::ExportMap => "Network map…",
            Self::Find => "Find Contact",
            Self::Encrypt => "Encrypt…",
            Self::RemoveEncryption => "Remove Encryption…",
            Self::ExportReport => "Export report…",
            Self::Palette => "Command Palette…",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Self::New => "Start an empty network",
            Self::Open => "Open a network file",
            Self::OpenSample => "Open the bundled sample network as an untitled copy",
            Self::Save => "Save the network to its file",
            Self::SaveAs => "Save the network to a new file",
            Self::Quit => "Close Rapport",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the change you undid",
            Self::NewContact => "Add a contact",
            Self::NewExchange => "Log an exchange with the selected contact",
            Self::CheckIn => "Log a check-in with the selected contact: channel, what they are working on",
            Self::Import => {
                "Add contacts from a vCard, LinkedIn Connections.csv or CSV file, after a preview"
            }
            Self::ExportVcard => "Every contact as a vCard 4.0 file",
            Self::ExportLedger => "Every exchange as a CSV row, with the contact's name",
            Self::ExportJson => "The whole network as JSON, with the file's field names",
            Self::ExportMap => "The network map on the as-of date, as a self-contained SVG",
            Self::Find => "Search the contact list",
            Self::Encrypt => {
                "Save the network encrypted with a passphrase (NAME.ron.age); the plaintext file is removed"
            }
            Self::RemoveEncryption => {
                "Save the network as a plaintext file again; the encrypted file is removed"
            }
            Self::ExportReport => {
                "Open the Report page: the report of a period, saved as Markdown, HTML, CSV or JSON"
            }
            Self::Palette => "Find a contact, a page or a command by typing a part of its name",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let key = |m, k| Some(KeyboardShortcut::new(m, k));
        match self {
            Self::New => key(ctrl, Key::N),
            Self::Open => key(ctrl, Key::O),
            Self::Save => key(ctrl, Key::S),
            Self::SaveAs => key(ctrl_shift, Key::S),
            Self::Quit => key(ctrl, Key::Q),
            Self::Undo => key(ctrl, Key::Z),
            Self::Redo => key(ctrl_shift, Key::Z),
            Self::NewExchange => key(ctrl, Key::E),
            Self::CheckIn => key(ctrl, Key::K),
            Self::Find => key(ctrl, Key::F),
            Self::Import => key(ctrl, Key::I),
            Self::Palette => key(ctrl, Key::P),
            Self::OpenSample
            | Self::NewContact
            | Self::ExportVcard
            | Self::ExportLedger
            | Self::ExportJson
            | Self::Encrypt
            | Self::RemoveEncryption
            | Self::ExportMap
            | Self::ExportReport => None,
        }
    }

    /// What the command palette offers instead of a command that acts on the selected
    /// contact: the same command, asking for the contact first.
    pub fn with_contact_label(self) -> Option<&'static str> {
        match self {
            Self::NewExchange => Some("Log exchange with…"),
            Self::CheckIn => Some("Check in with…"),
            _ => None,
        }
    }

    /// A second shortcut some platforms use.
    pub fn alternate_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Self::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            _ => None,
        }
    }
}

/// One row of the shortcut table: what the keys do, and the keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShortcutRow {
    pub what: String,
    pub keys: KeyboardShortcut,
}

/// Every keyboard shortcut of the window, in one table: the commands' (and their
/// alternates) and the pages'. The README's table is checked against it.
pub fn shortcut_table() -> Vec<ShortcutRow> {
    let commands = Command::WITH_SHORTCUTS.into_iter().flat_map(|command| {
        [command.shortcut(), command.alternate_shortcut()]
            .into_iter()
            .flatten()
            .map(move |keys| ShortcutRow { what: command.label().to_owned(), keys })
    });
    let pages = super::Page::ALL.into_iter().filter_map(|page| {
        page.shortcut().map(|keys| ShortcutRow { what: format!("Show {}", page.label()), keys })
    });
    commands.chain(pages).collect()
}
