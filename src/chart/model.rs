//! The chart model: what a chart shows, as plain data — series of points with their hover
//! text and sources, event markers, axes, a title and a source line, and the table behind it.
//! The window draws it with `egui_plot` and the exporters write it to files, so what is on screen
//! and what is exported come from the same model. Nothing here knows about egui.

use serde::{Deserialize, Serialize};

use crate::data::{EventKind, Status};

/// The charts a user can choose, in the order the list shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ChartId {
    #[default]
    Trade,
    Growth,
    YearToDate,
    Composition,
    TariffLists,
    TariffRates2024,
    Timeline,
    /// A chart of a CSV file the user opened; not one of [`ChartId::ALL`], the bundled charts.
    UserData,
}

impl ChartId {
    pub const ALL: [Self; 7] = [
        Self::Trade,
        Self::Growth,
        Self::YearToDate,
        Self::Composition,
        Self::TariffLists,
        Self::TariffRates2024,
        Self::Timeline,
    ];

    /// The label of the chart in the chart list and the View menu.
    pub fn label(self) -> &'static str {
        match self {
            Self::Trade => "Trade over time",
            Self::Growth => "Growth",
            Self::YearToDate => "Year to date",
            Self::Composition => "What is traded",
            Self::TariffLists => "US Section 301: imports covered",
            Self::TariffRates2024 => "US tariff increases by product",
            Self::Timeline => "Relations timeline",
            Self::UserData => "Your data",
        }
    }

    /// The identifier used on the command line and in annotation files.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Trade => "trade",
            Self::Growth => "growth",
            Self::YearToDate => "year-to-date",
            Self::Composition => "composition",
            Self::TariffLists => "tariffs",
            Self::TariffRates2024 => "tariff-rates-2024",
            Self::Timeline => "timeline",
            Self::UserData => "your-data",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|chart| chart.slug() == slug)
    }

    /// Whether event markers can be overlaid: only on charts with a year axis and values.
    pub fn takes_event_markers(self) -> bool {
        matches!(self, Self::Trade | Self::Growth)
    }
}

/// Light or dark: the window's theme and the background an export is drawn for. One type for
/// the settings, the exports and the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// The width of a bar on a year axis, in years: the same on screen and in exports.
pub const BAR_WIDTH: f64 = 0.6;

/// An sRGB colour, so the model can carry colours without depending on egui.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Colours chosen to stay apart for colour-blind readers (Okabe–Ito) and on light and dark
/// backgrounds.
pub mod palette {
    use super::Rgb;
    pub const BLUE: Rgb = Rgb(0, 114, 178);
    pub const ORANGE: Rgb = Rgb(230, 159, 0);
    pub const GREEN: Rgb = Rgb(0, 158, 115);
    pub const VERMILION: Rgb = Rgb(213, 94, 0);
    pub const PURPLE: Rgb = Rgb(204, 121, 167);
    pub const SKY: Rgb = Rgb(86, 180, 233);
    pub const GREY: Rgb = Rgb(128, 128, 128);
    pub const YELLOW: Rgb = Rgb(240, 228, 66);
    pub const INDIGO: Rgb = Rgb(51, 34, 136);
    pub const WINE: Rgb = Rgb(136, 34, 85);
    pub const OLIVE: Rgb = Rgb(153, 153, 51);
    pub const TEAL: Rgb = Rgb(68, 170, 153);
    pub const ROSE: Rgb = Rgb(204, 102, 119);

    /// Colours for the lines of a user's chart, one each for up to twelve: Okabe and Ito's
    /// colour-blind-safe set, then Paul Tol's muted colours; yellow, weakest on white, last.
    pub const SERIES: [Rgb; 12] = [
        BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, INDIGO, WINE, OLIVE, TEAL, ROSE, YELLOW,
    ];
}

/// The colour of an event kind: four colours no series of the trade chart uses (its lines are
/// blue, orange, sky blue, vermilion and grey), so a marker never reads as part of a line.
pub fn event_color(kind: EventKind) -> Rgb {
    match kind {
        EventKind::Exercise => palette::WINE,
        EventKind::Patrol => palette::PURPLE,
        EventKind::Diplomatic => palette::GREEN,
        EventKind::Tariff => palette::OLIVE,
    }
}

/// How the values of an axis read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxisFormat {
    /// Whole years: 2019, 2020 (never 2,019.5).
    Year,
    /// Months or days as fractional years: ticks by years, quarters, months or days as the
    /// span shown asks ([`super::ticks::time_step`]), never finer than the data.
    Time(super::ticks::Resolution),
    /// Money in billions of US dollars: "$240 bn".
    UsdBn,
    Percent,
    /// An index where the base year is 100.
    Index,
    /// Plain numbers, for a user's own columns: 1,250 or 0.35.
    Number,
    /// Named positions 0, 1, 2… (bar categories or timeline lanes), labelled from `Axis::categories`.
    Category,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub label: String,
    pub format: AxisFormat,
    /// Labels of positions 0, 1, 2… for [`AxisFormat::Category`].
    pub categories: Vec<String>,
}

impl Axis {
    pub fn new(label: impl Into<String>, format: AxisFormat) -> Self {
        Self {
            label: label.into(),
            format,
            categories: Vec::new(),
        }
    }

    /// The text of a tick at `value`.
    pub fn tick_label(&self, value: f64) -> String {
        match self.format {
            AxisFormat::Year | AxisFormat::Index => format!("{value:.0}"),
            AxisFormat::Time(_) => {
                super::ticks::time_label(value, super::ticks::TimeStep::Months(1), true)
            }
            AxisFormat::UsdBn => format_usd_bn(value),
            AxisFormat::Percent => format!("{value:.0}%"),
            AxisFormat::Number => format_number(value),
            AxisFormat::Category => {
                let rounded = value.round();
                if (value - rounded).abs() > 1e-6 || rounded < 0.0 {
                    return String::new();
                }
                self.categories
                    .get(rounded as usize)
                    .cloned()
                    .unwrap_or_default()
            }
        }
    }
}

/// A tick value without needless decimals: "1,250", "0.35", "−2".
pub fn format_number(value: f64) -> String {
    let sign = if value < 0.0 { "−" } else { "" };
    let magnitude = value.abs();
    if magnitude >= 1000.0 && magnitude.fract() == 0.0 {
        let digits = format!("{magnitude:.0}");
        let mut grouped = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        format!("{sign}{grouped}")
    } else {
        let text = format!("{magnitude:.4}");
        let trimmed = text.trim_end_matches('0').trim_end_matches('.');
        format!("{sign}{trimmed}")
    }
}

/// "$240 bn", "$18 bn", "$0.2 bn", "−$14 bn".
pub fn format_usd_bn(value: f64) -> String {
    let sign = if value < 0.0 { "−" } else { "" };
    let magnitude = value.abs();
    if magnitude >= 10.0 || magnitude == 0.0 || (magnitude - magnitude.round()).abs() < 1e-9 {
        format!("{sign}${magnitude:.0} bn")
    } else {
        format!("{sign}${magnitude:.1} bn")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesStyle {
    Line,
    /// A line for derived or estimated values.
    DashedLine,
    /// Vertical bars centred on x.
    Bars,
    /// Markers only, for sparse figures such as the Russian-side totals.
    Points,
    /// A fitted line with its confidence band shaded around it.
    Band,
    /// A horizontal segment from `x` to `x_end` at height `y`, with a dot at each end (old →
    /// new rates; events on timeline lanes).
    Spans,
}

/// What a point stands for, so a click can select it and the article can be searched for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PointRef {
    Year(i32),
    /// A row of a dataset (an event or a tariff step).
    Row {
        dataset_id: String,
        row: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct DataPoint {
    pub x: f64,
    pub y: f64,
    /// The end of a span along x, for [`SeriesStyle::Spans`].
    pub x_end: Option<f64>,
    /// The low and high edge of a confidence band at x, for [`SeriesStyle::Band`].
    pub band: Option<(f64, f64)>,
    /// Hover text: the exact value, unit, year, reporter.
    pub label: String,
    pub sources: Vec<String>,
    /// How firmly the value stands: derived and weakly sourced points are drawn hollow.
    pub status: Status,
    pub refers_to: PointRef,
}

/// What a hollow point means, in the on-screen legend and in every export.
pub const HOLLOW_POINT_MEANING: &str = "Hollow: derived or weakly sourced";

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub color: Rgb,
    pub style: SeriesStyle,
    pub points: Vec<DataPoint>,
    /// Points further apart than this on x are not joined by a line (a gap in the data).
    pub max_gap: Option<f64>,
}

/// Series with more points than this are drawn without a dot per point, on screen and in
/// exports: beyond it the dots merge into a smear and only slow the drawing.
pub const DOTTED_POINTS: usize = 2_000;

impl Series {
    /// Whether each point gets a dot: only while they can be told apart.
    pub fn dotted(&self) -> bool {
        self.points.len() <= DOTTED_POINTS
    }

    /// The runs of points a line may join: a year missing from the data breaks the line, so a
    /// gap is never drawn as if the data had a value there.
    pub fn contiguous_runs(&self) -> Vec<&[DataPoint]> {
        let Some(max_gap) = self.max_gap else {
            return vec![&self.points[..]];
        };
        let mut runs = Vec::new();
        let mut start = 0;
        for index in 1..=self.points.len() {
            let breaks = index == self.points.len()
                || self.points[index].x - self.points[index - 1].x > max_gap;
            if breaks {
                runs.push(&self.points[start..index]);
                start = index;
            }
        }
        runs
    }
}

/// Where the legend sits, chosen per chart so it covers no data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendPlacement {
    TopLeft,
    BottomRight,
    /// The axis already names every series (the timeline's lanes).
    Hidden,
}

/// A dated event drawn across a chart as a vertical line.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub kind: EventKind,
    pub x: f64,
    /// Hover text: the event's whole name and dates.
    pub label: String,
    /// Written on the chart when the user picked the event ([`Self::labelled`]).
    pub short_label: String,
    pub labelled: bool,
    pub refers_to: PointRef,
    pub sources: Vec<String>,
}

/// The table behind a chart: what it plots, as text, with its source per row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// What each row stands for, to mark the selected one.
    pub row_refs: Vec<PointRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartModel {
    pub id: ChartId,
    pub title: String,
    pub subtitle: String,
    pub x_axis: Axis,
    pub y_axis: Axis,
    pub series: Vec<Series>,
    pub markers: Vec<Marker>,
    pub table: DataTable,
    /// "Source: China customs (GACC) …", printed under the chart.
    pub source_line: String,
    /// Whether the y axis can switch to a logarithmic scale (all values positive).
    pub supports_log_scale: bool,
    /// The x range to show when the view is reset.
    pub x_range: (f64, f64),
    pub legend: LegendPlacement,
}

/// A corner of the plot, for the legend drawn inside it on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlotCorner {
    LeftTop,
    RightTop,
    LeftBottom,
    RightBottom,
}

impl ChartModel {
    /// The corner of the plot with the fewest points near it, for a legend that covers as
    /// little of the data as it can: a box of 40% of the width and 35% of the height in each
    /// corner, the first of the emptiest in reading order.
    pub fn emptiest_corner(&self) -> PlotCorner {
        let points = || self.series.iter().flat_map(|s| &s.points);
        let (x_min, x_max) = self.x_range;
        let (mut y_min, mut y_max) = points()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p.y), hi.max(p.y))
            });
        if self.starts_at_zero() {
            (y_min, y_max) = (y_min.min(0.0), y_max.max(0.0));
        }
        if !(y_min.is_finite() && y_max > y_min && x_max > x_min) {
            return PlotCorner::LeftTop;
        }
        let near = |left: bool, top: bool| {
            points()
                .filter(|p| {
                    let across = (p.x - x_min) / (x_max - x_min);
                    let up = (p.y - y_min) / (y_max - y_min);
                    let in_x = if left { across <= 0.4 } else { across >= 0.6 };
                    let in_y = if top { up >= 0.65 } else { up <= 0.35 };
                    in_x && in_y
                })
                .count()
        };
        [
            (PlotCorner::LeftTop, near(true, true)),
            (PlotCorner::RightTop, near(false, true)),
            (PlotCorner::LeftBottom, near(true, false)),
            (PlotCorner::RightBottom, near(false, false)),
        ]
        .into_iter()
        .min_by_key(|&(_, count)| count)
        .map_or(PlotCorner::LeftTop, |(corner, _)| corner)
    }

    /// Whether the value axis must include zero: bars stand on it. Lines and points are drawn
    /// over the range of their values, so an exchange rate moving between 6.8 and 7.3 is a
    /// line, not a flat band at the top of an axis from zero.
    pub fn starts_at_zero(&self) -> bool {
        self.series.iter().any(|s| s.style == SeriesStyle::Bars)
    }

    /// Whether any point is derived or weakly sourced, so the legend says what hollow means.
    pub fn has_unfirm_points(&self) -> bool {
        self.series
            .iter()
            .any(|series| series.points.iter().any(|point| !point.status.is_firm()))
    }

    /// The series point that stands for `target`, if this chart has one.
    pub fn find_point(&self, target: &PointRef) -> Option<(&Series, &DataPoint)> {
        self.series.iter().find_map(|series| {
            series
                .points
                .iter()
                .find(|point| &point.refers_to == target)
                .map(|point| (series, point))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(points: &[(f64, f64)]) -> Series {
        Series {
            name: "line".to_owned(),
            color: palette::BLUE,
            style: SeriesStyle::Line,
            points: points
                .iter()
                .map(|&(x, y)| DataPoint {
                    x,
                    y,
                    x_end: None,
                    band: None,
                    label: String::new(),
                    sources: Vec::new(),
                    refers_to: PointRef::Year(x as i32),
                    status: Status::Reported,
                })
                .collect(),
            max_gap: None,
        }
    }

    #[test]
    fn the_legend_goes_where_the_lines_are_not() {
        let mut model = ChartModel {
            id: ChartId::UserData,
            title: String::new(),
            subtitle: String::new(),
            x_axis: Axis::new("year", AxisFormat::Year),
            y_axis: Axis::new("value", AxisFormat::Number),
            // A line rising from the bottom left to the top right.
            series: vec![line(&[(2000.0, 1.0), (2005.0, 5.0), (2010.0, 10.0)])],
            markers: Vec::new(),
            table: DataTable::default(),
            source_line: String::new(),
            supports_log_scale: false,
            x_range: (2000.0, 2010.0),
            legend: LegendPlacement::TopLeft,
        };
        assert_eq!(model.emptiest_corner(), PlotCorner::LeftTop);
        // Falling instead: the top left is taken, the top right is free.
        model.series = vec![line(&[(2000.0, 10.0), (2005.0, 5.0), (2010.0, 1.0)])];
        assert_eq!(model.emptiest_corner(), PlotCorner::RightTop);
    }

    #[test]
    fn money_and_year_ticks_read_as_people_write_them() {
        let money = Axis::new("Trade", AxisFormat::UsdBn);
        assert_eq!(money.tick_label(240.0), "$240 bn");
        assert_eq!(money.tick_label(-13.83), "−$14 bn");
        assert_eq!(money.tick_label(0.167), "$0.2 bn");
        let years = Axis::new("Year", AxisFormat::Year);
        assert_eq!(years.tick_label(2019.0), "2019");
        let numbers = Axis::new("Value", AxisFormat::Number);
        assert_eq!(numbers.tick_label(1_250_000.0), "1,250,000");
        assert_eq!(numbers.tick_label(0.35), "0.35");
        assert_eq!(numbers.tick_label(-2.0), "−2");
    }

    #[test]
    fn category_ticks_label_only_whole_positions() {
        let mut axis = Axis::new("", AxisFormat::Category);
        axis.categories = vec!["List 1".into(), "List 2".into()];
        assert_eq!(axis.tick_label(1.0), "List 2");
        assert_eq!(axis.tick_label(0.5), "");
        assert_eq!(axis.tick_label(7.0), "");
    }
}
