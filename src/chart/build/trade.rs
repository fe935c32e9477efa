//! The trade chart (totals, flows, balance, Russian-side figures) and the growth chart
//! (year-on-year change or an index to a base year), with the tables behind them.

use std::fmt::Write as _;

use super::{ChartOptions, GrowthView, TRADE_SOURCE, reporter_label};
use crate::chart::model::{
    Axis, AxisFormat, ChartId, ChartModel, DataPoint, DataTable, LegendPlacement, PointRef, Rgb,
    Series, SeriesStyle, palette,
};
use crate::data::trade::{CHINA_CUSTOMS, RUSSIA_OFFICIAL};
use crate::data::{Bundle, TradeYear};

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
    color: Rgb,
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
            let facts = bundle
                .trade_row(row.year, reporter, flow)
                .unwrap_or_default();
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

pub(super) fn trade_chart(bundle: &Bundle) -> ChartModel {
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
            let facts = bundle
                .trade_row(year, CHINA_CUSTOMS, "total")
                .unwrap_or_default();
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
        let split = bundle
            .trade_row(year, CHINA_CUSTOMS, "china_exports")
            .unwrap_or_default()
            .status;
        let mut sources = bundle
            .trade_row(year, CHINA_CUSTOMS, "total")
            .unwrap_or_default()
            .sources;
        sources.extend(
            bundle
                .trade_row(year, RUSSIA_OFFICIAL, "total")
                .unwrap_or_default()
                .sources,
        );
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

pub(super) fn growth_chart(bundle: &Bundle, options: &ChartOptions) -> ChartModel {
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
        let facts = bundle
            .trade_row(row.year, CHINA_CUSTOMS, "total")
            .unwrap_or_default();
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
            let sources = bundle
                .trade_row(row.year, CHINA_CUSTOMS, "total")
                .unwrap_or_default()
                .sources;
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
