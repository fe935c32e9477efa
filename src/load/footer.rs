//! The end of a file: blank lines, and the notes and sources statistical offices write below
//! a table, which are not rows.

use super::scan;
use super::shorten;
use super::sniff::{self, CsvFormat};

/// The length of `text` without the blank lines at its end, which would become empty rows. The
/// last line keeps its own spaces and tabs: in a tab-separated file they are empty cells.
pub(super) fn without_blank_end(text: &[u8]) -> usize {
    let content_end = text
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |at| at + 1);
    text[content_end..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(text.len(), |at| content_end + at)
}

/// Records at the end of a file that are notes and sources below the table, as statistical
/// offices write them: one cell (quoted over several lines, perhaps), or text in the first cell
/// and nothing in the others.
pub(super) struct TrailingNotes {
    pub start: usize,
    pub lines: usize,
    pub first_line: Option<usize>,
    pub first_text: String,
}

pub(super) fn trailing_notes(text: &[u8], format: CsvFormat) -> TrailingNotes {
    /// Follows the run of note records at the end, reading only what the test needs.
    struct NoteRun {
        first: Vec<u8>,
        cell: usize,
        others_empty: bool,
        table_seen: bool,
        notes: TrailingNotes,
    }
    impl scan::RecordVisitor for NoteRun {
        const WANTS_TEXT: bool = true;
        fn cell_text(&mut self, piece: &[u8]) {
            if self.cell == 0 {
                self.first.extend_from_slice(piece);
            } else if !piece.iter().all(u8::is_ascii_whitespace) {
                self.others_empty = false;
            }
        }
        fn cell_end(&mut self, _quoted: bool) {
            self.cell += 1;
        }
        fn record_end(&mut self, record: &scan::RecordSpan) -> bool {
            let first = String::from_utf8_lossy(&self.first);
            let note = sniff::title_or_note(&first, self.cell - 1, self.others_empty);
            if note && self.table_seen {
                if self.notes.lines == 0 {
                    self.notes.start = record.start;
                    self.notes.first_line = Some(record.line);
                    self.notes.first_text = shorten(&first);
                }
                self.notes.lines += 1;
            } else if !record.blank {
                // A row of the table: the notes, if any, were above it.
                self.table_seen = true;
                self.notes.lines = 0;
                self.notes.first_line = None;
            }
            self.first.clear();
            self.cell = 0;
            self.others_empty = true;
            true
        }
    }
    let mut run = NoteRun {
        first: Vec::new(),
        cell: 0,
        others_empty: true,
        table_seen: false,
        notes: TrailingNotes {
            start: text.len(),
            lines: 0,
            first_line: None,
            first_text: String::new(),
        },
    };
    // A quote left open makes no note; the cell-count check reports it.
    if scan::scan(text, format, &mut run).is_err() || run.notes.lines == 0 {
        run.notes.start = text.len();
        run.notes.lines = 0;
        run.notes.first_line = None;
    }
    run.notes
}
