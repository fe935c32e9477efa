//! What is traded: China's energy imports from Russia (crude oil, pipeline gas, LNG, coal) and
//! its car exports, a view per unit so no axis mixes tonnes with dollars.

use serde::{Deserialize, Serialize};

use super::{PROVENANCE_COLUMNS, provenance_cells, provenance_lines};
use crate::chart::model::{
    Axis, AxisFormat, ChartId, ChartModel, DataPoint, DataTable, LegendPlacement, PointRef, Rgb,
    Series, SeriesStyle, palette,
};
use crate::data::{Bundle, CompositionFact, Product};

/// Which unit the composition chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum CompositionView {
    /// Values in USD billion: crude oil, LNG and cars.
    #[default]
    Values,
    /// Million tonnes: crude oil, LNG, coal.
    Tonnes,
    /// Billion cubic metres of pipeline gas.
    PipelineGas,
    /// Thousands of cars exported.
    Cars,
}

impl CompositionView {
    pub const ALL: [Self; 4] = [Self::Values, Self::Tonnes, Self::PipelineGas, Self::Cars];

    pub fn label(self) -> &'static str {
        match self {
            Self::Values => "Values (USD)",
            Self::Tonnes => "Tonnes",
            Self::PipelineGas => "Pipeline gas (bcm)",
            Self::Cars => "Cars (units)",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::Values => "What China and Russia trade: values, USD billion",
            Self::Tonnes => {
                "What China imports from Russia: crude oil, LNG and coal, million tonnes"
            }
            Self::PipelineGas => "China's pipeline gas imports from Russia, billion cubic metres",
            Self::Cars => "China's car exports to Russia, thousands",
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Self::Values => "USD bn",
            Self::Tonnes => "Mt",
            Self::PipelineGas => "bcm",
            Self::Cars => "thousand units",
        }
    }

    fn axis(self) -> Axis {
        match self {
            Self::Values => Axis::new("USD billion", AxisFormat::UsdBn),
            Self::Tonnes => Axis::new("Million tonnes", AxisFormat::Number),
            Self::PipelineGas => Axis::new("Billion cubic metres", AxisFormat::Number),
            Self::Cars => Axis::new("Thousand cars", AxisFormat::Number),
        }
    }
}

fn product_color(product: Product) -> Rgb {
    match product {
        Product::CrudeOil => palette::BLUE,
        Product::PipelineGas => palette::GREEN,
        Product::Lng => palette::SKY,
        Product::Coal => palette::GREY,
        Product::PassengerCars => palette::ORANGE,
    }
}

fn direction_label(fact: &CompositionFact) -> &'static str {
    match fact.direction {
        crate::data::Flow::ChinaExports => "China's exports to Russia",
        _ => "China's imports from Russia",
    }
}

fn point(fact: &CompositionFact) -> DataPoint {
    let growth = fact
        .reported_yoy_pct
        .map(|g| format!(" ({g:+.1}% on a year earlier)"))
        .unwrap_or_default();
    let label = format!(
        "{} · {}\n{}: {} {}{growth}{}",
        fact.period.label(),
        direction_label(fact),
        fact.product,
        fact.value,
        fact.unit,
        provenance_lines(fact.status, &fact.note, &fact.attribution)
    );
    // A part of a year sits where that part ends, so it never reads as the full year.
    let x = if fact.period.is_full_year() {
        f64::from(fact.period.year)
    } else {
        f64::from(fact.period.year) - 0.5 + f64::from(fact.period.last_month) / 12.0
    };
    DataPoint {
        x,
        y: fact.value,
        x_end: None,
        band: None,
        label,
        sources: fact.attribution.urls.clone(),
        status: fact.status,
        refers_to: PointRef::Row {
            dataset_id: crate::data::COMPOSITION_ID.to_owned(),
            row: fact.row,
        },
    }
}

pub(super) fn composition_chart(bundle: &Bundle, view: CompositionView) -> ChartModel {
    let facts: Vec<&CompositionFact> = bundle
        .composition
        .iter()
        .filter(|fact| fact.unit == view.unit())
        .collect();
    let mut products: Vec<Product> = facts.iter().map(|fact| fact.product).collect();
    products.sort_unstable();
    products.dedup();
    let mut series = Vec::new();
    for product in products {
        let of_product = facts.iter().filter(|fact| fact.product == product);
        let (full, part): (Vec<&&CompositionFact>, Vec<&&CompositionFact>) =
            of_product.partition(|fact| fact.period.is_full_year());
        series.push(Series {
            name: format!("{product}, full year"),
            color: product_color(product),
            style: SeriesStyle::Line,
            points: full.iter().map(|fact| point(fact)).collect(),
            max_gap: Some(1.0),
        });
        if !part.is_empty() {
            series.push(Series {
                name: format!("{product}, part of a year"),
                color: product_color(product),
                style: SeriesStyle::Points,
                points: part.iter().map(|fact| point(fact)).collect(),
                max_gap: None,
            });
        }
    }
    let mut table = DataTable {
        columns: ["Period", "Direction", "Product", "Value", "Unit"]
            .into_iter()
            .chain(PROVENANCE_COLUMNS)
            .map(str::to_owned)
            .collect(),
        ..DataTable::default()
    };
    for fact in &facts {
        let mut row = vec![
            fact.period.label(),
            direction_label(fact).to_owned(),
            fact.product.label().to_owned(),
            fact.value.to_string(),
            fact.unit.clone(),
        ];
        row.extend(provenance_cells(fact.status, &fact.note, &fact.attribution));
        table.rows.push(row);
        table.row_refs.push(PointRef::Row {
            dataset_id: crate::data::COMPOSITION_ID.to_owned(),
            row: fact.row,
        });
    }
    let years = facts.iter().map(|fact| fact.period.year);
    let (first, last) = (
        years.clone().min().unwrap_or_default(),
        years.max().unwrap_or_default(),
    );
    ChartModel {
        id: ChartId::Composition,
        title: view.title().to_owned(),
        subtitle: "China's energy imports from Russia and its car exports, by year; diamonds are parts of a year (placed where the part ends), hollow points are derived or weakly sourced. The full product breakdown is not published with GACC's headline figures.".to_owned(),
        x_axis: Axis::new("Year", AxisFormat::Year),
        y_axis: view.axis(),
        series,
        markers: Vec::new(),
        table,
        source_line: "Source: China customs (GACC) product tables as relayed by news agencies; Gazprom for pipeline gas; the China Passenger Car Association for some car counts. Compiled in bilateral's china_russia_composition dataset.".to_owned(),
        supports_log_scale: false,
        // A year of room on the left keeps the legend off the first points.
        x_range: (f64::from(first) - 1.5, f64::from(last) + 0.5),
        legend: LegendPlacement::TopLeft,
    }
}
