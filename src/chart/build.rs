//! Builds the chart models from the bundled data. Called once per data or setting change, never
//! per frame: the window keeps the model and draws it until something changes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::model::{
    Axis, AxisFormat, ChartId, ChartModel, DataPoint, DataTable, LegendPlacement, Marker, PointRef,
    Series, SeriesStyle, event_color, format_usd_bn, palette,
};
use crate::data::trade::{CHINA_CUSTOMS, RUSSIA_OFFICIAL};
use crate::data::{Bundle, Event, EventKind, IsoDate, TRADE_ID, TradeYear};

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
    pub index_base_year: i32,
    /// The event kinds overlaid as markers on the trade and growth charts.
    pub marker_kinds: Vec<EventKind>,
    /// Draw the least-squares trend of total trade over these years on the trade chart.
    pub trend_years: Option<(i32, i32)>,
}

impl Default for ChartOptions {
    fn default() -> Self {
        Self {
            growth_view: GrowthView::default(),
            index_base_year: 2014,
            marker_kinds: vec![EventKind::Diplomatic, EventKind::Tariff],
            trend_years: None,
        }
    }
}

const TRADE_SOURCE: &str = "Source: China customs (GACC), first-release figures as reported in the press; Russian totals from Russia's customs and Economy Ministry. Compiled in bilateral's china_russia_trade dataset.";

pub fn build_chart(bundle: &Bundle, id: ChartId, options: &ChartOptions) -> ChartModel {
    let mut model = match id {
        ChartId::Trade => trade_chart(bundle),
        ChartId::Growth => growth_chart(bundle, options),
        ChartId::TariffLists => tariff_lists_chart(bundle),
        ChartId::TariffRates2024 => tariff_rates_chart(bundle),
        ChartId::Timeline => timeline_chart(bundle),
    };
    if id == ChartId::Trade
        && let Some((from, to)) = options.trend_years
        && let Some(trend) = trend_series(bundle, from, to)
    {
        model.series.push(trend);
    }
    if id.takes_event_markers() {
        let (first, last) = model.x_range;
        model.markers = markers(&bundle.events, &options.marker_kinds)
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

fn markers(events: &[Event], kinds: &[EventKind]) -> Vec<Marker> {
    events
        .iter()
        .filter(|event| kinds.contains(&event.kind))
        .map(|event| Marker {
            kind: event.kind,
            x: event.start.fractional_year(),
            label: format!("{} ({})", event.name, event.date_label()),
            refers_to: event_ref(event),
            sources: event.sources.clone(),
        })
        .collect()
}

fn event_ref(event: &Event) -> PointRef {
    PointRef::Row {
        dataset_id: event.dataset_id.clone(),
        row: event.row,
    }
}

fn reporter_label(reporter: &str) -> &'static str {
    if reporter == RUSSIA_OFFICIAL {
        "Russian official figures"
    } else {
        "China customs (GACC)"
    }
}

/// The status, reported growth and sources of a trade row, read from the tidy dataset.
struct TradeRowFacts {
    status: String,
    reported_yoy_pct: Option<f64>,
    sources: Vec<String>,
}

fn trade_row_facts(bundle: &Bundle, year: i32, reporter: &str, flow: &str) -> TradeRowFacts {
    let empty = TradeRowFacts {
        status: String::new(),
        reported_yoy_pct: None,
        sources: Vec::new(),
    };
    let Some(trade) = bundle.dataset(TRADE_ID) else {
        return empty;
    };
    let rows = trade.find_rows(&[
        ("year".to_owned(), year.to_string()),
        ("reporter".to_owned(), reporter.to_owned()),
        ("flow".to_owned(), flow.to_owned()),
    ]);
    let Some(&row) = rows.first() else {
        return empty;
    };
    TradeRowFacts {
        status: trade.cell_text(row, "status").unwrap_or_default(),
        reported_yoy_pct: trade
            .cell_text(row, "reported_yoy_pct")
            .and_then(|text| text.parse().ok()),
        sources: crate::data::events::sources(trade, row),
    }
}

fn year_point(year: i32, value: f64, label: String, sources: Vec<String>) -> DataPoint {
    DataPoint {
        x: f64::from(year),
        y: value,
        x_end: None,
        band: None,
        label,
        sources,
        refers_to: PointRef::Year(year),
    }
}

fn flow_series(
    bundle: &Bundle,
    name: &str,
    color: super::model::Rgb,
    style: SeriesStyle,
    reporter: &str,
    flow: &str,
    value: impl Fn(&TradeYear) -> Option<f64>,
) -> Series {
    let points = bundle
        .trade_years
        .iter()
        .filter(|row| row.reporter == reporter)
        .filter_map(|row| {
            let amount = value(row)?;
            let facts = trade_row_facts(bundle, row.year, reporter, flow);
            let derived = if facts.status == "derived" {
                " (derived)"
            } else {
                ""
            };
            let label = format!(
                "{} · {}\n{name}: ${amount} bn{derived}",
                row.year,
                reporter_label(reporter)
            );
            Some(year_point(row.year, amount, label, facts.sources))
        })
        .collect();
    Series {
        name: name.to_owned(),
        color,
        style,
        points,
        max_gap: Some(1.0),
    }
}

fn trade_chart(bundle: &Bundle) -> ChartModel {
    let mut total = flow_series(
        bundle,
        "Total trade (China customs)",
        palette::BLUE,
        SeriesStyle::Line,
        CHINA_CUSTOMS,
        "total",
        |row| row.total_usd_bn,
    );
    for point in &mut total.points {
        if let PointRef::Year(year) = point.refers_to
            && let Some(row) = bundle.trade_year(CHINA_CUSTOMS, year)
        {
            let facts = trade_row_facts(bundle, year, CHINA_CUSTOMS, "total");
            if let Some(growth) = row.yoy_pct {
                let _ = write!(point.label, "\n{growth:+.1}% on {}", year - 1);
            }
            if let Some(reported) = facts.reported_yoy_pct {
                let _ = write!(point.label, " (GACC reported {reported:+.1}%)");
            }
            if let Some(russia) = bundle
                .trade_year(RUSSIA_OFFICIAL, year)
                .and_then(|r| r.total_usd_bn)
            {
                let _ = write!(point.label, "\nRussian figure: ${russia} bn");
            }
        }
    }
    let exports = flow_series(
        bundle,
        "China's exports to Russia",
        palette::ORANGE,
        SeriesStyle::Line,
        CHINA_CUSTOMS,
        "china_exports",
        |row| row.exports_usd_bn,
    );
    let imports = flow_series(
        bundle,
        "China's imports from Russia",
        palette::SKY,
        SeriesStyle::Line,
        CHINA_CUSTOMS,
        "china_imports",
        |row| row.imports_usd_bn,
    );
    let mut balance = flow_series(
        bundle,
        "Balance (China's exports − imports)",
        palette::GREY,
        SeriesStyle::Bars,
        CHINA_CUSTOMS,
        "china_exports",
        |row| row.balance_usd_bn,
    );
    balance.max_gap = None;
    let mut russian = flow_series(
        bundle,
        "Total trade (Russian official)",
        palette::VERMILION,
        SeriesStyle::Points,
        RUSSIA_OFFICIAL,
        "total",
        |row| row.total_usd_bn,
    );
    russian.max_gap = None;

    let table = trade_table(bundle);
    ChartModel {
        id: ChartId::Trade,
        title: "China–Russia trade, 2000–2024".to_owned(),
        subtitle: "USD billion a year. Lines break where no source confirms a year (2001, 2004, 2012, 2015).".to_owned(),
        x_axis: Axis::new("Year", AxisFormat::Year),
        y_axis: Axis::new("USD billion", AxisFormat::UsdBn),
        series: vec![total, exports, imports, balance, russian],
        markers: Vec::new(),
        table,
        source_line: TRADE_SOURCE.to_owned(),
        supports_log_scale: true,
        x_range: (1999.5, 2024.5),
        legend: LegendPlacement::TopLeft,
    }
}

fn optional_number(value: Option<f64>, format: impl Fn(f64) -> String) -> String {
    value.map(format).unwrap_or_default()
}

fn trade_table(bundle: &Bundle) -> DataTable {
    let mut years: Vec<i32> = bundle.trade_years.iter().map(|row| row.year).collect();
    years.sort_unstable();
    years.dedup();
    let columns = [
        "Year",
        "Total, China customs ($ bn)",
        "China's exports ($ bn)",
        "China's imports ($ bn)",
        "Balance ($ bn)",
        "Change on year (%)",
        "Total, Russian official ($ bn)",
        "Split status",
        "Source",
    ];
    let mut table = DataTable {
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        ..DataTable::default()
    };
    for year in years {
        let china = bundle.trade_year(CHINA_CUSTOMS, year);
        let russia = bundle.trade_year(RUSSIA_OFFICIAL, year);
        let number = |value: Option<f64>| optional_number(value, |v| format!("{v}"));
        let split = trade_row_facts(bundle, year, CHINA_CUSTOMS, "china_exports").status;
        let mut sources = trade_row_facts(bundle, year, CHINA_CUSTOMS, "total").sources;
        sources.extend(trade_row_facts(bundle, year, RUSSIA_OFFICIAL, "total").sources);
        table.rows.push(vec![
            year.to_string(),
            number(china.and_then(|r| r.total_usd_bn)),
            number(china.and_then(|r| r.exports_usd_bn)),
            number(china.and_then(|r| r.imports_usd_bn)),
            optional_number(china.and_then(|r| r.balance_usd_bn), |v| format!("{v:.2}")),
            optional_number(china.and_then(|r| r.yoy_pct), |v| format!("{v:+.1}")),
            number(russia.and_then(|r| r.total_usd_bn)),
            split,
            sources.join(" "),
        ]);
        table.row_refs.push(PointRef::Year(year));
    }
    table
}

fn growth_chart(bundle: &Bundle, options: &ChartOptions) -> ChartModel {
    match options.growth_view {
        GrowthView::YearOnYear => year_on_year_chart(bundle),
        GrowthView::Index => index_chart(bundle, options.index_base_year),
    }
}

fn year_on_year_chart(bundle: &Bundle) -> ChartModel {
    let mut computed = Vec::new();
    let mut reported = Vec::new();
    let mut table = DataTable {
        columns: vec![
            "Year".into(),
            "Change on year, computed (%)".into(),
            "Change on year, as GACC reported (%)".into(),
            "Source".into(),
        ],
        ..DataTable::default()
    };
    for row in bundle
        .trade_years
        .iter()
        .filter(|r| r.reporter == CHINA_CUSTOMS)
    {
        let facts = trade_row_facts(bundle, row.year, CHINA_CUSTOMS, "total");
        if let Some(growth) = row.yoy_pct {
            let label = format!(
                "{} · China customs (GACC)\nTotal trade {growth:+.1}% on {} (computed from first-release totals)",
                row.year,
                row.year - 1
            );
            computed.push(year_point(row.year, growth, label, facts.sources.clone()));
        }
        if let Some(growth) = facts.reported_yoy_pct {
            let label = format!(
                "{} · China customs (GACC)\nTotal trade {growth:+.1}% as reported",
                row.year
            );
            reported.push(year_point(row.year, growth, label, facts.sources.clone()));
        }
        if row.yoy_pct.is_some() || facts.reported_yoy_pct.is_some() {
            table.rows.push(vec![
                row.year.to_string(),
                optional_number(row.yoy_pct, |v| format!("{v:+.1}")),
                optional_number(facts.reported_yoy_pct, |v| format!("{v:+.1}")),
                facts.sources.join(" "),
            ]);
            table.row_refs.push(PointRef::Year(row.year));
        }
    }
    ChartModel {
        id: ChartId::Growth,
        title: "Growth of China–Russia trade".to_owned(),
        subtitle: "Change in total trade on the year before, percent. Computed only between consecutive years with data; GACC's own reported rates as dots.".to_owned(),
        x_axis: Axis::new("Year", AxisFormat::Year),
        y_axis: Axis::new("Change on previous year", AxisFormat::Percent),
        series: vec![
            Series {
                name: "Change on year (computed)".to_owned(),
                color: palette::BLUE,
                style: SeriesStyle::Bars,
                points: computed,
                max_gap: None,
            },
            Series {
                name: "Change on year (as GACC reported)".to_owned(),
                color: palette::ORANGE,
                style: SeriesStyle::Points,
                points: reported,
                max_gap: None,
            },
        ],
        markers: Vec::new(),
        table,
        source_line: TRADE_SOURCE.to_owned(),
        supports_log_scale: false,
        x_range: (1999.5, 2024.5),
        legend: LegendPlacement::TopLeft,
    }
}

fn index_chart(bundle: &Bundle, base_year: i32) -> ChartModel {
    let base = bundle
        .trade_year(CHINA_CUSTOMS, base_year)
        .and_then(|row| row.total_usd_bn);
    let mut series = Series {
        name: format!("Total trade, index {base_year} = 100"),
        color: palette::BLUE,
        style: SeriesStyle::Line,
        points: Vec::new(),
        max_gap: Some(1.0),
    };
    let mut table = DataTable {
        columns: vec![
            "Year".into(),
            format!("Index ({base_year} = 100)"),
            "Total, China customs ($ bn)".into(),
            "Source".into(),
        ],
        ..DataTable::default()
    };
    if let Some(base) = base {
        for row in bundle
            .trade_years
            .iter()
            .filter(|r| r.reporter == CHINA_CUSTOMS)
        {
            let Some(total) = row.total_usd_bn else {
                continue;
            };
            let index = total / base * 100.0;
            let sources = trade_row_facts(bundle, row.year, CHINA_CUSTOMS, "total").sources;
            let label = format!(
                "{} · China customs (GACC)\nIndex {index:.1} ({base_year} = 100); total ${total} bn",
                row.year
            );
            table.rows.push(vec![
                row.year.to_string(),
                format!("{index:.1}"),
                format!("{total}"),
                sources.join(" "),
            ]);
            table.row_refs.push(PointRef::Year(row.year));
            series
                .points
                .push(year_point(row.year, index, label, sources));
        }
    }
    let subtitle = if base.is_some() {
        format!("Total trade reported by China's customs, {base_year} = 100.")
    } else {
        format!("No confirmed figure for {base_year}: choose another base year.")
    };
    ChartModel {
        id: ChartId::Growth,
        title: "Growth of China–Russia trade".to_owned(),
        subtitle,
        x_axis: Axis::new("Year", AxisFormat::Year),
        y_axis: Axis::new(format!("Index, {base_year} = 100"), AxisFormat::Index),
        series: vec![series],
        markers: Vec::new(),
        table,
        source_line: TRADE_SOURCE.to_owned(),
        supports_log_scale: true,
        x_range: (1999.5, 2024.5),
        legend: LegendPlacement::TopLeft,
    }
}

/// One bar of the Section 301 chart: an action with its covered imports and its rate steps.
struct ActionBar {
    action: String,
    covered_usd_bn: f64,
    steps: Vec<String>,
    sources: Vec<String>,
    /// The dataset row of the action's first step.
    row: usize,
}

fn tariff_lists_chart(bundle: &Bundle) -> ChartModel {
    // One bar per action: the first step of each list carries its covered value.
    let mut actions: Vec<ActionBar> = Vec::new();
    for step in &bundle.tariff_steps {
        let is_product_group = step.announced.is_some() && step.effective.is_some();
        if is_product_group {
            continue;
        }
        let date = step
            .effective
            .or(step.announced)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let rate = step.rate_change_label();
        let detail = if rate.is_empty() {
            format!("announced {date}")
        } else {
            format!("{rate} from {date}")
        };
        if let Some(bar) = actions.iter_mut().find(|bar| bar.action == step.action) {
            bar.steps.push(detail);
            for source in &step.sources {
                if !bar.sources.contains(source) {
                    bar.sources.push(source.clone());
                }
            }
        } else if let Some(covered_usd_bn) = step.imports_covered_usd_bn {
            actions.push(ActionBar {
                action: step.action.clone(),
                covered_usd_bn,
                steps: vec![detail],
                sources: step.sources.clone(),
                row: step.row,
            });
        }
    }
    let mut categories = Vec::new();
    let mut points = Vec::new();
    let mut table = DataTable {
        columns: vec![
            "Action".into(),
            "Imports covered ($ bn)".into(),
            "Rates".into(),
            "Source".into(),
        ],
        ..DataTable::default()
    };
    let tariffs_id = crate::data::TARIFFS_ID.to_owned();
    for (index, bar) in actions.into_iter().enumerate() {
        let ActionBar {
            action,
            covered_usd_bn: covered,
            steps: details,
            sources,
            row,
        } = bar;
        let estimate = bundle
            .tariff_steps
            .iter()
            .find(|s| s.row == row)
            .map(|s| s.covered_note.clone())
            .filter(|note| !note.is_empty())
            .map(|note| format!(" ({note})"))
            .unwrap_or_default();
        let label = format!(
            "{action}\n{} of Chinese imports covered{estimate}\n{}",
            format_usd_bn(covered),
            details.join("; ")
        );
        let refers_to = PointRef::Row {
            dataset_id: tariffs_id.clone(),
            row,
        };
        table.rows.push(vec![
            action.clone(),
            format!("{covered}"),
            details.join("; "),
            sources.join(" "),
        ]);
        table.row_refs.push(refers_to.clone());
        categories.push(action);
        points.push(DataPoint {
            x: index as f64,
            y: covered,
            x_end: None,
            band: None,
            label,
            sources,
            refers_to,
        });
    }
    let mut x_axis = Axis::new("Section 301 action", AxisFormat::Category);
    let last = categories.len().saturating_sub(1) as f64;
    x_axis.categories = categories;
    ChartModel {
        id: ChartId::TariffLists,
        title: "US Section 301 tariffs on Chinese goods".to_owned(),
        subtitle: "Value of Chinese imports covered by each action, USD billion. The 2024 increases cover $18 bn of imports; that is not the tariff revenue.".to_owned(),
        x_axis,
        y_axis: Axis::new("Imports covered, USD billion", AxisFormat::UsdBn),
        series: vec![Series {
            name: "Imports covered".to_owned(),
            color: palette::ORANGE,
            style: SeriesStyle::Bars,
            points,
            max_gap: None,
        }],
        markers: Vec::new(),
        table,
        source_line: "Source: USTR Section 301 notices as summarised by trade-law firms and Reuters; compiled in bilateral's us_section301_tariffs dataset.".to_owned(),
        supports_log_scale: false,
        x_range: (-0.6, last + 0.6),
        legend: LegendPlacement::TopLeft,
    }
}

fn tariff_rates_chart(bundle: &Bundle) -> ChartModel {
    let steps: Vec<_> = bundle
        .tariff_steps
        .iter()
        .filter(|s| s.announced.is_some() && s.effective.is_some())
        .collect();
    // One lane per product group, in the order of the dataset, listed top to bottom.
    let mut groups: Vec<String> = Vec::new();
    for step in &steps {
        if !groups.contains(&step.product_group) {
            groups.push(step.product_group.clone());
        }
    }
    let lane = |group: &str| {
        let index = groups.iter().position(|g| g == group).unwrap_or(0);
        (groups.len() - 1 - index) as f64
    };
    let mut by_year: BTreeMap<i32, Vec<DataPoint>> = BTreeMap::new();
    let mut table = DataTable {
        columns: vec![
            "Product group".into(),
            "Old rate (%)".into(),
            "New rate (%)".into(),
            "Effective".into(),
            "Imports covered ($ bn)".into(),
            "Source".into(),
        ],
        ..DataTable::default()
    };
    let tariffs_id = crate::data::TARIFFS_ID.to_owned();
    for step in steps {
        let (Some(old), Some(new), Some(effective)) =
            (step.old_rate_max_pct, step.new_rate_pct, step.effective)
        else {
            continue;
        };
        let covered = step
            .imports_covered_usd_bn
            .map(|v| {
                format!(
                    "\nImports covered: {} ({})",
                    format_usd_bn(v),
                    step.covered_note
                )
            })
            .unwrap_or_default();
        let refers_to = PointRef::Row {
            dataset_id: tariffs_id.clone(),
            row: step.row,
        };
        let old_label = match step.old_rate_min_pct {
            Some(min) if (min - old).abs() > f64::EPSILON => format!("{min}–{old}"),
            _ => format!("{old}"),
        };
        table.rows.push(vec![
            step.product_group.clone(),
            old_label,
            format!("{new}"),
            effective.to_string(),
            step.imports_covered_usd_bn
                .map(|v| v.to_string())
                .unwrap_or_default(),
            step.sources.join(" "),
        ]);
        table.row_refs.push(refers_to.clone());
        by_year.entry(effective.year).or_default().push(DataPoint {
            x: old,
            y: lane(&step.product_group),
            x_end: Some(new),
            band: None,
            label: format!(
                "{}\n{} from {effective}{covered}",
                step.product_group,
                step.rate_change_label()
            ),
            sources: step.sources.clone(),
            refers_to,
        });
    }
    let colors = [palette::VERMILION, palette::BLUE, palette::PURPLE];
    let series = by_year
        .into_iter()
        .zip(colors.into_iter().cycle())
        .map(|((year, points), color)| Series {
            name: format!("Takes effect in {year}"),
            color,
            style: SeriesStyle::Spans,
            points,
            max_gap: None,
        })
        .collect();
    let mut y_axis = Axis::new("", AxisFormat::Category);
    y_axis.categories = groups.iter().rev().cloned().collect();
    ChartModel {
        id: ChartId::TariffRates2024,
        title: "US tariff increases announced on 14 May 2024".to_owned(),
        subtitle: "Section 301 rate on Chinese goods before and after, percent, by product group. Together they cover $18 bn of imports.".to_owned(),
        x_axis: Axis::new("Tariff rate", AxisFormat::Percent),
        y_axis,
        series,
        markers: Vec::new(),
        table,
        source_line: "Source: USTR notice of 14 May 2024 and final determination, as summarised by trade-law firms and Reuters; compiled in bilateral's us_section301_tariffs dataset.".to_owned(),
        supports_log_scale: false,
        x_range: (-5.0, 105.0),
        legend: LegendPlacement::BottomRight,
    }
}

/// The timeline's lanes, bottom to top.
const TIMELINE_LANES: [EventKind; 4] = [
    EventKind::Tariff,
    EventKind::Patrol,
    EventKind::Exercise,
    EventKind::Diplomatic,
];

fn timeline_chart(bundle: &Bundle) -> ChartModel {
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
        subtitle: "Each dot is one event; hover for its name and dates. Drag the chart to the right to reach the 1949 recognition.".to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> Bundle {
        Bundle::load().expect("bundled data loads")
    }

    #[test]
    fn trade_chart_plots_240_11_for_2023_and_breaks_at_missing_years() {
        let model = build_chart(&bundle(), ChartId::Trade, &ChartOptions::default());
        let (series, point) = model.find_point(&PointRef::Year(2023)).expect("2023 point");
        assert_eq!(series.name, "Total trade (China customs)");
        assert!((point.y - 240.11).abs() < 1e-9);
        assert!(point.label.contains("$240.11 bn"), "{}", point.label);
        assert!(
            point.label.contains("Russian figure: $227.8 bn"),
            "{}",
            point.label
        );
        let runs = series.contiguous_runs();
        let first_run_years: Vec<f64> = runs[0].iter().map(|p| p.x).collect();
        assert_eq!(first_run_years, vec![2000.0]);
        assert!(
            runs.iter()
                .all(|run| run.windows(2).all(|w| w[1].x - w[0].x <= 1.0))
        );
        let row_2023 = model
            .table
            .rows
            .iter()
            .find(|row| row[0] == "2023")
            .expect("2023 row");
        assert_eq!(row_2023[1], "240.11");
        assert_eq!(row_2023[6], "227.8");
    }

    #[test]
    fn the_trend_line_is_drawn_over_the_chosen_years_with_its_band() {
        let bundle = bundle();
        let options = ChartOptions {
            trend_years: Some((2016, 2024)),
            ..ChartOptions::default()
        };
        let model = build_chart(&bundle, ChartId::Trade, &options);
        let trend = model
            .series
            .iter()
            .find(|s| s.style == SeriesStyle::Band)
            .expect("trend series");
        assert_eq!(trend.points.len(), 9);
        let stats = crate::stats::trade_stats(&bundle, 2016, 2024, None).expect("stats");
        let fitted = stats.trend.expect("trend");
        for point in &trend.points {
            assert!((point.y - fitted.fitted(point.x)).abs() < 1e-9);
            let (low, high) = point.band.expect("band");
            assert!(low < point.y && point.y < high);
        }
        let too_short = ChartOptions {
            trend_years: Some((2023, 2024)),
            ..ChartOptions::default()
        };
        let without = build_chart(&bundle, ChartId::Trade, &too_short);
        assert!(without.series.iter().all(|s| s.style != SeriesStyle::Band));
    }

    #[test]
    fn markers_follow_the_chosen_event_kinds() {
        let bundle = bundle();
        let mut options = ChartOptions {
            marker_kinds: vec![EventKind::Exercise],
            ..ChartOptions::default()
        };
        let with_exercises = build_chart(&bundle, ChartId::Trade, &options);
        assert!(with_exercises.markers.len() > 10);
        assert!(
            with_exercises
                .markers
                .iter()
                .all(|m| m.kind == EventKind::Exercise)
        );
        options.marker_kinds.clear();
        assert!(
            build_chart(&bundle, ChartId::Trade, &options)
                .markers
                .is_empty()
        );
        assert!(
            build_chart(&bundle, ChartId::Timeline, &ChartOptions::default())
                .markers
                .is_empty()
        );
    }

    #[test]
    fn tariff_lists_chart_shows_each_action_once_with_its_covered_value() {
        let model = build_chart(&bundle(), ChartId::TariffLists, &ChartOptions::default());
        assert_eq!(
            model.x_axis.categories,
            vec!["List 1", "List 2", "List 3", "List 4A", "2024 increases"]
        );
        let values: Vec<f64> = model.series[0].points.iter().map(|p| p.y).collect();
        assert_eq!(values, vec![34.0, 16.0, 200.0, 120.0, 18.0]);
    }

    #[test]
    fn tariff_rate_chart_has_a_lane_per_product_group() {
        let model = build_chart(
            &bundle(),
            ChartId::TariffRates2024,
            &ChartOptions::default(),
        );
        assert_eq!(model.y_axis.categories.len(), 14);
        let ev = model
            .series
            .iter()
            .flat_map(|s| &s.points)
            .find(|p| p.label.starts_with("Electric vehicles"))
            .expect("EV span");
        assert_eq!((ev.x, ev.x_end), (25.0, Some(100.0)));
    }

    #[test]
    fn growth_chart_switches_between_year_on_year_and_index() {
        let bundle = bundle();
        let yoy = build_chart(&bundle, ChartId::Growth, &ChartOptions::default());
        let (_, point_2023) = yoy.find_point(&PointRef::Year(2023)).expect("2023");
        assert!((point_2023.y - (240.11 / 190.271 - 1.0) * 100.0).abs() < 1e-9);
        let options = ChartOptions {
            growth_view: GrowthView::Index,
            index_base_year: 2022,
            ..ChartOptions::default()
        };
        let index = build_chart(&bundle, ChartId::Growth, &options);
        let (_, base) = index.find_point(&PointRef::Year(2022)).expect("base");
        assert!((base.y - 100.0).abs() < 1e-9);
        let missing_base = ChartOptions {
            index_base_year: 2015,
            ..options
        };
        let no_index = build_chart(&bundle, ChartId::Growth, &missing_base);
        assert!(no_index.series[0].points.is_empty());
        assert!(no_index.subtitle.contains("No confirmed figure for 2015"));
    }
}
