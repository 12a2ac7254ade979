//! Days an admin types to filter the audit log ([`AuditDays`]): one day or a range, each in
//! the Gregorian calendar (`2026-12-07`) or the Persian Solar Hijri (Jalali) one
//! (`1405-09-16`), in Latin or Persian digits. Days are the shop's: they run from midnight to
//! midnight at the shop's offset from UTC ([`crate::MemberService::utc_offset`]).

use time::{Date, Month, OffsetDateTime, UtcOffset};

/// Why text is not a day or a range of days.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a day or a range of days; write 2026-12-07 or 1405-09-16, or two of them (2026-12-01 2026-12-07)"
)]
pub struct AuditDaysError(pub String);

/// A range of whole days, both ends included (`from` ≤ `to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AuditDays {
    from: Date,
    to: Date,
}

impl AuditDays {
    /// The days from `from` to `to`, in either order.
    pub fn new(from: Date, to: Date) -> Self {
        Self {
            from: from.min(to),
            to: from.max(to),
        }
    }

    /// Parses one day or two (separated by spaces, `..` or ` - `). A year from 1700 on is
    /// Gregorian, an earlier one Jalali (years 1300–1499).
    pub fn parse(raw: &str) -> Result<Self, AuditDaysError> {
        let bad = || AuditDaysError(raw.trim().to_owned());
        let text: String = raw.trim().chars().map(latin_digit).collect();
        let text = text.replace("..", " ").replace(" - ", " ").replace('–', " ");
        let days: Vec<&str> = text.split_whitespace().collect();
        match days.as_slice() {
            [one] => parse_day(one).map(|d| Self::new(d, d)).ok_or_else(bad),
            [from, to] => Ok(Self::new(
                parse_day(from).ok_or_else(bad)?,
                parse_day(to).ok_or_else(bad)?,
            )),
            _ => Err(bad()),
        }
    }

    /// The first day.
    pub fn from(&self) -> Date {
        self.from
    }

    /// The last day (included).
    pub fn to(&self) -> Date {
        self.to
    }

    /// Midnight at `offset` starting the first day (for [`crate::AuditQuery::since`]).
    pub fn since(&self, offset: UtcOffset) -> OffsetDateTime {
        Self::day_start(self.from, offset)
    }

    /// Midnight at `offset` ending the last day (for [`crate::AuditQuery::until`], which
    /// excludes it).
    pub fn until(&self, offset: UtcOffset) -> OffsetDateTime {
        Self::day_end(self.to, offset)
    }

    /// Midnight at `offset` starting `day`: where a day of a shop at that offset begins.
    pub fn day_start(day: Date, offset: UtcOffset) -> OffsetDateTime {
        day.midnight().assume_offset(offset)
    }

    /// Midnight at `offset` ending `day` (the start of the next day).
    pub fn day_end(day: Date, offset: UtcOffset) -> OffsetDateTime {
        Self::day_start(day.next_day().unwrap_or(day), offset)
    }
}

/// How a shop's time is named to an admin: `UTC`, `UTC+03:30`, `UTC-05:00`.
pub fn zone_name(offset: UtcOffset) -> String {
    if offset.is_utc() {
        return "UTC".to_owned();
    }
    let (hours, minutes, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!("UTC{sign}{:02}:{:02}", hours.unsigned_abs(), minutes.unsigned_abs())
}

/// Persian (`۰`–`۹`) and Arabic-Indic (`٠`–`٩`) digits as Latin ones; `/` as `-`.
fn latin_digit(c: char) -> char {
    match c {
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '/' => '-',
        other => other,
    }
}

/// `YYYY-MM-DD`, Gregorian from year 1700 on, Jalali before.
fn parse_day(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || year.len() != 4
        || month.is_empty()
        || month.len() > 2
        || day.is_empty()
        || day.len() > 2
    {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let month: u8 = month.parse().ok()?;
    let day: u8 = day.parse().ok()?;
    if year >= 1700 {
        Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
    } else {
        jalali_to_gregorian(year, month, day)
    }
}

/// The Gregorian day of Jalali `year`-`month`-`day` (years 1300–1499, where the 33-year
/// arithmetic rule used here matches the Iranian calendar); `None` for a day that does not
/// exist (month 13, Mehr 31, Esfand 30 of a common year).
pub fn jalali_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    let longest = match month {
        1..=6 => 31,
        7..=11 => 30,
        12 => 30,
        _ => return None,
    };
    if !(1300..=1499).contains(&year) || day == 0 || day > longest {
        return None;
    }
    let date = arithmetic(year, month, day)?;
    // Esfand 30 exists only in a leap year: otherwise it is the next year's first day.
    if month == 12 && day == 30 && Some(date) == arithmetic(year + 1, 1, 1) {
        return None;
    }
    Some(date)
}

/// The conversion itself (Borkowski's arithmetic form of the 33-year cycle).
fn arithmetic(year: i32, month: u8, day: u8) -> Option<Date> {
    let jy = i64::from(year) + 1595;
    let (jm, jd) = (i64::from(month), i64::from(day));
    let month_days = if jm < 7 { (jm - 1) * 31 } else { (jm - 7) * 30 + 186 };
    let mut days = -355_668 + 365 * jy + (jy / 33) * 8 + ((jy % 33) + 3) / 4 + jd + month_days;
    let mut gy = 400 * (days / 146_097);
    days %= 146_097;
    if days > 36_524 {
        days -= 1;
        gy += 100 * (days / 36_524);
        days %= 36_524;
        if days >= 365 {
            days += 1;
        }
    }
    gy += 4 * (days / 1461);
    days %= 1461;
    if days > 365 {
        gy += (days - 1) / 365;
        days = (days - 1) % 365;
    }
    let gy = i32::try_from(gy).ok()?;
    let ordinal = u16::try_from(days + 1).ok()?;
    Date::from_ordinal_date(gy, ordinal).ok()
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn jalali_days_convert_to_gregorian() {
        assert_eq!(jalali_to_gregorian(1405, 9, 16), Some(date!(2026 - 12 - 07)));
        assert_eq!(jalali_to_gregorian(1404, 1, 1), Some(date!(2025 - 03 - 21)));
        assert_eq!(jalali_to_gregorian(1405, 1, 1), Some(date!(2026 - 03 - 21)));
        assert_eq!(jalali_to_gregorian(1403, 1, 1), Some(date!(2024 - 03 - 20)));
        assert_eq!(jalali_to_gregorian(1402, 10, 11), Some(date!(2024 - 01 - 01)));
        assert_eq!(jalali_to_gregorian(1405, 6, 31), Some(date!(2026 - 09 - 22)));
        assert_eq!(jalali_to_gregorian(1405, 7, 1), Some(date!(2026 - 09 - 23)));
        assert_eq!(jalali_to_gregorian(1405, 8, 30), Some(date!(2026 - 11 - 21)));
        assert_eq!(jalali_to_gregorian(1357, 11, 22), Some(date!(1979 - 02 - 11)));
    }

    #[test]
    fn esfand_30_exists_only_in_leap_years() {
        assert_eq!(jalali_to_gregorian(1403, 12, 30), Some(date!(2025 - 03 - 20)));
        assert_eq!(jalali_to_gregorian(1399, 12, 30), Some(date!(2021 - 03 - 20)));
        assert_eq!(jalali_to_gregorian(1404, 12, 30), None);
        assert_eq!(jalali_to_gregorian(1404, 12, 29), Some(date!(2026 - 03 - 20)));
        for (y, m, d) in [(1405, 13, 1), (1405, 7, 31), (1405, 0, 1), (1405, 1, 0), (1299, 1, 1)] {
            assert_eq!(jalali_to_gregorian(y, m, d), None, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn every_day_of_a_century_follows_the_one_before() {
        let mut expected = jalali_to_gregorian(1380, 1, 1).unwrap();
        for year in 1380..1480 {
            for month in 1..=12u8 {
                for day in 1..=31u8 {
                    if let Some(date) = jalali_to_gregorian(year, month, day) {
                        assert_eq!(date, expected, "{year}-{month}-{day}");
                        expected = expected.next_day().unwrap();
                    }
                }
            }
        }
        assert_eq!(expected, jalali_to_gregorian(1480, 1, 1).unwrap());
    }

    /// In Tehran (+03:30) 2026-12-07 runs from 20:30 UTC on the 6th to 20:30 UTC on the 7th,
    /// so 22:00 UTC on the 6th is already the 7th there.
    #[test]
    fn a_day_is_the_shops_day() {
        let tehran = UtcOffset::from_hms(3, 30, 0).unwrap();
        let day = AuditDays::parse("2026-12-07").unwrap();
        assert_eq!(day.since(tehran), datetime!(2026-12-06 20:30 UTC));
        assert_eq!(day.until(tehran), datetime!(2026-12-07 20:30 UTC));
        let late = datetime!(2026-12-06 22:00 UTC);
        assert!(day.since(tehran) <= late && late < day.until(tehran));
        assert!(late < day.since(UtcOffset::UTC), "in UTC it is still the 6th");
    }

    #[test]
    fn zones_are_named_from_utc() {
        assert_eq!(zone_name(UtcOffset::UTC), "UTC");
        assert_eq!(zone_name(UtcOffset::from_hms(3, 30, 0).unwrap()), "UTC+03:30");
        assert_eq!(zone_name(UtcOffset::from_hms(-5, 0, 0).unwrap()), "UTC-05:00");
        assert_eq!(zone_name(UtcOffset::from_hms(-3, -30, 0).unwrap()), "UTC-03:30");
    }

    #[test]
    fn one_day_or_a_range_in_either_calendar_and_any_digits() {
        let day = AuditDays::parse(" 2026-12-07 ").unwrap();
        assert_eq!((day.from(), day.to()), (date!(2026 - 12 - 07), date!(2026 - 12 - 07)));
        assert_eq!(day.since(UtcOffset::UTC), date!(2026 - 12 - 07).midnight().assume_utc());
        assert_eq!(day.until(UtcOffset::UTC), date!(2026 - 12 - 08).midnight().assume_utc());
        assert_eq!(AuditDays::parse("۱۴۰۵/۰۹/۱۶").unwrap(), day);
        assert_eq!(AuditDays::parse("1405-9-16").unwrap(), day);
        let range = AuditDays::parse("1405-09-10 2026-12-07").unwrap();
        assert_eq!(
            (range.from(), range.to()),
            (date!(2026 - 12 - 01), date!(2026 - 12 - 07))
        );
        assert_eq!(
            AuditDays::parse("2026-12-07..2026-12-01").unwrap(),
            range,
            "either order"
        );
        assert_eq!(AuditDays::parse("2026-12-01 - 2026-12-07").unwrap(), range);
        for bad in [
            "",
            "today",
            "2026-02-30",
            "1404-12-30",
            "26-12-07",
            "2026-12-07 2026-12-08 2026-12-09",
            "1405-09-16x",
        ] {
            assert!(AuditDays::parse(bad).is_err(), "{bad:?}");
        }
    }
}
