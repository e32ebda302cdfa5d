//! One contact's timeline as the plot draws it: bars grouped by direction, stacked
//! where a day has several (monthly sums for very long histories), one marker per
//! day, the balance line. Plain numbers and
//! hover texts; the view only turns them into plot items.

use crate::analysis::days;
use crate::analysis::timeline::MarkerChange;
use crate::analysis::{ContactTimeline, TimelineMarker, contact_timeline, contact_timeline_at};
use crate::model::{Direction, ExchangeStep, Id, Kind, Network};

/// Beyond this many exchanges the timeline shows monthly sums instead of one bar each.
pub const MAX_SINGLE_BARS: usize = 1500;

/// One bar of the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineBar {
    /// Its centre, as a day number.
    pub day: f64,
    /// Positive when given, negative when received.
    pub height: f64,
    /// Where the bar starts: the other bars of its day and direction before it, so that
    /// bars of the same day stack instead of hiding each other (0 for the first).
    pub base: f64,
    /// The exchange it stands for (none for a month's sum).
    pub exchange: Option<Id>,
    /// In days.
    pub width: f64,
    /// What hovering it says.
    pub hover: String,
}

/// The timeline of one contact, ready to plot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineSeries {
    pub timeline: ContactTimeline,
    /// Bars per direction, given first, only directions that have bars.
    pub bars: Vec<(Direction, Vec<TimelineBar>)>,
    /// One check-in marker per day, as day numbers.
    pub touch_days: Vec<f64>,
    /// One introduction marker per day, as day numbers.
    pub intro_days: Vec<f64>,
}

impl TimelineSeries {
    /// The series of `contact`; `positions` are those of its exchanges in
    /// `network.exchanges` (ascending) when known (the snapshot's index), else they are
    /// looked for.
    pub fn compute(
        network: &Network,
        contact: Id,
        as_of: jiff::civil::Date,
        positions: Option<&[u32]>,
    ) -> Self {
        let timeline = match positions {
            Some(positions) => {
                contact_timeline_at(network, contact, as_of, positions.iter().map(|&p| p as usize))
            }
            None => contact_timeline(network, contact, as_of),
        };
        Self {
            bars: bars_by_direction(network, &timeline),
            touch_days: per_day(&timeline.touches),
            intro_days: per_day(&timeline.introductions),
            timeline,
        }
    }
}

impl TimelineSeries {
    /// Brings the series along edits that added or replaced exchanges in place (see
    /// [`ContactTimeline::follow`]); the bars are built again only when the contact's
    /// exchanges changed. False when it cannot follow them: then compute it anew.
    /// `markers`: what became of the contact's check-ins and made introductions.
    pub fn follow(
        &mut self,
        network: &Network,
        as_of: jiff::civil::Date,
        steps: &[ExchangeStep],
        markers: MarkerChange,
    ) -> bool {
        let contact = self.timeline.contact;
        let exchanges_changed = steps
            .iter()
            .any(|step| step.old_versions().iter().chain(&step.new_versions()).any(|e| e.contact == contact));
        if !exchanges_changed && markers == MarkerChange::None {
            // Only the contact itself may have changed (archived, renamed): of what is
            // drawn, its creation date moves the start.
            self.timeline.restart(network, as_of);
            return true;
        }
        if !self.timeline.follow(network, as_of, steps, markers) {
            return false;
        }
        if exchanges_changed {
            self.bars = bars_by_direction(network, &self.timeline);
        }
        self.touch_days = per_day(&self.timeline.touches);
        self.intro_days = per_day(&self.timeline.introductions);
        true
    }
}

/// What hovering the check-in marker of `day` says: each check-in of that day, its
/// channel and what was heard, a few lines each. Looked up when hovered: markers are
/// sorted by day.
pub fn check_in_hover(network: &Network, markers: &[TimelineMarker], day: f64) -> String {
    let first = markers.partition_point(|m| m.day < day - 0.5);
    let mut text = String::new();
    for marker in markers[first..].iter().take_while(|m| m.day <= day + 0.5).take(4) {
        let Some(touch) = crate::model::find_by_id(&network.touches, marker.id) else { continue };
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str("Check-in · ");
        text.push_str(touch.channel.label());
        for (label, value) in [
            ("working on", &touch.working_on),
            ("priorities", &touch.priorities),
            ("constraints", &touch.constraints),
            ("notes", &touch.notes),
        ] {
            let value = value.trim();
            if !value.is_empty() {
                let short: String = value.chars().take(120).collect();
                let more = if short.len() < value.len() { "…" } else { "" };
                text.push_str(&format!("\n{label}: {short}{more}"));
            }
        }
    }
    if text.is_empty() { "Check-in".to_owned() } else { text }
}

/// One marker per day is all a timeline can show; long histories have thousands.
fn per_day(markers: &[TimelineMarker]) -> Vec<f64> {
    let mut days: Vec<f64> = markers.iter().map(|t| t.day).collect();
    days.dedup();
    days
}

/// Formats a day number (a plot's axis value) as a date.
pub fn day_label(day: f64) -> String {
    days::from_day_number(day.round() as i32).to_string()
}

fn bars_by_direction(network: &Network, timeline: &ContactTimeline) -> Vec<(Direction, Vec<TimelineBar>)> {
    if timeline.exchanges.len() > MAX_SINGLE_BARS {
        return monthly_bars(timeline);
    }
    let mut given = Vec::new();
    let mut received = Vec::new();
    // The exchanges are sorted by day: a day's bars of one direction stack in file order.
    for day in timeline.exchanges.chunk_by(|a, b| a.day == b.day) {
        let mut tops = [0.0_f64; 2];
        for e in day {
            let gave = e.direction == Direction::Gave;
            let top = &mut tops[usize::from(gave)];
            let verb = if gave { "Gave" } else { "Received" };
            let summary = network.exchanges.get(e.index).map_or("", |x| x.summary.as_str());
            let bar = TimelineBar {
                day: e.day,
                height: e.value,
                base: *top,
                exchange: Some(e.id),
                width: 3.0,
                hover: format!(
                    "{} · {verb} · {} · value {}\n{summary}",
                    day_label(e.day),
                    e.kind.label(),
                    e.value.abs()
                ),
            };
            *top += e.value;
            if gave { given.push(bar) } else { received.push(bar) }
        }
    }
    [(Direction::Gave, given), (Direction::Received, received)]
        .into_iter()
        .filter(|(_, bars)| !bars.is_empty())
        .collect()
}

/// Monthly sums per direction for contacts with a very long history: about a hundred
/// bars whatever the count, each saying which kind carried most of its value.
/// (month index, given) and (value, count, value by kind) of one month's bar.
type MonthSum = ((i32, bool), (f64, usize, [f64; 13]));

fn monthly_bars(timeline: &ContactTimeline) -> Vec<(Direction, Vec<TimelineBar>)> {
    // The exchanges are sorted by day: the month changes only when a day passes the
    // end of the current one, so dates are converted once a month, not once each.
    let mut sums: Vec<MonthSum> = Vec::new();
    let mut month = (i32::MIN, i32::MIN); // (month index, first day of the next month)
    let mut current: [Option<usize>; 2] = [None, None];
    for e in &timeline.exchanges {
        let day = e.day as i32;
        if day >= month.1 || month.0 == i32::MIN {
            let index = days::month_index(days::from_day_number(day));
            month = (index, days::day_number(days::month_start(index + 1)));
            current = [None, None];
        }
        let gave = e.value >= 0.0;
        let slot = usize::from(gave);
        let entry = match current.get(slot).copied().flatten() {
            Some(i) => i,
            None => {
                sums.push(((month.0, gave), (0.0, 0, [0.0; 13])));
                let i = sums.len() - 1;
                if let Some(c) = current.get_mut(slot) {
                    *c = Some(i);
                }
                i
            }
        };
        let Some((_, entry)) = sums.get_mut(entry) else { continue };
        entry.0 += e.value;
        entry.1 += 1;
        if let Some(kind) = Kind::ALL.iter().position(|k| *k == e.kind).and_then(|i| entry.2.get_mut(i)) {
            *kind += e.value.abs();
        }
    }
    // In the order of the map this replaced: by month, received before given.
    sums.sort_by_key(|(key, _)| *key);
    let (mut given, mut received) = (Vec::new(), Vec::new());
    for ((month, gave), (value, count, by_kind)) in sums {
        let dominant = by_kind
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .and_then(|(i, _)| Kind::ALL.get(i).copied())
            .unwrap_or(Kind::Other);
        let start = f64::from(days::day_number(days::month_start(month)));
        let verb = if gave { "given" } else { "received" };
        let bar = TimelineBar {
            day: start + 15.0,
            height: value,
            base: 0.0,
            exchange: None,
            width: 26.0,
            hover: format!(
                "{}: {count} {verb} (mostly {}), value {:.0}",
                days::month_start(month).strftime("%B %Y"),
                dominant.label(),
                value.abs()
            ),
        };
        if gave { given.push(bar) } else { received.push(bar) }
    }
    [(Direction::Gave, given), (Direction::Received, received)]
        .into_iter()
        .filter(|(_, bars)| !bars.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::analysis::TimelineExchange;

    /// Month sums as a map keyed by (month, given), the plain way.
    fn reference(timeline: &ContactTimeline) -> Vec<((i32, bool), f64, usize)> {
        let mut sums: BTreeMap<(i32, bool), (f64, usize)> = BTreeMap::new();
        for e in &timeline.exchanges {
            let month = days::month_index(days::from_day_number(e.day as i32));
            let entry = sums.entry((month, e.value >= 0.0)).or_default();
            entry.0 += e.value;
            entry.1 += 1;
        }
        sums.into_iter().map(|(k, (v, n))| (k, v, n)).collect()
    }

    #[test]
    fn monthly_bars_sum_each_month_and_direction() {
        let start = days::day_number(jiff::civil::Date::constant(2023, 12, 30));
        let exchanges = (0..400)
            .map(|i| {
                let day = start + i * 3;
                let value = if i % 3 == 0 { -f64::from(i % 5 + 1) } else { f64::from(i % 4 + 1) };
                TimelineExchange {
                    day: f64::from(day),
                    value,
                    direction: if value >= 0.0 { Direction::Gave } else { Direction::Received },
                    kind: Kind::ALL[(i as usize) % Kind::ALL.len()],
                    id: i as u64 + 1,
                    index: i as usize,
                }
            })
            .collect();
        let timeline = ContactTimeline { exchanges, ..ContactTimeline::default() };
        let want = reference(&timeline);
        let mut got: Vec<(f64, f64)> = monthly_bars(&timeline)
            .into_iter()
            .flat_map(|(_, bars)| bars)
            .map(|b| (b.day, b.height))
            .collect();
        got.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut expected: Vec<(f64, f64)> = want
            .iter()
            .map(|((month, _), value, _)| {
                (f64::from(days::day_number(days::month_start(*month))) + 15.0, *value)
            })
            .collect();
        expected.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        assert_eq!(got, expected);
        assert!(want.len() > 20, "the case spans many months both ways");
    }

    fn exchange(day: i32, direction: Direction, value: f64, id: u64) -> TimelineExchange {
        let sign = if direction == Direction::Gave { 1.0 } else { -1.0 };
        TimelineExchange {
            day: f64::from(day),
            value: sign * value,
            direction,
            kind: Kind::Other,
            id,
            index: 0,
        }
    }

    #[test]
    fn bars_of_one_day_stack_by_direction_instead_of_covering_each_other() {
        use Direction::{Gave, Received};
        let exchanges = vec![
            exchange(10, Gave, 2.0, 1),
            exchange(10, Received, 3.0, 2),
            exchange(10, Gave, 4.0, 3),
            exchange(10, Received, 1.0, 4),
            exchange(10, Gave, 1.0, 5),
            exchange(11, Gave, 5.0, 6),
        ];
        let timeline = ContactTimeline { exchanges, ..ContactTimeline::default() };
        let bars = bars_by_direction(&Network::default(), &timeline);
        let spans = |direction| -> Vec<(u64, f64, f64, f64)> {
            bars.iter()
                .filter(|(d, _)| *d == direction)
                .flat_map(|(_, bars)| bars)
                .map(|b| (b.exchange.unwrap_or_default(), b.day, b.base, b.base + b.height))
                .collect()
        };
        // Given: 0..2, 2..6, 6..7 on day 10; a new stack on day 11.
        assert_eq!(
            spans(Gave),
            [(1, 10.0, 0.0, 2.0), (3, 10.0, 2.0, 6.0), (5, 10.0, 6.0, 7.0), (6, 11.0, 0.0, 5.0)]
        );
        // Received, downwards: 0..-3, -3..-4.
        assert_eq!(spans(Received), [(2, 10.0, 0.0, -3.0), (4, 10.0, -3.0, -4.0)]);
        // No two bars of a direction share any height on the same day.
        for direction in [Gave, Received] {
            let spans = spans(direction);
            for (i, a) in spans.iter().enumerate() {
                for b in &spans[i + 1..] {
                    let (lo_a, hi_a) = (a.2.min(a.3), a.2.max(a.3));
                    let (lo_b, hi_b) = (b.2.min(b.3), b.2.max(b.3));
                    assert!(a.1 != b.1 || hi_a <= lo_b || hi_b <= lo_a, "{a:?} covers {b:?}");
                }
            }
        }
    }
}
