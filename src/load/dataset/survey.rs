//! What a table read where it lies holds: the kinds of a Parquet or Arrow file's columns from a
//! sample of its rows, and the report's counts of rows and empty cells from one streamed pass.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::{
    CsvScan, Dataset, FileFormat, OpenedTable, ScanFormat, Survey, TableData, collect_streaming,
    files_note,
};
use crate::load::infer::{ColumnPlan, plan_column};
use crate::load::report::{ColumnReport, CsvReport};
use crate::load::sniff::{CsvFormat, NO_QUOTE};
use crate::load::{LoadControl, LoadError, TableShape};

/// The rows of a Parquet or Arrow file whose cells decide what each column holds.
const SAMPLE_ROWS: u32 = 1000;

pub(super) fn open_columnar(
    path: &Path,
    files: Vec<PathBuf>,
    format: FileFormat,
    survey: Survey,
    control: &LoadControl,
) -> Result<OpenedTable, LoadError> {
    let dataset = Dataset {
        files,
        format: if format == FileFormat::Parquet {
            ScanFormat::Parquet
        } else {
            ScanFormat::ArrowIpc
        },
    };
    let unreadable = |err: PolarsError| LoadError::Columnar {
        path: path.to_path_buf(),
        format: format.label(),
        message: crate::load::clip(&err.to_string(), 120),
    };
    let lazy = dataset.lazy().map_err(unreadable)?;
    let sample = collect_streaming(lazy.limit(SAMPLE_ROWS)).map_err(unreadable)?;
    let plans = sample_plans(&sample).map_err(unreadable)?;
    let csv = CsvScan {
        format: CsvFormat::with_delimiter(b','),
        decimal_comma: false,
        has_header: true,
        schema: sample.schema().clone(),
        missing: None,
    };
    let opened = surveyed(path, dataset, plans, survey, &csv, control).map_err(unreadable)?;
    if matches!(opened.shape, TableShape::Wide { .. }) {
        // A wide table is reshaped in memory; one column per year is never a big table.
        let frame = opened
            .data
            .collect(opened.data.lazy().map_err(unreadable)?)
            .map_err(unreadable)?;
        return Ok(OpenedTable {
            data: TableData::Frame(frame),
            ..opened
        });
    }
    Ok(opened)
}

/// What each column of a sample holds, decided from its cells as text as for a CSV file.
fn sample_plans(sample: &DataFrame) -> PolarsResult<Vec<ColumnPlan>> {
    let mut plans = Vec::with_capacity(sample.width());
    for (index, column) in sample.columns().iter().enumerate() {
        let texts = column.cast(&DataType::String)?;
        let cells: Vec<&str> = texts.str()?.iter().map(|c| c.unwrap_or("")).collect();
        let mut plan = plan_column(column.name(), index, &cells, false);
        // The file says how the values are stored; the cells only say what they mean.
        plan.convert_from_text = false;
        plan.digits_as_text = column.dtype() == &DataType::String;
        plans.push(plan);
    }
    Ok(plans)
}

/// The table of `dataset` with its report, counted in one streamed pass if `survey` asks.
pub(super) fn surveyed(
    path: &Path,
    dataset: Dataset,
    plans: Vec<ColumnPlan>,
    survey: Survey,
    csv: &CsvScan,
    control: &LoadControl,
) -> PolarsResult<OpenedTable> {
    let lazy = dataset.lazy()?;
    let schema = lazy.clone().collect_schema()?;
    let counted = match survey {
        Survey::Count => {
            control.set_querying(true);
            let counted = count_cells(lazy, &schema);
            control.set_querying(false);
            Some(counted?)
        }
        Survey::Skip => None,
    };
    let format = match dataset.format {
        ScanFormat::Csv(_) => FileFormat::Csv,
        ScanFormat::Parquet => FileFormat::Parquet,
        ScanFormat::ArrowIpc => FileFormat::ArrowIpc,
    };
    let shape = TableShape::detect(&plans);
    let mut warnings = Vec::new();
    if dataset.files.len() > 1 {
        warnings.push(files_note(&dataset.files));
    }
    let (rows, cells) = counted.clone().unwrap_or_default();
    let mut columns = Vec::with_capacity(plans.len());
    for (index, (plan, (_, dtype))) in plans.iter().zip(schema.iter()).enumerate() {
        let (nulls, non_finite) = cells.get(index).copied().unwrap_or_default();
        if counted.is_some() && nulls == rows {
            warnings.push(format!("column \"{}\" is empty in every row", plan.name));
        }
        columns.push(ColumnReport {
            name: plan.name.clone(),
            dtype: dtype.to_string(),
            kind: plan.kind,
            nulls,
            invalid: 0,
            non_finite,
            examples: plan.examples.clone(),
        });
    }
    let is_csv = format == FileFormat::Csv;
    let report = CsvReport {
        path: path.display().to_string(),
        rows,
        columns,
        delimiter: match csv.format.delimiter {
            _ if !is_csv => String::new(),
            b'\t' => "\\t".to_owned(),
            other => char::from(other).to_string(),
        },
        quote: if is_csv && csv.format.quote != NO_QUOTE {
            char::from(csv.format.quote).to_string()
        } else {
            String::new()
        },
        header_line: usize::from(csv.has_header),
        encoding: if is_csv { "UTF-8" } else { format.label() }.to_owned(),
        decimal_mark: if csv.decimal_comma { "," } else { "." }.to_owned(),
        compressed: false,
        shape: shape.label().to_owned(),
        skipped_rows: 0,
        warnings,
    };
    Ok(OpenedTable {
        path: path.to_path_buf(),
        data: TableData::Scan(dataset),
        report,
        plans,
        shape,
    })
}

/// The rows, and each column's empty cells and NaN or infinite numbers.
type CellTally = (usize, Vec<(usize, usize)>);

/// Counts rows and cells in one streamed pass.
fn count_cells(lazy: LazyFrame, schema: &Schema) -> PolarsResult<CellTally> {
    let mut counts = vec![len().alias("__rows")];
    for (index, (name, dtype)) in schema.iter().enumerate() {
        counts.push(
            col(name.clone())
                .null_count()
                .alias(format!("__null{index}")),
        );
        if dtype.is_float() {
            counts.push(
                col(name.clone())
                    .is_finite()
                    .not()
                    .sum()
                    .alias(format!("__odd{index}")),
            );
        }
    }
    let tally = collect_streaming(lazy.select(counts))?;
    let count = |name: &str| -> PolarsResult<usize> {
        match tally.column(name) {
            Ok(column) => Ok(column.cast(&DataType::UInt64)?.u64()?.get(0).unwrap_or(0) as usize),
            Err(_) => Ok(0),
        }
    };
    let rows = count("__rows")?;
    let mut cells = Vec::with_capacity(schema.len());
    for index in 0..schema.len() {
        cells.push((
            count(&format!("__null{index}"))?,
            count(&format!("__odd{index}"))?,
        ));
    }
    Ok((rows, cells))
}
