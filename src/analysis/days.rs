//! Dates as day numbers, for fast arithmetic over millions of records.

use jiff::civil::Date;

/// Days since 1970-01-01 (negative before). Exact for every `jiff` date.
#[inline]
pub fn day_number(date: Date) -> i32 {
    // Howard Hinnant's days_from_civil.
    let (y, m, d) = (i32::from(date.year()), i32::from(date.month()), i32::from(date.day()));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number; clamped to jiff's range.
pub fn from_day_number(days: i32) -> Date {
    // Clamped first: a due date of a cadence of u32::MAX days is i32::MAX.
    let z = days.clamp(day_number(Date::MIN), day_number(Date::MAX)) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    let y = y.clamp(-9999, 9999) as i16;
    Date::new(y, m as i8, d as i8).unwrap_or(if y < 0 { Date::MIN } else { Date::MAX })
}

/// Month index (year × 12 + month − 1), for grouping by calendar month.
#[inline]
pub fn month_index(date: Date) -> i32 {
    i32::from(date.year()) * 12 + i32::from(date.month()) - 1
}

/// The first day of a month index.
pub fn month_start(index: i32) -> Date {
    let year = index.div_euclid(12).clamp(-9999, 9999) as i16;
    let month = (index.rem_euclid(12) + 1) as i8;
    Date::new(year, month, 1).unwrap_or(Date::MIN)
}

/// Today in the system's time zone.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_match_jiff() {
        let epoch = Date::constant(1970, 1, 1);
        for date in [
            Date::constant(1970, 1, 1),
            Date::constant(2000, 2, 29),
            Date::constant(2025, 7, 23),
            Date::constant(1969, 12, 31),
            Date::constant(1, 1, 1),
            Date::constant(9999, 12, 31),
        ] {
            let expected = date.since((jiff::Unit::Day, epoch)).map(|s| s.get_days());
            assert_eq!(Ok(day_number(date)), expected.map_err(|e| e.to_string()), "{date}");
            assert_eq!(from_day_number(day_number(date)), date);
        }
        assert_eq!(from_day_number(i32::MAX), Date::MAX);
        assert_eq!(from_day_number(i32::MIN), Date::MIN);
    }

    #[test]
    fn months_round_trip() {
        let date = Date::constant(2025, 12, 31);
        assert_eq!(month_start(month_index(date)), Date::constant(2025, 12, 1));
        assert_eq!(month_start(month_index(date) + 1), Date::constant(2026, 1, 1));
    }
}
