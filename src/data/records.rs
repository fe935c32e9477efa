//! A quote-aware pass over CSV text that finds where each record starts and how many fields it
//! has. polars reads the values fast but does not say on which line a bad value stands; this
//! pass gives every row its line number, so a message can send the user to the right line even
//! when quoted cells span several lines.

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

/// Scans `text` (separator `separator`, quote `"`) and lists its records, skipping blank lines.
pub fn scan_records(text: &str, separator: u8) -> Result<Vec<RecordStart>, RecordError> {
    let mut records = Vec::new();
    let mut line = 1;
    let mut record_line = 1;
    let mut fields = 1;
    let mut in_quotes = false;
    let mut quote_line = 1;
    let mut record_has_content = false;
    for &byte in text.as_bytes() {
        match byte {
            b'"' => {
                if !in_quotes {
                    quote_line = line;
                }
                in_quotes = !in_quotes;
                record_has_content = true;
            }
            b'\n' => {
                line += 1;
                if !in_quotes {
                    if record_has_content {
                        records.push(RecordStart {
                            line: record_line,
                            fields,
                        });
                    }
                    record_line = line;
                    fields = 1;
                    record_has_content = false;
                }
            }
            b'\r' => {}
            _ if byte == separator && !in_quotes => {
                fields += 1;
                record_has_content = true;
            }
            _ => record_has_content = true,
        }
    }
    if in_quotes {
        return Err(RecordError::UnterminatedQuote { line: quote_line });
    }
    if record_has_content {
        records.push(RecordStart {
            line: record_line,
            fields,
        });
    }
    Ok(records)
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
