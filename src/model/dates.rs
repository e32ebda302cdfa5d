//! Important dates (format 2): a birthday or an anniversary, checked when read.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A date that comes back every year: `month` 1–12, `day` valid for the month, 29
/// February only when `year` is `None` or a leap year. A file with any other is
/// refused where the date is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ImportantDateFields")]
pub struct ImportantDate {
    pub label: String,
    pub month: i8,
    pub day: i8,
    /// The year it first happened (a birth year), when known.
    pub year: Option<i16>,
}

/// [`ImportantDate`] as read, before it is checked.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ImportantDateFields {
    label: String,
    month: i8,
    day: i8,
    year: Option<i16>,
}

impl Default for ImportantDateFields {
    fn default() -> Self {
        Self { label: String::new(), month: 1, day: 1, year: None }
    }
}

impl ImportantDate {
    /// The date, checked: why not when it cannot be.
    pub fn new(label: impl Into<String>, month: i8, day: i8, year: Option<i16>) -> Result<Self, String> {
        let label = label.into();
        if !(1..=12).contains(&month) {
            return Err(format!("important date \"{label}\": month {month} is not 1 to 12"));
        }
        // 2000 is a leap year: every day of every month occurs in it.
        let in_some_year = Date::new(year.unwrap_or(2000), month, day).is_ok();
        if !in_some_year {
            let which = year.map_or_else(String::new, |y| format!(" of {y}"));
            return Err(format!("important date \"{label}\": day {day} is not in month {month}{which}"));
        }
        Ok(Self { label, month, day, year })
    }

    /// The first time it comes round on or after `from` (29 February: 28 February in
    /// years without one).
    pub fn next_on_or_after(&self, from: Date) -> Date {
        let in_year = |year: i16| {
            Date::new(year, self.month, self.day)
                .or_else(|_| Date::new(year, self.month, self.day - 1))
                .unwrap_or(from)
        };
        let this_year = in_year(from.year());
        if this_year >= from { this_year } else { in_year(from.year() + 1) }
    }
}

impl TryFrom<ImportantDateFields> for ImportantDate {
    type Error = String;

    fn try_from(fields: ImportantDateFields) -> Result<Self, String> {
        Self::new(fields.label, fields.month, fields.day, fields.year)
    }
}
