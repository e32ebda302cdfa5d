//! Plain data: the [`Network`] and its records. These serde types *are* the file
//! schema of format version 2 (see DESIGN.md; a version-1 file reads with the new
//! fields at their defaults); no egui and no I/O here.

mod builders;
mod dates;
mod edit;
mod intro;
mod kinds;
mod shift;
mod validate;

pub use builders::{
    Heard, Labelled, add_promise, check_in_as, complete_promise, log_check_in, log_exchange, mark_thanked,
    new_exchange, new_promise, start_introduction,
};
pub use dates::ImportantDate;
pub use edit::{Change, Edit, ExchangeStep, Touched};
pub use intro::{ConsentStep, Side, Stage, make_introduction, step_consent};
pub use kinds::{Channel, Consent, Direction, Kind};
pub use shift::{SAMPLE_LEAD_DAYS, newest_recorded, shift_dates, shift_to_today};
pub use validate::{Problem, validate};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The file format version this build writes; it reads this one and every older one.
pub const FORMAT_VERSION: u32 = 2;

/// Identifier of a record, unique within its list. Positive.
pub type Id = u64;

/// The date fields take when a file omits them.
pub fn default_date() -> Date {
    Date::constant(1970, 1, 1)
}

/// The whole network: one document, one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// The format version the network was read in (a new one: [`FORMAT_VERSION`]).
    /// A file is always written in [`FORMAT_VERSION`]: an older one is upgraded by
    /// its next save, which the window and the command line say once.
    #[serde(serialize_with = "write_format_version")]
    pub version: u32,
    /// The lineage: SHA-256 (64 lowercase hex digits) of the bytes of the saved file
    /// this one was written over — the file a save started from. A save writes the
    /// hash of the bytes the document was last loaded from or saved as (the stamp's
    /// `lineage`); in memory it is what the file holds. `None` for a network never
    /// saved over an earlier file.
    #[serde(default, deserialize_with = "read_parent")]
    pub parent: Option<String>,
    #[serde(default)]
    pub profile: Profile,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub exchanges: Vec<Exchange>,
    #[serde(default)]
    pub touches: Vec<Touch>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    #[serde(default)]
    pub introductions: Vec<Introduction>,
    #[serde(default)]
    pub wins: Vec<Win>,
    #[serde(default)]
    pub playbook: Vec<Lesson>,
}

impl Default for Network {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            parent: None,
            profile: Profile::default(),
            contacts: Vec::new(),
            exchanges: Vec::new(),
            touches: Vec::new(),
            commitments: Vec::new(),
            introductions: Vec::new(),
            wins: Vec::new(),
            playbook: Vec::new(),
        }
    }
}

/// You: what you can give, what you cannot, what you hope for, and your budget.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    /// What I can give.
    pub offers: Vec<String>,
    /// What I cannot give.
    pub limits: Vec<String>,
    /// What I hope to receive.
    pub seeking: Vec<String>,
    pub capacity_hours_per_month: f64,
    pub half_life_days: f64,
    pub balance_tolerance: f64,
    pub default_cadence_days: u32,
}

impl Default for Profile {
    fn default() -> Self {
        Self {
            name: String::new(),
            offers: Vec::new(),
            limits: Vec::new(),
            seeking: Vec::new(),
            capacity_hours_per_month: 10.0,
            half_life_days: 180.0,
            balance_tolerance: 0.15,
            default_cadence_days: 90,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: Id,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub links: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Their strengths: what they could give.
    #[serde(default)]
    pub offers: Vec<String>,
    /// Their current challenges.
    #[serde(default)]
    pub needs: Vec<Need>,
    /// Days between check-ins; `None` uses the profile's default.
    #[serde(default)]
    pub cadence_days: Option<u32>,
    /// Scoring switched off: close mentors, friends.
    #[serde(default)]
    pub communal: bool,
    #[serde(default)]
    pub archived: bool,
    #[serde(default = "default_date")]
    pub created: Date,
    /// Important dates: birthdays, anniversaries (format 2).
    #[serde(default)]
    pub dates: Vec<ImportantDate>,
    /// Stretched until then: no check-in reminders, nothing asked of them (format 2).
    #[serde(default)]
    pub busy_until: Option<Date>,
    #[serde(default)]
    pub notes: String,
}

impl Contact {
    /// A fresh contact with every optional field empty.
    pub fn new(id: Id, name: impl Into<String>, created: Date) -> Self {
        Self {
            id,
            name: name.into(),
            organization: String::new(),
            role: String::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            links: Vec::new(),
            tags: Vec::new(),
            offers: Vec::new(),
            needs: Vec::new(),
            cadence_days: None,
            communal: false,
            archived: false,
            created,
            dates: Vec::new(),
            busy_until: None,
            notes: String::new(),
        }
    }

    /// Whether they are stretched on `date` (`busy_until` after it).
    pub fn busy_on(&self, date: Date) -> bool {
        self.busy_until.is_some_and(|until| until > date)
    }
}

fn write_format_version<S: serde::Serializer>(_: &u32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u32(FORMAT_VERSION)
}

fn read_parent<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let parent = Option::<String>::deserialize(deserializer)?;
    match &parent {
        Some(hash) if !is_sha256_hex(hash) => Err(serde::de::Error::custom(format!(
            "parent must be the 64 lowercase hex digits of a SHA-256, not \"{hash}\""
        ))),
        _ => Ok(parent),
    }
}

/// Whether `text` is 64 lowercase hex digits.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A current challenge of a contact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Need {
    pub topic: String,
    pub note: String,
    pub since: Date,
    pub resolved: bool,
}

impl Default for Need {
    fn default() -> Self {
        Self { topic: String::new(), note: String::new(), since: default_date(), resolved: false }
    }
}

/// One act of help, given or received.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    pub id: Id,
    pub contact: Id,
    #[serde(default = "default_date")]
    pub date: Date,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub kind: Kind,
    /// Effort in hours, ≥ 0.
    #[serde(default)]
    pub hours: f64,
    /// 1–5: how much it was worth to the one who received it.
    #[serde(default = "default_value")]
    pub value: u8,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub thanked: bool,
}

fn default_value() -> u8 {
    3
}

/// A check-in: a conversation that keeps the relationship alive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Touch {
    pub id: Id,
    pub contact: Id,
    #[serde(default = "default_date")]
    pub date: Date,
    #[serde(default)]
    pub channel: Channel,
    /// What they are working on, as you heard it (format 2).
    #[serde(default)]
    pub working_on: String,
    /// What matters most to them now (format 2).
    #[serde(default)]
    pub priorities: String,
    /// What holds them back (format 2).
    #[serde(default)]
    pub constraints: String,
    /// Anything else.
    #[serde(default)]
    pub notes: String,
}

/// A promise: `Gave` = I promised, `Received` = they promised me.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub id: Id,
    pub contact: Id,
    #[serde(default = "default_date")]
    pub made: Date,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub hours: f64,
    #[serde(default)]
    pub summary: String,
    /// When it was kept; `None` while open.
    #[serde(default)]
    pub done: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Introduction {
    pub id: Id,
    #[serde(default = "default_date")]
    pub date: Date,
    pub a: Id,
    pub b: Id,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub a_gains: String,
    #[serde(default)]
    pub b_gains: String,
    #[serde(default)]
    pub consent_a: Consent,
    #[serde(default)]
    pub consent_b: Consent,
    /// When the introduction was made; `None` while pending.
    #[serde(default)]
    pub made: Option<Date>,
    #[serde(default)]
    pub outcome: String,
}

/// Something good that happened to a contact, worth celebrating.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Win {
    pub id: Id,
    pub contact: Id,
    #[serde(default = "default_date")]
    pub date: Date,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub celebrated: bool,
}

/// A lesson for the personal playbook.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    #[serde(default = "default_date")]
    pub date: Date,
    #[serde(default)]
    pub lesson: String,
}

/// A record with an id, kept in one of the network's lists.
pub trait Record: Clone {
    fn id(&self) -> Id;
}

macro_rules! impl_record {
    ($($t:ty),*) => { $(impl Record for $t { fn id(&self) -> Id { self.id } })* };
}
impl_record!(Contact, Exchange, Touch, Commitment, Introduction, Win);

/// The record of `list` with id `id`: a binary search, checked, then a scan when the
/// list is not in id order.
pub fn find_by_id<T: Record>(list: &[T], id: Id) -> Option<&T> {
    match list.binary_search_by_key(&id, Record::id) {
        Ok(i) => list.get(i),
        Err(_) => list.iter().find(|r| r.id() == id),
    }
}

impl Network {
    /// The next free id of a list: one more than the largest.
    pub fn next_id<T: Record>(list: &[T]) -> Id {
        list.iter().map(Record::id).max().unwrap_or(0) + 1
    }

    /// The contact with id `id`. Pages look contacts up thousands of times a frame, so
    /// this is a binary search: lists are in id order in practice (a new record takes
    /// the next id, and files keep the order), and a list out of order still gives the
    /// right answer through a scan.
    pub fn contact(&self, id: Id) -> Option<&Contact> {
        find_by_id(&self.contacts, id)
    }

    /// The name to show for contact `id`: "(no name)" when empty or missing.
    pub fn display_name(&self, id: Id) -> &str {
        match self.contact(id) {
            Some(c) if !c.name.is_empty() => &c.name,
            _ => "(no name)",
        }
    }

    /// Count of each record type, in file order, as "1 contact", "2 touches"….
    pub fn counts(&self) -> [String; 7] {
        let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        [
            count(self.contacts.len(), "contact", "contacts"),
            count(self.exchanges.len(), "exchange", "exchanges"),
            count(self.touches.len(), "touch", "touches"),
            count(self.commitments.len(), "commitment", "commitments"),
            count(self.introductions.len(), "introduction", "introductions"),
            count(self.wins.len(), "win", "wins"),
            count(self.playbook.len(), "playbook lesson", "playbook lessons"),
        ]
    }
}

#[cfg(test)]
mod find_tests {
    use super::*;

    fn contacts(ids: &[Id]) -> Vec<Contact> {
        ids.iter().map(|&id| Contact::new(id, format!("c{id}"), jiff::civil::date(2025, 1, 1))).collect()
    }

    #[test]
    fn find_by_id_finds_every_record_whatever_the_order() {
        for ids in [vec![1, 2, 3, 5, 8], vec![8, 1, 5, 3, 2], vec![3, 9, 1, 2, 7, 4], vec![], vec![4]] {
            let list = contacts(&ids);
            for id in 0..12 {
                let expected = list.iter().find(|c| c.id == id).map(|c| &c.name);
                assert_eq!(find_by_id(&list, id).map(|c| &c.name), expected, "id {id} in {ids:?}");
            }
        }
    }
}
