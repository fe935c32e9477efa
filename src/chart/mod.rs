//! Chart models: the data layer's tables turned into what a chart shows (series, markers, axes,
//! titles, the table behind it). Built once per data or setting change; drawn by the UI.

pub mod build;
pub mod categories;
pub mod downsample;
pub mod end_labels;
pub mod entities;
pub mod headline;
pub mod marker_labels;
pub mod model;
pub mod texts;
pub mod ticks;
pub mod user;
mod user_table;

pub use build::{ChartOptions, CompositionView, GrowthView, PeriodView, build_chart};
pub use model::{
    ChartId, ChartModel, DataPoint, DataTable, Marker, PointRef, Series, SeriesStyle, Theme,
};
pub use texts::{ChartTexts, OwnTexts};
