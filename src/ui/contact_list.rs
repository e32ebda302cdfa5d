//! The contact list: search, sort, archived filter, "New contact"; virtualised rows.

use egui_extras::{Column, TableBuilder};

use crate::analysis::{Band, Derived};
use crate::model::Network;
use crate::state::{Action, Command, FocusField, Prefs, SortBy, ViewState};

pub fn contact_list_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    prefs: &mut Prefs,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Contacts");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("New contact").on_hover_text(Command::NewContact.tooltip()).clicked() {
                actions.push(Action::Command(Command::NewContact));
            }
        });
    });
    let search = ui.add(
        egui::TextEdit::singleline(&mut view.search)
            .hint_text("Search name, organisation, tag…")
            .desired_width(f32::INFINITY),
    );
    search.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search contacts"));
    if view.take_focus(FocusField::Search) {
        search.request_focus();
    }
    if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        // The first match, as the list shows it, opens.
        if let Some(contact) = derived.contact_rows().first().and_then(|&i| network.contacts.get(i)) {
            view.open_contact(contact.id);
        }
    } else if super::fields::escaped(ui, &search) {
        view.search.clear();
    }
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("Sort").selected_text(prefs.sort.label()).show_ui(ui, |ui| {
            for sort in SortBy::ALL {
                ui.selectable_value(&mut prefs.sort, sort, sort.label());
            }
        });
        ui.checkbox(&mut prefs.show_archived, "Show archived");
        if search.has_focus() {
            // Beside the sort, not on a line of its own: the list does not jump.
            super::fields::keys_hint(ui, "Enter: open the first · Esc: clear");
        }
    });
    filters_ui(ui, view);
    ui.separator();

    if derived.contact_rows().is_empty() {
        ui.weak(if network.contacts.is_empty() {
            "No contacts yet. Add one with “New contact”."
        } else {
            "No contact matches."
        });
        return;
    }
    rows_ui(ui, network, derived, &mut prefs.sort, view);
}

/// Only one band, only the overdue.
fn filters_ui(ui: &mut egui::Ui, view: &mut ViewState) {
    ui.horizontal(|ui| {
        // Not "Band" nor "Overdue only": the Network page beside has those for the map.
        let shown = view.band_filter.map_or("Every band", Band::label);
        let label = ui.label("Show");
        let combo = egui::ComboBox::from_id_salt("contact_band").selected_text(shown).show_ui(ui, |ui| {
            ui.selectable_value(&mut view.band_filter, None, "Every band");
            for band in Band::ALL {
                ui.selectable_value(&mut view.band_filter, Some(band), band.label());
            }
        });
        let _ = combo.response.labelled_by(label.id);
        ui.checkbox(&mut view.overdue_only, "Overdue")
            .on_hover_text("Only contacts past their check-in cadence on the as-of date");
    });
}

fn rows_ui(ui: &mut egui::Ui, network: &Network, derived: &Derived, sort: &mut SortBy, view: &mut ViewState) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut clicked = None;
    // Labels that select text would swallow the row's click.
    ui.style_mut().interaction.selectable_labels = false;
    // A narrow list scrolls sideways to its last columns (egui_extras' way: the table
    // inside a horizontal scroll area).
    egui::ScrollArea::horizontal().id_salt("contact_table_columns").show(ui, |ui| {
        super::viewports::note_scroll_viewport(ui, [true, false]);
        table_ui(ui, network, derived, sort, view, row_height, &mut clicked);
    });
    if let Some(id) = clicked {
        view.select_contact(Some(id));
    }
}

fn table_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    sort: &mut SortBy,
    view: &mut ViewState,
    row_height: f32,
    clicked: &mut Option<crate::model::Id>,
) {
    let snapshot = derived.snapshot();
    let mut table = TableBuilder::new(ui);
    if std::mem::take(&mut view.scroll_to_selected) {
        let rows = derived.contact_rows();
        let at =
            rows.iter().position(|&i| network.contacts.get(i).is_some_and(|c| Some(c.id) == view.selected));
        if let Some(at) = at {
            table = table.scroll_to_row(at, None);
        }
    }
    table
        .id_salt("contact_table")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::auto().at_least(62.0))
        .column(Column::auto().at_least(40.0))
        .column(Column::auto().at_least(44.0))
        .column(Column::auto().at_least(80.0))
        .column(Column::auto().at_least(55.0))
        .header(row_height, |mut header| {
            for (title, order, tip) in [
                ("Name", SortBy::Name, ""),
                ("Band", SortBy::Band, "Where the give/receive balance stands"),
                ("Share", SortBy::Share, "Your share of the giving, decayed over time"),
                ("Mutual", SortBy::Mutual, "What flows both ways: the smaller of given and received"),
                ("Last touch", SortBy::LastTouch, "Latest exchange, check-in or introduction"),
                ("Overdue", SortBy::Overdue, "Days past the check-in cadence"),
            ] {
                header.col(|ui| {
                    // A click on a column's title sorts by it.
                    // The order in use is underlined.
                    let mut text = egui::RichText::new(title).strong();
                    if *sort == order {
                        text = text.underline();
                    }
                    let r = ui.add(egui::Button::new(text).frame(false));
                    let r = if tip.is_empty() {
                        r
                    } else {
                        r.on_hover_text(format!("{tip}. Click to sort by it"))
                    };
                    if r.clicked() {
                        *sort = order;
                    }
                });
            }
        })
        .body(|mut body| {
            super::viewports::note_scroll_viewport(body.ui_mut(), [false, true]);
            let rows = derived.contact_rows();
            body.rows(row_height, rows.len(), |mut row| {
                let Some(contact) = rows.get(row.index()).and_then(|&i| network.contacts.get(i)) else {
                    return;
                };
                let stats = snapshot.stats(contact.id);
                row.set_selected(view.selected == Some(contact.id));
                row.col(|ui| {
                    let name = derived.name(network, contact.id);
                    if contact.archived {
                        ui.weak(format!("{name} (archived)"));
                    } else {
                        ui.label(name);
                    }
                });
                row.col(|ui| {
                    if let Some(s) = stats {
                        ui.label(s.band.label());
                    }
                });
                row.col(|ui| {
                    match stats
                        .and_then(|s| s.share)
                        .filter(|_| stats.is_some_and(|s| s.band != Band::Communal))
                    {
                        Some(share) => ui.label(format!("{:.0}%", share * 100.0)),
                        None => ui.weak("—"),
                    };
                });
                row.col(|ui| {
                    match stats.filter(|s| s.mutual > 0.0) {
                        Some(s) => ui.label(format!("{:.1}", s.mutual)),
                        None => ui.weak("—"),
                    };
                });
                row.col(|ui| {
                    if let Some(s) = stats {
                        ui.label(s.last_touch.to_string());
                    }
                });
                row.col(|ui| {
                    match stats.map(|s| s.overdue_days) {
                        Some(days) if days > 0 => {
                            ui.colored_label(ui.visuals().warn_fg_color, format!("{days} d"))
                        }
                        _ => ui.weak("—"),
                    };
                });
                if row.response().clicked() {
                    *clicked = Some(contact.id);
                }
            });
        });
}
