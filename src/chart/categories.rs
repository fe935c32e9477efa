//! A user's chart with text along x (states, countries, products): one bar per value, the
//! largest first, as a spreadsheet or Datawrapper would chart a table with no time column. The
//! smallest beyond [`CATEGORY_BARS`] are left out and the subtitle says how many: summed into
//! one "Others" bar they would mislead wherever the column is a rate or a share.

use std::fmt::Write as _;

use polars::prelude::*;

use super::model::{
    Axis, AxisFormat, ChartId, ChartModel, DataPoint, DataTable, LegendPlacement, PointRef, Series,
    SeriesStyle, format_number, palette,
};
use super::user::{ChartSpec, UserTable};

/// How many categories get a bar of their own.
pub const CATEGORY_BARS: usize = 15;

/// The bars of `summary` (the `__x` text and `__v0` figure per category, as the user chart groups
/// them), the largest first.
pub fn category_chart(
    table: &UserTable,
    spec: &ChartSpec,
    summary: &DataFrame,
) -> PolarsResult<ChartModel> {
    let names = summary.column("__x")?.cast(&DataType::String)?;
    let figures = summary.column("__v0")?.cast(&DataType::Float64)?;
    let mut bars: Vec<(String, f64)> = names
        .str()?
        .iter()
        .zip(figures.f64()?.iter())
        .filter_map(|(name, figure)| Some((name.unwrap_or("(empty)").to_owned(), figure?)))
        .collect();
    bars.sort_by(|a, b| b.1.total_cmp(&a.1));
    let rest = bars.split_off(bars.len().min(CATEGORY_BARS));
    let value = &spec.values[0];
    let mut subtitle = format!("{value} by {}, the largest first", spec.x);
    if !rest.is_empty() {
        let _ = write!(subtitle, "; the {} smallest are left out", rest.len());
    }
    subtitle.push('.');
    let points: Vec<DataPoint> = bars
        .iter()
        .enumerate()
        .map(|(index, (name, figure))| DataPoint {
            status: crate::data::Status::Reported,
            x: index as f64,
            y: *figure,
            x_end: None,
            band: None,
            label: format!("{name}\n{value}: {}", format_number(*figure)),
            sources: Vec::new(),
            refers_to: PointRef::Year(index as i32),
        })
        .collect();
    let mut x_axis = Axis::new(spec.x.clone(), AxisFormat::Category);
    x_axis.categories = bars.iter().map(|(name, _)| name.clone()).collect();
    let table_out = DataTable {
        columns: vec![spec.x.clone(), value.clone()],
        rows: bars
            .iter()
            .map(|(name, figure)| vec![name.clone(), figure.to_string()])
            .collect(),
        row_refs: (0..bars.len()).map(|i| PointRef::Year(i as i32)).collect(),
    };
    Ok(ChartModel {
        id: ChartId::UserData,
        title: table.file_name(),
        subtitle,
        x_axis,
        y_axis: Axis::new(value.clone(), AxisFormat::Number),
        series: vec![Series {
            name: value.clone(),
            color: palette::BLUE,
            style: SeriesStyle::Bars,
            points,
            max_gap: None,
        }],
        markers: Vec::new(),
        table: table_out,
        source_line: format!("Source: {}", table.path.display()),
        supports_log_scale: false,
        x_range: (-0.6, bars.len() as f64 - 0.4),
        legend: LegendPlacement::Hidden,
    })
}
