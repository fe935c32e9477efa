//! A quote-aware pass over CSV text that finds where each record starts and how many fields it
//! has. polars reads the values fast but does not say on which line a bad value stands; this
//! pass gives every row its line number, so a message can send the user to the right line even
//! when quoted cells span several lines.

use crate::load::{CsvFormat, split_records};

/// One CSV record: the line it starts on (from 1) and how many fields it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordStart {
    pub line: usize,
    pub fields: usize,
}

/// What is wrong with the record structure of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// A quote opened on `line` is never closed.
    UnterminatedQuote { line: usize },
}

/// Lists the records of `text` (separator `separator`, quote `"`), skipping blank lines. The
/// loader's RFC 4180 splitter does the reading, so a dataset and a user's file are split alike.
pub fn scan_records(text: &str, separator: u8) -> Result<Vec<RecordStart>, RecordError> {
    let outcome = split_records(text, CsvFormat::with_delimiter(separator), true);
    if let Some(line) = outcome.open_quote_line {
        return Err(RecordError::UnterminatedQuote { line });
    }
    Ok(outcome
        .records
        .iter()
        .map(|record| RecordStart {
            line: record.line,
            fields: record.cells.len(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{RecordError, RecordStart, scan_records};

    #[test]
    fn counts_lines_across_quoted_newlines() {
        let text = "a,b\n1,\"two\nlines\"\n3,4\n";
        let records = scan_records(text, b',');
        assert_eq!(
            records,
            Ok(vec![
                RecordStart { line: 1, fields: 2 },
                RecordStart { line: 2, fields: 2 },
                RecordStart { line: 4, fields: 2 },
            ])
        );
    }

    #[test]
    fn reports_where_an_unclosed_quote_opened() {
        assert_eq!(
            scan_records("a,b\n1,2\n3,\"oops\n", b','),
            Err(RecordError::UnterminatedQuote { line: 3 })
        );
    }

    #[test]
    fn separators_inside_quotes_do_not_count_and_blank_lines_are_skipped() {
        let records = scan_records("a;b\r\n\r\n\"x;y\";2\r\n", b';');
        assert_eq!(
            records,
            Ok(vec![
                RecordStart { line: 1, fields: 2 },
                RecordStart { line: 3, fields: 2 },
            ])
        );
    }
}
