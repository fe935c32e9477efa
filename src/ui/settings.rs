//! What the user chose, persisted between runs: the chart, panels, theme and chart options.
//! Never the data. Stored as JSON through eframe's storage, read back with a fallback: a
//! corrupt or old settings file gives the defaults and a notice, never a crash.

use serde::{Deserialize, Serialize};

use crate::chart::user::ChartSpec;
use crate::chart::{
    ChartId, ChartOptions, ChartTexts, CompositionView, GrowthView, PeriodView, Theme,
};
use crate::data::{Coverage, EventKind};

/// The key under which the settings are stored.
pub const SETTINGS_KEY: &str = "bilateral.settings";

// One flag per panel the user can hide: an enum set would say the same less plainly.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub chart: ChartId,
    pub theme: Theme,
    pub show_headline: bool,
    pub show_article: bool,
    pub show_table: bool,
    /// The event kinds overlaid on the trade and growth charts.
    pub marker_kinds: Vec<EventKind>,
    pub log_scale: bool,
    pub growth_view: GrowthView,
    /// The index view's base year; `None` for the data's default.
    pub index_base_year: Option<i32>,
    pub period_view: PeriodView,
    pub composition_view: CompositionView,
    /// The years the statistics panel (and the trend line) cover; `None` for the first or
    /// latest year of the data, so a new year in the data is in range without a click.
    pub stats_from: Option<i32>,
    pub stats_to: Option<i32>,
    /// Whether the statistics test for a break in the trend.
    pub break_test: bool,
    /// The year the break test splits the range at; `None` for the data's default.
    pub break_year: Option<i32>,
    pub show_trend: bool,
    /// CSV files opened lately, newest first.
    pub recent_files: Vec<std::path::PathBuf>,
    /// How the user charted each of their files (mapping, filters, texts), newest first, so
    /// reopening a file gives the chart they made.
    pub file_charts: Vec<SavedChart>,
    /// The folder each file dialog was last left in: articles, data files and exports each
    /// have their own.
    pub article_folder: Option<std::path::PathBuf>,
    pub data_folder: Option<std::path::PathBuf>,
    pub export_folder: Option<std::path::PathBuf>,
}

/// How a user's file was charted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedChart {
    pub path: std::path::PathBuf,
    pub spec: Option<ChartSpec>,
    #[serde(default)]
    pub texts: ChartTexts,
}

/// How many files' charts are remembered.
const SAVED_CHARTS: usize = 50;

impl Settings {
    /// The chart saved for the file at `path` (absolute), if any.
    pub fn saved_chart(&self, path: &std::path::Path) -> Option<&SavedChart> {
        self.file_charts.iter().find(|saved| saved.path == path)
    }

    /// Remembers how the file at `path` (absolute) is charted, first in the list.
    pub fn save_chart(&mut self, saved: SavedChart) {
        self.file_charts
            .retain(|earlier| earlier.path != saved.path);
        self.file_charts.insert(0, saved);
        self.file_charts.truncate(SAVED_CHARTS);
    }
}

impl Default for Settings {
    fn default() -> Self {
        let chart_defaults = ChartOptions::default();
        Self {
            chart: ChartId::Trade,
            theme: Theme::Light,
            show_headline: true,
            show_article: true,
            show_table: true,
            marker_kinds: chart_defaults.marker_kinds,
            log_scale: false,
            growth_view: chart_defaults.growth_view,
            index_base_year: chart_defaults.index_base_year,
            period_view: chart_defaults.period_view,
            composition_view: chart_defaults.composition_view,
            stats_from: None,
            stats_to: None,
            break_test: true,
            break_year: None,
            show_trend: false,
            recent_files: Vec::new(),
            file_charts: Vec::new(),
            article_folder: None,
            data_folder: None,
            export_folder: None,
        }
    }
}

impl Settings {
    /// The statistics' first and last year and break year, the data's defaults filling what
    /// the user has not chosen.
    pub fn stats_years(&self, coverage: &Coverage) -> (i32, i32, Option<i32>) {
        let break_year = if self.break_test {
            self.break_year.or(coverage.default_break_year)
        } else {
            None
        };
        (
            self.stats_from.unwrap_or(coverage.first_year),
            self.stats_to.unwrap_or(coverage.last_full_year),
            break_year,
        )
    }

    pub fn chart_options(&self, coverage: &Coverage) -> ChartOptions {
        let (from, to, _) = self.stats_years(coverage);
        ChartOptions {
            growth_view: self.growth_view,
            index_base_year: self.index_base_year,
            period_view: self.period_view,
            composition_view: self.composition_view,
            marker_kinds: self.marker_kinds.clone(),
            trend_years: self.show_trend.then_some((from, to)),
            // Picked in the window for this run only: the app adds them.
            labelled_events: Vec::new(),
        }
    }

    pub fn to_json(&self) -> String {
        // Serialising plain enums, bools and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads stored settings. `Err` carries a sentence for the user saying why the defaults
    /// are used instead.
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|err| {
            format!("The saved settings could not be read ({err}); the defaults are used instead.")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_round_trip() {
        let settings = Settings {
            chart: ChartId::Timeline,
            theme: Theme::Dark,
            show_table: false,
            marker_kinds: vec![EventKind::Patrol],
            log_scale: true,
            growth_view: GrowthView::Index,
            index_base_year: Some(2010),
            period_view: PeriodView::Months,
            composition_view: CompositionView::Tonnes,
            stats_from: Some(2005),
            break_test: false,
            recent_files: vec!["/data/baci_2022.csv.gz".into(), "exports.csv".into()],
            ..Settings::default()
        };
        assert_eq!(Settings::from_json(&settings.to_json()), Ok(settings));
    }

    #[test]
    fn old_settings_missing_fields_get_defaults_and_corrupt_ones_are_refused() {
        let old = Settings::from_json(r#"{"chart":"Growth"}"#).expect("old file reads");
        assert_eq!(old.chart, ChartId::Growth);
        assert!(old.show_article);
        let corrupt = Settings::from_json("{not json").expect_err("corrupt");
        assert!(corrupt.contains("defaults are used"), "{corrupt}");
        assert!(Settings::from_json(r#"{"chart":"Pie"}"#).is_err());
    }
}
