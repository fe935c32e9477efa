//! Parsing a chunk of whole records with polars in the schema the sample decided, and the
//! cells polars cannot read: converted by our own parser, counted, and traced to their line.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use super::infer::{Cell, ColumnKind, ColumnPlan, parse_number};
use super::scan::{self, ChunkShape, RowsKept};
use super::sniff::{self, CsvFormat, split_records};
use super::{Dialect, LoadError};

/// Counts of unreadable and non-finite cells in one column, with where the first one was.
#[derive(Debug, Clone, Default)]
pub(super) struct CellCounts {
    pub invalid: usize,
    pub first_invalid: Option<(usize, String)>,
    pub non_finite: usize,
    pub first_non_finite: Option<usize>,
}

pub(super) fn parse_error(path: PathBuf, err: &PolarsError) -> LoadError {
    LoadError::Parse {
        path,
        message: polars_message(err),
    }
}

/// polars' message, one short line: some of its messages quote whole rows of the file.
fn polars_message(err: &PolarsError) -> String {
    super::clip(&err.to_string(), 120)
}

/// A run of whole records cut from the text, ready for polars.
#[derive(Debug)]
pub(super) struct Chunk {
    pub text: Vec<u8>,
    /// The text as polars should read it, when it differs: blank lines dropped, cells with a
    /// stray quote quoted ([`super::scan::normalized`]).
    pub cleaned: Option<Vec<u8>>,
    /// The line the chunk starts on.
    pub first_line: usize,
    /// The lines of the rows left out for their cell counts, when the user chose so.
    pub skipped_lines: Vec<usize>,
    /// A note about lines left out at the end of the file.
    pub note: Option<String>,
}

/// Parses chunks of data rows with one fixed schema.
pub(super) struct ChunkParser<'a> {
    path: &'a Path,
    pub format: CsvFormat,
    decimal_comma: bool,
    pub plans: Vec<ColumnPlan>,
    /// Every row, or (the user's choice) only rows with as many cells as the header.
    pub kept: RowsKept,
    /// The schema polars reads with when every cell is as the sample promised.
    typed: SchemaRef,
    /// Every column as text, for a chunk polars could not read typed.
    text: SchemaRef,
    /// The missing-value marker of each column polars reads typed. Only these: checking every
    /// cell against every marker costs polars a third of its time.
    missing_markers: Option<NullValues>,
}

/// The type a column of this plan ends up as.
fn target_dtype(plan: &ColumnPlan) -> DataType {
    match plan.kind {
        ColumnKind::Year => DataType::Int32,
        ColumnKind::Integer if plan.format.thousands.is_none() && !plan.convert_from_text => {
            DataType::Int64
        }
        ColumnKind::Code if !plan.digits_as_text => DataType::Int64,
        ColumnKind::Integer | ColumnKind::Number => DataType::Float64,
        _ => DataType::String,
    }
}

impl<'a> ChunkParser<'a> {
    pub fn new(path: &'a Path, dialect: &Dialect, skip_ragged_rows: bool) -> Self {
        let field =
            |plan: &ColumnPlan, dtype: DataType| Field::new(plan.name.as_str().into(), dtype);
        let typed = dialect
            .plans
            .iter()
            .map(|plan| {
                let dtype = if plan.convert_from_text {
                    DataType::String
                } else {
                    target_dtype(plan)
                };
                field(plan, dtype)
            })
            .collect::<Schema>();
        let text = dialect
            .plans
            .iter()
            .map(|plan| field(plan, DataType::String))
            .collect::<Schema>();
        let markers: Vec<(PlSmallStr, PlSmallStr)> = dialect
            .plans
            .iter()
            .filter(|plan| !plan.convert_from_text)
            .filter_map(|plan| {
                let marker = plan.missing_marker.as_deref()?;
                Some((plan.name.as_str().into(), marker.into()))
            })
            .collect();
        Self {
            path,
            missing_markers: (!markers.is_empty()).then_some(NullValues::Named(markers)),
            format: dialect.format,
            decimal_comma: dialect.decimal_comma,
            plans: dialect.plans.clone(),
            kept: if skip_ragged_rows {
                RowsKept::WithCells(dialect.plans.len())
            } else {
                RowsKept::All
            },
            typed: Arc::new(typed),
            text: Arc::new(text),
        }
    }

    /// The schema polars reads with when every cell is as the sample promised.
    pub fn typed_schema(&self) -> SchemaRef {
        Arc::clone(&self.typed)
    }

    /// The missing-value marker of each column, as polars takes them.
    pub fn missing_markers(&self) -> Option<NullValues> {
        self.missing_markers.clone()
    }

    pub fn empty_frame(&self) -> DataFrame {
        DataFrame::empty_with_schema(&self.typed)
    }

    fn read(&self, chunk: &[u8], schema: &SchemaRef) -> PolarsResult<DataFrame> {
        CsvReadOptions::default()
            .with_has_header(false)
            .with_schema(Some(Arc::clone(schema)))
            .with_rechunk(false)
            .map_parse_options(|options| {
                options
                    .with_separator(self.format.delimiter)
                    .with_quote_char(
                        Some(self.format.quote).filter(|&quote| quote != sniff::NO_QUOTE),
                    )
                    .with_decimal_comma(self.decimal_comma)
                    .with_null_values(self.missing_markers.clone())
            })
            .into_reader_with_file_handle(std::io::Cursor::new(chunk))
            .finish()
    }

    /// Parses one chunk of whole records that starts on `first_line`.
    pub fn parse(&self, chunk: &Chunk, counts: &mut [CellCounts]) -> Result<DataFrame, LoadError> {
        // polars reads a blank line as a row of empty cells (people mean nothing by them) and
        // a quote inside a cell as opening one: the rewritten chunk, if any, has neither.
        let readable = chunk.cleaned.as_deref().unwrap_or(&chunk.text);
        let first_line = chunk.first_line;
        let chunk = chunk.text.as_slice();
        let frame = match self.read(readable, &self.typed) {
            Ok(frame) => frame,
            Err(_) => match self.read(readable, &self.text) {
                Ok(frame) => frame,
                Err(err) => {
                    // Say which row polars stumbled on, when a row is to blame.
                    self.check_records(chunk, first_line)?;
                    return Err(LoadError::ParseFrom {
                        path: self.path.to_path_buf(),
                        line: first_line,
                        message: polars_message(&err),
                    });
                }
            },
        };
        let mut columns = Vec::with_capacity(self.plans.len());
        let mut line_of_row = LineIndex::new(chunk, self.format, self.kept, first_line);
        for ((plan, column), count) in self
            .plans
            .iter()
            .zip(frame.into_columns())
            .zip(counts.iter_mut())
        {
            let target = target_dtype(plan);
            let column = if column.dtype() == &target {
                if target == DataType::Float64 {
                    drop_non_finite(column, count, &mut line_of_row)
                } else {
                    column
                }
            } else {
                convert_text(&column, plan, &target, count, &mut line_of_row)
            };
            columns.push(column);
        }
        DataFrame::new_infer_height(columns)
            .map_err(|err| parse_error(self.path.to_path_buf(), &err))
    }

    /// Whether a chunk without quotes has as many delimiters as its `breaks` line breaks need:
    /// every record must have as many cells as the header, and counting answers that at memory
    /// speed. When the counts disagree (or the chunk has quotes) the caller walks each record
    /// to find the first wrong one.
    pub fn counts_add_up(&self, chunk: &[u8], breaks: usize) -> bool {
        // With one column there are no delimiters to count, and blank lines would go unseen. A
        // long row and a short one add up as two good ones: rows to skip must each be found.
        if self.plans.len() < 2 || self.kept != RowsKept::All {
            return false;
        }
        let records = breaks + usize::from(chunk.last().is_some_and(|&b| b != b'\n'));
        let delimiters = memchr::memchr_iter(self.format.delimiter, chunk).count();
        delimiters == records * (self.plans.len() - 1)
    }

    /// Reads what `chunk`'s records are like; an error names the first record with the wrong
    /// number of cells (unless such rows are skipped), or a quote that never closes.
    pub fn check_records(&self, chunk: &[u8], first_line: usize) -> Result<ChunkCheck, LoadError> {
        let expected = self.plans.len();
        let shape = scan::chunk_shape(chunk, self.format, expected);
        if shape.counts_agree {
            return Ok(ChunkCheck {
                shape,
                ragged_lines: Vec::new(),
            });
        }
        let text = String::from_utf8_lossy(chunk);
        let outcome = split_records(&text, self.format, true);
        if let Some(line) = outcome.open_quote_line {
            return Err(LoadError::UnterminatedQuote {
                path: self.path.to_path_buf(),
                line: first_line + line - 1,
            });
        }
        if self.kept != RowsKept::All {
            let ragged_lines = scan::ragged_lines(chunk, self.format, expected)
                .into_iter()
                .map(|line| first_line + line - 1)
                .collect();
            return Ok(ChunkCheck {
                shape,
                ragged_lines,
            });
        }
        if let Some(ragged) = outcome.records.iter().find(|r| r.cells.len() != expected) {
            return Err(LoadError::RaggedRow {
                path: self.path.to_path_buf(),
                line: first_line + ragged.line - 1,
                found: ragged.cells.len(),
                expected,
            });
        }
        Ok(ChunkCheck {
            shape,
            ragged_lines: Vec::new(),
        })
    }
}

/// What checking a chunk's records found.
#[derive(Debug)]
pub(super) struct ChunkCheck {
    pub shape: ChunkShape,
    /// The lines of the rows with the wrong number of cells, which are skipped.
    pub ragged_lines: Vec<usize>,
}

impl ChunkCheck {
    /// Whether polars must be handed the chunk rewritten, to read it as we do.
    pub fn needs_rewrite(&self) -> bool {
        self.shape.needs_rewrite() || !self.ragged_lines.is_empty()
    }
}

/// Finds the line a row of a chunk starts on, splitting the chunk only when first asked.
struct LineIndex<'a> {
    chunk: &'a [u8],
    format: CsvFormat,
    kept: RowsKept,
    first_line: usize,
    lines: Option<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    fn new(chunk: &'a [u8], format: CsvFormat, kept: RowsKept, first_line: usize) -> Self {
        Self {
            chunk,
            format,
            kept,
            first_line,
            lines: None,
        }
    }

    fn line(&mut self, row: usize) -> usize {
        let (chunk, format, kept) = (self.chunk, self.format, self.kept);
        let lines = self
            .lines
            .get_or_insert_with(|| scan::record_lines(chunk, format, kept));
        self.first_line + lines.get(row).copied().unwrap_or(row + 1) - 1
    }
}

/// Empties NaN and infinite cells of a float column, counting them.
fn drop_non_finite(column: Column, count: &mut CellCounts, lines: &mut LineIndex<'_>) -> Column {
    let Ok(values) = column.f64() else {
        return column;
    };
    // A vectorised look at the raw values first (empty slots hold finite filler): nearly every
    // column has no NaN, and this is the only pass it then costs.
    let suspect = values
        .downcast_iter()
        .any(|array| array.values().iter().any(|v| !v.is_finite()));
    if !suspect {
        return column;
    }
    let Some(first) = values
        .iter()
        .position(|v| v.is_some_and(|v| !v.is_finite()))
    else {
        return column;
    };
    count.non_finite += values
        .iter()
        .filter(|v| v.is_some_and(|v| !v.is_finite()))
        .count();
    if count.first_non_finite.is_none() {
        count.first_non_finite = Some(lines.line(first));
    }
    Float64Chunked::from_iter_options(
        column.name().clone(),
        values.iter().map(|v| v.filter(|v| v.is_finite())),
    )
    .into_column()
}

/// Converts a column read as text to the plan's type, leaving cells that are not numbers empty
/// and counting them.
fn convert_text(
    column: &Column,
    plan: &ColumnPlan,
    target: &DataType,
    count: &mut CellCounts,
    lines: &mut LineIndex<'_>,
) -> Column {
    let name = column.name().clone();
    let Ok(texts) = column.cast(&DataType::String) else {
        return Column::full_null(name, column.len(), target);
    };
    let Ok(texts) = texts.str().cloned() else {
        return Column::full_null(name, column.len(), target);
    };
    let mut values: Vec<Option<f64>> = Vec::with_capacity(texts.len());
    for (row, cell) in texts.iter().enumerate() {
        let value = match cell.map(|c| parse_number(c, plan.format)) {
            None | Some(Cell::Missing) => None,
            Some(Cell::Finite(v))
                if !matches!(target, DataType::Int32 | DataType::Int64) || v.fract() == 0.0 =>
            {
                Some(v)
            }
            Some(Cell::NonFinite) => {
                count.non_finite += 1;
                if count.first_non_finite.is_none() {
                    count.first_non_finite = Some(lines.line(row));
                }
                None
            }
            Some(_) => {
                count.invalid += 1;
                if count.first_invalid.is_none() {
                    count.first_invalid =
                        Some((lines.line(row), cell.unwrap_or_default().to_owned()));
                }
                None
            }
        };
        values.push(value);
    }
    match target {
        DataType::Int32 => {
            Int32Chunked::from_iter_options(name, values.into_iter().map(|v| v.map(|v| v as i32)))
                .into_column()
        }
        DataType::Int64 => {
            Int64Chunked::from_iter_options(name, values.into_iter().map(|v| v.map(|v| v as i64)))
                .into_column()
        }
        DataType::Float64 => {
            Float64Chunked::from_iter_options(name, values.into_iter()).into_column()
        }
        _ => texts.into_column(),
    }
}
