//! A contact's conversations: every check-in, latest first — when, how, and what you
//! heard (working on, priorities, constraints, notes) — editable and deletable, each
//! change one undoable step.

use super::fields::{date_row, keys_hint, multiline_row, text_row};
use crate::analysis::Derived;
use crate::model::{Change, Channel, Edit, Id, Network, Touch};
use crate::state::{Action, EditRequest, ViewState};

pub fn conversations_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    contact: Id,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let Some(rows) = derived.contact_touches(contact) else {
        // A busy contact's, being built off the UI thread.
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak("Reading the check-ins…");
        });
        return;
    };
    if rows.is_empty() {
        ui.weak("No check-ins yet. “Log check-in…” keeps what you heard.");
        return;
    }
    if let Some(touch) = view.editing_touch.and_then(|id| crate::model::find_by_id(&network.touches, id)) {
        editor_ui(ui, touch, view, actions);
        ui.separator();
    }
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical().id_salt(("conversations", contact)).max_height(row_height * 8.0).show_rows(
        ui,
        row_height,
        rows.len(),
        |ui, range| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            for &index in &rows[range] {
                let Some(touch) = network.touches.get(index) else { continue };
                ui.push_id(touch.id, |ui| {
                    ui.horizontal(|ui| row_ui(ui, touch, view, actions));
                });
            }
        },
    );
}

fn row_ui(ui: &mut egui::Ui, touch: &Touch, view: &mut ViewState, actions: &mut Vec<Action>) {
    let editing = view.editing_touch == Some(touch.id);
    if ui.selectable_label(editing, "Edit…").on_hover_text("Edit this check-in").clicked() {
        view.editing_touch = if editing { None } else { Some(touch.id) };
    }
    if ui.small_button("Delete").on_hover_text("Delete this check-in (Ctrl+Z brings it back)").clicked() {
        if editing {
            view.editing_touch = None;
        }
        let label = format!("Delete check-in of {}", touch.date);
        actions.push(Action::edit(EditRequest::new(label, Edit::Touches(Change::Remove(vec![touch.id])))));
    }
    ui.label(touch.date.to_string());
    ui.weak(touch.channel.label());
    let heard: Vec<String> = [
        ("working on", &touch.working_on),
        ("priorities", &touch.priorities),
        ("constraints", &touch.constraints),
        ("", &touch.notes),
    ]
    .iter()
    .filter(|(_, text)| !text.trim().is_empty())
    .map(|(label, text)| {
        let line = text.trim().replace('\n', " ");
        if label.is_empty() { line } else { format!("{label}: {line}") }
    })
    .collect();
    let summary = if heard.is_empty() { "—".to_owned() } else { heard.join(" · ") };
    ui.add(egui::Label::new(egui::RichText::new(summary).weak()).truncate());
}

/// The check-in's fields; every change is kept at once as one undoable step per field.
fn editor_ui(ui: &mut egui::Ui, touch: &Touch, view: &mut ViewState, actions: &mut Vec<Action>) {
    let mut draft = touch.clone();
    let mut changed: Option<&'static str> = None;
    ui.horizontal(|ui| {
        ui.strong(format!("Check-in of {}", touch.date));
        if ui.small_button("Close").clicked() {
            view.editing_touch = None;
        }
    });
    egui::Grid::new(("touch_fields", touch.id)).num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        if date_row(ui, "Date", "touch_date", &mut draft.date).changed() {
            changed = Some("date");
        }
        ui.label("Channel");
        let channel = egui::ComboBox::from_id_salt(("touch_channel", touch.id))
            .selected_text(draft.channel.label())
            .show_ui(ui, |ui| {
                Channel::ALL.iter().any(|c| ui.selectable_value(&mut draft.channel, *c, c.label()).changed())
            });
        channel.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Channel"));
        if channel.inner == Some(true) {
            changed = Some("channel");
        }
        ui.end_row();
        for (field, label, value) in [
            ("working_on", "Working on", &mut draft.working_on),
            ("priorities", "Priorities", &mut draft.priorities),
            ("constraints", "Constraints", &mut draft.constraints),
        ] {
            if text_row(ui, label, value).changed() {
                changed = Some(field);
            }
        }
        if multiline_row(ui, "Notes", &mut draft.notes).changed() {
            changed = Some("notes");
        }
    });
    keys_hint(ui, "Kept as you type (Ctrl+Z undoes)");
    if let Some(field) = changed.filter(|_| draft != *touch) {
        let label = format!("Edit check-in {}", field.replace('_', " "));
        let request = EditRequest::new(label, Edit::Touches(Change::Put(draft)));
        actions.push(Action::edit(request.merging(format!("touch:{}:{field}", touch.id))));
    }
}
