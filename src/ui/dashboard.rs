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

/// How far a month plot of the months `from..=to` reaches beyond its first and last
/// month, in months: half a month and more, so that the labels of those months,
/// centred on them, fit inside the plot, and no month without a bar is labelled.
fn edge_months(ui: &egui::Ui, from: i32, to: i32) -> f64 {
    // A label ("Sep", "2026") is about 30 points wide; the y axis takes about 50.
    const HALF_LABEL: f64 = 16.0;
    let months = f64::from(to.saturating_sub(from)) + 1.0;
    let per_month = (f64::from(ui.available_width()) - 50.0).max(1.0) / (months + 1.0);
    (HALF_LABEL / per_month).clamp(0.55, 0.95)
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
        Section::Scatter => scatter_ui(ui, network, derived, view),
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
    // Half a month and more beyond the first and last bars: their labels are not cut.
    let (from, to) = months.first().zip(months.last()).map_or((last, last), |(a, b)| (a.month, b.month));
    Plot::new("flow_plot")
        .height(180.0)
        .set_margin_fraction(egui::vec2(0.0, 0.05))
        .include_x(f64::from(from) - edge_months(ui, from, to))
        .include_x(f64::from(to) + edge_months(ui, from, to))
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
    let (from, to) =
        snapshot.capacity.first().zip(snapshot.capacity.last()).map(|(a, b)| (a.month, b.month)).unzip();
    let mut plot = Plot::new("capacity_plot").height(150.0);
    if let (Some(from), Some(to)) = (from, to) {
        let edge = edge_months(ui, from, to);
        plot = plot.set_margin_fraction(egui::vec2(0.0, 0.05));
        plot = plot.include_x(f64::from(from) - edge).include_x(f64::from(to) + edge);
    }
    plot.allow_zoom(false)
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

fn scatter_ui(ui: &mut egui::Ui, network: &Network, derived: &Derived, view: &mut ViewState) {
    let snapshot = derived.snapshot();
    // Wrapped: a line wider than the column would widen the plot past it.
    ui.horizontal_wrapped(|ui| {
        ui.strong("Every contact: given vs received");
        ui.weak(egui::RichText::new("click a point to open it · Ctrl+wheel zooms · drag pans").small());
    });
    let width = super::fields::width_in_view(ui);
    let made_for = |cell: f64| Some((derived.revision(), snapshot.as_of, cell.to_bits()));
    let scatter = &mut view.scatter;
    if scatter
        .made_for
        .is_none_or(|(revision, as_of, _)| (revision, as_of) != (derived.revision(), snapshot.as_of))
    {
        scatter.points.clear();
        for (stats, contact) in snapshot.contacts.iter().zip(&network.contacts) {
            if !contact.archived && stats.given + stats.received > 0.0 {
                scatter.points.push((stats.id, [stats.received, stats.given]));
            }
        }
        scatter.top = scatter.points.iter().map(|(_, p)| p[0].max(p[1])).fold(1.0, f64::max);
        scatter.made_for = None;
    }
    let top = scatter.top;
    // The wheel scrolls the page; Ctrl+wheel zooms, Shift+wheel pans.
    let shift = ui.input(|i| i.modifiers.shift);
    let response = Plot::new("scatter_plot")
        .height(SCATTER_HEIGHT)
        .width(width)
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
            // The even line spans the data: the bounds are [0, top] both ways.
            plot.line(
                Line::new("Even", PlotPoints::from(vec![[0.0, 0.0], [top, top]]))
                    .color(color(palette::EVEN_LINE))
                    .style(LineStyle::dashed_dense()),
            );
            // While the plot shows the whole of it, points closer than half a pixel
            // to one already drawn of their band would only cover it: each is drawn
            // once (thousands fewer circles at 10,000 contacts).
            let whole = plot.auto_bounds().all();
            let cell = if whole { top / (2.0 * f64::from(width.max(SCATTER_HEIGHT))) } else { 0.0 };
            if scatter.made_for != made_for(cell) {
                let bands = |id: Id| snapshot.stats(id).map_or(Band::Quiet, |s| s.band);
                scatter.by_band = points_by_band(&scatter.points, bands, cell);
                scatter.made_for = made_for(cell);
            }
            for (band, points) in &scatter.by_band {
                plot.points(
                    Points::new(band.label(), PlotPoints::from(points.clone()))
                        .radius(4.0)
                        .color(band_color(*band)),
                );
            }
        });
    // The plot's map to the screen, from where two points land.
    let transform = response.transform;
    let origin = transform.position_from_point(&egui_plot::PlotPoint::new(0.0, 0.0));
    let one = transform.position_from_point(&egui_plot::PlotPoint::new(1.0, 1.0));
    scatter.scale = [f64::from(one.x - origin.x), f64::from(one.y - origin.y)];
    scatter.offset = [f64::from(origin.x), f64::from(origin.y)];
    if response.response.clicked()
        && let Some(pointer) = response.response.interact_pointer_pos()
    {
        let nearest = view
            .scatter_positions()
            .into_iter()
            .map(|(id, pos)| (id, pos.distance(pointer)))
            .filter(|(_, distance)| *distance <= 8.0)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((id, _)) = nearest {
            view.open_contact(id);
        }
    }
}

/// The scatter's height, in points.
const SCATTER_HEIGHT: f32 = 240.0;

/// The points of each band (in band order), without those that fall in a `cell` (a
/// square of plot units) already holding one of their band; every point when `cell`
/// is 0.
fn points_by_band(
    points: &[(Id, [f64; 2])],
    band_of: impl Fn(Id) -> Band,
    cell: f64,
) -> Vec<(Band, Vec<[f64; 2]>)> {
    type Cells = std::collections::HashSet<u64, std::hash::BuildHasherDefault<CellHasher>>;
    let mut by_band: Vec<(Band, Vec<[f64; 2]>, Cells)> = Vec::new();
    let dedupe = cell > 0.0 && cell.is_finite();
    for (id, point) in points {
        let band = band_of(*id);
        let slot = match by_band.iter().position(|(b, ..)| *b == band) {
            Some(slot) => slot,
            None => {
                by_band.push((band, Vec::new(), Cells::default()));
                by_band.len() - 1
            }
        };
        let Some((_, kept, taken)) = by_band.get_mut(slot) else { continue };
        // Both coordinates are at least 0 and at most `top`: a cell's column and row
        // fit in 32 bits each.
        let (column, row) = ((point[0] / cell) as u32, (point[1] / cell) as u32);
        if dedupe && !taken.insert(u64::from(column) << 32 | u64::from(row)) {
            continue;
        }
        kept.push(*point);
    }
    let mut by_band: Vec<(Band, Vec<[f64; 2]>)> = by_band.into_iter().map(|(b, p, _)| (b, p)).collect();
    by_band.sort_by_key(|(band, _)| *band);
    by_band
}

/// Hashes a cell's key (one `u64`) by one multiplication: the scatter's 10,000 keys
/// are looked up every frame.
#[derive(Default)]
struct CellHasher(u64);

impl std::hash::Hasher for CellHasher {
    fn finish(&self) -> u64 {
        // The product's high half mixes every bit of the key; the table reads the low
        // bits too.
        self.0 ^ (self.0 >> 32)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0 ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_of_one_band_within_a_cell_are_drawn_once_and_every_band_keeps_its_own() {
        let points = [(1, [0.1, 0.1]), (2, [0.2, 0.15]), (3, [0.1, 0.1]), (4, [5.0, 5.0]), (5, [0.12, 0.1])];
        let band = |id: Id| if id == 3 { Band::Giving } else { Band::Balanced };
        let drawn = points_by_band(&points, band, 1.0);
        let of = |b: Band| drawn.iter().find(|(band, _)| *band == b).map(|(_, p)| p.clone());
        // 1, 2 and 5 share a cell: the first is drawn; 4 is in a cell of its own.
        assert_eq!(of(Band::Balanced), Some(vec![[0.1, 0.1], [5.0, 5.0]]));
        // 3 is in the same cell, but of another band: drawn too.
        assert_eq!(of(Band::Giving), Some(vec![[0.1, 0.1]]));
        assert!(drawn.windows(2).all(|w| w[0].0 < w[1].0), "in band order");
        // No cell (a zoomed plot): every point.
        let all: usize = points_by_band(&points, band, 0.0).iter().map(|(_, p)| p.len()).sum();
        assert_eq!(all, points.len());
    }
}
