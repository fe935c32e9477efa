//! The one reading of CSV record structure. Every pass that needs to know where records and
//! cells begin and end walks the text with [`scan`]: splitting the sniffed sample into cells,
//! finding where a chunk's last whole record ends, checking cell counts, rewriting a chunk
//! polars would misread (blank lines, stray quotes), finding the notes below a table, and
//! finding the line of a row for a message. They cannot disagree about what a quote means.
//!
//! The rules are RFC 4180's, as spreadsheets write it: a cell that starts with the quote runs to
//! the matching quote, `""` inside it is one quote, and a quote anywhere else in a cell is an
//! ordinary character (`5" screen`). Line breaks inside quoted cells belong to the cell. A `\r`
//! before a line break is no part of the cell.

use super::sniff::{CsvFormat, NO_QUOTE};

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
    /// A quote that does not quote a whole cell: one inside an unquoted cell (`5" screen`) or
    /// text after a closing quote (`"a"b`). polars would read either as opening a quote.
    pub stray_quote: bool,
}

/// Which records become rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowsKept {
    /// Every record that is not blank.
    All,
    /// Only records with this many cells: the user chose to skip the others.
    WithCells(usize),
}

impl RowsKept {
    pub fn keeps(self, record: &RecordSpan) -> bool {
        !record.blank
            && match self {
                Self::All => true,
                Self::WithCells(cells) => record.cells == cells,
            }
    }
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
    /// The current cell has ended; `quoted` if it started with a quote.
    fn cell_end(&mut self, _quoted: bool) {}
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
        let (mut cells, mut any_quoted, mut stray_quote) = (0, false, false);
        loop {
            cells += 1;
            let quoted = self.text.get(self.at) == Some(&self.format.quote);
            if quoted {
                any_quoted = true;
                self.quoted_part(visitor).map_err(|line| OpenQuote {
                    line,
                    record_start: start,
                })?;
            }
            let (ended_by, stray) = self.plain_part(visitor, quoted);
            stray_quote |= stray;
            visitor.cell_end(quoted);
            if ended_by != Some(self.format.delimiter) {
                let unterminated = ended_by.is_none();
                let blank = cells == 1
                    && !any_quoted
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
                    stray_quote,
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

    /// Reads the rest of a cell (all of it, or what follows its closing quote when `after_quote`)
    /// up to a delimiter (consumed, and returned) or a line break (consumed; `\n` returned), or to
    /// the end of the text (`None`); and whether it holds a stray quote.
    fn plain_part<V: RecordVisitor>(
        &mut self,
        visitor: &mut V,
        after_quote: bool,
    ) -> (Option<u8>, bool) {
        let (rest, delimiter, quote) = (
            &self.text[self.at..],
            self.format.delimiter,
            self.format.quote,
        );
        let mut quotes = false;
        // Cells are mostly short: a plain loop finds their end sooner than memchr sets up.
        let end = rest.iter().position(|&b| {
            quotes |= b == quote;
            b == delimiter || b == b'\n'
        });
        let ended_by = end.map(|found| rest[found]);
        let mut piece = &rest[..end.unwrap_or(rest.len())];
        if ended_by == Some(b'\n') {
            piece = piece.strip_suffix(b"\r").unwrap_or(piece);
        }
        if V::WANTS_TEXT {
            visitor.cell_text(piece);
        }
        self.at = end.map_or(self.text.len(), |found| self.at + found + 1);
        if ended_by == Some(b'\n') {
            self.line += 1;
        }
        (ended_by, quotes || (after_quote && !piece.is_empty()))
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

/// What a chunk's records are like, read in one pass building no cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkShape {
    /// Every record that is not blank has the expected number of cells, and every quote closes.
    pub counts_agree: bool,
    pub blank_records: bool,
    pub stray_quotes: bool,
}

impl ChunkShape {
    /// Whether polars needs the chunk rewritten ([`normalized`]) to read it as we do.
    pub fn needs_rewrite(self) -> bool {
        self.blank_records || self.stray_quotes
    }
}

pub fn chunk_shape(text: &[u8], format: CsvFormat, expected: usize) -> ChunkShape {
    struct Shape {
        expected: usize,
        shape: ChunkShape,
    }
    impl RecordVisitor for Shape {
        fn record_end(&mut self, record: &RecordSpan) -> bool {
            self.shape.blank_records |= record.blank;
            self.shape.stray_quotes |= record.stray_quote;
            self.shape.counts_agree = record.blank || record.cells == self.expected;
            self.shape.counts_agree
        }
    }
    let mut shape = Shape {
        expected,
        shape: ChunkShape {
            counts_agree: true,
            blank_records: false,
            stray_quotes: false,
        },
    };
    let closed = scan(text, format, &mut shape).is_ok();
    shape.shape.counts_agree &= closed;
    shape.shape
}

/// `text` as polars reads it the way we do: blank lines dropped (line breaks inside quoted cells
/// are none), and every cell that holds the quote, the delimiter or a line break written in
/// quotes, its quotes doubled; only the records `kept`. Records end in `\n`.
pub fn normalized(text: &[u8], format: CsvFormat, kept: RowsKept) -> Vec<u8> {
    struct Writer {
        format: CsvFormat,
        kept: RowsKept,
        cell: Vec<u8>,
        record: Vec<u8>,
        cells_written: usize,
        out: Vec<u8>,
    }
    impl RecordVisitor for Writer {
        const WANTS_TEXT: bool = true;
        fn cell_text(&mut self, piece: &[u8]) {
            self.cell.extend_from_slice(piece);
        }
        fn cell_end(&mut self, quoted: bool) {
            let CsvFormat { delimiter, quote } = self.format;
            if self.cells_written > 0 {
                self.record.push(delimiter);
            }
            self.cells_written += 1;
            let needs_quotes = quote != NO_QUOTE
                && (quoted
                    || self
                        .cell
                        .iter()
                        .any(|&b| b == quote || b == delimiter || b == b'\n' || b == b'\r'));
            if needs_quotes {
                self.record.push(quote);
                for &byte in &self.cell {
                    self.record.push(byte);
                    if byte == quote {
                        self.record.push(quote);
                    }
                }
                self.record.push(quote);
            } else {
                self.record.extend_from_slice(&self.cell);
            }
            self.cell.clear();
        }
        fn record_end(&mut self, record: &RecordSpan) -> bool {
            if self.kept.keeps(record) {
                self.out.append(&mut self.record);
                self.out.push(b'\n');
            }
            self.record.clear();
            self.cells_written = 0;
            true
        }
    }
    let mut writer = Writer {
        format,
        kept,
        cell: Vec::new(),
        record: Vec::new(),
        cells_written: 0,
        out: Vec::with_capacity(text.len() + text.len() / 16),
    };
    if let Err(open) = scan(text, format, &mut writer) {
        // What an open quote holds is reported by the cell-count check; keep it as it is.
        writer.out.extend_from_slice(&text[open.record_start..]);
    }
    writer.out
}

/// The line each record of `text` that becomes a row starts on, from 1.
pub fn record_lines(text: &[u8], format: CsvFormat, kept: RowsKept) -> Vec<usize> {
    lines_where(text, format, |record| kept.keeps(record))
}

/// The line of each record of `text` that is not blank and has other than `expected` cells.
pub fn ragged_lines(text: &[u8], format: CsvFormat, expected: usize) -> Vec<usize> {
    lines_where(text, format, |record| {
        !record.blank && record.cells != expected
    })
}

fn lines_where(text: &[u8], format: CsvFormat, wanted: impl Fn(&RecordSpan) -> bool) -> Vec<usize> {
    struct Lines<F>(Vec<usize>, F);
    impl<F: Fn(&RecordSpan) -> bool> RecordVisitor for Lines<F> {
        fn record_end(&mut self, record: &RecordSpan) -> bool {
            if (self.1)(record) {
                self.0.push(record.line);
            }
            true
        }
    }
    let mut lines = Lines(Vec::new(), wanted);
    let _ = scan(text, format, &mut lines);
    lines.0
}

#[cfg(test)]
mod tests {
    use super::{
        OpenQuote, RowsKept, chunk_shape, last_record_end, normalized, ragged_lines, record_lines,
        scan,
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
        let agree = |text: &[u8]| chunk_shape(text, COMMA, 2).counts_agree;
        assert!(agree(b"a,\"b,c\"\r\n\r\n1,\"x\ny\"\n"));
        assert!(!agree(b"a,b\n1,2,3\n"));
        assert!(!agree(b"a,b\n1,\"open\n"));
        assert!(agree(b"size,v\n5\" screen,1\n"));
    }

    #[test]
    fn a_chunk_is_rewritten_only_for_blank_lines_and_stray_quotes() {
        let shape = |text: &[u8]| chunk_shape(text, COMMA, 2);
        assert!(!shape(b"a,\"b,c\"\n1,\"x\"\"y\"\n").needs_rewrite());
        assert!(shape(b"a,b\n\n1,2\n").blank_records);
        assert!(shape(b"TV,5\" screen\n").stray_quotes);
        assert!(shape(b"\"a\"b,1\n").stray_quotes);
    }

    #[test]
    fn a_rewritten_chunk_quotes_what_polars_would_misread() {
        let text = b"a,b\n\n1,\"x\n\ny\"\r\n \r\n2,3\n,5\" screen\n\"q\"r,\"\"";
        assert_eq!(
            String::from_utf8(normalized(text, COMMA, RowsKept::All)).unwrap(),
            "a,b\n1,\"x\n\ny\"\n2,3\n,\"5\"\" screen\"\n\"qr\",\"\"\n"
        );
        assert_eq!(record_lines(text, COMMA, RowsKept::All), [1, 3, 7, 8, 9]);
        // Without a quote character nothing is quoted.
        let plain = CsvFormat {
            delimiter: b',',
            quote: crate::load::sniff::NO_QUOTE,
        };
        assert_eq!(
            normalized(b"a,5\" x\n\n1,2", plain, RowsKept::All),
            b"a,5\" x\n1,2\n".to_vec()
        );
    }

    #[test]
    fn rows_with_other_cell_counts_are_left_out_when_asked_and_their_lines_named() {
        let text = b"1,2\n3,4,5\n\n6,\"a\nb\"\n7\n8,9\n";
        let kept = RowsKept::WithCells(2);
        assert_eq!(ragged_lines(text, COMMA, 2), [2, 6]);
        assert_eq!(record_lines(text, COMMA, kept), [1, 4, 7]);
        assert_eq!(
            String::from_utf8(normalized(text, COMMA, kept)).unwrap(),
            "1,2\n6,\"a\nb\"\n8,9\n"
        );
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
