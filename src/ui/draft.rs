//! The draft dialog of a new exchange (Ctrl+E) or promise ("Add promise"): nothing is
//! added until Save. Its summary has the keyboard when it opens; Enter moves on, and
//! saves on the last field.

use crate::model::{Commitment, Direction, Exchange, Kind};
use crate::state::{Draft, DraftForm, ModalAction};

pub(super) fn draft_ui(ui: &mut egui::Ui, form: &mut DraftForm, answer: &mut Option<ModalAction>) {
    let focus = std::mem::take(&mut form.focus);
    let (title, save) = match &form.record {
        Draft::Exchange(_) => (format!("Log exchange with {}", form.name), "Save exchange"),
        Draft::Promise(_) => (format!("New promise with {}", form.name), "Save promise"),
    };
    ui.heading(title);
    // The fields scroll in a short window; the buttons below stay in view.
    let (finished, date_ok) = super::dialog_body::scrolling_body(ui, "draft", |ui| match &mut form.record {
        Draft::Exchange(exchange) => exchange_fields_ui(ui, exchange, focus),
        Draft::Promise(promise) => promise_fields_ui(ui, promise, focus),
    });
    if form.confirm_discard {
        match super::fields::discard_prompt_ui(ui) {
            Some(super::fields::Discard::Yes) => *answer = Some(ModalAction::Cancel),
            Some(super::fields::Discard::KeepEditing) => {
                form.confirm_discard = false;
                form.focus = true;
            }
            None => {}
        }
        return;
    }
    if finished && date_ok {
        *answer = Some(ModalAction::SaveDraft);
    }
    super::fields::keys_hint(ui, "Added only on Save · Enter: next field, saves on the last · Esc: close");
    ui.horizontal(|ui| {
        let save = ui.add_enabled(date_ok, egui::Button::new(save));
        if save.on_disabled_hover_text("The date is not a date yet").clicked() {
            *answer = Some(ModalAction::SaveDraft);
        }
        if ui.button("Cancel").clicked() {
            *answer = Some(ModalAction::Cancel);
        }
    });
}

/// A single-line field of the dialog that takes the keyboard when `focus` is set.
fn text_field(ui: &mut egui::Ui, label: &str, text: &mut String, focus: bool) -> egui::Response {
    let l = ui.label(label);
    let id = ui.make_persistent_id(("draft_field", label));
    if focus {
        // Before the field is drawn, so that it takes this frame's typing.
        ui.memory_mut(|memory| memory.request_focus(id));
    }
    let field = ui.add(egui::TextEdit::singleline(text).id(id).desired_width(320.0)).labelled_by(l.id);
    if focus {
        field.request_focus();
    }
    ui.end_row();
    field
}

fn entered(ui: &egui::Ui, field: &egui::Response) -> bool {
    field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// The exchange's fields; returns whether Enter was pressed in the last one, and
/// whether the date is one.
fn exchange_fields_ui(ui: &mut egui::Ui, exchange: &mut Exchange, focus: bool) -> (bool, bool) {
    egui::Grid::new("draft_exchange")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("Date");
            let date_ok =
                super::date_field::date_field(ui, "Date", "draft_exchange_date", &mut exchange.date).1;
            ui.end_row();
            ui.label("Direction");
            ui.horizontal(|ui| {
                ui.radio_value(&mut exchange.direction, Direction::Gave, "I gave");
                ui.radio_value(&mut exchange.direction, Direction::Received, "I received");
            });
            ui.end_row();
            ui.label("Kind");
            let kind = egui::ComboBox::from_id_salt("draft_exchange_kind")
                .selected_text(exchange.kind.label())
                .show_ui(ui, |ui| {
                    for k in Kind::ALL {
                        ui.selectable_value(&mut exchange.kind, k, k.label());
                    }
                });
            kind.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Kind"));
            ui.end_row();
            let hours = ui.label("Hours");
            ui.add(egui::DragValue::new(&mut exchange.hours).range(0.0..=1000.0).speed(0.25).max_decimals(2))
                .labelled_by(hours.id);
            ui.end_row();
            let value = ui.label("Value");
            ui.add(egui::Slider::new(&mut exchange.value, 1..=5))
                .labelled_by(value.id)
                .on_hover_text("How much it was worth to the one who received it, 1–5");
            ui.end_row();
            let summary = text_field(ui, "Summary", &mut exchange.summary, focus);
            let to_outcome = entered(ui, &summary);
            let outcome = text_field(ui, "Outcome", &mut exchange.outcome, to_outcome);
            (entered(ui, &outcome), date_ok)
        })
        .inner
}

/// The promise's fields; returns whether Enter was pressed in its summary, and whether
/// the due date (if any) is one.
fn promise_fields_ui(ui: &mut egui::Ui, promise: &mut Commitment, focus: bool) -> (bool, bool) {
    egui::Grid::new("draft_promise")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("Who");
            ui.horizontal(|ui| {
                ui.radio_value(&mut promise.direction, Direction::Gave, "I promised");
                ui.radio_value(&mut promise.direction, Direction::Received, "They promised");
            });
            ui.end_row();
            let summary = text_field(ui, "Promise", &mut promise.summary, focus);
            let hours = ui.label("Hours");
            ui.add(egui::DragValue::new(&mut promise.hours).range(0.0..=1000.0).speed(0.25))
                .labelled_by(hours.id);
            ui.end_row();
            ui.label("Due");
            let date_ok = ui
                .horizontal(|ui| {
                    let mut has_due = promise.due.is_some();
                    if ui.checkbox(&mut has_due, "Has a due date").changed() {
                        promise.due = has_due.then_some(promise.due.unwrap_or(promise.made));
                    }
                    promise.due.as_mut().is_none_or(|due| {
                        super::date_field::date_field(ui, "Due date", "draft_promise_due", due).1
                    })
                })
                .inner;
            ui.end_row();
            (entered(ui, &summary), date_ok)
        })
        .inner
}
