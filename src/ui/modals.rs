//! Modal dialogs: unsaved changes, errors, and Rapport's own path dialog for
//! desktops that offer no native one.

use std::path::{Path, PathBuf};

use crate::app::{FilePurpose, Next};

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
    Import(Box<super::import::ImportDialog>),
    /// Unsaved work of an earlier session, newer than its document.
    Recovery(RecoveryOffer),
    /// The file changed on disk since it was loaded: Reload, Overwrite or Save As.
    ChangedOnDisk {
        then: Option<Next>,
    },
}

/// Recoveries found on start, each with what differs once asked.
#[derive(Debug)]
pub struct RecoveryOffer {
    pub entries: Vec<crate::store::RecoveryEntry>,
    pub details: Vec<Option<Vec<String>>>,
}

impl RecoveryOffer {
    pub fn new(entries: Vec<crate::store::RecoveryEntry>) -> Self {
        let details = vec![None; entries.len()];
        Self { entries, details }
    }

    /// Counts of records added, changed and removed against the document on disk.
    pub fn explain(&mut self, index: usize) {
        let Some(entry) = self.entries.get(index) else { return };
        let recovered = crate::store::load(&entry.path);
        let on_disk = entry.doc_path.as_deref().and_then(|p| crate::store::load(p).ok()).unwrap_or_default();
        let lines = match recovered {
            Ok(recovered) => {
                let diff = crate::store::diff_counts(&on_disk, &recovered);
                if diff.is_empty() { vec!["No differences.".to_owned()] } else { diff.lines() }
            }
            Err(error) => vec![error.to_string()],
        };
        if let Some(slot) = self.details.get_mut(index) {
            *slot = Some(lines);
        }
    }
}

/// The check-in form: how you talked and what you heard.
#[derive(Debug)]
pub struct CheckInForm {
    pub contact: crate::model::Id,
    pub name: String,
    pub date: jiff::civil::Date,
    pub channel: crate::model::Channel,
    pub working_on: String,
    pub priorities: String,
    pub constraints: String,
}

impl CheckInForm {
    pub fn new(contact: crate::model::Id, name: String, date: jiff::civil::Date) -> Self {
        Self {
            contact,
            name,
            date,
            channel: crate::model::Channel::Call,
            working_on: String::new(),
            priorities: String::new(),
            constraints: String::new(),
        }
    }

    /// The touch's notes: one line per answered question.
    pub fn notes(&self) -> String {
        [
            ("Working on", &self.working_on),
            ("Priorities", &self.priorities),
            ("Constraints", &self.constraints),
        ]
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(label, text)| format!("{label}: {}", text.trim()))
        .collect::<Vec<_>>()
        .join("\n")
    }
}

/// What the user answered.
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
    PathChosen(PathBuf),
    /// Log the check-in of the form.
    LogCheckIn,
    /// Apply the previewed import.
    Import,
    Restore(usize),
    DiscardRecovery(usize),
    ShowDifferences(usize),
    Reload,
    Overwrite,
}

/// State of the built-in path dialog.
#[derive(Debug)]
pub struct PathPrompt {
    pub purpose: FilePurpose,
    request: crate::app::FileRequest,
    folder: PathBuf,
    path_text: String,
    entries: Vec<(String, bool)>,
    listed: Option<PathBuf>,
    confirm_overwrite: Option<PathBuf>,
}

impl PathPrompt {
    pub fn new(purpose: FilePurpose, request: crate::app::FileRequest, folder: Option<PathBuf>) -> Self {
        let file_name = request.save_as.clone().unwrap_or_default();
        let folder = folder.or_else(|| std::env::current_dir().ok()).unwrap_or_else(|| PathBuf::from("."));
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
        }
    }

    fn is_save(&self) -> bool {
        self.request.is_save()
    }

    fn wanted(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        self.request.extensions.iter().any(|e| lower.ends_with(&format!(".{e}")))
    }

    /// Folders and files of the wanted types in the current folder, folders first.
    fn refresh_listing(&mut self) {
        if self.listed.as_ref() == Some(&self.folder) {
            return;
        }
        let mut entries: Vec<(String, bool)> = std::fs::read_dir(&self.folder)
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .filter_map(|entry| {
                        let name = entry.file_name().to_string_lossy().into_owned();
                        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                        let shown = !name.starts_with('.') && (is_dir || self.wanted(&name));
                        shown.then_some((name, is_dir))
                    })
                    .collect()
            })
            .unwrap_or_default();
        entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase())));
        self.entries = entries;
        self.listed = Some(self.folder.clone());
    }
}

/// Shows the modal; returns the user's answer once there is one.
pub fn modal_ui(
    ctx: &egui::Context,
    modal: &mut Modal,
    network: &crate::model::Network,
) -> Option<ModalAction> {
    let mut answer = None;
    let response = egui::Modal::new(egui::Id::unique("rapport_modal")).show(ctx, |ui| {
        ui.set_max_width(if matches!(modal, Modal::Import(_)) { 760.0 } else { 560.0 });
        match modal {
            Modal::Unsaved { then } => unsaved_ui(ui, then, &mut answer),
            Modal::Error { title, message, backup, offer_save_as } => {
                error_ui(ui, title, message, backup.as_deref(), *offer_save_as, &mut answer);
            }
            Modal::PathPrompt(prompt) => path_prompt_ui(ui, prompt, &mut answer),
            Modal::CheckIn(form) => check_in_ui(ui, form, &mut answer),
            Modal::Recovery(offer) => recovery_ui(ui, offer, &mut answer),
            Modal::ChangedOnDisk { .. } => changed_on_disk_ui(ui, &mut answer),
            Modal::Import(dialog) => {
                answer = super::import::import_ui(ui, network, dialog).map(|a| match a {
                    super::import::ImportAnswer::Import => ModalAction::Import,
                    super::import::ImportAnswer::Cancel => ModalAction::Cancel,
                });
            }
        }
    });
    if answer.is_none() && response.should_close() {
        answer = Some(ModalAction::Cancel);
    }
    answer
}

fn recovery_ui(ui: &mut egui::Ui, offer: &RecoveryOffer, answer: &mut Option<ModalAction>) {
    ui.heading("Unsaved work was found");
    ui.label("Rapport closed before these changes were saved. Restore them, or discard them for good.");
    for (i, entry) in offer.entries.iter().enumerate() {
        ui.separator();
        let what = entry
            .doc_path
            .as_ref()
            .map_or_else(|| "An untitled network".to_owned(), |p| p.display().to_string());
        ui.strong(what);
        ui.weak(format!("last kept {}", entry.saved_at.strftime("%Y-%m-%d %H:%M UTC")));
        if let Some(Some(lines)) = offer.details.get(i) {
            for line in lines {
                ui.label(line);
            }
        }
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                *answer = Some(ModalAction::Restore(i));
            }
            if ui.button("Discard").on_hover_text("Delete this unsaved work").clicked() {
                *answer = Some(ModalAction::DiscardRecovery(i));
            }
            if ui.button("See what differs").clicked() {
                *answer = Some(ModalAction::ShowDifferences(i));
            }
        });
    }
    ui.separator();
    if ui.button("Decide later").on_hover_text("Keep them; Rapport asks again next time").clicked() {
        *answer = Some(ModalAction::Close);
    }
}

fn changed_on_disk_ui(ui: &mut egui::Ui, answer: &mut Option<ModalAction>) {
    ui.heading("The file changed on disk");
    ui.label(
        "Another program (a sync client, an editor) changed this network's file since you opened it. \
         Saving now would replace those changes.",
    );
    ui.horizontal(|ui| {
        if ui
            .button("Reload")
            .on_hover_text("Open the file as it is now; your unsaved changes are lost")
            .clicked()
        {
            *answer = Some(ModalAction::Reload);
        }
        if ui.button("Overwrite").on_hover_text("Replace the file with your version").clicked() {
            *answer = Some(ModalAction::Overwrite);
        }
        if ui.button("Save As…").clicked() {
            *answer = Some(ModalAction::SaveAs);
        }
        if ui.button("Cancel").clicked() {
            *answer = Some(ModalAction::Cancel);
        }
    });
}

fn check_in_ui(ui: &mut egui::Ui, form: &mut CheckInForm, answer: &mut Option<ModalAction>) {
    ui.heading(format!("Check-in with {}", form.name));
    ui.weak("Listen first: what are they working on, what matters to them now, what holds them back?");
    egui::Grid::new("check_in_fields").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        ui.label("Date");
        super::fields::date_picker(ui, "check_in_date", &mut form.date);
        ui.end_row();
        ui.label("Channel");
        ui.horizontal(|ui| {
            for channel in crate::model::Channel::ALL {
                ui.radio_value(&mut form.channel, channel, channel.label());
            }
        });
        ui.end_row();
        for (label, text) in [
            ("Working on", &mut form.working_on),
            ("Priorities", &mut form.priorities),
            ("Constraints", &mut form.constraints),
        ] {
            let l = ui.label(label);
            ui.add(egui::TextEdit::singleline(text).desired_width(360.0)).labelled_by(l.id);
            ui.end_row();
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Save check-in").clicked() {
            *answer = Some(ModalAction::LogCheckIn);
        }
        if ui.button("Cancel").clicked() {
            *answer = Some(ModalAction::Cancel);
        }
    });
}

fn unsaved_ui(ui: &mut egui::Ui, then: &Next, answer: &mut Option<ModalAction>) {
    ui.heading("Save your changes?");
    let what = match then {
        Next::Quit => "before closing",
        Next::New => "before starting a new network",
        Next::OpenSample => "before opening the sample",
        Next::Open | Next::OpenPath(_) => "before opening another network",
    };
    ui.label(format!("This network has changes that are not saved yet. Save them {what}?"));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            *answer = Some(ModalAction::Save);
        }
        if ui.button("Discard").on_hover_text("Throw away the unsaved changes").clicked() {
            *answer = Some(ModalAction::Discard);
        }
        if ui.button("Cancel").clicked() {
            *answer = Some(ModalAction::Cancel);
        }
    });
}

fn error_ui(
    ui: &mut egui::Ui,
    title: &str,
    message: &str,
    backup: Option<&Path>,
    offer_save_as: bool,
    answer: &mut Option<ModalAction>,
) {
    ui.heading(title);
    egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
        ui.add(egui::Label::new(egui::RichText::new(message).monospace()).wrap());
    });
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        if offer_save_as {
            if ui.button("Save As…").clicked() {
                *answer = Some(ModalAction::SaveAs);
            }
        } else {
            if ui.button("Open another file…").clicked() {
                *answer = Some(ModalAction::OpenOther);
            }
            if let Some(backup) = backup
                && ui.button("Open the backup").on_hover_text(backup.display().to_string()).clicked()
            {
                *answer = Some(ModalAction::OpenBackup(backup.to_owned()));
            }
            if ui.button("Open the sample").clicked() {
                *answer = Some(ModalAction::OpenSample);
            }
        }
        if ui.button("Close").clicked() {
            *answer = Some(ModalAction::Close);
        }
    });
}

fn path_prompt_ui(ui: &mut egui::Ui, prompt: &mut PathPrompt, answer: &mut Option<ModalAction>) {
    prompt.refresh_listing();
    ui.heading(&prompt.request.title);
    ui.horizontal(|ui| {
        ui.label("Folder:");
        ui.monospace(prompt.folder.display().to_string());
        if ui.small_button("Up").on_hover_text("The parent folder").clicked()
            && let Some(parent) = prompt.folder.parent()
        {
            prompt.folder = parent.to_owned();
        }
    });
    egui::ScrollArea::vertical().max_height(220.0).auto_shrink([false, true]).show(ui, |ui| {
        let mut enter = None;
        for (name, is_dir) in &prompt.entries {
            let text = if *is_dir { format!("{name}/") } else { name.clone() };
            if ui.selectable_label(false, text).clicked() {
                let path = prompt.folder.join(name);
                if *is_dir {
                    enter = Some(path);
                } else {
                    prompt.path_text = path.display().to_string();
                    prompt.confirm_overwrite = None;
                }
            }
        }
        if prompt.entries.is_empty() {
            ui.weak("No folders or matching files here.");
        }
        if let Some(folder) = enter {
            prompt.folder = folder;
        }
    });
    let label = ui.label("File path");
    let field = ui
        .add(egui::TextEdit::singleline(&mut prompt.path_text).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if field.changed() {
        prompt.confirm_overwrite = None;
    }
    let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let path = chosen_path(prompt);
    if let Some(existing) = &prompt.confirm_overwrite {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{} exists. Choose Save again to replace it.", existing.display()),
        );
    }
    ui.horizontal(|ui| {
        let verb = if prompt.is_save() { "Save" } else { "Open" };
        let ok = ui.add_enabled(path.is_some(), egui::Button::new(verb)).clicked();
        if ui.button("Cancel").clicked() {
            *answer = Some(ModalAction::Cancel);
        }
        if let Some(path) = path.filter(|_| ok || submitted) {
            let needs_confirm =
                prompt.is_save() && path.exists() && prompt.confirm_overwrite.as_ref() != Some(&path);
            if needs_confirm {
                prompt.confirm_overwrite = Some(path);
            } else {
                *answer = Some(ModalAction::PathChosen(path));
            }
        }
    });
}

/// The typed path, relative to the shown folder; the extension added when saving.
fn chosen_path(prompt: &PathPrompt) -> Option<PathBuf> {
    let text = prompt.path_text.trim();
    if text.is_empty() {
        return None;
    }
    let mut path = prompt.folder.join(text);
    if prompt.is_save()
        && path.extension().is_none()
        && let Some(extension) = prompt.request.extensions.first()
    {
        path.set_extension(extension);
    }
    if path.is_dir() { None } else { Some(path) }
}
