//! Loading one dataset file: read it with polars, check it against its catalog entry, and turn
//! every column into its declared type. Each problem becomes a [`DataError`] that names the
//! file, the line and the column.

use std::collections::HashMap;
use std::io::Cursor;

use polars::prelude::*;

use super::catalog::{ColumnSpec, ColumnType, DatasetSpec};
use super::date::IsoDate;
use super::error::{CellLocation, DataError};
use super::records::{RecordError, scan_records};

/// A validated dataset: its catalog entry, its typed table and the line each row starts on.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub spec: DatasetSpec,
    pub frame: DataFrame,
    /// `row_lines[i]` is the line (from 1) of the file on which row `i` starts.
    pub row_lines: Vec<usize>,
}

impl Dataset {
    pub fn rows(&self) -> usize {
        self.frame.height()
    }

    pub fn column_names(&self) -> Vec<String> {
        self.spec.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// The text of a cell as the file wrote it (numbers in their shortest form), `None` when empty.
    pub fn cell_text(&self, row: usize, column: &str) -> Option<String> {
        let column = self.frame.column(column).ok()?;
        match column.get(row).ok()? {
            AnyValue::Null => None,
            AnyValue::String(text) => Some(text.to_owned()),
            AnyValue::StringOwned(text) => Some(text.to_string()),
            value => Some(value.to_string()),
        }
    }

    /// The rows whose `column` cells read exactly `value`.
    pub fn find_rows(&self, criteria: &[(String, String)]) -> Vec<usize> {
        (0..self.rows())
            .filter(|&row| {
                criteria
                    .iter()
                    .all(|(column, value)| self.cell_text(row, column).as_deref() == Some(value))
            })
            .collect()
    }
}

/// Loads `text`, the contents of the file called `file_label`, as the dataset `spec` describes.
pub fn load_dataset(
    spec: &DatasetSpec,
    file_label: &str,
    text: &str,
) -> Result<Dataset, DataError> {
    let records = scan_records(text, b',').map_err(|err| match err {
        RecordError::UnterminatedQuote { line } => DataError::Csv {
            file: file_label.to_owned(),
            message: format!(
                "line {line}: a quoted cell is never closed. Add the closing '\"' or remove the stray one"
            ),
        },
    })?;
    let Some((header, rows)) = records.split_first() else {
        return Err(DataError::Csv {
            file: file_label.to_owned(),
            message: "the file is empty. It needs a header row naming the columns".to_owned(),
        });
    };
    if let Some(ragged) = rows.iter().find(|record| record.fields != header.fields) {
        return Err(DataError::Csv {
            file: file_label.to_owned(),
            message: format!(
                "line {}: the row has {} cells but the header has {}. Check for a missing or extra comma, or quote cells that contain commas",
                ragged.line, ragged.fields, header.fields
            ),
        });
    }
    let raw = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish()
        .map_err(|err| DataError::csv(file_label, &err))?;

    check_header(spec, file_label, &raw)?;
    let row_lines: Vec<usize> = rows.iter().map(|record| record.line).collect();
    let mut columns = Vec::with_capacity(spec.columns.len());
    for (index, column_spec) in spec.columns.iter().enumerate() {
        let cells = raw
            .column(&column_spec.name)
            .and_then(Column::str)
            .map_err(|err| DataError::csv(file_label, &err))?;
        let locate = |row: usize| CellLocation {
            file: file_label.to_owned(),
            line: row_lines.get(row).copied().unwrap_or(row + 2),
            column_name: column_spec.name.clone(),
            column_number: column_position(&raw, &column_spec.name).unwrap_or(index + 1),
        };
        columns.push(typed_column(column_spec, cells, &locate)?);
    }
    let frame =
        DataFrame::new(raw.height(), columns).map_err(|err| DataError::csv(file_label, &err))?;
    let dataset = Dataset {
        spec: spec.clone(),
        frame,
        row_lines,
    };
    check_unique_keys(&dataset, file_label)?;
    Ok(dataset)
}

fn column_position(frame: &DataFrame, name: &str) -> Option<usize> {
    frame
        .get_column_names()
        .iter()
        .position(|column| column.as_str() == name)
        .map(|index| index + 1)
}

fn check_header(spec: &DatasetSpec, file_label: &str, raw: &DataFrame) -> Result<(), DataError> {
    let found: Vec<&str> = raw
        .get_column_names()
        .iter()
        .map(|name| name.as_str())
        .collect();
    if let Some(missing) = spec
        .columns
        .iter()
        .find(|c| !found.contains(&c.name.as_str()))
    {
        return Err(DataError::MissingColumn {
            file: file_label.to_owned(),
            column: missing.name.clone(),
            found: found.join(", "),
        });
    }
    if let Some(extra) = found.iter().find(|name| spec.column(name).is_none()) {
        return Err(DataError::UnexpectedColumn {
            file: file_label.to_owned(),
            column: (*extra).to_owned(),
            declared: spec
                .columns
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    Ok(())
}

/// Checks every cell of one column and builds the column in its declared type.
fn typed_column(
    spec: &ColumnSpec,
    cells: &StringChunked,
    locate: &dyn Fn(usize) -> CellLocation,
) -> Result<Column, DataError> {
    let mut texts: Vec<Option<&str>> = Vec::with_capacity(cells.len());
    for (row, cell) in cells.iter().enumerate() {
        let cell = cell.map(str::trim).filter(|text| !text.is_empty());
        match cell {
            None if spec.required => return Err(DataError::MissingValue { at: locate(row) }),
            Some(text) if !spec.allowed.is_empty() && !spec.allowed.iter().any(|a| a == text) => {
                return Err(DataError::NotAllowed {
                    at: locate(row),
                    value: text.to_owned(),
                    allowed: spec.allowed.join(", "),
                });
            }
            Some(text) if !is_valid(spec.column_type, text) => {
                return Err(DataError::InvalidValue {
                    at: locate(row),
                    value: text.to_owned(),
                    expected: spec.column_type.describe().to_owned(),
                });
            }
            _ => texts.push(cell),
        }
    }
    let name = PlSmallStr::from(spec.name.as_str());
    let series = match spec.column_type {
        ColumnType::Int => {
            let values: Vec<Option<i32>> = texts
                .iter()
                .map(|t| t.and_then(|t| t.parse().ok()))
                .collect();
            Series::new(name, values)
        }
        ColumnType::Float => {
            let values: Vec<Option<f64>> = texts.iter().map(|t| t.and_then(parse_finite)).collect();
            Series::new(name, values)
        }
        ColumnType::String | ColumnType::Date | ColumnType::Urls => Series::new(name, texts),
    };
    Ok(series.into_column())
}

fn parse_finite(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|value| value.is_finite())
}

fn is_valid(column_type: ColumnType, text: &str) -> bool {
    match column_type {
        ColumnType::Int => text.parse::<i32>().is_ok(),
        ColumnType::Float => parse_finite(text).is_some(),
        ColumnType::String => true,
        ColumnType::Date => IsoDate::parse(text).is_some(),
        ColumnType::Urls => text
            .split_whitespace()
            .all(|url| url.starts_with("http://") || url.starts_with("https://")),
    }
}

fn check_unique_keys(dataset: &Dataset, file_label: &str) -> Result<(), DataError> {
    let mut first_line_of_key: HashMap<Vec<Option<String>>, usize> = HashMap::new();
    for row in 0..dataset.rows() {
        let key: Vec<Option<String>> = dataset
            .spec
            .key
            .iter()
            .map(|column| dataset.cell_text(row, column))
            .collect();
        let line = dataset.row_lines[row];
        if let Some(&first_line) = first_line_of_key.get(&key) {
            return Err(DataError::DuplicateRow {
                file: file_label.to_owned(),
                line,
                first_line,
                key: dataset.spec.key.join(", "),
            });
        }
        first_line_of_key.insert(key, line);
    }
    Ok(())
}
