//! `rapport::model::validate` on hand-built networks: every violation is reported,
//! each with its exact place and message, in file order.

use jiff::civil::Date;
use rapport::model::{
    Channel, Commitment, Consent, Contact, Direction, Exchange, Id, Introduction, Kind, Lesson, Network,
    Problem, Touch, Win, validate,
};

const DAY: Date = Date::constant(2025, 7, 23);

fn problem(place: &str, message: &str) -> Problem {
    Problem { place: place.to_owned(), message: message.to_owned() }
}

fn contact(id: Id) -> Contact {
    Contact::new(id, format!("Contact {id}"), DAY)
}

fn exchange(id: Id, contact: Id) -> Exchange {
    Exchange {
        id,
        contact,
        date: DAY,
        direction: Direction::Gave,
        kind: Kind::Mentoring,
        hours: 1.5,
        value: 4,
        summary: "Portfolio review".to_owned(),
        outcome: String::new(),
        thanked: false,
    }
}

fn touch(id: Id, contact: Id) -> Touch {
    Touch {
        id,
        contact,
        date: DAY,
        channel: Channel::Call,
        working_on: String::new(),
        priorities: String::new(),
        constraints: String::new(),
        notes: String::new(),
    }
}

fn commitment(id: Id, contact: Id) -> Commitment {
    Commitment {
        id,
        contact,
        made: DAY,
        due: Some(Date::constant(2025, 8, 20)),
        direction: Direction::Gave,
        hours: 2.0,
        summary: "Draft job post".to_owned(),
        done: None,
    }
}

fn introduction(id: Id, a: Id, b: Id) -> Introduction {
    Introduction {
        id,
        date: DAY,
        a,
        b,
        why: String::new(),
        a_gains: String::new(),
        b_gains: String::new(),
        consent_a: Consent::Granted(DAY),
        consent_b: Consent::Asked(DAY),
        made: None,
        outcome: String::new(),
    }
}

fn win(id: Id, contact: Id) -> Win {
    Win { id, contact, date: DAY, text: "Promoted".to_owned(), celebrated: false }
}

/// A valid network with two contacts and one record in every other list.
fn valid() -> Network {
    Network {
        contacts: vec![contact(1), contact(2)],
        exchanges: vec![exchange(1, 1)],
        touches: vec![touch(1, 1)],
        commitments: vec![commitment(1, 2)],
        introductions: vec![introduction(1, 1, 2)],
        wins: vec![win(1, 2)],
        playbook: vec![Lesson { date: DAY, lesson: "Ask before offering.".to_owned() }],
        ..Network::default()
    }
}

#[test]
fn a_valid_network_has_no_problems() {
    assert_eq!(validate(&valid()), Vec::<Problem>::new());
    assert_eq!(validate(&Network::default()), Vec::<Problem>::new());
}

#[test]
fn boundary_values_are_valid() {
    let mut n = valid();
    n.profile.capacity_hours_per_month = 0.0;
    n.profile.balance_tolerance = 0.5;
    n.profile.default_cadence_days = 1;
    n.contacts[0].cadence_days = Some(1);
    n.exchanges[0].value = 1;
    n.exchanges[0].hours = 0.0;
    n.exchanges.push(Exchange { value: 5, ..exchange(2, 2) });
    n.commitments[0].hours = 0.0;
    assert_eq!(validate(&n), Vec::<Problem>::new());

    n.profile.balance_tolerance = 0.0;
    assert_eq!(validate(&n), Vec::<Problem>::new());
}

#[test]
fn duplicate_ids_are_reported_in_every_list() {
    let mut n = valid();
    n.contacts.push(contact(1));
    n.exchanges.push(exchange(1, 2));
    n.touches.push(touch(1, 2));
    n.commitments.push(commitment(1, 1));
    n.introductions.push(introduction(1, 2, 1));
    n.wins.push(win(1, 1));
    assert_eq!(
        validate(&n),
        vec![
            problem("contacts[2] (id 1)", "duplicate id 1"),
            problem("exchanges[1] (id 1)", "duplicate id 1"),
            problem("touches[1] (id 1)", "duplicate id 1"),
            problem("commitments[1] (id 1)", "duplicate id 1"),
            problem("introductions[1] (id 1)", "duplicate id 1"),
            problem("wins[1] (id 1)", "duplicate id 1"),
        ]
    );
}

#[test]
fn every_repeat_of_an_id_is_reported() {
    let mut n = valid();
    n.exchanges = vec![exchange(7, 1), exchange(8, 1), exchange(7, 2), exchange(7, 1)];
    assert_eq!(
        validate(&n),
        vec![
            problem("exchanges[2] (id 7)", "duplicate id 7"),
            problem("exchanges[3] (id 7)", "duplicate id 7"),
        ]
    );
}

#[test]
fn id_zero_is_reported_in_every_list() {
    let mut n = valid();
    n.contacts.push(contact(0));
    n.exchanges.push(exchange(0, 1));
    n.touches.push(touch(0, 1));
    n.commitments.push(commitment(0, 1));
    n.introductions.push(introduction(0, 1, 2));
    n.wins.push(win(0, 1));
    let message = "id 0 is not allowed, ids start at 1";
    assert_eq!(
        validate(&n),
        vec![
            problem("contacts[2] (id 0)", message),
            problem("exchanges[1] (id 0)", message),
            problem("touches[1] (id 0)", message),
            problem("commitments[1] (id 0)", message),
            problem("introductions[1] (id 0)", message),
            problem("wins[1] (id 0)", message),
        ]
    );
}

#[test]
fn a_contact_with_id_zero_cannot_be_referenced() {
    let mut n = valid();
    n.contacts.push(contact(0));
    n.exchanges[0].contact = 0;
    assert_eq!(
        validate(&n),
        vec![
            problem("contacts[2] (id 0)", "id 0 is not allowed, ids start at 1"),
            problem("exchanges[0] (id 1)", "contact 0 does not exist"),
        ]
    );
}

#[test]
fn references_that_do_not_resolve_are_reported_in_every_list() {
    let mut n = valid();
    n.exchanges[0].contact = 9;
    n.touches[0].contact = 10;
    n.commitments[0].contact = 11;
    n.introductions = vec![introduction(1, 12, 2), introduction(2, 1, 13), introduction(3, 14, 15)];
    n.wins[0].contact = 16;
    assert_eq!(
        validate(&n),
        vec![
            problem("exchanges[0] (id 1)", "contact 9 does not exist"),
            problem("touches[0] (id 1)", "contact 10 does not exist"),
            problem("commitments[0] (id 1)", "contact 11 does not exist"),
            problem("introductions[0] (id 1)", "a: contact 12 does not exist"),
            problem("introductions[1] (id 2)", "b: contact 13 does not exist"),
            problem("introductions[2] (id 3)", "a: contact 14 does not exist"),
            problem("introductions[2] (id 3)", "b: contact 15 does not exist"),
            problem("wins[0] (id 1)", "contact 16 does not exist"),
        ]
    );
}

#[test]
fn references_resolve_against_contact_ids_not_positions() {
    let mut n = valid();
    n.contacts = vec![contact(40), contact(7)];
    n.exchanges[0].contact = 7;
    n.touches[0].contact = 40;
    n.commitments[0].contact = 1;
    n.introductions[0] = introduction(1, 40, 7);
    n.wins[0].contact = 2;
    assert_eq!(
        validate(&n),
        vec![
            problem("commitments[0] (id 1)", "contact 1 does not exist"),
            problem("wins[0] (id 1)", "contact 2 does not exist"),
        ]
    );
}

#[test]
fn value_outside_one_to_five_is_reported() {
    let mut n = valid();
    n.exchanges = vec![
        Exchange { value: 0, ..exchange(1, 1) },
        Exchange { value: 6, ..exchange(2, 1) },
        Exchange { value: 255, ..exchange(3, 2) },
    ];
    assert_eq!(
        validate(&n),
        vec![
            problem("exchanges[0] (id 1)", "value is 0, it must be from 1 to 5"),
            problem("exchanges[1] (id 2)", "value is 6, it must be from 1 to 5"),
            problem("exchanges[2] (id 3)", "value is 255, it must be from 1 to 5"),
        ]
    );
}

#[test]
fn negative_hours_are_reported_for_exchanges_and_commitments() {
    let mut n = valid();
    n.exchanges[0].hours = -1.5;
    n.commitments[0].hours = -0.25;
    assert_eq!(
        validate(&n),
        vec![
            problem("exchanges[0] (id 1)", "hours is -1.5, it must be 0 or more"),
            problem("commitments[0] (id 1)", "hours is -0.25, it must be 0 or more"),
        ]
    );
}

#[test]
fn hours_that_are_not_finite_numbers_are_reported() {
    let mut n = valid();
    n.exchanges.push(Exchange { hours: f64::NAN, ..exchange(2, 1) });
    n.exchanges.push(Exchange { hours: f64::INFINITY, ..exchange(3, 1) });
    n.commitments[0].hours = f64::NAN;
    n.commitments.push(Commitment { hours: f64::NEG_INFINITY, ..commitment(2, 1) });
    assert_eq!(
        validate(&n),
        vec![
            problem("exchanges[1] (id 2)", "hours is NaN, it must be 0 or more"),
            problem("exchanges[2] (id 3)", "hours is inf, it must be 0 or more"),
            problem("commitments[0] (id 1)", "hours is NaN, it must be 0 or more"),
            problem("commitments[1] (id 2)", "hours is -inf, it must be 0 or more"),
        ]
    );
}

#[test]
fn an_introduction_of_a_contact_to_itself_is_reported() {
    let mut n = valid();
    n.introductions = vec![introduction(1, 2, 2), introduction(2, 9, 9)];
    assert_eq!(
        validate(&n),
        vec![
            problem("introductions[0] (id 1)", "introduces contact 2 to itself"),
            problem("introductions[1] (id 2)", "a: contact 9 does not exist"),
            problem("introductions[1] (id 2)", "b: contact 9 does not exist"),
            problem("introductions[1] (id 2)", "introduces contact 9 to itself"),
        ]
    );
}

#[test]
fn bad_profile_numbers_are_all_reported() {
    let mut n = valid();
    n.profile.capacity_hours_per_month = -1.0;
    n.profile.half_life_days = 0.0;
    n.profile.balance_tolerance = 0.6;
    n.profile.default_cadence_days = 0;
    assert_eq!(
        validate(&n),
        vec![
            problem("profile", "capacity_hours_per_month is -1, it must be 0 or more"),
            problem("profile", "half_life_days is 0, it must be more than 0"),
            problem("profile", "balance_tolerance is 0.6, it must be between 0 and 0.5"),
            problem("profile", "default_cadence_days is 0, it must be at least 1"),
        ]
    );
}

#[test]
fn profile_numbers_that_are_nan_or_negative_are_reported() {
    let mut n = valid();
    n.profile.capacity_hours_per_month = f64::NAN;
    n.profile.half_life_days = -30.0;
    n.profile.balance_tolerance = -0.1;
    assert_eq!(
        validate(&n),
        vec![
            problem("profile", "capacity_hours_per_month is NaN, it must be 0 or more"),
            problem("profile", "half_life_days is -30, it must be more than 0"),
            problem("profile", "balance_tolerance is -0.1, it must be between 0 and 0.5"),
        ]
    );

    n.profile = rapport::model::Profile::default();
    n.profile.half_life_days = f64::NAN;
    n.profile.balance_tolerance = f64::NAN;
    assert_eq!(
        validate(&n),
        vec![
            problem("profile", "half_life_days is NaN, it must be more than 0"),
            problem("profile", "balance_tolerance is NaN, it must be between 0 and 0.5"),
        ]
    );
}

#[test]
fn a_contact_cadence_of_zero_days_is_reported() {
    let mut n = valid();
    n.contacts[1].cadence_days = Some(0);
    assert_eq!(validate(&n), vec![problem("contacts[1] (id 2)", "cadence_days is 0, it must be at least 1")]);
}

/// Many violations at once: all of them come back, in the order they appear in the
/// file (profile, then each list record by record, each record field by field).
#[test]
fn every_violation_is_reported_in_file_order() {
    let mut n = valid();
    n.profile.default_cadence_days = 0;
    n.profile.capacity_hours_per_month = -2.0;
    n.contacts = vec![contact(1), Contact { cadence_days: Some(0), ..contact(0) }, contact(1), contact(2)];
    n.exchanges = vec![
        Exchange { value: 0, hours: -1.0, ..exchange(3, 5) },
        Exchange { value: 6, ..exchange(3, 1) },
        exchange(4, 2),
    ];
    n.touches = vec![touch(1, 5), touch(1, 1)];
    n.commitments = vec![Commitment { hours: f64::NAN, ..commitment(0, 6) }];
    n.introductions = vec![introduction(1, 1, 1), introduction(1, 7, 2)];
    n.wins = vec![win(2, 8), win(2, 2)];
    assert_eq!(
        validate(&n),
        vec![
            problem("profile", "capacity_hours_per_month is -2, it must be 0 or more"),
            problem("profile", "default_cadence_days is 0, it must be at least 1"),
            problem("contacts[1] (id 0)", "id 0 is not allowed, ids start at 1"),
            problem("contacts[1] (id 0)", "cadence_days is 0, it must be at least 1"),
            problem("contacts[2] (id 1)", "duplicate id 1"),
            problem("exchanges[0] (id 3)", "contact 5 does not exist"),
            problem("exchanges[0] (id 3)", "hours is -1, it must be 0 or more"),
            problem("exchanges[0] (id 3)", "value is 0, it must be from 1 to 5"),
            problem("exchanges[1] (id 3)", "duplicate id 3"),
            problem("exchanges[1] (id 3)", "value is 6, it must be from 1 to 5"),
            problem("touches[0] (id 1)", "contact 5 does not exist"),
            problem("touches[1] (id 1)", "duplicate id 1"),
            problem("commitments[0] (id 0)", "id 0 is not allowed, ids start at 1"),
            problem("commitments[0] (id 0)", "contact 6 does not exist"),
            problem("commitments[0] (id 0)", "hours is NaN, it must be 0 or more"),
            problem("introductions[0] (id 1)", "introduces contact 1 to itself"),
            problem("introductions[1] (id 1)", "duplicate id 1"),
            problem("introductions[1] (id 1)", "a: contact 7 does not exist"),
            problem("wins[0] (id 2)", "contact 8 does not exist"),
            problem("wins[1] (id 2)", "duplicate id 2"),
        ]
    );
}

#[test]
fn a_problem_displays_as_place_colon_message() {
    let p = problem("exchanges[3] (id 7)", "contact 9 does not exist");
    assert_eq!(p.to_string(), "exchanges[3] (id 7): contact 9 does not exist");
}

/// Ids far apart (a hand-edited file, or one merged from elsewhere) are checked as
/// closely as the dense 1, 2, 3… of files Rapport writes.
#[test]
fn ids_far_apart_are_checked_like_dense_ones() {
    let far = u64::MAX - 1;
    let mut n = valid();
    n.contacts = vec![contact(far), contact(3), contact(1 << 40)];
    n.exchanges =
        vec![exchange(far, far), exchange(1 << 40, 1 << 40), exchange(far, 3), exchange(5, 1 << 41)];
    n.touches[0].contact = far;
    n.commitments[0].contact = 3;
    n.introductions[0] = introduction(1, far, 1 << 40);
    n.wins[0].contact = u64::MAX;
    assert_eq!(
        validate(&n),
        vec![
            problem(&format!("exchanges[2] (id {far})"), &format!("duplicate id {far}")),
            problem("exchanges[3] (id 5)", &format!("contact {} does not exist", 1_u64 << 41)),
            problem("wins[0] (id 1)", &format!("contact {} does not exist", u64::MAX)),
        ]
    );
}

/// A reference past the largest contact id, or to a gap between ids, does not resolve.
#[test]
fn references_past_or_between_dense_ids_do_not_resolve() {
    let mut n = valid();
    n.contacts = (1..=100).filter(|id| id % 10 != 0).map(contact).collect();
    n.exchanges = vec![exchange(1, 99), exchange(2, 50), exchange(3, 101), exchange(4, 64), exchange(5, 63)];
    n.commitments[0].contact = 1;
    n.wins[0].contact = 2;
    assert_eq!(
        validate(&n),
        vec![
            problem("exchanges[1] (id 2)", "contact 50 does not exist"),
            problem("exchanges[2] (id 3)", "contact 101 does not exist"),
        ]
    );
}
