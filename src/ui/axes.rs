//! Plot axes that read at a glance: months on x (every month, or every other one, or
//! every quarter, as the width allows), values on y in round steps of 1, 2 or 5, each
//! line with its number.

use std::ops::RangeInclusive;

use egui_plot::{AxisHints, GridInput, GridMark};

use crate::analysis::days;

/// The range of gaps between grid lines, in points, of every plot with these axes
/// (egui_plot's default, set explicitly: the spacers read the scale from it).
pub const GRID_SPACING: egui::Rangef = egui::Rangef { min: 8.0, max: 300.0 };
/// The width a month's label needs, in points ("Sep" over "2026").
const MONTH_LABEL_POINTS: f64 = 40.0;
/// The height between two value labels, in points.
const VALUE_LABEL_POINTS: f64 = 24.0;
/// More grid lines than this in view are not drawn (a plot zoomed far out).
const MAX_MARKS: f64 = 2000.0;

/// Points per unit of the axis a spacer is asked about.
fn points_per_unit(input: &GridInput) -> f64 {
    f64::from(GRID_SPACING.min) / input.base_step_size
}

/// Every how many months a month gets a label, when a month is `points_per_month`
/// wide: 1, 2, 3, 4, 6, 12, then whole years.
pub fn month_step(points_per_month: f64) -> i64 {
    if !(points_per_month.is_finite() && points_per_month > 0.0) {
        return 12;
    }
    let needed = MONTH_LABEL_POINTS / points_per_month;
    [1, 2, 3, 4, 6, 12]
        .into_iter()
        .find(|&step| step as f64 >= needed)
        .unwrap_or_else(|| 12 * (needed / 12.0).ceil().min(1e6) as i64)
}

/// Grid marks on month indices (`days::month_index`): the labelled months, every
/// [`month_step`], with that step as their size; the others (one line a month, when
/// they are far enough apart to draw) with size 1, too close together for a label.
pub fn month_marks(input: GridInput) -> Vec<GridMark> {
    let points_per_month = points_per_unit(&input);
    let step = month_step(points_per_month);
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi - lo > MAX_MARKS * step as f64 {
        return Vec::new();
    }
    let every_month = points_per_month >= f64::from(GRID_SPACING.min);
    (lo.ceil() as i64..=hi.floor() as i64)
        .filter(|month| every_month || month.rem_euclid(step) == 0)
        .map(|month| GridMark {
            value: month as f64,
            step_size: if month.rem_euclid(step) == 0 { step as f64 } else { 1.0 },
        })
        .collect()
}

/// The label of a month mark: "Sep", with the year on a second line in January and on
/// the first labelled month in view; nothing for a value between months.
pub fn month_label(mark: GridMark, range: &RangeInclusive<f64>) -> String {
    let month = mark.value.round();
    if (mark.value - month).abs() > 1e-6 || !month.is_finite() || month.abs() > 1e6 {
        return String::new();
    }
    let start = days::month_start(month as i32);
    let first_in_view = mark.value - mark.step_size < *range.start();
    if start.month() == 1 || first_in_view {
        start.strftime("%b\n%Y").to_string()
    } else {
        start.strftime("%b").to_string()
    }
}

/// The mean length of a month, in days.
const DAYS_PER_MONTH: f64 = 365.2425 / 12.0;

/// Grid marks on day numbers (`days::day_number`) at the first of each month: labelled
/// every [`month_step`] (their size is that many months in days), the others with the
/// size of one month, as [`month_marks`] does on month indices.
pub fn day_month_marks(input: GridInput) -> Vec<GridMark> {
    let points_per_month = points_per_unit(&input) * DAYS_PER_MONTH;
    let step = month_step(points_per_month);
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || lo.abs() > 1e7 || hi.abs() > 1e7 {
        return Vec::new();
    }
    let month_of = |day: f64| days::month_index(days::from_day_number(day.floor() as i32));
    let (first, last) = (month_of(lo), month_of(hi));
    if f64::from(last - first) > MAX_MARKS * step as f64 {
        return Vec::new();
    }
    let every_month = points_per_month >= f64::from(GRID_SPACING.min);
    (first..=last)
        .filter(|month| every_month || i64::from(*month).rem_euclid(step) == 0)
        .map(|month| {
            let labelled = i64::from(month).rem_euclid(step) == 0;
            GridMark {
                value: f64::from(days::day_number(days::month_start(month))),
                step_size: if labelled { step as f64 * DAYS_PER_MONTH } else { DAYS_PER_MONTH },
            }
        })
        .filter(|mark| mark.value >= lo && mark.value <= hi)
        .collect()
}

/// The label of a [`day_month_marks`] mark: as [`month_label`] says for its month.
pub fn day_month_label(mark: GridMark, range: &RangeInclusive<f64>) -> String {
    let day = mark.value.round();
    if !day.is_finite() || day.abs() > 1e7 {
        return String::new();
    }
    let date = days::from_day_number(day as i32);
    if date.day() != 1 {
        return String::new();
    }
    // A label is centred on its mark and about a step wide: one within half a step of
    // an edge would be cut by it, so it is left out (the next one carries the year).
    let margin = mark.step_size * 0.5;
    if mark.value - margin < *range.start() || mark.value + margin > *range.end() {
        return String::new();
    }
    let first_in_view = mark.value - mark.step_size < *range.start() + margin;
    if date.month() == 1 || first_in_view {
        date.strftime("%b\n%Y").to_string()
    } else {
        date.strftime("%b").to_string()
    }
}

/// The x axis of a plot over day numbers, labelled at month starts.
pub fn day_month_axis<'a>() -> AxisHints<'a> {
    AxisHints::new_x()
        .formatter(day_month_label)
        .label_spacing(egui::Rangef::new(MONTH_LABEL_POINTS as f32 - 1.0, MONTH_LABEL_POINTS as f32))
}

/// The step between value labels, when one unit is `points_per_unit` high: 1, 2 or 5
/// times a power of ten, the smallest that leaves room for a label.
pub fn value_step(points_per_unit: f64) -> f64 {
    if !(points_per_unit.is_finite() && points_per_unit > 0.0) {
        return 1.0;
    }
    let needed = VALUE_LABEL_POINTS / points_per_unit;
    let power = 10f64.powf(needed.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|f| f * power).find(|&step| step >= needed).unwrap_or(10.0 * power)
}

/// Grid marks every [`value_step`], each labelled.
pub fn value_marks(input: GridInput) -> Vec<GridMark> {
    let step = value_step(points_per_unit(&input));
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || (hi - lo) / step > MAX_MARKS {
        return Vec::new();
    }
    ((lo / step).ceil() as i64..=(hi / step).floor() as i64)
        .map(|i| GridMark { value: i as f64 * step, step_size: step })
        .collect()
}

/// A value mark's label: as many decimals as its step needs ("20", "2.5", "-10",
/// "0.05"), thousands as "k" once the step is a thousand or more ("15k").
pub fn value_label(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    let (value, step) = if mark.step_size >= 1000.0 {
        (mark.value / 1000.0, mark.step_size / 1000.0)
    } else {
        (mark.value, mark.step_size)
    };
    let decimals = if step >= 1.0 { 0 } else { (-step.log10()).ceil().clamp(0.0, 6.0) as usize };
    let text = format!("{value:.decimals$}");
    // No "-0" at the zero line.
    let text = if text.trim_start_matches(['-', '0', '.']).is_empty() { "0".to_owned() } else { text };
    if mark.step_size >= 1000.0 { format!("{text}k") } else { text }
}

/// The x axis of a plot over months, labelled as [`month_label`] says.
pub fn month_axis<'a>() -> AxisHints<'a> {
    AxisHints::new_x()
        .formatter(month_label)
        // Labels every `month_step` are that far apart; the months between are closer.
        .label_spacing(egui::Rangef::new(MONTH_LABEL_POINTS as f32 - 1.0, MONTH_LABEL_POINTS as f32))
}

/// A value axis (x or y) named `label`, its grid marks from [`value_marks`].
pub fn value_axis<'a>(axis: egui_plot::Axis, label: &str) -> AxisHints<'a> {
    AxisHints::new(axis)
        .label(label)
        .formatter(value_label)
        .label_spacing(egui::Rangef::new(VALUE_LABEL_POINTS as f32 - 1.0, VALUE_LABEL_POINTS as f32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(value: f64, step_size: f64) -> GridMark {
        GridMark { value, step_size }
    }

    #[test]
    fn months_are_labelled_every_month_when_there_is_room() {
        assert_eq!(month_step(45.0), 1);
        assert_eq!(month_step(25.0), 2);
        assert_eq!(month_step(14.0), 3);
        assert_eq!(month_step(4.0), 12);
        assert_eq!(month_step(1.0), 48);
    }

    #[test]
    fn a_month_label_names_the_month_and_the_year_where_it_starts() {
        let sep_2026 = f64::from(days::month_index(jiff::civil::date(2026, 9, 1)));
        let range = (sep_2026 - 5.5)..=(sep_2026 + 5.5);
        assert_eq!(month_label(mark(sep_2026, 1.0), &range), "Sep");
        assert_eq!(month_label(mark(sep_2026 + 4.0, 1.0), &range), "Jan\n2027");
        assert_eq!(month_label(mark(sep_2026 - 5.0, 1.0), &range), "Apr\n2026", "the first in view");
        assert_eq!(month_label(mark(sep_2026 - 3.0, 2.0), &range), "Jun", "not the first labelled");
        assert_eq!(month_label(mark(sep_2026 + 0.5, 1.0), &range), "");
    }

    #[test]
    fn month_marks_label_every_other_month_when_months_are_narrow() {
        // 12 months over 300 points: 25 points a month.
        let input = GridInput { bounds: (0.0, 12.0), base_step_size: 8.0 / 25.0 };
        let marks = month_marks(input);
        assert_eq!(marks.len(), 13, "one grid line a month");
        let labelled: Vec<f64> = marks.iter().filter(|m| m.step_size == 2.0).map(|m| m.value).collect();
        assert_eq!(labelled, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]);
    }

    #[test]
    fn value_steps_are_round_and_leave_room_for_labels() {
        assert_eq!(value_step(3.0), 10.0);
        assert_eq!(value_step(1.0), 50.0);
        assert_eq!(value_step(10.0), 5.0);
        assert_eq!(value_step(0.1), 500.0);
        assert!((value_step(100.0) - 0.5).abs() < 1e-12);
        let marks = value_marks(GridInput { bounds: (-23.0, 41.0), base_step_size: 8.0 / 3.0 });
        let values: Vec<f64> = marks.iter().map(|m| m.value).collect();
        assert_eq!(values, [-20.0, -10.0, 0.0, 10.0, 20.0, 30.0, 40.0]);
    }

    #[test]
    fn value_labels_carry_the_decimals_their_step_needs() {
        let range = 0.0..=1.0;
        assert_eq!(value_label(mark(20.0, 10.0), &range), "20");
        assert_eq!(value_label(mark(-10.0, 10.0), &range), "-10");
        assert_eq!(value_label(mark(2.5, 0.5), &range), "2.5");
        assert_eq!(value_label(mark(0.05, 0.05), &range), "0.05");
        assert_eq!(value_label(mark(-0.0, 0.5), &range), "0");
        assert_eq!(value_label(mark(15000.0, 5000.0), &range), "15k");
    }

    #[test]
    fn day_marks_fall_on_month_starts_and_are_labelled_by_month() {
        let start = f64::from(days::day_number(jiff::civil::date(2025, 11, 20)));
        // Six months over 480 points: 80 points a month, every month labelled.
        let per_day = 480.0 / 182.0;
        let marks =
            day_month_marks(GridInput { bounds: (start, start + 182.0), base_step_size: 8.0 / per_day });
        let dates: Vec<String> =
            marks.iter().map(|m| days::from_day_number(m.value as i32).to_string()).collect();
        assert_eq!(
            dates,
            ["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"]
        );
        let range = start - 30.0..=start + 212.0;
        let labels: Vec<String> = marks.iter().map(|&m| day_month_label(m, &range)).collect();
        assert_eq!(labels, ["Dec\n2025", "Jan\n2026", "Feb", "Mar", "Apr", "May"]);
        // December 1st is 11 days from the left edge, less than half a label: it would be
        // cut, so it has none; May, 20 days from the right edge, keeps its own.
        let range = start..=start + 182.0;
        let labels: Vec<String> = marks.iter().map(|&m| day_month_label(m, &range)).collect();
        assert_eq!(labels, ["", "Jan\n2026", "Feb", "Mar", "Apr", "May"]);
        let range = start - 30.0..=start + 170.0;
        let labels: Vec<String> = marks.iter().map(|&m| day_month_label(m, &range)).collect();
        assert_eq!(labels.last().map(String::as_str), Some(""), "May 1st, 8 days from the right edge");
    }
}
