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
    // One line per promise, drawn only where visible (egui adds the spacing).
    let row_height = ui.spacing().interact_size.y;
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

/// One contact's promises in the order the contact page lists them (open first, soonest
/// due first), rebuilt when the document or the contact changes.
#[derive(Default)]
pub(super) struct ContactPromises {
    key: Option<(u64, Id)>,
    rows: Vec<usize>,
}

impl ContactPromises {
    fn refresh(&mut self, network: &Network, revision: u64, contact: Id) {
        if self.key == Some((revision, contact)) {
            return;
        }
        let all = &network.commitments;
        let mut rows: Vec<usize> = (0..all.len()).filter(|&i| all[i].contact == contact).collect();
        rows.sort_by_key(|&i| (all[i].done.is_some(), all[i].due.is_none(), all[i].due, all[i].id));
        self.rows = rows;
        self.key = Some((revision, contact));
    }

    /// How many of the contact's promises are open (after [`Self::refresh`]).
    fn open(&self, network: &Network) -> usize {
        self.rows.iter().filter(|&&i| network.commitments[i].done.is_none()).count()
    }
}

/// How many promises the contact page shows before the list scrolls.
const CONTACT_PROMISE_ROWS: f32 = 6.0;

/// The promises of one contact, editable, with "Add promise"; a long list scrolls and
/// draws only the promises in view.
pub fn contact_promises_ui(
    ui: &mut egui::Ui,
    network: &Network,
    revision: u64,
    contact: Id,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    view.contact_promises.refresh(network, revision, contact);
    let rows = std::mem::take(&mut view.contact_promises.rows);
    // Each promise is two lines: its fields, then its state.
    let spacing = ui.spacing().item_spacing.y;
    let row_height = 2.0 * ui.spacing().interact_size.y + spacing;
    // Inside the page's own scroll area the space left below can be small, so the
    // height is asked for, not taken from what is left.
    let height = (rows.len() as f32).min(CONTACT_PROMISE_ROWS) * (row_height + spacing);
    egui::ScrollArea::vertical()
        .id_salt("contact_promises")
        .auto_shrink([false, true])
        .min_scrolled_height(height)
        .max_height(height)
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for c in rows[range].iter().filter_map(|&i| network.commitments.get(i)) {
                promise_editor_ui(ui, network, c, as_of, view, actions);
            }
        });
    view.contact_promises.rows = rows;
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

/// Open promises of the contact last shown by [`contact_promises_ui`], counted for the
/// section's title.
pub(super) fn open_contact_promises(
    network: &Network,
    revision: u64,
    contact: Id,
    view: &mut ViewState,
) -> usize {
    view.contact_promises.refresh(network, revision, contact);
    view.contact_promises.open(network)
}

/// One promise's fields on a line, and its state and "Done" below.
fn promise_editor_ui(
    ui: &mut egui::Ui,
    network: &Network,
    c: &Commitment,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
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
