//! CSV files polars can read as they are written, and the loader for those it cannot: which is
//! which, from the first megabyte and the last 64 KB of each file.

use std::io::{Read as _, Seek as _, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use super::survey::surveyed;
use super::{CsvScan, Dataset, OpenedTable, ScanFormat, Survey, TableData, file_name, files_note};
use crate::load::chunk::ChunkParser;
use crate::load::infer::{ColumnKind, ColumnPlan};
use crate::load::sniff::CsvFormat;
use crate::load::{LoadControl, LoadError, TableShape, load_csv_with, read_head};

/// The end of a CSV file searched for notes below the table.
const TAIL_BYTES: u64 = 64 << 10;

/// A CSV file polars can read as written: how, the columns the first megabyte found, and what
/// the loader would have warned of.
struct ReadableCsv {
    scan: CsvScan,
    plans: Vec<ColumnPlan>,
    warnings: Vec<String>,
}

/// What polars needs to read one CSV file as written, or `None` when it needs our loader.
fn csv_scan(file: &Path, control: &LoadControl) -> Result<Option<ReadableCsv>, LoadError> {
    let Some(head) = read_head(file, control)? else {
        return Ok(None);
    };
    let dialect = head.dialect;
    let plain_columns = dialect
        .plans
        .iter()
        .all(|plan| !plan.convert_from_text && plan.format.thousands.is_none());
    // Rows to skip are found by our loader: polars would stop at the first.
    let readable = head.plain_text
        && !control.skips_ragged_rows()
        && !head.compressed
        && dialect.header_line <= 1
        && !dialect.trailing_delimiter
        && plain_columns
        && TableShape::detect(&dialect.plans) == TableShape::Long
        && clean_end(file, dialect.format);
    if !readable {
        return Ok(None);
    }
    let parser = ChunkParser::new(file, &dialect, false);
    Ok(Some(ReadableCsv {
        scan: CsvScan {
            format: dialect.format,
            decimal_comma: dialect.decimal_comma,
            has_header: dialect.header_line == 1,
            schema: parser.typed_schema(),
            missing: parser.missing_markers(),
        },
        plans: dialect.plans,
        warnings: dialect.warnings,
    }))
}

/// Whether the file ends with its table: no notes below it, no blank lines that polars would
/// read as rows.
fn clean_end(file: &Path, format: CsvFormat) -> bool {
    let mut tail = Vec::new();
    let read = std::fs::File::open(file).and_then(|mut handle| {
        let size = handle.metadata()?.len();
        handle.seek(SeekFrom::Start(size.saturating_sub(TAIL_BYTES)))?;
        handle.read_to_end(&mut tail)
    });
    if read.is_err() {
        return false;
    }
    let body = tail.strip_suffix(b"\n").unwrap_or(&tail);
    let body = body.strip_suffix(b"\r").unwrap_or(body);
    if body.last().is_some_and(|&b| b == b'\n') {
        return false;
    }
    // From the first whole line on: the tail may start inside a record.
    let start = memchr::memchr(b'\n', &tail).map_or(0, |at| at + 1);
    crate::load::trailing_notes(&tail[start..], format)
        .first_line
        .is_none()
}

pub(super) fn open_csv(
    path: &Path,
    files: &[PathBuf],
    control: &LoadControl,
    survey: Survey,
    scan_from_bytes: u64,
) -> Result<OpenedTable, LoadError> {
    let size: u64 = files
        .iter()
        .filter_map(|file| std::fs::metadata(file).ok())
        .map(|m| m.len())
        .sum();
    if files.len() == 1 && size < scan_from_bytes {
        return Ok(OpenedTable::loaded(
            path,
            load_csv_with(&files[0], control)?,
        ));
    }
    let mut scans = Vec::with_capacity(files.len());
    for file in files {
        scans.push(csv_scan(file, control)?);
    }
    check_headers(files, &scans, control)?;
    let all_readable: Option<Vec<ReadableCsv>> = scans.into_iter().collect();
    if let Some(mut readable) = all_readable {
        let ReadableCsv {
            scan: mut first,
            mut plans,
            warnings,
        } = readable.swap_remove(0);
        if let Some(merged) = merged_schema(&first, &readable, &mut plans) {
            first.schema = merged;
            let dataset = Dataset {
                files: files.to_vec(),
                format: ScanFormat::Csv(first.clone()),
            };
            let opened = surveyed(path, dataset, plans, survey, &first, control);
            match opened {
                Ok(mut opened) => {
                    opened.report.warnings.extend(warnings);
                    return Ok(opened);
                }
                // polars met a cell the first megabyte did not predict: our loader reads it and
                // says where it is.
                Err(_) if files.len() == 1 => {
                    return Ok(OpenedTable::loaded(
                        path,
                        load_csv_with(&files[0], control)?,
                    ));
                }
                Err(_) => {}
            }
        }
    }
    load_all(path, files, control)
}

/// Every file's header must be the first file's: the message names the first that differs.
fn check_headers(
    files: &[PathBuf],
    scans: &[Option<ReadableCsv>],
    control: &LoadControl,
) -> Result<(), LoadError> {
    if files.len() < 2 {
        return Ok(());
    }
    let names = |index: usize| -> Result<Vec<String>, LoadError> {
        match &scans[index] {
            Some(readable) => Ok(readable.plans.iter().map(|p| p.name.clone()).collect()),
            None => Ok(read_head(&files[index], control)?
                .map(|head| head.dialect.plans.iter().map(|p| p.name.clone()).collect())
                .unwrap_or_default()),
        }
    };
    let first = names(0)?;
    for index in 1..files.len() {
        let these = names(index)?;
        if !these.is_empty() && !first.is_empty() && these != first {
            return Err(LoadError::HeaderDiffers {
                path: files[index].clone(),
                first: file_name(&files[0]),
                columns: crate::load::clip(&these.join(","), 40),
                expected: crate::load::clip(&first.join(","), 40),
            });
        }
    }
    Ok(())
}

/// One schema for files each read with its own: a column of whole numbers in one file and
/// decimals in another is decimals; of numbers in one and text in another, text. `None` when the
/// files mark missing cells differently (polars takes one set of markers).
fn merged_schema(
    first: &CsvScan,
    others: &[ReadableCsv],
    plans: &mut [ColumnPlan],
) -> Option<SchemaRef> {
    let mut schema = (*first.schema).clone();
    for ReadableCsv { scan: other, .. } in others {
        if other.missing != first.missing || other.format != first.format {
            return None;
        }
        for ((name, dtype), plan) in schema.iter_mut().zip(plans.iter_mut()) {
            let theirs = other.schema.get(name)?;
            if theirs == dtype {
                continue;
            }
            if dtype.is_primitive_numeric() && theirs.is_primitive_numeric() {
                *dtype = DataType::Float64;
            } else {
                *dtype = DataType::String;
                plan.kind = ColumnKind::Text;
            }
        }
    }
    Some(Arc::new(schema))
}

/// Files our loader must read: each is loaded whole and the tables are stacked.
pub(super) fn load_all(
    path: &Path,
    files: &[PathBuf],
    control: &LoadControl,
) -> Result<OpenedTable, LoadError> {
    let mut opened: Option<OpenedTable> = None;
    for file in files {
        let loaded = load_csv_with(file, control)?;
        match opened.as_mut() {
            None => opened = Some(OpenedTable::loaded(path, loaded)),
            Some(table) => {
                let TableData::Frame(frame) = &mut table.data else {
                    continue;
                };
                let part = loaded
                    .frame
                    .lazy()
                    .select(
                        frame
                            .columns()
                            .iter()
                            .map(|c| col(c.name().clone()).cast(c.dtype().clone()))
                            .collect::<Vec<_>>(),
                    )
                    .collect()
                    .map_err(|err| stack_error(file, &err))?;
                frame
                    .vstack_mut_owned(part)
                    .map_err(|err| stack_error(file, &err))?;
                table.report.rows += loaded.report.rows;
                table.report.skipped_rows += loaded.report.skipped_rows;
                for (column, theirs) in table.report.columns.iter_mut().zip(loaded.report.columns) {
                    column.nulls += theirs.nulls;
                    column.invalid += theirs.invalid;
                    column.non_finite += theirs.non_finite;
                }
                table.report.warnings.extend(
                    loaded
                        .report
                        .warnings
                        .into_iter()
                        .map(|w| format!("{}: {w}", file_name(file))),
                );
            }
        }
    }
    let mut opened = opened.ok_or_else(|| LoadError::NoTableFiles {
        path: path.to_path_buf(),
    })?;
    opened.report.path = path.display().to_string();
    if files.len() > 1 {
        opened.report.warnings.insert(0, files_note(files));
    }
    Ok(opened)
}

fn stack_error(file: &Path, err: &PolarsError) -> LoadError {
    LoadError::Parse {
        path: file.to_path_buf(),
        message: crate::load::clip(&err.to_string(), 120),
    }
}
