//! Rule 4 of DESIGN's merge: a record changed on both sides is merged field by field
//! against the base. Each record type lists its fields once, in [`merge_fields!`],
//! whose destructuring fails to compile when a field is added to the type and not
//! here, so no field is ever merged by accident as "whatever mine had".

use serde::Serialize;

use crate::model::{Commitment, Contact, Exchange, Introduction, Profile, Touch, Win};

/// A field changed on both sides to different values.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldClash {
    pub field: &'static str,
    /// The field's values as RON, to show the user.
    pub mine: String,
    pub theirs: String,
}

/// A record type merged field by field.
pub trait MergeFields: Sized {
    /// `mine` with each field that only THEIRS changed (against `base`) taken from
    /// `theirs`. A field both changed to different values keeps mine, unless
    /// `take_theirs(field)` says otherwise; each such field is pushed to `clashes`.
    fn merge_fields(
        base: &Self,
        mine: &Self,
        theirs: &Self,
        take_theirs: &dyn Fn(&'static str) -> bool,
        clashes: &mut Vec<FieldClash>,
    ) -> Self;

    /// The names of the fields in which `changed` differs from `base`.
    fn changed_fields(base: &Self, changed: &Self) -> Vec<&'static str>;
}

/// A field's value as RON, on one line.
pub(super) fn show<T: Serialize>(value: &T) -> String {
    ron::to_string(value).unwrap_or_else(|error| format!("({error})"))
}

macro_rules! merge_fields {
    ($($ty:ident { $($field:ident),* $(,)? })*) => { $(
        impl MergeFields for $ty {
            fn merge_fields(
                base: &Self,
                mine: &Self,
                theirs: &Self,
                take_theirs: &dyn Fn(&'static str) -> bool,
                clashes: &mut Vec<FieldClash>,
            ) -> Self {
                // Every field is named: a new field of the type breaks the build here.
                let $ty { $($field: _),* } = base;
                let mut out = mine.clone();
                $(
                    if mine.$field != theirs.$field {
                        if mine.$field == base.$field {
                            out.$field = theirs.$field.clone();
                        } else if theirs.$field != base.$field {
                            let field = stringify!($field);
                            clashes.push(FieldClash {
                                field,
                                mine: show(&mine.$field),
                                theirs: show(&theirs.$field),
                            });
                            if take_theirs(field) {
                                out.$field = theirs.$field.clone();
                            }
                        }
                    }
                )*
                out
            }

            fn changed_fields(base: &Self, changed: &Self) -> Vec<&'static str> {
                let mut fields = Vec::new();
                $(
                    if base.$field != changed.$field {
                        fields.push(stringify!($field));
                    }
                )*
                fields
            }
        }
    )* };
}

merge_fields! {
    Profile {
        name, offers, limits, seeking, capacity_hours_per_month, half_life_days,
        balance_tolerance, default_cadence_days,
    }
    Contact {
        id, name, organization, role, emails, phones, links, tags, offers, needs,
        cadence_days, communal, archived, created, dates, busy_until, notes,
    }
    Exchange { id, contact, date, direction, kind, hours, value, summary, outcome, thanked }
    Touch { id, contact, date, channel, working_on, priorities, constraints, notes }
    Commitment { id, contact, made, due, direction, hours, summary, done }
    Introduction {
        id, date, a, b, why, a_gains, b_gains, consent_a, consent_b, made, outcome,
    }
    Win { id, contact, date, text, celebrated }
}
