//! The words around the data: the legend, the names of lines at their ends and of the events
//! the user picked, placed as the screen places them ([`crate::chart::end_labels`],
//! [`crate::chart::marker_labels`]).

use std::fmt::Write as _;

use super::{Frame, MARGIN, Palette, escape, hex, text};
use crate::chart::ChartModel;
use crate::chart::end_labels::{PlotArea, end_label_text, place_end_labels};
use crate::chart::marker_labels::place_marker_labels;
use crate::chart::model::{HOLLOW_POINT_MEANING, LegendPlacement, event_color};
use crate::data::EventKind;

/// Draws the legend (a swatch and a name per series, unless `lines_labelled` at their ends)
/// from `top`; returns where it ends.
pub(super) fn legend(
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

/// The height of an end label's line of text.
pub(super) const END_LABEL_LINE: f64 = 16.0;
/// The width of a character of a 12-point label, as the legend estimates it.
const LABEL_CHARACTER: f64 = 6.8;

/// Room right of the plot for the names of its lines: the longest, at most a third of the width.
pub(super) fn end_label_room(model: &ChartModel, width: f64) -> f64 {
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
pub(super) fn end_labels_svg(
    svg: &mut String,
    model: &ChartModel,
    frame: &Frame,
    colors: &Palette,
) {
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
pub(super) fn marker_labels_svg(
    svg: &mut String,
    model: &ChartModel,
    frame: &Frame,
    colors: &Palette,
) {
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
