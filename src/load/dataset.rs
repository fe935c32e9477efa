//! A table polars reads where it lies: a CSV file it can parse as written, a Parquet or Arrow
//! IPC file, or a folder (or glob) of such files with one header, read as one table. Queries
//! on it (a chart's columns, filters and sums) run in polars' streaming engine, so only what a
//! chart needs is read and nothing it does not show is held.
//!
//! Files that need our own reading (another encoding, gzip, a preamble above the header,
//! thousands separators, cells the first megabyte did not predict, notes below the table) are
//! loaded whole by the loader, with its line-precise messages; so is every CSV file under
//! [`SCAN_FROM_BYTES`], where holding the table costs little.

mod csv;
mod survey;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use super::infer::ColumnPlan;
use super::report::CsvReport;
use super::sniff::{CsvFormat, NO_QUOTE};
use super::{LoadControl, LoadError, LoadedCsv, TableShape};

/// From this size on, a CSV file polars can read as written is queried where it lies instead of
/// being loaded whole.
pub const SCAN_FROM_BYTES: u64 = 64 << 20;

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
            .map(|path| file_url(path))
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

/// `path` as a `file://` address. polars memory-maps a plain local path, and every page it
/// reads then counts against the process (a 1 GB file's query peaked at 1 GB); an address is
/// read in chunks of 32 MB, streamed through, for the same time (docs/PERFORMANCE.md).
fn file_url(path: &Path) -> PolarsResult<PlRefPath> {
    let absolute = std::path::absolute(path)?;
    let text = absolute.to_string_lossy().replace('\\', "/");
    let rooted = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    Ok(PlRefPath::new(format!("file://{rooted}")))
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
        FileFormat::Csv => csv::open_csv(path, &files, control, survey, scan_from_bytes),
        columnar => survey::open_columnar(path, files, columnar, survey, control),
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
        return csv::load_all(path, &files, control);
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

/// Runs `query` in polars' streaming engine, which holds a batch of rows at a time.
fn collect_streaming(query: LazyFrame) -> PolarsResult<DataFrame> {
    Ok(query
        .collect_with_engine(Engine::Streaming)?
        .unwrap_single())
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
