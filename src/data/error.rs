//! The one error type of the data layer. Every variant names the file it is about and, where a
//! cell is at fault, the line (counted from 1, the header being line 1) and the column, so a
//! user can open the file at the right place; the messages end with what to do about it.

/// Where in a CSV file a problem sits: the file's name, the line (from 1) and the column name
/// with its position (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellLocation {
    pub file: String,
    pub line: usize,
    pub column_name: String,
    pub column_number: usize,
}

impl std::fmt::Display for CellLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, line {}, column {} (\"{}\")",
            self.file, self.line, self.column_number, self.column_name
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{file}, line {line}, column {column}: {message}. Fix the catalog entry and try again")]
    Catalog {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("{file}: the catalog has no dataset with id \"{id}\"")]
    UnknownDataset { file: String, id: String },

    #[error(
        "{file}, line 1: the header has no column \"{column}\" (found: {found}). Add the column or rename the one that holds it"
    )]
    MissingColumn {
        file: String,
        column: String,
        found: String,
    },

    #[error(
        "{file}, line 1: column \"{column}\" is not declared for this dataset (declared: {declared}). Remove it or fix its name"
    )]
    UnexpectedColumn {
        file: String,
        column: String,
        declared: String,
    },

    #[error("{at}: the cell is empty but this column needs a value. Fill it in or remove the row")]
    MissingValue { at: CellLocation },

    #[error("{at}: \"{value}\" is not {expected}. Correct the cell")]
    InvalidValue {
        at: CellLocation,
        value: String,
        expected: String,
    },

    #[error("{at}: \"{value}\" is not one of the allowed values ({allowed}). Use one of them")]
    NotAllowed {
        at: CellLocation,
        value: String,
        allowed: String,
    },

    #[error(
        "{file}, line {line}: a row with the same {key} already stands on line {first_line}. Remove one of the two"
    )]
    DuplicateRow {
        file: String,
        line: usize,
        first_line: usize,
        key: String,
    },

    #[error("{file}: {message}")]
    Csv { file: String, message: String },

    #[error("{path}: {message}")]
    ArticleFile { path: String, message: String },

    #[error("{file}: annotation \"{id}\": {message}")]
    Annotation {
        file: String,
        id: String,
        message: String,
    },
}

impl DataError {
    pub(crate) fn csv(file: &str, err: &polars::prelude::PolarsError) -> Self {
        Self::Csv {
            file: file.to_owned(),
            message: format!(
                "the file could not be read as CSV ({err}). Check that it is comma-separated text with a header row"
            ),
        }
    }

    /// Turns a TOML parse error into a located one: `toml` reports a byte span, people read
    /// lines and columns.
    pub(crate) fn toml(file: &str, text: &str, err: &toml::de::Error) -> Self {
        let (line, column) = err
            .span()
            .map_or((1, 1), |span| line_and_column(text, span.start));
        Self::Catalog {
            file: file.to_owned(),
            line,
            column,
            message: err.message().trim_end_matches('.').to_owned(),
        }
    }
}

/// The 1-based line and column (in characters) of a byte offset in a text.
pub fn line_and_column(text: &str, byte_offset: usize) -> (usize, usize) {
    let before = &text[..byte_offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}
