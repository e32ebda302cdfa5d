//! The closed sets of the file format: direction, kind, channel, consent.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Who gave: `Gave` = I gave to the contact (or, for a commitment, I promised).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Direction {
    #[default]
    Gave,
    Received,
}

impl Direction {
    pub const ALL: [Self; 2] = [Self::Gave, Self::Received];

    pub fn label(self) -> &'static str {
        match self {
            Self::Gave => "Gave",
            Self::Received => "Received",
        }
    }
}

/// What kind of help an exchange was.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Mentoring,
    Introduction,
    Feedback,
    Referral,
    Opportunity,
    Resource,
    Advocacy,
    Knowledge,
    Time,
    Support,
    Recognition,
    Collaboration,
    #[default]
    Other,
}

impl Kind {
    pub const ALL: [Self; 13] = [
        Self::Mentoring,
        Self::Introduction,
        Self::Feedback,
        Self::Referral,
        Self::Opportunity,
        Self::Resource,
        Self::Advocacy,
        Self::Knowledge,
        Self::Time,
        Self::Support,
        Self::Recognition,
        Self::Collaboration,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Mentoring => "Mentoring",
            Self::Introduction => "Introduction",
            Self::Feedback => "Feedback",
            Self::Referral => "Referral",
            Self::Opportunity => "Opportunity",
            Self::Resource => "Resource",
            Self::Advocacy => "Advocacy",
            Self::Knowledge => "Knowledge",
            Self::Time => "Time",
            Self::Support => "Support",
            Self::Recognition => "Recognition",
            Self::Collaboration => "Collaboration",
            Self::Other => "Other",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Channel {
    Call,
    Meeting,
    Message,
    Email,
    Event,
    #[default]
    Other,
}

impl Channel {
    pub const ALL: [Self; 6] =
        [Self::Call, Self::Meeting, Self::Message, Self::Email, Self::Event, Self::Other];

    pub fn label(self) -> &'static str {
        match self {
            Self::Call => "Call",
            Self::Meeting => "Meeting",
            Self::Message => "Message",
            Self::Email => "Email",
            Self::Event => "Event",
            Self::Other => "Other",
        }
    }
}

/// One side's consent to an introduction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Consent {
    #[default]
    NotAsked,
    Asked(Date),
    Granted(Date),
    Declined(Date),
}
