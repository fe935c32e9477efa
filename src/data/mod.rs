//! The data layer: the catalog, the bundled datasets, their validation and the tables derived
//! from them. It knows nothing of egui; the chart models and the UI are built on what it returns.

pub mod article;
pub mod catalog;
pub mod date;
pub mod error;
pub mod events;
pub mod records;
pub mod table;
pub mod trade;

use polars::prelude::DataFrame;

pub use article::{Annotation, AnnotationKind, Article};
pub use catalog::{Catalog, ColumnSpec, ColumnType, DatasetSpec};
pub use date::IsoDate;
pub use error::{CellLocation, DataError};
pub use events::{Event, EventKind, TariffStep};
pub use table::{Dataset, load_dataset};
pub use trade::TradeYear;

/// A file compiled into the binary, so the app works from any folder. The copies in
/// `datasets/` stay the readable source of truth.
#[derive(Debug, Clone, Copy)]
pub struct BundledFile {
    /// The path a user would open to read or fix it, relative to the repository.
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! bundled {
    ($path:literal) => {
        BundledFile {
            path: concat!("datasets/", $path),
            text: include_str!(concat!("../../datasets/", $path)),
        }
    };
}

pub const CATALOG_FILE: BundledFile = bundled!("catalog.toml");
pub const DATASET_FILES: [BundledFile; 4] = [
    bundled!("china_russia_trade.csv"),
    bundled!("us_section301_tariffs.csv"),
    bundled!("joint_military_exercises.csv"),
    bundled!("diplomatic_milestones.csv"),
];
pub const ARTICLE_FILE: BundledFile = bundled!("articles/putin_beijing_2024.txt");
pub const ANNOTATIONS_FILE: BundledFile = bundled!("articles/putin_beijing_2024.annotations.toml");

pub const TRADE_ID: &str = "china_russia_trade";
pub const TARIFFS_ID: &str = "us_section301_tariffs";
pub const EXERCISES_ID: &str = "joint_military_exercises";
pub const MILESTONES_ID: &str = "diplomatic_milestones";

/// One row of the tidy trade dataset, as the charts, headline figures and claim checks read it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TradeRow {
    pub row: usize,
    pub value_usd_bn: f64,
    /// `reported` or `derived`.
    pub status: String,
    /// The growth the source itself reported, in percent.
    pub reported_yoy_pct: Option<f64>,
    pub sources: Vec<String>,
}

/// Everything the dashboard shows, loaded, validated and derived once.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub catalog: Catalog,
    pub datasets: Vec<Dataset>,
    /// One row per reporter and year: total, exports, imports, balance and growth.
    pub trade_yearly: DataFrame,
    pub trade_years: Vec<TradeYear>,
    pub tariff_steps: Vec<TariffStep>,
    /// Exercises, patrols, milestones and tariff actions, in date order.
    pub events: Vec<Event>,
    pub article: Article,
}

impl Bundle {
    /// Loads the datasets compiled into the binary.
    pub fn load() -> Result<Self, DataError> {
        let catalog = Catalog::parse(CATALOG_FILE.path, CATALOG_FILE.text)?;
        let datasets = catalog
            .datasets
            .iter()
            .map(|spec| {
                let file = DATASET_FILES
                    .iter()
                    .find(|file| file.path.ends_with(&format!("/{}", spec.file)))
                    .ok_or_else(|| DataError::UnknownDataset {
                        file: CATALOG_FILE.path.to_owned(),
                        id: spec.id.clone(),
                    })?;
                load_dataset(spec, file.path, file.text)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::from_datasets(catalog, datasets)
    }

    fn from_datasets(catalog: Catalog, datasets: Vec<Dataset>) -> Result<Self, DataError> {
        let find = |id: &str| {
            datasets
                .iter()
                .find(|d| d.spec.id == id)
                .ok_or_else(|| DataError::UnknownDataset {
                    file: CATALOG_FILE.path.to_owned(),
                    id: id.to_owned(),
                })
        };
        let trade = find(TRADE_ID)?;
        let derive_error = |err: polars::prelude::PolarsError| DataError::Csv {
            file: trade_file_path(),
            message: format!("the yearly trade table could not be derived ({err})"),
        };
        let trade_yearly = trade::yearly_table(trade).map_err(derive_error)?;
        let trade_years = trade::trade_years(&trade_yearly).map_err(derive_error)?;
        let tariffs = find(TARIFFS_ID)?;
        let tariff_steps = events::tariff_steps(tariffs);
        let mut all_events = events::exercises(find(EXERCISES_ID)?);
        all_events.extend(events::milestones(find(MILESTONES_ID)?));
        all_events.extend(events::tariff_events(tariffs, &tariff_steps));
        all_events.sort_by_key(|event| event.start);
        let article = Article::parse(
            ANNOTATIONS_FILE.path,
            ANNOTATIONS_FILE.text,
            ARTICLE_FILE.text,
            &datasets,
        )?;
        Ok(Self {
            catalog,
            datasets,
            trade_yearly,
            trade_years,
            tariff_steps,
            events: all_events,
            article,
        })
    }

    pub fn dataset(&self, id: &str) -> Option<&Dataset> {
        self.datasets.iter().find(|d| d.spec.id == id)
    }

    /// The trade dataset's row for one year, reporter and flow.
    pub fn trade_row(&self, year: i32, reporter: &str, flow: &str) -> Option<TradeRow> {
        let trade = self.dataset(TRADE_ID)?;
        let rows = trade.find_rows(&[
            ("year".to_owned(), year.to_string()),
            ("reporter".to_owned(), reporter.to_owned()),
            ("flow".to_owned(), flow.to_owned()),
        ]);
        let row = *rows.first()?;
        let number = |column: &str| trade.cell_text(row, column)?.parse::<f64>().ok();
        Some(TradeRow {
            row,
            value_usd_bn: number("value_usd_bn")?,
            status: trade.cell_text(row, "status").unwrap_or_default(),
            reported_yoy_pct: number("reported_yoy_pct"),
            sources: events::sources(trade, row),
        })
    }

    /// China-customs or Russian-side figures of one year.
    pub fn trade_year(&self, reporter: &str, year: i32) -> Option<&TradeYear> {
        self.trade_years
            .iter()
            .find(|row| row.reporter == reporter && row.year == year)
    }
}

fn trade_file_path() -> String {
    DATASET_FILES[0].path.to_owned()
}

#[cfg(test)]
mod tests;
