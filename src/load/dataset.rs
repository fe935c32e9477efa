//! A table polars reads where it lies: a CSV file it can parse as written, a Parquet or Arrow
//! IPC file, or a folder (or glob) of such files with one header, read as one table. Queries
//! on it (a chart's columns, filters and sums) run in polars' streaming engine, so only what a
//! chart needs is read and nothing it does not show is held.
//!
//! Files that need our own reading (another encoding, gzip, a preamble above the header,
//! thousands separators, cells the first megabyte did not predict, notes below the table) are
//! loaded whole by the loader, with its line-precise messages; so is every CSV file under
//! [`SCAN_FROM_BYTES`], where holding the table costs little.

use std::io::{Read as _, Seek as _, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use super::chunk::ChunkParser;
use super::infer::{ColumnKind, ColumnPlan, plan_column};
use super::report::{ColumnReport, CsvReport};
use super::sniff::{CsvFormat, NO_QUOTE};
use super::{LoadControl, LoadError, LoadedCsv, TableShape, load_csv_with, read_head};

/// From this size on, a CSV file polars can read as written is queried where it lies instead of
/// being loaded whole.
pub const SCAN_FROM_BYTES: u64 = 64 << 20;
/// The rows of a Parquet or Arrow file whose cells decide what each column holds.
const SAMPLE_ROWS: u32 = 1000;
/// The end of a CSV file searched for notes below the table.
const TAIL_BYTES: u64 = 64 << 10;

/// The file formats a table can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Parquet,
    ArrowIpc,
}

impl FileFormat {
    /// The format of the file at `path`, from its first bytes (a Parquet file saved as `.csv`
    /// is still Parquet), else its extension.
    pub fn of(path: &Path) -> Self {
        let mut magic = [0_u8; 6];
        let read = std::fs::File::open(path)
            .and_then(|mut file| file.read(&mut magic))
            .unwrap_or(0);
        if magic[..read].starts_with(b"PAR1") {
            return Self::Parquet;
        }
        if magic[..read].starts_with(b"ARROW1") {
            return Self::ArrowIpc;
        }
        match extension(path).as_str() {
            "parquet" | "pq" => Self::Parquet,
            "arrow" | "feather" | "ipc" => Self::ArrowIpc,
            _ => Self::Csv,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Csv => "CSV",
            Self::Parquet => "Parquet",
            Self::ArrowIpc => "Arrow IPC",
        }
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether a file of this name is a table bilateral opens when it is in a folder it is given.
pub fn is_table_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    [
        ".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz", ".parquet", ".pq", ".arrow", ".feather",
        ".ipc",
    ]
    .iter()
    .any(|ext| name.ends_with(ext))
}

/// Where a user's table is: in memory, or in files polars reads for each query.
#[derive(Debug, Clone)]
pub enum TableData {
    /// Parsed whole by the loader.
    Frame(DataFrame),
    /// Read where it lies, a query at a time.
    Scan(Dataset),
}

impl TableData {
    pub fn lazy(&self) -> PolarsResult<LazyFrame> {
        match self {
            Self::Frame(frame) => Ok(frame.clone().lazy()),
            Self::Scan(dataset) => dataset.lazy(),
        }
    }

    /// Runs `query`: on files in polars' streaming engine, which holds a batch at a time.
    pub fn collect(&self, query: LazyFrame) -> PolarsResult<DataFrame> {
        match self {
            Self::Frame(_) => query.collect(),
            Self::Scan(_) => collect_streaming(query),
        }
    }

    pub fn is_scan(&self) -> bool {
        matches!(self, Self::Scan(_))
    }
}

/// Files polars reads as one table.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub files: Vec<PathBuf>,
    format: ScanFormat,
}

#[derive(Debug, Clone)]
enum ScanFormat {
    Csv(CsvScan),
    Parquet,
    ArrowIpc,
}

/// How polars is to read CSV files: as the first megabyte of the first one said.
#[derive(Debug, Clone)]
struct CsvScan {
    format: CsvFormat,
    decimal_comma: bool,
    has_header: bool,
    schema: SchemaRef,
    missing: Option<NullValues>,
}

impl Dataset {
    pub fn lazy(&self) -> PolarsResult<LazyFrame> {
        let paths = self
            .files
            .iter()
            .map(|path| PlRefPath::try_from_path(path))
            .collect::<PolarsResult<Vec<_>>>()?;
        match &self.format {
            ScanFormat::Csv(scan) => {
                let parse = scan.clone();
                LazyCsvReader::new_paths(paths.into())
                    .with_has_header(scan.has_header)
                    .with_schema(Some(Arc::clone(&scan.schema)))
                    .map_parse_options(move |options| {
                        options
                            .with_separator(parse.format.delimiter)
                            .with_quote_char(Some(parse.format.quote).filter(|&q| q != NO_QUOTE))
                            .with_decimal_comma(parse.decimal_comma)
                            .with_null_values(parse.missing.clone())
                    })
                    .finish()
            }
            ScanFormat::Parquet => {
                LazyFrame::scan_parquet_files(paths.into(), ScanArgsParquet::default())
            }
            ScanFormat::ArrowIpc => LazyFrame::scan_ipc_sources(
                ScanSources::Paths(paths.into()),
                IpcScanOptions::default(),
                UnifiedScanArgs::default(),
            ),
        }
    }
}

/// A table opened for charting, with what the loader found.
#[derive(Debug, Clone)]
pub struct OpenedTable {
    /// What the user opened: a file, a folder or a glob.
    pub path: PathBuf,
    pub data: TableData,
    pub report: CsvReport,
    pub plans: Vec<ColumnPlan>,
    pub shape: TableShape,
}

impl OpenedTable {
    fn loaded(path: &Path, loaded: LoadedCsv) -> Self {
        Self {
            path: path.to_path_buf(),
            data: TableData::Frame(loaded.frame),
            report: loaded.report,
            plans: loaded.plans,
            shape: loaded.shape,
        }
    }
}

/// How much [`open_table`] finds out about a table polars reads where it lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Survey {
    /// Count rows and empty cells: one pass over the files, for the report.
    Count,
    /// Only what the first rows say: the caller runs its own query.
    Skip,
}

/// Opens a CSV, Parquet or Arrow file, a folder of them, or the files a glob (`DIR/*.csv`)
/// names, as one table.
pub fn open_table(
    path: &Path,
    control: &LoadControl,
    survey: Survey,
) -> Result<OpenedTable, LoadError> {
    open_table_with(path, control, survey, SCAN_FROM_BYTES)
}

/// [`open_table`], reading a single CSV file where it lies from `scan_from_bytes` on.
pub fn open_table_with(
    path: &Path,
    control: &LoadControl,
    survey: Survey,
    scan_from_bytes: u64,
) -> Result<OpenedTable, LoadError> {
    let files = expand(path)?;
    let formats: Vec<FileFormat> = files.iter().map(|file| FileFormat::of(file)).collect();
    if let Some(other) = formats.iter().position(|f| *f != formats[0]) {
        return Err(LoadError::MixedFormats {
            path: path.to_path_buf(),
            first: files[0].clone(),
            other: files[other].clone(),
        });
    }
    match formats[0] {
        FileFormat::Csv => open_csv(path, &files, control, survey, scan_from_bytes),
        columnar => open_columnar(path, files, columnar, survey, control),
    }
}

/// The files `path` stands for: itself, the table files in the folder it names (sorted by
/// name), or the files its last part matches as a glob (`*` and `?`).
pub fn expand(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    if path.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|source| LoadError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|file| file.is_file() && is_table_file(file))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(LoadError::NoTableFiles {
                path: path.to_path_buf(),
            });
        }
        return Ok(files);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if path.exists() || !name.contains(['*', '?']) {
        return Ok(vec![path.to_path_buf()]);
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|file| {
                    file.is_file()
                        && file
                            .file_name()
                            .is_some_and(|n| glob_matches(&name, &n.to_string_lossy()))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        return Err(LoadError::NoMatch {
            path: path.to_path_buf(),
        });
    }
    Ok(files)
}

/// Whether `name` matches `pattern`, where `*` stands for any run of characters and `?` for one.
fn glob_matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    // The classic two-pointer match: on a mismatch, let the last `*` take one more character.
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((star_p, star_n)) => {
                    p = star_p + 1;
                    n = star_n + 1;
                    star = Some((star_p, star_n + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// Reads `path` whole into memory: CSV files by our own loader, which reads cells polars
/// refuses (or says where they are), however polars could have read them.
pub fn open_whole(path: &Path, control: &LoadControl) -> Result<OpenedTable, LoadError> {
    let files = expand(path)?;
    if FileFormat::of(&files[0]) == FileFormat::Csv {
        return load_all(path, &files, control);
    }
    let opened = open_table(path, control, Survey::Count)?;
    let frame = opened
        .data
        .lazy()
        .and_then(|lazy| opened.data.collect(lazy))
        .map_err(|err| LoadError::Columnar {
            path: path.to_path_buf(),
            format: FileFormat::of(&files[0]).label(),
            message: super::clip(&err.to_string(), 120),
        })?;
    Ok(OpenedTable {
        data: TableData::Frame(frame),
        ..opened
    })
}

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
    let readable = head.plain_text
        && !head.compressed
        && dialect.header_line <= 1
        && plain_columns
        && TableShape::detect(&dialect.plans) == TableShape::Long
        && clean_end(file, dialect.format);
    if !readable {
        return Ok(None);
    }
    let parser = ChunkParser::new(file, &dialect);
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
    super::trailing_notes(&tail[start..], format)
        .first_line
        .is_none()
}

fn open_csv(
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
                first: files[0].clone(),
                columns: super::clip(&these.join(","), 80),
                expected: super::clip(&first.join(","), 80),
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
fn load_all(
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
        message: super::clip(&err.to_string(), 120),
    }
}

fn file_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn files_note(files: &[PathBuf]) -> String {
    format!(
        "{} files read as one table ({} to {})",
        files.len(),
        file_name(&files[0]),
        file_name(&files[files.len() - 1])
    )
}

fn open_columnar(
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
        message: super::clip(&err.to_string(), 120),
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

/// Runs `query` in polars' streaming engine, which holds a batch of rows at a time.
fn collect_streaming(query: LazyFrame) -> PolarsResult<DataFrame> {
    Ok(query
        .collect_with_engine(Engine::Streaming)?
        .unwrap_single())
}

/// The table of `dataset` with its report, counted in one streamed pass if `survey` asks.
fn surveyed(
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

#[cfg(test)]
mod tests {
    use super::glob_matches;

    #[test]
    fn globs_match_as_shells_do() {
        assert!(glob_matches("*.csv", "2019.csv"));
        assert!(glob_matches(
            "BACI_HS92_Y20??_V*.csv",
            "BACI_HS92_Y2021_V202401.csv"
        ));
        assert!(!glob_matches("*.csv", "2019.csv.gz"));
        assert!(!glob_matches("20?.csv", "2019.csv"));
        assert!(glob_matches("*", "anything"));
    }
}
