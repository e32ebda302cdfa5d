//! The check-in form (Ctrl+K): how you talked and what you heard. Its first question
//! has the keyboard when it opens; Enter moves on, and saves on the last.

use crate::state::{CheckInForm, ModalAction};

pub(super) fn check_in_ui(ui: &mut egui::Ui, form: &mut CheckInForm, answer: &mut Option<ModalAction>) {
    ui.heading(format!("Check-in with {}", form.name));
    let focus = form.focus.take();
    let mut enter_in = None;
    let mut date_ok = true;
    // The questions scroll in a short window; the buttons below stay in view.
    super::dialog_body::scrolling_body(ui, "check_in", |ui| {
        ui.weak("Listen first: what are they working on, what matters to them now, what holds them back?");
        fields_ui(ui, form, focus, &mut enter_in, &mut date_ok);
    });
    // Enter moves on to the next question (already focused above); on the last one it
    // saves.
    if enter_in == Some(2) && date_ok {
        *answer = Some(ModalAction::LogCheckIn);
    }
    if form.confirm_discard {
        match super::fields::discard_prompt_ui(ui) {
            Some(super::fields::Discard::Yes) => *answer = Some(ModalAction::Cancel),
            Some(super::fields::Discard::KeepEditing) => {
                form.confirm_discard = false;
                form.focus = Some(0);
            }
            None => {}
        }
        return;
    }
    super::fields::keys_hint(ui, "Enter: next question, saves on the last · Esc: close");
    ui.horizontal(|ui| {
        let save = ui.add_enabled(date_ok, egui::Button::new("Save check-in"));
        if save.on_disabled_hover_text("The date is not a date yet").clicked() {
            *answer = Some(ModalAction::LogCheckIn);
        }
        if ui.button("Cancel").clicked() {
            *answer = Some(ModalAction::Cancel);
        }
    });
}

/// The date, the channel and the three questions; notes where Enter was pressed and
/// whether the date is one.
fn fields_ui(
    ui: &mut egui::Ui,
    form: &mut CheckInForm,
    focus: Option<usize>,
    enter_in: &mut Option<usize>,
    date_ok: &mut bool,
) {
    egui::Grid::new("check_in_fields").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        ui.label("Date");
        *date_ok = super::date_field::date_field(ui, "Date", "check_in_date", &mut form.date).1;
        ui.end_row();
        ui.label("Channel");
        ui.horizontal(|ui| {
            for channel in crate::model::Channel::ALL {
                ui.radio_value(&mut form.channel, channel, channel.label());
            }
        });
        ui.end_row();
        let mut focus = focus;
        for (i, (label, text)) in [
            ("Working on", &mut form.working_on),
            ("Priorities", &mut form.priorities),
            ("Constraints", &mut form.constraints),
        ]
        .into_iter()
        .enumerate()
        {
            let l = ui.label(label);
            let id = ui.make_persistent_id(("check_in_field", i));
            if focus == Some(i) {
                // Before the field is drawn, so that it takes this frame's typing: keys
                // pressed right after Enter or Ctrl+K are not lost.
                ui.memory_mut(|memory| memory.request_focus(id));
            }
            let field =
                ui.add(egui::TextEdit::singleline(text).id(id).desired_width(360.0)).labelled_by(l.id);
            if focus == Some(i) {
                // A field drawn for the first time takes focus only once it exists.
                field.request_focus();
            }
            if field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) {
                *enter_in = Some(i);
                focus = Some(i + 1);
            }
            ui.end_row();
        }
    });
}
