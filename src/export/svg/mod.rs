//! The chart model drawn as SVG: title, subtitle, legend, axes with the screen's number formats,
//! every series and event marker, and the source line. Text stays text.

use std::fmt::Write as _;

use super::{ExportOptions, Theme};
use crate::chart::ChartModel;
use crate::chart::model::{AxisFormat, Rgb, event_color};
use crate::chart::ticks;

mod labels;
mod series;

use labels::{END_LABEL_LINE, end_label_room, end_labels_svg, legend, marker_labels_svg};
use series::draw_series;

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
