//! What each column holds, decided from the sample rows: codes that must keep their text,
//! years, periods and dates, integers, numbers (with thousands separators and the file's decimal
//! mark), or text. And the parsers that turn a cell into a number or a point in time the same
//! way everywhere.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::data::IsoDate;

/// Cells that mean "no value" in statistical downloads (BACI writes `NA`, Eurostat `:`, the
/// World Bank `..`, newsrooms a dash of any length).
pub const MISSING_VALUE_MARKERS: [&str; 10] =
    ["NA", "N/A", "n/a", "NULL", "null", "..", ":", "-", "–", "—"];

/// Whether a cell is a number that is not finite (`NaN`, `INF`, `-Infinity`, in any case):
/// counted and reported, never plotted.
fn is_non_finite(cell: &str) -> bool {
    let unsigned = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    ["nan", "inf", "infinity"]
        .iter()
        .any(|word| unsigned.eq_ignore_ascii_case(word))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnKind {
    /// No value in any row.
    Empty,
    Text,
    /// An identifier written in digits (a product or country code): kept as written, never summed.
    Code,
    Year,
    /// A month or quarter of a year (`2024-05`, `2024M05`, `2024Q2`).
    Period,
    Date,
    Integer,
    Number,
}

impl ColumnKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Text => "text",
            Self::Code => "code",
            Self::Year => "year",
            Self::Period => "period",
            Self::Date => "date",
            Self::Integer => "integer",
            Self::Number => "number",
        }
    }

    /// Whether the column can be charted against time.
    pub fn is_time(self) -> bool {
        matches!(self, Self::Year | Self::Period | Self::Date)
    }

    /// Whether the column holds quantities that can be summed or averaged.
    pub fn is_quantity(self) -> bool {
        matches!(self, Self::Integer | Self::Number)
    }
}

/// How numbers are written in a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    pub decimal_comma: bool,
    /// The thousands separator, if the column uses one (a space stands for every kind of space).
    pub thousands: Option<char>,
}

/// The order of day, month and year in a date column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    YearMonthDay,
    DayMonthYear,
    MonthDayYear,
}

/// What the loader decided about one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnPlan {
    pub name: String,
    pub kind: ColumnKind,
    pub format: NumberFormat,
    pub date_order: DateOrder,
    /// Read as text and converted by us, because polars cannot read this way of writing numbers
    /// (thousands separators) or because the sample already holds cells that are not numbers.
    pub convert_from_text: bool,
    /// A few values from the sample, as written, for the column list.
    pub examples: Vec<String>,
    /// Some codes start with a zero: kept as text, for the warnings.
    pub leading_zeros: bool,
    /// A column of digits stored as text (leading zeros, or too long for a 64-bit integer).
    pub digits_as_text: bool,
    /// The one way the sample writes a missing value (`NA`, `..`), handed to polars so it reads
    /// the column typed; a column with several is converted by us.
    pub missing_marker: Option<String>,
}

/// A cell read as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Missing,
    Finite(f64),
    NonFinite,
    Invalid,
}

pub fn is_missing(cell: &str) -> bool {
    let cell = cell.trim();
    cell.is_empty() || MISSING_VALUE_MARKERS.contains(&cell)
}

/// Reads `cell` as a number written in `format`.
pub fn parse_number(cell: &str, format: NumberFormat) -> Cell {
    let cell = cell.trim();
    if is_missing(cell) {
        return Cell::Missing;
    }
    if is_non_finite(cell) {
        return Cell::NonFinite;
    }
    let mut normalised = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            ',' if format.decimal_comma => normalised.push('.'),
            '.' if format.decimal_comma => {
                if format.thousands != Some('.') {
                    return Cell::Invalid;
                }
            }
            ' ' | '\u{a0}' | '\u{202f}' if format.thousands == Some(' ') => {}
            _ if Some(c) == format.thousands => {}
            _ => normalised.push(c),
        }
    }
    // Rust would read these words as numbers; in a table they are text.
    if normalised.chars().any(char::is_alphabetic) && !normalised.contains(['e', 'E']) {
        return Cell::Invalid;
    }
    match normalised.parse::<f64>() {
        Ok(value) if value.is_finite() => Cell::Finite(value),
        Ok(_) => Cell::NonFinite,
        Err(_) => Cell::Invalid,
    }
}

static DIGITS: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d+$"));
static PERIOD_MONTH: LazyLock<Regex> = LazyLock::new(|| regex(r"^(\d{4})(?:[-/]|-?M)(\d{1,2})$"));
static PERIOD_QUARTER: LazyLock<Regex> = LazyLock::new(|| regex(r"^(\d{4})-?Q([1-4])$"));
/// `2024-05-16`, with a time of day and a UTC offset if any (`2024-05-16T09:30:00+03:00`).
static DATE_YMD: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T][0-9:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$")
});
/// `16.05.2024`, `5/16/2024`, or with two digits of year only after slashes (`8/15/14`), as US
/// spreadsheets write it; dots with two digits are more often version numbers than dates.
static DATE_XXY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(\d{1,2})(?:[./](\d{1,2})[./](\d{4})|/(\d{1,2})/(\d{2}))$"));
/// `Jan 1 2000`, `January 1, 2000`, `1 Jan 2000`, `16 May 2024`.
static DATE_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^(?:([a-z]{3,9})\.? (\d{1,2}),? (\d{4})|(\d{1,2}) ([a-z]{3,9})\.?,? (\d{4}))$")
});
static YEAR_NAME: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^(t|time|period|date|yr|annee|année|año|ano|jahr|год)$|year|jahr")
});
/// What an unnamed first column is called once read: empty, our `column_1`, pandas'
/// `Unnamed: 0`, R's `X`, readr's `...1`.
static ROW_NUMBER_NAME: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(|column_1|Unnamed: 0|X|\.\.\.1)$"));
/// Names of identifier columns: codes and ids, FIPS and postal codes, row numbers.
static CODE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(i|j|k|id|hs\d*|iso.*|.*[_ ]id|ids?_.*|no\.?|nr\.?|#|index|row|rownames|zip|zipcode|postcode|geoid)$|code|cmd|^m49|fips",
    )
});
/// A year as a column header: `2019`, `Y2019`, `X2019` (R's prefix) or the World Bank's
/// `2019 [YR2019]`.
static YEAR_HEADER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:X|Y|YR)?_?(\d{4})(?:\s*\[YR\d{4}\])?$"));

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|err| unreachable!("pattern {pattern}: {err}"))
}

/// The year a column header names, for wide tables with one column per year.
pub fn header_year(name: &str) -> Option<i32> {
    let captures = YEAR_HEADER.captures(name.trim())?;
    let year: i32 = captures[1].parse().ok()?;
    (1800..=2100).contains(&year).then_some(year)
}

/// The dates column headers name, for wide tables with one column per day (`1/22/20`, as the
/// Johns Hopkins COVID-19 tables have them, or `2020-01-22`): each header with its date, in the
/// day/month order the headers as a whole show. Headers that are no dates are left out.
pub fn header_dates<'a>(names: &[&'a str]) -> Vec<(&'a str, IsoDate)> {
    let plan = plan_column("", 1, names, false);
    let order = if plan.kind == ColumnKind::Date {
        plan.date_order
    } else {
        let dated: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| DATE_XXY.is_match(n.trim()))
            .collect();
        plan_column("", 1, &dated, false).date_order
    };
    names
        .iter()
        .filter_map(|name| {
            let (year, month, day) = date_parts(name.trim(), order)?;
            Some((*name, IsoDate::new(year, month, day)?))
        })
        .collect()
}

/// A point in time as a fractional year (2024-07-01 is about 2024.5), so years, months and days
/// share one axis.
pub fn time_value(kind: ColumnKind, order: DateOrder, cell: &str) -> Option<f64> {
    let cell = cell.trim();
    match kind {
        ColumnKind::Year | ColumnKind::Integer | ColumnKind::Number => {
            cell.parse::<f64>().ok().filter(|v| v.is_finite())
        }
        // A month or quarter stands at its first day, so months, quarters and dates share the
        // one date-to-axis conversion of `IsoDate`.
        ColumnKind::Period => {
            let (year, month) = if let Some(c) = PERIOD_MONTH.captures(cell) {
                (c[1].parse().ok()?, c[2].parse().ok()?)
            } else {
                let c = PERIOD_QUARTER.captures(cell)?;
                let quarter: u32 = c[2].parse().ok()?;
                (c[1].parse().ok()?, (quarter.checked_sub(1)? * 3) + 1)
            };
            Some(IsoDate::new(year, month, 1)?.fractional_year())
        }
        ColumnKind::Date => {
            let (year, month, day) = date_parts(cell, order)?;
            Some(IsoDate::new(year, month, day)?.fractional_year())
        }
        _ => None,
    }
}

fn date_parts(cell: &str, order: DateOrder) -> Option<(i32, u32, u32)> {
    let (year, month, day) = if let Some(c) = DATE_YMD.captures(cell) {
        (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    } else if let Some(named) = named_date(cell) {
        named
    } else {
        let (first, second, year) = numeric_date(cell)?;
        match order {
            DateOrder::MonthDayYear => (year, first, second),
            _ => (year, second, first),
        }
    };
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// The two leading numbers and the year of `16.05.2024` or `8/15/14`. A two-digit year is read
/// as POSIX reads it: 69–99 in the 1900s, 00–68 in the 2000s.
fn numeric_date(cell: &str) -> Option<(u32, u32, i32)> {
    let c = DATE_XXY.captures(cell)?;
    let first = c[1].parse().ok()?;
    if let (Some(second), Some(year)) = (c.get(2), c.get(3)) {
        return Some((
            first,
            second.as_str().parse().ok()?,
            year.as_str().parse().ok()?,
        ));
    }
    let (second, short_year): (u32, i32) = (c[4].parse().ok()?, c[5].parse().ok()?);
    let century = if short_year >= 69 { 1900 } else { 2000 };
    Some((first, second, century + short_year))
}

/// Year, month and day of a date with its month named in English (`Jan 1 2000`, `1 Jan 2000`).
fn named_date(cell: &str) -> Option<(i32, u32, u32)> {
    let c = DATE_NAMED.captures(cell)?;
    let (name, day, year) = match c.get(1) {
        Some(name) => (name.as_str(), &c[2], &c[3]),
        None => (c.get(5)?.as_str(), &c[4], &c[6]),
    };
    let month = crate::data::month_from_name(name)?;
    Some((year.parse().ok()?, month, day.parse().ok()?))
}

/// The thousands separator the cells of a column use, if they all agree on one.
fn thousands_separator(cells: &[&str], decimal_comma: bool) -> Option<char> {
    let candidates: &[char] = if decimal_comma {
        &['.', ' ', '\'']
    } else {
        &[',', ' ', '\'']
    };
    let decimal = if decimal_comma { ',' } else { '.' };
    candidates.iter().copied().find(|&sep| {
        let grouped = |cell: &&str| {
            let cell = cell.trim().trim_start_matches(['-', '+']);
            let integer = cell.split(decimal).next().unwrap_or_default();
            let groups: Vec<&str> = if sep == ' ' {
                integer.split([' ', '\u{a0}', '\u{202f}']).collect()
            } else {
                integer.split(sep).collect()
            };
            groups.len() > 1
                && (1..=3).contains(&groups[0].len())
                && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
                && groups[1..].iter().all(|g| g.len() == 3)
        };
        cells.iter().any(grouped)
    })
}

/// Decides the kind of the column `name` (at position `index`) from its sample `cells`.
pub fn plan_column(name: &str, index: usize, cells: &[&str], decimal_comma: bool) -> ColumnPlan {
    let present: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !is_missing(c))
        .collect();
    let mut examples: Vec<String> = Vec::new();
    for cell in &present {
        if examples.len() == 3 {
            break;
        }
        if !examples.iter().any(|e| e == cell) {
            examples.push((*cell).to_owned());
        }
    }
    let mut plan = ColumnPlan {
        name: name.to_owned(),
        kind: ColumnKind::Text,
        format: NumberFormat {
            decimal_comma,
            thousands: None,
        },
        date_order: DateOrder::YearMonthDay,
        convert_from_text: false,
        examples,
        leading_zeros: false,
        digits_as_text: false,
        missing_marker: None,
    };
    let mut markers: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty() && MISSING_VALUE_MARKERS.contains(c))
        .collect();
    markers.sort_unstable();
    markers.dedup();
    plan.missing_marker = markers.first().map(|m| (*m).to_owned());
    let several_markers = markers.len() > 1;
    if present.is_empty() {
        plan.kind = ColumnKind::Empty;
        return plan;
    }
    if present
        .iter()
        .all(|c| DATE_YMD.is_match(c) || named_date(c).is_some())
    {
        plan.kind = ColumnKind::Date;
        return plan;
    }
    if present.iter().all(|c| DATE_XXY.is_match(c)) {
        let leading: Vec<(u32, u32, i32)> =
            present.iter().filter_map(|c| numeric_date(c)).collect();
        let first_above_12 = leading.iter().any(|&(first, _, _)| first > 12);
        let second_above_12 = leading.iter().any(|&(_, second, _)| second > 12);
        plan.kind = ColumnKind::Date;
        plan.date_order = if second_above_12 && !first_above_12 {
            DateOrder::MonthDayYear
        } else {
            DateOrder::DayMonthYear
        };
        return plan;
    }
    if present
        .iter()
        .all(|c| PERIOD_MONTH.is_match(c) || PERIOD_QUARTER.is_match(c))
    {
        plan.kind = ColumnKind::Period;
        return plan;
    }
    if present.iter().all(|c| DIGITS.is_match(c)) {
        plan_digits(&mut plan, &present, index, several_markers);
        return plan;
    }
    // Region codes such as `06`, `29` and `MI` side by side: codes, not numbers with stray words.
    let zero_led = present
        .iter()
        .any(|c| c.len() > 1 && c.starts_with('0') && c.bytes().all(|b| b.is_ascii_digit()));
    if zero_led && present.iter().any(|c| c.chars().any(char::is_alphabetic)) {
        return plan;
    }
    plan_numbers(&mut plan, &present, several_markers);
    plan
}

/// Whether a first column counts rows, 1, 2, 3… or 0, 1, 2…, under no name of its own, as R's
/// `write.csv` and pandas write them (a named count, such as months 1 to 12, is data).
fn are_row_numbers(name: &str, present: &[&str]) -> bool {
    let unnamed = ROW_NUMBER_NAME.is_match(name);
    let numbers: Vec<u64> = present.iter().filter_map(|c| c.parse().ok()).collect();
    unnamed
        && numbers.len() == present.len()
        && numbers.len() >= 3
        && numbers[0] <= 1
        && numbers.windows(2).all(|pair| pair[1] == pair[0] + 1)
}

/// A column of digits only: a code (leading zeros, too long for a number, or named like one),
/// a year, or whole numbers.
fn plan_digits(plan: &mut ColumnPlan, present: &[&str], index: usize, several_markers: bool) {
    let zero_led = present.iter().find(|c| c.len() > 1 && c.starts_with('0'));
    plan.leading_zeros = zero_led.is_some();
    // Show a code that makes the point first.
    if let Some(code) = zero_led
        && plan.examples.first() != Some(&(*code).to_owned())
    {
        plan.examples.retain(|e| e != code);
        plan.examples.insert(0, (*code).to_owned());
        plan.examples.truncate(3);
    }
    let too_long = present.iter().any(|c| c.len() > 18);
    let all_years = present
        .iter()
        .all(|c| c.len() == 4 && c.parse::<i32>().is_ok_and(|y| (1800..=2100).contains(&y)));
    plan.digits_as_text = plan.leading_zeros || too_long;
    plan.convert_from_text = several_markers;
    plan.kind = if plan.digits_as_text {
        ColumnKind::Code
    } else if all_years && (YEAR_NAME.is_match(&plan.name) || index == 0) {
        ColumnKind::Year
    } else if CODE_NAME.is_match(&plan.name) || (index == 0 && are_row_numbers(&plan.name, present))
    {
        ColumnKind::Code
    } else {
        ColumnKind::Integer
    };
}

/// A column that may hold numbers: numbers it is when most cells read as one, with its
/// thousands separator; a few stray words become empty cells.
fn plan_numbers(plan: &mut ColumnPlan, present: &[&str], several_markers: bool) {
    plan.format.thousands = thousands_separator(present, plan.format.decimal_comma);
    let decimal = if plan.format.decimal_comma { ',' } else { '.' };
    let mut finite = 0;
    let mut invalid = 0;
    let mut integral = true;
    for cell in present {
        match parse_number(cell, plan.format) {
            Cell::Finite(value) => {
                finite += 1;
                integral &= value.fract() == 0.0 && !cell.contains([decimal, 'e', 'E']);
            }
            Cell::NonFinite => integral = false,
            Cell::Invalid => invalid += 1,
            Cell::Missing => {}
        }
    }
    // A few stray words ("n.a.", footnote marks) do not make a column of numbers text; they
    // become empty cells, counted and reported.
    if finite > 0 && invalid * 5 <= present.len() {
        plan.kind = if integral {
            ColumnKind::Integer
        } else {
            ColumnKind::Number
        };
        plan.convert_from_text = plan.format.thousands.is_some() || invalid > 0 || several_markers;
        // Examples of a column of numbers are numbers, not the stray words in it.
        let mut examples: Vec<String> = Vec::new();
        for cell in present {
            if examples.len() == 3 {
                break;
            }
            if matches!(parse_number(cell, plan.format), Cell::Finite(_))
                && !examples.iter().any(|e| e == cell)
            {
                examples.push((*cell).to_owned());
            }
        }
        plan.examples = examples;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: NumberFormat = NumberFormat {
        decimal_comma: false,
        thousands: None,
    };

    #[test]
    fn reads_numbers_as_people_write_them() {
        let comma = NumberFormat {
            decimal_comma: true,
            thousands: Some('.'),
        };
        assert_eq!(parse_number("240,1", comma), Cell::Finite(240.1));
        assert_eq!(parse_number("1.234,5", comma), Cell::Finite(1234.5));
        let grouped = NumberFormat {
            decimal_comma: false,
            thousands: Some(','),
        };
        assert_eq!(
            parse_number("1,234,567", grouped),
            Cell::Finite(1_234_567.0)
        );
        let spaced = NumberFormat {
            decimal_comma: false,
            thousands: Some(' '),
        };
        assert_eq!(parse_number("1\u{a0}234", spaced), Cell::Finite(1234.0));
        assert_eq!(parse_number("NaN", PLAIN), Cell::NonFinite);
        assert_eq!(parse_number("n.a.", PLAIN), Cell::Invalid);
        for non_finite in ["infinity", "INF", "-INF", "+Inf", "-Infinity", "nan"] {
            assert_eq!(
                parse_number(non_finite, PLAIN),
                Cell::NonFinite,
                "{non_finite}"
            );
        }
        assert_eq!(parse_number("info", PLAIN), Cell::Invalid);
        assert_eq!(parse_number(" NA ", PLAIN), Cell::Missing);
        assert_eq!(parse_number("—", PLAIN), Cell::Missing);
    }

    #[test]
    fn keeps_codes_with_leading_zeros_as_text_and_recognises_time() {
        assert_eq!(
            plan_column("k", 3, &["010121", "851712"], false).kind,
            ColumnKind::Code
        );
        assert_eq!(
            plan_column("t", 0, &["2021", "2022"], false).kind,
            ColumnKind::Year
        );
        assert_eq!(
            plan_column("i", 1, &["156", "643"], false).kind,
            ColumnKind::Code
        );
        assert_eq!(
            plan_column("value", 2, &["2000", "2100"], false).kind,
            ColumnKind::Integer
        );
        assert_eq!(
            plan_column("month", 0, &["2024-01", "2024M02"], false).kind,
            ColumnKind::Period
        );
        let dates = plan_column("day", 0, &["16.05.2024", "17.05.2024"], false);
        assert_eq!(dates.kind, ColumnKind::Date);
        assert_eq!(dates.date_order, DateOrder::DayMonthYear);
        let v = time_value(ColumnKind::Period, DateOrder::YearMonthDay, "2024-07").unwrap();
        assert!((v - (2024.0 + 182.0 / 366.0)).abs() < 1e-9, "{v}");
    }

    #[test]
    fn dates_with_month_names_two_digit_years_and_utc_offsets_are_dates() {
        let day_of = |cells: &[&str]| {
            let plan = plan_column("when", 0, cells, false);
            assert_eq!(plan.kind, ColumnKind::Date, "{cells:?}");
            cells
                .iter()
                .map(|cell| date_parts(cell, plan.date_order))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            day_of(&[
                "Jan 1 2000",
                "February 29, 2000",
                "1 Mar 2000",
                "16 Sept 2024"
            ]),
            [
                Some((2000, 1, 1)),
                Some((2000, 2, 29)),
                Some((2000, 3, 1)),
                Some((2024, 9, 16))
            ]
        );
        // Month first: the second number goes above 12. Two-digit years as POSIX reads them.
        assert_eq!(
            day_of(&["8/15/14", "12/31/99", "1/2/68"]),
            [
                Some((2014, 8, 15)),
                Some((1999, 12, 31)),
                Some((2068, 1, 2))
            ]
        );
        assert_eq!(
            day_of(&["2024-05-16T09:30:00+03:00", "2024-05-17 10:00:00-0500"]),
            [Some((2024, 5, 16)), Some((2024, 5, 17))]
        );
        // Two digits of year after dots are version numbers, not dates; words are not months.
        assert_ne!(
            plan_column("version", 0, &["1.2.10", "1.3.11"], false).kind,
            ColumnKind::Date
        );
        assert_eq!(
            plan_column("when", 0, &["Jun 1 2000", "Ju 2 2000"], false).kind,
            ColumnKind::Text
        );
    }

    #[test]
    fn identifiers_and_row_numbers_are_codes_never_quantities() {
        for (name, index, cells) in [
            ("FIPS", 2, ["1001", "1003", "1005"]),
            ("poll_id", 1, ["88", "102", "97"]),
            ("column_1", 0, ["1", "2", "3"]),
            ("", 0, ["0", "1", "2"]),
            ("zip", 3, ["10115", "20095", "80331"]),
        ] {
            assert_eq!(
                plan_column(name, index, &cells, false).kind,
                ColumnKind::Code,
                "{name}"
            );
        }
        // Counts in a later column, a named count, or numbers not counting rows stay numbers.
        assert_eq!(
            plan_column("visits", 1, &["1", "2", "3"], false).kind,
            ColumnKind::Integer
        );
        assert_eq!(
            plan_column("month", 0, &["1", "2", "3"], false).kind,
            ColumnKind::Integer
        );
        assert_eq!(
            plan_column("column_1", 0, &["1", "5", "9"], false).kind,
            ColumnKind::Integer
        );
    }

    #[test]
    fn codes_with_leading_zeros_beside_letter_codes_are_text() {
        // worldcitiespop.csv (rust-csv's test data): region codes `06`, `29`, `MI`.
        let plan = plan_column("Region", 3, &["29", "06", "77", "MI", "H9"], false);
        assert_eq!(plan.kind, ColumnKind::Text);
        // A footnote word in a column of plain numbers leaves it numeric.
        assert_eq!(
            plan_column("value", 1, &["29", "6", "77", "12", "40", "n.a."], false).kind,
            ColumnKind::Integer
        );
    }

    #[test]
    fn a_few_stray_words_leave_a_number_column_numeric() {
        let plan = plan_column("value", 1, &["1.5", "2.5", "n.a.", "4", "5", "6"], false);
        assert_eq!(plan.kind, ColumnKind::Number);
        assert!(plan.convert_from_text);
        let plan = plan_column("value", 1, &["1,234", "12,345,678"], false);
        assert_eq!(plan.kind, ColumnKind::Integer);
        assert_eq!(plan.format.thousands, Some(','));
        assert_eq!(
            plan_column("name", 0, &["China", "Russia"], false).kind,
            ColumnKind::Text
        );
    }

    #[test]
    fn year_headers_of_wide_tables() {
        assert_eq!(header_year("2019"), Some(2019));
        assert_eq!(header_year("2019 [YR2019]"), Some(2019));
        assert_eq!(header_year("X2019"), Some(2019));
        assert_eq!(header_year("Country Name"), None);
    }
}
