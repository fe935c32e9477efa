//! The US Section 301 charts: imports covered by each action, and the 2024 increases' old and
//! new rates by product group.

use std::collections::BTreeMap;

use crate::chart::model::{
    Axis, AxisFormat, ChartId, ChartModel, DataPoint, DataTable, LegendPlacement, PointRef, Series,
    SeriesStyle, format_usd_bn, palette,
};
use crate::data::{Bundle, IsoDate, TariffStep};

/// One bar of the Section 301 chart: an action with its covered imports and its rate steps.
struct ActionBar {
    action: String,
    covered_usd_bn: f64,
    steps: Vec<String>,
    sources: Vec<String>,
    /// The dataset row of the action's first step.
    row: usize,
}

/// One bar per action: the first step of each list carries its covered value, the later
/// steps add their rates and sources.
fn action_bars(bundle: &Bundle) -> Vec<ActionBar> {
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
    actions
}

pub(super) fn tariff_lists_chart(bundle: &Bundle) -> ChartModel {
    let actions = action_bars(bundle);
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
            status: crate::data::Status::Reported,
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
        subtitle: format!(
            "Value of Chinese imports covered by each action, USD billion.{}",
            announcement(bundle)
                .and_then(|(date, covered)| Some((date, covered?)))
                .map(|(date, covered)| format!(
                    " The increases announced in {} {} cover {} of imports; that is not the tariff revenue.",
                    crate::data::facts::month_name(date.month),
                    date.year,
                    format_usd_bn(covered)
                ))
                .unwrap_or_default()
        ),
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
        source_line: "Source: USTR Section 301 notices in the Federal Register; List 4A's covered value from USTR's own statement. Compiled in bilateral's us_section301_tariffs dataset.".to_owned(),
        supports_log_scale: false,
        x_range: (-0.6, last + 0.6),
        legend: LegendPlacement::TopLeft,
    }
}

/// The date and covered value of the announcement the product-group increases belong to.
fn announcement(bundle: &Bundle) -> Option<(IsoDate, Option<f64>)> {
    bundle
        .tariff_steps
        .iter()
        .find(|step| step.effective.is_none())
        .and_then(|step| Some((step.announced?, step.imports_covered_usd_bn)))
}

pub(super) fn tariff_rates_chart(bundle: &Bundle) -> ChartModel {
    let announcement = announcement(bundle);
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
    let (by_year, table) = rate_steps(&steps, lane);
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
        title: announcement.map_or_else(
            || "US Section 301 tariff increases by product group".to_owned(),
            |(date, _)| format!("US tariff increases announced on {}", date.long_label()),
        ),
        subtitle: format!(
            "Section 301 rate on Chinese goods before and after, percent, by product group.{}",
            announcement
                .and_then(|(_, covered)| covered)
                .map(|covered| format!(" Together they cover {} of imports.", format_usd_bn(covered)))
                .unwrap_or_default()
        ),
        x_axis: Axis::new("Tariff rate", AxisFormat::Percent),
        y_axis,
        series,
        markers: Vec::new(),
        table,
        source_line: "Source: USTR via the Federal Register (the proposal and the final notice of these increases); rows whose table line was read through a relay say so. Compiled in bilateral's us_section301_tariffs dataset.".to_owned(),
        supports_log_scale: false,
        x_range: (-5.0, 105.0),
        legend: LegendPlacement::BottomRight,
    }
}

/// Each product group's rate step as a span from the old rate to the new, grouped by the year
/// it takes effect, with the table behind them.
fn rate_steps(
    steps: &[&TariffStep],
    lane: impl Fn(&str) -> f64,
) -> (BTreeMap<i32, Vec<DataPoint>>, DataTable) {
    let mut by_year: BTreeMap<i32, Vec<DataPoint>> = BTreeMap::new();
    let mut table = DataTable {
        columns: vec![
            "Product group".into(),
            "Old rate (%)".into(),
            "New rate (%)".into(),
            "Effective".into(),
            "Imports covered ($ bn)".into(),
            "Source".into(),
            "Addresses".into(),
        ],
        ..DataTable::default()
    };
    let tariffs_id = crate::data::TARIFFS_ID.to_owned();
    for step in steps.iter().copied() {
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
            step.credit.clone(),
            step.sources.join(" "),
        ]);
        table.row_refs.push(refers_to.clone());
        by_year.entry(effective.year).or_default().push(DataPoint {
            status: crate::data::Status::Reported,
            x: old,
            y: lane(&step.product_group),
            x_end: Some(new),
            band: None,
            label: format!(
                "{}\n{} from {effective}{covered}\nSource: {}",
                step.product_group,
                step.rate_change_label(),
                step.credit
            ),
            sources: step.sources.clone(),
            refers_to,
        });
    }
    (by_year, table)
}
