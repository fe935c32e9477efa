//! The relations timeline: exercises, patrols, diplomatic milestones and US tariff actions on
//! one time axis, a lane per kind.

use std::fmt::Write as _;

use super::event_ref;
use crate::chart::model::{
    Axis, AxisFormat, ChartId, ChartModel, DataPoint, DataTable, LegendPlacement, Series,
    SeriesStyle, event_color,
};
use crate::data::{Bundle, EventKind, IsoDate};

/// The timeline's lanes, bottom to top.
const TIMELINE_LANES: [EventKind; 4] = [
    EventKind::Tariff,
    EventKind::Patrol,
    EventKind::Exercise,
    EventKind::Diplomatic,
];

pub(super) fn timeline_chart(bundle: &Bundle) -> ChartModel {
    let mut table = DataTable {
        columns: vec![
            "Date".into(),
            "Kind".into(),
            "Event".into(),
            "Detail".into(),
            "Source".into(),
            "Addresses".into(),
        ],
        ..DataTable::default()
    };
    let series = TIMELINE_LANES
        .iter()
        .enumerate()
        .map(|(lane, &kind)| {
            let points = bundle
                .events
                .iter()
                .filter(|event| event.kind == kind)
                .map(|event| DataPoint {
                    status: crate::data::Status::Reported,
                    x: event.start.fractional_year(),
                    y: lane as f64,
                    x_end: event.end.map(IsoDate::fractional_year),
                    band: None,
                    label: format!(
                        "{}\n{}\n{}\nSource: {}",
                        event.name,
                        event.date_label(),
                        event.detail,
                        event.credit
                    ),
                    sources: event.sources.clone(),
                    refers_to: event_ref(event),
                })
                .collect();
            Series {
                name: kind.label().to_owned(),
                color: event_color(kind),
                style: SeriesStyle::Points,
                points,
                max_gap: None,
            }
        })
        .collect();
    for event in &bundle.events {
        table.rows.push(vec![
            event.date_label(),
            event.kind.label().to_owned(),
            event.name.clone(),
            event.detail.clone(),
            event.credit.clone(),
            event.sources.join(" "),
        ]);
        table.row_refs.push(event_ref(event));
    }
    let mut y_axis = Axis::new("", AxisFormat::Category);
    y_axis.categories = TIMELINE_LANES
        .iter()
        .map(|k| k.label().to_owned())
        .collect();
    let (shown_from, subtitle) = view_start(bundle);
    ChartModel {
        id: ChartId::Timeline,
        title: "China–Russia relations: exercises, patrols, diplomacy and US tariffs".to_owned(),
        subtitle,
        x_axis: Axis::new("Year", AxisFormat::Year),
        y_axis,
        series,
        markers: Vec::new(),
        table,
        source_line: "Sources: defence ministries and news agencies for exercises and patrols; foreign ministries and news reports for milestones; USTR for tariff actions. Each row's source is in the table.".to_owned(),
        supports_log_scale: false,
        x_range: (
            f64::from(shown_from) - 1.5,
            f64::from(bundle.coverage.event_years.1) + 1.3,
        ),
        legend: LegendPlacement::Hidden,
    }
}

/// Where the view opens: the first event within the years of the trade data, the events
/// before it (the recognition of 1949) a drag away and named in the subtitle.
fn view_start(bundle: &Bundle) -> (i32, String) {
    let coverage = &bundle.coverage;
    let shown_from = bundle
        .events
        .iter()
        .map(|event| event.start.year)
        .filter(|year| *year >= coverage.first_year)
        .min()
        .unwrap_or(coverage.first_year);
    let earlier: Vec<String> = bundle
        .events
        .iter()
        .filter(|event| event.start.year < shown_from)
        .map(|event| format!("{} ({})", event.name, event.date_label()))
        .collect();
    let mut subtitle = "Each dot is one event; on screen, hover for its name and dates.".to_owned();
    if !earlier.is_empty() {
        let _ = write!(
            subtitle,
            " Shown from {shown_from}: earlier events lie further left (drag the chart) and are in the table: {}.",
            earlier.join("; ")
        );
    }
    (shown_from, subtitle)
}
