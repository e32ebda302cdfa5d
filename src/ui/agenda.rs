//! The dashboard's agenda: what is coming up this week — check-ins due, promises due,
//! important dates — overdue first, each with its one-click action. The list is
//! [`crate::analysis::agenda`]'s, the same `rapport due` prints.

use jiff::civil::Date;

use crate::analysis::{AGENDA_DAYS, AgendaItem, AgendaKind, Derived};
use crate::model::{Channel, Heard, Network, check_in_as, complete_promise, find_by_id};
use crate::state::{Action, ViewState};

pub fn agenda_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    as_of: Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let Some(current) = derived.agenda() else { return };
    let held = view.held_agenda.take();
    let items = held.as_deref().unwrap_or(current);
    let overdue = items.iter().take_while(|item| item.is_overdue(as_of)).count();
    ui.horizontal(|ui| {
        ui.strong(format!(
            "Coming up in the next {AGENDA_DAYS} days ({})",
            super::numbers::count(items.len())
        ));
        if overdue > 0 {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{} overdue", super::numbers::count(overdue)),
            );
        }
    });
    if items.is_empty() {
        ui.weak("Nothing due this week: no check-ins, promises or dates.");
        return;
    }
    let mut hold = held.is_some();
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let height = (row_height * items.len() as f32).min(row_height * 7.5);
    let list = egui::ScrollArea::vertical()
        .id_salt("agenda")
        .max_height(height)
        .min_scrolled_height(height)
        .show_rows(ui, row_height, items.len(), |ui, range| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            for (offset, item) in items[range.clone()].iter().enumerate() {
                ui.push_id(range.start + offset, |ui| {
                    let asked = actions.len();
                    // An item done by a one-click action stays in place, greyed.
                    let open = held.is_none() || current.contains(item);
                    ui.add_enabled_ui(open, |ui| {
                        ui.horizontal(|ui| row_ui(ui, network, derived, as_of, item, view, actions));
                    });
                    hold |= actions[asked..].iter().any(|a| matches!(a, Action::OneClick { .. }));
                });
            }
        });
    // Held until the pointer leaves the list (or the page changes); and while a list
    // below holds its rows, so that it does not move up under the pointer.
    if hold && (ui.rect_contains_pointer(list.inner_rect) || view.held.is_some()) {
        view.held_agenda = Some(held.unwrap_or_else(|| current.to_vec()));
    } else if held.is_some() {
        ui.ctx().request_repaint();
    }
}

fn row_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    as_of: Date,
    item: &AgendaItem,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    action_ui(ui, network, derived, as_of, item, actions);
    let when = if item.date < as_of {
        let days = (as_of - item.date).get_days();
        egui::RichText::new(format!("{} · {days} d late", item.date)).color(ui.visuals().warn_fg_color)
    } else if item.date == as_of {
        egui::RichText::new("today").strong()
    } else {
        egui::RichText::new(item.date.to_string())
    };
    ui.label(when);
    ui.weak(match item.kind {
        AgendaKind::CheckIn => "check in with",
        AgendaKind::Promise if item.direction == Some(crate::model::Direction::Gave) => "you promised",
        AgendaKind::Promise => "promised you",
        AgendaKind::Date => "",
    });
    if ui.link(derived.name(network, item.contact)).on_hover_text("Open this contact").clicked() {
        view.open_contact(item.contact);
    }
    let text = match item.kind {
        AgendaKind::CheckIn => {
            derived.last_heard(network, item.contact).map(|heard| format!("last time: {heard}"))
        }
        _ => (!item.text.is_empty()).then(|| item.text.clone()),
    };
    if let Some(text) = text {
        ui.add(egui::Label::new(egui::RichText::new(text).weak()).truncate());
    }
}

/// The one-click action of an item: log the check-in, mark the promise kept (and
/// record it), or note the occasion with a check-in.
fn action_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    as_of: Date,
    item: &AgendaItem,
    actions: &mut Vec<Action>,
) {
    match item.kind {
        AgendaKind::CheckIn => {
            if ui.button("Log check-in").on_hover_text("Record a check-in dated the as-of day").clicked() {
                let heard = Heard::default();
                let next = derived.next_touch_id(network, derived.revision());
                let edit = check_in_as(next, item.contact, as_of, Channel::Other, &heard);
                actions.push(Action::one_click(edit, "Check-in logged"));
            }
            if ui.small_button("…").on_hover_text("Log a check-in with what you heard").clicked() {
                actions.push(Action::CheckIn(item.contact));
            }
        }
        AgendaKind::Promise => {
            let promise = item.commitment.and_then(|id| find_by_id(&network.commitments, id));
            if let Some(promise) = promise {
                let verb =
                    if promise.direction == crate::model::Direction::Gave { "given" } else { "received" };
                let hover =
                    format!("Mark it kept and record {:.1} h {verb}, dated the as-of day", promise.hours);
                if ui.button("Done").on_hover_text(hover).clicked() {
                    let exchange = derived.next_exchange_id(network, derived.revision());
                    let edit = complete_promise(promise, as_of, true, exchange);
                    actions.push(Action::one_click(
                        edit,
                        format!("Marked done · {:.1} h {verb}", promise.hours),
                    ));
                }
            }
        }
        AgendaKind::Date => {
            if ui.button("Note…").on_hover_text("Wish them well and note it as a check-in").clicked() {
                actions.push(Action::CheckIn(item.contact));
            }
        }
    }
}
