//! The dialogs of encryption: the passphrase of a file to open (masked, with the
//! reason the last one failed), and Encrypt… / Remove encryption, saying what becomes
//! of the file as it is now before anything is done.

use std::path::Path;

use super::fields::keys_hint;
use crate::state::{EncryptionForm, ModalAction, PassphrasePrompt, SecretText};

/// A masked field labelled `label` (its accessible name too); returns its response.
fn secret_field_ui(ui: &mut egui::Ui, label: &str, text: &mut SecretText) -> egui::Response {
    ui.horizontal(|ui| {
        let name = ui.label(label);
        ui.add(egui::TextEdit::singleline(text.buffer()).password(true).desired_width(280.0))
            .labelled_by(name.id)
    })
    .inner
}

fn entered(ui: &egui::Ui, field: &egui::Response) -> bool {
    field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

pub fn passphrase_prompt_ui(
    ui: &mut egui::Ui,
    prompt: &mut PassphrasePrompt,
    answer: &mut Option<ModalAction>,
) {
    ui.heading("Passphrase needed");
    ui.label(format!("{} is encrypted. Type its passphrase to open it.", prompt.file_name));
    if let Some(refusal) = &prompt.refusal {
        ui.colored_label(ui.visuals().error_fg_color, refusal);
    }
    let field = secret_field_ui(ui, "Passphrase", &mut prompt.text);
    if !std::mem::replace(&mut prompt.focused, true) {
        field.request_focus();
    }
    let ready = !prompt.text.is_empty();
    ui.horizontal(|ui| {
        if ui.add_enabled(ready, egui::Button::new("Open")).clicked() || (ready && entered(ui, &field)) {
            *answer = Some(ModalAction::Unlock);
        }
        if ui.button("Cancel").clicked() {
            *answer = Some(ModalAction::Cancel);
        }
        keys_hint(ui, "Enter: open · Esc: cancel");
    });
}

fn name(path: &Path) -> String {
    path.display().to_string()
}

pub fn encryption_ui(ui: &mut egui::Ui, form: &mut EncryptionForm, answer: &mut Option<ModalAction>) {
    let to = form.to.as_deref().map_or_else(|| "a file you choose next".to_owned(), name);
    if form.encrypt {
        ui.heading("Encrypt this network");
        ui.label(format!(
            "Rapport saves the network encrypted with a passphrase as {to} (the age format: any age tool \
             opens it with the passphrase). Backups, recovery files and kept versions are encrypted too."
        ));
        if let Some(from) = &form.from {
            ui.label(format!(
                "Then the plaintext {} is overwritten and removed, and so are its backup {}.bak, its recovery \
                 file and its kept versions: no plaintext copy is left behind.",
                name(from),
                name(from)
            ));
        }
        ui.strong("Without the passphrase nobody, you included, can open the network again. Keep it safe.");
        let first = secret_field_ui(ui, "Passphrase", &mut form.first);
        if !std::mem::replace(&mut form.focused, true) {
            first.request_focus();
        }
        let second = secret_field_ui(ui, "Passphrase again", &mut form.second);
        if entered(ui, &second) {
            *answer = Some(ModalAction::ChangeEncryption);
        }
    } else {
        ui.heading("Remove encryption");
        ui.label(format!(
            "Rapport saves the network in plaintext as {to}: anyone who can read that file can read your network."
        ));
        if let Some(from) = &form.from {
            ui.label(format!(
                "Then the encrypted {} is removed, and so are its backup, its recovery file and its kept versions.",
                name(from)
            ));
        }
    }
    if let Some(refusal) = &form.refusal {
        ui.colored_label(ui.visuals().error_fg_color, refusal);
    }
    ui.horizontal(|ui| {
        let go = if form.encrypt { "Encrypt" } else { "Remove encryption" };
        if ui.button(go).clicked() {
            *answer = Some(ModalAction::ChangeEncryption);
        }
        if ui.button("Cancel").clicked() {
            *answer = Some(ModalAction::Cancel);
        }
        keys_hint(ui, "Esc: cancel");
    });
}
