//! What is coming up (DESIGN.md, `rapport due`): check-ins due, promises due and
//! important dates, up to `days` after the as-of date, overdue ones included. One
//! function for the command line and the dashboard's agenda.

use jiff::civil::Date;
use serde::Serialize;

use super::balance::ContactStats;
use super::days::day_number;
use crate::model::{Direction, Id, Network};

/// The kinds of item, in the order items of one day are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum AgendaKind {
    #[serde(rename = "check-in")]
    CheckIn,
    #[serde(rename = "promise")]
    Promise,
    #[serde(rename = "date")]
    Date,
}

impl AgendaKind {
    /// As `rapport due` writes it: `check-in`, `promise`, `date`.
    pub fn label(self) -> &'static str {
        match self {
            Self::CheckIn => "check-in",
            Self::Promise => "promise",
            Self::Date => "date",
        }
    }
}

/// One thing coming up. Serialized with DESIGN's keys, in its order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgendaItem {
    pub date: Date,
    pub kind: AgendaKind,
    /// The contact's id.
    pub contact: Id,
    pub name: String,
    /// Empty for a check-in, the summary of a promise, the label of a date.
    pub text: String,
    /// Days a check-in is overdue on the as-of date; 0 for the other kinds.
    pub overdue_days: i64,
    /// `Gave` (I promised) or `Received` (they promised me) for a promise.
    pub direction: Option<Direction>,
    /// The commitment, for a promise (to mark it done); not part of the output.
    #[serde(skip)]
    pub commitment: Option<Id>,
    /// Which of the contact's dates, for a date.
    #[serde(skip)]
    pub date_index: Option<usize>,
}

impl AgendaItem {
    /// Dated before `as_of`.
    pub fn is_overdue(&self, as_of: Date) -> bool {
        self.date < as_of
    }
}

/// Everything dated on or before `as_of + days` for contacts not archived, sorted by
/// date, then kind (check-in, promise, date), then name (then id):
/// - a check-in for each contact whose `due` is not null and who is not busy on
///   `as_of`, dated `due`;
/// - each open promise (`done: None`) with a due date, dated that date;
/// - each important date whose next occurrence on or after `as_of` falls in the
///   window, dated that occurrence.
///
/// `stats` is [`super::contact_stats`] of the same network on `as_of`.
pub fn agenda(network: &Network, stats: &[ContactStats], as_of: Date, days: u32) -> Vec<AgendaItem> {
    let until = as_of.checked_add(jiff::Span::new().days(i64::from(days))).unwrap_or(Date::MAX);
    let last = day_number(until);
    let mut items = Vec::new();
    let active = |i: usize| network.contacts.get(i).filter(|c| !c.archived);
    for (i, s) in stats.iter().enumerate() {
        let Some(contact) = active(i) else { continue };
        if let Some(due) = s.due
            && day_number(due) <= last
            && !contact.busy_on(as_of)
        {
            items.push(item(
                due,
                AgendaKind::CheckIn,
                contact.id,
                &contact.name,
                String::new(),
                s.overdue_days,
            ));
        }
        for (index, important) in contact.dates.iter().enumerate() {
            let next = important.next_on_or_after(as_of);
            if day_number(next) <= last {
                let mut date =
                    item(next, AgendaKind::Date, contact.id, &contact.name, important.label.clone(), 0);
                date.date_index = Some(index);
                items.push(date);
            }
        }
    }
    let position: std::collections::HashMap<Id, usize> =
        network.contacts.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    for promise in &network.commitments {
        let (Some(due), None) = (promise.due, promise.done) else { continue };
        let Some(contact) = position.get(&promise.contact).and_then(|i| active(*i)) else { continue };
        if day_number(due) <= last {
            let mut line =
                item(due, AgendaKind::Promise, contact.id, &contact.name, promise.summary.clone(), 0);
            line.direction = Some(promise.direction);
            line.commitment = Some(promise.id);
            items.push(line);
        }
    }
    items.sort_by(order);
    items
}

/// Brings `items` (the [`agenda`] of `network` before some edits) along edits that
/// changed no contact record and no commitment, only the numbers of `contacts`: their
/// check-in items are taken out and, from `stats_of` (the numbers after the edits),
/// put back in their places. Exact: the rest of the agenda does not read them.
pub fn follow_agenda<'s>(
    items: &mut Vec<AgendaItem>,
    network: &Network,
    stats_of: impl Fn(Id) -> Option<&'s ContactStats>,
    contacts: &std::collections::BTreeSet<Id>,
    as_of: Date,
    days: u32,
) {
    let until = as_of.checked_add(jiff::Span::new().days(i64::from(days))).unwrap_or(Date::MAX);
    items.retain(|item| item.kind != AgendaKind::CheckIn || !contacts.contains(&item.contact));
    for &id in contacts {
        let (Some(contact), Some(stats)) = (network.contact(id), stats_of(id)) else { continue };
        let Some(due) = stats.due.filter(|due| *due <= until) else { continue };
        if contact.archived || contact.busy_on(as_of) {
            continue;
        }
        let new = item(due, AgendaKind::CheckIn, id, &contact.name, String::new(), stats.overdue_days);
        let at = items.partition_point(|other| order(other, &new).is_lt());
        items.insert(at, new);
    }
}

/// The agenda's order: date, kind, name, then ids.
fn order(a: &AgendaItem, b: &AgendaItem) -> std::cmp::Ordering {
    (a.date, a.kind)
        .cmp(&(b.date, b.kind))
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.contact.cmp(&b.contact))
        .then_with(|| a.commitment.cmp(&b.commitment))
        .then_with(|| a.date_index.cmp(&b.date_index))
}

/// Takes the check-in at `index` of `network.touches` into `latest` ([`latest_heard`]).
pub fn note_heard(latest: &mut std::collections::HashMap<Id, usize>, network: &Network, index: usize) {
    let Some(touch) = network.touches.get(index) else { return };
    if touch.working_on.trim().is_empty() && touch.priorities.trim().is_empty() {
        return;
    }
    let later =
        |other: &usize| network.touches.get(*other).is_none_or(|o| (touch.date, touch.id) > (o.date, o.id));
    if latest.get(&touch.contact).is_none_or(later) {
        latest.insert(touch.contact, index);
    }
}

/// For each contact, the position in `network.touches` of their latest check-in that
/// says what they were working on or what their priorities were: what an overdue row
/// recalls ("last time: launching a climate fund").
pub fn latest_heard(network: &Network) -> std::collections::HashMap<Id, usize> {
    let mut latest: std::collections::HashMap<Id, usize> = std::collections::HashMap::new();
    for index in 0..network.touches.len() {
        note_heard(&mut latest, network, index);
    }
    latest
}

/// What a check-in said, in a few words: what they were working on, else their
/// priorities.
pub fn heard_summary(touch: &crate::model::Touch) -> &str {
    let working_on = touch.working_on.trim();
    if working_on.is_empty() { touch.priorities.trim() } else { working_on }
}

fn item(
    date: Date,
    kind: AgendaKind,
    contact: Id,
    name: &str,
    text: String,
    overdue_days: i64,
) -> AgendaItem {
    AgendaItem {
        date,
        kind,
        contact,
        name: name.to_owned(),
        text,
        overdue_days,
        direction: None,
        commitment: None,
        date_index: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::contact_stats;
    use crate::model::{Commitment, Contact, ImportantDate, Touch};

    fn on(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap_or(Date::MIN)
    }

    #[test]
    fn lists_what_is_due_in_the_window_in_order() {
        let mut network = Network::default();
        let mut ann = Contact::new(1, "Ann", on(2025, 1, 1));
        ann.cadence_days = Some(30); // created 01-01 + 30 = 01-31: overdue on 02-10
        let mut bo = Contact::new(2, "Bo", on(2025, 1, 1));
        bo.dates.push(ImportantDate::new("Birthday", 2, 12, Some(1990)).unwrap_or_else(|e| panic!("{e}")));
        bo.dates.push(ImportantDate::new("Anniversary", 3, 1, None).unwrap_or_else(|e| panic!("{e}")));
        let mut cy = Contact::new(3, "Cy", on(2025, 1, 1));
        cy.cadence_days = Some(10);
        cy.busy_until = Some(on(2025, 3, 1)); // busy: no check-in, but promises and dates stay
        let mut archived = Contact::new(4, "Di", on(2025, 1, 1));
        archived.cadence_days = Some(1);
        archived.archived = true;
        network.contacts = vec![ann, bo, cy, archived];
        network.touches.push(Touch {
            id: 1,
            contact: 2,
            date: on(2024, 11, 20), // Bo: 11-20 + 90 = 02-18, after 02-10 + 7 days
            channel: crate::model::Channel::Call,
            working_on: String::new(),
            priorities: String::new(),
            constraints: String::new(),
            notes: String::new(),
        });
        let promise = |id, contact, due: Option<Date>, done: Option<Date>| Commitment {
            id,
            contact,
            made: on(2025, 1, 1),
            due,
            direction: Direction::Received,
            hours: 1.0,
            summary: format!("promise {id}"),
            done,
        };
        network.commitments = vec![
            promise(1, 3, Some(on(2025, 2, 12)), None),
            promise(2, 1, Some(on(2025, 2, 1)), None), // overdue
            promise(3, 1, Some(on(2025, 2, 12)), Some(on(2025, 2, 5))), // done
            promise(4, 1, None, None),                 // no due date
            promise(5, 4, Some(on(2025, 2, 12)), None), // archived contact
            promise(6, 2, Some(on(2025, 2, 18)), None), // after the window
        ];
        let as_of = on(2025, 2, 10);
        let stats = contact_stats(&network, as_of);
        let items = agenda(&network, &stats, as_of, 7);
        let got: Vec<(Date, &str, &str, &str, i64)> = items
            .iter()
            .map(|i| (i.date, i.kind.label(), i.name.as_str(), i.text.as_str(), i.overdue_days))
            .collect();
        assert_eq!(
            got,
            [
                (on(2025, 1, 31), "check-in", "Ann", "", 10),
                (on(2025, 2, 1), "promise", "Ann", "promise 2", 0),
                (on(2025, 2, 12), "promise", "Cy", "promise 1", 0),
                (on(2025, 2, 12), "date", "Bo", "Birthday", 0),
            ]
        );
        assert_eq!(items[1].direction, Some(Direction::Received));
        assert_eq!((items[1].commitment, items[3].date_index), (Some(2), Some(0)));
        // Ten days on, Bo's check-in (02-18) and promise 6 come in; a date that has
        // passed comes round next year.
        let later = on(2025, 2, 13);
        let items = agenda(&network, &contact_stats(&network, later), later, 7);
        let kinds: Vec<(Date, &str, &str)> =
            items.iter().map(|i| (i.date, i.kind.label(), i.name.as_str())).collect();
        assert!(kinds.contains(&(on(2025, 2, 18), "check-in", "Bo")), "{kinds:?}");
        assert!(kinds.contains(&(on(2025, 2, 18), "promise", "Bo")), "{kinds:?}");
        assert!(!kinds.iter().any(|(_, kind, _)| *kind == "date"), "{kinds:?}");
    }

    #[test]
    fn json_keys_are_the_design_s() {
        let item = item(on(2025, 2, 1), AgendaKind::CheckIn, 7, "Ann", String::new(), 3);
        let json = serde_json::to_value(&item).unwrap_or_default();
        let keys: Vec<&str> =
            json.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        assert_eq!(keys.len(), 7, "{json}");
        assert_eq!(
            json,
            serde_json::json!({"date": "2025-02-01", "kind": "check-in", "contact": 7, "name": "Ann", "text": "",
                               "overdue_days": 3, "direction": null})
        );
    }
}
