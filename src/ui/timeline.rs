//! The selected contact's timeline: exchanges given above the axis and received
//! below (height = value, colour = kind), check-ins and introductions as markers, and
//! the decayed balance as a line. Clicking an exchange selects it in the ledger.

use egui_plot::{Bar, BarChart, HoverPosition, Line, Plot, PlotPoint, PlotPoints, Points};

use super::ViewState;
use super::colors::kind_color;
use crate::analysis::{ContactTimeline, days};
use crate::model::{Direction, Id, Kind, Network};

/// The timeline of one contact, rebuilt when the document or the date changes.
#[derive(Default)]
pub(super) struct TimelineCache {
    key: Option<(u64, Id, jiff::civil::Date)>,
    timeline: ContactTimeline,
    /// Bars per kind, built once per refresh (hover text included).
    bars: Vec<(Kind, Vec<Bar>)>,
    balance: Vec<PlotPoint>,
    touches: Vec<PlotPoint>,
    intros: Vec<PlotPoint>,
}

impl TimelineCache {
    fn refresh(&mut self, network: &Network, revision: u64, contact: Id, as_of: jiff::civil::Date) {
        let key = (revision, contact, as_of);
        if self.key != Some(key) {
            self.timeline = crate::analysis::contact_timeline(network, contact, as_of);
            self.bars = bars_by_kind(network, &self.timeline);
            self.balance = self.timeline.balance.iter().map(|&[x, y]| PlotPoint::new(x, y)).collect();
            // One marker per day is all a timeline can show; long histories have thousands.
            let per_day = |markers: &[crate::analysis::TimelineMarker]| {
                let mut points: Vec<PlotPoint> = markers.iter().map(|t| PlotPoint::new(t.day, 0.0)).collect();
                points.dedup_by(|a, b| a.x == b.x);
                points
            };
            self.touches = per_day(&self.timeline.touches);
            self.intros = per_day(&self.timeline.introductions);
            self.key = Some(key);
        }
    }
}

/// Beyond this many exchanges the timeline shows monthly sums instead of one bar each.
const MAX_SINGLE_BARS: usize = 1500;

fn bars_by_kind(network: &Network, timeline: &ContactTimeline) -> Vec<(Kind, Vec<Bar>)> {
    if timeline.exchanges.len() > MAX_SINGLE_BARS {
        return weekly_bars(timeline);
    }
    Kind::ALL
        .into_iter()
        .map(|kind| {
            let bars = timeline
                .exchanges
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| {
                    let verb = if e.direction == Direction::Gave { "Gave" } else { "Received" };
                    let summary = network.exchanges.get(e.index).map_or("", |x| x.summary.as_str());
                    Bar::new(e.day, e.value).width(3.0).name(format!(
                        "{} · {verb} · {} · value {}\n{summary}",
                        day_label(e.day),
                        kind.label(),
                        e.value.abs()
                    ))
                })
                .collect();
            (kind, bars)
        })
        .filter(|(_, bars): &(Kind, Vec<Bar>)| !bars.is_empty())
        .collect()
}

/// Monthly sums per direction for contacts with a very long history: about a hundred
/// bars whatever the count, each coloured by the kind that carried most of its value.
fn weekly_bars(timeline: &ContactTimeline) -> Vec<(Kind, Vec<Bar>)> {
    use std::collections::BTreeMap;
    let mut sums: BTreeMap<(i32, bool), (f64, usize, [f64; 13])> = BTreeMap::new();
    for e in &timeline.exchanges {
        let month = days::month_index(days::from_day_number(e.day as i32));
        let entry = sums.entry((month, e.value >= 0.0)).or_insert((0.0, 0, [0.0; 13]));
        entry.0 += e.value;
        entry.1 += 1;
        if let Some(slot) = Kind::ALL.iter().position(|k| *k == e.kind).and_then(|i| entry.2.get_mut(i)) {
            *slot += e.value.abs();
        }
    }
    let mut groups: Vec<(Kind, Vec<Bar>)> = Vec::new();
    for ((month, gave), (value, count, by_kind)) in sums {
        let dominant = by_kind
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .and_then(|(i, _)| Kind::ALL.get(i).copied())
            .unwrap_or(Kind::Other);
        let start = f64::from(days::day_number(days::month_start(month)));
        let verb = if gave { "given" } else { "received" };
        let bar = Bar::new(start + 15.0, value).width(26.0).name(format!(
            "{}: {count} {verb} (mostly {}), value {:.0}",
            days::month_start(month).strftime("%B %Y"),
            dominant.label(),
            value.abs()
        ));
        match groups.iter_mut().find(|(k, _)| *k == dominant) {
            Some((_, bars)) => bars.push(bar),
            None => groups.push((dominant, vec![bar])),
        }
    }
    groups.sort_by_key(|(kind, _)| *kind);
    groups
}

/// A compact colour key of the kinds on the timeline, plus the markers.
fn kind_key_ui(ui: &mut egui::Ui, bars: &[(Kind, Vec<Bar>)]) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for (kind, _) in bars {
            ui.label(egui::RichText::new(kind.label()).color(kind_color(*kind)).small());
        }
        ui.label(egui::RichText::new("grey dots: check-ins").small().color(egui::Color32::GRAY));
        ui.label(egui::RichText::new("blue stars: introductions").small().color(egui::Color32::LIGHT_BLUE));
    });
}

/// Formats a day-number axis value as a date.
pub fn day_label(day: f64) -> String {
    days::from_day_number(day.round() as i32).to_string()
}

pub fn timeline_ui(
    ui: &mut egui::Ui,
    network: &Network,
    revision: u64,
    contact: Id,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
) {
    view.timeline.refresh(network, revision, contact, as_of);
    let timeline = &view.timeline.timeline;
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
    // Both plots share the time axis: zoom and pan move them together, in time only.
    let in_time = |plot: Plot<'static>| {
        plot.link_axis(link, [true, false])
            .link_cursor(link, [true, false])
            .allow_zoom([true, false])
            .allow_scroll([true, false])
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
                HoverPosition::NearDataPoint { plot_name, position, .. } => {
                    format!("{plot_name}\n{}\n{:.1}", day_label(position.x), position.y)
                }
                HoverPosition::Elsewhere { position } => day_label(position.x),
            })
        })
        .show(ui, |plot| {
            for (kind, bars) in &view.timeline.bars {
                plot.bar_chart(BarChart::new(kind.label(), bars.clone()).color(kind_color(*kind)));
            }
            let touches = &view.timeline.touches;
            if !touches.is_empty() {
                plot.points(
                    Points::new("Check-ins", PlotPoints::Borrowed(touches))
                        .radius(3.5)
                        .shape(egui_plot::MarkerShape::Diamond)
                        .color(egui::Color32::GRAY),
                );
            }
            let intros = &view.timeline.intros;
            if !intros.is_empty() {
                plot.points(
                    Points::new("Introductions", PlotPoints::Borrowed(intros))
                        .radius(5.0)
                        .shape(egui_plot::MarkerShape::Asterisk)
                        .color(egui::Color32::LIGHT_BLUE),
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
                        PlotPoints::Borrowed(&view.timeline.balance),
                    )
                    .color(egui::Color32::from_rgb(240, 200, 90))
                    .width(2.0),
                );
            });
    }
    kind_key_ui(ui, &view.timeline.bars);
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
