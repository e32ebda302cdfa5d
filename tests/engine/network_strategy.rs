//! Random networks for property tests, shared by the store tests: text with the
//! characters that trouble serializers, awkward numbers, every variant.

#![allow(dead_code, reason = "each test file uses a part")]

use jiff::civil::Date;
use proptest::prelude::*;
use rapport::model::{
    Channel, Commitment, Consent, Contact, Direction, Exchange, FORMAT_VERSION, ImportantDate, Introduction,
    Kind, Lesson, Need, Network, Profile, Touch, Win,
};

/// Text with the characters that trouble serializers: quotes, backslashes, newlines,
/// apostrophes, control characters, combining marks, emoji, comment openers.
pub fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 ,.:;()\\[\\]-]{1,8}",
        1 => Just("\"".to_owned()),
        1 => Just("\\".to_owned()),
        1 => Just("\n".to_owned()),
        1 => Just("\r\n".to_owned()),
        1 => Just("\t".to_owned()),
        1 => Just("'".to_owned()),
        1 => Just("\\n".to_owned()),
        1 => Just("\\\"".to_owned()),
        1 => Just("\\u{301}".to_owned()),
        1 => Just("r#\"".to_owned()),
        1 => Just("// /* */".to_owned()),
        1 => Just("\0\u{1b}\u{7f}".to_owned()),
        1 => Just("Zoë Tomás Åsa Çelik naïve".to_owned()),
        1 => Just("e\u{301}\u{200b}\u{feff}\u{2028}\u{2029}".to_owned()),
        1 => Just("日本語 한국어 עברית العربية".to_owned()),
        1 => Just("🦀👩‍💻🇳🇱".to_owned()),
        2 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

pub fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..3)
}

pub fn a_date() -> impl Strategy<Value = Date> {
    (1900i16..2100, 1i8..=12, 1i8..=31)
        .prop_filter_map("a real calendar date", |(y, m, d)| Date::new(y, m, d).ok())
}

pub fn id() -> impl Strategy<Value = u64> {
    prop_oneof![1u64..50, any::<u64>()]
}

/// Non-negative finite hours, with the values that print awkwardly.
pub fn hours() -> impl Strategy<Value = f64> {
    use prop::num::f64 as f;
    prop_oneof![
        Just(0.0),
        Just(0.1),
        Just(1e-7),
        Just(12345.678),
        Just(0.3),
        Just(1e21),
        Just(f64::MIN_POSITIVE),
        Just(f64::MAX),
        (0u32..4000).prop_map(|quarters| f64::from(quarters) / 4.0),
        0.0..1000.0f64,
        (f::POSITIVE | f::ZERO | f::NORMAL | f::SUBNORMAL),
    ]
}

/// Any finite number (the profile's numbers need not be valid to round-trip).
pub fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![hours(), hours().prop_map(|h| -h), any::<f64>().prop_filter("finite", |x| x.is_finite())]
}

pub fn direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(Direction::ALL.to_vec())
}

pub fn consent() -> impl Strategy<Value = Consent> {
    prop_oneof![
        Just(Consent::NotAsked),
        a_date().prop_map(Consent::Asked),
        a_date().prop_map(Consent::Granted),
        a_date().prop_map(Consent::Declined),
    ]
}

pub fn profile() -> impl Strategy<Value = Profile> {
    (text(), texts(), texts(), texts(), finite(), finite(), finite(), any::<u32>()).prop_map(
        |(name, offers, limits, seeking, capacity, half_life, tolerance, cadence)| Profile {
            name,
            offers,
            limits,
            seeking,
            capacity_hours_per_month: capacity,
            half_life_days: half_life,
            balance_tolerance: tolerance,
            default_cadence_days: cadence,
        },
    )
}

pub fn need() -> impl Strategy<Value = Need> {
    (text(), text(), a_date(), any::<bool>()).prop_map(|(topic, note, since, resolved)| Need {
        topic,
        note,
        since,
        resolved,
    })
}

/// An important date that a file may hold: every day of every month, 29 February
/// only without a year or in a leap year.
pub fn important_date() -> impl Strategy<Value = ImportantDate> {
    (text(), 1i8..=12, 1i8..=31, prop::option::of(1i16..=2100))
        .prop_filter_map("a day of the month", |(label, month, day, year)| {
            ImportantDate::new(label, month, day, year).ok()
        })
}

pub fn contact() -> impl Strategy<Value = Contact> {
    (
        (id(), text(), text(), text(), texts(), texts(), texts(), texts()),
        (texts(), prop::collection::vec(need(), 0..3), prop::option::of(any::<u32>())),
        (any::<bool>(), any::<bool>(), a_date(), text()),
        (prop::collection::vec(important_date(), 0..3), prop::option::of(a_date())),
    )
        .prop_map(
            |(
                (id, name, organization, role, emails, phones, links, tags),
                (offers, needs, cadence_days),
                (communal, archived, created, notes),
                (dates, busy_until),
            )| Contact {
                id,
                name,
                organization,
                role,
                emails,
                phones,
                links,
                tags,
                offers,
                needs,
                cadence_days,
                communal,
                archived,
                created,
                dates,
                busy_until,
                notes,
            },
        )
}

pub fn exchange() -> impl Strategy<Value = Exchange> {
    (
        (id(), id(), a_date(), direction(), prop::sample::select(Kind::ALL.to_vec())),
        (hours(), 1u8..=5, text(), text(), any::<bool>()),
    )
        .prop_map(|((id, contact, date, direction, kind), (hours, value, summary, outcome, thanked))| {
            Exchange { id, contact, date, direction, kind, hours, value, summary, outcome, thanked }
        })
}

pub fn touch() -> impl Strategy<Value = Touch> {
    (id(), id(), a_date(), prop::sample::select(Channel::ALL.to_vec()), (text(), text(), text(), text()))
        .prop_map(|(id, contact, date, channel, (working_on, priorities, constraints, notes))| Touch {
            id,
            contact,
            date,
            channel,
            working_on,
            priorities,
            constraints,
            notes,
        })
}

/// A lineage: none, or the 64 hex digits of a SHA-256.
pub fn parent() -> impl Strategy<Value = Option<String>> {
    prop::option::of("[0-9a-f]{64}")
}

pub fn commitment() -> impl Strategy<Value = Commitment> {
    (
        id(),
        id(),
        a_date(),
        prop::option::of(a_date()),
        direction(),
        hours(),
        text(),
        prop::option::of(a_date()),
    )
        .prop_map(|(id, contact, made, due, direction, hours, summary, done)| Commitment {
            id,
            contact,
            made,
            due,
            direction,
            hours,
            summary,
            done,
        })
}

pub fn introduction() -> impl Strategy<Value = Introduction> {
    (
        (id(), a_date(), id(), id(), text(), text(), text()),
        (consent(), consent(), prop::option::of(a_date()), text()),
    )
        .prop_map(|((id, date, a, b, why, a_gains, b_gains), (consent_a, consent_b, made, outcome))| {
            Introduction { id, date, a, b, why, a_gains, b_gains, consent_a, consent_b, made, outcome }
        })
}

pub fn win() -> impl Strategy<Value = Win> {
    (id(), id(), a_date(), text(), any::<bool>()).prop_map(|(id, contact, date, text, celebrated)| Win {
        id,
        contact,
        date,
        text,
        celebrated,
    })
}

pub fn lesson() -> impl Strategy<Value = Lesson> {
    (a_date(), text()).prop_map(|(date, lesson)| Lesson { date, lesson })
}

/// Any network of the current format version. Not necessarily valid: `parse` does
/// not validate.
pub fn network() -> impl Strategy<Value = Network> {
    use prop::collection::vec;
    (
        (parent(), profile()),
        vec(contact(), 0..4),
        vec(exchange(), 0..5),
        vec(touch(), 0..4),
        vec(commitment(), 0..4),
        vec(introduction(), 0..4),
        vec(win(), 0..3),
        vec(lesson(), 0..3),
    )
        .prop_map(
            |(
                (parent, profile),
                contacts,
                exchanges,
                touches,
                commitments,
                introductions,
                wins,
                playbook,
            )| Network {
                version: FORMAT_VERSION,
                parent,
                profile,
                contacts,
                exchanges,
                touches,
                commitments,
                introductions,
                wins,
                playbook,
            },
        )
}
