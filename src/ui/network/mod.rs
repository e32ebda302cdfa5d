//! The Network page: the whole network as a map around you (DESIGN "The numbers"),
//! its filters and search, and what it says about the contacts it does not draw.
//! The map and what the filters keep are derived data ([`Derived::map_view`]); this
//! page only draws them ([`draw`]).

mod draw;
mod mesh;

use crate::analysis::{Band, Derived, MAP_LIMIT, MapLayout, MapQuery, MapView, NetworkMap};
use crate::model::Network;
use crate::palette;
use crate::state::{Action, Command, ViewState};

use super::numbers::count;

pub fn network_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let query = view.map.query.clone();
    let (Some(layout), Some(map), Some(shown)) =
        (derived.map_layout(), derived.network_map(), derived.map_view(&query))
    else {
        ui.spinner();
        return;
    };
    egui::ScrollArea::vertical().id_salt("page_network").auto_shrink(false).show(ui, |ui| {
        super::viewports::note_scroll_viewport(ui, [false, true]);
        ui.heading("Network");
        // Wrapped on a narrow window: a line wider than the page would widen every row below.
        ui.weak("closer = more given and received · size = mutual · lines = introductions made");
        controls_ui(ui, layout, &mut view.map, actions);
        summary_ui(ui, network, map, shown, &mut view.map.query);
        legend_ui(ui, map);
        if let Some(open) = draw::map_ui(ui, network, layout, map, shown, &mut view.map) {
            view.open_contact(open);
        }
    });
}

/// The filters, the search, "Fit" and the export, wrapping on a narrow window.
fn controls_ui(
    ui: &mut egui::Ui,
    layout: &MapLayout,
    state: &mut crate::state::MapState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let query = &mut state.query;
        let band_label = query.band.map_or("Any band", Band::label);
        egui::ComboBox::from_label("Band").selected_text(band_label).show_ui(ui, |ui| {
            ui.selectable_value(&mut query.band, None, "Any band");
            for band in palette::BANDS {
                ui.selectable_value(&mut query.band, Some(band), band.label());
            }
        });
        choice_ui(ui, "Tag", "Any tag", &layout.tags, &mut query.tag);
        choice_ui(ui, "Organisation", "Any organisation", &layout.organisations, &mut query.organisation);
        ui.checkbox(&mut query.overdue_only, "Overdue only")
            .on_hover_text("Only the people whose check-in is overdue");
        let search = ui.add(
            egui::TextEdit::singleline(&mut query.search).hint_text("Find a person…").desired_width(140.0),
        );
        search.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find on the map"));
        if super::fields::escaped(ui, &search) {
            query.search.clear();
        }
        if ui.button("Fit").on_hover_text("Zoom out to the whole network").clicked() {
            state.fit();
        }
        if ui.button("Export SVG…").on_hover_text(Command::ExportMap.tooltip()).clicked() {
            actions.push(Action::Command(Command::ExportMap));
        }
    });
}

/// A combo box offering `choices` (or none of them).
fn choice_ui(ui: &mut egui::Ui, label: &str, any: &str, choices: &[String], chosen: &mut Option<String>) {
    let text = chosen.clone().unwrap_or_else(|| any.to_owned());
    egui::ComboBox::from_label(label).selected_text(text).width(130.0).show_ui(ui, |ui| {
        ui.selectable_value(chosen, None, any);
        for choice in choices {
            let selected = chosen.as_deref() == Some(choice.as_str());
            if ui.selectable_label(selected, choice).clicked() {
                *chosen = Some(choice.clone());
            }
        }
    });
}

/// What is drawn and what is not: "showing the 500 strongest of 10,000 · show all",
/// the contacts with no weight grouped on the outer ring, the search's matches.
fn summary_ui(ui: &mut egui::Ui, network: &Network, map: &NetworkMap, view: &MapView, query: &mut MapQuery) {
    ui.horizontal_wrapped(|ui| {
        let filtered = view.matching < view.total;
        let of = if filtered {
            format!("{} matching ({} on the map)", count(view.matching), count(view.total))
        } else {
            count(view.total)
        };
        if view.limited {
            ui.label(format!("showing the {} strongest of {of}", count(view.shown.len().min(MAP_LIMIT))));
            if ui.link("show all").on_hover_text("Draw every person the filters keep").clicked() {
                query.show_all = true;
            }
        } else {
            ui.label(format!("showing all {of}"));
            if query.show_all
                && view.matching > MAP_LIMIT
                && ui.link(format!("only the {MAP_LIMIT} strongest")).clicked()
            {
                query.show_all = false;
            }
        }
        if view.unweighted_count > 0 {
            let grouped: usize = view.unweighted.iter().map(|g| g.count).sum();
            let text = if grouped > 0 {
                format!(
                    "· {} with no weight yet on the outer ring ({} of them grouped by organisation or tag)",
                    count(view.unweighted_count),
                    count(grouped)
                )
            } else {
                format!("· {} with no weight yet on the outer ring", count(view.unweighted_count))
            };
            ui.weak(text);
        }
        if !query.search.trim().is_empty() {
            match view.found.and_then(|i| map.nodes.get(i as usize)) {
                Some(node) => {
                    let name = network.contacts.get(node.index).map_or("", |c| c.name.as_str());
                    let more = view.found_count.saturating_sub(1);
                    let others =
                        if more > 0 { format!(" (and {} more)", count(more)) } else { String::new() };
                    ui.colored_label(ui.visuals().hyperlink_color, format!("· found {name}{others}"));
                }
                None => {
                    ui.weak("· nobody of that name on the map");
                }
            }
        }
    });
}

/// Each band's colour and shape, with how many people are in it.
fn legend_ui(ui: &mut egui::Ui, map: &NetworkMap) {
    ui.horizontal_wrapped(|ui| {
        for band in palette::BANDS {
            let n = map.band_count(band);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            draw::band_mark(ui.painter(), band, rect.center(), 5.0, false);
            ui.label(format!("{} {}", band.label(), count(n)));
        }
    });
}
