//! The contribution report of a period: what you gave and received, whom you helped,
//! introductions, capacity, who helped you, wins, promises and lessons. Renderers
//! are in `report_text` (Markdown, CSV, JSON) and `report_html`.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::period::Period;
pub use super::report_pass::ReportPass;
use crate::analysis::NameLabels;
use crate::analysis::days::{month_index, month_start};
use crate::model::{Commitment, Direction, Id, Kind, Lesson, Network};

/// How many people [`Report::top_helpers`] lists.
pub const TOP_HELPERS: usize = 5;

/// Count, hours and value (sum of 1–5, undecayed) of some exchanges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    pub count: u64,
    pub hours: f64,
    pub value: u64,
}

impl Totals {
    pub(super) fn add(&mut self, hours: f64, value: u8) {
        self.count += 1;
        self.hours += hours;
        self.value += u64::from(value);
    }
}

/// Exchanges of one kind, by direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    pub given: u64,
    pub received: u64,
}

/// Capacity used in one calendar month (DESIGN "Capacity for a month").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityRow {
    /// `"YYYY-MM"`.
    pub month: String,
    /// Hours of `Gave` exchanges in the month + open `Gave` promises due in it.
    pub hours: f64,
    /// The monthly budget (`capacity_hours_per_month`).
    pub capacity: f64,
    /// `hours / capacity`; `null` when no budget is set (capacity 0).
    pub ratio: Option<f64>,
}

/// Given and received in one calendar month of the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthRow {
    pub month: String,
    pub given: Totals,
    pub received: Totals,
}

/// An introduction made in the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IntroductionLine {
    pub id: Id,
    pub made: Date,
    pub a: String,
    pub b: String,
    pub outcome: String,
}

/// Someone who helped you in the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Helper {
    pub contact: Id,
    pub name: String,
    pub count: u64,
    pub hours: f64,
    pub value: u64,
    /// How many of their exchanges are not marked thanked yet.
    pub unthanked: u64,
}

impl Helper {
    pub(super) fn new(contact: Id, name: String) -> Self {
        Self { contact, name, count: 0, hours: 0.0, value: 0, unthanked: 0 }
    }
}

/// A win of a contact, celebrated, dated in the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WinLine {
    pub date: Date,
    pub contact: Id,
    pub name: String,
    pub text: String,
}

/// A promise still open on the period's last day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PromiseLine {
    pub id: Id,
    pub contact: Id,
    pub name: String,
    /// `Gave`: you promised; `Received`: they promised you.
    pub direction: Direction,
    pub made: Date,
    pub due: Option<Date>,
    pub hours: f64,
    pub summary: String,
}

/// The contribution report of a period. Serialised (JSON) with the DESIGN keys first,
/// in DESIGN's order, then the extra detail. Hours and ratios are rounded to 0.01.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub from: Date,
    /// Exclusive.
    pub to: Date,
    pub given: Totals,
    pub received: Totals,
    /// Every kind, in the model's order.
    pub by_kind: BTreeMap<Kind, KindCounts>,
    /// Distinct contacts with a `Gave` exchange in the period.
    pub people_helped: u64,
    /// Of those, the ones whose first `Gave` exchange ever falls in the period.
    pub new_people_helped: u64,
    /// Introductions whose `made` date falls in the period.
    pub introductions_made: u64,
    /// Each calendar month that overlaps the period, oldest first.
    pub capacity: Vec<CapacityRow>,
    /// `Received` exchanges in the period still marked `thanked: false`.
    pub unthanked: u64,
    pub returning_people_helped: u64,
    pub months: Vec<MonthRow>,
    pub introductions: Vec<IntroductionLine>,
    /// The people who helped you most (by received value), at most [`TOP_HELPERS`].
    pub top_helpers: Vec<Helper>,
    pub wins_celebrated: Vec<WinLine>,
    /// Open on the period's last day, by due date (undated last).
    pub open_promises: Vec<PromiseLine>,
    pub lessons: Vec<Lesson>,
    /// The profile's name, for the title.
    pub owner: String,
}

impl Report {
    /// The report of `[from, to_exclusive)`. Capacity counts whole calendar months,
    /// as of the period's last day (records dated later are ignored, as in analysis).
    pub fn compute(network: &Network, from: Date, to_exclusive: Date) -> Self {
        ReportPass::new(network, Period { from, to_exclusive }).finish(network, &NameLabels::compute(network))
    }

    /// The report of `period`.
    pub fn for_period(network: &Network, period: Period) -> Self {
        Self::compute(network, period.from, period.to_exclusive)
    }

    pub fn period(&self) -> Period {
        Period { from: self.from, to_exclusive: self.to }
    }

    pub(super) fn empty(period: Period, owner: String) -> Self {
        Self {
            from: period.from,
            to: period.to_exclusive,
            given: Totals::default(),
            received: Totals::default(),
            by_kind: Kind::ALL.iter().map(|k| (*k, KindCounts::default())).collect(),
            people_helped: 0,
            new_people_helped: 0,
            introductions_made: 0,
            capacity: Vec::new(),
            unthanked: 0,
            returning_people_helped: 0,
            months: Vec::new(),
            introductions: Vec::new(),
            top_helpers: Vec::new(),
            wins_celebrated: Vec::new(),
            open_promises: Vec::new(),
            lessons: Vec::new(),
            owner,
        }
    }
}

/// The calendar months from one date's month to another's, both included.
#[derive(Clone, Copy, Debug)]
pub(super) struct MonthSpan {
    /// The first month, as a [`month_index`].
    pub(super) first: i32,
    pub(super) count: usize,
}

impl MonthSpan {
    pub(super) fn new(from: Date, last_day: Date) -> Self {
        let first = month_index(from);
        Self { first, count: usize::try_from(month_index(last_day) - first + 1).unwrap_or(0) }
    }

    /// The position in the span of the month of `date`.
    pub(super) fn slot(&self, date: Date) -> Option<usize> {
        usize::try_from(month_index(date) - self.first).ok().filter(|i| *i < self.count)
    }
}

pub(super) fn promises(open: &[&Commitment], name: &dyn Fn(Id) -> String) -> Vec<PromiseLine> {
    let mut lines: Vec<PromiseLine> = open
        .iter()
        .map(|c| PromiseLine {
            id: c.id,
            contact: c.contact,
            name: name(c.contact),
            direction: c.direction,
            made: c.made,
            due: c.due,
            hours: c.hours,
            summary: c.summary.clone(),
        })
        .collect();
    lines.sort_by_key(|p| (p.due.is_none(), p.due, p.made, p.id));
    lines
}

pub(super) fn introductions(
    network: &Network,
    period: &Period,
    name: &dyn Fn(Id) -> String,
) -> Vec<IntroductionLine> {
    let mut lines: Vec<IntroductionLine> = network
        .introductions
        .iter()
        .filter_map(|i| {
            let made = i.made.filter(|d| period.contains(*d))?;
            Some(IntroductionLine { id: i.id, made, a: name(i.a), b: name(i.b), outcome: i.outcome.clone() })
        })
        .collect();
    lines.sort_by_key(|i| (i.made, i.id));
    lines
}

pub(super) fn wins(network: &Network, period: &Period, name: &dyn Fn(Id) -> String) -> Vec<WinLine> {
    let mut lines: Vec<WinLine> = network
        .wins
        .iter()
        .filter(|w| w.celebrated && period.contains(w.date))
        .map(|w| WinLine { date: w.date, contact: w.contact, name: name(w.contact), text: w.text.clone() })
        .collect();
    lines.sort_by_key(|w| w.date);
    lines
}

/// `"YYYY-MM"` of a [`month_index`].
pub(crate) fn month_label(index: i32) -> String {
    let start = month_start(index);
    format!("{:04}-{:02}", start.year(), start.month())
}

pub(super) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
