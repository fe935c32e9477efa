//! Reading the dialect of a file from its first megabyte: the delimiter, where the header row
//! is (statistical offices put titles and notes above it), and whether numbers use a decimal
//! comma.

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{RecordSpan, RecordVisitor, scan};

/// The delimiters tried, in order of preference when several fit equally well.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];
const DOUBLE_QUOTE: u8 = b'"';
const SINGLE_QUOTE: u8 = b'\'';
/// No quote character: NUL, which a loaded text never holds, so nothing ever opens a quote.
pub const NO_QUOTE: u8 = 0;

/// How cells are separated and quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvFormat {
    pub delimiter: u8,
    pub quote: u8,
}

impl CsvFormat {
    pub fn with_delimiter(delimiter: u8) -> Self {
        Self {
            delimiter,
            quote: DOUBLE_QUOTE,
        }
    }
}

/// One record of the sample, split into cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleRecord {
    /// The line it starts on, from 1.
    pub line: usize,
    pub cells: Vec<String>,
    /// The byte just past its end (past the line break).
    pub end: usize,
}

/// How a record list ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitOutcome {
    pub records: Vec<SampleRecord>,
    /// A quote opened on this line is still open where the text ends.
    pub open_quote_line: Option<usize>,
}

/// Splits `text` into records and cells (as [`super::scan`] reads them). Blank lines are
/// skipped. A record cut off by the end of `text` is left out unless `complete` says `text` is
/// the whole file.
pub fn split_records(text: &str, format: CsvFormat, complete: bool) -> SplitOutcome {
    struct Splitter {
        complete: bool,
        cell: Vec<u8>,
        cells: Vec<String>,
        records: Vec<SampleRecord>,
    }
    impl RecordVisitor for Splitter {
        const WANTS_TEXT: bool = true;
        fn cell_text(&mut self, piece: &[u8]) {
            self.cell.extend_from_slice(piece);
        }
        fn cell_end(&mut self, _quoted: bool) {
            self.cells
                .push(String::from_utf8_lossy(&self.cell).into_owned());
            self.cell.clear();
        }
        fn record_end(&mut self, record: &RecordSpan) -> bool {
            let cells = std::mem::take(&mut self.cells);
            if record.unterminated && !self.complete {
                return false;
            }
            if !record.blank {
                self.records.push(SampleRecord {
                    line: record.line,
                    cells,
                    end: record.end,
                });
            }
            true
        }
    }
    let mut split = Splitter {
        complete,
        cell: Vec::new(),
        cells: Vec::new(),
        records: Vec::new(),
    };
    let open_quote_line = scan(text.as_bytes(), format, &mut split)
        .err()
        .map(|open| open.line);
    SplitOutcome {
        records: split.records,
        open_quote_line,
    }
}

/// The delimiter whose most common cell count (above one) covers the most records of the
/// sample; ties go to the one giving more cells, then to the order of [`DELIMITERS`].
pub fn sniff_delimiter(sample: &str, complete: bool) -> u8 {
    let mut best = (b',', 0_usize, 0_usize);
    for delimiter in DELIMITERS {
        let outcome = split_records(sample, CsvFormat::with_delimiter(delimiter), complete);
        let (count, frequency) = modal_cell_count(&outcome.records);
        if count < 2 {
            continue;
        }
        if frequency > best.1 || (frequency == best.1 && count > best.2) {
            best = (delimiter, frequency, count);
        }
    }
    // A colon only when nothing else splits the lines: in other files it stands inside times
    // (`09:30:00`) and would cut every row into more cells than its real delimiter.
    if best.1 == 0 {
        // Every line alike, the header too: a single column of times (`time`, `09:30`) stays one.
        let records = split_records(sample, CsvFormat::with_delimiter(b':'), complete).records;
        let count = records.first().map_or(0, |r| r.cells.len());
        if count >= 2 && records.iter().all(|r| r.cells.len() == count) {
            return b':';
        }
    }
    best.0
}

/// The quote character: `"`, unless the sample has none and cells are wrapped in `'` instead
/// (as some database exports write them).
pub fn sniff_quote(sample: &str, delimiter: u8) -> u8 {
    if sample.contains('"') {
        // Inch marks (`5" screen`) are no quotes: a quote only opens at the start of a cell.
        let separator = char::from(delimiter);
        let opens = sample.lines().any(|line| {
            line.trim_start().starts_with('"')
                || line
                    .split(separator)
                    .any(|cell| cell.trim_start().starts_with('"'))
        });
        return if opens { DOUBLE_QUOTE } else { NO_QUOTE };
    }
    let records = split_records(sample, CsvFormat::with_delimiter(delimiter), true).records;
    // Split at the delimiter a wrapped cell may be cut in two: count openings and closings.
    let cells = || records.iter().flat_map(|r| &r.cells).map(|c| c.trim());
    let opening = cells().filter(|c| c.starts_with('\'')).count();
    let closing = cells()
        .filter(|c| c.len() >= 2 && c.ends_with('\''))
        .count();
    if opening >= 2 && closing >= 2 {
        SINGLE_QUOTE
    } else {
        DOUBLE_QUOTE
    }
}

/// The most common number of cells per record, and how many records have it. Counts above one
/// win over one: a table with a few rows has fewer of them than it has title and note lines.
pub fn modal_cell_count(records: &[SampleRecord]) -> (usize, usize) {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for record in records {
        *counts.entry(record.cells.len()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(count, frequency)| (count > 1, frequency, count))
        .unwrap_or((0, 0))
}

/// A title above a table or a note below it rather than a row: one cell, or something other
/// than a number in the first cell and nothing in the others (`Tabelle 1;;;`, `____;;;`, as
/// German statistical tables pad them).
pub fn is_title_or_note(cells: &[String]) -> bool {
    let Some((first, rest)) = cells.split_first() else {
        return false;
    };
    title_or_note(
        first,
        rest.len(),
        rest.iter().all(|cell| cell.trim().is_empty()),
    )
}

/// [`is_title_or_note`] from a record's first cell, how many cells follow it and whether they
/// are all empty.
pub fn title_or_note(first: &str, others: usize, others_empty: bool) -> bool {
    let first = first.trim();
    // A number alone in the first cell is a row whose values are missing, not a note;
    // a rule of underscores is.
    let numeric = first
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | ' '));
    !first.is_empty() && others_empty && (others == 0 || !numeric)
}

/// Where the header row is: the first record with the table's cell count, not a padded title,
/// that is followed by another such record (or ends the sample). Records above it are titles
/// and notes.
pub fn header_index(records: &[SampleRecord]) -> usize {
    let (count, _) = modal_cell_count(records);
    (0..records.len())
        .find(|&i| {
            records[i].cells.len() == count
                && (count == 1 || !is_title_or_note(&records[i].cells))
                && records
                    .get(i + 1)
                    .is_none_or(|next| next.cells.len() == count)
        })
        .unwrap_or(0)
}

static DECIMAL_COMMA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$").unwrap_or_else(|_| unreachable!())
});
static DECIMAL_POINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)\.\d+$").unwrap_or_else(|_| unreachable!())
});

/// Whether the numbers in these rows use a decimal comma (`240,1`): only in files not
/// delimited by commas, and only when such cells outnumber ones with a decimal point.
pub fn uses_decimal_comma(rows: &[SampleRecord], delimiter: u8) -> bool {
    if delimiter == b',' {
        return false;
    }
    let (mut comma, mut point) = (0, 0);
    for cell in rows.iter().flat_map(|r| &r.cells) {
        let cell = cell.trim();
        if DECIMAL_COMMA.is_match(cell) {
            comma += 1;
        } else if DECIMAL_POINT.is_match(cell) && !cell.contains(',') {
            point += 1;
        }
    }
    comma > point
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_cells_with_delimiters_quotes_and_line_breaks() {
        let outcome = split_records(
            "a,b\n\"x, \"\"y\"\"\",\"two\nlines\"\n\n3,4",
            CsvFormat::with_delimiter(b','),
            true,
        );
        let cells: Vec<Vec<String>> = outcome.records.iter().map(|r| r.cells.clone()).collect();
        assert_eq!(
            cells,
            [
                vec!["a".to_owned(), "b".to_owned()],
                vec!["x, \"y\"".to_owned(), "two\nlines".to_owned()],
                vec!["3".to_owned(), "4".to_owned()],
            ]
        );
        assert_eq!(
            outcome.records.iter().map(|r| r.line).collect::<Vec<_>>(),
            [1, 2, 5]
        );
        assert_eq!(
            split_records(
                "a,b\n1,\"oops\n2,3\n",
                CsvFormat::with_delimiter(b','),
                true
            )
            .open_quote_line,
            Some(2)
        );
    }

    #[test]
    fn single_quotes_are_the_quote_only_when_cells_are_wrapped_in_them() {
        assert_eq!(
            sniff_quote("name,v\n'Moscow, RU',1\n'Harbin',2\n", b','),
            b'\''
        );
        assert_eq!(sniff_quote("name,v\nit's,1\nXi's,2\n", b','), b'"');
        assert_eq!(sniff_quote("name,size\nTV,5\" screen\n", b','), NO_QUOTE);
        let format = CsvFormat {
            delimiter: b',',
            quote: b'\'',
        };
        let records = split_records("'Moscow, RU',1\n", format, true).records;
        assert_eq!(records[0].cells, ["Moscow, RU", "1"]);
    }

    #[test]
    fn sniffs_delimiters_even_with_decimal_commas() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n", true), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n", true), b'\t');
        assert_eq!(sniff_delimiter("a|b\n1|2\n", true), b'|');
        assert_eq!(sniff_delimiter("a,b\n1,2\n", true), b',');
        // A colon only when nothing else splits the lines, and never a column of times.
        assert_eq!(sniff_delimiter("a:b:c\n1:2:3\n4:5:6\n", true), b':');
        assert_eq!(
            sniff_delimiter("at,v\n2024-05-16T09:30:00+03:00,1\n", true),
            b','
        );
        assert_ne!(sniff_delimiter("time\n09:30\n10:45\n", true), b':');
        assert_eq!(
            sniff_delimiter(
                "country;year;value\nChina;2023;240,11\nRussia;2023;227,8\n",
                true
            ),
            b';'
        );
    }

    #[test]
    fn finds_the_header_below_title_lines() {
        let text = "Table 4: Trade with Russia\nUnit: USD million\n\nyear,exports,imports\n2022,1,2\n2023,3,4\n";
        let records = split_records(text, CsvFormat::with_delimiter(b','), true).records;
        assert_eq!(records[header_index(&records)].line, 4);
    }

    #[test]
    fn decides_the_decimal_mark_by_majority() {
        let rows = split_records("1;240,1\n2;3,5\n", CsvFormat::with_delimiter(b';'), true).records;
        assert!(uses_decimal_comma(&rows, b';'));
        let rows = split_records("1;240.1\n2;3.5\n", CsvFormat::with_delimiter(b';'), true).records;
        assert!(!uses_decimal_comma(&rows, b';'));
    }
}
