//! The two shapes of table people bring: long (one row per observation) and wide (one column
//! per year, as the World Bank and many statistical offices publish), and the reshaping of a
//! wide table into a long one.

use polars::prelude::*;

use super::infer::{ColumnKind, ColumnPlan, header_year};

/// The name of the year column a wide table becomes when reshaped.
pub const LONG_YEAR: &str = "year";
/// The name of the value column a wide table becomes when reshaped.
pub const LONG_VALUE: &str = "value";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableShape {
    Long,
    Wide {
        /// The columns that name what a row is about (country, indicator).
        id_columns: Vec<String>,
        /// The value columns with the year each stands for, in year order.
        year_columns: Vec<(String, i32)>,
    },
}

impl TableShape {
    /// Wide when at least three columns of numbers, and most of them, are named by years.
    pub fn detect(plans: &[ColumnPlan]) -> Self {
        let quantities = plans
            .iter()
            .filter(|p| p.kind.is_quantity() || p.kind == ColumnKind::Empty)
            .count();
        let mut year_columns: Vec<(String, i32)> = plans
            .iter()
            .filter(|p| p.kind.is_quantity() || p.kind == ColumnKind::Empty)
            .filter_map(|p| header_year(&p.name).map(|year| (p.name.clone(), year)))
            .collect();
        if year_columns.len() < 3 || year_columns.len() * 2 < quantities {
            return Self::Long;
        }
        year_columns.sort_by_key(|c| c.1);
        let id_columns = plans
            .iter()
            .filter(|p| matches!(p.kind, ColumnKind::Text | ColumnKind::Code))
            .filter(|p| !year_columns.iter().any(|(name, _)| *name == p.name))
            .map(|p| p.name.clone())
            .collect();
        Self::Wide {
            id_columns,
            year_columns,
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
        year_columns,
    } = shape
    else {
        return Ok(frame.clone());
    };
    let height = frame.height();
    let per_row = year_columns.len();
    let rows: Vec<IdxSize> = (0..height)
        .flat_map(|row| std::iter::repeat_n(row as IdxSize, per_row))
        .collect();
    let ids = frame
        .select(id_columns.iter().map(String::as_str))?
        .take(&IdxCa::from_vec("row".into(), rows))?;
    let value_columns: Vec<Float64Chunked> = year_columns
        .iter()
        .map(|(name, _)| {
            frame
                .column(name)?
                .cast(&DataType::Float64)
                .and_then(|c| c.f64().cloned())
        })
        .collect::<PolarsResult<_>>()?;
    let years = Int32Chunked::from_iter_values(
        LONG_YEAR.into(),
        (0..height).flat_map(|_| year_columns.iter().map(|c| c.1)),
    );
    let values = Float64Chunked::from_iter_options(
        LONG_VALUE.into(),
        (0..height).flat_map(|row| value_columns.iter().map(move |c| c.get(row))),
    );
    ids.hstack(&[years.into_column(), values.into_column()])
}
