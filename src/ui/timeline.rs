//! The selected contact's timeline: exchanges given above the axis and received
//! below (height = value, colour = kind), check-ins and introductions as markers, and
//! the decayed balance as a line. Clicking an exchange selects it in the ledger.

use egui_plot::{Bar, BarChart, HoverPosition, Line, Plot, PlotPoint, PlotPoints, Points};

use super::colors::{color, kind_color};
use crate::analysis::{TimelineBar, TimelineSeries, check_in_hover, day_label};
use crate::model::{Id, Kind};
use crate::palette;
use crate::state::ViewState;

/// A compact colour key of the kinds on the timeline, plus the markers.
fn kind_key_ui(ui: &mut egui::Ui, bars: &[(Kind, Vec<TimelineBar>)]) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for (kind, _) in bars {
            ui.label(egui::RichText::new(kind.label()).color(kind_color(*kind)).small());
        }
        ui.label(egui::RichText::new("grey dots: check-ins").small().color(color(palette::CHECK_IN)));
        ui.label(
            egui::RichText::new("blue stars: introductions").small().color(color(palette::INTRODUCTION)),
        );
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
    // Start where the history starts, not at an old `created` date.
    let first = timeline
        .exchanges
        .iter()
        .map(|e| e.day)
        .chain(timeline.touches.iter().map(|t| t.day))
        .chain(timeline.introductions.iter().map(|t| t.day))
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
    };
    let response = in_time(Plot::new(("timeline", contact)))
        .height(150.0)
        .include_y(5.0)
        .include_y(-5.0)
        .show_x(false)
        .x_axis_formatter(|mark, _| day_label(mark.value))
        .y_axis_label("given (+) / received (-)")
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
            for (kind, bars) in &series.bars {
                let bars =
                    bars.iter().map(|b| Bar::new(b.day, b.height).width(b.width).name(&b.hover)).collect();
                plot.bar_chart(BarChart::new(kind.label(), bars).color(kind_color(*kind)));
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
            .x_axis_formatter(|mark, _| day_label(mark.value))
            .y_axis_label("balance")
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
    kind_key_ui(ui, &series.bars);
    if response.response.clicked()
        && let Some(pointer) = response.inner
    {
        let pixels_per_day = response.transform.dpos_dvalue_x().abs();
        let picked = timeline
            .exchanges
            .iter()
            .filter(|e| (e.day - pointer.x).abs() * pixels_per_day <= 6.0)
            .filter(|e| (e.value >= 0.0) == (pointer.y >= 0.0))
            .min_by(|a, b| (a.day - pointer.x).abs().total_cmp(&(b.day - pointer.x).abs()));
        if let Some(e) = picked {
            view.selected_exchange = Some(e.id);
        }
    }
}
