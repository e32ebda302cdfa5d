//! Your profile and boundaries: what you offer, your limits, what you seek, and the
//! numbers that shape the balance, each with a line explaining it.

use super::fields::{EnterMovesOn, escaped, keys_hint, list_field};
use crate::model::{Edit, Profile};
use crate::state::{Action, EditRequest, FocusField, ViewState};

pub fn profile_ui(ui: &mut egui::Ui, profile: &Profile, view: &mut ViewState, actions: &mut Vec<Action>) {
    let mut draft = profile.clone();
    let mut changed: Option<&'static str> = None;
    // Enter goes from the name down the lists, then leaves.
    let mut enter = EnterMovesOn::default();
    egui::ScrollArea::vertical().id_salt("page_you").auto_shrink(false).show(ui, |ui| {
        super::viewports::note_scroll_viewport(ui, [false, true]);
        ui.heading("You");
        ui.weak("What you give and what you hope for. Rapport uses these to suggest help, warn before you overcommit, and weigh the balance.");
        ui.add_space(8.0);
        egui::Grid::new("profile_fields").num_columns(3).spacing([12.0, 8.0]).show(ui, |ui| {
            let mut note = |field: &'static str, response: egui::Response| {
                if response.changed() {
                    changed = Some(field);
                }
            };
            let name = ui.label("Name");
            let name = ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(320.0)).labelled_by(name.id);
            if view.take_focus(FocusField::ProfileName) {
                name.request_focus();
            }
            enter.field(ui, &name);
            let mut left = escaped(ui, &name);
            note("name", name);
            ui.weak("How you appear in reports.");
            ui.end_row();
            for (label, values, explanation) in [
                ("Offers", &mut draft.offers, "What you can give: matched against others' needs."),
                ("Limits", &mut draft.limits, "What you cannot give: Rapport says so when an exchange touches one."),
                ("Seeking", &mut draft.seeking, "What you hope to receive: suggested when you could ask."),
            ] {
                let response = explained_list(ui, label, values, explanation, &mut note);
                enter.field(ui, &response);
                left |= escaped(ui, &response);
            }
            if left {
                actions.push(Action::LeaveForm);
            }
            let capacity = ui.label("Capacity");
            note(
                "capacity",
                ui.add(egui::DragValue::new(&mut draft.capacity_hours_per_month).range(0.0..=500.0).speed(0.5).suffix(" h / month"))
                    .labelled_by(capacity.id),
            );
            ui.weak("Hours a month you can give, open promises included, before fatigue sets in.");
            ui.end_row();
            let half_life = ui.label("Half-life");
            note(
                "half_life",
                ui.add(egui::DragValue::new(&mut draft.half_life_days).range(1.0..=3650.0).speed(1.0).suffix(" days"))
                    .labelled_by(half_life.id),
            );
            ui.weak("How fast old exchanges fade: after this many days one counts half.");
            ui.end_row();
            let tolerance = ui.label("Balance tolerance");
            note(
                "tolerance",
                ui.add(egui::Slider::new(&mut draft.balance_tolerance, 0.0..=0.5).step_by(0.01))
                    .labelled_by(tolerance.id),
            );
            ui.weak("How far from an even share still counts as balanced (0.15: between 35% and 65%).");
            ui.end_row();
            let cadence = ui.label("Default cadence");
            note(
                "cadence",
                ui.add(egui::DragValue::new(&mut draft.default_cadence_days).range(1..=3650).suffix(" days"))
                    .labelled_by(cadence.id),
            );
            ui.weak("Days between check-ins for contacts without a cadence of their own.");
            ui.end_row();
        });
        keys_hint(ui, "Kept as you type (Ctrl+Z undoes) · Enter: next field · Esc: leave the field");
    });
    if enter.finished() {
        actions.push(Action::SealHistory);
    }
    if let Some(field) = changed.filter(|_| draft != *profile) {
        let request = EditRequest::new(format!("Edit profile {field}"), Edit::Profile(Box::new(draft)));
        actions.push(Action::edit(request.merging(format!("profile:{field}"))));
    }
}

fn explained_list(
    ui: &mut egui::Ui,
    label: &str,
    values: &mut Vec<String>,
    explanation: &str,
    note: &mut impl FnMut(&'static str, egui::Response),
) -> egui::Response {
    let field: &'static str = match label {
        "Offers" => "offers",
        "Limits" => "limits",
        _ => "seeking",
    };
    let response = list_field(ui, label, values);
    note(field, response.clone());
    ui.weak(explanation);
    ui.end_row();
    response
}
