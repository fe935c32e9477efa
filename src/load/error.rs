//! Every way a file can fail to load, each one sentence that names the file and, where it
//! applies, the line and column, and says what to do about it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: no such file. Check the path", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: this is a folder, not a file. Give the path of a .csv file inside it", path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}: this is not a regular file (a device, pipe or socket). Save the data to a .csv file and open that", path.display())]
    NotARegularFile { path: PathBuf },
    #[error("{}: cannot be read ({source}). Check that the file exists and that you may read it", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: the file is empty. A CSV file needs a header row and at least one row of data", path.display())]
    Empty { path: PathBuf },
    #[error("{}: the file has a header (line {header_line}) but no rows of data below it", path.display())]
    HeaderOnly { path: PathBuf, header_line: usize },
    #[error("{}: this is {what}, not a CSV file. Open it in your spreadsheet program and save it as \"CSV UTF-8\"", path.display())]
    Workbook { path: PathBuf, what: &'static str },
    #[error("{}: this is not a text file (it looks like binary data). Check that you chose the right file, or export the data as CSV", path.display())]
    Binary { path: PathBuf },
    #[error(
        "{}, line {line}, column {column}: the file contains a NUL byte, which a CSV file never has. It may be a binary file or damaged; save it again as CSV",
        path.display()
    )]
    NulByte {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}: the compressed data is damaged ({message}). Download or compress the file again", path.display())]
    Corrupt { path: PathBuf, message: String },
    #[error(
        "{}, line {line}: the line is longer than {limit_mb} MB. Check that this is a CSV file and that its lines end with line breaks",
        path.display()
    )]
    LineTooLong {
        path: PathBuf,
        line: usize,
        limit_mb: usize,
    },
    #[error("{}, line {line}: a quoted cell is never closed. Add the closing quote or remove the stray one", path.display())]
    UnterminatedQuote { path: PathBuf, line: usize },
    #[error(
        "{}, line {line}: the row has {found} cells but the header has {expected}. Check for a missing or extra delimiter, or quote cells that contain one; or load it without such rows (--skip-ragged-rows)",
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
    #[error(
        "{}, in the rows from line {line}: could not be read as CSV ({message}). Look there for a stray quote or delimiter",
        path.display()
    )]
    ParseFrom {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: loading was cancelled", path.display())]
    Cancelled { path: PathBuf },
    #[error("{}: there is no CSV, Parquet or Arrow file in this folder. Choose a folder of data files, or one file", path.display())]
    NoTableFiles { path: PathBuf },
    #[error("{}: no file matches this pattern. Check the folder and the pattern (* stands for any characters)", path.display())]
    NoMatch { path: PathBuf },
    #[error(
        "{}: its header ({columns}) is not that of {first} ({expected}); files read as one table share one. Open a glob naming only those (DIR/BACI_*.csv), or move this file out",
        path.display()
    )]
    HeaderDiffers {
        path: PathBuf,
        /// The file name of the first file, whose header the others must have.
        first: String,
        columns: String,
        expected: String,
    },
    #[error(
        "{}: the files are not all of one format ({} and {}). Keep one kind of file in the folder",
        path.display(),
        first.display(),
        other.display()
    )]
    MixedFormats {
        path: PathBuf,
        first: PathBuf,
        other: PathBuf,
    },
    #[error("{}: could not be read as {format} ({message}). Check that the file is complete, or write it again", path.display())]
    Columnar {
        path: PathBuf,
        format: &'static str,
        message: String,
    },
}
