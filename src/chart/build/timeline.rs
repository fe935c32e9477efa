//! The relations timeline: exercises, patrols, diplomatic milestones and US tariff actions on
//! one time axis, a lane per kind.

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
                    x: event.start.fractional_year(),
                    y: lane as f64,
                    x_end: event.end.map(IsoDate::fractional_year),
                    band: None,
                    label: format!("{}\n{}\n{}", event.name, event.date_label(), event.detail),
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
            event.sources.join(" "),
        ]);
        table.row_refs.push(event_ref(event));
    }
    let mut y_axis = Axis::new("", AxisFormat::Category);
    y_axis.categories = TIMELINE_LANES
        .iter()
        .map(|k| k.label().to_owned())
        .collect();
    ChartModel {
        id: ChartId::Timeline,
        title: "China–Russia relations: exercises, patrols, diplomacy and US tariffs".to_owned(),
        subtitle: "Each dot is one event; on screen, hover for its name and dates. Shown from 2000: the 1949 recognition lies further left (drag the chart), and every event is in the table.".to_owned(),
        x_axis: Axis::new("Year", AxisFormat::Year),
        y_axis,
        series,
        markers: Vec::new(),
        table,
        source_line: "Sources: defence ministries and news agencies for exercises and patrols; foreign ministries and news reports for milestones; USTR for tariff actions. Each row's source is in the table.".to_owned(),
        supports_log_scale: false,
        x_range: (1999.5, 2025.3),
        legend: LegendPlacement::Hidden,
    }
}
