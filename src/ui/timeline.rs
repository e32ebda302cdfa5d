//! The selected contact's timeline: exchanges given above the axis and received
//! below (height = value, one colour per direction, a day's bars stacked), check-ins
//! and introductions as markers, and the decayed balance as a line. Clicking an
//! exchange selects it in the ledger.

use egui_plot::{Axis, Bar, BarChart, HoverPosition, Line, Plot, PlotPoint, PlotPoints, Points};

use super::axes;
use super::colors::color;
use crate::analysis::{TimelineSeries, check_in_hover, day_label};
use crate::model::{Direction, Id};
use crate::palette;
use crate::state::ViewState;

/// The colour of a direction's bars, as on the dashboard and in the report.
fn direction_color(direction: Direction) -> egui::Color32 {
    color(match direction {
        Direction::Gave => palette::GAVE,
        Direction::Received => palette::RECEIVED,
    })
}

/// The key, in a row above the plot (never over the bars): the directions, the markers.
fn key_ui(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        ui.label(egui::RichText::new("given: up").color(direction_color(Direction::Gave)).small());
        ui.label(egui::RichText::new("received: down").color(direction_color(Direction::Received)).small());
        ui.label(egui::RichText::new("diamonds: check-ins").small().color(color(palette::CHECK_IN)));
        ui.label(egui::RichText::new("stars: introductions").small().color(color(palette::INTRODUCTION)));
        ui.weak(egui::RichText::new("drag to pan · Ctrl+wheel zooms · Shift+wheel moves in time").small());
    });
}

/// Points of a plot, from plain day numbers and values.
fn plot_points(points: impl Iterator<Item = [f64; 2]>) -> Vec<PlotPoint> {
    points.map(|[x, y]| PlotPoint::new(x, y)).collect()
}

pub fn timeline_ui(
    ui: &mut egui::Ui,
    network: &crate::model::Network,
    series: &TimelineSeries,
    contact: Id,
    view: &mut ViewState,
) {
    let timeline = &series.timeline;
    if timeline.exchanges.is_empty() && timeline.touches.is_empty() && timeline.introductions.is_empty() {
        ui.weak("No history yet: the timeline fills in as you log exchanges and check-ins.");
        return;
    }
    // Start where the history starts, not at an old `created` date (each list is
    // sorted by day: its first is its earliest).
    let first = [
        timeline.exchanges.first().map(|e| e.day),
        timeline.touches.first().map(|t| t.day),
        timeline.introductions.first().map(|t| t.day),
    ]
    .into_iter()
    .flatten()
    .fold(timeline.last_day, f64::min);
    let link = egui::Id::unique(("timeline_link", contact));
    // The wheel scrolls the page; with Shift it moves the plots in time, with Ctrl it
    // zooms them (egui_plot's zoom), and dragging pans them.
    let shift = ui.input(|i| i.modifiers.shift);
    // Both plots share the time axis: zoom and pan move them together, in time only.
    let in_time = |plot: Plot<'static>| {
        plot.link_axis(link, [true, false])
            .link_cursor(link, [true, false])
            .allow_zoom([true, false])
            .allow_scroll([shift, false])
            .allow_drag([true, false])
            .include_y(0.0)
            .include_x(first - 7.0)
            .include_x(timeline.last_day + 7.0)
            .grid_spacing(axes::GRID_SPACING)
            .x_grid_spacer(axes::day_month_marks)
            .y_grid_spacer(axes::value_marks)
    };
    key_ui(ui);
    let response = in_time(Plot::new(("timeline", contact)))
        .height(150.0)
        .include_y(5.0)
        .include_y(-5.0)
        .show_x(false)
        .custom_x_axes(vec![axes::day_month_axis()])
        .custom_y_axes(vec![axes::value_axis(Axis::Y, "value")])
        .label_formatter(|hover| {
            Some(match hover {
                HoverPosition::NearDataPoint { plot_name, position, .. } if *plot_name == "Check-ins" => {
                    let heard = check_in_hover(network, &timeline.touches, position.x);
                    format!("{}\n{heard}", day_label(position.x))
                }
                HoverPosition::NearDataPoint { plot_name, position, .. } => {
                    format!("{plot_name}\n{}\n{:.1}", day_label(position.x), position.y)
                }
                HoverPosition::Elsewhere { position } => day_label(position.x),
            })
        })
        .show(ui, |plot| {
            for (direction, bars) in &series.bars {
                let fill = direction_color(*direction);
                let bars = bars
                    .iter()
                    .map(|b| {
                        Bar::new(b.day, b.height).base_offset(b.base).width(b.width).name(&b.hover).fill(fill)
                    })
                    .collect();
                let name = if *direction == Direction::Gave { "Given" } else { "Received" };
                plot.bar_chart(BarChart::new(name, bars).color(fill));
            }
            if !series.touch_days.is_empty() {
                let touches = plot_points(series.touch_days.iter().map(|&d| [d, 0.0]));
                plot.points(
                    Points::new("Check-ins", PlotPoints::Owned(touches))
                        .radius(3.5)
                        .shape(egui_plot::MarkerShape::Diamond)
                        .color(color(palette::CHECK_IN)),
                );
            }
            if !series.intro_days.is_empty() {
                let intros = plot_points(series.intro_days.iter().map(|&d| [d, 0.0]));
                plot.points(
                    Points::new("Introductions", PlotPoints::Owned(intros))
                        .radius(5.0)
                        .shape(egui_plot::MarkerShape::Asterisk)
                        .color(color(palette::INTRODUCTION)),
                );
            }
            plot.pointer_coordinate()
        });
    if !timeline.balance.is_empty() {
        in_time(Plot::new(("balance", contact)))
            .height(90.0)
            .custom_x_axes(vec![axes::day_month_axis()])
            .custom_y_axes(vec![axes::value_axis(Axis::Y, "balance")])
            .label_formatter(|hover| {
                let position = match hover {
                    HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position } => {
                        position
                    }
                };
                Some(format!("{}\nbalance {:+.1}", day_label(position.x), position.y))
            })
            .show(ui, |plot| {
                plot.line(
                    Line::new(
                        "Balance (decayed given - received)",
                        PlotPoints::Owned(plot_points(timeline.balance.iter().copied())),
                    )
                    .color(color(palette::NET))
                    .width(2.0),
                );
            });
    }
    if response.response.clicked()
        && let Some(pointer) = response.inner
    {
        let pixels_per_day = response.transform.dpos_dvalue_x().abs();
        // The bar under the pointer: near its day, within its part of the day's stack.
        let picked = series
            .bars
            .iter()
            .flat_map(|(_, bars)| bars)
            .filter(|b| (b.day - pointer.x).abs() * pixels_per_day <= 6.0)
            .filter(|b| {
                let (lo, hi) = (b.base.min(b.base + b.height), b.base.max(b.base + b.height));
                (lo..=hi).contains(&pointer.y)
            })
            .min_by(|a, b| (a.day - pointer.x).abs().total_cmp(&(b.day - pointer.x).abs()));
        if let Some(id) = picked.and_then(|b| b.exchange) {
            view.selected_exchange = Some(id);
        }
    }
}
