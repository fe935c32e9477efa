//! The series drawn as the screen draws them: lines thinned to the picture's pixel columns,
//! bars, diamonds, spans and the trend's band; derived or weakly sourced points hollow.

use std::fmt::Write as _;

use super::{Frame, escape, hex, points_attribute};
use crate::chart::downsample::min_max_per_column;
use crate::chart::model::BAR_WIDTH;
use crate::chart::{DataPoint, SeriesStyle};

/// Draws one series; derived or weakly sourced points are hollow (filled with `background`),
/// as on screen.
pub(super) fn draw_series(
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

/// A fitted line with its confidence band shaded around it.
fn band_svg(svg: &mut String, frame: &Frame, series: &crate::chart::Series, color: &str) {
    // Along the upper edge and back along the lower one: one closed outline.
    let outline: Vec<[f64; 2]> = series
        .points
        .iter()
        .map(|p| [p.x, p.band.map_or(p.y, |b| b.1)])
        .chain(
            series
                .points
                .iter()
                .rev()
                .map(|p| [p.x, p.band.map_or(p.y, |b| b.0)]),
        )
        .collect();
    let _ = writeln!(
        svg,
        r#"<polygon points="{}" fill="{color}" fill-opacity="0.18"/>"#,
        points_attribute(frame, &outline)
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
