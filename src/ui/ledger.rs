//! A contact's exchange ledger: a virtualised table, and an editor for the selected
//! exchange (add, edit, delete).

use egui_extras::{Column, TableBuilder};

use super::fields::{EnterMovesOn, date_picker, escaped, keys_hint, text_row};
use crate::analysis::Derived;
use crate::model::{Change, Direction, Edit, Exchange, Id, Kind, Network};
use crate::state::{Action, Command, EditRequest, FocusField, ViewState};

pub fn ledger_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    contact: Id,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let rows = derived.ledger(contact);
    ui.horizontal(|ui| {
        match rows {
            Some(rows) => ui.heading(format!("Exchanges ({})", super::numbers::count(rows.len()))),
            None => ui.heading("Exchanges"),
        };
        if ui
            .button("Log exchange")
            .on_hover_text(format!(
                "{} ({})",
                Command::NewExchange.tooltip(),
                Command::NewExchange.shortcut().map(|s| ui.ctx().format_shortcut(&s)).unwrap_or_default()
            ))
            .clicked()
        {
            actions.push(Action::Command(Command::NewExchange));
        }
    });
    let selected = view
        .selected_exchange
        .and_then(|id| crate::model::find_by_id(&network.exchanges, id))
        .filter(|e| e.contact == contact);
    if let Some(exchange) = selected {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            exchange_editor_ui(ui, exchange, view, actions);
            boundary_warnings_ui(ui, network, derived, exchange);
        });
    }
    match rows {
        // A busy contact's, being built off the UI thread.
        None => super::contact::reading_ui(ui, derived, contact, 240.0),
        Some([]) => {
            ui.weak("Nothing logged yet: record help you gave or received with “Log exchange”.");
        }
        Some(rows) => table_ui(ui, network, rows, view),
    }
}

fn table_ui(ui: &mut egui::Ui, network: &Network, rows: &[usize], view: &mut ViewState) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut clicked = None;
    // Labels that select text would swallow the row's click.
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .id_salt("ledger_table")
        .striped(true)
        .sense(egui::Sense::click())
        .max_scroll_height(360.0)
        // Never a sliver at the bottom of a short window: the page scrolls to it instead.
        .min_scrolled_height(240.0)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::auto().at_least(80.0))
        .column(Column::auto().at_least(70.0))
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(40.0))
        .column(Column::auto().at_least(40.0))
        .column(Column::remainder().clip(true))
        .header(row_height, |mut header| {
            for title in ["Date", "Direction", "Kind", "Hours", "Value", "Summary"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|mut body| {
            super::viewports::note_scroll_viewport(body.ui_mut(), [false, true]);
            body.rows(row_height, rows.len(), |mut row| {
                let Some(e) = rows.get(row.index()).and_then(|&i| network.exchanges.get(i)) else {
                    return;
                };
                row.set_selected(view.selected_exchange == Some(e.id));
                row.col(|ui| {
                    ui.label(e.date.to_string());
                });
                row.col(|ui| {
                    ui.label(e.direction.label());
                });
                row.col(|ui| {
                    ui.label(e.kind.label());
                });
                row.col(|ui| {
                    ui.label(format!("{:.2}", e.hours));
                });
                row.col(|ui| {
                    ui.label(e.value.to_string());
                });
                row.col(|ui| {
                    ui.label(&e.summary);
                });
                if row.response().clicked() {
                    clicked = Some(e.id);
                }
            });
        });
    if let Some(id) = clicked {
        view.selected_exchange = if view.selected_exchange == Some(id) { None } else { Some(id) };
    }
}

/// Says when a gift touches a stated limit or takes its month over capacity.
fn boundary_warnings_ui(ui: &mut egui::Ui, network: &Network, derived: &Derived, exchange: &Exchange) {
    if exchange.direction != Direction::Gave {
        return;
    }
    let warn = ui.visuals().warn_fg_color;
    for limit in crate::analysis::limits_touched(&network.profile, exchange) {
        ui.colored_label(warn, format!("This may touch one of your limits: “{limit}”. It's your call."));
    }
    let Some((hours, capacity)) = derived.month_load(exchange.date) else { return };
    if capacity > 0.0 && hours > capacity {
        ui.colored_label(
            warn,
            format!(
                "{} is at {hours:.1} h of your {capacity:.1} h budget with this. Consider what can wait.",
                exchange.date.strftime("%B %Y")
            ),
        );
    }
}

fn exchange_editor_ui(
    ui: &mut egui::Ui,
    exchange: &Exchange,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let mut draft = exchange.clone();
    let mut changed: Option<&'static str> = None;
    let mut enter = EnterMovesOn::default();
    let mut left = false;
    let mut note = |field: &'static str, response: &egui::Response| {
        if response.changed() {
            changed = Some(field);
        }
    };
    egui::Grid::new("exchange_fields").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        ui.label("Date");
        note("date", &date_picker(ui, "Date", "exchange_date", &mut draft.date));
        ui.end_row();
        ui.label("Direction");
        ui.horizontal(|ui| {
            for direction in Direction::ALL {
                let text = match direction {
                    Direction::Gave => "I gave",
                    Direction::Received => "I received",
                };
                note("direction", &ui.radio_value(&mut draft.direction, direction, text));
            }
        });
        ui.end_row();
        ui.label("Kind");
        let kind = egui::ComboBox::from_id_salt("exchange_kind")
            .selected_text(draft.kind.label())
            .show_ui(ui, |ui| {
                Kind::ALL.iter().any(|k| ui.selectable_value(&mut draft.kind, *k, k.label()).changed())
            });
        let mut kind_response = kind.response;
        if kind.inner == Some(true) {
            kind_response.mark_changed();
        }
        kind_response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Kind"));
        note("kind", &kind_response);
        ui.end_row();
        let hours = ui.label("Hours");
        note(
            "hours",
            &ui.add(egui::DragValue::new(&mut draft.hours).range(0.0..=1000.0).speed(0.25).max_decimals(2))
                .labelled_by(hours.id),
        );
        ui.end_row();
        let value = ui.label("Value");
        note(
            "value",
            &ui.add(egui::Slider::new(&mut draft.value, 1..=5))
                .labelled_by(value.id)
                .on_hover_text("How much it was worth to the one who received it, 1–5"),
        );
        ui.end_row();
        let summary = text_row(ui, "Summary", &mut draft.summary);
        if view.take_focus(FocusField::ExchangeSummary) {
            summary.request_focus();
        }
        note("summary", &summary);
        let outcome = text_row(ui, "Outcome", &mut draft.outcome);
        note("outcome", &outcome);
        // Enter goes from the summary to the outcome, then closes the editor.
        enter.field(ui, &summary);
        enter.field(ui, &outcome);
        left = escaped(ui, &summary) || escaped(ui, &outcome);
        ui.label("Thanks");
        note("thanked", &ui.checkbox(&mut draft.thanked, "Thanked"));
        ui.end_row();
    });
    let id = exchange.id;
    if let Some(field) = changed.filter(|_| draft != *exchange) {
        let request = EditRequest::new(format!("Edit exchange {field}"), Edit::Exchanges(Change::Put(draft)));
        actions.push(Action::edit(request.merging(format!("exchange:{id}:{field}"))));
    }
    if left {
        actions.push(Action::LeaveForm);
    }
    keys_hint(ui, "Kept as you type (Ctrl+Z undoes) · Enter: next field, then done · Esc: leave the field");
    ui.horizontal(|ui| {
        if ui.button("Delete exchange").clicked() {
            actions.push(Action::edit(EditRequest::new(
                "Delete exchange",
                Edit::Exchanges(Change::Remove(vec![id])),
            )));
            view.selected_exchange = None;
        }
        if ui.button("Done").clicked() || enter.finished() {
            view.selected_exchange = None;
            actions.push(Action::SealHistory);
        }
    });
}
