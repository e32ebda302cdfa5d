//! The sample network, shifted to the day it is opened, always looks alive: people
//! overdue for a check-in and a promise due within the week.

use jiff::civil::{Date, date};
use rapport::analysis::{AgendaKind, agenda, contact_stats};
use rapport::model::{Network, newest_recorded, shift_dates, shift_to_today};

fn sample() -> Network {
    rapport::store::parse_bytes(rapport::app::SAMPLE.as_bytes(), std::path::Path::new("sample.ron"))
        .expect("the sample reads")
}

fn shifted_to(today: Date) -> Network {
    let mut network = sample();
    let days = shift_to_today(&network, today);
    shift_dates(&mut network, days);
    network
}

#[test]
fn the_sample_is_not_moved_on_the_day_its_dates_were_written_around() {
    assert_eq!(shift_to_today(&sample(), date(2026, 11, 25)), 0);
    assert_eq!(shifted_to(date(2026, 11, 25)), sample());
}

#[test]
fn the_shifted_sample_has_overdue_people_and_a_promise_due_this_week() {
    for today in [date(2026, 11, 25), date(2027, 6, 1), date(2030, 1, 15), date(2024, 2, 29)] {
        let network = shifted_to(today);
        let newest = newest_recorded(&network).expect("the sample has dates");
        let lead = newest.until(today).expect("a span").get_days();
        assert!((1..=2).contains(&lead), "on {today} the newest date {newest} is {lead} days before");

        let stats = contact_stats(&network, today);
        let items = agenda(&network, &stats, today, 7);
        let overdue = items.iter().filter(|i| i.kind == AgendaKind::CheckIn && i.overdue_days > 0).count();
        assert!(overdue >= 2, "on {today}: {overdue} people overdue");
        let week = today.checked_add(jiff::Span::new().days(7)).expect("a date");
        let due_soon =
            items.iter().any(|i| i.kind == AgendaKind::Promise && i.date >= today && i.date <= week);
        assert!(due_soon, "on {today}: no promise due within 7 days: {items:?}");
    }
}

#[test]
fn the_shifted_sample_is_still_a_valid_network() {
    let network = shifted_to(date(2030, 1, 15));
    let problems = rapport::model::validate(&network);
    assert!(problems.is_empty(), "{problems:?}");
}
