//! A chart of a user's own CSV: one line per value column (and per group), against a year or
//! number column, summed where several rows share an x. Built through the same loader as
//! `bilateral inspect`, and drawn and exported like the bundled charts.

use std::path::Path;

use polars::prelude::*;

use super::model::{
    Axis, AxisFormat, ChartId, ChartModel, DataPoint, DataTable, LegendPlacement, PointRef, Series,
    SeriesStyle, palette,
};
use crate::inspect::{LoadError, load_csv};

const COLORS: [super::model::Rgb; 6] = [
    palette::BLUE,
    palette::ORANGE,
    palette::GREEN,
    palette::VERMILION,
    palette::PURPLE,
    palette::SKY,
];

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
    #[error("{path}: column \"{column}\" is not numeric ({dtype}); choose a column of numbers")]
    NotNumeric {
        path: String,
        column: String,
        dtype: String,
    },
    #[error("{path}: the chart could not be built ({message})")]
    Table { path: String, message: String },
}

/// Builds a line chart of `y_columns` against `x_column`, one line per value of `group_column`.
pub fn user_chart(
    path: &Path,
    x_column: &str,
    y_columns: &[String],
    group_column: Option<&str>,
) -> Result<ChartModel, UserChartError> {
    let loaded = load_csv(path)?;
    let frame = loaded.frame;
    let label = path.display().to_string();
    let available = frame
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let missing = |column: &str| UserChartError::MissingColumn {
        path: label.clone(),
        column: column.to_owned(),
        available: available.clone(),
    };
    let table_error = |err: PolarsError| UserChartError::Table {
        path: label.clone(),
        message: err.to_string(),
    };
    for column in std::iter::once(x_column).chain(y_columns.iter().map(String::as_str)) {
        let dtype = frame
            .column(column)
            .map_err(|_| missing(column))?
            .dtype()
            .clone();
        if !dtype.is_primitive_numeric() {
            return Err(UserChartError::NotNumeric {
                path: label.clone(),
                column: column.to_owned(),
                dtype: dtype.to_string(),
            });
        }
    }
    if let Some(group) = group_column {
        frame.column(group).map_err(|_| missing(group))?;
    }
    let mut keys = vec![col(x_column).cast(DataType::Float64).alias("x")];
    if let Some(group) = group_column {
        keys.push(col(group).cast(DataType::String).alias("group"));
    }
    let sums: Vec<Expr> = y_columns
        .iter()
        .map(|y| {
            col(y.as_str())
                .cast(DataType::Float64)
                .sum()
                .alias(y.as_str())
        })
        .collect();
    let mut sort_by = vec!["x"];
    if group_column.is_some() {
        sort_by.insert(0, "group");
    }
    let summed = frame
        .lazy()
        .filter(col(x_column).is_not_null())
        .group_by(keys)
        .agg(sums)
        .sort(sort_by, SortMultipleOptions::default())
        .collect()
        .map_err(table_error)?;
    let xs: Vec<Option<f64>> = summed
        .column("x")
        .and_then(Column::f64)
        .map_err(table_error)?
        .iter()
        .collect();
    let groups: Vec<Option<String>> = match group_column {
        Some(_) => summed
            .column("group")
            .and_then(Column::str)
            .map_err(table_error)?
            .iter()
            .map(|g| g.map(str::to_owned))
            .collect(),
        None => vec![None; xs.len()],
    };
    let is_years = xs
        .iter()
        .flatten()
        .all(|x| x.fract() == 0.0 && (1000.0..=3000.0).contains(x));
    let mut series: Vec<Series> = Vec::new();
    let mut table = DataTable {
        columns: std::iter::once(x_column.to_owned())
            .chain(group_column.map(str::to_owned))
            .chain(y_columns.iter().cloned())
            .collect(),
        ..DataTable::default()
    };
    let y_values: Vec<Vec<Option<f64>>> = y_columns
        .iter()
        .map(|y| {
            Ok(summed
                .column(y)
                .and_then(Column::f64)
                .map_err(table_error)?
                .iter()
                .collect())
        })
        .collect::<Result<_, UserChartError>>()?;
    for (row, (x, group)) in xs.iter().zip(&groups).enumerate() {
        let Some(x) = *x else { continue };
        let mut cells = vec![format!("{x}")];
        cells.extend(group.clone());
        for (index, y_column) in y_columns.iter().enumerate() {
            let value = y_values[index][row];
            cells.push(value.map(|v| v.to_string()).unwrap_or_default());
            let Some(y) = value.filter(|v| v.is_finite()) else {
                continue;
            };
            let name = match group {
                Some(group) if y_columns.len() > 1 => format!("{y_column} · {group}"),
                Some(group) => group.clone(),
                None => y_column.clone(),
            };
            let position = series
                .iter()
                .position(|s| s.name == name)
                .unwrap_or_else(|| {
                    series.push(Series {
                        name: name.clone(),
                        color: COLORS[series.len() % COLORS.len()],
                        style: SeriesStyle::Line,
                        points: Vec::new(),
                        max_gap: is_years.then_some(1.0),
                    });
                    series.len() - 1
                });
            series[position].points.push(DataPoint {
                x,
                y,
                x_end: None,
                band: None,
                label: format!("{name}\n{x_column} {x}: {y}"),
                sources: vec![label.clone()],
                refers_to: PointRef::Year(x as i32),
            });
        }
        table.rows.push(cells);
        table.row_refs.push(PointRef::Year(x as i32));
    }
    let x_min = xs.iter().flatten().copied().fold(f64::INFINITY, f64::min);
    let x_max = xs
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let x_range = if x_min.is_finite() && x_max > x_min {
        let pad = (x_max - x_min) * 0.02 + if is_years { 0.5 } else { 0.0 };
        (x_min - pad, x_max + pad)
    } else {
        (x_min - 1.0, x_min + 1.0)
    };
    let file_name = path
        .file_name()
        .map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned());
    Ok(ChartModel {
        id: ChartId::Trade,
        title: file_name,
        subtitle: format!(
            "{} by {x_column}{}; rows sharing a {x_column} are summed.",
            y_columns.join(", "),
            group_column
                .map(|g| format!(", one line per {g}"))
                .unwrap_or_default()
        ),
        x_axis: Axis::new(
            x_column,
            if is_years {
                AxisFormat::Year
            } else {
                AxisFormat::Number
            },
        ),
        y_axis: Axis::new(y_columns.join(", "), AxisFormat::Number),
        series,
        markers: Vec::new(),
        table,
        source_line: format!("Source: {label}"),
        supports_log_scale: false,
        x_range,
        legend: LegendPlacement::TopLeft,
    })
}
