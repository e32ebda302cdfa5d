//! Promises, made and received: every open one in a list, overdue ones standing out,
//! and completing one you made offers to record the exchange with its hours.

use crate::analysis::Derived;
use crate::model::{
    Change, Commitment, Direction, Edit, Id, Network, complete_promise, find_by_id, new_promise,
};
use crate::state::{Action, Draft, EditRequest, FocusField, ViewState};

/// Every open promise, soonest due first (no due date last).
pub fn promises_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let as_of = derived.snapshot().as_of.unwrap_or(view.today);
    let next_exchange = derived.next_exchange_id(network, derived.revision());
    ui.heading("Open promises");
    ui.weak("What you promised counts against your capacity until it is done.");
    let open = derived.open_promises().unwrap_or_default();
    let held = view.held_rows(HELD).map(<[Id]>::to_vec);
    let rows = held.as_ref().map_or(open.len(), Vec::len);
    if rows == 0 {
        ui.weak("No open promises.");
        return;
    }
    // One line per promise, drawn only where visible (egui adds the spacing).
    let row_height = ui.spacing().interact_size.y;
    let list = egui::ScrollArea::vertical().id_salt("page_promises").auto_shrink(false).show_rows(
        ui,
        row_height,
        rows,
        |ui, range| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            if std::mem::take(&mut view.scroll_to_promise) {
                scroll_to_highlight(ui, network, open, held.as_deref(), view, row_height, range.start);
            }
            let shown: Vec<&Commitment> = match &held {
                Some(ids) => {
                    ids[range].iter().filter_map(|&id| find_by_id(&network.commitments, id)).collect()
                }
                None => open[range].iter().filter_map(|&i| network.commitments.get(i)).collect(),
            };
            for c in shown {
                ui.push_id(("promise", c.id), |ui| {
                    let asked = actions.len();
                    // The row Up/Down moved to, marked behind its widgets.
                    let mark = ui.painter().add(egui::Shape::Noop);
                    let row = ui.horizontal(|ui| {
                        // "Done" first: on a narrow window the summary is cut, never it.
                        // Done in place: greyed until the list lets go of it.
                        ui.add_enabled_ui(c.done.is_none(), |ui| {
                            let mut open = false;
                            promise_line_ui(ui, c, as_of, next_exchange, view, actions, |ui| {
                                open = ui.link(derived.name(network, c.contact)).clicked();
                            });
                            if open {
                                view.open_contact(c.contact);
                            }
                        });
                    });
                    if view.promise_highlight == Some(c.id) {
                        let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.4);
                        let rect = row.response.rect.expand(1.0);
                        ui.painter().set(mark, egui::Shape::rect_filled(rect, 2.0, fill));
                    }
                    if actions[asked..].iter().any(|a| matches!(a, Action::OneClick { .. })) {
                        view.hold_rows(HELD, || open_ids(network, open));
                    }
                });
            }
        },
    );
    super::held::release_when_left(ui, view, HELD, list.inner_rect);
}

/// The Promises page's list, as [`ViewState::held_rows`] names it.
pub const HELD: &str = "promises";

/// Scrolls the list so that the highlighted promise is in view: drawn or not, its row
/// lies `row_height` plus spacing per row from the first row drawn (`first`).
fn scroll_to_highlight(
    ui: &mut egui::Ui,
    network: &Network,
    open: &[usize],
    held: Option<&[Id]>,
    view: &ViewState,
    row_height: f32,
    first: usize,
) {
    let Some(highlight) = view.promise_highlight else { return };
    let at = match held {
        Some(ids) => ids.iter().position(|&id| id == highlight),
        None => open.iter().position(|&i| network.commitments.get(i).is_some_and(|c| c.id == highlight)),
    };
    if let Some(at) = at {
        let step = row_height + ui.spacing().item_spacing.y;
        let top = ui.cursor().top() + (at as f32 - first as f32) * step;
        let rect =
            egui::Rect::from_min_size(egui::pos2(ui.cursor().left(), top), egui::vec2(1.0, row_height));
        ui.scroll_to_rect(rect, None);
    }
}

/// The ids of the open promises, in the page's order.
fn open_ids(network: &Network, open: &[usize]) -> Vec<Id> {
    open.iter().filter_map(|&i| network.commitments.get(i)).map(|c| c.id).collect()
}

/// How many of these promises (indices into `network.commitments`) are open.
pub(super) fn count_open(network: &Network, rows: &[usize]) -> usize {
    rows.iter().filter_map(|&i| network.commitments.get(i)).filter(|c| c.done.is_none()).count()
}

/// How many promises the contact page shows before the list scrolls.
const CONTACT_PROMISE_ROWS: f32 = 6.0;

/// The promises of one contact, editable, with "Add promise"; a long list scrolls and
/// draws only the promises in view.
pub fn contact_promises_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    contact: Id,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let rows = derived.contact_promises(contact).unwrap_or_default();
    let next_exchange = derived.next_exchange_id(network, derived.revision());
    // Each promise is three lines: what and who, hours and due date, then its state.
    let spacing = ui.spacing().item_spacing.y;
    let row_height = 3.0 * ui.spacing().interact_size.y + 2.0 * spacing;
    // Inside the page's own scroll area the space left below can be small, so the
    // height is asked for, not taken from what is left.
    let height = (rows.len() as f32).min(CONTACT_PROMISE_ROWS) * (row_height + spacing);
    egui::ScrollArea::vertical()
        .id_salt("contact_promises")
        .auto_shrink([false, true])
        .min_scrolled_height(height)
        .max_height(height)
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            for c in rows[range].iter().filter_map(|&i| network.commitments.get(i)) {
                promise_editor_ui(ui, c, as_of, next_exchange, view, actions);
            }
        });
    ui.horizontal(|ui| {
        if ui.button("Add promise").on_hover_text("Write a new promise; it is added on Save").clicked() {
            actions.push(Action::OpenDraft(Box::new(Draft::Promise(new_promise(network, contact, as_of)))));
        }
        super::fields::keys_hint(ui, "Enter: done · Esc: leave the field");
    });
}

/// One promise's fields on a line, and its state and "Done" below.
fn promise_editor_ui(
    ui: &mut egui::Ui,
    c: &Commitment,
    as_of: jiff::civil::Date,
    next_exchange: crate::model::Id,
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
            let width = super::fields::width_in_view(ui).clamp(80.0, 320.0);
            let summary = ui
                .add(egui::TextEdit::singleline(&mut draft.summary).desired_width(width))
                .labelled_by(summary.id);
            if view.take_focus(FocusField::Promise(c.id)) {
                summary.request_focus();
            }
            if summary.changed() {
                field = Some("summary");
            }
            finish_line_ui(ui, &summary, actions);
        });
        ui.horizontal(|ui| {
            ui.add_space(16.0);
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
                && super::fields::date_picker(ui, "Due date", "promise_due", due).changed()
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
            promise_line_ui(ui, c, as_of, next_exchange, view, actions, |_| {});
        });
    });
}

/// Enter in the one text field of a line ends its undo step; Esc leaves it (taking back
/// a record just added and still untouched).
pub(super) fn finish_line_ui(ui: &egui::Ui, field: &egui::Response, actions: &mut Vec<Action>) {
    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        actions.push(Action::SealHistory);
    }
    if super::fields::escaped(ui, field) {
        actions.push(Action::LeaveForm);
    }
}

/// The "Done" flow, due state and summary of one promise, in that order (what is on
/// the right is what a narrow window cuts); `before_summary` draws between them.
fn promise_line_ui(
    ui: &mut egui::Ui,
    c: &Commitment,
    as_of: jiff::civil::Date,
    next_exchange: crate::model::Id,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
    before_summary: impl FnOnce(&mut egui::Ui),
) {
    promise_state_ui(ui, c, as_of, next_exchange, view, actions);
    before_summary(ui);
    let who = if c.direction == Direction::Gave { "You promised" } else { "They promised" };
    let summary = format!("{who}: {}", if c.summary.is_empty() { "(no summary)" } else { &c.summary });
    ui.add(egui::Label::new(summary).truncate());
}

fn promise_state_ui(
    ui: &mut egui::Ui,
    c: &Commitment,
    as_of: jiff::civil::Date,
    next_exchange: crate::model::Id,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    if let Some(done) = c.done {
        ui.weak(format!("done {done}"));
        return;
    }
    if view.completing == Some(c.id) {
        let verb = if c.direction == Direction::Gave { "given" } else { "received" };
        if ui.button(format!("Done, and record {:.1} h {verb}", c.hours)).clicked() {
            let edit = complete_promise(c, as_of, true, next_exchange);
            actions.push(Action::one_click(edit, format!("Marked done · {:.1} h {verb}", c.hours)));
            view.completing = None;
        }
        if ui.button("Just mark done").clicked() {
            actions.push(Action::one_click(complete_promise(c, as_of, false, next_exchange), "Marked done"));
            view.completing = None;
        }
        if ui.button("Cancel").clicked() {
            view.completing = None;
        }
    } else if ui.button("Done").on_hover_text("Mark this promise kept").clicked() {
        view.completing = Some(c.id);
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
}
