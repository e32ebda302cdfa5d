//! Promises, made and received: every open one in a list, overdue ones standing out,
//! and completing one you made offers to record the exchange with its hours.

use super::{Action, EditRequest, ViewState};
use crate::model::{Change, Commitment, Direction, Edit, Exchange, Id, Kind, Network};

/// Every open promise, soonest due first (no due date last).
pub fn promises_ui(
    ui: &mut egui::Ui,
    network: &Network,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    ui.heading("Open promises");
    ui.weak("What you promised counts against your capacity until it is done.");
    let mut open: Vec<&Commitment> = network.commitments.iter().filter(|c| c.done.is_none()).collect();
    open.sort_by_key(|c| (c.due.is_none(), c.due, c.made, c.id));
    if open.is_empty() {
        ui.weak("No open promises.");
        return;
    }
    // One line per promise, drawn only where visible.
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(ui, row_height, open.len(), |ui, range| {
        for c in &open[range] {
            ui.push_id(("promise", c.id), |ui| {
                ui.horizontal(|ui| {
                    if ui.link(network.display_name(c.contact)).clicked() {
                        view.open_contact(c.contact);
                    }
                    promise_line_ui(ui, network, c, as_of, view, actions);
                });
            });
        }
    });
}

/// The promises of one contact, editable, with "Add promise".
pub fn contact_promises_ui(
    ui: &mut egui::Ui,
    network: &Network,
    contact: Id,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let mut list: Vec<&Commitment> = network.commitments.iter().filter(|c| c.contact == contact).collect();
    list.sort_by_key(|c| (c.done.is_some(), c.due.is_none(), c.due, c.id));
    for c in list {
        ui.push_id(("promise", c.id), |ui| {
            let mut draft = c.clone();
            let mut field = None;
            ui.horizontal(|ui| {
                let who = ui.label("Who");
                let combo = egui::ComboBox::from_id_salt("promise_direction")
                    .selected_text(if draft.direction == Direction::Gave {
                        "I promised"
                    } else {
                        "They promised"
                    })
                    .show_ui(ui, |ui| {
                        if ui.selectable_value(&mut draft.direction, Direction::Gave, "I promised").changed()
                            | ui.selectable_value(&mut draft.direction, Direction::Received, "They promised")
                                .changed()
                        {
                            field = Some("direction");
                        }
                    });
                let _ = combo.response.labelled_by(who.id);
                let summary = ui.label("Promise");
                if ui
                    .add(egui::TextEdit::singleline(&mut draft.summary).desired_width(200.0))
                    .labelled_by(summary.id)
                    .changed()
                {
                    field = Some("summary");
                }
                let hours = ui.label("Hours");
                if ui
                    .add(egui::DragValue::new(&mut draft.hours).range(0.0..=1000.0).speed(0.25))
                    .labelled_by(hours.id)
                    .changed()
                {
                    field = Some("hours");
                }
                let mut has_due = draft.due.is_some();
                if ui.checkbox(&mut has_due, "Due").changed() {
                    draft.due = has_due.then_some(draft.due.unwrap_or(as_of));
                    field = Some("due");
                }
                if let Some(due) = draft.due.as_mut()
                    && super::fields::date_picker(ui, "promise_due", due).changed()
                {
                    field = Some("due");
                }
            });
            if let Some(f) = field.filter(|_| draft != *c) {
                let request =
                    EditRequest::new(format!("Edit promise {f}"), Edit::Commitments(Change::Put(draft)));
                actions.push(Action::edit(request.merging(format!("promise:{}:{f}", c.id))));
            }
            ui.horizontal(|ui| {
                ui.add_space(16.0);
                promise_line_ui(ui, network, c, as_of, view, actions);
            });
        });
    }
    if ui.button("Add promise").clicked() {
        let promise = Commitment {
            id: Network::next_id(&network.commitments),
            contact,
            made: as_of,
            due: None,
            direction: Direction::Gave,
            hours: 1.0,
            summary: String::new(),
            done: None,
        };
        actions.push(Action::edit(EditRequest::new("Add promise", Edit::Commitments(Change::Put(promise)))));
    }
}

/// Summary, due state and the "Done" flow of one promise.
fn promise_line_ui(
    ui: &mut egui::Ui,
    network: &Network,
    c: &Commitment,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let who = if c.direction == Direction::Gave { "You promised" } else { "They promised" };
    ui.label(format!("{who}: {}", if c.summary.is_empty() { "(no summary)" } else { &c.summary }));
    if let Some(done) = c.done {
        ui.weak(format!("done {done}"));
        return;
    }
    match c.due {
        Some(due) if due < as_of => {
            ui.colored_label(ui.visuals().error_fg_color, format!("overdue since {due}"));
        }
        Some(due) => {
            ui.weak(format!("due {due}"));
        }
        None => {
            ui.weak("no due date");
        }
    }
    if view.completing == Some(c.id) {
        let verb = if c.direction == Direction::Gave { "given" } else { "received" };
        if ui.button(format!("Done, and record {:.1} h {verb}", c.hours)).clicked() {
            actions.push(Action::edit(complete_promise(network, c, as_of, true)));
            view.completing = None;
        }
        if ui.button("Just mark done").clicked() {
            actions.push(Action::edit(complete_promise(network, c, as_of, false)));
            view.completing = None;
        }
        if ui.button("Cancel").clicked() {
            view.completing = None;
        }
    } else if ui.button("Done").on_hover_text("Mark this promise kept").clicked() {
        view.completing = Some(c.id);
    }
}

/// Marks `promise` done on `date`; with `record`, also logs the exchange it was, as
/// one undoable step.
pub fn complete_promise(
    network: &Network,
    promise: &Commitment,
    date: jiff::civil::Date,
    record: bool,
) -> EditRequest {
    let done = Commitment { done: Some(date), ..promise.clone() };
    let mut edits = vec![Edit::Commitments(Change::Put(done))];
    if record {
        edits.push(Edit::Exchanges(Change::Put(Exchange {
            id: Network::next_id(&network.exchanges),
            contact: promise.contact,
            date,
            direction: promise.direction,
            kind: Kind::Other,
            hours: promise.hours,
            value: 3,
            summary: promise.summary.clone(),
            outcome: String::new(),
            thanked: false,
        })));
    }
    EditRequest::new("Complete promise", Edit::Batch(edits))
}
