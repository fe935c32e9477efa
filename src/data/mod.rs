//! The data layer: the catalog, the bundled datasets, their validation and the tables derived
//! from them. It knows nothing of egui; the chart models and the UI are built on what it returns.

pub mod article;
pub mod catalog;
pub mod coverage;
pub mod date;
pub mod error;
pub mod events;
pub mod facts;
pub mod records;
pub mod table;
pub mod trade;

use std::path::Path;

use polars::prelude::DataFrame;

pub use article::{Annotation, AnnotationKind, Article};
pub use catalog::{Catalog, ColumnSpec, ColumnType, DatasetSpec};
pub use coverage::Coverage;
pub use date::{IsoDate, month_from_name, month_name};
pub use error::{CellLocation, DataError};
pub use events::{Event, EventKind, TariffStep};
pub use facts::{
    Attribution, CompositionFact, Currency, Flow, Period, PeriodFact, Product, Reporter, Standing,
    Statement, Status, TradeFact,
};
pub use table::{Dataset, load_dataset};
pub use trade::TradeYear;

/// A file compiled into the binary, so the app works from any folder. The copies in
/// `datasets/` stay the readable source of truth.
#[derive(Debug, Clone, Copy)]
pub struct BundledFile<'a> {
    /// The path a user would open to read or fix it, relative to the repository.
    pub path: &'a str,
    pub text: &'a str,
}

macro_rules! bundled {
    ($path:literal) => {
        BundledFile {
            path: concat!("datasets/", $path),
            text: include_str!(concat!("../../datasets/", $path)),
        }
    };
}

pub const CATALOG_FILE: BundledFile<'static> = bundled!("catalog.toml");
pub const DATASET_FILES: [BundledFile<'static>; 7] = [
    bundled!("china_russia_trade.csv"),
    bundled!("china_russia_trade_periods.csv"),
    bundled!("china_russia_composition.csv"),
    bundled!("china_russia_statements.csv"),
    bundled!("us_section301_tariffs.csv"),
    bundled!("joint_military_exercises.csv"),
    bundled!("diplomatic_milestones.csv"),
];
pub const ARTICLE_FILE: BundledFile<'static> = bundled!("articles/putin_beijing_2024.txt");
pub const ANNOTATIONS_FILE: BundledFile<'static> =
    bundled!("articles/putin_beijing_2024.annotations.toml");

pub const TRADE_ID: &str = "china_russia_trade";
pub const PERIODS_ID: &str = "china_russia_trade_periods";
pub const COMPOSITION_ID: &str = "china_russia_composition";
pub const STATEMENTS_ID: &str = "china_russia_statements";
pub const TARIFFS_ID: &str = "us_section301_tariffs";
pub const EXERCISES_ID: &str = "joint_military_exercises";
pub const MILESTONES_ID: &str = "diplomatic_milestones";

/// Everything the dashboard shows, loaded, validated and derived once.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub catalog: Catalog,
    pub datasets: Vec<Dataset>,
    /// One row per reporter and year: total, exports, imports, balance and growth.
    pub trade_yearly: DataFrame,
    pub trade_years: Vec<TradeYear>,
    /// The rows of the trade dataset, typed.
    pub trade_facts: Vec<TradeFact>,
    /// Year-to-date and single-month figures.
    pub period_facts: Vec<PeriodFact>,
    /// What is traded: energy imports and car exports.
    pub composition: Vec<CompositionFact>,
    /// Settlement-currency shares and partner ranks, as officials stated them.
    pub statements: Vec<Statement>,
    /// The years the data covers, for every title, range and default.
    pub coverage: Coverage,
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
        Self::from_datasets(catalog, datasets, ANNOTATIONS_FILE, ARTICLE_FILE.text)
    }

    /// The datasets of `dir` when given, else those compiled into the binary.
    pub fn load_from(dir: Option<&Path>) -> Result<Self, DataError> {
        dir.map_or_else(Self::load, Self::load_from_dir)
    }

    /// Loads the datasets of a folder laid out as `datasets/` is (its `catalog.toml`, the
    /// files it names and the bundled article's annotations), so a user can check an edited or
    /// extended copy without rebuilding.
    pub fn load_from_dir(dir: &Path) -> Result<Self, DataError> {
        let read = |name: &str| {
            let path = dir.join(name);
            let label = path.display().to_string();
            std::fs::read_to_string(&path)
                .map(|text| (label.clone(), text))
                .map_err(|err| DataError::Csv {
                    file: label,
                    message: format!("the file could not be read ({err}). Check the folder holds a copy of datasets/"),
                })
        };
        let (catalog_path, catalog_text) = read("catalog.toml")?;
        let catalog = Catalog::parse(&catalog_path, &catalog_text)?;
        let datasets = catalog
            .datasets
            .iter()
            .map(|spec| {
                let (path, text) = read(&spec.file)?;
                load_dataset(spec, &path, &text)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let annotations_name = ANNOTATIONS_FILE.path.trim_start_matches("datasets/");
        let (annotations_path, annotations_text) = read(annotations_name)?;
        let (_, article_text) = read(ARTICLE_FILE.path.trim_start_matches("datasets/"))?;
        let annotations = BundledFile {
            path: &annotations_path,
            text: &annotations_text,
        };
        Self::from_datasets(catalog, datasets, annotations, &article_text)
    }

    fn from_datasets(
        catalog: Catalog,
        datasets: Vec<Dataset>,
        annotations: BundledFile<'_>,
        article_text: &str,
    ) -> Result<Self, DataError> {
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
            file: bundled_path(trade),
            message: format!("the yearly trade table could not be derived ({err})"),
        };
        let trade_yearly = trade::yearly_table(trade).map_err(derive_error)?;
        let trade_years = trade::trade_years(&trade_yearly).map_err(derive_error)?;
        let trade_facts = facts::trade_facts(trade, &bundled_path(trade))?;
        let typed = |id: &str| find(id).map(|dataset| (dataset, bundled_path(dataset)));
        let (periods, periods_path) = typed(PERIODS_ID)?;
        let period_facts = facts::period_facts(periods, &periods_path)?;
        let (composition, composition_path) = typed(COMPOSITION_ID)?;
        let composition = facts::composition_facts(composition, &composition_path)?;
        let (statements, statements_path) = typed(STATEMENTS_ID)?;
        let statements = facts::statements(statements, &statements_path)?;
        let tariffs = find(TARIFFS_ID)?;
        let tariff_steps = events::tariff_steps(tariffs);
        let milestones = find(MILESTONES_ID)?;
        let mut all_events = events::exercises(find(EXERCISES_ID)?);
        all_events.extend(events::milestones(milestones));
        all_events.extend(events::tariff_events(tariffs, &tariff_steps));
        all_events.sort_by_key(|event| event.start);
        let event_years = (
            all_events.first().map_or(0, |event| event.start.year),
            all_events
                .iter()
                .map(|event| event.end.unwrap_or(event.start).year)
                .max()
                .unwrap_or(0),
        );
        let coverage = Coverage::new(
            &trade_facts,
            &period_facts,
            event_years,
            events::latest_joint_statement(milestones).map(|date| date.year),
            &bundled_path(trade),
        )?;
        let article = Article::parse(annotations.path, annotations.text, article_text, &datasets)?;
        Ok(Self {
            catalog,
            datasets,
            trade_yearly,
            trade_years,
            trade_facts,
            period_facts,
            composition,
            statements,
            coverage,
            tariff_steps,
            events: all_events,
            article,
        })
    }

    pub fn dataset(&self, id: &str) -> Option<&Dataset> {
        self.datasets.iter().find(|d| d.spec.id == id)
    }

    /// The trade dataset's row for one year, reporter and flow.
    pub fn trade_fact(&self, year: i32, reporter: Reporter, flow: Flow) -> Option<&TradeFact> {
        self.trade_facts
            .iter()
            .find(|fact| fact.year == year && fact.reporter == reporter && fact.flow == flow)
    }

    /// China-customs or Russian-side figures of one year.
    pub fn trade_year(&self, reporter: Reporter, year: i32) -> Option<&TradeYear> {
        self.trade_years
            .iter()
            .find(|row| row.reporter == reporter && row.year == year)
    }

    /// The USD figure of one period and flow.
    pub fn period_fact(&self, period: Period, flow: Flow) -> Option<&PeriodFact> {
        self.period_facts.iter().find(|fact| {
            fact.period == period && fact.flow == flow && fact.currency == Currency::Usd
        })
    }
}

/// The path a user would open to fix a bundled dataset, for messages.
fn bundled_path(dataset: &Dataset) -> String {
    format!("datasets/{}", dataset.spec.file)
}

#[cfg(test)]
mod tests;
