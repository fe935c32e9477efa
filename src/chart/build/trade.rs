//! The trade chart (totals, flows, balance, Russian-side figures) and the growth chart
//! (year-on-year change or an index to a base year), with the tables behind them.

use std::fmt::Write as _;

use super::{ChartOptions, GrowthView, TRADE_SOURCE, provenance_lines};
use crate::chart::model::{
    Axis, AxisFormat, ChartId, ChartModel, DataPoint, DataTable, LegendPlacement, PointRef, Rgb,
    Series, SeriesStyle, palette,
};
use crate::data::{Bundle, Flow, Reporter, Status, TradeFact, TradeYear};

/// A point of one year, carrying the status and sources of the row it comes from.
fn year_point(year: i32, value: f64, label: String, fact: Option<&TradeFact>) -> DataPoint {
    DataPoint {
        x: f64::from(year),
        y: value,
        x_end: None,
        band: None,
        label,
        sources: fact.map(|f| f.attribution.urls.clone()).unwrap_or_default(),
        status: fact.map_or(Status::Reported, |f| f.status),
        refers_to: PointRef::Year(year),
    }
}

fn fact_lines(fact: &TradeFact) -> String {
    provenance_lines(fact.status, &fact.note, &fact.attribution)
}

struct FlowSeries<'a> {
    name: &'a str,
    color: Rgb,
    style: SeriesStyle,
    reporter: Reporter,
    flow: Flow,
}

fn flow_series(
    bundle: &Bundle,
    spec: &FlowSeries,
    value: impl Fn(&TradeYear) -> Option<f64>,
) -> Series {
    let FlowSeries {
        name,
        color,
        style,
        reporter,
        flow,
    } = *spec;
    let points = bundle
        .trade_years
        .iter()
        .filter(|row| row.reporter == reporter)
        .filter_map(|row| {
            let amount = value(row)?;
            let fact = bundle.trade_fact(row.year, reporter, flow);
            let label = format!(
                "{} · {reporter}\n{name}: ${amount} bn{}",
                row.year,
                fact.map(fact_lines).unwrap_or_default()
            );
            Some(year_point(row.year, amount, label, fact))
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

fn total_series(bundle: &Bundle) -> Series {
    let mut total = flow_series(
        bundle,
        &FlowSeries {
            name: "Total trade (China customs)",
            color: palette::BLUE,
            style: SeriesStyle::Line,
            reporter: Reporter::ChinaCustoms,
            flow: Flow::Total,
        },
        |row| row.total_usd_bn,
    );
    for point in &mut total.points {
        let PointRef::Year(year) = point.refers_to else {
            continue;
        };
        let mut extra = String::new();
        if let Some(growth) = bundle
            .trade_year(Reporter::ChinaCustoms, year)
            .and_then(|row| row.yoy_pct)
        {
            let _ = write!(extra, "\n{growth:+.1}% on {}", year - 1);
        }
        if let Some(fact) = bundle.trade_fact(year, Reporter::ChinaCustoms, Flow::Total) {
            if let Some(reported) = fact.reported_yoy_pct {
                let _ = write!(extra, " (GACC reported {reported:+.1}%)");
            }
            if let Some(yuan) = fact.value_cny_bn {
                let _ = write!(extra, "\nIn yuan: {yuan} bn");
                if let Some(growth) = fact.reported_yoy_cny_pct {
                    let _ = write!(extra, " ({growth:+.1}%)");
                }
            }
        }
        if let Some(russia) = bundle
            .trade_year(Reporter::RussiaOfficial, year)
            .and_then(|r| r.total_usd_bn)
        {
            let _ = write!(extra, "\nRussian figure: ${russia} bn");
        }
        // The figures go right under the first line, before the status and source lines.
        let at = point
            .label
            .find("\nStatus")
            .or_else(|| point.label.find("\nNote"))
            .or_else(|| point.label.find("\nSource"));
        match at {
            Some(at) => point.label.insert_str(at, &extra),
            None => point.label.push_str(&extra),
        }
    }
    total
}

pub(super) fn trade_chart(bundle: &Bundle) -> ChartModel {
    let flows = [
        FlowSeries {
            name: "China's exports to Russia",
            color: palette::ORANGE,
            style: SeriesStyle::Line,
            reporter: Reporter::ChinaCustoms,
            flow: Flow::ChinaExports,
        },
        FlowSeries {
            name: "China's imports from Russia",
            color: palette::SKY,
            style: SeriesStyle::Line,
            reporter: Reporter::ChinaCustoms,
            flow: Flow::ChinaImports,
        },
    ];
    let mut series = vec![total_series(bundle)];
    series.push(flow_series(bundle, &flows[0], |row| row.exports_usd_bn));
    series.push(flow_series(bundle, &flows[1], |row| row.imports_usd_bn));
    let mut balance = flow_series(
        bundle,
        &FlowSeries {
            name: "Balance (China's exports − imports)",
            color: palette::GREY,
            style: SeriesStyle::Bars,
            reporter: Reporter::ChinaCustoms,
            flow: Flow::ChinaExports,
        },
        |row| row.balance_usd_bn,
    );
    balance.max_gap = None;
    series.push(balance);
    let mut russian = flow_series(
        bundle,
        &FlowSeries {
            name: "Total trade (Russian official)",
            color: palette::VERMILION,
            style: SeriesStyle::Points,
            reporter: Reporter::RussiaOfficial,
            flow: Flow::Total,
        },
        |row| row.total_usd_bn,
    );
    russian.max_gap = None;
    series.push(russian);

    let coverage = &bundle.coverage;
    let gaps = coverage
        .missing_years_label()
        .map_or_else(String::new, |years| {
            format!(" Lines break where no source confirms a year ({years}).")
        });
    ChartModel {
        id: ChartId::Trade,
        title: format!("China–Russia trade, {}", coverage.years_label()),
        subtitle: format!("USD billion a year.{gaps} Hollow points are derived or weakly sourced."),
        x_axis: Axis::new("Year", AxisFormat::Year),
        y_axis: Axis::new("USD billion", AxisFormat::UsdBn),
        series,
        markers: Vec::new(),
        table: trade_table(bundle),
        source_line: TRADE_SOURCE.to_owned(),
        supports_log_scale: true,
        x_range: coverage.year_axis_range(),
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
        "Status of the total",
        "Status of the split",
        "Source",
        "Addresses",
    ];
    let mut table = DataTable {
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        ..DataTable::default()
    };
    for year in years {
        let china = bundle.trade_year(Reporter::ChinaCustoms, year);
        let russia = bundle.trade_year(Reporter::RussiaOfficial, year);
        let number = |value: Option<f64>| optional_number(value, |v| format!("{v}"));
        let status = |flow: Flow| {
            bundle
                .trade_fact(year, Reporter::ChinaCustoms, flow)
                .map(|fact| fact.status.label().to_owned())
                .unwrap_or_default()
        };
        let sourced: Vec<&TradeFact> = [
            bundle.trade_fact(year, Reporter::ChinaCustoms, Flow::Total),
            bundle.trade_fact(year, Reporter::RussiaOfficial, Flow::Total),
        ]
        .into_iter()
        .flatten()
        .collect();
        let credits: Vec<String> = sourced.iter().map(|f| f.attribution.credit()).collect();
        let addresses: Vec<&str> = sourced
            .iter()
            .flat_map(|f| f.attribution.urls.iter().map(String::as_str))
            .collect();
        table.rows.push(vec![
            year.to_string(),
            number(china.and_then(|r| r.total_usd_bn)),
            number(china.and_then(|r| r.exports_usd_bn)),
            number(china.and_then(|r| r.imports_usd_bn)),
            optional_number(china.and_then(|r| r.balance_usd_bn), |v| format!("{v:.2}")),
            optional_number(china.and_then(|r| r.yoy_pct), |v| format!("{v:+.1}")),
            number(russia.and_then(|r| r.total_usd_bn)),
            status(Flow::Total),
            status(Flow::ChinaExports),
            credits.join("; "),
            addresses.join(" "),
        ]);
        table.row_refs.push(PointRef::Year(year));
    }
    table
}

pub(super) fn growth_chart(bundle: &Bundle, options: &ChartOptions) -> ChartModel {
    match options.growth_view {
        GrowthView::YearOnYear => year_on_year_chart(bundle),
        GrowthView::Index => index_chart(
            bundle,
            options
                .index_base_year
                .unwrap_or(bundle.coverage.default_index_base_year),
        ),
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
            "Addresses".into(),
        ],
        ..DataTable::default()
    };
    for row in bundle
        .trade_years
        .iter()
        .filter(|r| r.reporter == Reporter::ChinaCustoms)
    {
        let fact = bundle.trade_fact(row.year, Reporter::ChinaCustoms, Flow::Total);
        let reported_growth = fact.and_then(|f| f.reported_yoy_pct);
        let lines = fact.map(fact_lines).unwrap_or_default();
        if let Some(growth) = row.yoy_pct {
            let label = format!(
                "{} · China customs (GACC)\nTotal trade {growth:+.1}% on {} (computed from first-release totals){lines}",
                row.year,
                row.year - 1
            );
            computed.push(year_point(row.year, growth, label, fact));
        }
        if let Some(growth) = reported_growth {
            let label = format!(
                "{} · China customs (GACC)\nTotal trade {growth:+.1}% as reported{lines}",
                row.year
            );
            reported.push(year_point(row.year, growth, label, fact));
        }
        if row.yoy_pct.is_some() || reported_growth.is_some() {
            table.rows.push(vec![
                row.year.to_string(),
                optional_number(row.yoy_pct, |v| format!("{v:+.1}")),
                optional_number(reported_growth, |v| format!("{v:+.1}")),
                fact.map(|f| f.attribution.credit()).unwrap_or_default(),
                fact.map(|f| f.attribution.urls.join(" "))
                    .unwrap_or_default(),
            ]);
            table.row_refs.push(PointRef::Year(row.year));
        }
    }
    ChartModel {
        id: ChartId::Growth,
        title: "Growth of China–Russia trade".to_owned(),
        subtitle: "Change in total trade on the year before, percent. Computed only between consecutive years with data; GACC's own reported rates as dots. Hollow: derived or weakly sourced.".to_owned(),
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
        x_range: bundle.coverage.year_axis_range(),
        legend: LegendPlacement::TopLeft,
    }
}

fn index_chart(bundle: &Bundle, base_year: i32) -> ChartModel {
    let base = bundle
        .trade_year(Reporter::ChinaCustoms, base_year)
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
            "Addresses".into(),
        ],
        ..DataTable::default()
    };
    if let Some(base) = base {
        for row in bundle
            .trade_years
            .iter()
            .filter(|r| r.reporter == Reporter::ChinaCustoms)
        {
            let Some(total) = row.total_usd_bn else {
                continue;
            };
            let index = total / base * 100.0;
            let fact = bundle.trade_fact(row.year, Reporter::ChinaCustoms, Flow::Total);
            let label = format!(
                "{} · China customs (GACC)\nIndex {index:.1} ({base_year} = 100); total ${total} bn{}",
                row.year,
                fact.map(fact_lines).unwrap_or_default()
            );
            table.rows.push(vec![
                row.year.to_string(),
                format!("{index:.1}"),
                format!("{total}"),
                fact.map(|f| f.attribution.credit()).unwrap_or_default(),
                fact.map(|f| f.attribution.urls.join(" "))
                    .unwrap_or_default(),
            ]);
            table.row_refs.push(PointRef::Year(row.year));
            series.points.push(year_point(row.year, index, label, fact));
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
        x_range: bundle.coverage.year_axis_range(),
        legend: LegendPlacement::TopLeft,
    }
}
