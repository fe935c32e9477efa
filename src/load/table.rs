//! The two shapes of table people bring: long (one row per observation) and wide (one column
//! per year, as the World Bank and many statistical offices publish, or per day, as the Johns
//! Hopkins COVID-19 tables), and the reshaping of a wide table into a long one.

use polars::prelude::*;

use super::infer::{ColumnKind, ColumnPlan, header_dates, header_year};
use crate::data::IsoDate;

/// The name of the year column a wide table by year becomes when reshaped.
pub const LONG_YEAR: &str = "year";
/// The name of the date column a wide table by day becomes when reshaped.
pub const LONG_DATE: &str = "date";
/// The name of the value column a wide table becomes when reshaped.
pub const LONG_VALUE: &str = "value";

/// The time a wide table's value column stands for: a year, or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColumnTime {
    Year(i32),
    Day(IsoDate),
}

impl std::fmt::Display for ColumnTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Year(year) => write!(f, "{year}"),
            Self::Day(date) => write!(f, "{date}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableShape {
    Long,
    Wide {
        /// The columns that name what a row is about (country, indicator).
        id_columns: Vec<String>,
        /// The value columns with the time each stands for, in time order: all years or all
        /// days.
        time_columns: Vec<(String, ColumnTime)>,
    },
}

impl TableShape {
    /// Wide when at least three columns of numbers, and most of them, are named by years or by
    /// dates.
    pub fn detect(plans: &[ColumnPlan]) -> Self {
        let values: Vec<&str> = plans
            .iter()
            .filter(|p| p.kind.is_quantity() || p.kind == ColumnKind::Empty)
            .map(|p| p.name.as_str())
            .collect();
        let by_year: Vec<(String, ColumnTime)> = values
            .iter()
            .filter_map(|name| Some(((*name).to_owned(), ColumnTime::Year(header_year(name)?))))
            .collect();
        let by_day: Vec<(String, ColumnTime)> = header_dates(&values)
            .into_iter()
            .map(|(name, date)| (name.to_owned(), ColumnTime::Day(date)))
            .collect();
        let mut time_columns = if by_day.len() > by_year.len() {
            by_day
        } else {
            by_year
        };
        if time_columns.len() < 3 || time_columns.len() * 2 < values.len() {
            return Self::Long;
        }
        time_columns.sort_by_key(|c| c.1);
        let id_columns = plans
            .iter()
            .filter(|p| matches!(p.kind, ColumnKind::Text | ColumnKind::Code))
            .filter(|p| !time_columns.iter().any(|(name, _)| *name == p.name))
            .map(|p| p.name.clone())
            .collect();
        Self::Wide {
            id_columns,
            time_columns,
        }
    }

    /// The name and kind of the time column the table has once long.
    pub fn long_time(&self) -> (&'static str, ColumnKind) {
        match self {
            Self::Wide { time_columns, .. }
                if matches!(time_columns.first(), Some((_, ColumnTime::Day(_)))) =>
            {
                (LONG_DATE, ColumnKind::Date)
            }
            _ => (LONG_YEAR, ColumnKind::Year),
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Self::Long => "long",
            Self::Wide { .. } => "wide",
        }
    }
}

/// A wide table as a long one: the id columns, then `year` and `value`, one row per row and
/// year of the wide table, in the wide table's row order.
pub fn wide_to_long(frame: &DataFrame, shape: &TableShape) -> PolarsResult<DataFrame> {
    let TableShape::Wide {
        id_columns,
        time_columns,
    } = shape
    else {
        return Ok(frame.clone());
    };
    let height = frame.height();
    let per_row = time_columns.len();
    let rows: Vec<IdxSize> = (0..height)
        .flat_map(|row| std::iter::repeat_n(row as IdxSize, per_row))
        .collect();
    let ids = frame
        .select(id_columns.iter().map(String::as_str))?
        .take(&IdxCa::from_vec("row".into(), rows))?;
    let value_columns: Vec<Float64Chunked> = time_columns
        .iter()
        .map(|(name, _)| {
            frame
                .column(name)?
                .cast(&DataType::Float64)
                .and_then(|c| c.f64().cloned())
        })
        .collect::<PolarsResult<_>>()?;
    let times = (0..height).flat_map(|_| time_columns.iter().map(|c| c.1));
    // Years stay numbers; days become ISO dates, read as dates like any date column.
    let time = match shape.long_time() {
        (name, ColumnKind::Date) => {
            StringChunked::from_iter_values(name.into(), times.map(|time| time.to_string()))
                .into_column()
        }
        (name, _) => Int32Chunked::from_iter_values(
            name.into(),
            times.map(|time| match time {
                ColumnTime::Year(year) => year,
                ColumnTime::Day(date) => date.year,
            }),
        )
        .into_column(),
    };
    let values = Float64Chunked::from_iter_options(
        LONG_VALUE.into(),
        (0..height).flat_map(|row| value_columns.iter().map(move |c| c.get(row))),
    );
    ids.hstack(&[time, values.into_column()])
}
