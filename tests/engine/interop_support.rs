//! A small hand-made network for the export, report and command-line tests of
//! interop. Fictional people; the numbers are worked out in `interop_report.rs`.

#![allow(dead_code, reason = "each test crate uses a different part")]

use jiff::civil::Date;
use rapport::model::{
    Commitment, Consent, Contact, Direction, Exchange, Introduction, Kind, Lesson, Network, Win,
};

pub const fn d(y: i16, m: i8, day: i8) -> Date {
    Date::constant(y, m, day)
}

pub const SCRIPT_NAME: &str = "<script>alert(1)</script>";
pub const FORMULA_NAME: &str = "=HYPERLINK(\"http://example.com\",\"Dora\")";

fn exchange(
    id: u64,
    contact: u64,
    date: Date,
    direction: Direction,
    kind: Kind,
    hours: f64,
    value: u8,
) -> Exchange {
    Exchange {
        id,
        contact,
        date,
        direction,
        kind,
        hours,
        value,
        summary: String::new(),
        outcome: String::new(),
        thanked: false,
    }
}

fn commitment(
    id: u64,
    contact: u64,
    made: Date,
    due: Option<Date>,
    direction: Direction,
    hours: f64,
) -> Commitment {
    Commitment { id, contact, made, due, direction, hours, summary: format!("promise {id}"), done: None }
}

/// Contacts: 1 Grace, 2 Alan, 3 `<script>…`, 4 a formula-looking name. Capacity 10 h.
pub fn network() -> Network {
    use Direction::{Gave, Received};
    let mut network = Network::default();
    network.profile.name = "Ada Example".to_owned();
    network.profile.capacity_hours_per_month = 10.0;
    let mut grace = Contact::new(1, "Grace Example", d(2024, 1, 10));
    grace.organization = "Example Navy; Research, Dept".to_owned();
    grace.role = "Rear Admiral".to_owned();
    grace.emails = vec!["grace@example.org".to_owned()];
    grace.phones = vec!["+1 555 0100".to_owned()];
    grace.links = vec!["https://example.org/grace".to_owned()];
    grace.tags = vec!["mentor".to_owned(), "a,b;c".to_owned()];
    grace.notes =
        "First line\nSecond line with a backslash \\ and a very long tail: Zürich café naïve résumé \
                   déjà vu, to be folded at seventy-five octets."
            .to_owned();
    network.contacts = vec![
        grace,
        Contact::new(2, "Alan Example", d(2024, 2, 1)),
        Contact::new(3, SCRIPT_NAME, d(2024, 3, 1)),
        Contact::new(4, FORMULA_NAME, d(2024, 3, 1)),
    ];
    let mut exchanges = vec![
        exchange(1, 1, d(2025, 1, 15), Gave, Kind::Mentoring, 1.0, 3),
        exchange(2, 1, d(2025, 4, 10), Gave, Kind::Mentoring, 1.5, 4),
        exchange(3, 2, d(2025, 5, 5), Gave, Kind::Feedback, 0.5, 2),
        exchange(4, 3, d(2025, 6, 30), Gave, Kind::Referral, 2.0, 5),
        exchange(5, 1, d(2025, 7, 1), Gave, Kind::Mentoring, 3.0, 5),
        exchange(6, 2, d(2025, 3, 31), Received, Kind::Knowledge, 1.0, 3),
        exchange(7, 2, d(2025, 4, 20), Received, Kind::Introduction, 0.0, 5),
        exchange(8, 4, d(2025, 5, 10), Received, Kind::Support, 1.0, 3),
        exchange(9, 4, d(2025, 6, 1), Received, Kind::Feedback, 0.5, 2),
        exchange(10, 3, d(2025, 4, 2), Received, Kind::Recognition, 0.25, 1),
    ];
    exchanges[7].thanked = true;
    exchanges[1].summary = "=1+2 portfolio review".to_owned();
    exchanges[2].summary = "-5 minutes late, still useful".to_owned();
    exchanges[3].outcome = "@channel: hired".to_owned();
    exchanges[4].summary = "\tTabbed".to_owned();
    exchanges[5].summary = "Plain, with \"quotes\"\nand a second line".to_owned();
    network.exchanges = exchanges;
    let mut commitments = vec![
        commitment(1, 1, d(2025, 4, 1), Some(d(2025, 5, 20)), Gave, 2.0),
        commitment(2, 2, d(2025, 4, 15), None, Gave, 1.0),
        commitment(3, 4, d(2025, 5, 1), Some(d(2025, 7, 15)), Received, 3.0),
        commitment(4, 1, d(2025, 6, 10), None, Gave, 4.0),
        commitment(5, 3, d(2025, 7, 2), None, Gave, 5.0),
    ];
    commitments[1].done = Some(d(2025, 6, 15));
    commitments[3].done = Some(d(2025, 7, 5));
    network.commitments = commitments;
    let introduction = |id: u64, a: u64, b: u64, made: Option<Date>, outcome: &str| Introduction {
        id,
        date: d(2025, 4, 1),
        a,
        b,
        why: String::new(),
        a_gains: String::new(),
        b_gains: String::new(),
        consent_a: Consent::Granted(d(2025, 4, 2)),
        consent_b: Consent::Asked(d(2025, 4, 2)),
        made,
        outcome: outcome.to_owned(),
    };
    network.introductions = vec![
        introduction(1, 1, 2, Some(d(2025, 5, 12)), "Alan hired <b>two</b> people"),
        introduction(2, 2, 4, None, ""),
        introduction(3, 3, 4, Some(d(2025, 7, 1)), "later"),
    ];
    let win = |id: u64, contact: u64, date: Date, text: &str, celebrated: bool| Win {
        id,
        contact,
        date,
        text: text.to_owned(),
        celebrated,
    };
    network.wins = vec![
        win(1, 1, d(2025, 4, 20), "Promoted", true),
        win(2, 2, d(2025, 5, 1), "Shipped", false),
        win(3, 3, d(2025, 3, 1), "Earlier", true),
    ];
    let lesson = |date: Date, text: &str| Lesson { date, lesson: text.to_owned() };
    network.playbook = vec![
        lesson(d(2025, 6, 30), "Ask before offering."),
        lesson(d(2025, 7, 1), "Too late for Q2."),
        lesson(d(2025, 4, 1), "Listen first & <always>"),
    ];
    network
}
