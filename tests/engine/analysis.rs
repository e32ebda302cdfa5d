//! The numbers of DESIGN.md ("The numbers"), checked against hand-computed values,
//! plus the dashboard and timeline series built on them.
//!
//! Unless a test says otherwise the profile is the default one: half-life 180 days,
//! tolerance 0.15, default cadence 90 days, capacity 10 h a month.

use jiff::ToSpan;
use jiff::civil::Date;
use rapport::analysis::{
    self, Band, CheckIn, FatigueReason, MAX_BALANCE_POINTS, Snapshot, advice, balance_rows, capacity_months,
    check_ins, contact_stats, contact_timeline, current_capacity, days, fatigue, giving_share, imbalances,
    monthly_flow, unthanked,
};
use rapport::model::{Commitment, Contact, Direction, Exchange, Id, Introduction, Kind, Network, Touch};

const EPS: f64 = 1e-12;

fn date(text: &str) -> Date {
    text.parse().expect("a test date")
}

fn days_before(day: &str, n: i32) -> Date {
    date(day).checked_sub(n.days()).expect("in range")
}

fn contact(id: Id, name: &str, created: &str) -> Contact {
    Contact::new(id, name, date(created))
}

fn exchange(id: Id, contact: Id, on: Date, direction: Direction, value: u8, hours: f64) -> Exchange {
    Exchange {
        id,
        contact,
        date: on,
        direction,
        kind: Kind::Mentoring,
        hours,
        value,
        summary: String::new(),
        outcome: String::new(),
        thanked: false,
    }
}

fn gave(id: Id, contact: Id, on: &str, value: u8) -> Exchange {
    exchange(id, contact, date(on), Direction::Gave, value, 0.0)
}

fn received(id: Id, contact: Id, on: &str, value: u8) -> Exchange {
    exchange(id, contact, date(on), Direction::Received, value, 0.0)
}

fn touch(id: Id, contact: Id, on: &str) -> Touch {
    Touch {
        id,
        contact,
        date: date(on),
        channel: rapport::model::Channel::Call,
        working_on: String::new(),
        priorities: String::new(),
        constraints: String::new(),
        notes: String::new(),
    }
}

fn promise(id: Id, made: &str, due: Option<&str>, direction: Direction, hours: f64) -> Commitment {
    Commitment {
        id,
        contact: 1,
        made: date(made),
        due: due.map(date),
        direction,
        hours,
        summary: String::new(),
        done: None,
    }
}

fn intro(id: Id, a: Id, b: Id, made: Option<&str>) -> Introduction {
    Introduction {
        id,
        date: date("2025-01-01"),
        a,
        b,
        why: String::new(),
        a_gains: String::new(),
        b_gains: String::new(),
        consent_a: rapport::model::Consent::NotAsked,
        consent_b: rapport::model::Consent::NotAsked,
        made: made.map(date),
        outcome: String::new(),
    }
}

fn network(contacts: Vec<Contact>, exchanges: Vec<Exchange>) -> Network {
    Network { contacts, exchanges, ..Network::default() }
}

fn stats_of(network: &Network, as_of: &str, id: Id) -> analysis::ContactStats {
    contact_stats(network, date(as_of)).into_iter().find(|s| s.id == id).expect("the contact")
}

// ---------------------------------------------------------------- balance and bands

#[test]
fn value_halves_every_half_life() {
    let as_of = "2025-07-01";
    let net = network(
        vec![contact(1, "Grace", "2024-01-01")],
        vec![
            // 4 × 0.5^(180/180) = 2.0
            exchange(1, 1, days_before(as_of, 180), Direction::Gave, 4, 0.0),
            // 4 × 0.5^(360/180) = 4 / 4 = 1.0
            exchange(2, 1, days_before(as_of, 360), Direction::Received, 4, 0.0),
        ],
    );
    let s = stats_of(&net, as_of, 1);
    assert!((s.given - 2.0).abs() < EPS, "{}", s.given);
    assert!((s.received - 1.0).abs() < EPS, "{}", s.received);
    // share = 2 / (2 + 1) = 0.667 > 0.65 → Giving; total 3 ≥ 2 so not Quiet.
    assert!((s.share.expect("a share") - 2.0 / 3.0).abs() < EPS);
    assert_eq!(s.band, Band::Giving);
}

/// The band of one contact whose exchanges are all dated on the as-of date
/// (weight = value exactly).
fn band_of(gave_values: &[u8], received_values: &[u8]) -> (Band, Option<f64>) {
    let today = "2025-07-01";
    let mut exchanges = Vec::new();
    for (i, v) in gave_values.iter().enumerate() {
        exchanges.push(gave(i as Id + 1, 1, today, *v));
    }
    for (i, v) in received_values.iter().enumerate() {
        exchanges.push(received(i as Id + 100, 1, today, *v));
    }
    let s = stats_of(&network(vec![contact(1, "X", "2025-01-01")], exchanges), today, 1);
    (s.band, s.share)
}

#[test]
fn quiet_below_a_total_of_two() {
    // Total 1 < 2 → Quiet, even though the share is 1.0.
    assert_eq!(band_of(&[1], &[]), (Band::Quiet, Some(1.0)));
    // 3 × 0.5^(180/180) = 1.5 < 2 → Quiet.
    let as_of = "2025-07-01";
    let net = network(
        vec![contact(1, "X", "2024-01-01")],
        vec![exchange(1, 1, days_before(as_of, 180), Direction::Gave, 3, 0.0)],
    );
    assert_eq!(stats_of(&net, as_of, 1).band, Band::Quiet);
    // Total exactly 2 is not "< 2": share 1.0 > 0.65 → Giving.
    assert_eq!(band_of(&[2], &[]).0, Band::Giving);
    // 4 × 0.5^(180/180) = 2.0 exactly → scored.
    let net = network(
        vec![contact(1, "X", "2024-01-01")],
        vec![exchange(1, 1, days_before(as_of, 180), Direction::Received, 4, 0.0)],
    );
    assert_eq!(stats_of(&net, as_of, 1).band, Band::Receiving);
}

#[test]
fn giving_only_above_half_plus_tolerance() {
    // 13 / (13 + 7) = 0.65 = 0.5 + 0.15: not above → Balanced.
    assert_eq!(band_of(&[5, 5, 3], &[5, 2]), (Band::Balanced, Some(0.65)));
    // 13 / (13 + 6) = 0.684 > 0.65 → Giving.
    assert_eq!(band_of(&[5, 5, 3], &[5, 1]).0, Band::Giving);
    // 12 / (12 + 8) = 0.6 → Balanced.
    assert_eq!(band_of(&[5, 5, 2], &[5, 3]).0, Band::Balanced);
    // 5 / 5 = 1.0 → Giving.
    assert_eq!(band_of(&[5], &[]), (Band::Giving, Some(1.0)));
}

#[test]
fn receiving_only_below_half_minus_tolerance() {
    // 7 / (7 + 13) = 0.35 = 0.5 − 0.15: not below → Balanced.
    assert_eq!(band_of(&[5, 2], &[5, 5, 3]), (Band::Balanced, Some(0.35)));
    // 6 / (6 + 13) = 0.316 < 0.35 → Receiving.
    assert_eq!(band_of(&[5, 1], &[5, 5, 3]).0, Band::Receiving);
    // 0 / 3 = 0.0 → Receiving.
    assert_eq!(band_of(&[], &[3]), (Band::Receiving, Some(0.0)));
    // 2 / (2 + 2) = 0.5 → Balanced.
    assert_eq!(band_of(&[2], &[2]).0, Band::Balanced);
}

#[test]
fn communal_contacts_are_always_communal() {
    let mut close = contact(1, "Mentor", "2025-01-01");
    close.communal = true;
    let net = network(vec![close], vec![gave(1, 1, "2025-07-01", 5)]);
    let s = stats_of(&net, "2025-07-01", 1);
    // Still computed (given 5, share 1.0), but the band says scoring is off.
    assert_eq!((s.band, s.given, s.share), (Band::Communal, 5.0, Some(1.0)));
    let quiet = network(vec![Contact { communal: true, ..contact(1, "M", "2025-01-01") }], vec![]);
    assert_eq!(stats_of(&quiet, "2025-07-01", 1).band, Band::Communal);
}

#[test]
fn contact_without_history() {
    let net = network(vec![contact(1, "New", "2025-01-01")], vec![]);
    let s = stats_of(&net, "2025-07-01", 1);
    assert_eq!((s.given, s.received, s.share, s.band), (0.0, 0.0, None, Band::Quiet));
    assert_eq!(s.last_touch, date("2025-01-01"), "created date");
    // Not in rhythm yet (DESIGN, version 2): nothing with them and no cadence of its own.
    assert_eq!((s.due, s.overdue_days), (None, 0));
    // A cadence of its own puts it in rhythm from the created date:
    // 2025-01-01 + 90 days = 2025-04-01 (Jan 31 + Feb 28 + Mar 31 = 90), and
    // 2025-04-01 → 2025-07-01: 30 + 31 + 30 = 91 days.
    let own = network(vec![Contact { cadence_days: Some(90), ..contact(1, "New", "2025-01-01") }], vec![]);
    let s = stats_of(&own, "2025-07-01", 1);
    assert_eq!((s.due, s.overdue_days), (Some(date("2025-04-01")), 91));
    // A touch dated after the as-of date does not count yet.
    let mut later = network(vec![contact(1, "New", "2025-01-01")], vec![]);
    later.touches.push(touch(1, 1, "2025-08-01"));
    assert_eq!(stats_of(&later, "2025-07-01", 1).due, None);
    assert_eq!(stats_of(&later, "2025-08-01", 1).due, Some(date("2025-10-30")));
}

#[test]
fn records_after_the_as_of_date_are_ignored() {
    let mut net = network(
        vec![contact(1, "Later", "2025-01-01")],
        vec![gave(1, 1, "2025-07-02", 5), received(2, 1, "2025-08-01", 5)],
    );
    net.touches.push(touch(1, 1, "2025-07-10"));
    net.introductions.push(intro(1, 1, 1, Some("2025-07-05")));
    let s = stats_of(&net, "2025-07-01", 1);
    assert_eq!((s.given, s.received, s.share), (0.0, 0.0, None));
    assert_eq!(s.last_touch, date("2025-01-01"));
    // The same records count once the date has come: 5 × 0.5^(1/180) given.
    let later = stats_of(&net, "2025-07-03", 1);
    assert!((later.given - 5.0 * 0.5_f64.powf(1.0 / 180.0)).abs() < EPS);
    assert_eq!(later.last_touch, date("2025-07-02"));
}

#[test]
fn last_touch_counts_made_introductions_only() {
    let mut net = network(
        vec![contact(1, "A", "2024-01-01"), contact(2, "B", "2024-01-01"), contact(3, "C", "2024-01-01")],
        vec![gave(1, 1, "2025-03-01", 3)],
    );
    net.touches.push(touch(1, 2, "2025-02-01"));
    net.introductions.push(intro(1, 1, 2, Some("2025-06-15")));
    // Not made: its date (2025-01-01) and consent do not count as a touch.
    net.introductions.push(intro(2, 3, 1, None));
    assert_eq!(stats_of(&net, "2025-07-01", 1).last_touch, date("2025-06-15"), "a side");
    assert_eq!(stats_of(&net, "2025-07-01", 2).last_touch, date("2025-06-15"), "b side");
    assert_eq!(stats_of(&net, "2025-07-01", 3).last_touch, date("2024-01-01"), "created");
}

#[test]
fn due_and_overdue_with_contact_and_default_cadence() {
    let monthly = Contact { cadence_days: Some(30), ..contact(1, "Monthly", "2024-01-01") };
    let mut net = network(
        vec![monthly, contact(2, "Default", "2024-01-01"), contact(3, "Recent", "2024-01-01")],
        vec![],
    );
    net.touches = vec![touch(1, 1, "2025-05-01"), touch(2, 2, "2025-03-01"), touch(3, 3, "2025-06-01")];
    let s = stats_of(&net, "2025-07-01", 1);
    // 2025-05-01 + 30 = 2025-05-31; 2025-05-31 → 2025-07-01 = 31 days.
    assert_eq!((s.due, s.overdue_days, s.cadence_days), (Some(date("2025-05-31")), 31, 30));
    let s = stats_of(&net, "2025-07-01", 2);
    // 2025-03-01 + 90 = 2025-05-30 (30 + 30 + 30); 2025-05-30 → 2025-07-01 = 32 days.
    assert_eq!((s.due, s.overdue_days, s.cadence_days), (Some(date("2025-05-30")), 32, 90));
    let s = stats_of(&net, "2025-07-01", 3);
    // 2025-06-01 + 90 = 2025-08-30: not yet due.
    assert_eq!((s.due, s.overdue_days), (Some(date("2025-08-30")), 0));
    // On the due date itself nothing is overdue yet.
    assert_eq!(stats_of(&net, "2025-05-31", 1).overdue_days, 0);
}

#[test]
fn balance_rows_carry_names_in_file_order() {
    let net = network(vec![contact(2, "Bo", "2025-01-01"), contact(1, "Al", "2025-01-01")], vec![]);
    let rows = balance_rows(&net, date("2025-07-01"));
    let names: Vec<(Id, &str)> = rows.iter().map(|r| (r.id, r.name.as_str())).collect();
    assert_eq!(names, vec![(2, "Bo"), (1, "Al")]);
}

// ---------------------------------------------------------------- monthly flow

#[test]
fn monthly_flow_sums_value_and_hours_per_month() {
    let net = network(
        vec![contact(1, "A", "2024-01-01")],
        vec![
            exchange(1, 1, date("2025-06-03"), Direction::Gave, 3, 1.5),
            exchange(2, 1, date("2025-04-20"), Direction::Received, 1, 0.0),
            exchange(3, 1, date("2025-06-30"), Direction::Gave, 2, 0.5),
            exchange(4, 1, date("2025-06-01"), Direction::Received, 4, 2.0),
            // After the as-of date: ignored.
            exchange(5, 1, date("2025-07-02"), Direction::Gave, 5, 9.0),
        ],
    );
    let flow = monthly_flow(&net, date("2025-07-01"));
    // April and June only (May has no data), oldest first.
    let months: Vec<Date> = flow.iter().map(|m| days::month_start(m.month)).collect();
    assert_eq!(months, vec![date("2025-04-01"), date("2025-06-01")]);
    let (april, june) = (flow[0], flow[1]);
    assert_eq!((april.given.count, april.received.count, april.received.value), (0, 1, 1.0));
    // June given: 2 exchanges, value 3 + 2 = 5, hours 1.5 + 0.5 = 2.0.
    assert_eq!((june.given.count, june.given.value, june.given.hours), (2, 5.0, 2.0));
    assert_eq!((june.received.count, june.received.value, june.received.hours), (1, 4.0, 2.0));
    // Net = given − received value = 5 − 4.
    assert_eq!(june.net_value(), 1.0);
}

// ---------------------------------------------------------------- capacity

fn capacity_network() -> Network {
    let mut net = network(
        vec![contact(1, "A", "2024-01-01")],
        vec![
            exchange(1, 1, date("2025-07-02"), Direction::Gave, 3, 3.0),
            exchange(2, 1, date("2025-07-03"), Direction::Received, 3, 5.0), // received: no
            exchange(3, 1, date("2025-06-10"), Direction::Gave, 3, 2.0),
            exchange(4, 1, date("2025-07-20"), Direction::Gave, 3, 4.0), // after as-of: no
        ],
    );
    let done = Commitment {
        done: Some(date("2025-07-09")),
        ..promise(3, "2025-07-01", Some("2025-07-10"), Direction::Gave, 5.0)
    };
    net.commitments = vec![
        promise(1, "2025-07-01", None, Direction::Gave, 2.0), // no due: July, the month made
        promise(2, "2025-06-01", Some("2025-07-31"), Direction::Gave, 1.5), // due in July
        done,                                                 // kept: no
        promise(4, "2025-07-01", Some("2025-07-20"), Direction::Received, 4.0), // they promised: no
        promise(5, "2025-05-01", Some("2025-06-30"), Direction::Gave, 1.0), // June
        promise(6, "2025-07-01", Some("2025-08-05"), Direction::Gave, 3.0), // August: outside
        promise(7, "2025-07-20", None, Direction::Gave, 2.0), // made after as-of: no
    ];
    net
}

#[test]
fn capacity_counts_gave_hours_and_open_promises() {
    let net = capacity_network();
    let months = capacity_months(&net, date("2025-07-15"));
    // Twelve months, 2024-08 … 2025-07.
    assert_eq!(months.len(), 12);
    assert_eq!(days::month_start(months[0].month), date("2024-08-01"));
    let (june, july) = (months[10], months[11]);
    assert_eq!(days::month_start(july.month), date("2025-07-01"));
    // July: exchange 3 h; promises 2 (no due) + 1.5 = 3.5; 6.5 h of 10 → 0.65.
    assert_eq!((july.gave_hours, july.promised_hours, july.hours), (3.0, 3.5, 6.5));
    assert_eq!((july.capacity, july.ratio), (10.0, Some(0.65)));
    // June: exchange 2 h + promise 1 h = 3 h → 0.3.
    assert_eq!((june.gave_hours, june.promised_hours, june.ratio), (2.0, 1.0, Some(0.3)));
    assert!(months[..10].iter().all(|m| m.hours == 0.0 && m.ratio == Some(0.0)));

    let current = current_capacity(&net, date("2025-07-15"));
    assert_eq!(current.month, july);
    // By the date they count on: 1 (made 07-01), 2 (due 07-31).
    assert_eq!(current.promises, vec![1, 2]);
}

#[test]
fn capacity_with_a_promise_kept_after_the_as_of_date_still_counts_it() {
    let mut net = capacity_network();
    // Kept on 2025-07-09, but on 2025-07-05 it was still open: +5 h in July.
    let july = capacity_months(&net, date("2025-07-05"))[11];
    // Exchange 3 h (07-02) + promises 2 + 1.5 + 5 = 8.5 → 11.5 h.
    assert_eq!(july.hours, 11.5);
    net.profile.capacity_hours_per_month = 0.0;
    let july = capacity_months(&net, date("2025-07-05"))[11];
    assert_eq!(july.ratio, None, "no budget set");
    assert!(!july.is_over_budget());
}

// ---------------------------------------------------------------- fatigue

/// A communal contact (left out of the share of giving) with `hours` given in
/// each listed month.
fn busy_network(months: &[(&str, f64)]) -> Network {
    let close = Contact { communal: true, ..contact(1, "Friend", "2024-01-01") };
    let exchanges = months
        .iter()
        .enumerate()
        .map(|(i, (on, h))| exchange(i as Id + 1, 1, date(on), Direction::Gave, 1, *h));
    network(vec![close], exchanges.collect())
}

fn fatigue_on(net: &Network, as_of: &str) -> Option<analysis::Fatigue> {
    let as_of = date(as_of);
    fatigue(&capacity_months(net, as_of), &giving_share(net, as_of), as_of)
}

#[test]
fn fatigue_when_over_budget_two_months_running() {
    // June 11 h, July 12 h against 10 h: ratios 1.1 and 1.2.
    let net = busy_network(&[("2025-06-05", 11.0), ("2025-07-05", 12.0)]);
    let warning = fatigue_on(&net, "2025-07-15").expect("a warning");
    let [FatigueReason::OverBudget { earlier, later }] = warning.reasons.as_slice() else {
        panic!("{warning:?}")
    };
    assert_eq!((days::month_start(earlier.month), earlier.ratio), (date("2025-06-01"), Some(1.1)));
    assert_eq!((days::month_start(later.month), later.ratio), (date("2025-07-01"), Some(1.2)));
    assert!(warning.reasons[0].explain().contains("June 2025"));
    // In August the later month is the month before: still a warning.
    assert!(fatigue_on(&net, "2025-08-02").is_some());
    // In September it is two months back: none.
    assert_eq!(fatigue_on(&net, "2025-09-02"), None);
}

#[test]
fn no_fatigue_for_one_month_or_exactly_at_budget() {
    // One month over (July 12 h), June exactly at budget (ratio 1.0, not > 1).
    let net = busy_network(&[("2025-06-05", 10.0), ("2025-07-05", 12.0)]);
    assert_eq!(fatigue_on(&net, "2025-07-15"), None);
    // May and July over, June not: not consecutive.
    let net = busy_network(&[("2025-05-05", 11.0), ("2025-06-05", 1.0), ("2025-07-05", 12.0)]);
    assert_eq!(fatigue_on(&net, "2025-07-15"), None);
}

// The window of the share check is the 90 days ending at 2025-07-01: 2025-04-03 ..= 2025-07-01
// (Apr 3 → Apr 30 = 27, → May 31 = 58, → Jun 30 = 88, → Jul 1 = 89 days).
// f = 0.5^(1/180) = 0.9961566 is one day of decay.

#[test]
fn fatigue_when_mostly_giving_for_ninety_days() {
    // The day before the window: gave 1 and received 1 (share 0.5 that day only).
    // Window day 1 (04-03): G = 1·f + 5, R = 1·f → share (f + 5) / (2f + 5) = 0.857535,
    // and constant after that since G and R then decay alike.
    let net = network(
        vec![contact(1, "A", "2024-01-01")],
        vec![gave(1, 1, "2025-04-02", 1), received(2, 1, "2025-04-02", 1), gave(3, 1, "2025-04-03", 5)],
    );
    let share = giving_share(&net, date("2025-07-01"));
    let f = 0.5_f64.powf(1.0 / 180.0);
    let expected = (f + 5.0) / (2.0 * f + 5.0);
    assert!((expected - 0.857_535).abs() < 1e-6);
    assert_eq!(share.daily.len(), 90);
    assert_eq!(share.days_above, 90);
    assert!((share.lowest.expect("a share") - expected).abs() < 1e-9);
    assert!((share.current.expect("a share") - expected).abs() < 1e-9);
    let warning = fatigue_on(&net, "2025-07-01").expect("a warning");
    let [FatigueReason::MostlyGiving { days, lowest_share, .. }] = warning.reasons.as_slice() else {
        panic!("{warning:?}")
    };
    assert_eq!(*days, 90);
    assert!((lowest_share - expected).abs() < 1e-9);
    assert!(warning.reasons[0].explain().contains("86%"), "{}", warning.reasons[0].explain());
}

#[test]
fn no_fatigue_when_the_share_dips_on_one_day() {
    // The same, one day later: the 0.5 day is the window's first day → 89 days above.
    let net = network(
        vec![contact(1, "A", "2024-01-01")],
        vec![gave(1, 1, "2025-04-03", 1), received(2, 1, "2025-04-03", 1), gave(3, 1, "2025-04-04", 5)],
    );
    let share = giving_share(&net, date("2025-07-01"));
    assert_eq!(share.daily[0], Some(0.5));
    assert_eq!(share.days_above, 89);
    assert_eq!(share.lowest, Some(0.5));
    assert_eq!(fatigue_on(&net, "2025-07-01"), None);
}

#[test]
fn share_of_giving_leaves_out_communal_contacts_and_empty_days() {
    // A communal contact's giving does not count; the other contact received 2 and gave 1:
    // share 1 / 3 every day → no warning.
    let close = Contact { communal: true, ..contact(2, "Close", "2024-01-01") };
    let net = network(
        vec![contact(1, "A", "2024-01-01"), close],
        vec![gave(1, 2, "2025-01-01", 5), gave(2, 1, "2025-01-01", 1), received(3, 1, "2025-01-01", 2)],
    );
    let share = giving_share(&net, date("2025-07-01"));
    assert!((share.current.expect("a share") - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(share.days_above, 0);
    assert_eq!(fatigue_on(&net, "2025-07-01"), None);
    // Nothing before 2025-06-01: no share on the days before, so never 90 days above.
    let net = network(vec![contact(1, "A", "2024-01-01")], vec![gave(1, 1, "2025-06-01", 5)]);
    let share = giving_share(&net, date("2025-07-01"));
    assert_eq!(share.daily[0], None);
    // 2025-06-01 ..= 2025-07-01 is 31 days at share 1.0.
    assert_eq!((share.days_above, share.lowest, share.current), (31, None, Some(1.0)));
    assert_eq!(fatigue_on(&net, "2025-07-01"), None);
}

// ---------------------------------------------------------------- dashboard lists

#[test]
fn check_ins_ranked_by_overdue_over_cadence() {
    let cadence = |c: Contact, days: u32| Contact { cadence_days: Some(days), ..c };
    let archived = Contact { archived: true, ..contact(5, "Eve", "2024-01-01") };
    // Stretched until after the as-of date: left out while busy.
    let busy = Contact { busy_until: Some(date("2025-07-02")), ..contact(6, "Fay", "2024-01-01") };
    let mut net = network(
        vec![
            cadence(contact(1, "Cat", "2024-01-01"), 10),
            cadence(contact(2, "Ann", "2024-01-01"), 30),
            cadence(contact(3, "Bob", "2025-01-01"), 90),
            cadence(contact(4, "Dan", "2024-01-01"), 30),
            archived,
            busy,
            // Nothing with Gus yet and no cadence of his own: not in rhythm, not due.
            contact(7, "Gus", "2024-01-01"),
        ],
        vec![],
    );
    net.touches = vec![
        touch(1, 1, "2025-06-11"), // due 06-21, overdue 10 → 10 / 10 = 1.0
        touch(2, 2, "2025-05-02"), // due 06-01, overdue 30 → 30 / 30 = 1.0
        // Bob: created 01-01, due 04-01, overdue 91 → 91 / 90 = 1.011
        touch(3, 4, "2025-06-20"), // due 07-20: not overdue
        touch(4, 5, "2025-01-01"), // overdue but archived
        touch(5, 6, "2025-01-01"), // overdue but busy until 07-02
    ];
    let stats = contact_stats(&net, date("2025-07-01"));
    let list = check_ins(&net, &stats, date("2025-07-01"));
    let ids: Vec<Id> = list.iter().map(|c| c.id).collect();
    // Bob first; Ann and Cat tie at 1.0 → by name.
    assert_eq!(ids, vec![3, 2, 1]);
    // Busy until 07-02 means free again on 07-02.
    let later = contact_stats(&net, date("2025-07-02"));
    assert!(check_ins(&net, &later, date("2025-07-02")).iter().any(|c| c.id == 6));
    assert_eq!(
        list[0],
        CheckIn { id: 3, overdue_days: 91, cadence_days: 90, band: Band::Quiet, urgency: 91.0 / 90.0 }
    );
    assert_eq!((list[1].overdue_days, list[1].urgency), (30, 1.0));
}

#[test]
fn imbalances_leave_out_communal_archived_and_even_contacts() {
    let today = "2025-07-01";
    let net = network(
        vec![
            contact(1, "Zed", "2024-01-01"),
            contact(2, "Mia", "2024-01-01"),
            contact(3, "Ann", "2024-01-01"),
            Contact { communal: true, ..contact(4, "Close", "2024-01-01") },
            Contact { archived: true, ..contact(5, "Old", "2024-01-01") },
            contact(6, "Even", "2024-01-01"),
            contact(7, "Quiet", "2024-01-01"),
        ],
        vec![
            received(1, 1, today, 3), // Zed: share 0.0, gap 0.5
            gave(2, 2, today, 4),     // Mia: 4 / 5 = 0.8, gap 0.3
            received(3, 2, today, 1),
            gave(4, 3, today, 5), // Ann: share 1.0, gap 0.5
            gave(5, 4, today, 5), // communal: out
            gave(6, 5, today, 5), // archived: out
            gave(7, 6, today, 3), // Even: 0.5, Balanced: out
            received(8, 6, today, 3),
            gave(9, 7, today, 1), // Quiet: out
        ],
    );
    let stats = contact_stats(&net, date(today));
    let list = imbalances(&net, &stats);
    let got: Vec<(Id, Band)> = list.iter().map(|i| (i.id, i.band)).collect();
    // Ann and Zed tie at 0.5 → by name; then Mia.
    assert_eq!(got, vec![(3, Band::Giving), (1, Band::Receiving), (2, Band::Giving)]);
    assert_eq!((list[1].share, list[1].gap), (0.0, 0.5));
    assert!((list[2].gap - 0.3).abs() < EPS);
}

#[test]
fn unthanked_received_help_newest_first() {
    let thanked = Exchange { thanked: true, ..received(2, 1, "2025-06-25", 3) };
    let net = network(
        vec![contact(1, "A", "2024-01-01")],
        vec![
            received(10, 1, "2025-06-01", 3),
            thanked,
            gave(3, 1, "2025-06-26", 3), // given, not received
            received(11, 1, "2025-06-20", 3),
            received(4, 1, "2025-07-05", 3),  // after as-of
            received(12, 1, "2025-06-01", 3), // same day as 10, later in the file
        ],
    );
    let list = unthanked(&net, date("2025-07-01"));
    let got: Vec<(usize, Id)> = list.iter().map(|r| (r.index, r.id)).collect();
    assert_eq!(got, vec![(3, 11), (5, 12), (0, 10)]);
}

#[test]
fn advice_speaks_of_what_you_can_do() {
    let net = network(vec![contact(1, "A", "2025-06-01")], vec![]);
    let stats = stats_of(&net, "2025-07-01", 1);
    assert_eq!(
        advice(Band::Giving, &stats),
        "You've given a lot lately — there may be something to ask for."
    );
    assert_eq!(
        advice(Band::Receiving, &stats),
        "They've helped you often — say thanks, or look for a way to give back."
    );
    let lines: Vec<&str> =
        [Band::Quiet, Band::Balanced, Band::Communal].iter().map(|b| advice(*b, &stats)).collect();
    for line in &lines {
        assert!(!line.is_empty());
        for word in ["owe", "must", "should", "fail", "selfish"] {
            assert!(!line.to_lowercase().contains(word), "{line}");
        }
    }
    assert_ne!(lines[0], lines[1]);
    assert_ne!(lines[1], lines[2]);
}

// ---------------------------------------------------------------- timeline

#[test]
fn timeline_series_of_one_contact() {
    let mut net = network(
        vec![contact(1, "A", "2024-12-01"), contact(2, "B", "2024-01-01")],
        vec![
            received(1, 1, "2025-06-30", 2),
            gave(2, 1, "2025-01-01", 4),
            gave(3, 2, "2025-02-01", 5), // another contact
            gave(4, 1, "2025-07-01", 5), // after as-of
        ],
    );
    net.touches = vec![touch(1, 1, "2025-03-01"), touch(2, 2, "2025-03-02")];
    net.introductions = vec![intro(1, 2, 1, Some("2025-04-01")), intro(2, 1, 2, None)];
    let as_of = date("2025-06-30");
    let line = contact_timeline(&net, 1, as_of);
    let day = |text: &str| f64::from(days::day_number(date(text)));

    let points: Vec<(f64, f64, Id, usize)> =
        line.exchanges.iter().map(|e| (e.day, e.value, e.id, e.index)).collect();
    assert_eq!(points, vec![(day("2025-01-01"), 4.0, 2, 1), (day("2025-06-30"), -2.0, 1, 0)]);
    assert_eq!(line.exchanges[1].direction, Direction::Received);
    let touches: Vec<(f64, Id)> = line.touches.iter().map(|m| (m.day, m.id)).collect();
    assert_eq!(touches, vec![(day("2025-03-01"), 1)]);
    let intros: Vec<(f64, Id)> = line.introductions.iter().map(|m| (m.day, m.id)).collect();
    assert_eq!(intros, vec![(day("2025-04-01"), 1)]);
    assert_eq!((line.first_day, line.last_day), (day("2024-12-01"), day("2025-06-30")));

    // Jan 1 → Jun 30 is 180 days: weekly samples Jan 1 + 7k for k = 0..=25, plus Jun 30.
    assert_eq!(line.balance.len(), 27);
    assert_eq!(line.balance[0], [day("2025-01-01"), 4.0]);
    // One week on: 4 × 0.5^(7/180) = 3.8936.
    assert!((line.balance[1][1] - 4.0 * 0.5_f64.powf(7.0 / 180.0)).abs() < 1e-9);
    assert!((line.balance[1][1] - 3.893_617).abs() < 1e-6);
    // At the as-of date: 4 × 0.5^(180/180) − 2 = 0, the same as the balance.
    let last = line.balance[26];
    assert_eq!(last[0], day("2025-06-30"));
    assert!(last[1].abs() < 1e-9, "{last:?}");
    let s = stats_of(&net, "2025-06-30", 1);
    assert!((last[1] - (s.given - s.received)).abs() < 1e-9);
}

#[test]
fn timeline_balance_line_stays_small_for_long_histories() {
    // An exchange every day for ten years: more events than the cap.
    let start = date("2015-07-01");
    let exchanges: Vec<Exchange> = (0..3653)
        .map(|i| {
            let direction = if i % 3 == 0 { Direction::Received } else { Direction::Gave };
            exchange(i as Id + 1, 1, start.checked_add(i.days()).expect("date"), direction, 2, 0.0)
        })
        .collect();
    let net = network(vec![contact(1, "A", "2015-01-01")], exchanges);
    let as_of = date("2025-07-01");
    let line = contact_timeline(&net, 1, as_of);
    assert_eq!(line.exchanges.len(), 3653);
    assert!(line.balance.len() <= MAX_BALANCE_POINTS, "{}", line.balance.len());
    // 3653 days in steps of ⌈3653 / 1998⌉ = 2 days: 1827 grid days, plus the as-of date.
    assert_eq!(line.balance.len(), 1828);
    assert!(line.balance.windows(2).all(|w| w[0][0] < w[1][0]), "sorted by day");
    let last = line.balance.last().expect("points");
    let s = stats_of(&net, "2025-07-01", 1);
    assert_eq!(last[0], f64::from(days::day_number(as_of)));
    assert!((last[1] - (s.given - s.received)).abs() < 1e-9, "{} vs {}", last[1], s.given - s.received);
}

#[test]
fn timeline_of_a_contact_without_exchanges_has_no_line() {
    let net = network(vec![contact(1, "A", "2025-01-01")], vec![]);
    let line = contact_timeline(&net, 1, date("2025-07-01"));
    assert!(line.balance.is_empty() && line.exchanges.is_empty());
    assert_eq!(line.first_day, f64::from(days::day_number(date("2025-01-01"))));
}

// ---------------------------------------------------------------- the snapshot

#[test]
fn snapshot_holds_every_dashboard_number() {
    let mut net = capacity_network();
    net.contacts.push(contact(2, "B", "2024-01-01"));
    net.exchanges.push(received(9, 2, "2025-07-01", 4));
    let as_of = date("2025-07-15");
    let snapshot = Snapshot::compute(&net, as_of);
    assert_eq!(snapshot.contacts, contact_stats(&net, as_of));
    assert_eq!(snapshot.flow, monthly_flow(&net, as_of));
    assert_eq!(snapshot.capacity, capacity_months(&net, as_of));
    assert_eq!(snapshot.current, current_capacity(&net, as_of));
    assert_eq!(snapshot.giving_share, giving_share(&net, as_of));
    assert_eq!(snapshot.fatigue, fatigue(&snapshot.capacity, &snapshot.giving_share, as_of));
    assert_eq!(snapshot.check_ins, check_ins(&net, &snapshot.contacts, as_of));
    assert_eq!(snapshot.imbalances, imbalances(&net, &snapshot.contacts));
    assert_eq!(snapshot.unthanked, unthanked(&net, as_of));
    assert_eq!(snapshot.stats(2).map(|s| s.band), Some(Band::Receiving));
}

/// The DESIGN formulas, written as plainly as possible.
fn reference_given_received(net: &Network, contact: Id, as_of: Date) -> (f64, f64) {
    let t = days::day_number(as_of);
    let mut sums = (0.0, 0.0);
    for e in net.exchanges.iter().filter(|e| e.contact == contact && e.date <= as_of) {
        let age = f64::from(t - days::day_number(e.date));
        let weight = f64::from(e.value) * 0.5_f64.powf(age / net.profile.half_life_days);
        match e.direction {
            Direction::Gave => sums.0 += weight,
            Direction::Received => sums.1 += weight,
        }
    }
    sums
}

proptest::proptest! {
    #[test]
    fn balance_matches_the_design_formula(
        records in proptest::collection::vec((1_u64..6, 0_i32..2000, proptest::bool::ANY, 1_u8..6), 0..60),
        half_life in 10.0_f64..400.0,
    ) {
        let start = date("2020-01-01");
        let mut net = network((1..6).map(|id| contact(id, "C", "2019-01-01")).collect(), vec![]);
        net.profile.half_life_days = half_life;
        // A sparse id to exercise the map lookup as well.
        net.contacts.push(contact(1_000_000, "Far", "2019-01-01"));
        for (i, (who, offset, gave, value)) in records.into_iter().enumerate() {
            let who = if who == 5 { 1_000_000 } else { who };
            let direction = if gave { Direction::Gave } else { Direction::Received };
            let on = start.checked_add(offset.days()).expect("date");
            net.exchanges.push(exchange(i as Id + 1, who, on, direction, value, 1.0));
        }
        let as_of = date("2025-01-01");
        for s in contact_stats(&net, as_of) {
            let (g, r) = reference_given_received(&net, s.id, as_of);
            proptest::prop_assert!((s.given - g).abs() < 1e-9 && (s.received - r).abs() < 1e-9);
        }
    }
}

// ---------------------------------------------------------------- one capacity

/// As of 2025-06-15: a promise open, one kept after that day, one kept before it,
/// one without a due date, one made after it; exchanges given, received and later.
fn one_capacity_network() -> Network {
    let mut net = network(
        vec![contact(1, "A", "2024-01-01")],
        vec![
            exchange(1, 1, date("2025-06-03"), Direction::Gave, 3, 2.5), // June
            exchange(2, 1, date("2025-05-20"), Direction::Gave, 3, 1.25), // May
            exchange(3, 1, date("2025-06-04"), Direction::Received, 3, 4.0), // received: no
            exchange(4, 1, date("2025-06-20"), Direction::Gave, 3, 6.0), // after t: no
        ],
    );
    let kept = |c: Commitment, on: &str| Commitment { done: Some(date(on)), ..c };
    net.commitments = vec![
        // Open: June.
        promise(1, "2025-06-01", Some("2025-06-25"), Direction::Gave, 1.5),
        // Kept on 06-20, after t: still open on t, June.
        kept(promise(2, "2025-05-02", Some("2025-06-10"), Direction::Gave, 2.0), "2025-06-20"),
        // Kept on 06-11, before t: no.
        kept(promise(3, "2025-05-02", Some("2025-06-12"), Direction::Gave, 4.0), "2025-06-11"),
        // No due date: the month made, May.
        promise(4, "2025-05-15", None, Direction::Gave, 0.75),
        // Made on 06-16, after t: no.
        promise(5, "2025-06-16", Some("2025-06-28"), Direction::Gave, 3.0),
        // They promised: no.
        promise(6, "2025-06-01", Some("2025-06-20"), Direction::Received, 5.0),
    ];
    net
}

#[test]
fn dashboard_report_and_ledger_share_one_capacity() {
    let net = one_capacity_network();
    let t = date("2025-06-15");
    let (may, june) = (days::month_index(date("2025-05-01")), days::month_index(t));
    // June: given 2.5 h; promised 1.5 (open) + 2.0 (kept after t) = 3.5 h; 6.0 h of 10 → 0.6.
    // May: given 1.25 h; promised 0.75 h (no due date) = 2.0 h → 0.2.
    let expected = |month: i32, gave_hours: f64, promised_hours: f64| analysis::CapacityMonth {
        month,
        gave_hours,
        promised_hours,
        hours: gave_hours + promised_hours,
        capacity: 10.0,
        ratio: Some((gave_hours + promised_hours) / 10.0),
    };
    let (may_expected, june_expected) = (expected(may, 1.25, 0.75), expected(june, 2.5, 3.5));
    assert_eq!((june_expected.hours, june_expected.ratio), (6.0, Some(0.6)));

    // The dashboard: the last twelve months of the snapshot end with May and June.
    let snapshot = Snapshot::compute(&net, t);
    assert_eq!(snapshot.capacity.len(), 12);
    assert_eq!(snapshot.capacity[10..], [may_expected, june_expected]);
    assert_eq!(snapshot.current.month, june_expected);
    // Counted in June by the date they count on: 2 (due 06-10), then 1 (due 06-25).
    assert_eq!(snapshot.current.promises, vec![2, 1]);

    // The ledger's warning: one month.
    assert_eq!(analysis::capacity_for_month(&net, t, june), june_expected);
    assert_eq!(analysis::capacity_for_month(&net, t, may), may_expected);
    assert_eq!(analysis::capacity_for_months(&net, t, may..=june), [may_expected, june_expected]);
    assert_eq!(capacity_months(&net, t), snapshot.capacity);

    // The report of 2025-05-01 up to 2025-06-16: as of its last day, t.
    let report = rapport::interop::Report::compute(&net, date("2025-05-01"), date("2025-06-16"));
    let rows: Vec<(&str, f64, f64, Option<f64>)> =
        report.capacity.iter().map(|c| (c.month.as_str(), c.hours, c.capacity, c.ratio)).collect();
    assert_eq!(rows, [("2025-05", 2.0, 10.0, Some(0.2)), ("2025-06", 6.0, 10.0, Some(0.6))]);

    // No budget: no ratio, anywhere.
    let mut unbudgeted = net;
    unbudgeted.profile.capacity_hours_per_month = 0.0;
    let june_month = analysis::capacity_for_month(&unbudgeted, t, june);
    assert_eq!((june_month.hours, june_month.ratio), (6.0, None));
    assert_eq!(Snapshot::compute(&unbudgeted, t).current.month, june_month);
    let report = rapport::interop::Report::compute(&unbudgeted, date("2025-05-01"), date("2025-06-16"));
    assert!(report.capacity.iter().all(|c| c.ratio.is_none()));
}
