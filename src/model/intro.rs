//! The consent state machine of introductions: not asked → asked → granted or
//! declined. Every refusal says what is missing and why it matters.

use jiff::civil::Date;

use super::{Change, Consent, Direction, Edit, Exchange, Id, Introduction, Kind, Network};

/// Which side of an introduction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

/// What a user can do to one side's consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentStep {
    Ask,
    Grant,
    Decline,
}

impl ConsentStep {
    pub fn label(self) -> &'static str {
        match self {
            Self::Ask => "Asked",
            Self::Grant => "Agreed",
            Self::Decline => "Declined",
        }
    }
}

impl Consent {
    /// The consent after `step` on `date`, or why that step is not possible now.
    /// `who` names the person in messages.
    pub fn step(self, step: ConsentStep, date: Date, who: &str) -> Result<Consent, String> {
        match (self, step) {
            (Self::NotAsked | Self::Declined(_), ConsentStep::Ask) => Ok(Self::Asked(date)),
            (Self::Asked(on), ConsentStep::Ask) => Err(format!("You already asked {who} on {on}.")),
            (Self::Granted(on), ConsentStep::Ask) => Err(format!("{who} already agreed on {on}.")),
            (Self::Asked(_), ConsentStep::Grant) => Ok(Self::Granted(date)),
            (Self::NotAsked, ConsentStep::Grant) => Err(format!(
                "Ask {who} first: agreement only counts as an answer to a clear request with the context."
            )),
            (Self::Granted(on), ConsentStep::Grant) => Err(format!("{who} already agreed on {on}.")),
            (Self::Declined(on), ConsentStep::Grant) => {
                Err(format!("{who} declined on {on}. Ask again first if things have changed."))
            }
            (Self::Asked(_) | Self::Granted(_), ConsentStep::Decline) => Ok(Self::Declined(date)),
            (Self::NotAsked, ConsentStep::Decline) => Err(format!("{who} has not been asked yet.")),
            (Self::Declined(on), ConsentStep::Decline) => Err(format!("{who} already declined on {on}.")),
        }
    }

    pub fn is_granted(self) -> bool {
        matches!(self, Self::Granted(_))
    }

    /// "not asked", "asked 2025-08-04"…
    pub fn describe(self) -> String {
        match self {
            Self::NotAsked => "not asked".to_owned(),
            Self::Asked(d) => format!("asked {d}"),
            Self::Granted(d) => format!("agreed {d}"),
            Self::Declined(d) => format!("declined {d}"),
        }
    }
}

/// Where an introduction stands, for the pipeline view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Nobody asked yet.
    Draft,
    /// At least one side asked, not both agreed.
    AwaitingConsent,
    /// Both agreed: ready to make.
    Ready,
    Made,
    /// A side declined.
    Declined,
}

impl Stage {
    pub const ALL: [Self; 5] = [Self::Ready, Self::AwaitingConsent, Self::Draft, Self::Made, Self::Declined];

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Not asked yet",
            Self::AwaitingConsent => "Waiting for consent",
            Self::Ready => "Ready to make",
            Self::Made => "Made",
            Self::Declined => "Declined",
        }
    }
}

impl Introduction {
    pub fn consent(&self, side: Side) -> Consent {
        match side {
            Side::A => self.consent_a,
            Side::B => self.consent_b,
        }
    }

    pub fn contact(&self, side: Side) -> Id {
        match side {
            Side::A => self.a,
            Side::B => self.b,
        }
    }

    pub fn stage(&self) -> Stage {
        let consents = [self.consent_a, self.consent_b];
        if self.made.is_some() {
            Stage::Made
        } else if consents.iter().any(|c| matches!(c, Consent::Declined(_))) {
            Stage::Declined
        } else if consents.iter().all(|c| c.is_granted()) {
            Stage::Ready
        } else if consents.iter().all(|c| *c == Consent::NotAsked) {
            Stage::Draft
        } else {
            Stage::AwaitingConsent
        }
    }

    /// The date the introduction entered its current stage (for "waiting N days").
    pub fn stage_since(&self) -> Date {
        if let Some(made) = self.made {
            return made;
        }
        let date_of = |c: Consent| match c {
            Consent::NotAsked => None,
            Consent::Asked(d) | Consent::Granted(d) | Consent::Declined(d) => Some(d),
        };
        [date_of(self.consent_a), date_of(self.consent_b)].into_iter().flatten().max().unwrap_or(self.date)
    }
}

/// Steps one side's consent, as an undoable edit.
pub fn step_consent(
    network: &Network,
    intro: &Introduction,
    side: Side,
    step: ConsentStep,
    date: Date,
) -> Result<Edit, String> {
    if intro.made.is_some() {
        return Err("This introduction is already made.".to_owned());
    }
    let who = name_of(network, intro.contact(side));
    let consent = intro.consent(side).step(step, date, &who)?;
    let mut next = intro.clone();
    match side {
        Side::A => next.consent_a = consent,
        Side::B => next.consent_b = consent,
    }
    Ok(Edit::Introductions(Change::Put(next)))
}

/// Marks an introduction made on `date`: one step that also records a `Gave`
/// exchange of kind `Introduction` with each party, worth `value_a` and `value_b`.
/// Refused, with the reason, unless both sides agreed.
///
/// The two exchanges get the ids `first_exchange` and the one after: from
/// [`Network::next_id`] of the exchanges, or from what the caller keeps of it.
pub fn make_introduction(
    network: &Network,
    intro: &Introduction,
    date: Date,
    value_a: u8,
    value_b: u8,
    first_exchange: Id,
) -> Result<Edit, String> {
    if let Some(made) = intro.made {
        return Err(format!("This introduction was already made on {made}."));
    }
    let missing: Vec<String> = [Side::A, Side::B]
        .into_iter()
        .filter(|side| !intro.consent(*side).is_granted())
        .map(|side| format!("{} ({})", name_of(network, intro.contact(side)), intro.consent(side).describe()))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "Waiting for {} to agree. Introducing people who have not both said yes spends their \
             trust and yours; ask first, with the context of why it matters.",
            missing.join(" and ")
        ));
    }
    let mut made = intro.clone();
    made.made = Some(date);
    let first_id = first_exchange;
    let exchange = |id: Id, contact: Id, other: Id, value: u8| Exchange {
        id,
        contact,
        date,
        direction: Direction::Gave,
        kind: Kind::Introduction,
        hours: 0.5,
        value: value.clamp(1, 5),
        summary: format!("Introduced to {}", name_of(network, other)),
        outcome: String::new(),
        thanked: false,
    };
    Ok(Edit::Batch(vec![
        Edit::Introductions(Change::Put(made)),
        Edit::Exchanges(Change::Add(exchange(first_id, intro.a, intro.b, value_a))),
        Edit::Exchanges(Change::Add(exchange(first_id + 1, intro.b, intro.a, value_b))),
    ]))
}

fn name_of(network: &Network, id: Id) -> String {
    match network.contact(id) {
        Some(c) if !c.name.is_empty() => c.name.clone(),
        _ => format!("contact {id}"),
    }
}
