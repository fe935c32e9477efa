//! The event datasets as plain rows: joint military exercises and patrols, diplomatic
//! milestones and US tariff actions. Charts place them on a time axis and overlay them on the
//! trade charts, so each carries its dates already parsed.

use super::date::IsoDate;
use super::facts::event_attribution;
use super::table::Dataset;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum EventKind {
    Exercise,
    Patrol,
    Diplomatic,
    Tariff,
}

impl EventKind {
    pub const ALL: [Self; 4] = [Self::Exercise, Self::Patrol, Self::Diplomatic, Self::Tariff];

    pub fn label(self) -> &'static str {
        match self {
            Self::Exercise => "Joint exercises",
            Self::Patrol => "Joint patrols",
            Self::Diplomatic => "Diplomatic milestones",
            Self::Tariff => "US tariff actions",
        }
    }
}

/// One dated event of any of the event datasets.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: EventKind,
    pub name: String,
    pub start: IsoDate,
    /// Only the month of `start` is known.
    pub start_month_only: bool,
    pub end: Option<IsoDate>,
    pub detail: String,
    pub sources: Vec<String>,
    /// Where it was read and how firm that outlet is: "Xinhua (wire agency or paper of record)".
    pub credit: String,
    /// The dataset and row this event comes from.
    pub dataset_id: String,
    pub row: usize,
}

impl Event {
    pub fn date_label(&self) -> String {
        let start = if self.start_month_only {
            format!("{:04}-{:02}", self.start.year, self.start.month)
        } else {
            self.start.to_string()
        };
        match self.end {
            Some(end) if end != self.start => format!("{start} to {end}"),
            _ => start,
        }
    }
}

/// One rate step of a US Section 301 action on one product group.
#[derive(Debug, Clone, PartialEq)]
pub struct TariffStep {
    pub action: String,
    pub product_group: String,
    pub announced: Option<IsoDate>,
    pub effective: Option<IsoDate>,
    pub imports_covered_usd_bn: Option<f64>,
    pub covered_note: String,
    pub old_rate_min_pct: Option<f64>,
    pub old_rate_max_pct: Option<f64>,
    pub new_rate_pct: Option<f64>,
    pub note: String,
    pub sources: Vec<String>,
    /// "USTR via Federal Register (primary source)".
    pub credit: String,
    pub row: usize,
}

impl TariffStep {
    /// "0–7.5% to 25%", or "" for a row without rates (the announcement row).
    pub fn rate_change_label(&self) -> String {
        let (Some(low), Some(high), Some(new)) = (
            self.old_rate_min_pct,
            self.old_rate_max_pct,
            self.new_rate_pct,
        ) else {
            return String::new();
        };
        let old = if (low - high).abs() < f64::EPSILON {
            format!("{low}%")
        } else {
            format!("{low}–{high}%")
        };
        format!("{old} to {new}%")
    }
}

fn text(dataset: &Dataset, row: usize, column: &str) -> String {
    dataset.cell_text(row, column).unwrap_or_default()
}

fn date(dataset: &Dataset, row: usize, column: &str) -> Option<IsoDate> {
    dataset
        .cell_text(row, column)
        .and_then(|text| IsoDate::parse(&text))
}

fn number(dataset: &Dataset, row: usize, column: &str) -> Option<f64> {
    dataset
        .cell_text(row, column)
        .and_then(|text| text.parse().ok())
}

pub fn sources(dataset: &Dataset, row: usize) -> Vec<String> {
    text(dataset, row, "source")
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

pub fn exercises(dataset: &Dataset) -> Vec<Event> {
    (0..dataset.rows())
        .filter_map(|row| {
            let kind = match text(dataset, row, "kind").as_str() {
                "patrol" => EventKind::Patrol,
                _ => EventKind::Exercise,
            };
            let note = text(dataset, row, "note");
            let mut detail = format!(
                "{} — {}",
                text(dataset, row, "location"),
                text(dataset, row, "participants")
            );
            if !note.is_empty() {
                detail = format!("{detail} ({note})");
            }
            Some(Event {
                kind,
                name: text(dataset, row, "name"),
                start: date(dataset, row, "start_date")?,
                start_month_only: text(dataset, row, "start_precision") == "month",
                end: date(dataset, row, "end_date"),
                detail,
                sources: sources(dataset, row),
                credit: event_attribution(dataset, row).credit_with_standing(),
                dataset_id: dataset.spec.id.clone(),
                row,
            })
        })
        .collect()
}

/// The date of the latest joint statement among the diplomatic milestones.
pub fn latest_joint_statement(dataset: &Dataset) -> Option<IsoDate> {
    (0..dataset.rows())
        .filter(|&row| text(dataset, row, "category") == "statement")
        .filter_map(|row| date(dataset, row, "date"))
        .max()
}

/// The diplomatic milestones. The US tariff announcement the milestones list also mentions is
/// left to [`tariff_events`], which carries it from the tariff dataset, so it is drawn once.
pub fn milestones(dataset: &Dataset) -> Vec<Event> {
    (0..dataset.rows())
        .filter(|&row| text(dataset, row, "category") != "us_action")
        .filter_map(|row| {
            Some(Event {
                kind: EventKind::Diplomatic,
                name: text(dataset, row, "event"),
                start: date(dataset, row, "date")?,
                start_month_only: false,
                end: date(dataset, row, "end_date"),
                detail: text(dataset, row, "note"),
                sources: sources(dataset, row),
                credit: event_attribution(dataset, row).credit_with_standing(),
                dataset_id: dataset.spec.id.clone(),
                row,
            })
        })
        .collect()
}

pub fn tariff_steps(dataset: &Dataset) -> Vec<TariffStep> {
    (0..dataset.rows())
        .map(|row| TariffStep {
            action: text(dataset, row, "action"),
            product_group: text(dataset, row, "product_group"),
            announced: date(dataset, row, "announced"),
            effective: date(dataset, row, "effective"),
            imports_covered_usd_bn: number(dataset, row, "imports_covered_usd_bn"),
            covered_note: text(dataset, row, "covered_note"),
            old_rate_min_pct: number(dataset, row, "old_rate_min_pct"),
            old_rate_max_pct: number(dataset, row, "old_rate_max_pct"),
            new_rate_pct: number(dataset, row, "new_rate_pct"),
            note: text(dataset, row, "note"),
            sources: sources(dataset, row),
            credit: event_attribution(dataset, row).credit_with_standing(),
            row,
        })
        .collect()
}

/// The tariff actions as events: the first step of each list (its start), later rate changes
/// of the lists, and the 2024 announcement.
pub fn tariff_events(dataset: &Dataset, steps: &[TariffStep]) -> Vec<Event> {
    steps
        .iter()
        .filter_map(|step| {
            let is_announcement = step.effective.is_none();
            let is_list_step = step.announced.is_none();
            if !(is_announcement || is_list_step) {
                return None;
            }
            let start = step.effective.or(step.announced)?;
            let covered = step
                .imports_covered_usd_bn
                .map(|v| format!("${v} bn of imports covered"))
                .unwrap_or_default();
            let name = if is_announcement {
                format!("US Section 301 {}", step.action)
            } else {
                format!(
                    "US Section 301 {}: {}",
                    step.action,
                    step.rate_change_label()
                )
            };
            Some(Event {
                kind: EventKind::Tariff,
                name,
                start,
                start_month_only: false,
                end: None,
                detail: [covered, step.note.clone()]
                    .into_iter()
                    .filter(|part| !part.is_empty())
                    .collect::<Vec<_>>()
                    .join("; "),
                sources: step.sources.clone(),
                credit: step.credit.clone(),
                dataset_id: dataset.spec.id.clone(),
                row: step.row,
            })
        })
        .collect()
}
