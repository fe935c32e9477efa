//! Deciding from the first megabyte how the whole file is written: the delimiter and quote,
//! where the header row is, the decimal mark, and what each column holds. A function of the
//! sample text alone, so it can be tested without files.

use std::borrow::Cow;
use std::path::Path;

use super::infer::{self, Cell, ColumnPlan, parse_number, plan_column};
use super::sniff::{self, CsvFormat, SampleRecord, split_records};
use super::{LoadError, shorten};

/// What the sample said about the whole file.
#[derive(Debug, Clone)]
pub(super) struct Dialect {
    pub format: CsvFormat,
    pub decimal_comma: bool,
    pub header_line: usize,
    /// Where the data rows start in the decoded text.
    pub data_start: usize,
    pub plans: Vec<ColumnPlan>,
    pub warnings: Vec<String>,
    /// Every line ends in a delimiter, the header too: the last column has neither a name nor
    /// cells, and is left out once the whole file shows it empty.
    pub trailing_delimiter: bool,
}

/// The dialect of `sample`, the first records of the file at `path` (`complete` when it is the
/// whole file), or the first problem found in it. With `skip_ragged_rows`, rows with more or
/// fewer cells than the header are left out of the judgement, as the load leaves them out.
pub(super) fn decide(
    path: &Path,
    sample: &str,
    sample_complete: bool,
    skip_ragged_rows: bool,
) -> Result<Dialect, LoadError> {
    let fail = |error: &dyn Fn(std::path::PathBuf) -> LoadError| error(path.to_path_buf());
    let delimiter = sniff::sniff_delimiter(sample, sample_complete);
    let format = CsvFormat {
        delimiter,
        quote: sniff::sniff_quote(sample, delimiter),
    };
    let outcome = split_records(sample, format, sample_complete);
    if let (Some(line), true) = (outcome.open_quote_line, sample_complete) {
        return Err(fail(&|path| LoadError::UnterminatedQuote { path, line }));
    }
    let records = outcome.records;
    if records.is_empty() {
        return Err(fail(&|path| LoadError::Empty { path }));
    }
    let mut warnings = Vec::new();
    let (header_index, header) = choose_header(&records, &mut warnings);
    let header = &header;
    let expected = header.cells.len();
    let body = table_body(
        &records[header_index + 1..],
        expected,
        sample_complete,
        skip_ragged_rows,
    )
    .map_err(|(line, found)| {
        fail(&|path| LoadError::RaggedRow {
            path,
            line,
            found,
            expected,
        })
    })?;
    let body = body.as_ref();
    let trailing_delimiter = ends_in_delimiter(header, body);
    let header_is_data = !body.is_empty()
        && (reads_as_data(&header.cells) || numbers_over_numbers(&header.cells, body));
    let (names, data_rows, data_start, header_line): (
        Vec<String>,
        Vec<&SampleRecord>,
        usize,
        usize,
    ) = if header_is_data {
        warnings.push(format!(
            "no header row: the columns are named column_1 to column_{expected}"
        ));
        let start = if header_index == 0 {
            0
        } else {
            records[header_index - 1].end
        };
        (
            (1..=expected).map(|i| format!("column_{i}")).collect(),
            std::iter::once(header).chain(body).collect(),
            start,
            0,
        )
    } else {
        (
            unique_names(
                &header.cells[..expected - usize::from(trailing_delimiter)],
                &mut warnings,
            )
            .into_iter()
            .chain(trailing_delimiter.then(|| format!("column_{expected}")))
            .collect(),
            body.iter().collect(),
            header.end,
            header.line,
        )
    };
    let data_records: Vec<SampleRecord> = data_rows.into_iter().cloned().collect();
    let decimal_comma = sniff::uses_decimal_comma(&data_records, delimiter);
    let plans: Vec<ColumnPlan> = names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let cells: Vec<&str> = data_records
                .iter()
                .map(|r| r.cells.get(index).map_or("", String::as_str))
                .collect();
            plan_column(name, index, &cells, decimal_comma)
        })
        .collect();
    warnings.extend(plans.iter().flat_map(plan_warnings));
    Ok(Dialect {
        format,
        decimal_comma,
        header_line,
        data_start,
        plans,
        warnings,
        trailing_delimiter,
    })
}

/// What a user is told about how a column was read: codes kept as text, thousands separators.
fn plan_warnings(plan: &ColumnPlan) -> Vec<String> {
    let mut warnings = Vec::new();
    if plan.leading_zeros {
        warnings.push(format!(
            "column \"{}\" is kept as text: its codes have leading zeros (e.g. \"{}\")",
            plan.name,
            plan.examples.first().map_or("", String::as_str)
        ));
    }
    if let Some(separator) = plan.format.thousands {
        let shown = if separator == ' ' {
            "space".to_owned()
        } else {
            format!("\"{separator}\"")
        };
        warnings.push(format!(
            "column \"{}\" uses {shown} as a thousands separator; read as numbers",
            plan.name
        ));
    }
    warnings
}

/// Whether a would-be header row is data: every cell a number, and not all of them years (a
/// wide table's header of years is a header).
fn reads_as_data(cells: &[String]) -> bool {
    let plain = infer::NumberFormat {
        decimal_comma: false,
        thousands: None,
    };
    cells
        .iter()
        .all(|c| matches!(parse_number(c, plain), Cell::Finite(_)))
        && !cells.iter().all(|c| infer::header_year(c).is_some())
}

/// Whether the header and every row end in a delimiter, with nothing after it.
fn ends_in_delimiter(header: &SampleRecord, body: &[SampleRecord]) -> bool {
    let ends_empty = |record: &SampleRecord| {
        record
            .cells
            .last()
            .is_some_and(|cell| cell.trim().is_empty())
    };
    header.cells.len() > 1 && ends_empty(header) && body.iter().all(ends_empty)
}

/// Whether a first row with text in it is still data, as in a file without a header: every
/// column whose rows below are all numbers has a number in it too, where a header has a name
/// (a year heads a column of a wide table, so it does not count as a number here).
fn numbers_over_numbers(cells: &[String], body: &[SampleRecord]) -> bool {
    let plain = infer::NumberFormat {
        decimal_comma: false,
        thousands: None,
    };
    let is_number = |cell: &str| matches!(parse_number(cell, plain), Cell::Finite(_));
    let numeric_columns: Vec<usize> = (0..cells.len())
        .filter(|&column| {
            body.iter()
                .all(|record| record.cells.get(column).is_some_and(|cell| is_number(cell)))
        })
        .collect();
    !numeric_columns.is_empty()
        && numeric_columns.iter().all(|&column| {
            is_number(&cells[column]) && infer::header_year(&cells[column]).is_none()
        })
}

/// The records below the header that are rows of the table: notes below a complete sample
/// left out, and rows with other than `expected` cells left out when the user skips them; or
/// the line and cell count of the first such row when not.
fn table_body(
    records: &[SampleRecord],
    expected: usize,
    sample_complete: bool,
    skip_ragged_rows: bool,
) -> Result<Cow<'_, [SampleRecord]>, (usize, usize)> {
    let mut body = records;
    if sample_complete {
        while body
            .last()
            .is_some_and(|r| expected > 1 && sniff::is_title_or_note(&r.cells))
        {
            body = &body[..body.len() - 1];
        }
    }
    if skip_ragged_rows {
        return Ok(Cow::Owned(
            body.iter()
                .filter(|r| r.cells.len() == expected)
                .cloned()
                .collect(),
        ));
    }
    match body.iter().find(|r| r.cells.len() != expected) {
        Some(ragged) => Err((ragged.line, ragged.cells.len())),
        None => Ok(Cow::Borrowed(body)),
    }
}

/// The header row and its index among `records`; the lines above it are reported as skipped.
fn choose_header(records: &[SampleRecord], warnings: &mut Vec<String>) -> (usize, SampleRecord) {
    let (index, header) = header_record(records, warnings);
    if index > 0 {
        let first: Vec<&str> = records[0]
            .cells
            .iter()
            .map(|cell| cell.trim())
            .filter(|cell| !cell.is_empty())
            .collect();
        warnings.insert(
            0,
            format!(
                "skipped {index} line{} above the header (line {}: \"{}\")",
                if index == 1 { "" } else { "s" },
                records[0].line,
                shorten(&first.join(" "))
            ),
        );
    }
    (index, header)
}

/// The header row: the one [`sniff::header_index`] finds, unless the record above it names one
/// column fewer (pandas writes its index so, without a name); then that one, its first column
/// named.
fn header_record(records: &[SampleRecord], warnings: &mut Vec<String>) -> (usize, SampleRecord) {
    let found = sniff::header_index(records);
    let Some(above) = found.checked_sub(1).map(|i| &records[i]) else {
        return (found, records[found].clone());
    };
    let unnamed_first = above.cells.len() >= 2
        && above.cells.len() + 1 == records[found].cells.len()
        && !reads_as_data(&above.cells)
        && !sniff::is_title_or_note(&above.cells);
    if !unnamed_first {
        return (found, records[found].clone());
    }
    warnings.push(format!(
        "the header (line {}) names one column fewer than the rows have: the first column, an index without a name, is called \"column_1\"",
        above.line
    ));
    let mut header = above.clone();
    header.cells.insert(0, "column_1".to_owned());
    (found - 1, header)
}

/// Header names as polars needs them: none empty, none twice.
fn unique_names(cells: &[String], warnings: &mut Vec<String>) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(cells.len());
    let mut renamed = 0;
    for (index, cell) in cells.iter().enumerate() {
        let base = cell.trim();
        let mut name = if base.is_empty() {
            renamed += 1;
            format!("column_{}", index + 1)
        } else {
            base.to_owned()
        };
        if names.contains(&name) {
            renamed += 1;
            let mut suffix = 2;
            while names.contains(&format!("{name}_{suffix}")) {
                suffix += 1;
            }
            name = format!("{name}_{suffix}");
        }
        names.push(name);
    }
    if renamed > 0 {
        warnings.push(format!(
            "{renamed} column header{} empty or repeated and renamed",
            if renamed == 1 { " was" } else { "s were" }
        ));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statistical_office_table_is_read_from_its_text_alone() {
        let sample = "Trade with Russia\nUnit: USD bn\n\nyear;value\n2022;190,27\n2023;240,11\n";
        let dialect = decide(Path::new("t.csv"), sample, true, false).unwrap();
        assert_eq!(dialect.format.delimiter, b';');
        assert!(dialect.decimal_comma);
        assert_eq!(dialect.header_line, 4);
        assert_eq!(&sample[dialect.data_start..], "2022;190,27\n2023;240,11\n");
        let names: Vec<&str> = dialect.plans.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["year", "value"]);
    }
}
