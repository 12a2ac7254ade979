//! Calendar dates per language: Gregorian for English and Russian, the Solar Hijri
//! (Jalali) calendar for Persian.

use time::Date;

/// A day in some calendar: year, month 1–12, day of month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarDate {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, 1–31.
    pub day: u8,
}

/// The same day in the Gregorian calendar.
pub fn gregorian(date: Date) -> CalendarDate {
    CalendarDate {
        year: date.year(),
        month: u8::from(date.month()),
        day: date.day(),
    }
}

/// The same day in the Solar Hijri (Jalali) calendar used in Iran, by the 33-year
/// arithmetic rule (exact for the years this shop will ever see).
pub fn jalali(date: Date) -> CalendarDate {
    const DAYS_BEFORE_MONTH: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let (gy, gm, gd) = (
        i64::from(date.year()),
        usize::from(u8::from(date.month())),
        i64::from(date.day()),
    );
    let gy2 = if gm > 2 { gy + 1 } else { gy };
    let mut days =
        355_666 + 365 * gy + (gy2 + 3) / 4 - (gy2 + 99) / 100 + (gy2 + 399) / 400 + gd + DAYS_BEFORE_MONTH[gm - 1];
    let mut jy = -1595 + 33 * (days / 12_053);
    days %= 12_053;
    jy += 4 * (days / 1461);
    days %= 1461;
    if days > 365 {
        jy += (days - 1) / 365;
        days = (days - 1) % 365;
    }
    let (jm, jd) = if days < 186 {
        (1 + days / 31, 1 + days % 31)
    } else {
        (7 + (days - 186) / 30, 1 + (days - 186) % 30)
    };
    CalendarDate {
        year: i32::try_from(jy).unwrap_or(i32::MAX),
        month: u8::try_from(jm).unwrap_or(12),
        day: u8::try_from(jd).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn j(year: i32, month: u8, day: u8) -> CalendarDate {
        CalendarDate { year, month, day }
    }

    #[test]
    fn nowruz_starts_the_persian_year() {
        assert_eq!(jalali(date!(2025 - 03 - 21)), j(1404, 1, 1));
        assert_eq!(jalali(date!(2025 - 03 - 20)), j(1403, 12, 30));
        assert_eq!(jalali(date!(2026 - 03 - 21)), j(1405, 1, 1));
    }

    #[test]
    fn known_dates_convert_to_the_jalali_calendar() {
        assert_eq!(jalali(date!(2026 - 11 - 21)), j(1405, 8, 30));
        assert_eq!(jalali(date!(2024 - 01 - 01)), j(1402, 10, 11));
        assert_eq!(jalali(date!(2026 - 09 - 22)), j(1405, 6, 31));
        assert_eq!(jalali(date!(2026 - 09 - 23)), j(1405, 7, 1));
    }

    #[test]
    fn gregorian_dates_pass_through() {
        assert_eq!(gregorian(date!(2026 - 11 - 21)), j(2026, 11, 21));
    }
}
