//! The one reading of CSV record structure. Every pass that needs to know where records and
//! cells begin and end walks the text with [`scan`]: splitting the sniffed sample into cells,
//! finding where a chunk's last whole record ends, checking cell counts, dropping blank lines,
//! and finding the line of a row for a message. They cannot disagree about what a quote means.
//!
//! The rules are RFC 4180's, as spreadsheets write it: a cell that starts with the quote runs to
//! the matching quote, `""` inside it is one quote, and a quote anywhere else in a cell is an
//! ordinary character (`5" screen`). Line breaks inside quoted cells belong to the cell. A `\r`
//! before a line break is no part of the cell.

use super::sniff::CsvFormat;

/// One record as the scanner found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSpan {
    /// The line it starts on, from 1.
    pub line: usize,
    /// Its first byte.
    pub start: usize,
    /// The byte just past its end, past the line break if it has one.
    pub end: usize,
    pub cells: usize,
    /// One unquoted cell of nothing but spaces: a blank line, not a row.
    pub blank: bool,
    /// The text ends inside it, with no line break: more may follow in a later chunk.
    pub unterminated: bool,
}

/// A quote opened on this line and never closed before the text ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenQuote {
    pub line: usize,
    /// Where the record holding it starts.
    pub record_start: usize,
}

/// What a pass does with the records the scanner finds. Only what a pass needs is overridden;
/// cell text is handed over only to passes that ask for it.
pub trait RecordVisitor {
    /// Whether [`RecordVisitor::cell_text`] is wanted.
    const WANTS_TEXT: bool = false;
    /// A piece of the current cell's text, quotes removed and `""` made one quote.
    fn cell_text(&mut self, _piece: &[u8]) {}
    fn cell_end(&mut self) {}
    /// A record has ended; returning `false` stops the scan.
    fn record_end(&mut self, _record: &RecordSpan) -> bool {
        true
    }
}

/// Walks `text` record by record, telling `visitor` what it finds.
///
/// # Errors
/// [`OpenQuote`] when a quoted cell is still open where the text ends.
pub fn scan(
    text: &[u8],
    format: CsvFormat,
    visitor: &mut impl RecordVisitor,
) -> Result<(), OpenQuote> {
    let mut scanner = Scanner {
        text,
        format,
        at: 0,
        line: 1,
    };
    while scanner.at < text.len() {
        let record = scanner.record(visitor)?;
        if !visitor.record_end(&record) {
            break;
        }
    }
    Ok(())
}

struct Scanner<'a> {
    text: &'a [u8],
    format: CsvFormat,
    at: usize,
    line: usize,
}

impl Scanner<'_> {
    fn record<V: RecordVisitor>(&mut self, visitor: &mut V) -> Result<RecordSpan, OpenQuote> {
        let (start, line) = (self.at, self.line);
        let mut cells = 0;
        let mut quoted = false;
        loop {
            cells += 1;
            if self.text.get(self.at) == Some(&self.format.quote) {
                quoted = true;
                self.quoted_part(visitor).map_err(|line| OpenQuote {
                    line,
                    record_start: start,
                })?;
            }
            let ended_by = self.plain_part(visitor);
            visitor.cell_end();
            if ended_by != Some(self.format.delimiter) {
                let unterminated = ended_by.is_none();
                let blank = cells == 1
                    && !quoted
                    && self.text[start..self.at]
                        .iter()
                        .all(u8::is_ascii_whitespace);
                return Ok(RecordSpan {
                    line,
                    start,
                    end: self.at,
                    cells,
                    blank,
                    unterminated,
                });
            }
        }
    }

    /// Reads a quoted cell's text from its opening quote to its closing one; on a quote that
    /// never closes, the line it opened on.
    fn quoted_part<V: RecordVisitor>(&mut self, visitor: &mut V) -> Result<(), usize> {
        let (quote, opened_on) = (self.format.quote, self.line);
        self.at += 1;
        loop {
            let rest = &self.text[self.at..];
            let Some(found) = memchr::memchr(quote, rest) else {
                return Err(opened_on);
            };
            self.line += memchr::memchr_iter(b'\n', &rest[..found]).count();
            let escaped = rest.get(found + 1) == Some(&quote);
            if V::WANTS_TEXT {
                visitor.cell_text(&rest[..found + usize::from(escaped)]);
            }
            self.at += found + 1 + usize::from(escaped);
            if !escaped {
                return Ok(());
            }
        }
    }

    /// Reads the rest of a cell up to a delimiter (consumed, and returned) or a line break
    /// (consumed; `\n` returned), or to the end of the text (`None`).
    fn plain_part<V: RecordVisitor>(&mut self, visitor: &mut V) -> Option<u8> {
        let (rest, delimiter) = (&self.text[self.at..], self.format.delimiter);
        // Cells are mostly short: a plain loop finds their end sooner than memchr2 sets up.
        let Some(found) = rest.iter().position(|&b| b == delimiter || b == b'\n') else {
            if V::WANTS_TEXT {
                visitor.cell_text(rest);
            }
            self.at = self.text.len();
            return None;
        };
        let ended_by = rest[found];
        if V::WANTS_TEXT {
            let mut piece = &rest[..found];
            if ended_by == b'\n' {
                piece = piece.strip_suffix(b"\r").unwrap_or(piece);
            }
            visitor.cell_text(piece);
        }
        self.at += found + 1;
        if ended_by == b'\n' {
            self.line += 1;
        }
        Some(ended_by)
    }
}

/// The end of the last whole record of `text` (which starts at a record boundary): the last line
/// break outside quoted cells. `None` when not even the first record ends in `text`.
pub fn last_record_end(text: &[u8], format: CsvFormat) -> Option<usize> {
    struct LastEnd(Option<usize>);
    impl RecordVisitor for LastEnd {
        fn record_end(&mut self, record: &RecordSpan) -> bool {
            if !record.unterminated {
                self.0 = Some(record.end);
            }
            true
        }
    }
    let mut last = LastEnd(None);
    // A quote still open at the end belongs to a record a later chunk completes.
    let _ = scan(text, format, &mut last);
    last.0
}

/// Whether every record of `text` that is not blank has `expected` cells and every quote
/// closes: the quick check, building no cells.
pub fn cell_counts_agree(text: &[u8], format: CsvFormat, expected: usize) -> bool {
    struct Counts {
        expected: usize,
        agree: bool,
    }
    impl RecordVisitor for Counts {
        fn record_end(&mut self, record: &RecordSpan) -> bool {
            self.agree = record.blank || record.cells == self.expected;
            self.agree
        }
    }
    let mut counts = Counts {
        expected,
        agree: true,
    };
    scan(text, format, &mut counts).is_ok() && counts.agree
}

/// `text` without its blank lines (line breaks inside quoted cells are no blank lines).
pub fn without_blank_records(text: &[u8], format: CsvFormat) -> Vec<u8> {
    struct Kept<'a> {
        text: &'a [u8],
        kept: Vec<u8>,
    }
    impl RecordVisitor for Kept<'_> {
        fn record_end(&mut self, record: &RecordSpan) -> bool {
            if !record.blank {
                self.kept
                    .extend_from_slice(&self.text[record.start..record.end]);
            }
            true
        }
    }
    let mut kept = Kept {
        text,
        kept: Vec::with_capacity(text.len()),
    };
    if let Err(open) = scan(text, format, &mut kept) {
        // What an open quote holds is reported by the cell-count check; keep it as it is.
        kept.kept.extend_from_slice(&text[open.record_start..]);
    }
    kept.kept
}

/// The line each record of `text` that is not blank starts on, from 1.
pub fn record_lines(text: &[u8], format: CsvFormat) -> Vec<usize> {
    struct Lines(Vec<usize>);
    impl RecordVisitor for Lines {
        fn record_end(&mut self, record: &RecordSpan) -> bool {
            if !record.blank {
                self.0.push(record.line);
            }
            true
        }
    }
    let mut lines = Lines(Vec::new());
    let _ = scan(text, format, &mut lines);
    lines.0
}

#[cfg(test)]
mod tests {
    use super::{
        OpenQuote, cell_counts_agree, last_record_end, record_lines, scan, without_blank_records,
    };
    use crate::load::sniff::CsvFormat;

    const COMMA: CsvFormat = CsvFormat {
        delimiter: b',',
        quote: b'"',
    };

    #[test]
    fn the_last_record_end_skips_line_breaks_inside_quotes() {
        assert_eq!(last_record_end(b"1,2\n3,4\n5,", COMMA), Some(8));
        assert_eq!(last_record_end(b"1,\"a\nb\"\n3,\"c\nd", COMMA), Some(8));
        assert_eq!(last_record_end(b"1,\"a\nb", COMMA), None);
        // An inch mark opens no quote, so the line break after it ends the record.
        assert_eq!(last_record_end(b"TV,5\" screen\nradio,", COMMA), Some(13));
    }

    #[test]
    fn cell_counts_are_read_as_the_cells_are() {
        assert!(cell_counts_agree(
            b"a,\"b,c\"\r\n\r\n1,\"x\ny\"\n",
            COMMA,
            2
        ));
        assert!(!cell_counts_agree(b"a,b\n1,2,3\n", COMMA, 2));
        assert!(!cell_counts_agree(b"a,b\n1,\"open\n", COMMA, 2));
        assert!(cell_counts_agree(b"size,v\n5\" screen,1\n", COMMA, 2));
    }

    #[test]
    fn blank_lines_go_but_blank_lines_inside_quotes_stay() {
        let text = b"a,b\n\n1,\"x\n\ny\"\r\n \r\n2,3";
        assert_eq!(
            without_blank_records(text, COMMA),
            b"a,b\n1,\"x\n\ny\"\r\n2,3".to_vec()
        );
        assert_eq!(record_lines(text, COMMA), [1, 3, 7]);
    }

    #[test]
    fn an_open_quote_names_its_line() {
        struct Nothing;
        impl super::RecordVisitor for Nothing {}
        assert_eq!(
            scan(b"a,b\n1,2\n3,\"oops\n4,5\n", COMMA, &mut Nothing),
            Err(OpenQuote {
                line: 3,
                record_start: 8
            })
        );
    }
}
