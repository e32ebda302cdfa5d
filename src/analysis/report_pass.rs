//! The pass over the exchanges behind a [`Report`], kept: the report then follows
//! exchanges added after it (an exchange logged) without another pass over a million,
//! and comes out the same as a report computed anew.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::index::IdIndex;
use super::period::Period;
use super::report::{
    CapacityRow, Helper, KindCounts, MonthRow, MonthSpan, Report, TOP_HELPERS, Totals, introductions,
    month_label, promises, round2, wins,
};
use crate::analysis::capacity::capacity_from_gave;
use crate::analysis::{NameLabels, is_open_on};
use crate::model::{Commitment, Direction, Exchange, ExchangeStep, Id, Kind, Network};

/// The sums of a report's pass over the exchanges, unrounded.
#[derive(Clone, Debug)]
pub struct ReportPass {
    period: Period,
    span: MonthSpan,
    given: Totals,
    received: Totals,
    by_kind: BTreeMap<Kind, KindCounts>,
    months: Vec<MonthRow>,
    unthanked: u64,
    people: People,
    /// Hours given in each whole month of the span dated by the period's last day, as
    /// [`crate::analysis::capacity_for_months`] sums them.
    gave: Vec<f64>,
}

impl ReportPass {
    /// One pass over the exchanges: totals, kinds, people, helpers, months, capacity's
    /// hours. Per-contact figures live in vectors by the contact's position: no
    /// hashing per exchange.
    pub fn new(network: &Network, period: Period) -> Self {
        let span = MonthSpan::new(period.from, period.last_day());
        let months = (span.first..)
            .take(span.count)
            .map(|m| MonthRow {
                month: month_label(m),
                given: Totals::default(),
                received: Totals::default(),
            })
            .collect();
        let mut pass = Self {
            period,
            gave: vec![0.0; span.count],
            span,
            given: Totals::default(),
            received: Totals::default(),
            by_kind: Kind::ALL.iter().map(|k| (*k, KindCounts::default())).collect(),
            months,
            unthanked: 0,
            people: People::new(network),
        };
        for e in &network.exchanges {
            pass.add(e);
        }
        pass
    }

    /// Follows edits of the exchanges that only added exchanges (at the end, where a
    /// full pass reads them last: the sums come out the same); false otherwise, and
    /// then the pass is to be made anew.
    pub fn follow(&mut self, steps: &[ExchangeStep]) -> bool {
        if !steps.iter().all(|step| matches!(step, ExchangeStep::Added { .. })) {
            return false;
        }
        for step in steps {
            if let ExchangeStep::Added { new, .. } = step {
                self.add(new);
            }
        }
        true
    }

    fn add(&mut self, e: &Exchange) {
        let period = self.period;
        let slot = self.people.slot(e.contact);
        if e.direction == Direction::Gave {
            let first = &mut self.people.first_gave[slot];
            *first = Some(first.map_or(e.date, |d: Date| d.min(e.date)));
            if e.date <= period.last_day()
                && let Some(hours) = self.span.slot(e.date).and_then(|i| self.gave.get_mut(i))
            {
                *hours += e.hours;
            }
        }
        if !period.contains(e.date) {
            return;
        }
        let counts = self.by_kind.entry(e.kind).or_default();
        let month = self.span.slot(e.date).and_then(|i| self.months.get_mut(i));
        if e.direction == Direction::Gave {
            self.given.add(e.hours, e.value);
            counts.given += 1;
            if let Some(m) = month {
                m.given.add(e.hours, e.value);
            }
            self.people.helped[slot] = true;
            return;
        }
        self.received.add(e.hours, e.value);
        counts.received += 1;
        if let Some(m) = month {
            m.received.add(e.hours, e.value);
        }
        // Named when the report is finished.
        let helper = self.people.helpers[slot].get_or_insert_with(|| Helper::new(e.contact, String::new()));
        helper.count += 1;
        helper.hours += e.hours;
        helper.value += u64::from(e.value);
        if !e.thanked {
            helper.unthanked += 1;
            self.unthanked += 1;
        }
    }

    /// The report: the sums rounded, with what is read from the rest of the network
    /// (capacity's promises, open promises, introductions, wins, lessons).
    /// Contacts are named by `labels`: those who share a name are told apart, as in
    /// the window.
    pub fn finish(&self, network: &Network, labels: &NameLabels) -> Report {
        let name = |id: Id| {
            labels
                .get(id)
                .map(str::to_owned)
                .or_else(|| network.contact(id).map(|c| c.name.clone()))
                .unwrap_or_else(|| format!("contact {id}"))
        };
        let period = self.period;
        let as_of = period.last_day();
        let mut report = Report::empty(period, network.profile.name.clone());
        let people = &self.people;
        let helped = || people.helped.iter().zip(&people.first_gave).filter(|(helped, _)| **helped);
        report.people_helped = helped().count() as u64;
        report.new_people_helped =
            helped().filter(|(_, first)| first.is_some_and(|d| d >= period.from)).count() as u64;
        report.returning_people_helped = report.people_helped - report.new_people_helped;
        report.given = Totals { hours: round2(self.given.hours), ..self.given };
        report.received = Totals { hours: round2(self.received.hours), ..self.received };
        report.by_kind = self.by_kind.clone();
        report.unthanked = self.unthanked;
        report.months = self
            .months
            .iter()
            .map(|m| MonthRow {
                month: m.month.clone(),
                given: Totals { hours: round2(m.given.hours), ..m.given },
                received: Totals { hours: round2(m.received.hours), ..m.received },
            })
            .collect();
        // Only those who can be among the first (by value, then count) are named and
        // ordered by name too: a quarter of a big network has thousands of helpers.
        let mut ranked: Vec<&Helper> = people.helpers.iter().flatten().collect();
        let rank = |h: &Helper| (std::cmp::Reverse(h.value), std::cmp::Reverse(h.count));
        ranked.sort_unstable_by_key(|h| rank(h));
        let cut = ranked.get(TOP_HELPERS.saturating_sub(1)).map(|h| rank(h));
        let mut top: Vec<Helper> = ranked
            .into_iter()
            .take_while(|h| cut.is_none_or(|cut| rank(h) <= cut))
            .map(|h| Helper { name: name(h.contact), ..h.clone() })
            .collect();
        top.sort_by(|a, b| b.value.cmp(&a.value).then(b.count.cmp(&a.count)).then(a.name.cmp(&b.name)));
        top.truncate(TOP_HELPERS);
        top.iter_mut().for_each(|h| h.hours = round2(h.hours));
        report.top_helpers = top;

        let open: Vec<&Commitment> = network.commitments.iter().filter(|c| is_open_on(c, as_of)).collect();
        report.capacity = capacity_from_gave(network, as_of, self.span.first, self.gave.clone())
            .into_iter()
            .map(|m| CapacityRow {
                month: month_label(m.month),
                hours: round2(m.hours),
                capacity: m.capacity,
                ratio: m.ratio.map(round2),
            })
            .collect();
        report.open_promises = promises(&open, &name);
        report.introductions = introductions(network, &period, &name);
        report.introductions_made = report.introductions.len() as u64;
        report.wins_celebrated = wins(network, &period, &name);
        report.lessons = network.playbook.iter().filter(|l| period.contains(l.date)).cloned().collect();
        report.lessons.sort_by_key(|l| l.date);
        report
    }
}

/// What the pass over the exchanges learns per person, by position: the network's
/// contacts first, then ids that are no contact, as they turn up.
#[derive(Clone, Debug)]
struct People {
    index: IdIndex,
    others: HashMap<Id, usize>,
    first_gave: Vec<Option<Date>>,
    helped: Vec<bool>,
    helpers: Vec<Option<Helper>>,
}

impl People {
    fn new(network: &Network) -> Self {
        let n = network.contacts.len();
        Self {
            index: IdIndex::new(network.contacts.iter().map(|c| c.id)),
            others: HashMap::new(),
            first_gave: vec![None; n],
            helped: vec![false; n],
            helpers: vec![None; n],
        }
    }

    fn slot(&mut self, id: Id) -> usize {
        if let Some(slot) = self.index.get(id) {
            return slot;
        }
        let next = self.first_gave.len();
        let slot = *self.others.entry(id).or_insert(next);
        if slot == next {
            self.first_gave.push(None);
            self.helped.push(false);
            self.helpers.push(None);
        }
        slot
    }
}
