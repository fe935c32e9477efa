//! A chart of a user's own CSV: a time (or number) column along x, one or more value columns,
//! optionally one line per value of a group column, rows kept by filters, and rows that share
//! an x summed or averaged. The mapping ([`ChartSpec`]) gets defaults good enough that a typical
//! file charts with no clicks; the window's column panel and `bilateral export --data` change it.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use super::entities::{EntityMapping, entity_mapping};
use super::model::{
    Axis, AxisFormat, ChartId, ChartModel, DataPoint, DataTable, LegendPlacement, PointRef, Series,
    SeriesStyle, format_number, palette,
};
use super::ticks::Resolution;
pub use super::user_table::UserTable;
use crate::data::IsoDate;
use crate::load::infer::{ColumnKind, ColumnPlan};
use crate::load::{LoadError, OpenedTable, time_of};

/// More lines than this are unreadable; the rest are left out and the subtitle says so.
const MAX_SERIES: usize = 12;
/// How many rows a first look at a column's values reads.
const SAMPLE_ROWS: IdxSize = 100_000;
/// Above this many points per chart, hover texts are written when hovered, not stored per point.
const LABELLED_POINTS: usize = 20_000;

#[derive(Debug, thiserror::Error)]
pub enum UserChartError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{path}: there is no column \"{column}\" (columns: {available}); name one of them")]
    MissingColumn {
        path: String,
        column: String,
        available: String,
    },
    #[error("{path}: column \"{column}\" holds {kind}, not numbers; choose a column of numbers")]
    NotNumeric {
        path: String,
        column: String,
        kind: &'static str,
    },
    #[error("{path}: choose at least one value column to chart")]
    NoValues { path: String },
    #[error("{path}: no row is left to chart{detail}")]
    NothingToChart { path: String, detail: String },
    #[error("{path}: there is no chart to draw by default: {reason}; choose the x and y columns")]
    NoDefaultMapping { path: String, reason: String },
    #[error("{path}: the chart could not be built ({message})")]
    Table { path: String, message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Aggregation {
    #[default]
    Sum,
    Mean,
}

impl Aggregation {
    pub fn label(self) -> &'static str {
        match self {
            Self::Sum => "sum",
            Self::Mean => "mean",
        }
    }
}

/// Keep the rows whose cell in `column` reads as one of `values`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub column: String,
    pub values: Vec<String>,
}

/// How a table's columns map to a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartSpec {
    pub x: String,
    pub values: Vec<String>,
    pub group: Option<String>,
    pub filters: Vec<Filter>,
    pub aggregation: Aggregation,
}

/// Value columns people name this way are charted first.
fn is_value_name(name: &str) -> bool {
    let name = name.to_lowercase();
    [
        "v",
        "value",
        "values",
        "obs_value",
        "amount",
        "trade_value",
        "primaryvalue",
        "tradevalue",
    ]
    .contains(&name.as_str())
        || name.contains("value")
        || name.contains("usd")
}

/// The mapping a typical file charts well with: the first time column along x (else the first
/// number column), the value-named column (else the first other number column), and one line per
/// value of a text column that has a few values. A column of countries or other entities is
/// never summed across (see [`super::entities`]).
pub fn default_spec(table: &UserTable) -> Option<ChartSpec> {
    let columns = table.chart_columns();
    if let Some(bars) = category_spec(table, &columns) {
        return Some(bars);
    }
    let x = columns
        .iter()
        .find(|p| p.kind.is_time())
        .or_else(|| columns.iter().find(|p| p.kind.is_quantity()))?;
    let quantities: Vec<&ColumnPlan> = columns
        .iter()
        .filter(|p| p.kind.is_quantity() && p.name != x.name)
        .collect();
    let value = quantities
        .iter()
        .find(|p| is_value_name(&p.name))
        .or_else(|| quantities.first())?;
    let labels: Vec<&ColumnPlan> = columns
        .iter()
        .filter(|p| matches!(p.kind, ColumnKind::Text | ColumnKind::Code))
        .collect();
    let entities = entity_mapping(table, &labels, &value.name, MAX_SERIES);
    let (group, filters) = match entities {
        Some(EntityMapping {
            group: Some(group),
            filters,
        }) => (Some(group), filters),
        // One aggregate shown: a column of a few other values (series, indicators) may still
        // make lines of their own.
        Some(EntityMapping {
            group: None,
            filters,
        }) => {
            let kept: Vec<&ColumnPlan> = labels
                .iter()
                .copied()
                .filter(|p| filters.iter().all(|f| f.column != p.name))
                .collect();
            (few_valued_column(table, &kept), filters)
        }
        None => (few_valued_column(table, &labels), Vec::new()),
    };
    Some(ChartSpec {
        x: x.name.clone(),
        values: vec![value.name.clone()],
        group,
        filters,
        aggregation: Aggregation::Sum,
    })
}

/// For a table with no time column but a column of names or codes: bars of the value-named (or
/// first) column of numbers, one per name.
fn category_spec(table: &UserTable, columns: &[ColumnPlan]) -> Option<ChartSpec> {
    if columns.iter().any(|p| p.kind.is_time()) {
        return None;
    }
    let quantities: Vec<&ColumnPlan> = columns.iter().filter(|p| p.kind.is_quantity()).collect();
    let value = quantities
        .iter()
        .find(|p| is_value_name(&p.name))
        .or_else(|| quantities.first())?;
    let category = columns
        .iter()
        .filter(|p| matches!(p.kind, ColumnKind::Text | ColumnKind::Code))
        .find(|p| table.distinct_values(&p.name, 2).len() > 1)?;
    Some(ChartSpec {
        x: category.name.clone(),
        values: vec![value.name.clone()],
        group: None,
        filters: Vec::new(),
        aggregation: Aggregation::Sum,
    })
}

/// The first of `labels` with a few values (two to [`MAX_SERIES`]), for one line each.
fn few_valued_column(table: &UserTable, labels: &[&ColumnPlan]) -> Option<String> {
    labels
        .iter()
        .find(|p| {
            // The first rows rule out a column with many values without reading all of them.
            let head_distinct = table
                .long_lazy()
                .map(|long| {
                    long.limit(SAMPLE_ROWS)
                        .select([col(p.name.as_str()).n_unique().cast(DataType::UInt64)])
                })
                .and_then(|query| table.collect(query))
                .ok()
                .and_then(|counted| counted.column(&p.name).ok()?.u64().ok()?.get(0))
                .map_or(usize::MAX, |n| n as usize);
            if head_distinct > MAX_SERIES {
                return false;
            }
            let distinct = table.distinct_values(&p.name, MAX_SERIES + 1).len();
            (2..=MAX_SERIES).contains(&distinct)
        })
        .map(|p| p.name.clone())
}

/// Why [`default_spec`] finds no mapping for `table`: no column of numbers, or one but nothing
/// to chart it against.
pub fn no_default_reason(table: &UserTable) -> String {
    let columns = table.chart_columns();
    let quantities: Vec<&str> = columns
        .iter()
        .filter(|p| p.kind.is_quantity())
        .map(|p| p.name.as_str())
        .collect();
    match quantities.as_slice() {
        [] => "it has no column of numbers".to_owned(),
        [only] => format!(
            "its one column of numbers, \"{only}\", has nothing to be charted along: no column of years, months or dates, of names or codes, nor a second column of numbers"
        ),
        _ => "no two of its columns make a chart".to_owned(),
    }
}

/// What the command line asks of a chart: the columns it names. What it leaves out comes from
/// the defaults, so `--filter` alone narrows the default chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpecRequest {
    pub x: Option<String>,
    pub values: Vec<String>,
    pub group: Option<String>,
    pub filters: Vec<Filter>,
    pub aggregation: Option<Aggregation>,
}

/// The mapping `request` asks for on `table`, completed from the defaults. A filter named in the
/// request replaces a default filter on the same column.
pub fn requested_spec(
    table: &UserTable,
    request: &SpecRequest,
) -> Result<ChartSpec, UserChartError> {
    let defaults = if request.x.is_some() && !request.values.is_empty() {
        None
    } else {
        Some(
            default_spec(table).ok_or_else(|| UserChartError::NoDefaultMapping {
                path: table.path.display().to_string(),
                reason: no_default_reason(table),
            })?,
        )
    };
    let mut spec = defaults.unwrap_or_else(|| ChartSpec {
        x: String::new(),
        values: Vec::new(),
        group: None,
        filters: Vec::new(),
        aggregation: Aggregation::Sum,
    });
    if let Some(x) = &request.x {
        spec.x.clone_from(x);
    }
    if !request.values.is_empty() {
        spec.values.clone_from(&request.values);
    }
    if request.group.is_some() {
        spec.group.clone_from(&request.group);
    }
    spec.filters
        .retain(|kept| request.filters.iter().all(|f| f.column != kept.column));
    spec.filters.extend(request.filters.iter().cloned());
    if let Some(aggregation) = request.aggregation {
        spec.aggregation = aggregation;
    }
    Ok(spec)
}

/// Charts an opened table as `request` asks. Reading the file is the caller's job (the command
/// line's, or a background job's), not the chart layer's.
pub fn user_chart_from_opened(
    opened: OpenedTable,
    request: &SpecRequest,
) -> Result<ChartModel, UserChartError> {
    let table = UserTable::opened(opened);
    let spec = requested_spec(&table, request)?;
    build_user_chart(&table, &spec)
}

/// The x value of every row, as a fractional year for time columns.
fn x_values(column: &Column, plan: &ColumnPlan) -> PolarsResult<Float64Chunked> {
    if matches!(plan.kind, ColumnKind::Period | ColumnKind::Date) {
        let texts = column.cast(&DataType::String)?;
        Ok(Float64Chunked::from_iter_options(
            "__x".into(),
            texts
                .str()?
                .iter()
                .map(|t| t.and_then(|t| time_of(plan, t))),
        ))
    } else {
        let mut values = column.cast(&DataType::Float64)?.f64()?.clone();
        values.rename("__x".into());
        Ok(values)
    }
}

/// A fractional year as people write the time it stands for: `2024-05` for a month,
/// `2024-05-16` for a day.
fn time_text(kind: ColumnKind, x: f64) -> String {
    let date = IsoDate::from_fractional_year(x);
    if kind == ColumnKind::Date {
        date.to_string()
    } else {
        format!("{:04}-{:02}", date.year, date.month)
    }
}

/// A filter value as a literal of the column's own type, so the filter compares numbers with
/// numbers instead of turning a column of millions of codes into text. `None` when the value
/// cannot be one of the column's (it then matches nothing).
fn filter_literal(dtype: &DataType, value: &str) -> Option<Expr> {
    let value = value.trim();
    if dtype.is_integer() {
        value.parse::<i64>().ok().map(lit)
    } else if dtype.is_float() {
        value.parse::<f64>().ok().map(lit)
    } else {
        Some(lit(value))
    }
}

pub fn build_user_chart(table: &UserTable, spec: &ChartSpec) -> Result<ChartModel, UserChartError> {
    let label = table.path.display().to_string();
    let columns = table.chart_columns();
    let table_error = |err: PolarsError| UserChartError::Table {
        path: label.clone(),
        message: err.to_string(),
    };
    let plan_of = |name: &str| {
        columns
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| UserChartError::MissingColumn {
                path: label.clone(),
                column: name.to_owned(),
                available: table.available(),
            })
    };
    if spec.values.is_empty() {
        return Err(UserChartError::NoValues { path: label });
    }
    let x_plan = plan_of(&spec.x)?;
    for value in &spec.values {
        let plan = plan_of(value)?;
        if !plan.kind.is_quantity() {
            return Err(UserChartError::NotNumeric {
                path: label.clone(),
                column: value.clone(),
                kind: plan.kind.label(),
            });
        }
    }
    if let Some(group) = &spec.group {
        plan_of(group)?;
    }
    for filter in &spec.filters {
        plan_of(&filter.column)?;
    }
    if matches!(x_plan.kind, ColumnKind::Text | ColumnKind::Code) {
        // Text along x: a bar per value; lines per group have no place in a bar chart.
        let ungrouped = ChartSpec {
            group: None,
            ..spec.clone()
        };
        let grouped = grouped_by_x(table, &ungrouped).map_err(table_error)?;
        return super::categories::category_chart(table, &ungrouped, &grouped).map_err(table_error);
    }
    let grouped = grouped_by_x(table, spec).map_err(table_error)?;
    let mut columns = vec![
        x_values(grouped.column("__x").map_err(table_error)?, x_plan)
            .map_err(table_error)?
            .into_column(),
    ];
    if spec.group.is_some() {
        columns.push(
            grouped
                .column("__group")
                .and_then(|c| c.cast(&DataType::String))
                .map_err(table_error)?,
        );
    }
    for index in 0..spec.values.len() {
        for prefix in ["__v", "__n"] {
            columns.push(
                grouped
                    .column(&format!("{prefix}{index}"))
                    .map_err(table_error)?
                    .clone(),
            );
        }
    }
    let mut sort_by = vec!["__x"];
    if spec.group.is_some() {
        sort_by.insert(0, "__group");
    }
    let summary = DataFrame::new_infer_height(columns)
        .map_err(table_error)?
        .lazy()
        .filter(col("__x").is_not_null())
        .sort(sort_by, SortMultipleOptions::default())
        .collect()
        .map_err(table_error)?;
    if summary.height() == 0 {
        let detail = if spec.filters.is_empty() {
            format!(": column \"{}\" has no readable values", spec.x)
        } else {
            "; the filters keep none".to_owned()
        };
        return Err(UserChartError::NothingToChart {
            path: label,
            detail,
        });
    }
    assemble(table, spec, x_plan, &summary).map_err(table_error)
}

/// The rows of the table the filters keep, grouped by x (and the group column), each value
/// column summed or averaged, with the count of rows behind each figure. One query: on a table
/// in files, polars reads only these columns, and keeps only the groups.
fn grouped_by_x(table: &UserTable, spec: &ChartSpec) -> PolarsResult<DataFrame> {
    // Grouped in the columns' own types: only the few groups become floats and text, never the
    // millions of rows of a big file.
    let mut lazy = table.long_lazy()?;
    let schema = lazy.collect_schema()?;
    for filter in &spec.filters {
        let dtype = schema
            .get(filter.column.as_str())
            .cloned()
            .ok_or_else(|| polars_err!(ColumnNotFound: "{}", filter.column))?;
        let matches = filter
            .values
            .iter()
            .filter_map(|v| filter_literal(&dtype, v))
            .map(|value| col(filter.column.as_str()).eq(value))
            .reduce(Expr::or)
            .unwrap_or_else(|| lit(false));
        lazy = lazy.filter(matches);
    }
    let mut keys = vec![col(spec.x.as_str()).alias("__x")];
    if let Some(group) = &spec.group {
        keys.push(col(group.as_str()).alias("__group"));
    }
    let mut aggregations = Vec::new();
    for (index, value) in spec.values.iter().enumerate() {
        // NaN and infinite numbers are never summed into a figure; the loader empties them, a
        // file read where it lies still has them.
        let numbers = col(value.as_str()).cast(DataType::Float64);
        let values = numbers.clone().filter(numbers.is_finite());
        aggregations.push(match spec.aggregation {
            Aggregation::Sum => values.clone().sum().alias(format!("__v{index}")),
            Aggregation::Mean => values.clone().mean().alias(format!("__v{index}")),
        });
        aggregations.push(values.count().alias(format!("__n{index}")));
    }
    table.collect(lazy.group_by(keys).agg(aggregations))
}

fn assemble(
    table: &UserTable,
    spec: &ChartSpec,
    x_plan: &ColumnPlan,
    summary: &DataFrame,
) -> PolarsResult<ChartModel> {
    let label = table.path.display().to_string();
    let xs: Vec<Option<f64>> = summary.column("__x")?.f64()?.iter().collect();
    let groups: Vec<Option<String>> = if spec.group.is_some() {
        summary
            .column("__group")?
            .str()?
            .iter()
            .map(|g| Some(g.unwrap_or("(empty)").to_owned()))
            .collect()
    } else {
        vec![None; xs.len()]
    };
    let values = summary_values(summary, spec.values.len())?;
    let is_years = x_plan.kind == ColumnKind::Year || all_years(&xs);
    let is_time = x_plan.kind.is_time() || is_years;
    let labelled = xs.len() * spec.values.len() <= LABELLED_POINTS;
    let mut series: Vec<Series> = Vec::new();
    let mut left_out: BTreeSet<String> = BTreeSet::new();
    let mut table_out = DataTable {
        columns: std::iter::once(spec.x.clone())
            .chain(spec.group.clone())
            .chain(spec.values.iter().cloned())
            .collect(),
        ..DataTable::default()
    };
    let x_text = |x: f64| {
        if is_years {
            format!("{x:.0}")
        } else if is_time {
            time_text(x_plan.kind, x)
        } else {
            format_number(x)
        }
    };
    for (row, (x, group)) in xs.iter().zip(&groups).enumerate() {
        let Some(x) = *x else { continue };
        let mut cells = vec![x_text(x)];
        cells.extend(group.clone());
        for (index, value_column) in spec.values.iter().enumerate() {
            let value = values[index][row];
            cells.push(value.map(|v| v.to_string()).unwrap_or_default());
            let Some(y) = value else { continue };
            let name = match group {
                Some(group) if spec.values.len() > 1 => format!("{value_column} · {group}"),
                Some(group) => group.clone(),
                None => value_column.clone(),
            };
            let Some(position) = series_slot(&mut series, &name, is_years) else {
                left_out.insert(name);
                continue;
            };
            series[position].points.push(DataPoint {
                status: crate::data::Status::Reported,
                x,
                y,
                x_end: None,
                band: None,
                label: if labelled {
                    format!(
                        "{name}\n{}: {}\n{value_column}: {}",
                        spec.x,
                        x_text(x),
                        format_number(y)
                    )
                } else {
                    String::new()
                },
                sources: Vec::new(),
                refers_to: PointRef::Year(x.floor() as i32),
            });
        }
        if table_out.rows.len() < LABELLED_POINTS {
            table_out.rows.push(cells);
            table_out.row_refs.push(PointRef::Year(x.floor() as i32));
        }
    }
    let x_range = x_range_of(&xs, is_years);
    let subtitle = subtitle_of(spec, left_out.len());
    Ok(ChartModel {
        id: ChartId::UserData,
        title: table.file_name(),
        subtitle,
        x_axis: Axis::new(spec.x.clone(), x_format(is_years, is_time, x_plan.kind)),
        y_axis: Axis::new(spec.values.join(", "), AxisFormat::Number),
        series,
        markers: Vec::new(),
        table: table_out,
        source_line: format!("Source: {label}"),
        supports_log_scale: false,
        x_range,
        legend: LegendPlacement::TopLeft,
    })
}

/// How the x axis reads: whole years, finer times (months, days), or plain numbers.
fn x_format(is_years: bool, is_time: bool, kind: ColumnKind) -> AxisFormat {
    if is_years {
        AxisFormat::Year
    } else if is_time {
        AxisFormat::Time(if kind == ColumnKind::Date {
            Resolution::Day
        } else {
            Resolution::Month
        })
    } else {
        AxisFormat::Number
    }
}

/// Each value column's figures, missing where no row stood behind them: a sum over no values
/// is 0 to polars, but to a reader it is a missing year.
fn summary_values(
    summary: &DataFrame,
    value_columns: usize,
) -> PolarsResult<Vec<Vec<Option<f64>>>> {
    let mut values: Vec<Vec<Option<f64>>> = Vec::new();
    for index in 0..value_columns {
        let sums = summary.column(&format!("__v{index}"))?.f64()?.clone();
        let counts = summary
            .column(&format!("__n{index}"))?
            .cast(&DataType::UInt64)?;
        let counts = counts.u64()?;
        values.push(
            sums.iter()
                .zip(counts.iter())
                .map(|(v, n)| v.filter(|_| n.unwrap_or(0) > 0).filter(|v| v.is_finite()))
                .collect(),
        );
    }
    Ok(values)
}

/// The x range to show: the data's, with a little room, and half a year more for years.
fn x_range_of(xs: &[Option<f64>], is_years: bool) -> (f64, f64) {
    let x_min = xs.iter().flatten().copied().fold(f64::INFINITY, f64::min);
    let x_max = xs
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    if x_min.is_finite() && x_max > x_min {
        let pad = (x_max - x_min) * 0.02 + if is_years { 0.5 } else { 0.0 };
        (x_min - pad, x_max + pad)
    } else {
        (x_min - 1.0, x_min + 1.0)
    }
}

/// What the chart shows, in a sentence: the values, by what, how rows combine, the filters, and
/// how many lines were left out.
fn subtitle_of(spec: &ChartSpec, left_out: usize) -> String {
    let mut subtitle = format!(
        "{} by {}{}; rows sharing a {} are {}.",
        spec.values.join(", "),
        spec.x,
        spec.group
            .as_ref()
            .map(|g| format!(", one line per {g}"))
            .unwrap_or_default(),
        spec.x,
        match spec.aggregation {
            Aggregation::Sum => "summed",
            Aggregation::Mean => "averaged",
        }
    );
    for filter in &spec.filters {
        let _ = write!(
            subtitle,
            " {} = {}.",
            filter.column,
            filter.values.join(" or ")
        );
    }
    if left_out > 0 {
        let _ = write!(
            subtitle,
            " {left_out} more lines not shown (at most {MAX_SERIES}); filter to see them."
        );
    }
    subtitle
}

/// The index of the series called `name`, made if there is room for one more; `None` when
/// [`MAX_SERIES`] are already drawn.
fn series_slot(series: &mut Vec<Series>, name: &str, is_years: bool) -> Option<usize> {
    if let Some(position) = series.iter().position(|s| s.name == name) {
        return Some(position);
    }
    if series.len() >= MAX_SERIES {
        return None;
    }
    series.push(Series {
        name: name.to_owned(),
        color: palette::SERIES[series.len() % palette::SERIES.len()],
        style: SeriesStyle::Line,
        points: Vec::new(),
        max_gap: is_years.then_some(1.0),
    });
    Some(series.len() - 1)
}

/// Whether every x is a whole number that reads as a year.
fn all_years(xs: &[Option<f64>]) -> bool {
    xs.iter()
        .flatten()
        .all(|x| x.fract() == 0.0 && (1000.0..=3000.0).contains(x))
}
