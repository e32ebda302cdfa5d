//! The contact list: search, sort, archived filter, "New contact"; virtualised rows.

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
    // A narrow list scrolls sideways to its last columns.
    egui::ScrollArea::horizontal().id_salt("contact_table_columns").show(ui, |ui| {
        super::viewports::note_scroll_viewport(ui, [true, false]);
        super::contact_rows::table_ui(ui, network, derived, sort, view);
    });
}
