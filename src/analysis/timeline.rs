//! One contact's history as plot-ready series: exchanges, check-in and introduction
//! markers, and the decayed balance line. Computed on demand for the selected contact.

use jiff::civil::Date;

use super::days::day_number;
use super::index::Decay;
use crate::model::{Direction, Id, Kind, Network};

/// At most this many points on the balance line, whatever the history.
pub const MAX_BALANCE_POINTS: usize = 2000;
/// Spacing of the balance line's samples between events, in days. When a history
/// has too many event days for [`MAX_BALANCE_POINTS`], the line is an even grid
/// instead (as fine as the cap allows), still exact at each of its days.
pub const BALANCE_STEP_DAYS: i32 = 7;

/// One exchange on the timeline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineExchange {
    /// Day number ([`super::days::day_number`]) as a plot coordinate.
    pub day: f64,
    /// `value`, positive when you gave, negative when you received.
    pub value: f64,
    pub direction: Direction,
    pub kind: Kind,
    pub id: Id,
    /// Index into `network.exchanges`.
    pub index: usize,
}

impl TimelineExchange {
    /// `e`, dated `day` (its day number), at `index` in `network.exchanges`.
    fn of(e: &crate::model::Exchange, day: i32, index: usize) -> Self {
        let sign = if e.direction == Direction::Gave { 1.0 } else { -1.0 };
        Self {
            day: f64::from(day),
            value: sign * f64::from(e.value),
            direction: e.direction,
            kind: e.kind,
            id: e.id,
            index,
        }
    }
}

/// A dated marker: a check-in (touch id) or a made introduction (introduction id).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineMarker {
    /// Day number as a plot coordinate.
    pub day: f64,
    pub id: Id,
}

/// Plot series of one contact up to the as-of date (later records are ignored).
/// Days are day numbers as `f64`; `days::from_day_number` turns them back into dates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactTimeline {
    pub contact: Id,
    /// The contact's exchanges, by date then file order.
    pub exchanges: Vec<TimelineExchange>,
    /// The contact's touches (check-ins), by date.
    pub touches: Vec<TimelineMarker>,
    /// Made introductions in which the contact is `a` or `b`, at the made date.
    pub introductions: Vec<TimelineMarker>,
    /// `[day, given − received]` decayed, as in the balance, from the first exchange:
    /// at every exchange date (after that day's exchanges), every
    /// [`BALANCE_STEP_DAYS`] between, and at the as-of date; at most
    /// [`MAX_BALANCE_POINTS`], sorted by day. Empty when no exchange yet.
    pub balance: Vec<[f64; 2]>,
    /// The earliest of the contact's `created` date and its records.
    pub first_day: f64,
    /// The as-of date.
    pub last_day: f64,
}

/// The timeline of contact `contact` on `as_of`.
pub fn contact_timeline(network: &Network, contact: Id, as_of: Date) -> ContactTimeline {
    let positions =
        network.exchanges.iter().enumerate().filter(|(_, e)| e.contact == contact).map(|(i, _)| i);
    timeline_from(network, contact, as_of, positions)
}

/// [`contact_timeline`] from the positions in `network.exchanges` of the contact's
/// exchanges (any order), known already: no pass over every exchange.
pub fn contact_timeline_at(
    network: &Network,
    contact: Id,
    as_of: Date,
    positions: impl Iterator<Item = usize>,
) -> ContactTimeline {
    timeline_from(network, contact, as_of, positions)
}

fn timeline_from(
    network: &Network,
    contact: Id,
    as_of: Date,
    positions: impl Iterator<Item = usize>,
) -> ContactTimeline {
    let t = day_number(as_of);
    // The records are copied out first and dated after: a loop that only reads keeps
    // many reads of scattered records in flight, one that also does the date
    // arithmetic does not (a contact's 150,000 exchanges: 2 ms instead of 13).
    let gathered: Vec<(jiff::civil::Date, TimelineExchange)> = positions
        .filter_map(|index| {
            let e = network.exchanges.get(index).filter(|e| e.contact == contact)?;
            Some((e.date, TimelineExchange::of(e, 0, index)))
        })
        .collect();
    let mut exchanges: Vec<(i32, TimelineExchange)> = gathered
        .into_iter()
        .filter_map(|(date, mut p)| {
            let day = day_number(date);
            p.day = f64::from(day);
            (day <= t).then_some((day, p))
        })
        .collect();
    // By day (stable), then position within each day.
    super::index::sort_by_day(&mut exchanges);
    for day in exchanges.chunk_by_mut(|a, b| a.0 == b.0) {
        if day.windows(2).any(|w| w[0].1.index > w[1].1.index) {
            day.sort_by_key(|(_, p)| p.index);
        }
    }
    let exchanges = exchanges.into_iter().map(|(_, p)| p).collect();
    ContactTimeline::assemble(network, contact, as_of, exchanges)
}

impl ContactTimeline {
    /// The timeline of `contact` on `as_of` around its exchanges, already gathered and
    /// sorted by day then position: its markers and balance line from them.
    fn assemble(network: &Network, contact: Id, as_of: Date, exchanges: Vec<TimelineExchange>) -> Self {
        let markers = Markers::of(network, contact, day_number(as_of));
        Self::assemble_with(network, contact, as_of, exchanges, markers)
    }

    /// [`Self::assemble`] with the contact's markers already found.
    fn assemble_with(
        network: &Network,
        contact: Id,
        as_of: Date,
        exchanges: Vec<TimelineExchange>,
        Markers { touches, introductions }: Markers,
    ) -> Self {
        let t = day_number(as_of);
        let mut daily: Vec<(i32, f64)> = Vec::new();
        for p in &exchanges {
            let day = p.day as i32;
            match daily.last_mut() {
                Some((last, net)) if *last == day => *net += p.value,
                _ => daily.push((day, p.value)),
            }
        }
        let created = network.contact(contact).map(|c| day_number(c.created));
        let first_marker = |markers: &[TimelineMarker]| markers.first().map(|m| m.day as i32);
        let first_record = [daily.first().map(|d| d.0), first_marker(&touches), first_marker(&introductions)]
            .into_iter()
            .flatten()
            .min();
        Self {
            contact,
            balance: balance_line(&daily, t, network.profile.half_life_days),
            exchanges,
            touches,
            introductions,
            first_day: f64::from([created, first_record, Some(t)].into_iter().flatten().min().unwrap_or(t)),
            last_day: f64::from(t),
        }
    }

    /// The first day again, after the contact's creation date may have changed (its
    /// records did not).
    pub fn restart(&mut self, network: &Network, as_of: Date) {
        let t = day_number(as_of);
        let created = network.contact(self.contact).map(|c| day_number(c.created));
        let markers = [self.touches.first(), self.introductions.first()].into_iter().flatten().map(|m| m.day);
        let first_record = self.exchanges.first().map(|e| e.day).into_iter().chain(markers).map(|d| d as i32);
        let first = [created, first_record.min(), Some(t)].into_iter().flatten().min().unwrap_or(t);
        self.first_day = f64::from(first);
    }

    /// Brings the timeline along edits of `network.exchanges` that added or replaced
    /// exchanges in place (touches, introductions and the contact may have changed
    /// too): the exchanges it holds are kept, those that came or went are put in or
    /// taken out, and the rest is built from them. False when a step removed or put
    /// back exchanges (positions moved): then build it anew. `markers`: what became
    /// of the contact's check-ins and made introductions.
    pub fn follow(
        &mut self,
        network: &Network,
        as_of: Date,
        steps: &[crate::model::ExchangeStep],
        markers: MarkerChange,
    ) -> bool {
        use crate::model::ExchangeStep;
        let t = day_number(as_of);
        let contact = self.contact;
        let mut exchanges = std::mem::take(&mut self.exchanges);
        for step in steps {
            let (at, old, new) = match step {
                ExchangeStep::Replaced { at, old, new } => (*at, Some(old), new),
                ExchangeStep::Added { at, new } => (*at, None, new),
                ExchangeStep::Removed(_) | ExchangeStep::Restored(_) => return false,
            };
            if old.is_some_and(|old| old.contact == contact) {
                exchanges.retain(|p| p.index != at);
            }
            let day = day_number(new.date);
            if new.contact == contact && day <= t {
                let point = TimelineExchange::of(new, day, at);
                let place = exchanges.partition_point(|p| (p.day, p.index) < (point.day, at));
                exchanges.insert(place, point);
            }
        }
        let mut kept = Markers {
            touches: std::mem::take(&mut self.touches),
            introductions: std::mem::take(&mut self.introductions),
        };
        // Markers are dated up to the as-of date, which the timeline already follows.
        let markers = match markers {
            _ if self.last_day != f64::from(t) => Markers::of(network, contact, t),
            MarkerChange::None => kept,
            MarkerChange::TouchesAdded(added) => {
                let first = network.touches.len().saturating_sub(added);
                for touch in network.touches.get(first..).unwrap_or_default() {
                    let day = day_number(touch.date);
                    if touch.contact == contact && day <= t {
                        let marker = TimelineMarker { day: f64::from(day), id: touch.id };
                        let at = kept.touches.partition_point(|m| (m.day, m.id) < (marker.day, marker.id));
                        kept.touches.insert(at, marker);
                    }
                }
                kept
            }
            MarkerChange::Any => Markers::of(network, contact, t),
        };
        *self = Self::assemble_with(network, contact, as_of, exchanges, markers);
        true
    }
}

/// What an edit did to one contact's markers (see [`ContactTimeline::follow`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerChange {
    /// Neither its check-ins nor its made introductions changed.
    None,
    /// Check-ins were only added, the last `n` of `network.touches` (any contact's);
    /// introductions did not change.
    TouchesAdded(usize),
    /// Anything else: they are looked for again.
    Any,
}

/// A contact's check-ins and made introductions up to a day, as the timeline marks them.
struct Markers {
    touches: Vec<TimelineMarker>,
    introductions: Vec<TimelineMarker>,
}

impl Markers {
    /// Those of `contact` up to day `t`.
    fn of(network: &Network, contact: Id, t: i32) -> Self {
        let touches =
            markers(network.touches.iter().filter(|tc| tc.contact == contact).map(|tc| (tc.date, tc.id)), t);
        let made = network.introductions.iter().filter(|i| i.a == contact || i.b == contact);
        let introductions = markers(made.filter_map(|i| Some((i.made?, i.id))), t);
        Self { touches, introductions }
    }
}

/// Dated ids up to day `t`, sorted by day then id.
fn markers(items: impl Iterator<Item = (Date, Id)>, t: i32) -> Vec<TimelineMarker> {
    let mut out: Vec<(i32, Id)> =
        items.map(|(date, id)| (day_number(date), id)).filter(|(d, _)| *d <= t).collect();
    out.sort_unstable();
    out.into_iter().map(|(day, id)| TimelineMarker { day: f64::from(day), id }).collect()
}

/// The decayed net balance sampled from the first event day to `end`; `daily` holds
/// the signed value of each day with exchanges, sorted by day.
fn balance_line(daily: &[(i32, f64)], end: i32, half_life_days: f64) -> Vec<[f64; 2]> {
    let Some(&(start, _)) = daily.first() else { return Vec::new() };
    let span = end.saturating_sub(start).max(0);
    let grid = |step: i32| (0..=span / step).map(move |k| start + k * step);
    let weekly = usize::try_from(span / BALANCE_STEP_DAYS).unwrap_or(usize::MAX).saturating_add(1);
    let mut samples: Vec<i32> = if daily.len().saturating_add(weekly) < MAX_BALANCE_POINTS {
        grid(BALANCE_STEP_DAYS).chain(daily.iter().map(|d| d.0)).collect()
    } else {
        // Too many events to show each: an even grid, exact at each of its days.
        let most = i32::try_from(MAX_BALANCE_POINTS - 2).unwrap_or(i32::MAX);
        let step = (span + most - 1) / most;
        grid(step.max(1)).collect()
    };
    samples.push(end);
    samples.sort_unstable();
    samples.dedup();

    let mut decay = Decay::new(half_life_days);
    let (mut balance, mut at) = (0.0, start);
    let mut events = daily.iter().peekable();
    let mut line = Vec::with_capacity(samples.len());
    for day in samples {
        while let Some(&&(event_day, value)) = events.peek()
            && event_day <= day
        {
            balance = balance * decay.factor(event_day - at) + value;
            at = event_day;
            events.next();
        }
        line.push([f64::from(day), balance * decay.factor(day - at)]);
    }
    line
}
