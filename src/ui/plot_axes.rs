//! The plot's frame: its axes, ticks and grid, the legend's corner, the x range to open on,
//! and the words around the data — line names at their ends, picked events' names. The ticks
//! and the labels' places are the exports' ([`crate::chart::ticks`],
//! [`crate::chart::end_labels`], [`crate::chart::marker_labels`]), so screen and file agree.

use egui_plot::{AxisHints, Corner, GridInput, GridMark, Legend, Plot, PlotPoint, PlotTransform};

use crate::chart::end_labels::{PlotArea, end_label_text, place_end_labels};
use crate::chart::marker_labels::place_marker_labels;
use crate::chart::model::{Axis, AxisFormat, LegendPlacement, PlotCorner};
use crate::chart::{ChartModel, ticks};

fn axis_tick(axis: &Axis, value: f64, log_scale: bool) -> String {
    if log_scale {
        axis.tick_label(10f64.powf(value))
    } else {
        axis.tick_label(value)
    }
}

/// Screen distance between x tick labels, below which `egui_plot` hides them.
const X_LABEL_SPACING: std::ops::RangeInclusive<f32> = 56.0..=64.0;
/// Bars are labelled however close they stand; their labels are cut to fit instead.
const CATEGORY_LABEL_SPACING: std::ops::RangeInclusive<f32> = 4.0..=6.0;
/// The width of a wide character of a tick label, in points: `egui_plot` leaves out a label
/// wider than the space between two ticks.
const CATEGORY_CHARACTER_WIDTH: f32 = 8.5;

/// `text` cut to `room` characters, with an ellipsis where it was cut.
fn cut_to(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(room.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Grid marks at whole years only, so no tick falls between two years, spaced widely enough
/// for every mark to carry its label.
fn year_grid(input: &GridInput) -> Vec<GridMark> {
    // `base_step_size` is the data distance of the plot's minimum grid spacing (8 points).
    let points_per_year = 8.0 / input.base_step_size.max(f64::EPSILON);
    let step = ticks::year_step(points_per_year, f64::from(*X_LABEL_SPACING.end()));
    whole_marks(input.bounds.0, input.bounds.1, step)
}

/// Grid marks at years, quarters, months or days, as many as have room for their labels.
fn time_grid(input: &GridInput, resolution: ticks::Resolution) -> Vec<GridMark> {
    let points_per_year = 8.0 / input.base_step_size.max(f64::EPSILON);
    let step = ticks::time_step(
        points_per_year,
        f64::from(*X_LABEL_SPACING.end()),
        resolution,
    );
    ticks::time_ticks(input.bounds.0, input.bounds.1, step)
        .into_iter()
        .map(|value| GridMark {
            value,
            step_size: step.years(),
        })
        .collect()
}

/// The label of a time grid mark: the first shown carries its year.
fn time_tick(mark: &GridMark, shown: &std::ops::RangeInclusive<f64>) -> String {
    let step = ticks::TimeStep::from_years(mark.step_size);
    let first = mark.value - step.years() < *shown.start();
    ticks::time_label(mark.value, step, first)
}

/// Grid marks of a value axis at round steps, a readable handful as in the exports.
fn value_grid(input: &GridInput) -> Vec<GridMark> {
    let (values, step) = ticks::value_ticks(input.bounds.0, input.bounds.1);
    values
        .into_iter()
        .map(|value| GridMark {
            value,
            step_size: step,
        })
        .collect()
}

/// Grid marks of a log scale at 1, 2 and 5 times powers of ten ($5 bn, $10 bn, $20 bn), the
/// plot's y being log10 of the value.
fn log_grid(input: &GridInput) -> Vec<GridMark> {
    let (low, high) = (10f64.powf(input.bounds.0), 10f64.powf(input.bounds.1));
    ticks::log_ticks(low, high)
        .into_iter()
        .map(|value| GridMark {
            value: value.log10(),
            // Every mark labelled: they are few, and spaced by the 1-2-5 steps.
            step_size: (high.log10() - low.log10()).max(0.1),
        })
        .collect()
}

/// One grid mark per category: every bar or lane is labelled.
fn category_grid(input: &GridInput) -> Vec<GridMark> {
    whole_marks(input.bounds.0, input.bounds.1, 1.0)
}

fn whole_marks(min: f64, max: f64, step: f64) -> Vec<GridMark> {
    ticks::multiples(min, max, step)
        .into_iter()
        .map(|value| GridMark {
            value,
            step_size: step,
        })
        .collect()
}

/// The plot for a chart: its axes, ticks, grid, legend (none when `lines_labelled` at their
/// ends) and the x range to open on.
pub(super) fn configured_plot<'a>(
    chart: &ChartModel,
    selection: &super::Selection,
    plot_id: egui::Id,
    size: egui::Vec2,
    (log_scale, lines_labelled): (bool, bool),
) -> Plot<'a> {
    let x_axis = chart.x_axis.clone();
    // Bars by category: every bar keeps a label, cut to the room it has (its tooltip and the
    // table below name it whole).
    let category_room = (chart.x_axis.format == AxisFormat::Category).then(|| {
        let bars = chart.x_axis.categories.len().max(1) as f32;
        let characters = ((size.x - 90.0) / (bars + 1.0) / CATEGORY_CHARACTER_WIDTH).floor();
        characters.max(3.0) as usize
    });
    let y_axis = chart.y_axis.clone();
    // The x range is fixed (the markers and the 1949 event would otherwise stretch it), but
    // widened to show a selected point that lies outside it.
    let (mut x_min, mut x_max) = chart.x_range;
    if let Some((_, point)) = selection.point.as_ref().and_then(|p| chart.find_point(p)) {
        x_min = x_min.min(point.x - 1.0);
        x_max = x_max.max(point.x_end.unwrap_or(point.x) + 1.0);
    }
    let mut plot = Plot::new(("chart", chart.id))
        .id(plot_id)
        .width(size.x)
        .height(size.y)
        .show_x(false)
        .show_y(false)
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label(chart.x_axis.label.clone())
                .formatter(move |mark, shown| {
                    if matches!(x_axis.format, AxisFormat::Time(_)) {
                        return time_tick(&mark, shown);
                    }
                    let tick = axis_tick(&x_axis, mark.value, false);
                    match category_room {
                        Some(room) => cut_to(&tick, room),
                        None => tick,
                    }
                })
                .label_spacing(if category_room.is_some() {
                    CATEGORY_LABEL_SPACING
                } else {
                    X_LABEL_SPACING
                }),
        ])
        .default_x_bounds(x_min, x_max);
    let y_hints = AxisHints::new_y()
        .label(chart.y_axis.label.clone())
        .formatter(move |mark, _| axis_tick(&y_axis, mark.value, log_scale));
    let legend = Legend::default().background_alpha(0.85);
    plot = match chart.legend {
        LegendPlacement::Hidden => plot,
        _ if lines_labelled => plot,
        // Inside the plot on screen, where it covers the fewest points.
        LegendPlacement::TopLeft | LegendPlacement::BottomRight => {
            plot.legend(legend.position(match chart.emptiest_corner() {
                PlotCorner::LeftTop => Corner::LeftTop,
                PlotCorner::RightTop => Corner::RightTop,
                PlotCorner::LeftBottom => Corner::LeftBottom,
                PlotCorner::RightBottom => Corner::RightBottom,
            }))
        }
    };
    if chart.x_axis.format == AxisFormat::Year {
        plot = plot.x_grid_spacer(|input| year_grid(&input));
    } else if let AxisFormat::Time(resolution) = chart.x_axis.format {
        plot = plot.x_grid_spacer(move |input| time_grid(&input, resolution));
    } else if chart.x_axis.format == AxisFormat::Category {
        plot = plot.x_grid_spacer(|input| category_grid(&input));
    }
    if chart.y_axis.format == AxisFormat::Category {
        let lanes = chart.y_axis.categories.len() as f64;
        // Every lane is labelled, even when lanes are closer than egui_plot's default spacing.
        plot = plot
            .custom_y_axes(vec![
                y_hints.min_thickness(200.0).label_spacing(10.0..=12.0),
            ])
            .y_grid_spacer(|input| category_grid(&input))
            .include_y(-0.6)
            .include_y(lanes - 0.4);
    } else {
        plot = plot.custom_y_axes(vec![y_hints.min_thickness(56.0)]);
        if log_scale {
            plot = plot.y_grid_spacer(|input| log_grid(&input));
        } else {
            plot = plot.y_grid_spacer(|input| value_grid(&input));
            if chart.starts_at_zero() {
                plot = plot.include_y(0.0);
            }
        }
    }
    plot
}

/// The room right of the plot for the names of its lines, when the chart names them there: the
/// widest name, at most a third of the width.
pub(super) fn end_label_room(ui: &egui::Ui, chart: &ChartModel, plot_height: f32) -> Option<f32> {
    let line = ui.text_style_height(&egui::TextStyle::Body);
    if !chart.labels_line_ends(f64::from(plot_height), f64::from(line)) {
        return None;
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = chart
        .series
        .iter()
        .map(|series| {
            let text = end_label_text(&series.name);
            ui.painter()
                .layout_no_wrap(text, font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    Some((widest + END_LABEL_INDENT + 4.0).min(ui.available_width() / 3.0))
}

/// Where a name starts, right of the plot's edge: room for the leader's bend.
const END_LABEL_INDENT: f32 = 18.0;

/// Each line's name in `room`, right of the plot, level with where the line ends in view: a
/// leader in the line's colour from its last point, the name in the text colour (readable on
/// both themes, which a yellow name on white is not). A line ending early is named where it
/// ends, on a patch of the background.
pub(super) fn end_labels_ui(
    ui: &mut egui::Ui,
    chart: &ChartModel,
    transform: &PlotTransform,
    room: egui::Rect,
    log_scale: bool,
) {
    let frame = *transform.frame();
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let area = PlotArea {
        left: f64::from(frame.left()),
        right: f64::from(frame.right()),
        top: f64::from(frame.top()),
        bottom: f64::from(frame.bottom()),
    };
    let labels = place_end_labels(
        chart,
        transform.bounds().max()[0],
        |x, y| {
            let y = super::chart_panel::to_plot_y(y, log_scale)?;
            let at = transform.position_from_point(&PlotPoint::new(x, y));
            Some((f64::from(at.x), f64::from(at.y)))
        },
        area,
        f64::from(line),
    );
    for label in labels {
        let (end_x, end_y, centre) = (
            label.line_end.0 as f32,
            label.line_end.1 as f32,
            label.centre as f32,
        );
        let (left, right) = if label.beside_plot {
            let color = super::chart_panel::color(chart.series[label.series].color);
            ui.painter().line(
                vec![
                    egui::pos2(end_x + 6.0, end_y),
                    egui::pos2(room.left() + 6.0, end_y),
                    egui::pos2(room.left() + END_LABEL_INDENT - 4.0, centre),
                ],
                egui::Stroke::new(1.5, color.gamma_multiply(0.8)),
            );
            (room.left() + END_LABEL_INDENT, room.right())
        } else {
            (end_x + 8.0, frame.right())
        };
        let rect = egui::Rect::from_min_max(
            egui::pos2(left, centre - line / 2.0),
            egui::pos2(right, centre + line / 2.0),
        );
        let left_aligned = egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center));
        let beside_plot = label.beside_plot;
        ui.scope_builder(left_aligned, |ui| {
            let text = egui::Label::new(&label.text).selectable(false).truncate();
            if beside_plot {
                ui.add(text);
            } else {
                egui::Frame::new()
                    .fill(ui.visuals().extreme_bg_color.gamma_multiply(0.85))
                    .inner_margin(egui::Margin::symmetric(2, 0))
                    .show(ui, |ui| ui.add(text));
            }
        });
    }
}

/// The short names of the events the user picked, at the top of the plot beside their markers,
/// each on a patch of the background so a line under it does not cross the words; none for a
/// kind hidden in the legend.
pub(super) fn marker_labels_ui(
    ui: &mut egui::Ui,
    chart: &ChartModel,
    transform: &PlotTransform,
    hidden: &egui_plot::ItemIdSet,
) {
    let frame = *transform.frame();
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let font = egui::TextStyle::Body.resolve(ui.style());
    // An average character of the body font; the exports estimate theirs the same way.
    let char_width = f64::from(font.size) * 0.55;
    let labels = place_marker_labels(
        &chart.markers,
        |marker| {
            let shown = !hidden.contains(&egui_plot::ItemId::new(marker.kind.label()));
            shown.then(|| f64::from(transform.position_from_point_x(marker.x)))
        },
        (f64::from(frame.left()), f64::from(frame.right())),
        char_width,
    );
    for label in labels {
        let top = frame.top() + 2.0 + label.row as f32 * line;
        let rect = egui::Rect::from_min_max(
            egui::pos2(label.left as f32, top),
            egui::pos2(frame.right(), top + line),
        );
        let left_aligned = egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center));
        ui.scope_builder(left_aligned, |ui| {
            egui::Frame::new()
                .fill(ui.visuals().extreme_bg_color.gamma_multiply(0.85))
                .inner_margin(egui::Margin::symmetric(2, 0))
                .show(ui, |ui| {
                    let name = &chart.markers[label.marker].short_label;
                    ui.add(egui::Label::new(name.as_str()).selectable(false).truncate());
                });
        });
    }
}
