//! Views: one file per view or panel. They read the network and the derived data
//! (`analysis::Derived`), and *ask* for changes by returning [`Action`]s; they hold
//! no caches and never touch the disk. They import `state`, `model` and `analysis`.

mod agenda;
mod axes;
mod check_in;
mod check_ins_due;
mod colors;
mod contact;
mod contact_list;
mod contact_rows;
mod conversations;
mod dashboard;
mod date_field;
mod dates;
mod dialog_body;
mod draft;
mod fields;
mod gaps;
mod held;
mod import;
mod introductions;
mod ledger;
mod menu;
mod modals;
mod network;
mod numbers;
mod offscreen;
mod palette;
mod passphrase;
mod profile;
mod promises;
mod report;
mod sync_review;
mod timeline;
mod toasts;
mod viewports;
mod welcome;
mod why;
mod wins;

pub use contact::contact_ui;
pub use contact_list::contact_list_ui;
pub use dashboard::dashboard_ui;
pub use gaps::gaps_ui;
pub use introductions::introductions_ui;
pub use menu::{MenuState, StatusBar, command_button, menu_bar_ui, page_shortcuts, status_bar_ui};
pub use modals::{modal_ui, open_progress_ui};
pub use network::network_ui;
pub use palette::palette_ui;
pub use profile::profile_ui;
pub use promises::{HELD as HELD_PROMISES, promises_ui};
pub use report::report_ui;
pub use toasts::toasts_ui;
pub use viewports::{ScrollViewport, clear_scroll_viewports, note_scroll_viewport, scroll_viewports};
pub use welcome::{WELCOME_TEXT, WelcomeChoice, welcome_ui};
pub use wins::wins_ui;

pub use crate::state::{Action, EditRequest, Page, ViewState};
