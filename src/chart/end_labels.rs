//! Names written at the right end of each line, as Datawrapper labels its lines: the reader sees
//! which line is which where it ends, and no legend box covers the data. The screen and the
//! exports place them with these functions, each in its own units (points or pixels).

use super::model::{ChartModel, DataPoint, LegendPlacement, SeriesStyle};

/// More lines than this keep the legend: their labels would stack into a list anyway.
pub const MAX_END_LABELS: usize = 8;
/// Longer names are cut with "…"; the tooltip and the table name them whole.
pub const END_LABEL_CHARACTERS: usize = 24;

/// The plot's edges on the screen (or the page), down from the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// A line's name beside its end.
#[derive(Debug, Clone, PartialEq)]
pub struct EndLabel {
    /// The series it names, an index into [`ChartModel::series`].
    pub series: usize,
    pub text: String,
    /// Where the line ends, on the screen.
    pub line_end: (f64, f64),
    /// Right of the plot, with a leader from the line's end; else inside the plot, just right
    /// of where the line ends: it ends before the others, and a leader across the plot would
    /// read as a line of data.
    pub beside_plot: bool,
    /// The middle of the label, moved off its neighbours beside the plot.
    pub centre: f64,
}

impl ChartModel {
    /// Whether the lines are named at their ends instead of in a legend: two to eight lines
    /// and nothing else (bars, bands and diamonds keep the legend that explains them), with
    /// room for each name's line of text in a plot `plot_height` tall.
    pub fn labels_line_ends(&self, plot_height: f64, line_height: f64) -> bool {
        let lines = self.series.len();
        self.legend != LegendPlacement::Hidden
            && (2..=MAX_END_LABELS).contains(&lines)
            && self
                .series
                .iter()
                .all(|s| matches!(s.style, SeriesStyle::Line | SeriesStyle::DashedLine))
            && plot_height >= lines as f64 * line_height * 1.5
    }
}

/// A series name as its end label shows it.
pub fn end_label_text(name: &str) -> String {
    if name.chars().count() <= END_LABEL_CHARACTERS {
        return name.to_owned();
    }
    let mut short: String = name.chars().take(END_LABEL_CHARACTERS - 1).collect();
    short.push('…');
    short
}

/// The label of each line at its last point left of `x_max`. Labels beside the plot stand
/// `line_height` apart at least, inside its height. `to_screen` maps a point to the screen
/// (`None` where it cannot be drawn: a log scale's non-positive values).
pub fn place_end_labels(
    model: &ChartModel,
    x_max: f64,
    to_screen: impl Fn(f64, f64) -> Option<(f64, f64)>,
    area: PlotArea,
    line_height: f64,
) -> Vec<EndLabel> {
    let ends: Vec<Option<&DataPoint>> = model
        .series
        .iter()
        .map(|series| {
            series
                .points
                .iter()
                .rev()
                .find(|p| p.x <= x_max && p.y.is_finite())
        })
        .collect();
    let latest = ends
        .iter()
        .flatten()
        .map(|p| p.x)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut labels: Vec<EndLabel> = ends
        .iter()
        .enumerate()
        .filter_map(|(index, last)| {
            let last = (*last)?;
            let (x, y) = to_screen(last.x, last.y)?;
            let line_end = (
                x.clamp(area.left, area.right),
                y.clamp(area.top, area.bottom),
            );
            Some(EndLabel {
                series: index,
                text: end_label_text(&model.series[index].name),
                line_end,
                beside_plot: last.x >= latest,
                centre: line_end.1,
            })
        })
        .collect();
    labels.sort_by(|a, b| a.line_end.1.total_cmp(&b.line_end.1));
    let half = line_height / 2.0;
    // Down from the top, each below the one above it; then, if the last spills past the
    // bottom, up from the bottom. Labels keep their order, and each moves as little as it can.
    let mut floor = area.top + half;
    for label in labels.iter_mut().filter(|l| l.beside_plot) {
        label.centre = label.centre.max(floor);
        floor = label.centre + line_height;
    }
    let mut ceiling = area.bottom - half;
    for label in labels.iter_mut().rev().filter(|l| l.beside_plot) {
        label.centre = label.centre.min(ceiling);
        ceiling = label.centre - line_height;
    }
    labels
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // positions on a screen of whole points, exact in binary
mod tests {
    use super::*;
    use crate::chart::model::{Axis, AxisFormat, ChartId, DataTable, PointRef, Series, palette};
    use crate::data::Status;

    fn line(name: &str, values: &[f64]) -> Series {
        Series {
            name: name.to_owned(),
            color: palette::BLUE,
            style: SeriesStyle::Line,
            points: values
                .iter()
                .enumerate()
                .map(|(i, &y)| DataPoint {
                    x: 2000.0 + i as f64,
                    y,
                    x_end: None,
                    band: None,
                    label: String::new(),
                    sources: Vec::new(),
                    status: Status::Reported,
                    refers_to: PointRef::Year(2000 + i as i32),
                })
                .collect(),
            max_gap: None,
        }
    }

    fn chart(series: Vec<Series>) -> ChartModel {
        ChartModel {
            id: ChartId::UserData,
            title: String::new(),
            subtitle: String::new(),
            x_axis: Axis::new("year", AxisFormat::Year),
            y_axis: Axis::new("value", AxisFormat::Number),
            series,
            markers: Vec::new(),
            table: DataTable::default(),
            source_line: String::new(),
            supports_log_scale: false,
            x_range: (2000.0, 2003.0),
            legend: LegendPlacement::TopLeft,
        }
    }

    /// Years 2000–2002 from 0 to 300 across, values 0–100 from 200 (bottom) to 0 (top).
    #[allow(clippy::unnecessary_wraps)] // the shape `place_end_labels` takes
    fn screen(x: f64, y: f64) -> Option<(f64, f64)> {
        Some(((x - 2000.0) * 150.0, 200.0 - y * 2.0))
    }

    const AREA: PlotArea = PlotArea {
        left: 0.0,
        right: 300.0,
        top: 0.0,
        bottom: 200.0,
    };

    #[test]
    fn labels_sit_at_line_ends_and_move_apart_only_as_far_as_they_must() {
        let model = chart(vec![
            line("Exports to Russia", &[10.0, 20.0, 50.0]),
            line("Imports from Russia", &[12.0, 30.0, 49.0]),
            line("Balance", &[5.0, 5.0, 5.0]),
        ]);
        let labels = place_end_labels(&model, 2003.0, screen, AREA, 16.0);
        let by_series = |index: usize| labels.iter().find(|l| l.series == index).unwrap();
        // Alone at the bottom, the balance's label stays where its line ends.
        assert_eq!(by_series(2).centre, 190.0);
        // Two lines ending 2 points apart: their labels are a line of text apart, the higher
        // line's label above, both still near their ends.
        let (exports, imports) = (by_series(0), by_series(1));
        assert_eq!((exports.line_end.1, imports.line_end.1), (100.0, 102.0));
        assert!((imports.centre - exports.centre - 16.0).abs() < 1e-9);
        assert!(exports.centre <= 100.0 && imports.centre >= 102.0);
        // Kept inside the plot: a line ending at its top edge gets a label just below it.
        let top = chart(vec![
            line("a", &[0.0, 0.0, 100.0]),
            line("b", &[0.0, 0.0, 99.0]),
        ]);
        let labels = place_end_labels(&top, 2003.0, screen, AREA, 16.0);
        assert_eq!(labels[0].centre, 8.0);
        assert_eq!(labels[1].centre, 24.0);
    }

    #[test]
    fn a_zoomed_view_labels_the_last_point_in_view() {
        let model = chart(vec![
            line("a", &[10.0, 20.0, 90.0]),
            line("b", &[0.0, 0.0, 0.0]),
        ]);
        let zoomed = PlotArea {
            right: 150.0,
            ..AREA
        };
        let labels = place_end_labels(&model, 2001.5, screen, zoomed, 16.0);
        let a = labels.iter().find(|l| l.series == 0).unwrap();
        assert_eq!(a.line_end, (150.0, 160.0));
        assert!(a.beside_plot);
    }

    #[test]
    fn a_line_ending_early_is_named_where_it_ends_and_leaves_the_others_in_place() {
        // "2026" has only its first year; the full years end at the right edge.
        let model = chart(vec![
            line("2025", &[10.0, 20.0, 50.0]),
            line("2026", &[12.0]),
            line("2024", &[10.0, 20.0, 49.0]),
        ]);
        let labels = place_end_labels(&model, 2003.0, screen, AREA, 16.0);
        let early = labels.iter().find(|l| l.series == 1).unwrap();
        assert!(!early.beside_plot);
        assert_eq!((early.line_end, early.centre), ((0.0, 176.0), 176.0));
        let beside: Vec<f64> = labels
            .iter()
            .filter(|l| l.beside_plot)
            .map(|l| l.centre)
            .collect();
        assert_eq!(beside.len(), 2);
        assert!((beside[1] - beside[0] - 16.0).abs() < 1e-9, "{beside:?}");
    }

    #[test]
    fn only_a_handful_of_lines_alone_in_a_tall_enough_plot_are_labelled() {
        let two = chart(vec![line("a", &[1.0]), line("b", &[2.0])]);
        assert!(two.labels_line_ends(300.0, 16.0));
        assert!(!two.labels_line_ends(40.0, 16.0));
        assert!(!chart(vec![line("a", &[1.0])]).labels_line_ends(300.0, 16.0));
        let nine = chart((0..9).map(|i| line(&i.to_string(), &[1.0])).collect());
        assert!(!nine.labels_line_ends(900.0, 16.0));
        let mut with_bars = two.clone();
        with_bars.series[1].style = SeriesStyle::Bars;
        assert!(!with_bars.labels_line_ends(300.0, 16.0));
        assert_eq!(
            end_label_text("Machinery and transport equipment (HS 84–85)"),
            "Machinery and transport…"
        );
    }
}
