//! The article the dashboard is built around, split into paragraphs, and its annotations: each
//! marks a figure or claim by its exact text and points at the dataset row that backs it. Spans
//! and rows are resolved once, at load, so a typo in the annotations file is an error that names
//! the annotation rather than a highlight that silently goes missing.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use super::date::IsoDate;
use super::error::DataError;
use super::events;
use super::table::Dataset;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationsFile {
    article: String,
    title: String,
    date: String,
    date_source: String,
    #[serde(rename = "annotation")]
    annotations: Vec<RawAnnotation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnnotation {
    id: String,
    span: String,
    #[serde(default = "first_occurrence")]
    occurrence: usize,
    kind: AnnotationKind,
    chart: Option<String>,
    year: Option<i32>,
    dataset: Option<String>,
    #[serde(default)]
    row: BTreeMap<String, toml::Value>,
    note: String,
}

fn first_occurrence() -> usize {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnnotationKind {
    /// A number in the text.
    Figure,
    /// A statement of fact without a number.
    Claim,
    /// A mention of a dated event.
    Event,
}

/// One highlighted span of the article and what it refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub id: String,
    pub kind: AnnotationKind,
    pub paragraph: usize,
    /// Byte range of the span within its paragraph.
    pub span: Range<usize>,
    pub text: String,
    pub chart: Option<String>,
    /// The year to mark on a chart.
    pub year: Option<i32>,
    pub dataset_id: Option<String>,
    /// The backing row in `dataset_id`, when the annotation names one.
    pub row: Option<usize>,
    pub note: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub file_name: String,
    pub title: String,
    pub date: Option<IsoDate>,
    pub date_source: String,
    /// The text after the title, one entry per paragraph.
    pub paragraphs: Vec<String>,
    pub annotations: Vec<Annotation>,
}

/// Articles longer than this are refused: a news text is a few kilobytes, and a file this large
/// is more likely a wrong pick than an article.
const MAX_ARTICLE_BYTES: u64 = 5 * 1024 * 1024;

/// The `Date: YYYY-MM-DD` line of an article, if it has one.
pub fn date_line(text: &str) -> Option<IsoDate> {
    text.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("Date:")?;
        IsoDate::parse(rest.trim())
    })
}

/// A line that says where or when an article is from rather than being part of its text:
/// `Date: 2024-05-16`, `Source: https://…`.
fn is_meta_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("Date:") || line.starts_with("Source:")
}

/// An article's lines as its text: trimmed, without blank lines and without its `Date:` and
/// `Source:` lines. The first is its title; the others are its paragraphs.
pub fn text_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !is_meta_line(line))
}

impl Article {
    /// An article a user brings: a `.txt` or `.md` file whose first line is the title, with
    /// optional `Date: YYYY-MM-DD` and `Source: …` lines and no annotations.
    pub fn from_plain_text(file_name: &str, text: &str) -> Self {
        let mut lines = text_lines(text);
        let title = lines
            .next()
            .map(|line| line.trim_start_matches('#').trim().to_owned())
            .unwrap_or_default();
        Self {
            file_name: file_name.to_owned(),
            title,
            date: date_line(text),
            date_source: String::new(),
            paragraphs: lines.map(str::to_owned).collect(),
            annotations: Vec::new(),
        }
    }

    /// Reads an article file, refusing with a clear message what is not a readable text file.
    pub fn read_file(path: &std::path::Path) -> Result<Self, DataError> {
        let fail = |message: String| DataError::ArticleFile {
            path: path.display().to_string(),
            message,
        };
        if path.is_dir() {
            return Err(fail(
                "this is a folder; choose a .txt or .md file".to_owned(),
            ));
        }
        let size = std::fs::metadata(path)
            .map_err(|err| fail(format!("cannot be read ({err}); check the path")))?
            .len();
        if size > MAX_ARTICLE_BYTES {
            return Err(fail(format!(
                "the file is {} MB, too large for an article; choose a .txt or .md file of the text",
                size / (1024 * 1024)
            )));
        }
        let bytes = std::fs::read(path).map_err(|err| fail(format!("cannot be read ({err})")))?;
        let text = String::from_utf8(bytes).map_err(|err| {
            fail(format!(
                "is not UTF-8 text (byte {} is not); save it as UTF-8 text and open it again",
                err.utf8_error().valid_up_to()
            ))
        })?;
        if text.trim().is_empty() {
            return Err(fail("the file is empty".to_owned()));
        }
        let file_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(Self::from_plain_text(&file_name, &text))
    }

    /// Parses an article and its annotations file, resolving each annotation against `datasets`.
    pub fn parse(
        annotations_label: &str,
        annotations_text: &str,
        article_text: &str,
        datasets: &[Dataset],
    ) -> Result<Self, DataError> {
        let file: AnnotationsFile = toml::from_str(annotations_text)
            .map_err(|err| DataError::toml(annotations_label, annotations_text, &err))?;
        let mut lines = text_lines(article_text);
        let _headline = lines.next();
        let paragraphs: Vec<String> = lines.map(str::to_owned).collect();
        let annotations = file
            .annotations
            .iter()
            .map(|raw| resolve(annotations_label, raw, &paragraphs, datasets))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            file_name: file.article,
            title: file.title,
            date: IsoDate::parse(&file.date),
            date_source: file.date_source,
            paragraphs,
            annotations,
        })
    }

    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }
}

fn resolve(
    label: &str,
    raw: &RawAnnotation,
    paragraphs: &[String],
    datasets: &[Dataset],
) -> Result<Annotation, DataError> {
    let fail = |message: String| DataError::Annotation {
        file: label.to_owned(),
        id: raw.id.clone(),
        message,
    };
    let (paragraph, start) = paragraphs
        .iter()
        .enumerate()
        .flat_map(|(index, text)| text.match_indices(&raw.span).map(move |(at, _)| (index, at)))
        .nth(raw.occurrence.saturating_sub(1))
        .ok_or_else(|| {
            fail(format!(
                "the text \"{}\" (occurrence {}) is not in the article. Copy the span exactly as the article writes it",
                raw.span, raw.occurrence
            ))
        })?;
    let dataset = match &raw.dataset {
        Some(id) => Some(
            datasets
                .iter()
                .find(|d| &d.spec.id == id)
                .ok_or_else(|| fail(format!("there is no dataset \"{id}\"")))?,
        ),
        None => None,
    };
    let row = match dataset {
        Some(dataset) if !raw.row.is_empty() => {
            let criteria: Vec<(String, String)> = raw
                .row
                .iter()
                .map(|(column, value)| {
                    let text = match value {
                        toml::Value::String(text) => text.clone(),
                        other => other.to_string(),
                    };
                    (column.clone(), text)
                })
                .collect();
            match dataset.find_rows(&criteria).as_slice() {
                [row] => Some(*row),
                [] => {
                    return Err(fail(format!(
                        "no row of {} matches {:?}",
                        dataset.spec.id, raw.row
                    )));
                }
                _ => {
                    return Err(fail(format!(
                        "several rows of {} match {:?}; name more key columns",
                        dataset.spec.id, raw.row
                    )));
                }
            }
        }
        _ => None,
    };
    let sources = match (dataset, row) {
        (Some(dataset), Some(row)) => events::sources(dataset, row),
        _ => Vec::new(),
    };
    Ok(Annotation {
        id: raw.id.clone(),
        kind: raw.kind,
        paragraph,
        span: start..start + raw.span.len(),
        text: raw.span.clone(),
        chart: raw.chart.clone(),
        year: raw.year,
        dataset_id: raw.dataset.clone(),
        row,
        note: raw.note.clone(),
        sources,
    })
}
