//! Builds the chart models from the bundled data. Called once per data or setting change, never
//! per frame: the window keeps the model and draws it until something changes. One file per
//! family of charts: trade and growth, months and year to date, what is traded, US tariffs, the
//! relations timeline.

mod composition;
mod periods;
mod tariffs;
mod timeline;
mod trade;

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

pub use composition::CompositionView;
pub use periods::PeriodView;

use super::marker_labels::marker_short_label;
use super::model::{
    ChartId, ChartModel, DataPoint, Marker, PointRef, Series, SeriesStyle, palette,
};
use crate::data::{Attribution, Bundle, Event, EventKind, Status};

/// What the growth chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum GrowthView {
    #[default]
    YearOnYear,
    /// Total trade as an index, the base year being 100.
    Index,
}

/// The settings a chart model depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartOptions {
    pub growth_view: GrowthView,
    /// The base year of the index view; `None` for the data's default.
    pub index_base_year: Option<i32>,
    pub period_view: PeriodView,
    pub composition_view: CompositionView,
    /// The event kinds overlaid as markers on the trade and growth charts.
    pub marker_kinds: Vec<EventKind>,
    /// Draw the least-squares trend of total trade over these years on the trade chart.
    pub trend_years: Option<(i32, i32)>,
    /// The events whose markers carry their short name on the chart.
    pub labelled_events: Vec<PointRef>,
}

impl Default for ChartOptions {
    fn default() -> Self {
        Self {
            growth_view: GrowthView::default(),
            index_base_year: None,
            period_view: PeriodView::default(),
            composition_view: CompositionView::default(),
            marker_kinds: vec![EventKind::Diplomatic, EventKind::Tariff],
            trend_years: None,
            labelled_events: Vec::new(),
        }
    }
}

impl ChartOptions {
    /// Names on the chart every event whose name contains `text` (any case), showing markers
    /// of its kind; false when no event's name does.
    pub fn label_events_named(&mut self, events: &[Event], text: &str) -> bool {
        let wanted = text.to_lowercase();
        let mut found = false;
        for event in events
            .iter()
            .filter(|e| e.name.to_lowercase().contains(&wanted))
        {
            found = true;
            if !self.marker_kinds.contains(&event.kind) {
                self.marker_kinds.push(event.kind);
            }
            self.labelled_events.push(event_ref(event));
        }
        found
    }
}

const TRADE_SOURCE: &str = "Source: China customs (GACC), first-release figures as relayed by news agencies (each point's outlet in its hover text and the table); Russian totals from Russia's customs and Economy Ministry. Compiled in bilateral's china_russia_trade dataset.";

/// The columns a chart's table ends with, saying how firm each row is and where it was read.
const PROVENANCE_COLUMNS: [&str; 4] = ["Status", "Note", "Source", "Addresses"];

/// A row's cells for [`PROVENANCE_COLUMNS`].
fn provenance_cells(status: Status, note: &str, attribution: &Attribution) -> [String; 4] {
    [
        status.label().to_owned(),
        note.to_owned(),
        attribution.credit(),
        attribution.urls.join(" "),
    ]
}

/// The lines a hover text adds for a row of data: its status unless plainly reported, its
/// note, and where it was read.
fn provenance_lines(status: Status, note: &str, attribution: &Attribution) -> String {
    let mut lines = String::new();
    if status != Status::Reported {
        let _ = write!(lines, "\nStatus: {status}");
    }
    if !note.is_empty() {
        let _ = write!(lines, "\nNote: {note}");
    }
    let _ = write!(lines, "\nSource: {}", attribution.credit_with_standing());
    lines
}

pub fn build_chart(bundle: &Bundle, id: ChartId, options: &ChartOptions) -> ChartModel {
    let mut model = match id {
        // A user's chart is built from their file by `chart::user`; without one, the trade chart.
        ChartId::Trade | ChartId::UserData => trade::trade_chart(bundle),
        ChartId::Growth => trade::growth_chart(bundle, options),
        ChartId::YearToDate => periods::periods_chart(bundle, options.period_view),
        ChartId::Composition => composition::composition_chart(bundle, options.composition_view),
        ChartId::TariffLists => tariffs::tariff_lists_chart(bundle),
        ChartId::TariffRates2024 => tariffs::tariff_rates_chart(bundle),
        ChartId::Timeline => timeline::timeline_chart(bundle),
    };
    if id == ChartId::Trade
        && let Some((from, to)) = options.trend_years
        && let Some(trend) = trend_series(bundle, from, to)
    {
        model.series.push(trend);
    }
    if id.takes_event_markers() {
        let (first, last) = model.x_range;
        model.markers = markers(&bundle.events, options)
            .into_iter()
            .filter(|marker| (first..=last + 1.0).contains(&marker.x))
            .collect();
    }
    model
}

/// The least-squares line of China-customs total trade over `from`–`to`, with its 95% band;
/// `None` where the range has too few years for a trend.
fn trend_series(bundle: &Bundle, from: i32, to: i32) -> Option<Series> {
    let stats = crate::stats::trade_stats(bundle, from, to, None).ok()?;
    let trend = stats.trend.ok()?;
    let points = (from..=to)
        .map(|year| {
            let x = f64::from(year);
            let fitted = trend.fitted(x);
            let (low, high) = trend.band(x);
            DataPoint {
                x,
                y: fitted,
                x_end: None,
                band: Some((low, high)),
                label: format!(
                    "{year} · trend {from}–{to}\nFitted ${fitted:.1} bn (95% band ${low:.1}–{high:.1} bn)\nSlope {:+.2} bn a year, R² {:.2}",
                    trend.slope, trend.r2
                ),
                sources: Vec::new(),
                status: Status::Derived,
                refers_to: PointRef::Year(year),
            }
        })
        .collect();
    Some(Series {
        name: format!("Trend {from}–{to} (least squares, 95% band)"),
        color: palette::PURPLE,
        style: SeriesStyle::Band,
        points,
        max_gap: None,
    })
}

fn markers(events: &[Event], options: &ChartOptions) -> Vec<Marker> {
    events
        .iter()
        .filter(|event| options.marker_kinds.contains(&event.kind))
        .map(|event| {
            let refers_to = event_ref(event);
            Marker {
                kind: event.kind,
                x: event.start.fractional_year(),
                label: format!("{} ({})", event.name, event.date_label()),
                short_label: marker_short_label(&event.name, event.start.year),
                labelled: options.labelled_events.contains(&refers_to),
                refers_to,
                sources: event.sources.clone(),
            }
        })
        .collect()
}

fn event_ref(event: &Event) -> PointRef {
    PointRef::Row {
        dataset_id: event.dataset_id.clone(),
        row: event.row,
    }
}

#[cfg(test)]
mod tests;
