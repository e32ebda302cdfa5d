//! The dashboard's "Check-ins due": one row per contact waiting on a check-in, with
//! one click to log it. A row logged stays in place, greyed, until the pointer leaves
//! the list (see [`crate::state::HeldRows`]), so the next row does not jump under it.

use crate::analysis::{CheckIn, Derived, advice};
use crate::model::{Channel, Heard, Id, Network, check_in_as};
use crate::state::{Action, ViewState};

/// The list, as [`ViewState::held_rows`] names it.
const HELD: &str = "check_ins";

pub(super) fn check_ins_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let snapshot = derived.snapshot();
    ui.strong(format!("Check-ins due ({})", super::numbers::count(snapshot.check_ins.len())));
    let held = view.held_rows(HELD).map(<[Id]>::to_vec);
    if snapshot.check_ins.is_empty() && held.is_none() {
        ui.weak("Nobody is waiting on a check-in.");
        return;
    }
    let row_height = ui.spacing().interact_size.y * 2.2;
    let rows = held.as_ref().map_or(snapshot.check_ins.len(), Vec::len);
    let list = egui::ScrollArea::vertical()
        .id_salt("check_ins")
        .max_height(260.0)
        .min_scrolled_height(260.0)
        .show_rows(ui, row_height, rows, |ui, range| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            // Held: the contacts as they were; one no longer due was just checked in.
            let shown: Vec<(Id, Option<&CheckIn>)> = match &held {
                Some(ids) => ids[range]
                    .iter()
                    .map(|&id| (id, snapshot.check_ins.iter().find(|c| c.id == id)))
                    .collect(),
                None => snapshot.check_ins[range].iter().map(|c| (c.id, Some(c))).collect(),
            };
            for (id, due) in shown {
                ui.push_id(id, |ui| {
                    let logged = row_ui(ui, network, derived, id, due, view, actions);
                    if logged {
                        view.hold_rows(HELD, || snapshot.check_ins.iter().map(|c| c.id).collect());
                        // The agenda above lists the check-in too: it keeps its rows, and
                        // this list its place.
                        if view.held_agenda.is_none() {
                            view.held_agenda = derived.agenda().map(<[_]>::to_vec);
                        }
                    }
                });
            }
        });
    super::held::release_when_left(ui, view, HELD, list.inner_rect);
}

/// One contact's row, greyed once checked in (`due` is `None`); returns whether Log
/// check-in was clicked.
fn row_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    id: Id,
    due: Option<&CheckIn>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) -> bool {
    let snapshot = derived.snapshot();
    let as_of = snapshot.as_of.unwrap_or(view.today);
    let mut logged = false;
    ui.add_enabled_ui(due.is_some(), |ui| {
        ui.horizontal(|ui| {
            if ui.button("Log check-in").on_hover_text("Record a check-in dated the as-of day").clicked() {
                let next = derived.next_touch_id(network, derived.revision());
                let edit = check_in_as(next, id, as_of, Channel::Other, &Heard::default());
                actions.push(Action::one_click(edit, "Check-in logged"));
                logged = true;
            }
            if ui.button("Details…").on_hover_text("Log a check-in with what you heard").clicked() {
                actions.push(Action::CheckIn(id));
            }
            if ui.link(derived.name(network, id)).on_hover_text("Open this contact").clicked() {
                view.open_contact(id);
            }
            let state = match due {
                Some(item) => {
                    format!("{} days overdue · every {} days", item.overdue_days, item.cadence_days)
                }
                None => "checked in".to_owned(),
            };
            ui.add(egui::Label::new(egui::RichText::new(state).weak()).truncate());
        });
        if let Some(stats) = snapshot.stats(id) {
            let advice = advice(stats.band, stats);
            let line = match derived.last_heard(network, id) {
                Some(heard) => format!("last time: {heard} · {advice}"),
                None => advice.to_owned(),
            };
            ui.add(egui::Label::new(egui::RichText::new(line).weak()).truncate());
        }
    });
    logged
}
