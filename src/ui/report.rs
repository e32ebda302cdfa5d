//! The contribution report for a period: given and received, people helped,
//! introductions, capacity, who helped you most, wins, promises and lessons — with
//! plots, and saved as Markdown, HTML, CSV or JSON.

use egui_plot::{Axis, Bar, BarChart, HLine, Legend, LineStyle, Plot};

use super::axes;
use super::colors::color;
use crate::analysis::days;
use crate::interop::{MonthRow, Period, Report, ReportFormat};
use crate::palette;
use crate::state::{Action, PeriodChoice, ViewState};

/// The report page; `report` is the report of the period chosen, once the app has
/// worked it out.
pub fn report_ui(
    ui: &mut egui::Ui,
    report: Option<&Report>,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let state = &mut view.report;
    ui.horizontal_wrapped(|ui| {
        ui.heading("Contribution report");
        let last = Period::last_full_quarter(as_of);
        let label = |choice: PeriodChoice| match choice {
            PeriodChoice::LastQuarter => format!("Last quarter ({})", last.label()),
            PeriodChoice::EarlierQuarter(n) => {
                let mut p = last;
                for _ in 0..n {
                    p = Period::last_full_quarter(p.from);
                }
                p.label()
            }
            PeriodChoice::ThisYear => format!("This year ({})", as_of.year()),
            PeriodChoice::LastYear => format!("Last year ({})", as_of.year() - 1),
            PeriodChoice::Custom => "Custom…".to_owned(),
        };
        egui::ComboBox::from_label("Period").selected_text(label(state.choice)).show_ui(ui, |ui| {
            let mut choices = vec![PeriodChoice::LastQuarter];
            choices.extend((1..=7).map(PeriodChoice::EarlierQuarter));
            choices.extend([PeriodChoice::ThisYear, PeriodChoice::LastYear, PeriodChoice::Custom]);
            for choice in choices {
                ui.selectable_value(&mut state.choice, choice, label(choice));
            }
        });
        if state.choice == PeriodChoice::Custom {
            let period = state.period(as_of);
            let (mut from, mut to) = (period.from, period.to_exclusive);
            ui.label("from");
            if super::fields::date_picker(ui, "From", "report_from", &mut from).changed() {
                state.custom_from = Some(from);
            }
            ui.label("to (exclusive)");
            if super::fields::date_picker(ui, "To", "report_to", &mut to).changed() {
                state.custom_to = Some(to);
            }
        }
    });
    let period = state.period(as_of);
    let Some(report) = report.filter(|r| r.from == period.from && r.to == period.to_exclusive) else {
        ui.spinner();
        return;
    };
    ui.horizontal(|ui| {
        ui.label("Save as");
        for format in ReportFormat::ALL {
            if ui
                .button(format.label())
                .on_hover_text(format!("Save this report as {}", format.label()))
                .clicked()
            {
                actions.push(Action::ExportReport(format));
            }
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().id_salt("page_report").auto_shrink(false).show(ui, |ui| {
        super::viewports::note_scroll_viewport(ui, [false, true]);
        body_ui(ui, report)
    });
}

fn body_ui(ui: &mut egui::Ui, report: &Report) {
    egui::Grid::new("report_totals").num_columns(4).striped(true).show(ui, |ui| {
        for title in ["", "count", "hours", "value"] {
            ui.strong(title);
        }
        ui.end_row();
        for (label, totals) in [("Given", &report.given), ("Received", &report.received)] {
            ui.label(label);
            ui.label(totals.count.to_string());
            ui.label(format!("{:.1}", totals.hours));
            ui.label(totals.value.to_string());
            ui.end_row();
        }
    });
    ui.label(format!(
        "People helped: {} ({} new, {} returning) · introductions made: {} · help not yet thanked: {}",
        report.people_helped,
        report.new_people_helped,
        report.returning_people_helped,
        report.introductions_made,
        report.unthanked
    ));
    ui.columns(2, |columns| {
        months_plot_ui(&mut columns[0], report);
        capacity_plot_ui(&mut columns[1], report);
    });
    ui.strong("By kind");
    ui.horizontal_wrapped(|ui| {
        for (kind, counts) in &report.by_kind {
            ui.label(format!("{}: {} given, {} received ·", kind.label(), counts.given, counts.received));
        }
    });
    list_ui(ui, "Who helped you most (to thank)", &report.top_helpers, |h| {
        format!(
            "{}: {} times, value {}{}",
            h.name,
            h.count,
            h.value,
            if h.unthanked > 0 { format!(", {} not yet thanked", h.unthanked) } else { String::new() }
        )
    });
    list_ui(ui, "Introductions made", &report.introductions, |i| {
        format!(
            "{}: {} and {}{}",
            i.made,
            i.a,
            i.b,
            if i.outcome.is_empty() { String::new() } else { format!(" — {}", i.outcome) }
        )
    });
    list_ui(ui, "Wins celebrated", &report.wins_celebrated, |w| {
        format!("{}: {} — {}", w.date, w.name, w.text)
    });
    list_ui(ui, "Open promises", &report.open_promises, |p| {
        format!(
            "{}: {} ({:.1} h){}",
            p.name,
            p.summary,
            p.hours,
            p.due.map_or(String::new(), |d| format!(", due {d}"))
        )
    });
}

/// A titled list of one-line entries. A long one scrolls in its own box and only the
/// lines in view are made and drawn: a year of a big network has thousands.
fn list_ui<T>(ui: &mut egui::Ui, title: &str, items: &[T], line: impl Fn(&T) -> String) {
    ui.add_space(6.0);
    let count = items.len();
    ui.strong(format!("{title} ({})", super::numbers::count(count)));
    let row_height = ui.text_style_height(&egui::TextStyle::Body);
    egui::ScrollArea::vertical().id_salt(title).max_height(LIST_HEIGHT).auto_shrink([false, true]).show_rows(
        ui,
        row_height,
        count,
        |ui, range| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            for item in items.get(range).unwrap_or_default() {
                ui.add(egui::Label::new(line(item)).truncate());
            }
        },
    );
}

/// The height of a long list of the report before it scrolls.
const LIST_HEIGHT: f32 = 220.0;

/// The month index of each slot of the report's months, for the month axis.
fn month_of_slot(report: &Report, slot: usize) -> f64 {
    f64::from(days::month_index(report.from)) + slot as f64
}

/// A plot over the report's months, with months below and values at the side.
fn month_plot(id: &str, values: &str) -> Plot<'static> {
    Plot::new(id)
        .height(160.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .grid_spacing(axes::GRID_SPACING)
        .x_grid_spacer(axes::month_marks)
        .y_grid_spacer(axes::value_marks)
        .custom_x_axes(vec![axes::month_axis()])
        .custom_y_axes(vec![axes::value_axis(Axis::Y, values)])
}

fn months_plot_ui(ui: &mut egui::Ui, report: &Report) {
    ui.strong("Given and received per month (value)");
    let bars = |offset: f64, value: fn(&MonthRow) -> u64, fill: palette::Rgb| -> Vec<Bar> {
        report
            .months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                Bar::new(month_of_slot(report, i) + offset, value(m) as f64).width(0.4).fill(color(fill))
            })
            .collect()
    };
    let given = bars(-0.2, |m| m.given.value, palette::GAVE);
    let received = bars(0.2, |m| m.received.value, palette::RECEIVED);
    let top = report.months.iter().map(|m| m.given.value.max(m.received.value)).max().unwrap_or(0);
    // Head room for the legend above the highest bar.
    let plot = month_plot("report_months", "value").include_y(top as f64 * 1.35);
    plot.legend(Legend::default()).show(ui, |plot| {
        plot.bar_chart(BarChart::new("Given", given).color(color(palette::GAVE)));
        plot.bar_chart(BarChart::new("Received", received).color(color(palette::RECEIVED)));
    });
}

fn capacity_plot_ui(ui: &mut egui::Ui, report: &Report) {
    ui.strong("Hours against your budget");
    let budget = report.capacity.first().map_or(0.0, |c| c.capacity);
    let bars: Vec<Bar> = report
        .capacity
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let over = c.ratio.is_some_and(|ratio| ratio > 1.0);
            Bar::new(month_of_slot(report, i), c.hours).width(0.6).fill(color(if over {
                palette::OVER_BUDGET
            } else {
                palette::WITHIN_BUDGET
            }))
        })
        .collect();
    month_plot("report_capacity", "hours").include_y(0.0).include_y(budget * 1.2).show(ui, |plot| {
        plot.bar_chart(BarChart::new("Hours", bars).color(color(palette::WITHIN_BUDGET)));
        plot.hline(
            HLine::new("Budget", budget).color(color(palette::BUDGET_LINE)).style(LineStyle::dashed_loose()),
        );
    });
}
