//! Report periods: a quarter, a year, a month or any range of days.

use jiff::civil::Date;

use crate::analysis::days::{day_number, from_day_number, month_index, month_start};

/// A range of days: `from` included, `to_exclusive` excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: Date,
    pub to_exclusive: Date,
}

impl Period {
    /// A custom range; `None` unless `from < to_exclusive`.
    pub fn new(from: Date, to_exclusive: Date) -> Option<Self> {
        (from < to_exclusive).then_some(Self { from, to_exclusive })
    }

    /// `count` calendar months from the month `first` (a [`month_index`]).
    fn months(first: i32, count: i32) -> Self {
        Self { from: month_start(first), to_exclusive: month_start(first + count) }
    }

    /// Quarter 1–4 of `year`.
    pub fn quarter(year: i16, quarter: u8) -> Option<Self> {
        (1..=4)
            .contains(&quarter)
            .then(|| Self::months(i32::from(year) * 12 + (i32::from(quarter) - 1) * 3, 3))
    }

    /// The calendar year.
    pub fn year(year: i16) -> Self {
        Self::months(i32::from(year) * 12, 12)
    }

    /// One calendar month, 1–12.
    pub fn month(year: i16, month: i8) -> Option<Self> {
        (1..=12).contains(&month).then(|| Self::months(i32::from(year) * 12 + i32::from(month) - 1, 1))
    }

    /// The calendar quarter that `date` falls in.
    pub fn quarter_containing(date: Date) -> Self {
        let index = month_index(date);
        Self::months(index - index.rem_euclid(3), 3)
    }

    /// The last full calendar quarter before `today` (the report's default).
    pub fn last_full_quarter(today: Date) -> Self {
        let current = Self::quarter_containing(today);
        Self::months(month_index(current.from) - 3, 3)
    }

    /// The last day in the period.
    pub fn last_day(&self) -> Date {
        from_day_number(day_number(self.to_exclusive) - 1).max(self.from)
    }

    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date < self.to_exclusive
    }

    /// `"2025 Q2"`, `"2025"`, `"2025-04"` or `"2025-04-15 to 2025-05-14"`.
    pub fn label(&self) -> String {
        let (first, end) = (month_index(self.from), month_index(self.to_exclusive));
        let whole_months = self.from.day() == 1 && self.to_exclusive.day() == 1;
        match end - first {
            1 if whole_months => format!("{:04}-{:02}", self.from.year(), self.from.month()),
            3 if whole_months && first.rem_euclid(3) == 0 => {
                format!("{} Q{}", self.from.year(), first.rem_euclid(12) / 3 + 1)
            }
            12 if whole_months && self.from.month() == 1 => self.from.year().to_string(),
            _ => format!("{} to {}", self.from, self.last_day()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let d = Date::constant;
        let q = Period::last_full_quarter(d(2025, 8, 15));
        assert_eq!((q.from, q.to_exclusive, q.label()), (d(2025, 4, 1), d(2025, 7, 1), "2025 Q2".to_owned()));
        let q = Period::last_full_quarter(d(2025, 1, 1));
        assert_eq!((q.from, q.to_exclusive), (d(2024, 10, 1), d(2025, 1, 1)));
        assert_eq!(Period::year(2024).label(), "2024");
        assert_eq!(Period::month(2024, 2).map(|p| p.last_day()), Some(d(2024, 2, 29)));
        assert_eq!(Period::quarter(2024, 5), None);
        let custom = Period::new(d(2025, 4, 15), d(2025, 5, 15));
        assert_eq!(custom.map(|p| p.label()), Some("2025-04-15 to 2025-05-14".to_owned()));
        assert_eq!(Period::new(d(2025, 1, 2), d(2025, 1, 2)), None);
    }
}
