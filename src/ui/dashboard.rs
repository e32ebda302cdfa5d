//! The dashboard: give and receive per month, capacity and fatigue, check-ins due,
//! imbalances, unthanked help, and every contact by given vs received.

use egui_plot::{Axis, Bar, BarChart, HLine, Legend, Line, LineStyle, Plot, PlotPoints, Points};

use super::axes;
use super::colors::{band_color, color};
use crate::analysis::{Band, Derived, Snapshot, days};
use crate::model::{Id, Network, find_by_id, mark_thanked};
use crate::palette;
use crate::state::{Action, FlowRange, ViewState};

pub fn dashboard_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let snapshot = derived.snapshot();
    let as_of = snapshot.as_of.unwrap_or(view.today);
    egui::ScrollArea::vertical().id_salt("page_dashboard").auto_shrink(false).show(ui, |ui| {
        super::viewports::note_scroll_viewport(ui, [false, true]);
        ui.horizontal(|ui| {
            ui.heading("Dashboard");
            ui.add_space(16.0);
            ui.label("As of");
            let mut date = as_of;
            if super::fields::date_picker(ui, "As of", "as_of", &mut date).changed() {
                actions.push(Action::SetAsOf(date));
            }
            if date != view.today && ui.small_button("Today").clicked() {
                actions.push(Action::SetAsOf(view.today));
            }
        });
        if let Some(fatigue) = &snapshot.fatigue {
            egui::Frame::group(ui.style()).fill(ui.visuals().faint_bg_color).show(ui, |ui| {
                ui.colored_label(ui.visuals().warn_fg_color, "Take care of your capacity");
                for reason in &fatigue.reasons {
                    ui.label(reason.explain());
                }
            });
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            super::agenda::agenda_ui(ui, network, derived, as_of, view, actions);
        });
        // Side by side on a wide page; one above the other when two would not fit.
        let stacked = ui.available_width() < STACK_BELOW_WIDTH;
        for pair in [
            [Section::Flow, Section::Capacity],
            [Section::CheckIns, Section::Imbalances],
            [Section::Unthanked, Section::Scatter],
        ] {
            if stacked {
                for section in pair {
                    section_ui(ui, section, network, derived, as_of, view, actions);
                    ui.add_space(8.0);
                }
            } else {
                ui.columns(2, |columns| {
                    for (ui, section) in columns.iter_mut().zip(pair) {
                        section_ui(ui, section, network, derived, as_of, view, actions);
                    }
                });
            }
            if pair[0] != Section::Unthanked {
                ui.separator();
            }
        }
    });
}

/// Below this width (in points) the page shows its sections one above the other.
const STACK_BELOW_WIDTH: f32 = 640.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Flow,
    Capacity,
    CheckIns,
    Imbalances,
    Unthanked,
    Scatter,
}

fn section_ui(
    ui: &mut egui::Ui,
    section: Section,
    network: &Network,
    derived: &Derived,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let snapshot = derived.snapshot();
    match section {
        Section::Flow => flow_ui(ui, snapshot, as_of, view),
        Section::Capacity => capacity_ui(ui, snapshot),
        Section::CheckIns => super::check_ins_due::check_ins_ui(ui, network, derived, view, actions),
        Section::Imbalances => imbalances_ui(ui, network, derived, view),
        Section::Unthanked => unthanked_ui(ui, network, derived, view, actions),
        Section::Scatter => scatter_ui(ui, network, snapshot, view),
    }
}

fn flow_ui(ui: &mut egui::Ui, snapshot: &Snapshot, as_of: jiff::civil::Date, view: &mut ViewState) {
    ui.horizontal(|ui| {
        ui.strong("Given and received per month");
        egui::ComboBox::from_label("Range").selected_text(view.flow_range.label()).show_ui(ui, |ui| {
            for range in FlowRange::ALL {
                ui.selectable_value(&mut view.flow_range, range, range.label());
            }
        });
    });
    let last = days::month_index(as_of);
    let first = view.flow_range.months().map_or(i32::MIN, |n| last - n + 1);
    let months: Vec<_> = snapshot.flow.iter().filter(|m| m.month >= first && m.month <= last).collect();
    // Solid, as in the report and its HTML: the same colour reads the same everywhere.
    let (gave, received) = (color(palette::GAVE), color(palette::RECEIVED));
    let given: Vec<Bar> =
        months.iter().map(|m| Bar::new(f64::from(m.month), m.given.value).width(0.4).fill(gave)).collect();
    let received_bars: Vec<Bar> = months
        .iter()
        .map(|m| Bar::new(f64::from(m.month), -m.received.value).width(0.4).fill(received))
        .collect();
    let net: Vec<[f64; 2]> = months.iter().map(|m| [f64::from(m.month), m.net_value()]).collect();
    // The key in a row of its own: a legend inside the plot would sit on the bars.
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("given: up").color(gave).small());
        ui.label(egui::RichText::new("received: down").color(received).small());
        ui.label(egui::RichText::new("net: line").color(color(palette::NET)).small());
    });
    Plot::new("flow_plot")
        .height(180.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .grid_spacing(axes::GRID_SPACING)
        .x_grid_spacer(axes::month_marks)
        .y_grid_spacer(axes::value_marks)
        .custom_x_axes(vec![axes::month_axis()])
        .custom_y_axes(vec![axes::value_axis(Axis::Y, "value")])
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("Given", given).color(gave));
            plot.bar_chart(BarChart::new("Received", received_bars).color(received));
            plot.line(Line::new("Net", PlotPoints::from(net)).color(color(palette::NET)).width(2.0));
        });
}

fn capacity_ui(ui: &mut egui::Ui, snapshot: &Snapshot) {
    ui.strong("Capacity");
    let current = &snapshot.current.month;
    let fraction = current.ratio.unwrap_or(0.0) as f32;
    let text = format!(
        "{:.1} h of {:.1} h this month ({:.1} h given, {:.1} h promised)",
        current.hours, current.capacity, current.gave_hours, current.promised_hours
    );
    let bar = egui::ProgressBar::new(fraction.min(1.0)).text(text);
    let bar = if fraction > 1.0 { bar.fill(ui.visuals().warn_fg_color) } else { bar };
    ui.add(bar);
    let bars: Vec<Bar> = snapshot
        .capacity
        .iter()
        .map(|m| {
            let bar = Bar::new(f64::from(m.month), m.hours).width(0.6);
            bar.fill(color(if m.is_over_budget() { palette::OVER_BUDGET } else { palette::WITHIN_BUDGET }))
        })
        .collect();
    Plot::new("capacity_plot")
        .height(150.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(current.capacity * 1.2)
        .grid_spacing(axes::GRID_SPACING)
        .x_grid_spacer(axes::month_marks)
        .y_grid_spacer(axes::value_marks)
        .custom_x_axes(vec![axes::month_axis()])
        .custom_y_axes(vec![axes::value_axis(Axis::Y, "hours")])
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("Hours", bars).color(color(palette::WITHIN_BUDGET)));
            plot.hline(
                HLine::new("Budget", current.capacity)
                    .color(color(palette::BUDGET_LINE))
                    .style(LineStyle::dashed_loose()),
            );
        });
}

fn imbalances_ui(ui: &mut egui::Ui, network: &Network, derived: &Derived, view: &mut ViewState) {
    let snapshot = derived.snapshot();
    ui.strong(format!("Leaning one way ({})", super::numbers::count(snapshot.imbalances.len())));
    if snapshot.imbalances.is_empty() {
        ui.weak("Every scored relationship is balanced or quiet.");
        return;
    }
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("imbalances")
        .max_height(260.0)
        .min_scrolled_height(260.0)
        .show_rows(ui, row_height, snapshot.imbalances.len(), |ui, range| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            for item in &snapshot.imbalances[range] {
                ui.horizontal(|ui| {
                    if ui.link(derived.name(network, item.id)).clicked() {
                        view.open_contact(item.id);
                    }
                    let what = match item.band {
                        Band::Giving => "you gave more",
                        _ => "they gave more",
                    };
                    let text = format!("{} · {:.0}% yours · {what}", item.band.label(), item.share * 100.0);
                    ui.add(
                        egui::Label::new(egui::RichText::new(text).color(band_color(item.band))).truncate(),
                    );
                });
            }
        });
}

fn unthanked_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let snapshot = derived.snapshot();
    ui.strong(format!("Help not yet thanked ({})", super::numbers::count(snapshot.unthanked.len())));
    if snapshot.unthanked.is_empty() && view.held_rows(HELD).is_none() {
        ui.weak("You have thanked everyone for their help.");
        return;
    }
    let held = view.held_rows(HELD).map(<[Id]>::to_vec);
    let row_height = ui.spacing().interact_size.y;
    let rows = held.as_ref().map_or(snapshot.unthanked.len(), Vec::len);
    let list = egui::ScrollArea::vertical()
        .id_salt("unthanked")
        .max_height(220.0)
        .min_scrolled_height(220.0)
        .show_rows(ui, row_height, rows, |ui, range| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            let shown: Vec<&crate::model::Exchange> = match &held {
                Some(ids) => ids[range].iter().filter_map(|&id| find_by_id(&network.exchanges, id)).collect(),
                None => snapshot.unthanked[range]
                    .iter()
                    .filter_map(|item| network.exchanges.get(item.index))
                    .collect(),
            };
            for exchange in shown {
                ui.push_id(exchange.id, |ui| {
                    ui.horizontal(|ui| {
                        // Thanked in place: greyed until the list lets go of it.
                        ui.add_enabled_ui(!exchange.thanked, |ui| {
                            if ui.button("Thanked").on_hover_text("Mark this help as thanked").clicked() {
                                actions.push(Action::one_click(mark_thanked(exchange), "Marked thanked"));
                                view.hold_rows(HELD, || {
                                    let exchanges = &network.exchanges;
                                    snapshot
                                        .unthanked
                                        .iter()
                                        .filter_map(|i| exchanges.get(i.index))
                                        .map(|e| e.id)
                                        .collect()
                                });
                            }
                            ui.label(exchange.date.to_string());
                            if ui.link(derived.name(network, exchange.contact)).clicked() {
                                view.open_contact(exchange.contact);
                                view.selected_exchange = Some(exchange.id);
                            }
                            ui.add(
                                egui::Label::new(egui::RichText::new(&exchange.summary).weak()).truncate(),
                            );
                        });
                    });
                });
            }
        });
    super::held::release_when_left(ui, view, HELD, list.inner_rect);
}

/// The dashboard's list of help not yet thanked, as [`ViewState::held_rows`] names it.
const HELD: &str = "unthanked";

fn scatter_ui(ui: &mut egui::Ui, network: &Network, snapshot: &Snapshot, view: &mut ViewState) {
    // Wrapped: a line wider than the column would widen the plot past it.
    ui.horizontal_wrapped(|ui| {
        ui.strong("Every contact: given vs received");
        ui.weak(egui::RichText::new("click a point to open it · Ctrl+wheel zooms · drag pans").small());
    });
    let mut by_band: Vec<(Band, Vec<[f64; 2]>)> = Vec::new();
    let mut positions: Vec<(Id, [f64; 2])> = Vec::with_capacity(snapshot.contacts.len());
    for (stats, contact) in snapshot.contacts.iter().zip(&network.contacts) {
        if contact.archived || stats.given + stats.received <= 0.0 {
            continue;
        }
        let point = [stats.received, stats.given];
        positions.push((stats.id, point));
        match by_band.iter_mut().find(|(band, _)| *band == stats.band) {
            Some((_, points)) => points.push(point),
            None => by_band.push((stats.band, vec![point])),
        }
    }
    by_band.sort_by_key(|(band, _)| *band);
    // The wheel scrolls the page; Ctrl+wheel zooms, Shift+wheel pans.
    let shift = ui.input(|i| i.modifiers.shift);
    let response = Plot::new("scatter_plot")
        .height(240.0)
        .width(super::fields::width_in_view(ui))
        .allow_scroll(shift)
        .legend(Legend::default())
        .data_aspect(1.0)
        .include_x(0.0)
        .grid_spacing(axes::GRID_SPACING)
        .x_grid_spacer(axes::value_marks)
        .y_grid_spacer(axes::value_marks)
        .custom_x_axes(vec![axes::value_axis(Axis::X, "received (decayed value)")])
        .custom_y_axes(vec![axes::value_axis(Axis::Y, "given (decayed value)")])
        .include_y(0.0)
        .show(ui, |plot| {
            let top = positions.iter().map(|(_, p)| p[0].max(p[1])).fold(1.0, f64::max);
            plot.line(
                Line::new("Even", PlotPoints::from(vec![[0.0, 0.0], [top, top]]))
                    .color(color(palette::EVEN_LINE))
                    .style(LineStyle::dashed_dense()),
            );
            for (band, points) in by_band {
                plot.points(
                    Points::new(band.label(), PlotPoints::from(points)).radius(4.0).color(band_color(band)),
                );
            }
        });
    let transform = response.transform;
    view.scatter_screen = positions
        .iter()
        .map(|(id, p)| (*id, transform.position_from_point(&egui_plot::PlotPoint::new(p[0], p[1]))))
        .collect();
    if response.response.clicked()
        && let Some(pointer) = response.response.interact_pointer_pos()
    {
        let nearest = view
            .scatter_screen
            .iter()
            .map(|(id, pos)| (*id, pos.distance(pointer)))
            .filter(|(_, distance)| *distance <= 8.0)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((id, _)) = nearest {
            view.open_contact(id);
        }
    }
}
