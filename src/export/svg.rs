//! The chart model drawn as SVG: title, subtitle, legend, axes with the screen's number formats,
//! every series and event marker, and the source line. Text stays text.

use std::fmt::Write as _;

use super::{ExportOptions, Theme};
use crate::chart::downsample::min_max_per_column;
use crate::chart::end_labels::{PlotArea, end_label_text, place_end_labels};
use crate::chart::marker_labels::place_marker_labels;
use crate::chart::model::{
    AxisFormat, BAR_WIDTH, HOLLOW_POINT_MEANING, LegendPlacement, Rgb, event_color,
};
use crate::chart::ticks;
use crate::chart::{ChartModel, DataPoint, SeriesStyle};
use crate::data::EventKind;

/// The font family written into the SVG; the PNG renderer is given egui's font under it.
pub const FONT_FAMILY: &str = "Ubuntu";

const MARGIN: f64 = 28.0;

struct Palette {
    background: &'static str,
    text: &'static str,
    weak_text: &'static str,
    grid: &'static str,
    axis: &'static str,
}

fn palette(theme: Theme) -> Palette {
    match theme {
        Theme::Light => Palette {
            background: "#ffffff",
            text: "#1f1f1f",
            weak_text: "#6b6b6b",
            grid: "#e4e4e4",
            axis: "#8a8a8a",
        },
        Theme::Dark => Palette {
            background: "#1b1b1b",
            text: "#f0f0f0",
            weak_text: "#a8a8a8",
            grid: "#343434",
            axis: "#8a8a8a",
        },
    }
}

fn hex(rgb: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2)
}

/// Escapes text for SVG.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Splits a text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let current = lines.last_mut().map_or(0, |l| l.chars().count());
        if current > 0 && current + 1 + word.chars().count() > width {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// Maps data coordinates to the picture's.
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    x_range: (f64, f64),
    y_range: (f64, f64),
}

impl Frame {
    fn x(&self, value: f64) -> f64 {
        self.left
            + (value - self.x_range.0) / (self.x_range.1 - self.x_range.0)
                * (self.right - self.left)
    }
    fn y(&self, value: f64) -> f64 {
        self.bottom
            - (value - self.y_range.0) / (self.y_range.1 - self.y_range.0)
                * (self.bottom - self.top)
    }
    fn x_units(&self, units: f64) -> f64 {
        units / (self.x_range.1 - self.x_range.0) * (self.right - self.left)
    }
}

fn y_range(model: &ChartModel) -> (f64, f64) {
    if model.y_axis.format == AxisFormat::Category {
        return (-0.6, model.y_axis.categories.len() as f64 - 0.4);
    }
    let values = model.series.iter().flat_map(|s| &s.points).flat_map(|p| {
        let (low, high) = p.band.unwrap_or((p.y, p.y));
        [p.y, low, high]
    });
    // Bars stand on zero; lines span their own values (as on screen).
    let start = if model.starts_at_zero() {
        (0.0_f64, 0.0_f64)
    } else {
        (f64::INFINITY, f64::NEG_INFINITY)
    };
    let (mut low, mut high) = values
        .filter(|v| v.is_finite())
        .fold(start, |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !low.is_finite() || !high.is_finite() {
        return (0.0, 1.0);
    }
    if (high - low).abs() < f64::EPSILON {
        high = low + 1.0;
        low -= 1.0;
    }
    let pad = (high - low) * 0.05;
    if low != 0.0 || !model.starts_at_zero() {
        low -= pad;
    }
    (low, high + pad)
}

/// The x ticks with their labels, as the window places them.
fn x_ticks(model: &ChartModel, frame: &Frame) -> Vec<(f64, String)> {
    let (min, max) = frame.x_range;
    let labelled = |values: Vec<f64>| -> Vec<(f64, String)> {
        values
            .into_iter()
            .map(|value| (value, model.x_axis.tick_label(value)))
            .collect()
    };
    match model.x_axis.format {
        AxisFormat::Year => {
            let units_per_year = frame.x_units(1.0);
            labelled(ticks::multiples(
                min,
                max,
                ticks::year_step(units_per_year, 64.0),
            ))
        }
        AxisFormat::Time(resolution) => {
            let step = ticks::time_step(frame.x_units(1.0), 64.0, resolution);
            ticks::time_ticks(min, max, step)
                .into_iter()
                .enumerate()
                .map(|(index, value)| (value, ticks::time_label(value, step, index == 0)))
                .collect()
        }
        AxisFormat::Category => labelled(ticks::multiples(min, max, 1.0)),
        _ => labelled(ticks::multiples(min, max, ticks::nice_step(max - min, 8.0))),
    }
}

fn y_ticks(model: &ChartModel, frame: &Frame) -> Vec<f64> {
    let (min, max) = frame.y_range;
    if model.y_axis.format == AxisFormat::Category {
        ticks::multiples(min, max, 1.0)
    } else {
        ticks::value_ticks(min, max).0
    }
}

fn points_attribute(frame: &Frame, points: &[[f64; 2]]) -> String {
    points
        .iter()
        .map(|[x, y]| format!("{:.2},{:.2}", frame.x(*x), frame.y(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn text(svg: &mut String, x: f64, y: f64, size: f64, fill: &str, anchor: &str, content: &str) {
    let _ = writeln!(
        svg,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{fill}" text-anchor="{anchor}">{}</text>"#,
        escape(content)
    );
}

/// Draws the legend (a swatch and a name per series, unless `lines_labelled` at their ends)
/// from `top`; returns where it ends.
fn legend(
    svg: &mut String,
    model: &ChartModel,
    colors: &Palette,
    width: f64,
    top: f64,
    lines_labelled: bool,
) -> f64 {
    let has_events = !model.markers.is_empty();
    if model.legend == LegendPlacement::Hidden
        || (lines_labelled && !has_events && !model.has_unfirm_points())
    {
        return top;
    }
    let mut x = MARGIN;
    let mut y = top + 12.0;
    let _ = writeln!(svg, r#"<g class="legend">"#);
    let named_here = if lines_labelled {
        &[][..]
    } else {
        &model.series[..]
    };
    for series in named_here {
        let item_width = 28.0 + series.name.chars().count() as f64 * 6.8;
        if x + item_width > width - MARGIN && x > MARGIN {
            x = MARGIN;
            y += 20.0;
        }
        let _ = writeln!(
            svg,
            r#"<rect x="{x:.1}" y="{:.1}" width="14" height="10" rx="2" fill="{}"/>"#,
            y - 9.0,
            hex(series.color)
        );
        text(svg, x + 20.0, y, 12.0, colors.text, "start", &series.name);
        x += item_width + 14.0;
    }
    // The event kinds overlaid, as on screen where the coloured checkboxes name them.
    let mut kinds: Vec<EventKind> = Vec::new();
    for marker in &model.markers {
        if !kinds.contains(&marker.kind) {
            kinds.push(marker.kind);
        }
    }
    if model.has_unfirm_points() {
        let item_width = 28.0 + HOLLOW_POINT_MEANING.chars().count() as f64 * 6.8;
        if x + item_width > width - MARGIN && x > MARGIN {
            x = MARGIN;
            y += 20.0;
        }
        let _ = writeln!(
            svg,
            r#"<circle class="hollow-key" cx="{:.1}" cy="{:.1}" r="4.5" fill="{}" stroke="{}" stroke-width="1.5"/>"#,
            x + 7.0,
            y - 4.0,
            colors.background,
            colors.text
        );
        text(
            svg,
            x + 20.0,
            y,
            12.0,
            colors.text,
            "start",
            HOLLOW_POINT_MEANING,
        );
        x += item_width + 14.0;
    }
    for kind in kinds {
        let item_width = 28.0 + kind.label().chars().count() as f64 * 6.8;
        if x + item_width > width - MARGIN && x > MARGIN {
            x = MARGIN;
            y += 20.0;
        }
        let _ = writeln!(
            svg,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="1.5" stroke-dasharray="4 3"/>"#,
            x,
            y - 4.0,
            x + 14.0,
            y - 4.0,
            hex(event_color(kind))
        );
        text(svg, x + 20.0, y, 12.0, colors.text, "start", kind.label());
        x += item_width + 14.0;
    }
    let _ = writeln!(svg, "</g>");
    y + 10.0
}

/// The chart as an SVG document of `options.width` × `options.height` points.
pub fn chart_svg(model: &ChartModel, options: &ExportOptions) -> String {
    let colors = palette(options.theme);
    let (width, height) = (f64::from(options.width), f64::from(options.height));
    let characters_per_line = ((width - 2.0 * MARGIN) / 6.4) as usize;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}, sans-serif">"#
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(&model.title));
    let _ = writeln!(
        svg,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        colors.background
    );

    text(
        &mut svg,
        MARGIN,
        MARGIN + 10.0,
        22.0,
        colors.text,
        "start",
        &model.title,
    );
    let mut y = MARGIN + 34.0;
    for line in wrap(&model.subtitle, characters_per_line) {
        text(&mut svg, MARGIN, y, 13.0, colors.weak_text, "start", &line);
        y += 17.0;
    }
    let source_lines = wrap(&model.source_line, ((width - 2.0 * MARGIN) / 5.6) as usize);
    let source_height = source_lines.len() as f64 * 14.0;
    let plot_bottom = height - MARGIN - source_height - 40.0;
    let lines_labelled = model.labels_line_ends(plot_bottom - y - 14.0, END_LABEL_LINE);
    let legend_bottom = legend(&mut svg, model, &colors, width, y, lines_labelled);

    let y_label_room = if model.y_axis.format == AxisFormat::Category {
        210.0
    } else {
        84.0
    };
    let frame = Frame {
        left: MARGIN + y_label_room,
        right: width
            - MARGIN
            - if lines_labelled {
                end_label_room(model, width)
            } else {
                0.0
            },
        top: legend_bottom + 14.0,
        bottom: plot_bottom,
        x_range: model.x_range,
        y_range: y_range(model),
    };

    axes_svg(&mut svg, model, &frame, &colors);

    let _ = writeln!(
        svg,
        r#"<defs><clipPath id="plot-area"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath></defs>"#,
        frame.left,
        frame.top,
        frame.right - frame.left,
        frame.bottom - frame.top
    );
    let _ = writeln!(svg, r#"<g clip-path="url(#plot-area)">"#);
    for marker in &model.markers {
        let x = frame.x(marker.x);
        let _ = writeln!(
            svg,
            r#"<line class="marker" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{}" stroke-opacity="0.75" stroke-width="1.2" stroke-dasharray="4 3"><title>{}</title></line>"#,
            frame.top,
            frame.bottom,
            hex(event_color(marker.kind)),
            escape(&marker.label)
        );
    }
    // The pixel columns of the plot in a PNG at this scale; an SVG is thinned to the same.
    let columns = ((frame.right - frame.left) * f64::from(options.scale)).ceil() as usize;
    for series in &model.series {
        draw_series(&mut svg, &frame, columns, series, colors.background);
    }
    let _ = writeln!(svg, "</g>");
    if lines_labelled {
        end_labels_svg(&mut svg, model, &frame, &colors);
    }
    marker_labels_svg(&mut svg, model, &frame, &colors);

    let mut y = height - MARGIN - source_height + 12.0;
    for line in source_lines {
        text(&mut svg, MARGIN, y, 11.0, colors.weak_text, "start", &line);
        y += 14.0;
    }
    svg.push_str("</svg>\n");
    svg
}

/// The height of an end label's line of text.
const END_LABEL_LINE: f64 = 16.0;
/// The width of a character of a 12-point label, as the legend estimates it.
const LABEL_CHARACTER: f64 = 6.8;

/// Room right of the plot for the names of its lines: the longest, at most a third of the width.
fn end_label_room(model: &ChartModel, width: f64) -> f64 {
    let longest = model
        .series
        .iter()
        .map(|s| end_label_text(&s.name).chars().count())
        .max()
        .unwrap_or(0);
    (longest as f64 * LABEL_CHARACTER + 26.0).min(width / 3.0)
}

/// Each line's name right of the plot, level with its end: a leader from the line's last point
/// to the name, in the line's colour; the name in the text colour, which reads on any background.
/// A line ending early is named where it ends, the name ringed with the background's colour
/// where it crosses other lines.
fn end_labels_svg(svg: &mut String, model: &ChartModel, frame: &Frame, colors: &Palette) {
    let area = PlotArea {
        left: frame.left,
        right: frame.right,
        top: frame.top,
        bottom: frame.bottom,
    };
    let labels = place_end_labels(
        model,
        frame.x_range.1,
        |x, y| Some((frame.x(x), frame.y(y))),
        area,
        END_LABEL_LINE,
    );
    let _ = writeln!(svg, r#"<g class="end-labels" font-size="12">"#);
    for label in labels {
        let (end_x, end_y) = label.line_end;
        if !label.beside_plot {
            let _ = writeln!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" fill="{}" stroke="{}" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
                end_x + 8.0,
                end_y + 4.0,
                colors.text,
                colors.background,
                escape(&label.text)
            );
            continue;
        }
        let color = hex(model.series[label.series].color);
        // From just past the line's last point, level, then bending to its name.
        let (start, bend, end) = (end_x + 6.0, frame.right + 6.0, frame.right + 14.0);
        let _ = writeln!(
            svg,
            r#"<polyline points="{start:.1},{end_y:.1} {bend:.1},{end_y:.1} {end:.1},{:.1}" fill="none" stroke="{color}" stroke-width="1.5" stroke-opacity="0.8"/>"#,
            label.centre
        );
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" fill="{}">{}</text>"#,
            end + 4.0,
            label.centre + 4.0,
            colors.text,
            escape(&label.text)
        );
    }
    let _ = writeln!(svg, "</g>");
}

/// The short names of the events the user picked, at the top of the plot beside their markers,
/// ringed with the background's colour where they cross a line.
fn marker_labels_svg(svg: &mut String, model: &ChartModel, frame: &Frame, colors: &Palette) {
    let labels = place_marker_labels(
        &model.markers,
        |marker| Some(frame.x(marker.x)),
        (frame.left, frame.right),
        LABEL_CHARACTER,
    );
    if labels.is_empty() {
        return;
    }
    let _ = writeln!(svg, r#"<g class="marker-labels" font-size="12">"#);
    for label in labels {
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" fill="{}" stroke="{}" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
            label.left,
            frame.top + 14.0 + label.row as f64 * END_LABEL_LINE,
            colors.text,
            colors.background,
            escape(&model.markers[label.marker].short_label)
        );
    }
    let _ = writeln!(svg, "</g>");
}

/// Draws one series; derived or weakly sourced points are hollow (filled with `background`),
/// as on screen.
fn draw_series(
    svg: &mut String,
    frame: &Frame,
    columns: usize,
    series: &crate::chart::Series,
    background: &str,
) {
    let color = hex(series.color);
    let fill_of = |point: &DataPoint| {
        if point.status.is_firm() {
            (color.clone(), "")
        } else {
            (
                background.to_owned(),
                r#" stroke-width="1.5" class="hollow""#,
            )
        }
    };
    let _ = writeln!(
        svg,
        r#"<g class="series" data-name="{}">"#,
        escape(&series.name)
    );
    let dot = |svg: &mut String, point: &DataPoint, x: f64, radius: f64| {
        let (fill, hollow) = fill_of(point);
        let radius = if hollow.is_empty() {
            radius
        } else {
            radius + 1.5
        };
        let _ = writeln!(
            svg,
            r#"<circle cx="{:.2}" cy="{:.2}" r="{radius}" fill="{fill}" stroke="{color}"{hollow}><title>{}</title></circle>"#,
            frame.x(x),
            frame.y(point.y),
            escape(&point.label)
        );
    };
    match series.style {
        SeriesStyle::Line | SeriesStyle::DashedLine => {
            let dash = if series.style == SeriesStyle::DashedLine {
                r#" stroke-dasharray="8 5""#
            } else {
                ""
            };
            for run in series.contiguous_runs() {
                // Thinned as the screen thins a line: the lowest and highest point of each pixel
                // column cover the pixels the whole line would, in a file of kilobytes.
                let (x_min, x_max) = frame.x_range;
                let drawn = min_max_per_column(run, |p| [p.x, p.y], x_min, x_max, columns);
                let _ = writeln!(
                    svg,
                    r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2.5" stroke-linejoin="round"{dash}/>"#,
                    points_attribute(frame, &drawn)
                );
            }
            if series.dotted() {
                for point in &series.points {
                    dot(svg, point, point.x, 2.8);
                }
            }
        }
        SeriesStyle::Bars => {
            let half = frame.x_units(BAR_WIDTH) / 2.0;
            for point in &series.points {
                let (top, bottom) = (frame.y(point.y.max(0.0)), frame.y(point.y.min(0.0)));
                let (fill, hollow) = fill_of(point);
                let _ = writeln!(
                    svg,
                    r#"<rect x="{:.2}" y="{top:.2}" width="{:.2}" height="{:.2}" fill="{fill}" fill-opacity="0.75" stroke="{color}"{hollow}><title>{}</title></rect>"#,
                    frame.x(point.x) - half,
                    2.0 * half,
                    (bottom - top).max(0.5),
                    escape(&point.label)
                );
            }
        }
        SeriesStyle::Points => {
            for point in &series.points {
                let (fill, hollow) = fill_of(point);
                diamond_svg(
                    svg,
                    frame,
                    point,
                    &format!(r#"fill="{fill}" stroke="{color}"{hollow}"#),
                );
            }
        }
        SeriesStyle::Spans => {
            for point in &series.points {
                let end = point.x_end.unwrap_or(point.x);
                let _ = writeln!(
                    svg,
                    r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="{color}" stroke-width="4"/>"#,
                    frame.x(point.x),
                    frame.y(point.y),
                    frame.x(end),
                    frame.y(point.y)
                );
                dot(svg, point, point.x, 3.0);
                dot(svg, point, end, 5.0);
            }
        }
        SeriesStyle::Band => band_svg(svg, frame, series, &color),
    }
    let _ = writeln!(svg, "</g>");
}

/// The grid, the ticks with their labels, the frame, the zero line and the axis titles.
fn axes_svg(svg: &mut String, model: &ChartModel, frame: &Frame, colors: &Palette) {
    let _ = writeln!(svg, r#"<g class="axes" font-size="12">"#);
    for value in y_ticks(model, frame) {
        let y = frame.y(value);
        let _ = writeln!(
            svg,
            r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="1"/>"#,
            frame.left, frame.right, colors.grid
        );
        text(
            svg,
            frame.left - 8.0,
            y + 4.0,
            12.0,
            colors.text,
            "end",
            &model.y_axis.tick_label(value),
        );
    }
    for (value, label) in x_ticks(model, frame) {
        let x = frame.x(value);
        let _ = writeln!(
            svg,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{}" stroke-width="1"/>"#,
            frame.top, frame.bottom, colors.grid
        );
        text(
            svg,
            x,
            frame.bottom + 18.0,
            12.0,
            colors.text,
            "middle",
            &label,
        );
    }
    let _ = writeln!(
        svg,
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="{}"/>"#,
        frame.left,
        frame.top,
        frame.right - frame.left,
        frame.bottom - frame.top,
        colors.axis
    );
    if frame.y_range.0 < 0.0 && frame.y_range.1 > 0.0 && model.y_axis.format != AxisFormat::Category
    {
        let zero = frame.y(0.0);
        let _ = writeln!(
            svg,
            r#"<line x1="{:.1}" y1="{zero:.1}" x2="{:.1}" y2="{zero:.1}" stroke="{}" stroke-width="1.2"/>"#,
            frame.left, frame.right, colors.axis
        );
    }
    text(
        svg,
        f64::midpoint(frame.left, frame.right),
        frame.bottom + 36.0,
        13.0,
        colors.text,
        "middle",
        &model.x_axis.label,
    );
    if !model.y_axis.label.is_empty() {
        let (x, y) = (MARGIN + 12.0, f64::midpoint(frame.top, frame.bottom));
        let _ = writeln!(
            svg,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="13" fill="{}" text-anchor="middle" transform="rotate(-90 {x:.1} {y:.1})">{}</text>"#,
            colors.text,
            escape(&model.y_axis.label)
        );
    }
    let _ = writeln!(svg, "</g>");
}

/// A fitted line with its confidence band shaded around it.
fn band_svg(svg: &mut String, frame: &Frame, series: &crate::chart::Series, color: &str) {
    let upper: Vec<String> = series
        .points
        .iter()
        .map(|p| {
            format!(
                "{:.2},{:.2}",
                frame.x(p.x),
                frame.y(p.band.map_or(p.y, |b| b.1))
            )
        })
        .collect();
    let lower: Vec<String> = series
        .points
        .iter()
        .rev()
        .map(|p| {
            format!(
                "{:.2},{:.2}",
                frame.x(p.x),
                frame.y(p.band.map_or(p.y, |b| b.0))
            )
        })
        .collect();
    let _ = writeln!(
        svg,
        r#"<polygon points="{} {}" fill="{color}" fill-opacity="0.18"/>"#,
        upper.join(" "),
        lower.join(" ")
    );
    let _ = writeln!(
        svg,
        r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="1.8" stroke-dasharray="8 5"/>"#,
        points_attribute(
            frame,
            &series.points.iter().map(|p| [p.x, p.y]).collect::<Vec<_>>()
        )
    );
}

/// A diamond marker at a point, with its hover text as the title, painted with `colours`
/// (the fill and stroke attributes).
fn diamond_svg(svg: &mut String, frame: &Frame, point: &DataPoint, colours: &str) {
    let (centre_x, centre_y) = (frame.x(point.x), frame.y(point.y));
    let _ = writeln!(
        svg,
        r#"<polygon points="{:.2},{:.2} {:.2},{:.2} {:.2},{:.2} {:.2},{:.2}" {colours}><title>{}</title></polygon>"#,
        centre_x,
        centre_y - 6.0,
        centre_x + 6.0,
        centre_y,
        centre_x,
        centre_y + 6.0,
        centre_x - 6.0,
        centre_y,
        escape(&point.label)
    );
}
