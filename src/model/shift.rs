//! Moving every date of a network by the same number of days: the sample network
//! is shown shifted so that it always looks alive on the day it is opened.

use jiff::civil::Date;

use super::{Consent, ImportantDate, Network};

/// How many days before today the newest recorded date of the sample lands.
pub const SAMPLE_LEAD_DAYS: i64 = 2;

/// The newest date of something that happened (exchanges, check-ins, promises made
/// or kept, introductions and consents, wins, lessons, contacts created, needs):
/// not the dates still ahead (promises due, busy until, important dates).
pub fn newest_recorded(network: &Network) -> Option<Date> {
    let contacts = network
        .contacts
        .iter()
        .flat_map(|c| std::iter::once(c.created).chain(c.needs.iter().map(|n| n.since)));
    let promises = network.commitments.iter().flat_map(|p| std::iter::once(p.made).chain(p.done));
    let introductions = network.introductions.iter().flat_map(|i| {
        let consents = [i.consent_a, i.consent_b].into_iter().filter_map(consent_date);
        std::iter::once(i.date).chain(i.made).chain(consents)
    });
    contacts
        .chain(network.exchanges.iter().map(|e| e.date))
        .chain(network.touches.iter().map(|t| t.date))
        .chain(promises)
        .chain(introductions)
        .chain(network.wins.iter().map(|w| w.date))
        .chain(network.playbook.iter().map(|l| l.date))
        .max()
}

/// The days to add to every date of `network` so that its newest recorded date is
/// [`SAMPLE_LEAD_DAYS`] before `today` (0 for a network with no dates).
pub fn shift_to_today(network: &Network, today: Date) -> i64 {
    let Some(newest) = newest_recorded(network) else { return 0 };
    let target = today.checked_sub(jiff::Span::new().days(SAMPLE_LEAD_DAYS)).unwrap_or(today);
    newest.until(target).map_or(0, |span| i64::from(span.get_days()))
}

/// Adds `days` (maybe negative) to every date of `network`, due dates, busy-until and
/// important dates included, so that every interval between them stays the same.
pub fn shift_dates(network: &mut Network, days: i64) {
    if days == 0 {
        return;
    }
    let by = |date: &mut Date| *date = moved(*date, days);
    for contact in &mut network.contacts {
        by(&mut contact.created);
        contact.busy_until.iter_mut().for_each(by);
        contact.needs.iter_mut().for_each(|n| by(&mut n.since));
        contact.dates.iter_mut().for_each(|d| shift_important(d, days));
    }
    network.exchanges.iter_mut().for_each(|e| by(&mut e.date));
    network.touches.iter_mut().for_each(|t| by(&mut t.date));
    for promise in &mut network.commitments {
        by(&mut promise.made);
        promise.due.iter_mut().for_each(by);
        promise.done.iter_mut().for_each(by);
    }
    for intro in &mut network.introductions {
        by(&mut intro.date);
        intro.made.iter_mut().for_each(by);
        for consent in [&mut intro.consent_a, &mut intro.consent_b] {
            *consent = shift_consent(*consent, days);
        }
    }
    network.wins.iter_mut().for_each(|w| by(&mut w.date));
    network.playbook.iter_mut().for_each(|l| by(&mut l.date));
}

fn moved(date: Date, days: i64) -> Date {
    date.checked_add(jiff::Span::new().days(days)).unwrap_or(date)
}

fn consent_date(consent: Consent) -> Option<Date> {
    match consent {
        Consent::NotAsked => None,
        Consent::Asked(d) | Consent::Granted(d) | Consent::Declined(d) => Some(d),
    }
}

fn shift_consent(consent: Consent, days: i64) -> Consent {
    match consent {
        Consent::NotAsked => Consent::NotAsked,
        Consent::Asked(d) => Consent::Asked(moved(d, days)),
        Consent::Granted(d) => Consent::Granted(moved(d, days)),
        Consent::Declined(d) => Consent::Declined(moved(d, days)),
    }
}

/// A yearly date moved by `days`: in its own year when it has one, else in a leap
/// year (so that 29 February moves like any other day); kept when it cannot move.
fn shift_important(date: &mut ImportantDate, days: i64) {
    let year = date.year.unwrap_or(2000);
    let Ok(on) = Date::new(year, date.month, date.day) else { return };
    let to = moved(on, days);
    let year = date.year.map(|_| to.year());
    if let Ok(shifted) = ImportantDate::new(date.label.clone(), to.month(), to.day(), year) {
        *date = shifted;
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::model::{Commitment, Contact, Direction, Exchange, Introduction, Kind, Lesson, Touch, Win};

    fn network() -> Network {
        let mut contact = Contact::new(1, "Ann", date(2024, 3, 1));
        contact.busy_until = Some(date(2025, 2, 1));
        contact.dates = vec![
            ImportantDate::new("Birthday", 12, 30, Some(1980)).expect("a date"),
            ImportantDate::new("Leap", 2, 29, None).expect("a date"),
        ];
        let exchange = Exchange {
            id: 1,
            contact: 1,
            date: date(2025, 1, 10),
            direction: Direction::Gave,
            kind: Kind::Time,
            hours: 1.0,
            value: 3,
            summary: String::new(),
            outcome: String::new(),
            thanked: false,
        };
        let touch = Touch {
            id: 1,
            contact: 1,
            date: date(2025, 1, 20),
            channel: Default::default(),
            working_on: String::new(),
            priorities: String::new(),
            constraints: String::new(),
            notes: String::new(),
        };
        let promise = Commitment {
            id: 1,
            contact: 1,
            made: date(2025, 1, 5),
            due: Some(date(2025, 3, 1)),
            direction: Direction::Gave,
            hours: 1.0,
            summary: String::new(),
            done: None,
        };
        let intro = Introduction {
            id: 1,
            date: date(2025, 1, 2),
            a: 1,
            b: 1,
            why: String::new(),
            a_gains: String::new(),
            b_gains: String::new(),
            consent_a: Consent::Granted(date(2025, 1, 3)),
            consent_b: Consent::NotAsked,
            made: None,
            outcome: String::new(),
        };
        Network {
            contacts: vec![contact],
            exchanges: vec![exchange],
            touches: vec![touch],
            commitments: vec![promise],
            introductions: vec![intro],
            wins: vec![Win {
                id: 1,
                contact: 1,
                date: date(2024, 12, 24),
                text: String::new(),
                celebrated: false,
            }],
            playbook: vec![Lesson { date: date(2024, 11, 1), lesson: String::new() }],
            ..Network::default()
        }
    }

    #[test]
    fn the_newest_recorded_date_leaves_out_dates_ahead() {
        // The promise's due (March) and busy-until (February) are later than the touch.
        assert_eq!(newest_recorded(&network()), Some(date(2025, 1, 20)));
        assert_eq!(newest_recorded(&Network::default()), None);
    }

    #[test]
    fn the_shift_puts_the_newest_date_two_days_before_today() {
        let n = network();
        assert_eq!(shift_to_today(&n, date(2025, 1, 22)), 0);
        assert_eq!(shift_to_today(&n, date(2025, 2, 1)), 10);
        assert_eq!(shift_to_today(&n, date(2024, 1, 22)), -366);
        assert_eq!(shift_to_today(&Network::default(), date(2030, 1, 1)), 0);
    }

    #[test]
    fn every_date_moves_by_the_same_days() {
        let mut n = network();
        shift_dates(&mut n, 10);
        let c = &n.contacts[0];
        assert_eq!(c.created, date(2024, 3, 11));
        assert_eq!(c.busy_until, Some(date(2025, 2, 11)));
        assert_eq!((c.dates[0].month, c.dates[0].day, c.dates[0].year), (1, 9, Some(1981)));
        assert_eq!((c.dates[1].month, c.dates[1].day, c.dates[1].year), (3, 10, None));
        assert_eq!(n.exchanges[0].date, date(2025, 1, 20));
        assert_eq!(n.touches[0].date, date(2025, 1, 30));
        assert_eq!(n.commitments[0].made, date(2025, 1, 15));
        assert_eq!(n.commitments[0].due, Some(date(2025, 3, 11)));
        assert_eq!(n.introductions[0].date, date(2025, 1, 12));
        assert_eq!(n.introductions[0].consent_a, Consent::Granted(date(2025, 1, 13)));
        assert_eq!(n.introductions[0].consent_b, Consent::NotAsked);
        assert_eq!(n.wins[0].date, date(2025, 1, 3));
        assert_eq!(n.playbook[0].date, date(2024, 11, 11));
    }

    #[test]
    fn shifting_back_and_forth_gives_the_network_back() {
        let original = network();
        let mut n = original.clone();
        shift_dates(&mut n, 40);
        assert_ne!(n, original);
        shift_dates(&mut n, -40);
        assert_eq!(n, original);
    }
}
