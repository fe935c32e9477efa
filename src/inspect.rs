//! Loading a user's CSV file the way the app does, and reporting what was found: rows, columns
//! with their types and empty cells, the delimiter, the header line and the encoding. This is
//! the loader behind `bilateral inspect`; every failure is a [`LoadError`] naming the file and,
//! where it applies, the line.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde::Serialize;

use crate::data::records::{RecordError, scan_records};

/// The delimiters tried, in order of preference when several fit equally well.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];
/// How many records the delimiter sniffer looks at.
const SNIFF_RECORDS: usize = 50;
/// Cells that mean "no value" in statistical downloads (BACI writes `NA`, Eurostat `..`).
const MISSING_VALUE_MARKERS: [&str; 6] = ["NA", "N/A", "n/a", "NULL", "null", ".."];
/// How many rows polars looks at to choose column types.
const INFER_SCHEMA_ROWS: usize = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: no such file. Check the path", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: this is a folder, not a file. Give the path of a .csv file inside it", path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}: cannot be read ({source}). Check that the file exists and that you may read it", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: the file is empty. A CSV file needs a header row and at least one row of data", path.display())]
    Empty { path: PathBuf },
    #[error("{}: the file has a header but no rows of data", path.display())]
    HeaderOnly { path: PathBuf },
    #[error(
        "{}, line {line}: the file is not UTF-8 text (byte 0x{byte:02X} at column {column}). Save it as UTF-8 CSV and try again",
        path.display()
    )]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
        byte: u8,
    },
    #[error("{}, line {line}: a quoted cell is never closed. Add the closing quote or remove the stray one", path.display())]
    UnterminatedQuote { path: PathBuf, line: usize },
    #[error(
        "{}, line {line}: the row has {found} cells but the header has {expected}. Check for a missing or extra delimiter, or quote cells that contain one",
        path.display()
    )]
    RaggedRow {
        path: PathBuf,
        line: usize,
        found: usize,
        expected: usize,
    },
    #[error("{}: could not be read as CSV ({message})", path.display())]
    Parse { path: PathBuf, message: String },
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnReport {
    pub name: String,
    pub dtype: String,
    pub nulls: usize,
}

/// What the loader decided about a file, as `bilateral inspect --json` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CsvReport {
    pub path: String,
    pub rows: usize,
    pub columns: Vec<ColumnReport>,
    pub delimiter: String,
    /// The line of the header row, from 1.
    pub header_line: usize,
    pub encoding: String,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct LoadedCsv {
    pub frame: DataFrame,
    pub report: CsvReport,
}

pub fn load_csv(path: &Path) -> Result<LoadedCsv, LoadError> {
    let owned_path = || path.to_path_buf();
    if path.is_dir() {
        return Err(LoadError::IsDirectory { path: owned_path() });
    }
    let bytes = std::fs::read(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound { path: owned_path() },
        _ => LoadError::Unreadable {
            path: owned_path(),
            source,
        },
    })?;
    let (text, encoding) = decode(path, &bytes)?;
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: owned_path() });
    }
    let delimiter = sniff_delimiter(text);
    let records = scan_records(text, delimiter).map_err(|err| match err {
        RecordError::UnterminatedQuote { line } => LoadError::UnterminatedQuote {
            path: owned_path(),
            line,
        },
    })?;
    let Some((header, rows)) = records.split_first() else {
        return Err(LoadError::Empty { path: owned_path() });
    };
    if rows.is_empty() {
        return Err(LoadError::HeaderOnly { path: owned_path() });
    }
    if let Some(ragged) = rows.iter().find(|r| r.fields != header.fields) {
        return Err(LoadError::RaggedRow {
            path: owned_path(),
            line: ragged.line,
            found: ragged.fields,
            expected: header.fields,
        });
    }
    let frame = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(INFER_SCHEMA_ROWS))
        .map_parse_options(|options| {
            options
                .with_separator(delimiter)
                .with_null_values(Some(NullValues::AllColumns(
                    MISSING_VALUE_MARKERS
                        .iter()
                        .map(|m| PlSmallStr::from(*m))
                        .collect(),
                )))
        })
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish()
        .map_err(|err| LoadError::Parse {
            path: owned_path(),
            message: err.to_string(),
        })?;
    let columns: Vec<ColumnReport> = frame
        .columns()
        .iter()
        .map(|column| ColumnReport {
            name: column.name().to_string(),
            dtype: column.dtype().to_string(),
            nulls: column.null_count(),
        })
        .collect();
    let warnings = columns
        .iter()
        .filter(|c| c.nulls == frame.height())
        .map(|c| format!("column \"{}\" is empty in every row", c.name))
        .collect();
    let report = CsvReport {
        path: path.display().to_string(),
        rows: frame.height(),
        columns,
        delimiter: char::from(delimiter).to_string(),
        header_line: header.line,
        encoding: encoding.to_owned(),
        warnings,
    };
    Ok(LoadedCsv { frame, report })
}

fn decode<'a>(path: &Path, bytes: &'a [u8]) -> Result<(&'a str, &'static str), LoadError> {
    let (body, encoding) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, "utf-8-sig"),
        None => (bytes, "utf-8"),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok((text, encoding)),
        Err(err) => {
            let valid = &body[..err.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            Err(LoadError::NotUtf8 {
                path: path.to_path_buf(),
                line,
                column: err.valid_up_to() - line_start + 1,
                byte: body[err.valid_up_to()],
            })
        }
    }
}

/// Picks the delimiter that splits the first records into the same number (more than one) of
/// fields most consistently.
fn sniff_delimiter(text: &str) -> u8 {
    let sample_end = text
        .match_indices('\n')
        .nth(SNIFF_RECORDS)
        .map_or(text.len(), |(at, _)| at);
    let sample = &text[..sample_end];
    let consistency = |delimiter: u8| -> usize {
        let Ok(records) = scan_records(sample, delimiter) else {
            return 0;
        };
        let Some(header) = records.first() else {
            return 0;
        };
        if header.fields < 2 {
            return 0;
        }
        records.iter().filter(|r| r.fields == header.fields).count()
    };
    let mut best = (b',', 0);
    for delimiter in DELIMITERS {
        let score = consistency(delimiter);
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::sniff_delimiter;

    #[test]
    fn sniffs_semicolons_tabs_and_pipes() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b\n1|2\n"), b'|');
        assert_eq!(sniff_delimiter("a,b\n1,2\n"), b',');
    }
}
