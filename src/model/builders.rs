//! The edits a person makes in one gesture, each built once: logging an exchange or a
//! check-in, completing a promise, starting an introduction, thanking. The window and
//! the tests use these, so a rule ("a completed promise records its hours") lives in
//! one place. Making an introduction and stepping a consent are in `intro`.

use jiff::civil::Date;

use super::{
    Change, Channel, Commitment, Consent, Direction, Edit, Exchange, Id, Introduction, Kind, Network, Touch,
};

/// An edit with the name its undo step shows ("Undo Log check-in").
#[derive(Clone, Debug, PartialEq)]
pub struct Labelled {
    pub label: String,
    pub edit: Edit,
}

impl Labelled {
    pub fn new(label: impl Into<String>, edit: Edit) -> Self {
        Self { label: label.into(), edit }
    }
}

/// What you heard when you listened, as the check-in form asks it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Heard {
    pub working_on: String,
    pub priorities: String,
    pub constraints: String,
}

/// A check-in with `contact` on `date`.
pub fn log_check_in(network: &Network, contact: Id, date: Date, channel: Channel, heard: &Heard) -> Labelled {
    check_in_as(Network::next_id(&network.touches), contact, date, channel, heard)
}

/// [`log_check_in`] with the new check-in's id given: [`Network::next_id`] of the
/// touches, or what the caller keeps of it (the window's derived data: no look through
/// every check-in per click).
pub fn check_in_as(id: Id, contact: Id, date: Date, channel: Channel, heard: &Heard) -> Labelled {
    let touch = Touch {
        id,
        contact,
        date,
        channel,
        working_on: heard.working_on.trim().to_owned(),
        priorities: heard.priorities.trim().to_owned(),
        constraints: heard.constraints.trim().to_owned(),
        notes: String::new(),
    };
    Labelled::new("Log check-in", Edit::Touches(Change::Add(touch)))
}

/// A new exchange with `contact`, with the defaults a fresh ledger row starts from (an
/// hour given, worth 3): the caller fills in the rest.
///
/// `id`: [`Network::next_id`] of the exchanges, or what the caller keeps of it (the
/// window's derived data: no look through a million exchanges per click).
pub fn new_exchange(id: Id, contact: Id, date: Date) -> Exchange {
    Exchange {
        id,
        contact,
        date,
        direction: Direction::Gave,
        kind: Kind::Other,
        hours: 1.0,
        value: 3,
        summary: String::new(),
        outcome: String::new(),
        thanked: false,
    }
}

/// Logs a new `exchange` (made by [`new_exchange`], so its id is a new one).
pub fn log_exchange(exchange: Exchange, label: &str) -> Labelled {
    Labelled::new(label, Edit::Exchanges(Change::Add(exchange)))
}

/// Marks `promise` done on `date`; with `record`, also logs the exchange it was (its
/// hours and summary, in its direction), as one undoable step.
/// `exchange_id` is the id that exchange gets (see [`new_exchange`]).
pub fn complete_promise(promise: &Commitment, date: Date, record: bool, exchange_id: Id) -> Labelled {
    let done = Commitment { done: Some(date), ..promise.clone() };
    let mut edits = vec![Edit::Commitments(Change::Put(done))];
    if record {
        let exchange = Exchange {
            direction: promise.direction,
            hours: promise.hours,
            summary: promise.summary.clone(),
            ..new_exchange(exchange_id, promise.contact, date)
        };
        edits.push(Edit::Exchanges(Change::Add(exchange)));
    }
    Labelled::new("Complete promise", Edit::Batch(edits))
}

/// A new promise you make to `contact` on `date`: an hour, no due date (see
/// [`add_promise`]).
pub fn new_promise(network: &Network, contact: Id, date: Date) -> Commitment {
    Commitment {
        id: Network::next_id(&network.commitments),
        contact,
        made: date,
        due: None,
        direction: Direction::Gave,
        hours: 1.0,
        summary: String::new(),
        done: None,
    }
}

/// Adds `promise` (made by [`new_promise`], so its id is a new one).
pub fn add_promise(promise: Commitment) -> Labelled {
    Labelled::new("Add promise", Edit::Commitments(Change::Add(promise)))
}

/// A new introduction between `a` and `b` on `date`, neither side asked yet.
pub fn start_introduction(network: &Network, a: Id, b: Id, date: Date, why: String) -> Introduction {
    Introduction {
        id: Network::next_id(&network.introductions),
        date,
        a,
        b,
        why,
        a_gains: String::new(),
        b_gains: String::new(),
        consent_a: Consent::NotAsked,
        consent_b: Consent::NotAsked,
        made: None,
        outcome: String::new(),
    }
}

/// Marks received help as thanked.
pub fn mark_thanked(exchange: &Exchange) -> Labelled {
    let thanked = Exchange { thanked: true, ..exchange.clone() };
    Labelled::new("Mark as thanked", Edit::Exchanges(Change::Put(thanked)))
}
