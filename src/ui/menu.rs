//! The menu bar and the status bar.

use std::path::PathBuf;

use crate::model::Network;
use crate::state::{Action, Command, DocStatus, FailedOpen, ModalAction, Page};

/// A menu button for `command`, with its shortcut and tooltip. Returns whether it was
/// clicked.
pub fn command_button(ui: &mut egui::Ui, command: Command, enabled: bool) -> bool {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    ui.add_enabled(enabled, button).on_hover_text(command.tooltip()).clicked()
}

/// What the menus need to know.
pub struct MenuState<'a> {
    pub recent: &'a [PathBuf],
    pub theme: crate::state::Theme,
    pub undo: Option<&'a str>,
    pub redo: Option<&'a str>,
    pub has_selection: bool,
    /// The network is saved encrypted.
    pub encrypted: bool,
}

pub fn menu_bar_ui(ui: &mut egui::Ui, state: &MenuState<'_>, page: &mut Page, actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, state, actions));
        ui.menu_button("Edit", |ui| {
            let mut command = |ui: &mut egui::Ui, command: Command, label: Option<&str>| {
                let mut button = egui::Button::new(match label {
                    Some(what) => format!("{} {what}", command.label()),
                    None => command.label().to_owned(),
                });
                if let Some(shortcut) = command.shortcut() {
                    button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
                }
                if ui.add_enabled(label.is_some(), button).on_hover_text(command.tooltip()).clicked() {
                    actions.push(Action::Command(command));
                }
            };
            command(ui, Command::Undo, state.undo);
            command(ui, Command::Redo, state.redo);
            ui.separator();
            for (cmd, enabled) in [
                (Command::NewContact, true),
                (Command::NewExchange, state.has_selection),
                (Command::Find, true),
                (Command::Palette, true),
            ] {
                if command_button(ui, cmd, enabled) {
                    actions.push(Action::Command(cmd));
                }
            }
        });
        ui.menu_button("View", |ui| {
            ui.label("Theme");
            for theme in crate::state::Theme::ALL {
                if ui.radio(state.theme == theme, theme.label()).clicked() {
                    actions.push(Action::SetTheme(theme));
                }
            }
        });
        ui.separator();
        for p in Page::ALL {
            let keys =
                p.shortcut().map(|s| format!(" ({})", ui.ctx().format_shortcut(&s))).unwrap_or_default();
            ui.selectable_value(page, p, p.label()).on_hover_text(format!("Show {}{keys}", p.label()));
        }
    });
}

/// Switches pages on Ctrl+1, Ctrl+2….
pub fn page_shortcuts(ctx: &egui::Context, page: &mut Page) {
    ctx.input_mut(|input| {
        for p in Page::ALL {
            if p.shortcut().is_some_and(|s| input.consume_shortcut(&s)) {
                *page = p;
            }
        }
    });
}

fn file_menu_ui(ui: &mut egui::Ui, state: &MenuState<'_>, actions: &mut Vec<Action>) {
    for command in [Command::New, Command::Open] {
        if command_button(ui, command, true) {
            actions.push(Action::Command(command));
        }
    }
    ui.add_enabled_ui(!state.recent.is_empty(), |ui| {
        ui.menu_button("Open Recent", |ui| {
            for path in state.recent {
                if ui.button(path.display().to_string()).clicked() {
                    actions.push(Action::OpenPath(path.clone()));
                }
            }
        });
    });
    if command_button(ui, Command::OpenSample, true) {
        actions.push(Action::Command(Command::OpenSample));
    }
    ui.separator();
    if command_button(ui, Command::Import, true) {
        actions.push(Action::Command(Command::Import));
    }
    ui.menu_button("Export", |ui| {
        for command in [
            Command::ExportReport,
            Command::ExportVcard,
            Command::ExportLedger,
            Command::ExportJson,
            Command::ExportMap,
        ] {
            if command_button(ui, command, true) {
                actions.push(Action::Command(command));
            }
        }
    });
    ui.separator();
    for command in [Command::Save, Command::SaveAs] {
        if command_button(ui, command, true) {
            actions.push(Action::Command(command));
        }
    }
    let look = ui.button("Look for sync conflicts").on_hover_text(
        "Conflict copies that Syncthing, Dropbox or Nextcloud left next to this file, to merge",
    );
    if look.clicked() {
        actions.push(Action::LookForConflictCopies);
    }
    for (command, enabled) in
        [(Command::Encrypt, !state.encrypted), (Command::RemoveEncryption, state.encrypted)]
    {
        if command_button(ui, command, enabled) {
            actions.push(Action::Command(command));
        }
    }
    ui.separator();
    if command_button(ui, Command::Quit, true) {
        actions.push(Action::Command(Command::Quit));
    }
}

/// What the status bar says besides the network's counts.
pub struct StatusBar<'a> {
    pub doc: &'a DocStatus,
    /// A native file dialog is open.
    pub waiting_for_dialog: bool,
    /// The last thing done ("Saved …").
    pub status: Option<&'a str>,
    /// A file that could not be opened, until another document is opened or created.
    pub failed_open: Option<&'a FailedOpen>,
    /// Sync conflict copies next to the open file.
    pub sync_copies: &'a [crate::state::SyncCopy],
}

pub fn status_bar_ui(ui: &mut egui::Ui, network: &Network, bar: &StatusBar<'_>, actions: &mut Vec<Action>) {
    let doc = bar.doc;
    if let Some(failed) = bar.failed_open {
        failed_open_ui(ui, failed, actions);
    }
    for copy in bar.sync_copies {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(ui.visuals().warn_fg_color, format!("{} left a conflict copy:", copy.tool));
            ui.label(&copy.name).on_hover_text(copy.path.display().to_string());
            let review = ui.button("Review and merge…").on_hover_text(
                "Both copies were changed apart. See what each side changed, choose where they \
                 disagree, then merge into this file (one step to undo). The copy is then archived, not deleted.",
            );
            if review.clicked() {
                actions.push(Action::ReviewConflictCopy(copy.path.clone()));
            }
        });
    }
    if let Some(why) = &doc.read_only {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Read-only: {why}."));
            if ui.button("Edit anyway").on_hover_text("Take the file over from the other window").clicked() {
                actions.push(Action::EditAnyway);
            }
        });
    }
    ui.horizontal(|ui| {
        let where_ = match &doc.path {
            Some(path) => path.display().to_string(),
            None if doc.sample => "Sample — not saved yet".to_owned(),
            None => "Untitled — not saved yet".to_owned(),
        };
        ui.label(where_);
        if doc.encrypted {
            ui.weak("• encrypted");
        }
        if doc.dirty {
            ui.label("• unsaved changes");
        }
        if let Some(status) = bar.status {
            ui.weak(status);
        }
        if bar.waiting_for_dialog {
            ui.spinner();
            ui.label("Waiting for the file dialog…");
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let n = network;
            ui.label(format!(
                "{} contacts · {} exchanges",
                super::numbers::count(n.contacts.len()),
                super::numbers::count(n.exchanges.len())
            ));
        });
    });
}

/// "Could not open broken.ron", and what can be done about it.
fn failed_open_ui(ui: &mut egui::Ui, failed: &FailedOpen, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(ui.visuals().error_fg_color, format!("Could not open {}.", failed.file_name))
            .on_hover_text(&failed.message);
        if ui.button("Show error").on_hover_text("What went wrong, in full").clicked() {
            actions.push(Action::ShowOpenError);
        }
        if let Some(backup) = &failed.backup
            && ui.button("Open the backup").on_hover_text(backup.display().to_string()).clicked()
        {
            actions.push(Action::Modal(ModalAction::OpenBackup(backup.clone())));
        }
        if ui.button("Open another file…").clicked() {
            actions.push(Action::Modal(ModalAction::OpenOther));
        }
        let dismiss = ui.small_button("×").on_hover_text("Dismiss this message");
        dismiss.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Dismiss"));
        if dismiss.clicked() {
            actions.push(Action::DismissOpenError);
        }
    });
}
