//! The year-to-date chart: trade added up month by month, one line per year, so "is this year
//! ahead of last year?" reads at a glance; and the single months as a second view.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{PROVENANCE_COLUMNS, provenance_cells, provenance_lines};
use crate::chart::model::{
    Axis, AxisFormat, ChartId, ChartModel, DataPoint, DataTable, LegendPlacement, PointRef, Series,
    SeriesStyle, palette,
};
use crate::data::facts::{month_name, usd_single_months};
use crate::data::{Attribution, Bundle, Flow, Period, Reporter, Status};

/// What the year-to-date chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum PeriodView {
    /// January to each month, added up: one line per year.
    #[default]
    Cumulative,
    /// Each month on its own, on a time axis.
    Months,
}

/// How many years the cumulative view compares: the latest one and the three before it.
const YEARS_COMPARED: i32 = 4;

const PERIODS_SOURCE: &str = "Source: China customs (GACC) monthly releases as relayed by news agencies; December is the full-year total. Compiled in bilateral's china_russia_trade_periods dataset.";

/// One point of the cumulative view: a year's total from January to `last_month`.
struct CumulativePoint {
    last_month: u32,
    value_usd_bn: f64,
    status: Status,
    reported_yoy_pct: Option<f64>,
    note: String,
    attribution: Attribution,
}

/// Each year's January-to-month totals in USD, with the full-year total as December.
fn cumulative_by_year(bundle: &Bundle) -> BTreeMap<i32, Vec<CumulativePoint>> {
    let mut years: BTreeMap<i32, Vec<CumulativePoint>> = BTreeMap::new();
    for fact in &bundle.period_facts {
        let Some(value_usd_bn) = fact.value_bn else {
            continue;
        };
        if fact.flow != Flow::Total
            || fact.currency != crate::data::Currency::Usd
            || fact.period.first_month != 1
        {
            continue;
        }
        years
            .entry(fact.period.year)
            .or_default()
            .push(CumulativePoint {
                last_month: fact.period.last_month,
                value_usd_bn,
                status: fact.status,
                reported_yoy_pct: fact.reported_yoy_pct,
                note: fact.note.clone(),
                attribution: fact.attribution.clone(),
            });
    }
    for fact in bundle
        .trade_facts
        .iter()
        .filter(|f| f.reporter == Reporter::ChinaCustoms && f.flow == Flow::Total)
    {
        if let Some(points) = years.get_mut(&fact.year) {
            points.push(CumulativePoint {
                last_month: 12,
                value_usd_bn: fact.value_usd_bn,
                status: fact.status,
                reported_yoy_pct: fact.reported_yoy_pct,
                note: fact.note.clone(),
                attribution: fact.attribution.clone(),
            });
        }
    }
    for points in years.values_mut() {
        points.sort_by_key(|point| point.last_month);
    }
    years
}

fn month_axis() -> Axis {
    let mut axis = Axis::new("Year to date, January to…", AxisFormat::Category);
    axis.categories = (1..=12).map(|m| month_name(m)[..3].to_owned()).collect();
    axis
}

fn cumulative_chart(bundle: &Bundle) -> ChartModel {
    let years = cumulative_by_year(bundle);
    let latest = years.keys().next_back().copied().unwrap_or_default();
    let colors = [palette::GREY, palette::SKY, palette::ORANGE, palette::BLUE];
    let mut table = DataTable {
        columns: [
            "Year",
            "January to",
            "Total ($ bn)",
            "Reported change on a year earlier (%)",
        ]
        .into_iter()
        .chain(PROVENANCE_COLUMNS)
        .map(str::to_owned)
        .collect(),
        ..DataTable::default()
    };
    let mut series = Vec::new();
    for (index, (year, points)) in years
        .range(latest - YEARS_COMPARED + 1..=latest)
        .enumerate()
    {
        let mut line = Series {
            name: year.to_string(),
            color: colors[index % colors.len()],
            style: SeriesStyle::Line,
            points: Vec::new(),
            max_gap: None,
        };
        for point in points {
            let period = Period {
                year: *year,
                first_month: 1,
                last_month: point.last_month,
            };
            let growth = point
                .reported_yoy_pct
                .map(|g| format!(" ({g:+.1}% on a year earlier)"))
                .unwrap_or_default();
            let label = format!(
                "{} · China customs (GACC)\nTotal trade: ${} bn{growth}{}",
                period.label(),
                point.value_usd_bn,
                provenance_lines(point.status, &point.note, &point.attribution)
            );
            line.points.push(DataPoint {
                x: f64::from(point.last_month - 1),
                y: point.value_usd_bn,
                x_end: None,
                band: None,
                label,
                sources: point.attribution.urls.clone(),
                status: point.status,
                refers_to: PointRef::Year(*year),
            });
            let mut row = vec![
                year.to_string(),
                month_name(point.last_month).to_owned(),
                point.value_usd_bn.to_string(),
                point
                    .reported_yoy_pct
                    .map(|g| format!("{g:+.1}"))
                    .unwrap_or_default(),
            ];
            row.extend(provenance_cells(
                point.status,
                &point.note,
                &point.attribution,
            ));
            table.rows.push(row);
            table.row_refs.push(PointRef::Year(*year));
        }
        series.push(line);
    }
    let first = years
        .range(latest - YEARS_COMPARED + 1..)
        .next()
        .map_or(latest, |(year, _)| *year);
    ChartModel {
        id: ChartId::YearToDate,
        title: format!("China–Russia trade, year to date, {first}–{latest}"),
        subtitle: "Total trade from January to each month, USD billion, one line per year; December is the full year. Months no source gives are skipped; hollow points are derived or weakly sourced.".to_owned(),
        x_axis: month_axis(),
        y_axis: Axis::new("USD billion, January to the month", AxisFormat::UsdBn),
        series,
        markers: Vec::new(),
        table,
        source_line: PERIODS_SOURCE.to_owned(),
        supports_log_scale: false,
        x_range: (-0.5, 11.5),
        legend: LegendPlacement::TopLeft,
    }
}

fn months_chart(bundle: &Bundle) -> ChartModel {
    let months = usd_single_months(&bundle.period_facts, Flow::Total);
    let mut table = DataTable {
        columns: ["Month", "Total ($ bn)"]
            .into_iter()
            .chain(PROVENANCE_COLUMNS)
            .map(str::to_owned)
            .collect(),
        ..DataTable::default()
    };
    let mut points = Vec::new();
    for month in &months {
        let label = format!(
            "{} · China customs (GACC)\nTotal trade: ${} bn{}",
            month.period.label(),
            month.value_usd_bn,
            provenance_lines(month.status, &month.note, &month.attribution)
        );
        points.push(DataPoint {
            x: month.period.start_x(),
            y: month.value_usd_bn,
            x_end: None,
            band: None,
            label,
            sources: month.attribution.urls.clone(),
            status: month.status,
            refers_to: PointRef::Year(month.period.year),
        });
        let mut row = vec![month.period.label(), month.value_usd_bn.to_string()];
        row.extend(provenance_cells(
            month.status,
            &month.note,
            &month.attribution,
        ));
        table.rows.push(row);
        table.row_refs.push(PointRef::Year(month.period.year));
    }
    let last_year = months
        .last()
        .map_or(bundle.coverage.last_full_year, |m| m.period.year);
    let first_year = last_year - YEARS_COMPARED + 1;
    ChartModel {
        id: ChartId::YearToDate,
        title: "China–Russia trade by month".to_owned(),
        subtitle: "Total trade in single months, USD billion: the months sources give, and months derived from two consecutive year-to-date totals (hollow). Drag left for earlier years.".to_owned(),
        x_axis: Axis::new("Month", AxisFormat::Year),
        y_axis: Axis::new("USD billion in the month", AxisFormat::UsdBn),
        series: vec![Series {
            name: "Total trade in the month".to_owned(),
            color: palette::BLUE,
            style: SeriesStyle::Points,
            points,
            max_gap: None,
        }],
        markers: Vec::new(),
        table,
        source_line: PERIODS_SOURCE.to_owned(),
        supports_log_scale: false,
        x_range: (f64::from(first_year) - 0.1, f64::from(last_year) + 1.05),
        legend: LegendPlacement::TopLeft,
    }
}

pub(super) fn periods_chart(bundle: &Bundle, view: PeriodView) -> ChartModel {
    match view {
        PeriodView::Cumulative => cumulative_chart(bundle),
        PeriodView::Months => months_chart(bundle),
    }
}
