//! Which point, bar, span or event marker of the chart the pointer is over, and the hover text
//! it shows: the chart panel asks once per frame.

use egui_plot::{ItemId, PlotPoint, PlotUi};

use super::chart_panel::to_plot_y;
use crate::chart::model::BAR_WIDTH;
use crate::chart::{ChartModel, PointRef, SeriesStyle};

/// How near (in screen points) the pointer must be to a point for it to count as hovered.
const HOVER_RADIUS: f32 = 14.0;
/// What the pointer is over.
pub(super) struct Hit {
    pub label: String,
    pub sources: Vec<String>,
    pub refers_to: PointRef,
    /// Where to draw the hover ring, in plot coordinates.
    pub at: Option<PlotPoint>,
}

fn is_hidden(hidden: &egui_plot::ItemIdSet, name: &str) -> bool {
    hidden.contains(&ItemId::new(name))
}

pub(super) fn find_hit(
    plot_ui: &PlotUi<'_>,
    chart: &ChartModel,
    hidden: &egui_plot::ItemIdSet,
    log_scale: bool,
) -> Option<Hit> {
    let pointer_plot = plot_ui.pointer_coordinate()?;
    let pointer = plot_ui.screen_from_plot(pointer_plot);
    let mut best: Option<(f32, Hit)> = None;
    // The hit is built only when it beats the best so far: a long line has thousands of points
    // within reach of the pointer, and building each one's hover text would cost a frame.
    let consider = |best: &mut Option<(f32, Hit)>, distance: f32, hit: &dyn Fn() -> Hit| {
        if distance <= HOVER_RADIUS && best.as_ref().is_none_or(|(d, _)| distance < *d) {
            *best = Some((distance, hit()));
        }
    };
    for series in chart.series.iter().filter(|s| !is_hidden(hidden, &s.name)) {
        // Long lines are sorted by x: look only at the points within reach of the pointer.
        // Undotted series are long: search along x instead of looking at every point.
        let candidates = if !series.dotted()
            && matches!(series.style, SeriesStyle::Line | SeriesStyle::DashedLine)
        {
            let reach = HOVER_RADIUS;
            let left = plot_ui.plot_from_screen(pointer - egui::vec2(reach, 0.0)).x;
            let right = plot_ui.plot_from_screen(pointer + egui::vec2(reach, 0.0)).x;
            let start = series.points.partition_point(|p| p.x < left);
            let end = series.points.partition_point(|p| p.x <= right).max(start);
            &series.points[start..end]
        } else {
            &series.points[..]
        };
        for point in candidates {
            let Some(y) = to_plot_y(point.y, log_scale) else {
                continue;
            };
            let hit = |at: PlotPoint| Hit {
                label: if point.label.is_empty() {
                    format!(
                        "{}\n{}: {}\n{}",
                        series.name,
                        chart.x_axis.label,
                        chart.x_axis.tick_label(point.x),
                        chart.y_axis.tick_label(point.y)
                    )
                } else {
                    point.label.clone()
                },
                sources: point.sources.clone(),
                refers_to: point.refers_to.clone(),
                at: Some(at),
            };
            match series.style {
                SeriesStyle::Bars => {
                    if log_scale {
                        continue;
                    }
                    let (low, high) = if y < 0.0 { (y, 0.0) } else { (0.0, y) };
                    let inside = (pointer_plot.x - point.x).abs() <= BAR_WIDTH / 2.0
                        && (low..=high).contains(&pointer_plot.y);
                    if inside {
                        consider(&mut best, HOVER_RADIUS - 1.0, &|| {
                            hit(PlotPoint::new(point.x, y))
                        });
                    }
                }
                SeriesStyle::Spans => {
                    let start = plot_ui.screen_from_plot(PlotPoint::new(point.x, y));
                    let end_x = point.x_end.unwrap_or(point.x);
                    let end = plot_ui.screen_from_plot(PlotPoint::new(end_x, y));
                    let distance = distance_to_segment(pointer, start, end);
                    consider(&mut best, distance, &|| hit(PlotPoint::new(end_x, y)));
                }
                _ => {
                    let screen = plot_ui.screen_from_plot(PlotPoint::new(point.x, y));
                    consider(&mut best, screen.distance(pointer), &|| {
                        hit(PlotPoint::new(point.x, y))
                    });
                }
            }
        }
    }
    if best.is_none() {
        for marker in chart
            .markers
            .iter()
            .filter(|m| !is_hidden(hidden, m.kind.label()))
        {
            let screen_x = plot_ui
                .screen_from_plot(PlotPoint::new(marker.x, pointer_plot.y))
                .x;
            let distance = (screen_x - pointer.x).abs() * 3.0;
            consider(&mut best, distance, &|| Hit {
                label: format!("{}\n{}", marker.kind.label(), marker.label),
                sources: marker.sources.clone(),
                refers_to: marker.refers_to.clone(),
                at: None,
            });
        }
    }
    best.map(|(_, hit)| hit)
}

fn distance_to_segment(point: egui::Pos2, start: egui::Pos2, end: egui::Pos2) -> f32 {
    let segment = end - start;
    let length_squared = segment.length_sq();
    if length_squared <= f32::EPSILON {
        return point.distance(start);
    }
    let t = ((point - start).dot(segment) / length_squared).clamp(0.0, 1.0);
    point.distance(start + segment * t)
}
