//! File → Import…: the preview first (new contacts, likely duplicates to merge or
//! skip, rows that could not be read), then one undoable step.

use crate::analysis::Derived;
use crate::interop::{
    COMMON_ENCODINGS, DuplicateChoice, ImportChoices, ImportFormat, ImportPreview, encoding_label,
};
use crate::model::Network;
use crate::state::ImportDialog;

/// What the user decided.
pub enum ImportAnswer {
    Import,
    Cancel,
}

/// `enter`: Enter was pressed with nothing focused, which imports.
pub fn import_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    dialog: &mut ImportDialog,
    enter: bool,
) -> Option<ImportAnswer> {
    let mut answer = None;
    ui.heading(format!("Import {}", dialog.file_name));
    // The choices and the preview scroll; Import and Cancel below stay in view.
    super::dialog_body::scrolling_body(ui, "import", |ui| {
        ui.horizontal(|ui| {
            ui.label("Format");
            for format in [ImportFormat::Vcard, ImportFormat::Linkedin, ImportFormat::Csv] {
                if ui.radio(dialog.format == format, format.label()).clicked() && dialog.format != format {
                    dialog.set_format(network, format);
                }
            }
        });
        encoding_ui(ui, network, dialog);
        if dialog.format == ImportFormat::Csv && mapping_ui(ui, dialog) {
            dialog.refresh(network);
        }
        ui.separator();
        match &dialog.preview {
            Err(error) => {
                ui.colored_label(ui.visuals().error_fg_color, error.to_string());
                ui.weak("Nothing was changed.");
            }
            Ok(preview) => preview_ui(ui, network, derived, preview, &mut dialog.choices),
        }
    });
    ui.separator();
    ui.horizontal(|ui| {
        let summary = dialog.summary(network);
        let label = summary.clone().unwrap_or_else(|| "Nothing to import".to_owned());
        if ui.add_enabled(summary.is_some(), egui::Button::new(label)).clicked()
            || (enter && summary.is_some())
        {
            answer = Some(ImportAnswer::Import);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(ImportAnswer::Cancel);
        }
        let hint = if summary.is_some() { "Enter: import · Esc: cancel" } else { "Esc: cancel" };
        super::fields::keys_hint(ui, hint);
    });
    answer
}

/// How the file was read ("read as Windows-1252 (detected)"), and a choice of the
/// common encodings to read it again when the names look wrong.
fn encoding_ui(ui: &mut egui::Ui, network: &Network, dialog: &mut ImportDialog) {
    let found = dialog.preview.as_ref().ok().map(|p| p.read_as);
    ui.horizontal(|ui| {
        let selected = match dialog.encoding {
            Some(encoding) => encoding_label(encoding),
            None => "Found from the file".to_owned(),
        };
        let mut choice = dialog.encoding;
        egui::ComboBox::from_label("Encoding").selected_text(selected).show_ui(ui, |ui| {
            ui.selectable_value(&mut choice, None, "Found from the file");
            for encoding in COMMON_ENCODINGS {
                ui.selectable_value(&mut choice, Some(encoding), encoding_label(encoding));
            }
        });
        if choice != dialog.encoding {
            dialog.set_encoding(network, choice);
        }
        if let Some(read_as) = found {
            ui.weak(read_as.describe());
        }
    })
    .response
    .on_hover_text(
        "If names look wrong (Ã© instead of é, or ? boxes), read the file again in another encoding.",
    );
}

/// Column pickers for a CSV; returns whether the mapping changed.
fn mapping_ui(ui: &mut egui::Ui, dialog: &mut ImportDialog) -> bool {
    let headers = dialog.headers.clone();
    let mut changed = false;
    ui.label("Which column holds what:");
    egui::Grid::new("csv_mapping").num_columns(4).show(ui, |ui| {
        let mut pick = |ui: &mut egui::Ui, label: &str, column: &mut Option<usize>| {
            let text = column.and_then(|i| headers.get(i)).map_or("—", String::as_str).to_owned();
            let response = egui::ComboBox::from_label(label).selected_text(text).show_ui(ui, |ui| {
                let mut picked = ui.selectable_value(column, None, "—").changed();
                for (i, header) in headers.iter().enumerate() {
                    picked |= ui.selectable_value(column, Some(i), header).changed();
                }
                picked
            });
            changed |= response.inner == Some(true);
        };
        let m = &mut dialog.mapping;
        pick(ui, "Name", &mut m.name);
        pick(ui, "First name", &mut m.first_name);
        ui.end_row();
        pick(ui, "Last name", &mut m.last_name);
        pick(ui, "Organisation", &mut m.organization);
        ui.end_row();
        pick(ui, "Role", &mut m.role);
        pick(ui, "Tags", &mut m.tags);
        ui.end_row();
        let mut email = m.emails.first().copied();
        pick(ui, "Email", &mut email);
        if email != m.emails.first().copied() {
            m.emails = email.into_iter().collect();
        }
        pick(ui, "Notes", &mut m.notes);
        ui.end_row();
    });
    if !dialog.mapping.is_usable() {
        ui.colored_label(ui.visuals().warn_fg_color, "Choose a name, first/last name or email column.");
    }
    changed
}

fn preview_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    preview: &ImportPreview,
    choices: &mut ImportChoices,
) {
    ui.strong(format!("New contacts ({})", super::numbers::count(preview.new_contacts.len())));
    for (i, contact) in preview.new_contacts.iter().enumerate() {
        let mut keep = !choices.skip_new.contains(&i);
        let details = [contact.organization.as_str(), contact.emails.first().map_or("", String::as_str)]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ");
        if ui.checkbox(&mut keep, format!("{} {details}", contact.name)).changed() {
            if keep {
                choices.skip_new.remove(&i);
            } else {
                choices.skip_new.insert(i);
            }
        }
    }
    if !preview.duplicates.is_empty() {
        ui.add_space(6.0);
        ui.strong(format!(
            "Likely already in your network ({})",
            super::numbers::count(preview.duplicates.len())
        ));
    }
    for (i, duplicate) in preview.duplicates.iter().enumerate() {
        let existing = if network.contact(duplicate.existing).is_some() {
            derived.name(network, duplicate.existing)
        } else {
            "?"
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{} — {} as {existing}", duplicate.incoming.name, duplicate.reason));
            if let Some(choice) = choices.duplicates.get_mut(i) {
                ui.radio_value(choice, DuplicateChoice::Merge, "Merge");
                ui.radio_value(choice, DuplicateChoice::Skip, "Skip");
                ui.radio_value(choice, DuplicateChoice::AddAsNew, "Add as new");
            }
            if duplicate.adds.is_empty() {
                ui.weak("(nothing new)");
            } else {
                ui.weak(format!("adds {}", duplicate.adds.join(", ")));
            }
        });
    }
    if !preview.warnings.is_empty() {
        ui.add_space(6.0);
        ui.strong(format!("Read, with warnings ({})", super::numbers::count(preview.warnings.len())));
        for row in &preview.warnings {
            ui.colored_label(ui.visuals().warn_fg_color, format!("{}: {}", row.place, row.reason));
        }
    }
    if !preview.unreadable.is_empty() {
        ui.add_space(6.0);
        ui.strong(format!("Could not be read ({})", super::numbers::count(preview.unreadable.len())));
        for row in &preview.unreadable {
            ui.label(format!("{}: {}", row.place, row.reason));
        }
    }
}
