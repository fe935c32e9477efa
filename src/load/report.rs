//! What the loader tells the user about a file: the report `bilateral inspect` prints and the
//! column panel shows, with a warning for everything it decided on the user's behalf.

use std::path::Path;

use polars::prelude::*;
use serde::Serialize;

use super::chunk::CellCounts;
use super::infer::ColumnKind;
use super::sniff;
use super::source::Encoding;
use super::table::TableShape;
use super::{Dialect, LoadedCsv, shorten};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnReport {
    pub name: String,
    /// How the values are stored: `i32`, `i64`, `f64` or `str`.
    pub dtype: String,
    /// What they mean: `year`, `code`, `number`, `text`, ….
    pub kind: ColumnKind,
    /// Empty cells, including those that could not be read.
    pub nulls: usize,
    /// Cells in a column of numbers that were not numbers; they are left empty.
    pub invalid: usize,
    /// NaN and infinite numbers; they are left empty and never plotted.
    pub non_finite: usize,
    pub examples: Vec<String>,
}

/// What the loader decided about a file, as `bilateral inspect --json` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CsvReport {
    pub path: String,
    pub rows: usize,
    pub columns: Vec<ColumnReport>,
    pub delimiter: String,
    pub quote: String,
    /// The line of the header row, from 1; 0 when the file has none.
    pub header_line: usize,
    pub encoding: String,
    pub decimal_mark: String,
    pub compressed: bool,
    /// `long`, or `wide` for one column per year.
    pub shape: String,
    /// Rows left out for having more or fewer cells than the header, when the user asked so.
    pub skipped_rows: usize,
    pub warnings: Vec<String>,
}

impl CsvReport {
    /// The report of a wide table reshaped to `frame`, its long form with columns `plans`:
    /// its rows and columns now, the id columns' counts kept.
    pub fn describe_reshaped(&mut self, frame: &DataFrame, plans: &[super::ColumnPlan]) {
        let earlier = std::mem::take(&mut self.columns);
        self.columns = plans
            .iter()
            .filter_map(|plan| {
                let column = frame.column(&plan.name).ok()?;
                Some(
                    earlier
                        .iter()
                        .find(|c| c.name == plan.name)
                        .cloned()
                        .unwrap_or_else(|| ColumnReport {
                            name: plan.name.clone(),
                            dtype: column.dtype().to_string(),
                            kind: plan.kind,
                            nulls: column.null_count(),
                            invalid: 0,
                            non_finite: 0,
                            examples: Vec::new(),
                        }),
                )
            })
            .collect();
        self.rows = frame.height();
        "long".clone_into(&mut self.shape);
        self.warnings.retain(|w| !w.starts_with("wide table:"));
    }
}

/// What a report says about the file itself.
#[derive(Debug, Clone, Copy)]
pub(super) struct FileFacts {
    pub encoding: Encoding,
    pub compressed: bool,
}

/// The table without the empty column every row's last delimiter makes, if the whole file has
/// nothing in it.
fn without_trailing_empty_column(
    mut frame: DataFrame,
    mut dialect: Dialect,
    warnings: &mut Vec<String>,
) -> (DataFrame, Dialect) {
    let empty = frame
        .columns()
        .last()
        .is_some_and(|column| column.null_count() == frame.height());
    let last = dialect.plans.last().map(|plan| plan.name.clone());
    if dialect.trailing_delimiter
        && empty
        && let Some(last) = last
        && frame.drop_in_place(last.as_str()).is_ok()
    {
        dialect.plans.pop();
        warnings.push(
            "every line ends in a delimiter: the empty column after the last was left out"
                .to_owned(),
        );
    }
    (frame, dialect)
}

pub(super) fn assemble(
    path: &Path,
    file: FileFacts,
    frame: DataFrame,
    dialect: Dialect,
    counts: &[CellCounts],
    mut warnings: Vec<String>,
) -> LoadedCsv {
    let path = path.display().to_string();
    let (frame, dialect) = without_trailing_empty_column(frame, dialect, &mut warnings);
    let mut columns = Vec::with_capacity(dialect.plans.len());
    for ((plan, column), count) in dialect.plans.iter().zip(frame.columns()).zip(counts) {
        if let Some((line, text)) = &count.first_invalid {
            warnings.push(format!(
                "column \"{}\": {} cell{} not {} and left empty (first: line {line}, \"{}\")",
                plan.name,
                count.invalid,
                if count.invalid == 1 { " is" } else { "s are" },
                if plan.kind == ColumnKind::Year {
                    "a year"
                } else {
                    "a number"
                },
                shorten(text)
            ));
        }
        if let Some(line) = count.first_non_finite {
            warnings.push(format!(
                "column \"{}\": {} NaN or infinite value{} left out of charts (first: line {line})",
                plan.name,
                count.non_finite,
                if count.non_finite == 1 {
                    " is"
                } else {
                    "s are"
                },
            ));
        }
        if column.null_count() == frame.height() {
            warnings.push(format!("column \"{}\" is empty in every row", plan.name));
        }
        columns.push(ColumnReport {
            name: plan.name.clone(),
            dtype: column.dtype().to_string(),
            kind: plan.kind,
            nulls: column.null_count(),
            invalid: count.invalid,
            non_finite: count.non_finite,
            examples: plan.examples.clone(),
        });
    }
    let shape = TableShape::detect(&dialect.plans);
    if let TableShape::Wide { time_columns, .. } = &shape
        && let (Some(first), Some(last)) = (time_columns.first(), time_columns.last())
    {
        let unit = if shape.long_time().0 == crate::load::table::LONG_DATE {
            "day"
        } else {
            "year"
        };
        warnings.push(format!(
            "wide table: one column per {unit} ({} to {}); it can be reshaped to long",
            first.1, last.1
        ));
    }
    let report = CsvReport {
        path,
        rows: frame.height(),
        columns,
        delimiter: match dialect.format.delimiter {
            b'\t' => "\\t".to_owned(),
            other => char::from(other).to_string(),
        },
        quote: if dialect.format.quote == sniff::NO_QUOTE {
            String::new()
        } else {
            char::from(dialect.format.quote).to_string()
        },
        header_line: dialect.header_line,
        encoding: file.encoding.name().to_owned(),
        decimal_mark: if dialect.decimal_comma { "," } else { "." }.to_owned(),
        compressed: file.compressed,
        shape: shape.label().to_owned(),
        skipped_rows: 0,
        warnings,
    };
    LoadedCsv {
        frame,
        report,
        plans: dialect.plans,
        shape,
    }
}

/// The rows left out for their cell counts, at the user's request.
#[derive(Debug, Default)]
pub(super) struct SkippedRows {
    pub count: usize,
    first_lines: Vec<usize>,
}

impl SkippedRows {
    /// How many lines a warning names before it says "…".
    const LINES_NAMED: usize = 5;

    pub fn add(&mut self, lines: &[usize]) {
        self.count += lines.len();
        let room = Self::LINES_NAMED.saturating_sub(self.first_lines.len());
        self.first_lines.extend(lines.iter().take(room));
    }

    pub fn warning(&self, expected: usize) -> Option<String> {
        if self.count == 0 {
            return None;
        }
        let mut lines: Vec<String> = self.first_lines.iter().map(ToString::to_string).collect();
        if self.count > self.first_lines.len() {
            lines.push("…".to_owned());
        }
        Some(format!(
            "left out {} row{} without {expected} cells, as asked (line{} {})",
            self.count,
            if self.count == 1 { "" } else { "s" },
            if self.count == 1 { "" } else { "s" },
            lines.join(", ")
        ))
    }
}
