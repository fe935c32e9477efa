//! Calendar dates as the datasets write them (`YYYY-MM-DD`). Kept as a small type of our own
//! rather than enabling polars' temporal features: the datasets only need to validate dates and
//! place them on a year axis.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl IsoDate {
    /// A date that exists: 2024-02-29 does, 2023-02-29 and 2024-02-31 do not.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let date = Self { year, month, day };
        let valid =
            (1..=12).contains(&date.month) && (1..=date.days_in_month()).contains(&date.day);
        valid.then_some(date)
    }

    /// Parses `YYYY-MM-DD`, checking that the day exists in that month.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        Self::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    fn is_leap_year(self) -> bool {
        (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0
    }

    pub fn days_in_month(self) -> u32 {
        match self.month {
            4 | 6 | 9 | 11 => 30,
            2 if self.is_leap_year() => 29,
            2 => 28,
            _ => 31,
        }
    }

    fn day_of_year(self) -> u32 {
        (1..self.month)
            .map(|month| Self { month, ..self }.days_in_month())
            .sum::<u32>()
            + self.day
    }

    fn days_in_year(self) -> u32 {
        if self.is_leap_year() { 366 } else { 365 }
    }

    /// The date as a position on a year axis: 2024-07-01 is about 2024.5. Every day has its
    /// own position, 29 February included.
    pub fn fractional_year(self) -> f64 {
        f64::from(self.year) + f64::from(self.day_of_year() - 1) / f64::from(self.days_in_year())
    }

    /// The day at a position on a year axis, the inverse of [`IsoDate::fractional_year`].
    pub fn from_fractional_year(x: f64) -> Self {
        let year = x.floor() as i32;
        let start = Self {
            year,
            month: 1,
            day: 1,
        };
        let last_day = start.days_in_year();
        let mut day_of_year =
            (((x - f64::from(year)) * f64::from(last_day)).round() as u32 + 1).clamp(1, last_day);
        let mut date = start;
        while let Some(month_length) = (date.month <= 12).then(|| date.days_in_month())
            && day_of_year > month_length
        {
            day_of_year -= month_length;
            date.month += 1;
        }
        Self {
            day: day_of_year,
            ..date
        }
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month an English name stands for, written whole or cut to three letters or more (`Jan`,
/// `Sept`, `september`), in any case.
pub fn month_from_name(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    if name.chars().count() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|month| month.to_lowercase().starts_with(&name))
        .map(|index| index as u32 + 1)
}

/// The English name of month 1–12 ("" for any other number).
pub fn month_name(month: u32) -> &'static str {
    MONTH_NAMES
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

impl IsoDate {
    /// The civil date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Self {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        Self::from_days_since_epoch((seconds / 86_400) as i64)
    }

    /// Whole years from `self` to `later`: 1949-10-02 to 2026-12-01 is 77.
    pub fn whole_years_until(self, later: Self) -> i32 {
        let birthday_passed = (later.month, later.day) >= (self.month, self.day);
        later.year - self.year - i32::from(!birthday_passed)
    }

    /// "14 May 2024", as a title writes a date.
    pub fn long_label(self) -> String {
        format!("{} {} {}", self.day, month_name(self.month), self.year)
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::IsoDate;

    #[test]
    fn parses_real_dates_and_rejects_impossible_ones() {
        assert_eq!(
            IsoDate::parse("2024-05-16"),
            Some(IsoDate {
                year: 2024,
                month: 5,
                day: 16
            })
        );
        assert_eq!(IsoDate::parse("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(IsoDate::parse("2023-02-29"), None);
        assert_eq!(IsoDate::parse("2024-13-01"), None);
        assert_eq!(IsoDate::parse("16/05/2024"), None);
    }

    #[test]
    fn fractional_year_places_mid_year_dates_mid_axis() {
        let start = IsoDate::parse("2023-01-01").map(IsoDate::fractional_year);
        assert_eq!(start, Some(2023.0));
        let july = IsoDate::parse("2023-07-02").map_or(0.0, IsoDate::fractional_year);
        assert!((july - 2023.4986).abs() < 1e-3, "{july}");
    }

    #[test]
    fn days_since_1970_become_the_calendar_date() {
        assert_eq!(IsoDate::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            IsoDate::from_days_since_epoch(19_782).to_string(),
            "2024-02-29"
        );
        assert_eq!(
            IsoDate::from_days_since_epoch(20_788).to_string(),
            "2026-12-01"
        );
        let recognition = IsoDate::new(1949, 10, 2).expect("date");
        let day = |text| IsoDate::parse(text).expect("date");
        assert_eq!(recognition.whole_years_until(day("2026-12-01")), 77);
        assert_eq!(recognition.whole_years_until(day("2024-10-01")), 74);
        assert_eq!(recognition.whole_years_until(day("2024-10-02")), 75);
    }

    #[test]
    fn leap_days_have_their_own_place_and_31_february_does_not_exist() {
        let leap_day = IsoDate::new(2024, 2, 29).map(IsoDate::fractional_year);
        let first_of_march = IsoDate::new(2024, 3, 1).map(IsoDate::fractional_year);
        assert!(leap_day < first_of_march, "{leap_day:?} {first_of_march:?}");
        assert_eq!(IsoDate::new(2024, 2, 31), None);
        assert_eq!(IsoDate::parse("2024-02-31"), None);
        for text in [
            "2024-02-29",
            "2024-03-01",
            "2023-12-31",
            "2025-01-01",
            "2024-07-16",
        ] {
            let date = IsoDate::parse(text).expect("a real date");
            assert_eq!(
                IsoDate::from_fractional_year(date.fractional_year()).to_string(),
                text
            );
        }
    }
}
