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
    /// Parses `YYYY-MM-DD`, checking that the day exists in that month.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        let date = Self {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
            day: day.parse().ok()?,
        };
        let valid =
            (1..=12).contains(&date.month) && (1..=date.days_in_month()).contains(&date.day);
        valid.then_some(date)
    }

    fn is_leap_year(self) -> bool {
        (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0
    }

    fn days_in_month(self) -> u32 {
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

    /// The date as a position on a year axis: 2024-07-01 is about 2024.5.
    pub fn fractional_year(self) -> f64 {
        let days_in_year = if self.is_leap_year() { 366.0 } else { 365.0 };
        f64::from(self.year) + f64::from(self.day_of_year() - 1) / days_in_year
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
}
