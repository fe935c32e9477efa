//! A user's loaded table as charts read it: a wide table (one column per year) is read as the
//! long table it reshapes to, and the values a column holds are found for filters and groups.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::load::infer::{ColumnKind, ColumnPlan, DateOrder, NumberFormat};
use crate::load::{LoadedCsv, OpenedTable, TableData, TableShape, wide_to_long};

/// A user's table ready for charting: in memory, or in files polars reads for each query.
#[derive(Debug, Clone)]
pub struct UserTable {
    pub path: PathBuf,
    pub data: TableData,
    pub plans: Vec<ColumnPlan>,
    pub shape: TableShape,
}

impl UserTable {
    pub fn new(path: &Path, loaded: LoadedCsv) -> Self {
        Self {
            path: path.to_path_buf(),
            data: TableData::Frame(loaded.frame),
            plans: loaded.plans,
            shape: loaded.shape,
        }
    }

    pub fn opened(opened: OpenedTable) -> Self {
        Self {
            path: opened.path,
            data: opened.data,
            plans: opened.plans,
            shape: opened.shape,
        }
    }

    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The columns a chart can use: a wide table's as the long table it reshapes to.
    pub fn chart_columns(&self) -> Cow<'_, [ColumnPlan]> {
        match &self.shape {
            TableShape::Long => Cow::Borrowed(&self.plans),
            TableShape::Wide { id_columns, .. } => {
                let mut plans: Vec<ColumnPlan> = self
                    .plans
                    .iter()
                    .filter(|p| id_columns.contains(&p.name))
                    .cloned()
                    .collect();
                let (time_name, time_kind) = self.shape.long_time();
                plans.push(synthetic_plan(time_name, time_kind));
                plans.push(synthetic_plan(
                    crate::load::table::LONG_VALUE,
                    ColumnKind::Number,
                ));
                Cow::Owned(plans)
            }
        }
    }

    /// The table in long form, as charts read it, to be queried.
    pub fn long_lazy(&self) -> PolarsResult<LazyFrame> {
        match (&self.shape, &self.data) {
            (TableShape::Wide { .. }, TableData::Frame(frame)) => {
                wide_to_long(frame, &self.shape).map(DataFrame::lazy)
            }
            _ => self.data.lazy(),
        }
    }

    /// Runs a query made from [`Self::long_lazy`]: streamed when the table is in files.
    pub fn collect(&self, query: LazyFrame) -> PolarsResult<DataFrame> {
        self.data.collect(query)
    }

    /// Replaces a wide table by its long form, for good.
    pub fn reshape_to_long(&mut self) -> PolarsResult<()> {
        if let (TableShape::Wide { .. }, TableData::Frame(frame)) = (&self.shape, &self.data) {
            let long = wide_to_long(frame, &self.shape)?;
            self.plans = self.chart_columns().into_owned();
            self.data = TableData::Frame(long);
            self.shape = TableShape::Long;
        }
        Ok(())
    }

    /// The distinct values of a column as text, in order, at most `limit` of them; for filter
    /// and group choices. Found with polars' hash-based unique before anything becomes text, so
    /// a code column of 30 million rows costs a fraction of a second, not 30 million strings.
    pub fn distinct_values(&self, column: &str, limit: usize) -> Vec<String> {
        let query = self.long_lazy().map(|long| {
            long.select([col(column)
                .drop_nulls()
                .unique()
                .sort(SortOptions::default())
                .head(Some(limit))
                .cast(DataType::String)])
        });
        let Ok(distinct) = query.and_then(|query| self.collect(query)) else {
            return Vec::new();
        };
        let Ok(texts) = distinct.column(column).and_then(Column::str).cloned() else {
            return Vec::new();
        };
        texts.iter().flatten().map(str::to_owned).collect()
    }

    pub(super) fn available(&self) -> String {
        self.chart_columns()
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn synthetic_plan(name: &str, kind: ColumnKind) -> ColumnPlan {
    ColumnPlan {
        name: name.to_owned(),
        kind,
        format: NumberFormat {
            decimal_comma: false,
            thousands: None,
        },
        date_order: DateOrder::YearMonthDay,
        convert_from_text: false,
        examples: Vec::new(),
        leading_zeros: false,
        digits_as_text: false,
        missing_marker: None,
    }
}
