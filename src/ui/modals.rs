//! Modal dialogs: unsaved changes, errors, and Rapport's own path dialog for
//! desktops that offer no native one.

use std::path::Path;

use super::fields::keys_hint;
use crate::state::{Modal, ModalAction, Next, PathPrompt, RecoveryOffer};

/// Shows the modal; returns the user's answer once there is one.
pub fn modal_ui(
    ctx: &egui::Context,
    modal: &mut Modal,
    network: &crate::model::Network,
    derived: &crate::analysis::Derived,
) -> Option<ModalAction> {
    let mut answer = None;
    // Never wider than the window.
    let widest: f32 = if matches!(modal, Modal::Import(_)) { 760.0 } else { 560.0 };
    let window_width = ctx.content_rect().width();
    let response = egui::Modal::new(egui::Id::unique("rapport_modal")).show(ctx, |ui| {
        ui.set_max_width(widest.min(window_width - 48.0).max(200.0));
        match modal {
            Modal::Unsaved { then } => unsaved_ui(ui, then, &mut answer),
            Modal::Error { title, message, backup, offer_save_as } => {
                error_ui(ui, title, message, backup.as_deref(), *offer_save_as, &mut answer);
            }
            Modal::PathPrompt(prompt) => path_prompt_ui(ui, prompt, &mut answer),
            Modal::CheckIn(form) => super::check_in::check_in_ui(ui, form, &mut answer),
            Modal::Draft(form) => super::draft::draft_ui(ui, form, &mut answer),
            Modal::Recovery(offer) => recovery_ui(ui, offer, &mut answer),
            Modal::ChangedOnDisk { .. } => changed_on_disk_ui(ui, &mut answer),
            Modal::SyncReview(review) => super::sync_review::sync_review_ui(ui, review, &mut answer),
            Modal::ChooseBase(choice) => super::sync_review::choose_base_ui(ui, choice, &mut answer),
            Modal::Passphrase(prompt) => super::passphrase::passphrase_prompt_ui(ui, prompt, &mut answer),
            Modal::Encryption(form) => super::passphrase::encryption_ui(ui, form, &mut answer),
            Modal::Import(dialog) => {
                let enter = enter_pressed(ui);
                answer = super::import::import_ui(ui, network, derived, dialog, enter).map(|a| match a {
                    super::import::ImportAnswer::Import => ModalAction::Import,
                    super::import::ImportAnswer::Cancel => ModalAction::Cancel,
                });
            }
        }
    });
    // Esc (or a click beside the dialog) is the safe choice: Cancel, Close, Decide
    // later — never Discard or Overwrite.
    if answer.is_none() && response.should_close() {
        match modal {
            // Esc with something typed asks first.
            Modal::CheckIn(form) if form.has_typed() && !form.confirm_discard => form.confirm_discard = true,
            Modal::Draft(form) if form.has_typed() && !form.confirm_discard => form.confirm_discard = true,
            _ => answer = Some(ModalAction::Cancel),
        }
    }
    answer
}

/// Enter with no button or field holding the keyboard: the dialog's default answer.
/// (Enter on a focused button clicks that button instead.)
fn enter_pressed(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Enter)) && ui.memory(|m| m.focused().is_none())
}

fn recovery_ui(ui: &mut egui::Ui, offer: &RecoveryOffer, answer: &mut Option<ModalAction>) {
    ui.heading("Unsaved work was found");
    // The unsaved pieces scroll; Decide later below stays in view.
    super::dialog_body::scrolling_body(ui, "recovery", |ui| {
        ui.label("Rapport closed before these changes were saved. Restore them, or discard them for good.");
        for (i, item) in offer.items.iter().enumerate() {
            ui.separator();
            ui.strong(&item.what);
            ui.weak(format!("last kept {}", item.kept_at));
            if let Some(lines) = &item.details {
                for line in lines {
                    ui.label(line);
                }
            } else if item.explaining {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak("Comparing with the file on disk…");
                });
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
    });
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button("Decide later").on_hover_text("Keep them; Rapport asks again next time").clicked() {
            *answer = Some(ModalAction::Close);
        }
        keys_hint(ui, "Esc: decide later");
    });
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
    keys_hint(ui, "Esc: cancel");
}

fn unsaved_ui(ui: &mut egui::Ui, then: &Next, answer: &mut Option<ModalAction>) {
    ui.heading("Save your changes?");
    let what = match then {
        Next::Quit => "before closing",
        Next::New => "before starting a new network",
        Next::OpenSample => "before opening the sample",
        Next::Open | Next::OpenPath(_) | Next::OpenCopy(_) => "before opening another network",
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
    keys_hint(ui, "Enter: save · Esc: cancel");
    if answer.is_none() && enter_pressed(ui) {
        *answer = Some(ModalAction::Save);
    }
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
        super::viewports::note_scroll_viewport(ui, [false, true]);
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
    keys_hint(ui, "Enter or Esc: close");
    if answer.is_none() && enter_pressed(ui) {
        *answer = Some(ModalAction::Close);
    }
}

fn path_prompt_ui(ui: &mut egui::Ui, prompt: &mut PathPrompt, answer: &mut Option<ModalAction>) {
    if prompt.listed.as_ref() != Some(&prompt.folder) && answer.is_none() {
        *answer = Some(ModalAction::ListFolder(prompt.folder.clone()));
    }
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
        super::viewports::note_scroll_viewport(ui, [false, true]);
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
        if prompt.listed.as_ref() != Some(&prompt.folder) {
            ui.spinner();
        } else if prompt.entries.is_empty() {
            ui.weak("No folders or matching files here.");
        }
        if let Some(folder) = enter {
            prompt.folder = folder;
        }
    });
    let label = ui.label("File path");
    let id = ui.make_persistent_id("path_prompt_field");
    let focus = std::mem::take(&mut prompt.focus);
    if focus {
        // Before the field is drawn, so that it takes this frame's typing; the file
        // name's stem selected, so that typing a name replaces it.
        ui.memory_mut(|memory| memory.request_focus(id));
        let range = prompt.stem_range();
        let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        state.cursor.set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(range.start),
            egui::text::CCursor::new(range.end),
        )));
        state.store(ui.ctx(), id);
    }
    let field = ui
        .add(egui::TextEdit::singleline(&mut prompt.path_text).id(id).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if focus {
        field.request_focus();
    }
    if field.changed() {
        prompt.confirm_overwrite = None;
        prompt.refusal = None;
    }
    let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let path = prompt.chosen_path();
    if let Some(refusal) = &prompt.refusal {
        ui.colored_label(ui.visuals().error_fg_color, refusal);
    }
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
            *answer = Some(ModalAction::PathChosen(path));
        }
        keys_hint(ui, &format!("Enter: {} · Esc: cancel", verb.to_lowercase()));
    });
}

/// The progress window while a large file opens; returns true when the user cancels.
pub fn open_progress_ui(ctx: &egui::Context, name: &str, bytes: u64, elapsed: std::time::Duration) -> bool {
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("open_job")).show(ctx, |ui| {
        ui.heading(format!("Opening {name}"));
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!(
                "Reading and checking {:.1} MB… {:.1} s",
                bytes as f64 / 1_048_576.0,
                elapsed.as_secs_f64()
            ));
        });
        ui.weak("The window stays usable; your current network is unchanged until this finishes.");
        if ui.button("Cancel").clicked() {
            cancel = true;
        }
    });
    // Keep the elapsed time moving while waiting; nothing repaints once the job is done.
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
    cancel
}
