//! Opening a file and turning its bytes into UTF-8 text a block at a time: gzip is
//! decompressed, a byte-order mark says UTF-8 or UTF-16, text that is not valid UTF-8 is read as
//! Windows-1252 (a superset of Latin-1, what Excel writes on Western-European Windows), and
//! workbooks and binary files are recognised from their first bytes and refused.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::LoadError;

const GZIP_MAGIC: &[u8] = b"\x1F\x8B";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const PDF_MAGIC: &[u8] = b"%PDF";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf8Bom => "utf-8-sig",
            Self::Utf16Le => "utf-16le",
            Self::Utf16Be => "utf-16be",
            Self::Windows1252 => "windows-1252",
        }
    }
}

/// Counts the bytes read from the file itself (compressed ones for a .gz), for the progress bar.
struct CountingReader<R> {
    inner: R,
    bytes_read: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes_read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// An open file, decompressed if it was gzip, not yet decoded.
pub struct RawSource {
    reader: Box<dyn Read + Send>,
    pub compressed: bool,
}

impl std::fmt::Debug for RawSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawSource")
            .field("compressed", &self.compressed)
            .finish_non_exhaustive()
    }
}

/// Opens `path` after checking it is a readable regular file; returns it with its size in bytes.
pub fn open(path: &Path, bytes_read: &Arc<AtomicU64>) -> Result<(RawSource, u64), LoadError> {
    let unreadable = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_path_buf(),
        },
        _ => LoadError::Unreadable {
            path: path.to_path_buf(),
            source,
        },
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if metadata.is_dir() {
        return Err(LoadError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    // Opening a FIFO for reading would wait for a writer for ever.
    if !metadata.is_file() {
        return Err(LoadError::NotARegularFile {
            path: path.to_path_buf(),
        });
    }
    let mut file = File::open(path).map_err(unreadable)?;
    let mut magic = [0_u8; 2];
    let magic_len = read_up_to(&mut file, &mut magic).map_err(unreadable)?;
    file.seek(SeekFrom::Start(0)).map_err(unreadable)?;
    let counting = CountingReader {
        inner: file,
        bytes_read: Arc::clone(bytes_read),
    };
    let compressed = magic[..magic_len] == *GZIP_MAGIC;
    let reader: Box<dyn Read + Send> = if compressed {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
            counting,
        )))
    } else {
        Box::new(counting)
    };
    Ok((RawSource { reader, compressed }, metadata.len()))
}

impl RawSource {
    /// Reads up to `limit` bytes (fewer only at the end of the file) onto `out`; returns how many.
    pub fn read_block(
        &mut self,
        path: &Path,
        out: &mut Vec<u8>,
        limit: usize,
    ) -> Result<usize, LoadError> {
        let start = out.len();
        // `take` + `read_to_end` fills the spare capacity without zeroing it first.
        let result = Read::by_ref(&mut self.reader)
            .take(limit as u64)
            .read_to_end(out);
        let n = match result {
            Ok(n) => n,
            Err(err) if self.compressed => {
                out.truncate(start);
                return Err(LoadError::Corrupt {
                    path: path.to_path_buf(),
                    message: err.to_string(),
                });
            }
            Err(source) => {
                out.truncate(start);
                return Err(LoadError::Unreadable {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Ok(n)
    }
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

/// Chooses the encoding from the first block of a file, or refuses a file that is not text.
pub fn detect_encoding(path: &Path, head: &[u8]) -> Result<Encoding, LoadError> {
    let refuse = |what: &'static str| LoadError::Workbook {
        path: path.to_path_buf(),
        what,
    };
    if head.starts_with(ZIP_MAGIC) {
        return Err(refuse(
            "an Excel workbook (.xlsx) or another zip archive renamed to .csv",
        ));
    }
    if head.starts_with(OLE_MAGIC) {
        return Err(refuse("an old Excel workbook (.xls) renamed to .csv"));
    }
    if head.starts_with(PDF_MAGIC) {
        return Err(refuse("a PDF document"));
    }
    if head.starts_with(b"\xEF\xBB\xBF") {
        return Ok(Encoding::Utf8Bom);
    }
    if head.starts_with(b"\xFF\xFE") {
        return Ok(Encoding::Utf16Le);
    }
    if head.starts_with(b"\xFE\xFF") {
        return Ok(Encoding::Utf16Be);
    }
    // UTF-16 without a byte-order mark: ASCII text has a zero in every other byte.
    if head.len() >= 4 {
        let zeros_at = |parity: usize| {
            head.iter()
                .take(200)
                .skip(parity)
                .step_by(2)
                .all(|&b| b == 0)
        };
        if zeros_at(1) && head[0] != 0 {
            return Ok(Encoding::Utf16Le);
        }
        if zeros_at(0) && head[1] != 0 {
            return Ok(Encoding::Utf16Be);
        }
    }
    if let Some(at) = memchr::memchr(0, head) {
        let (line, column) = line_and_column(head, at);
        // Random bytes nearly always hold a NUL early: call a file binary when other control
        // characters say so too, and name the first NUL of an otherwise textual file.
        if control_share(head) > 0.01 {
            return Err(LoadError::Binary {
                path: path.to_path_buf(),
            });
        }
        return Err(LoadError::NulByte {
            path: path.to_path_buf(),
            line,
            column,
        });
    }
    if control_share(head) > 0.01 {
        return Err(LoadError::Binary {
            path: path.to_path_buf(),
        });
    }
    match std::str::from_utf8(head) {
        Ok(_) => Ok(Encoding::Utf8),
        // The block may end inside a character; only an error before its end counts.
        Err(err) if err.error_len().is_none() => Ok(Encoding::Utf8),
        Err(_) => Ok(Encoding::Windows1252),
    }
}

/// The share of bytes that are control characters other than NUL, tab, line feed, carriage
/// return and form feed: text has almost none, binary data many.
fn control_share(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls as f64 / bytes.len() as f64
}

/// The line and column (both from 1, column in bytes) of byte `at` of `text`.
pub fn line_and_column(text: &[u8], at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    (line, at - line_start + 1)
}

/// Where decoding found a problem, as an offset into the text decoded so far in this call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeProblem {
    /// Not UTF-8 after all: decode the whole file again as Windows-1252.
    InvalidUtf8,
    Nul {
        at: usize,
    },
}

/// Decodes blocks of raw bytes into UTF-8, carrying a character split between blocks over to
/// the next one.
#[derive(Debug)]
pub struct Decoder {
    pub encoding: Encoding,
    carry: Vec<u8>,
    started: bool,
    pub replaced_characters: usize,
}

impl Decoder {
    pub fn new(encoding: Encoding) -> Self {
        Self {
            encoding,
            carry: Vec::new(),
            started: false,
            replaced_characters: 0,
        }
    }

    /// The bytes of a character cut off at the end of the last block.
    pub fn take_carry(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.carry)
    }

    /// Appends the text of `raw` to `out`. `last` says no more bytes follow.
    pub fn decode(
        &mut self,
        raw: &[u8],
        out: &mut Vec<u8>,
        last: bool,
    ) -> Result<(), DecodeProblem> {
        let mut input = std::mem::take(&mut self.carry);
        input.extend_from_slice(raw);
        let mut body: &[u8] = &input;
        if !self.started && !body.is_empty() {
            self.started = true;
            let bom_len = match self.encoding {
                Encoding::Utf8Bom => 3,
                Encoding::Utf16Le | Encoding::Utf16Be if body.starts_with(b"\xFF\xFE") => 2,
                Encoding::Utf16Le | Encoding::Utf16Be if body.starts_with(b"\xFE\xFF") => 2,
                _ => 0,
            };
            body = &body[bom_len.min(body.len())..];
        }
        let start = out.len();
        match self.encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => {
                let complete = match std::str::from_utf8(body) {
                    Ok(_) => body.len(),
                    Err(err) if err.error_len().is_none() && !last => err.valid_up_to(),
                    Err(_) => return Err(DecodeProblem::InvalidUtf8),
                };
                out.extend_from_slice(&body[..complete]);
                self.carry = body[complete..].to_vec();
            }
            Encoding::Windows1252 => {
                out.reserve(body.len());
                for &byte in body {
                    push_char(out, windows_1252(byte));
                }
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let little = self.encoding == Encoding::Utf16Le;
                let pairs = body.len() / 2;
                let mut units: Vec<u16> = (0..pairs)
                    .map(|i| {
                        let pair = [body[2 * i], body[2 * i + 1]];
                        if little {
                            u16::from_le_bytes(pair)
                        } else {
                            u16::from_be_bytes(pair)
                        }
                    })
                    .collect();
                let mut carried = body[pairs * 2..].to_vec();
                // A high surrogate at the end waits for its partner in the next block.
                if !last && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
                    let unit = units.pop().unwrap_or_default();
                    let mut bytes = if little {
                        unit.to_le_bytes().to_vec()
                    } else {
                        unit.to_be_bytes().to_vec()
                    };
                    bytes.extend_from_slice(&carried);
                    carried = bytes;
                }
                for decoded in char::decode_utf16(units) {
                    let c = decoded.unwrap_or_else(|_| {
                        self.replaced_characters += 1;
                        char::REPLACEMENT_CHARACTER
                    });
                    push_char(out, c);
                }
                self.carry = carried;
            }
        }
        if let Some(at) = memchr::memchr(0, &out[start..]) {
            return Err(DecodeProblem::Nul { at: start + at });
        }
        Ok(())
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0_u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// Windows-1252 differs from Latin-1 only in 0x80–0x9F, where it has printable characters.
fn windows_1252(byte: u8) -> char {
    const HIGH_CONTROLS: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH_CONTROLS[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(encoding: Encoding, bytes: &[u8], block: usize) -> String {
        let mut decoder = Decoder::new(encoding);
        let mut out = Vec::new();
        let blocks: Vec<&[u8]> = bytes.chunks(block).collect();
        for (i, raw) in blocks.iter().enumerate() {
            decoder
                .decode(raw, &mut out, i + 1 == blocks.len())
                .unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn decodes_windows_1252_and_utf16_across_block_boundaries() {
        assert_eq!(
            decode_all(Encoding::Windows1252, b"S\xE3o Paulo \x80 5", 3),
            "São Paulo € 5"
        );
        let text = "a,b\nКитай,𝄞\n";
        let mut le = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_all(Encoding::Utf16Le, &le, 3), text);
        let utf8 = "Zürich,1\n".as_bytes();
        assert_eq!(decode_all(Encoding::Utf8, utf8, 2), "Zürich,1\n");
    }

    #[test]
    fn recognises_workbooks_utf16_and_latin1_from_the_first_bytes() {
        let path = Path::new("x.csv");
        assert!(matches!(
            detect_encoding(path, b"PK\x03\x04\x14\x00"),
            Err(LoadError::Workbook { .. })
        ));
        assert_eq!(
            detect_encoding(path, b"a\x00,\x00b\x00").unwrap(),
            Encoding::Utf16Le
        );
        assert_eq!(
            detect_encoding(path, b"name\nS\xE3o\n").unwrap(),
            Encoding::Windows1252
        );
        assert!(matches!(
            detect_encoding(path, b"a,b\n1,\x002\n"),
            Err(LoadError::NulByte {
                line: 2,
                column: 3,
                ..
            })
        ));
    }
}
