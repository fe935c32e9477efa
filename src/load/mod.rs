//! Loading a user's CSV file: the loader behind File → Open data file…, drag-and-drop,
//! `bilateral open` and `bilateral inspect` for the files polars cannot read as they are written
//! or that are small ([`dataset::open_table`] decides; it reads the others where they lie).
//!
//! The file is read a block at a time (so a progress bar can show bytes read and Cancel works
//! between blocks), decoded to UTF-8, and its dialect and column kinds are decided from the
//! first megabyte. The rest is cut at record boundaries into chunks that polars parses with the
//! decided schema; only the cells polars cannot read (thousands separators, stray words in a
//! column of numbers) go through our own parser, which counts them for the report. Memory stays
//! near the size of the parsed table plus one chunk, never the whole text.

mod chunk;
pub mod dataset;
mod dialect;
mod error;
mod footer;
pub mod infer;
mod report;
mod scan;
mod sniff;
mod source;
pub mod table;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use polars::prelude::*;

use chunk::{CellCounts, Chunk, ChunkParser, parse_error};
pub use dataset::{OpenedTable, TableData, open_table};
use dialect::Dialect;
pub use error::LoadError;
use footer::{trailing_notes, without_blank_end};
pub use infer::{ColumnKind, ColumnPlan};
pub use report::{ColumnReport, CsvReport};
use report::{FileFacts, SkippedRows, assemble};
pub use sniff::{CsvFormat, split_records};
pub use table::{TableShape, wide_to_long};

use source::{DecodeProblem, Decoder, Encoding, RawSource};

/// How much of the file is read between progress updates and checks for Cancel.
const RAW_BLOCK: usize = 4 << 20;
/// How much text the dialect and the column kinds are decided from.
const SNIFF_BYTES: usize = 1 << 20;
/// How much text polars parses at a time: large enough for its threads, small enough that the
/// text is never held whole.
const PARSE_CHUNK: usize = 32 << 20;
/// A line longer than this is not a table row; reading on would only fill memory.
const MAX_LINE_BYTES: usize = 64 << 20;

/// Progress and cancellation of a load running on another thread, and the user's one choice
/// about how to read the file.
#[derive(Debug, Default)]
pub struct LoadControl {
    bytes_read: Arc<AtomicU64>,
    total_bytes: AtomicU64,
    cancelled: AtomicBool,
    /// polars is reading the files where they lie: it says nothing of its progress.
    querying: AtomicBool,
    /// Rows with more or fewer cells than the header are left out and counted, not an error.
    skip_ragged_rows: bool,
}

impl LoadControl {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// A load that leaves out rows with more or fewer cells than the header, counting them and
    /// naming their lines, where a default load stops at the first.
    pub fn skipping_ragged_rows() -> Self {
        Self {
            skip_ragged_rows: true,
            ..Self::default()
        }
    }

    pub fn skips_ragged_rows(&self) -> bool {
        self.skip_ragged_rows
    }

    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Whether polars is running a query over the files, whose progress is unknown.
    pub fn is_querying(&self) -> bool {
        self.querying.load(Ordering::Relaxed)
    }

    fn set_querying(&self, querying: bool) {
        self.querying.store(querying, Ordering::Relaxed);
    }

    /// Bytes of the file read so far, and its size (compressed bytes for a .gz file).
    pub fn progress(&self) -> (u64, u64) {
        (
            self.bytes_read.load(Ordering::Relaxed),
            self.total_bytes.load(Ordering::Relaxed),
        )
    }
}

#[derive(Debug, Clone)]
pub struct LoadedCsv {
    pub frame: DataFrame,
    pub report: CsvReport,
    pub plans: Vec<ColumnPlan>,
    pub shape: TableShape,
}

/// Loads `path` on this thread.
pub fn load_csv(path: &Path) -> Result<LoadedCsv, LoadError> {
    load_csv_with(path, &LoadControl::default())
}

/// Loads `path`, reporting progress to and checking for cancellation in `control`.
pub fn load_csv_with(path: &Path, control: &LoadControl) -> Result<LoadedCsv, LoadError> {
    match Load::run(path, control, None) {
        Err(Attempt::NotUtf8) => match Load::run(path, control, Some(Encoding::Windows1252)) {
            Ok(loaded) => Ok(loaded),
            Err(Attempt::Failed(err)) => Err(err),
            Err(Attempt::NotUtf8) => Err(LoadError::Binary {
                path: path.to_path_buf(),
            }),
        },
        Err(Attempt::Failed(err)) => Err(err),
        Ok(loaded) => Ok(loaded),
    }
}

/// Why one pass over the file stopped.
enum Attempt {
    /// The file turned out not to be UTF-8 after its first block: read it again as Windows-1252.
    NotUtf8,
    Failed(LoadError),
}

impl From<LoadError> for Attempt {
    fn from(err: LoadError) -> Self {
        Self::Failed(err)
    }
}

/// One pass over a file.
struct Load<'a> {
    path: &'a Path,
    control: &'a LoadControl,
    source: RawSource,
    decoder: Decoder,
    raw: Vec<u8>,
    eof: bool,
    /// Decoded text not yet parsed; it always starts at a record boundary.
    text: Vec<u8>,
    /// The line number of the first line in `text`.
    text_first_line: usize,
    /// How much of `text` is known to be valid UTF-8; bytes after it may be the start of a
    /// character the next block completes.
    validated: usize,
    /// A buffer the parser is done with, for the next chunk's text.
    spare: Option<Vec<u8>>,
    /// Every chunk has been handed out.
    finished: bool,
    /// The quote character, once the dialect is known.
    quote: Option<u8>,
    /// Whether `text` holds a quote: without one, records end at every line break and the cell
    /// counts can be checked by counting bytes.
    quotes_pending: bool,
    line_ends: LineEnds,
}

/// How the file ends its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineEnds {
    /// A line feed, after a carriage return or not.
    LineFeed,
    /// A carriage return alone, as files from classic Mac OS do: each is read as a line break.
    CarriageReturn,
}

/// What the first megabyte of a file says, for deciding whether polars can read the rest as it
/// is written ([`dataset`]).
#[derive(Debug)]
struct Head {
    dialect: Dialect,
    /// UTF-8 (with a byte-order mark or not) and line feeds: text polars reads as it is.
    plain_text: bool,
    compressed: bool,
}

/// Reads and judges the first megabyte of `path` only; `None` when the file is not UTF-8.
fn read_head(path: &Path, control: &LoadControl) -> Result<Option<Head>, LoadError> {
    let mut load = match Load::start(path, control, None) {
        Ok(load) => load,
        Err(Attempt::NotUtf8) => return Ok(None),
        Err(Attempt::Failed(err)) => return Err(err),
    };
    let dialect = match load.read_sample().and_then(|()| load.sniff()) {
        Ok(dialect) => dialect,
        Err(Attempt::NotUtf8) => return Ok(None),
        Err(Attempt::Failed(err)) => return Err(err),
    };
    Ok(Some(Head {
        dialect,
        plain_text: load.reads_utf8_in_place() && load.line_ends == LineEnds::LineFeed,
        compressed: load.source.compressed,
    }))
}

impl<'a> Load<'a> {
    fn run(
        path: &'a Path,
        control: &'a LoadControl,
        encoding: Option<Encoding>,
    ) -> Result<LoadedCsv, Attempt> {
        Self::start(path, control, encoding)?.finish()
    }

    /// Opens the file and decodes its first block.
    fn start(
        path: &'a Path,
        control: &'a LoadControl,
        encoding: Option<Encoding>,
    ) -> Result<Self, Attempt> {
        control.bytes_read.store(0, Ordering::Relaxed);
        let (mut source, total) = source::open(path, &control.bytes_read)?;
        control.total_bytes.store(total, Ordering::Relaxed);
        let mut raw = Vec::with_capacity(RAW_BLOCK);
        let n = source.read_block(path, &mut raw, RAW_BLOCK)?;
        if raw.is_empty() {
            return Err(LoadError::Empty {
                path: path.to_path_buf(),
            }
            .into());
        }
        let encoding = match encoding {
            Some(encoding) => encoding,
            None => source::detect_encoding(path, &raw)?,
        };
        let mut load = Load {
            path,
            control,
            source,
            decoder: Decoder::new(encoding),
            raw,
            eof: n < RAW_BLOCK,
            text: Vec::new(),
            text_first_line: 1,
            validated: 0,
            spare: None,
            finished: false,
            quote: None,
            quotes_pending: false,
            line_ends: LineEnds::LineFeed,
        };
        load.decode_block()?;
        load.validated = load.text.len();
        // The first block decides: carriage returns and not one line feed.
        if memchr::memchr(b'\n', &load.text).is_none()
            && memchr::memchr(b'\r', &load.text).is_some()
        {
            load.line_ends = LineEnds::CarriageReturn;
        }
        load.translate_line_ends(0);
        if load.reads_utf8_in_place() {
            let carried = load.decoder.take_carry();
            load.text.extend_from_slice(&carried);
        }
        Ok(load)
    }

    fn fail(&self, err: impl FnOnce(PathBuf) -> LoadError) -> Attempt {
        Attempt::Failed(err(self.path.to_path_buf()))
    }

    /// Decodes the raw block read last onto `text`.
    fn decode_block(&mut self) -> Result<(), Attempt> {
        match self.decoder.decode(&self.raw, &mut self.text, self.eof) {
            Ok(()) => Ok(()),
            Err(DecodeProblem::InvalidUtf8) => Err(Attempt::NotUtf8),
            Err(DecodeProblem::Nul { at }) => {
                let (line, column) = source::line_and_column(&self.text, at);
                Err(self.fail(|path| LoadError::NulByte {
                    path,
                    line: self.text_first_line + line - 1,
                    column,
                }))
            }
        }
    }

    /// Reads and decodes the next block; false at the end of the file.
    fn read_more(&mut self) -> Result<bool, Attempt> {
        if self.eof {
            return Ok(false);
        }
        if self.control.is_cancelled() {
            return Err(self.fail(|path| LoadError::Cancelled { path }));
        }
        if self.reads_utf8_in_place() {
            let start = self.text.len();
            let n = self
                .source
                .read_block(self.path, &mut self.text, RAW_BLOCK)?;
            self.eof = n < RAW_BLOCK;
            self.validate_utf8(start)?;
            self.translate_line_ends(start);
            return Ok(true);
        }
        let start = self.text.len();
        self.raw.clear();
        let n = self
            .source
            .read_block(self.path, &mut self.raw, RAW_BLOCK)?;
        self.eof = n < RAW_BLOCK;
        self.decode_block()?;
        self.validated = self.text.len();
        self.translate_line_ends(start);
        Ok(true)
    }

    /// In a file whose lines end in a carriage return alone, makes each one a line break, from
    /// `start` on.
    fn translate_line_ends(&mut self, start: usize) {
        if self.line_ends == LineEnds::CarriageReturn {
            for byte in &mut self.text[start..] {
                if *byte == b'\r' {
                    *byte = b'\n';
                }
            }
        }
    }

    /// UTF-8 needs no decoding: blocks are read straight onto the text and only checked, which
    /// saves two copies of every byte.
    fn reads_utf8_in_place(&self) -> bool {
        matches!(self.decoder.encoding, Encoding::Utf8 | Encoding::Utf8Bom)
    }

    /// Checks the bytes appended from `start` on: valid UTF-8 (else the file is read again as
    /// Windows-1252) and no NUL.
    fn validate_utf8(&mut self, start: usize) -> Result<(), Attempt> {
        let unchecked = &self.text[self.validated..];
        if simdutf8::basic::from_utf8(unchecked).is_ok() {
            self.validated = self.text.len();
        } else {
            // Only the slow check says where the error is, or that a character is merely cut off.
            match std::str::from_utf8(unchecked) {
                Ok(_) => self.validated = self.text.len(),
                Err(err) if err.error_len().is_none() && !self.eof => {
                    self.validated += err.valid_up_to();
                }
                Err(_) => return Err(Attempt::NotUtf8),
            }
        }
        let appended = &self.text[start..];
        let nul = match self.quote {
            Some(quote) if !self.quotes_pending => match memchr::memchr2(0, quote, appended) {
                Some(at) if appended[at] == quote => {
                    self.quotes_pending = true;
                    memchr::memchr(0, &appended[at..]).map(|nul| at + nul)
                }
                found => found,
            },
            _ => memchr::memchr(0, appended),
        };
        if let Some(at) = nul {
            let (line, column) = source::line_and_column(&self.text, start + at);
            return Err(self.fail(|path| LoadError::NulByte {
                path,
                line: self.text_first_line + line - 1,
                column,
            }));
        }
        Ok(())
    }

    /// Reads on until there is enough text to judge: a megabyte, and at least two whole lines
    /// (a header can be long).
    fn read_sample(&mut self) -> Result<(), Attempt> {
        while !self.eof
            && (self.text.len() < SNIFF_BYTES
                || memchr::memchr_iter(b'\n', &self.text).nth(1).is_none())
        {
            if self.text.len() > MAX_LINE_BYTES {
                let line = memchr::memchr_iter(b'\n', &self.text).count() + 1;
                return Err(self.fail(|path| LoadError::LineTooLong {
                    path,
                    line,
                    limit_mb: MAX_LINE_BYTES >> 20,
                }));
            }
            self.read_more()?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<LoadedCsv, Attempt> {
        self.read_sample()?;
        let dialect = self.sniff()?;
        let mut warnings = dialect.warnings.clone();
        if self.decoder.encoding == Encoding::Windows1252 {
            warnings.insert(
                0,
                "the file is not UTF-8; it was read as Windows-1252 (Latin-1). Check that accented letters look right".to_owned(),
            );
        }
        if self.line_ends == LineEnds::CarriageReturn {
            warnings.push(
                "lines end in a carriage return alone (an old Mac file); each was read as a line break".to_owned(),
            );
        }
        if self.decoder.replaced_characters > 0 {
            warnings.push(format!(
                "{} characters could not be decoded and show as \u{FFFD}",
                self.decoder.replaced_characters
            ));
        }
        let header_offset = dialect.data_start;
        self.text_first_line += memchr::memchr_iter(b'\n', &self.text[..header_offset]).count();
        self.text.drain(..header_offset);
        self.validated = self.validated.saturating_sub(header_offset);
        self.quote = Some(dialect.format.quote);
        self.quotes_pending = memchr::memchr(dialect.format.quote, &self.text).is_some();
        let parser = ChunkParser::new(self.path, &dialect, self.control.skips_ragged_rows());
        let mut skipped = SkippedRows::default();
        let mut counts = vec![CellCounts::default(); dialect.plans.len()];
        let mut frame: Option<DataFrame> = None;
        let path = self.path;
        let file = FileFacts {
            encoding: self.decoder.encoding,
            compressed: self.source.compressed,
        };
        // Reading and parsing take turns: on two cores an extra reading thread only makes the
        // parser's threads wait for a core (measured in docs/PERFORMANCE.md).
        while let Some(chunk) = self.next_chunk(&parser)? {
            warnings.extend(chunk.note.clone());
            skipped.add(&chunk.skipped_lines);
            let parsed = parser.parse(&chunk, &mut counts)?;
            match frame.as_mut() {
                Some(frame) => {
                    frame
                        .vstack_mut_owned(parsed)
                        .map_err(|err| parse_error(path.to_path_buf(), &err))?;
                }
                None => frame = Some(parsed),
            }
            self.spare = Some(chunk.text);
        }
        let frame = frame.unwrap_or_else(|| parser.empty_frame());
        if frame.height() == 0 {
            return Err(Attempt::Failed(LoadError::HeaderOnly {
                path: path.to_path_buf(),
                header_line: dialect.header_line,
            }));
        }
        warnings.extend(skipped.warning(dialect.plans.len()));
        let mut loaded = assemble(path, file, frame, dialect, &counts, warnings);
        loaded.report.skipped_rows = skipped.count;
        Ok(loaded)
    }

    /// Reads on to the next chunk of whole records, checked for its cell counts; `None` at the
    /// end of the file.
    fn next_chunk(&mut self, parser: &ChunkParser<'_>) -> Result<Option<Chunk>, Attempt> {
        loop {
            if self.finished {
                return Ok(None);
            }
            {
                while !self.eof && self.text.len() < PARSE_CHUNK {
                    self.read_more()?;
                }
                let boundary = if self.eof {
                    self.text.len()
                } else {
                    match record_boundary(&self.text, parser.format, self.quotes_pending) {
                        Some(boundary) => boundary,
                        // One record longer than a chunk: read on until it ends.
                        None if self.text.len() <= MAX_LINE_BYTES => {
                            self.read_more()?;
                            continue;
                        }
                        None => {
                            // Usually a quote that never closes has swallowed the rest of the
                            // file: point at it rather than at a "line" it made up.
                            let text = String::from_utf8_lossy(&self.text);
                            let open = split_records(&text, parser.format, false).open_quote_line;
                            let first = self.text_first_line;
                            return Err(self.fail(|path| match open {
                                Some(line) => LoadError::UnterminatedQuote {
                                    path,
                                    line: first + line - 1,
                                },
                                None => LoadError::LineTooLong {
                                    path,
                                    line: first,
                                    limit_mb: MAX_LINE_BYTES >> 20,
                                },
                            }));
                        }
                    }
                };
                let mut chunk_end = boundary;
                let mut note = None;
                // In a one-column file every line lacks a delimiter: none of them is a note.
                if self.eof && parser.plans.len() > 1 {
                    let footer = trailing_notes(&self.text, parser.format);
                    if let Some(first) = footer.first_line {
                        let first_line = self.text_first_line + first - 1;
                        note = Some(format!(
                            "left out {} note line{} below the table (line {first_line}: \"{}\")",
                            footer.lines,
                            if footer.lines == 1 { "" } else { "s" },
                            footer.first_text
                        ));
                        chunk_end = footer.start;
                    }
                }
                if self.eof {
                    chunk_end = without_blank_end(&self.text[..chunk_end]);
                }
                let first_line = self.text_first_line;
                let chunk_breaks = memchr::memchr_iter(b'\n', &self.text[..chunk_end]).count();
                self.text_first_line += chunk_breaks
                    + memchr::memchr_iter(b'\n', &self.text[chunk_end..boundary]).count();
                let has_quotes = self.quotes_pending;
                // The chunk leaves in the buffer it was read into; the rest of the text moves to a
                // buffer the parser is done with.
                let mut rest = self
                    .spare
                    .take()
                    .unwrap_or_else(|| Vec::with_capacity(PARSE_CHUNK + 2 * RAW_BLOCK));
                rest.clear();
                rest.extend_from_slice(&self.text[boundary..]);
                let mut text = std::mem::replace(&mut self.text, rest);
                text.truncate(chunk_end);
                self.validated = self.validated.saturating_sub(boundary);
                self.quotes_pending =
                    has_quotes && memchr::memchr(parser.format.quote, &self.text).is_some();
                self.finished = self.eof && self.text.is_empty();
                if !text.iter().all(u8::is_ascii_whitespace) || note.is_some() {
                    // Counts that add up leave no room for blank lines; only other chunks are
                    // searched for them.
                    let counted = !has_quotes && parser.counts_add_up(&text, chunk_breaks);
                    let (cleaned, skipped_lines) = if counted {
                        (None, Vec::new())
                    } else {
                        let check = parser.check_records(&text, first_line)?;
                        // polars reads a stray quote as opening one, and a blank line as a row.
                        let cleaned = check
                            .needs_rewrite()
                            .then(|| scan::normalized(&text, parser.format, parser.kept));
                        (cleaned, check.ragged_lines)
                    };
                    return Ok(Some(Chunk {
                        text,
                        cleaned,
                        first_line,
                        skipped_lines,
                        note,
                    }));
                }
            }
        }
    }

    fn sniff(&self) -> Result<Dialect, Attempt> {
        let sample_complete = self.eof;
        let limit = if sample_complete {
            self.text.len()
        } else {
            let second_line_end = memchr::memchr_iter(b'\n', &self.text)
                .nth(1)
                .map_or(self.text.len(), |at| at + 1);
            let limit = SNIFF_BYTES.max(second_line_end).min(self.text.len());
            memchr::memrchr(b'\n', &self.text[..limit]).map_or(limit, |at| at + 1)
        };
        let sample = std::str::from_utf8(&self.text[..limit])
            .map_err(|_| self.fail(|path| LoadError::Binary { path }))?;
        if sample.trim().is_empty() {
            return Err(self.fail(|path| LoadError::Empty { path }));
        }
        dialect::decide(
            self.path,
            sample,
            sample_complete,
            self.control.skips_ragged_rows(),
        )
        .map_err(Attempt::Failed)
    }
}

/// Cuts a long cell for a message.
pub(super) fn shorten(text: &str) -> String {
    clip(text, 60)
}

/// The first line of `text`, cut to `limit` characters: a message stays one readable line.
pub(super) fn clip(text: &str, limit: usize) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() <= limit && line.len() == text.trim_end().len() {
        return line.to_owned();
    }
    let mut short: String = line.chars().take(limit).collect();
    short.push('…');
    short
}

/// The end of the last whole record in `text`, which starts at a record boundary. Without a
/// quote in `text` that is just past its last line break, found at memory speed.
fn record_boundary(text: &[u8], format: CsvFormat, has_quotes: bool) -> Option<usize> {
    if has_quotes {
        scan::last_record_end(text, format)
    } else {
        memchr::memrchr(b'\n', text).map(|at| at + 1)
    }
}

/// The position on a time axis of a cell of a column of this plan (a fractional year), as the
/// charts of a user's file place it.
pub fn time_of(plan: &ColumnPlan, cell: &str) -> Option<f64> {
    infer::time_value(plan.kind, plan.date_order, cell)
}
